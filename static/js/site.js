/* Behaviour the templates ask for with data- attributes (the Content-Security-Policy allows no inline script).
 *   data-confirm="question"  on a button or link: asks before it acts
 * ("select all" checkboxes are static/js/select-all.js, loaded by the batch pages.)
 */
document.addEventListener("click", (event) => {
  const asking = event.target.closest("[data-confirm]");
  if (asking && !window.confirm(asking.dataset.confirm)) {
    event.preventDefault();
  }
});

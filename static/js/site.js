/* Behaviour the templates ask for with data- attributes (the Content-Security-Policy allows no inline script).
 *   data-confirm="question"      on a button or link: asks before it acts
 *   data-select-all="field name" on a checkbox: ticks or clears every checkbox with that name
 */
document.addEventListener("click", (event) => {
  const asking = event.target.closest("[data-confirm]");
  if (asking && !window.confirm(asking.dataset.confirm)) {
    event.preventDefault();
  }
});

document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all) return;
  const form = all.form || document;
  form.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`).forEach((box) => {
    box.checked = all.checked;
  });
});

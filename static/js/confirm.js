// Buttons and links with data-confirm="…" ask before they act (the site's CSP allows no inline scripts).
// Included beside each form that uses it; the first copy to run installs the one listener.
(function () {
  if (window.fangxinConfirmInstalled) return;
  window.fangxinConfirmInstalled = true;
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (target && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();

// Buttons and links with data-confirm="…" ask before they act (the site's CSP allows no inline scripts).
// Included beside each form that uses it; the first copy to run installs the one listener.
(function () {
  if (window.fangxinConfirmInstalled) return;
  window.fangxinConfirmInstalled = true;
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
    // A form with a required field left empty (the reason) is not asked about: the server refuses it and
    // says what is missing, so nothing irreversible can happen without the question.
    if (target && target.form && Array.prototype.some.call(target.form.querySelectorAll("[required]"),
      function (field) { return !String(field.value || "").trim(); })) return;
    if (target && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();

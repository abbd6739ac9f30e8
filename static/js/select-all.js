// A "select all" checkbox: <input type="checkbox" data-select-all="application"> ticks every
// <input name="application"> of its form. Loaded as a file (the site's CSP allows no inline scripts).
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-select-all]")) return;
  var scope = box.form || document;
  scope.querySelectorAll('input[name="' + box.dataset.selectAll + '"]').forEach(function (other) {
    other.checked = box.checked;
  });
});

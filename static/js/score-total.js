// The score sheet's running total (assess/_score_sheet.html): the sum of the points typed so far, updated as
// the assessor types. Without this script the bar shows the total of what was last saved.
(function () {
  var sheets = document.querySelectorAll("form[data-score-sheet]");
  Array.prototype.forEach.call(sheets, function (form) {
    var output = form.querySelector("[data-score-total]");
    var count = form.querySelector("[data-score-count]");
    if (!output) return;
    function update() {
      // A veto item of no points has a hidden 0, not a box to fill: it is not counted as an item to score.
      var inputs = form.querySelectorAll("input[data-points]:not([type=hidden])");
      var total = 0, filled = 0;
      Array.prototype.forEach.call(inputs, function (input) {
        var value = parseFloat(input.value);
        if (!isNaN(value)) { total += value; filled += 1; }
      });
      output.textContent = String(Math.round(total * 100) / 100);
      if (count) count.textContent = "已评 " + filled + " / " + inputs.length + " 项";
    }
    form.addEventListener("input", update);
    update();
  });
})();

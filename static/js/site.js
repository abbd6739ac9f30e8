// Site-wide behaviour, loaded by base.html (the CSP allows no inline scripts). Without JavaScript the
// menu simply stays open and tables scroll sideways; with it:
//  - the phone menu is a real button (aria-expanded) that opens and closes the navigation;
//  - 大字 (larger text, 适老化) is a toggle remembered in localStorage;
//  - data tables read as cards on narrow screens: every cell is labelled with its column's header;
//  - a table that still scrolls sideways can be reached and scrolled with the keyboard;
//  - file inputs say 选择文件 / 未选择文件 (the browser's own button speaks the browser's language);
//  - the browser's own form checks (a required field left empty, an e-mail address without @) speak
//    Chinese: the bubble's text follows the browser's language, so each check's message is set here.
(function () {
  "use strict";
  var root = document.documentElement;
  var LARGE = "fangxin-large-text";

  function stored() {
    try { return window.localStorage.getItem(LARGE) === "1"; } catch (e) { return false; }
  }

  function store(on) {
    try { window.localStorage.setItem(LARGE, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
  }

  function largeText() {
    var toggle = document.querySelector("[data-large-text]");
    if (stored()) root.classList.add("large-text");
    if (!toggle) return;
    toggle.hidden = false;
    toggle.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false");
    toggle.addEventListener("click", function () {
      var on = root.classList.toggle("large-text");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      store(on);
      labelScrollers();
    });
  }

  function menu() {
    var button = document.querySelector("[data-nav-toggle]");
    if (!button) return;
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;
    root.classList.add("has-nav-toggle");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
      if (open) {
        var first = nav.querySelector("a, button");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        nav.classList.remove("open");
        button.focus();
      }
    });
  }

  function headerText(th) {
    var text = (th.textContent || "").replace(/\s+/g, " ").trim();
    if (!text) {
      var labelled = th.querySelector("[aria-label]");
      text = labelled ? labelled.getAttribute("aria-label") : "";
    }
    return text;
  }

  function cards() {
    var tables = document.querySelectorAll(".table-scroll > table");
    Array.prototype.forEach.call(tables, function (table) {
      var headRow = table.querySelector("thead tr");
      if (!headRow) return;
      var labels = [];
      Array.prototype.forEach.call(headRow.children, function (th) {
        var span = parseInt(th.getAttribute("colspan") || "1", 10);
        for (var i = 0; i < span; i++) labels.push(headerText(th));
      });
      // The totals row (tfoot) is labelled too: a column of bare numbers says nothing on a phone.
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr, tfoot tr"), function (tr) {
        var column = 0;
        Array.prototype.forEach.call(tr.children, function (cell) {
          var label = labels[column] || "";
          if (cell.hasAttribute("colspan") && cell.getAttribute("colspan") !== "1") {
            cell.classList.add("cell-wide");
          } else if (label && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", label);
          }
          if ((cell.textContent || "").trim().length > 14) cell.classList.add("cell-long");
          column += parseInt(cell.getAttribute("colspan") || "1", 10);
        });
      });
      table.classList.add("stacked");
    });
  }

  function nameOf(scroller) {
    var table = scroller.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var el = scroller;
    while (el) {
      var prev = el.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.trim();
        var inner = prev.querySelector && prev.querySelector("h1, h2, h3, h4");
        if (inner) return inner.textContent.trim();
        prev = prev.previousElementSibling;
      }
      el = el.parentElement;
      if (el && el.tagName === "MAIN") break;
    }
    return "表格";
  }

  function labelScrollers() {
    var scrollers = document.querySelectorAll(".table-scroll");
    Array.prototype.forEach.call(scrollers, function (scroller) {
      if (scroller.scrollWidth > scroller.clientWidth + 1) {
        scroller.setAttribute("tabindex", "0");
        scroller.setAttribute("role", "region");
        scroller.setAttribute("aria-label", nameOf(scroller) + "（可左右滑动）");
      } else if (scroller.getAttribute("role") === "region") {
        scroller.removeAttribute("tabindex");
        scroller.removeAttribute("role");
        scroller.removeAttribute("aria-label");
      }
    });
  }

  // Filters in <details data-open-wide> stay folded on phones (results first) and open on wider screens.
  function wideDetails() {
    if (!window.matchMedia || !window.matchMedia("(min-width: 761px)").matches) return;
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (d) {
      d.open = true;
    });
  }

  function fileInputs() {
    Array.prototype.forEach.call(document.querySelectorAll('input[type="file"]'), function (input) {
      if (!input.id || input.classList.contains("file-input")) return;
      var button = document.createElement("label");
      button.htmlFor = input.id;
      button.className = "button secondary small file-button";
      button.textContent = "选择文件";
      var names = document.createElement("span");
      names.className = "file-names small muted";
      names.setAttribute("aria-live", "polite");
      names.textContent = "未选择文件";
      input.classList.add("file-input");
      input.insertAdjacentElement("afterend", names);
      input.insertAdjacentElement("afterend", button);
      input.addEventListener("change", function () {
        var files = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
        names.textContent = files.length === 0 ? "未选择文件"
          : files.length === 1 ? files[0] : "已选择 " + files.length + " 个文件：" + files.join("、");
      });
    });
  }

  function validityMessage(el) {
    var v = el.validity;
    if (v.valueMissing) {
      if (el.type === "checkbox") return "请勾选此项。";
      if (el.type === "radio") return "请选择其中一项。";
      if (el.type === "file") return "请选择文件。";
      if (el.tagName === "SELECT") return "请在列表中选择一项。";
      return "请填写此项。";
    }
    if (v.typeMismatch) return el.type === "email" ? "请输入有效的电子邮件地址。" : el.type === "url" ? "请输入有效的网址。" : "格式不正确。";
    if (v.badInput) return "请输入有效的数值。";
    if (v.rangeUnderflow) return "不能小于 " + el.min + "。";
    if (v.rangeOverflow) return "不能大于 " + el.max + "。";
    if (v.stepMismatch) return "请输入有效的数值。";
    if (v.tooShort) return "请至少输入 " + el.minLength + " 个字符（现为 " + el.value.length + " 个）。";
    if (v.tooLong) return "最多输入 " + el.maxLength + " 个字符。";
    if (v.patternMismatch) return el.title || "格式不正确。";
    return "请检查此项。";
  }

  function chineseValidity() {
    // "invalid" does not bubble: listen in the capture phase, once for the whole page.
    document.addEventListener("invalid", function (event) {
      var el = event.target;
      if (!el.setCustomValidity) return;
      el.setCustomValidity("");
      if (!el.validity.valid) el.setCustomValidity(validityMessage(el));
    }, true);
    function clear(event) {
      var el = event.target;
      if (!el.setCustomValidity) return;
      // a radio group is one answer: choosing any of its buttons clears the message on all of them
      var group = el.type === "radio" && el.form && el.name ? el.form.querySelectorAll('input[type="radio"]') : [el];
      Array.prototype.forEach.call(group, function (item) {
        if ((item === el || item.name === el.name) && item.validity && item.validity.customError) item.setCustomValidity("");
      });
    }
    document.addEventListener("input", clear, true);
    document.addEventListener("change", clear, true);
  }

  largeText();
  menu();
  chineseValidity();
  fileInputs();
  wideDetails();
  cards();
  labelScrollers();
  var pending;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(labelScrollers, 100);
  });
})();

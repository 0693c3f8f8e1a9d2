// @ts-check
// A table wider than its column (a phone, 长者模式's larger text) scrolls sideways inside its frame (Material sets
// the table to overflow: auto), which a reader cannot see: such a table gets a line above it, 「左右滑动查看」, shadows
// at the edges that still hide columns (readers.css, table[data-scrolls]) and a Tab stop, so a keyboard scrolls it
// too. Measured again whenever the table's size or the text's size changes (the 长者模式 switch).
(function () {
  "use strict";

  var HINT_CLASS = "table-scroll-hint";
  var HINT = "左右滑动查看";

  /** The hint above the table, made once and shown while the table scrolls.
   * @param {HTMLTableElement} table
   * @returns {HTMLElement} */
  function hintOf(table) {
    var outer = /** @type {HTMLElement} */ (table.closest(".md-typeset__scrollwrap") || table);
    var before = outer.previousElementSibling;
    if (before instanceof HTMLElement && before.classList.contains(HINT_CLASS)) return before;
    var hint = document.createElement("p");
    hint.className = HINT_CLASS;
    hint.textContent = HINT;
    hint.hidden = true;
    outer.before(hint);
    return hint;
  }

  var NAME = "表格（" + HINT + "）";

  /** The element that scrolls, if any: Material's wrapper when the table is wider than it (the table's own frame
   * then grows with it), else the table itself (overflow: auto, at most as wide as its column).
   * @param {HTMLTableElement} table
   * @returns {HTMLElement | null} */
  function scroller(table) {
    var wrap = /** @type {HTMLElement | null} */ (table.closest(".md-typeset__scrollwrap"));
    if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) return wrap;
    if (table.scrollWidth > table.clientWidth + 1) return table;
    return null;
  }

  /** @param {HTMLElement} element @param {boolean} on */
  function mark(element, on) {
    element.toggleAttribute("data-scrolls", on);
    if (on) {
      element.tabIndex = 0; // a keyboard scrolls it with the arrow keys
      if (!element.hasAttribute("aria-label")) element.setAttribute("aria-label", NAME);
      if (element.tagName !== "TABLE") element.setAttribute("role", "region"); // a named, focusable frame
    } else if (element.getAttribute("aria-label") === NAME) {
      element.removeAttribute("tabindex");
      element.removeAttribute("aria-label");
      if (element.getAttribute("role") === "region") element.removeAttribute("role");
    }
  }

  /** @param {HTMLTableElement} table */
  function measure(table) {
    var wrap = /** @type {HTMLElement | null} */ (table.closest(".md-typeset__scrollwrap"));
    var found = scroller(table);
    hintOf(table).hidden = !found;
    mark(table, found === table);
    if (wrap) mark(wrap, found === wrap);
  }

  function start() {
    var tables = /** @type {HTMLTableElement[]} */ (Array.from(document.querySelectorAll("article table")));
    if (!tables.length) return;
    var measureAll = function () {
      tables.forEach(measure);
    };
    measureAll();
    if (typeof ResizeObserver === "function") {
      var observer = new ResizeObserver(measureAll);
      tables.forEach(function (table) {
        observer.observe(table);
        var row = table.querySelector("tr");
        if (row) observer.observe(row); // the row grows with the text while the table's frame may not
      });
    } else {
      window.addEventListener("resize", measureAll);
    }
    // 长者模式 switched on or off: the text's size changes, the frame's width perhaps not.
    new MutationObserver(measureAll).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

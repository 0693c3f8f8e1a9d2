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

  /** The frame's name when focused: the table's column headings and how to see the rest, one name per table
   * (two frames of one page named alike would be two landmarks a screen reader cannot tell apart).
   * @param {HTMLTableElement} table */
  function nameOf(table) {
    var heads = Array.from(table.querySelectorAll("thead th")).map(function (th) {
      return (th.textContent || "").trim();
    });
    return "表格" + (heads.length ? "：" + heads.join("、") : "") + "（" + HINT + "）";
  }

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

  /** @param {HTMLElement} element @param {boolean} on @param {string} name */
  function mark(element, on, name) {
    var ours = element.dataset.scrollName !== undefined; // the name is this script's, not the page's own
    element.toggleAttribute("data-scrolls", on);
    if (on) {
      element.tabIndex = 0; // a keyboard scrolls it with the arrow keys
      if (!element.hasAttribute("aria-label") || ours) {
        element.setAttribute("aria-label", name);
        element.dataset.scrollName = "";
      }
      if (element.tagName !== "TABLE") element.setAttribute("role", "region"); // a named, focusable frame
    } else if (ours) {
      element.removeAttribute("tabindex");
      element.removeAttribute("aria-label");
      delete element.dataset.scrollName;
      if (element.getAttribute("role") === "region") element.removeAttribute("role");
    }
  }

  /** @param {HTMLTableElement} table */
  function measure(table) {
    var wrap = /** @type {HTMLElement | null} */ (table.closest(".md-typeset__scrollwrap"));
    var found = scroller(table);
    hintOf(table).hidden = !found;
    var name = nameOf(table);
    mark(table, found === table, name);
    if (wrap) mark(wrap, found === wrap, name);
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

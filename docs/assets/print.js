// @ts-check
// Printing: the 打印 button of a study pack prints its PDF (GB/T 9704 layout) straight from the page; a page
// printed from the browser (Ctrl+P) prints whole, its closed 详情 too; the ledger has a 打印本页 button.
(function () {
  "use strict";

  /** @type {HTMLIFrameElement | null} */
  var previous = null; // one hidden frame at a time: pressing 打印 again does not pile up copies of the PDF

  /** @param {MouseEvent} event */
  function printPdf(event) {
    var pressed = /** @type {Element} */ (event.target).closest("a.pack-print");
    if (!pressed) return;
    var link = /** @type {HTMLAnchorElement} */ (pressed);
    event.preventDefault();
    if (previous) previous.remove();
    var frame = document.createElement("iframe");
    previous = frame;
    frame.title = "打印用的 PDF"; // screen readers skip it (aria-hidden), and it has a name all the same
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.style.position = "fixed";
    frame.style.width = "0";
    frame.style.height = "0";
    frame.style.border = "0";
    frame.src = link.href;
    frame.addEventListener("load", function () {
      try {
        var framed = /** @type {Window} */ (frame.contentWindow); // loaded: it has its window
        framed.focus();
        framed.print();
      } catch (error) {
        window.open(link.href); // a browser that cannot print a framed PDF opens it instead
      }
      link.focus(); // back where the reader was: a keyboard user goes on from the button
    });
    document.body.appendChild(frame);
  }

  document.addEventListener("click", printPdf);

  // Paper cannot be clicked open: every closed <details> opens for printing and closes again after.
  /** @type {HTMLDetailsElement[]} */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("article details"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // 打印本页 on a page with a printed-only table (the ledger's every column): beside its downloads, where a
  // reader looks for the ways to take the ledger away, else under the title. Made here, not in the page,
  // because it does nothing without this script.
  function addPrintButton() {
    var article = document.querySelector("article");
    if (!article || !article.querySelector(".ledger-print") || article.querySelector(".page-print")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button page-print";
    button.textContent = "打印本页";
    button.addEventListener("click", function () { window.print(); });
    var download = article.querySelector("p.screen-only a[href$='.csv']");
    var after = download ? download.closest("p") : article.querySelector("h1");
    var line = document.createElement("p");
    line.className = "page-print-line screen-only";
    line.appendChild(button);
    if (after && after.parentNode) after.parentNode.insertBefore(line, after.nextSibling);
    else article.insertBefore(line, article.firstChild);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addPrintButton);
  } else {
    addPrintButton();
  }
})();

// @ts-check
// The 打印 button of a study pack: print its PDF (GB/T 9704 layout) straight from the page.
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
})();

// The 打印 button of a study pack: print its PDF (GB/T 9704 layout) straight from the page.
(function () {
  "use strict";

  function printPdf(event) {
    var link = event.target.closest("a.pack-print");
    if (!link) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.style.position = "fixed";
    frame.style.width = "0";
    frame.style.height = "0";
    frame.style.border = "0";
    frame.src = link.href;
    frame.addEventListener("load", function () {
      try {
        frame.contentWindow.focus();
        frame.contentWindow.print();
      } catch (error) {
        window.open(link.href); // a browser that cannot print a framed PDF opens it instead
      }
    });
    document.body.appendChild(frame);
  }

  document.addEventListener("click", printPdf);
})();

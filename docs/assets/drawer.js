// @ts-check
// On a phone, following a 目录 entry in the navigation drawer closes the drawer. Material closes it only when it
// finds the new hash as an id, and it looks the hash up as the address carries it, percent-encoded
// (#%E4%B8%89…): our anchors are Chinese, so it never matched and the page moved behind the grey overlay.
// The drawer is Material's checkbox #__drawer (its template's markup); nothing else of Material is used.
(function () {
  "use strict";

  /** @returns {HTMLInputElement | null} */
  function drawer() {
    var toggle = document.getElementById("__drawer");
    return toggle instanceof HTMLInputElement ? toggle : null;
  }

  /**
   * The element a hash names, the hash as typed or as the address encodes it.
   * @param {string} hash
   * @returns {HTMLElement | null}
   */
  function target(hash) {
    var id = hash.charAt(0) === "#" ? hash.slice(1) : hash;
    if (!id) return null;
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      // a lone % in a hand-typed address: look the id up as it is
    }
    return document.getElementById(id);
  }

  /** Closes the open drawer the way a tap on its overlay does (a click on the checkbox), so Material follows. */
  function closeDrawer() {
    var toggle = drawer();
    if (toggle && toggle.checked) toggle.click();
  }

  /** @param {HTMLElement} element */
  function bringIntoView(element) {
    var box = element.getBoundingClientRect();
    if (box.top < 0 || box.top >= window.innerHeight) element.scrollIntoView();
  }

  // A tap on a link to a place on this page: close first, so the browser's own jump lands on an open page
  // (also when the hash is already the address's, which fires no hashchange).
  document.addEventListener("click", function (event) {
    var toggle = drawer();
    if (!toggle || !toggle.checked || !(event.target instanceof Element)) return;
    var anchor = event.target.closest(".md-sidebar a[href*='#']");
    if (!(anchor instanceof HTMLAnchorElement)) return;
    if (anchor.pathname !== window.location.pathname || !target(anchor.hash)) return;
    closeDrawer();
    var element = target(anchor.hash);
    if (anchor.hash === window.location.hash && element) bringIntoView(element);
  });

  // Any other way the hash changes with the drawer open (the keyboard, a script): close it and show the place.
  window.addEventListener("hashchange", function () {
    var element = target(window.location.hash);
    var toggle = drawer();
    if (!element || !toggle || !toggle.checked) return;
    var place = element;
    closeDrawer();
    window.requestAnimationFrame(function () { bringIntoView(place); });
  });
})();

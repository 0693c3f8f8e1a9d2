// @ts-check
// 长者模式 (mode for older readers): larger text, stronger contrast, bigger targets, one column.
// Loaded in <head> so the mode is on before the page is drawn; remembered in localStorage, which also works
// for pages opened from a USB stick (file://). Styles are in assets/elder.css, for the screen only.
(function () {
  "use strict";

  var KEY = "studysite.elder";
  var CLASS = "elder-mode";
  var root = document.documentElement;

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) === "on";
    } catch (error) {
      return false; // storage switched off: the mode still works on this page
    }
  }

  /** @param {boolean} on */
  function remember(on) {
    try {
      if (on) window.localStorage.setItem(KEY, "on");
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      // nothing to do: the mode is on for this page only
    }
  }

  /** @param {boolean} on */
  function show(on) {
    root.classList.toggle(CLASS, on);
    document.querySelectorAll("[data-elder-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function toggle() {
    var on = !root.classList.contains(CLASS);
    remember(on);
    show(on);
  }

  show(remembered());

  document.addEventListener("DOMContentLoaded", function () {
    show(root.classList.contains(CLASS));
    document.querySelectorAll("[data-elder-toggle]").forEach(function (button) {
      button.addEventListener("click", toggle);
    });
  });

  // Another tab of the site switched the mode: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) show(event.newValue === "on");
  });
})();

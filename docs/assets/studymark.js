// @ts-check
// 标记为已学 / 已学 on a reading page (the build puts the control under the title, naming the page by its source
// path), and the page remembered as the last one opened, for 继续学习 on 我的学习. The record is the browser's own
// (assets/studyrecord.js): nothing leaves this computer.
(function () {
  "use strict";

  /** 2026-12-07 → 2026年12月7日, as the site writes dates. @param {string} day */
  function shownDay(day) {
    var parts = day.split("-");
    return Number(parts[0]) + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日";
  }

  /** @param {HTMLElement} control */
  function start(control) {
    var id = control.getAttribute("data-study-id") || "";
    var title = control.getAttribute("data-study-title") || "";
    var button = control.querySelector("[data-study-toggle]");
    var note = control.querySelector("[data-study-date]");
    if (!id || !button || !note) return;
    var toggle = button;
    var said = note;

    /** @param {boolean} announce say the change (aria-live), not the state a page opens with */
    function show(announce) {
      var studied = window.studyRecord.studied(id);
      toggle.setAttribute("aria-pressed", studied ? "true" : "false");
      toggle.textContent = studied ? "已学" : "标记为已学";
      var text = studied ? shownDay(studied.date) + "标记为已学" : announce ? "已取消“已学”标记" : "";
      if (said.textContent !== text) said.textContent = text;
    }

    toggle.addEventListener("click", function () {
      var kept = window.studyRecord.studied(id)
        ? window.studyRecord.unmark(id)
        : window.studyRecord.markStudied(id, title);
      show(true);
      if (!kept) said.textContent = "这个浏览器不允许保存学习记录（可能关闭了本地存储），标记没有保存。";
    });
    window.studyRecord.visit(id, title);
    show(false);

    // Marked or unmarked in another tab (or cleared on 我的学习): follow it.
    window.addEventListener("storage", function () {
      show(false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-study-mark]").forEach(function (control) {
      start(/** @type {HTMLElement} */ (control));
    });
  });
})();

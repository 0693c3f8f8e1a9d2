// @ts-check
// 我的学习: the reader's record (assets/studyrecord.js) drawn on the page the build made for it. The page holds
// the catalogue the counts need (every reading page with the groups it counts in, every self-test); the record
// holds only ids, titles and days. Everything from the record is set as text, never as markup: it may come from
// an imported file.
(function () {
  "use strict";

  // Rows of the printed record that fit one A4 page together, even with titles that wrap (measured in Chromium).
  var SHEET_PAGES = 30;
  var SHEET_QUIZZES = 8;

  /** @typedef {{title: string, href: string, groups: string[]}} CataloguePage */
  /** @typedef {{title: string, href: string}} CatalogueQuiz */

  /** 2026-12-07 → 2026年12月7日. @param {string} day */
  function shownDay(day) {
    var parts = day.split("-");
    return Number(parts[0]) + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日";
  }

  var GONE = "（本站已无此页）"; // a page or self-test the record names and the site does not have (any more)

  /** @param {string} tag @param {string} [text] @returns {HTMLElement} */
  function element(tag, text) {
    var made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    return made;
  }

  /** A link to the page when the site still has it, else its title as the record kept it.
   * @param {{title: string, href: string} | undefined} known @param {string} kept @returns {Node} */
  function named(known, kept) {
    if (!known) return element("span", kept + GONE);
    var link = /** @type {HTMLAnchorElement} */ (element("a", known.title));
    link.href = known.href;
    return link;
  }

  /** @param {HTMLElement} root */
  function start(root) {
    /** @type {Record<string, CataloguePage>} */
    var pages = Object.create(null);
    /** @type {Record<string, CatalogueQuiz>} */
    var quizzes = Object.create(null);
    root.querySelectorAll("[data-study-catalogue] li").forEach(function (item) {
      var href = item.getAttribute("data-study-href") || "";
      var title = item.textContent || "";
      var id = item.getAttribute("data-study-id");
      var quiz = item.getAttribute("data-study-quiz");
      if (id) pages[id] = { title: title, href: href, groups: (item.getAttribute("data-study-groups") || "").split(" ") };
      else if (quiz) quizzes[quiz] = { title: title, href: href };
    });
    var status = /** @type {HTMLElement} */ (root.querySelector("[data-study-status]"));

    /** @param {string} selector @returns {HTMLElement} */
    function part(selector) {
      return /** @type {HTMLElement} */ (root.querySelector(selector));
    }

    /** @param {string} text */
    function say(text) {
      status.textContent = text;
    }

    function draw() {
      var record = window.studyRecord.load();
      var studied = Object.keys(record.pages).sort(function (a, b) {
        var day = record.pages[b].date.localeCompare(record.pages[a].date);
        return day || record.pages[a].title.localeCompare(record.pages[b].title, "zh");
      });

      // 继续学习
      var onward = part("[data-study-continue]");
      var line = element("p");
      if (record.last) {
        line.append(named(pages[record.last.id], record.last.title));
        line.append("（" + shownDay(record.last.date) + "打开）");
      } else {
        line.textContent = "还没有打开过学习页面。";
      }
      onward.replaceChildren(line);

      // 已学 n/N per section and per pack
      /** @type {Record<string, number>} */
      var counts = Object.create(null);
      studied.forEach(function (id) {
        var known = pages[id];
        if (known) known.groups.forEach(function (group) {
          counts[group] = (counts[group] || 0) + 1;
        });
      });
      root.querySelectorAll("[data-study-group]").forEach(function (row) {
        var count = row.querySelector("[data-study-count]");
        if (count) count.textContent = String(counts[row.getAttribute("data-study-group") || ""] || 0);
      });

      // the pages studied, newest first
      var list = part("[data-study-pages]");
      list.replaceChildren.apply(
        list,
        studied.map(function (id) {
          var item = element("li");
          var day = element("span", shownDay(record.pages[id].date));
          day.className = "study-record__day";
          item.append(named(pages[id], record.pages[id].title), " ", day);
          return item;
        })
      );
      part("[data-study-pages-empty]").hidden = studied.length > 0;

      // self-test scores: the last attempt, the best, how many
      var tests = Object.keys(record.quizzes);
      var scores = part("[data-study-quizzes]");
      scores.replaceChildren.apply(
        scores,
        tests.map(function (id) {
          var attempts = record.quizzes[id].attempts;
          var last = attempts[attempts.length - 1];
          var best = attempts.reduce(function (a, b) {
            return b.score * a.total > a.score * b.total ? b : a;
          });
          var item = element("li");
          item.append(
            named(quizzes[id], record.quizzes[id].title),
            "：最近一次得分 " + last.score + "/" + last.total + "（" + shownDay(last.date) + "），" +
              "最好 " + best.score + "/" + best.total + "，共做 " + attempts.length + " 次"
          );
          return item;
        })
      );
      part("[data-study-quizzes-empty]").hidden = tests.length > 0;

      drawSheet(record, studied, tests);
    }

    /** The printed 个人学习记录: the newest pages and self-tests that fit one page, and the totals of all.
     * @param {StudyRecord} record @param {string[]} studied @param {string[]} tests */
    function drawSheet(record, studied, tests) {
      var shown = studied.slice(0, SHEET_PAGES);
      var summary = "打印日期：" + shownDay(window.studyRecord.today()) + "　已学页面 " + studied.length + " 个";
      if (studied.length > shown.length) summary += "（下表列出最近的 " + shown.length + " 个）";
      summary += "，自测 " + tests.length + " 项。";
      part("[data-study-sheet-summary]").textContent = summary;
      var rows = part("[data-study-sheet-pages]");
      rows.replaceChildren.apply(
        rows,
        shown.map(function (id) {
          var row = element("tr");
          var known = pages[id];
          var title = known ? known.title : record.pages[id].title + GONE; // paper says it too
          row.append(element("td", title), element("td", shownDay(record.pages[id].date)));
          return row;
        })
      );
      var quizRows = part("[data-study-sheet-quizzes]");
      quizRows.replaceChildren.apply(
        quizRows,
        tests.slice(0, SHEET_QUIZZES).map(function (id) {
          var attempts = record.quizzes[id].attempts;
          var last = attempts[attempts.length - 1];
          var row = element("tr");
          var known = quizzes[id];
          row.append(
            element("td", known ? known.title : record.quizzes[id].title + GONE),
            element("td", last.score + "/" + last.total),
            element("td", shownDay(last.date))
          );
          return row;
        })
      );
    }

    part("[data-study-export]").addEventListener("click", function () {
      var blob = new Blob([window.studyRecord.exportText()], { type: "application/json" });
      var link = /** @type {HTMLAnchorElement} */ (element("a"));
      link.href = URL.createObjectURL(blob);
      link.download = "学习记录-" + window.studyRecord.today() + ".json";
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(function () {
        URL.revokeObjectURL(link.href);
      }, 60000);
      say("已导出学习记录，文件名为“" + link.download + "”（在浏览器的下载位置）。");
    });

    part("[data-study-import]").addEventListener("click", function () {
      var chooser = /** @type {HTMLInputElement} */ (element("input"));
      chooser.type = "file";
      chooser.accept = ".json,application/json";
      chooser.hidden = true;
      document.body.append(chooser);
      chooser.addEventListener("change", function () {
        var chosen = chooser.files && chooser.files[0];
        chooser.remove();
        if (!chosen) return;
        var file = chosen;
        var refused = "“" + file.name + "”不是本站导出的学习记录，没有导入；原有的学习记录没有改变。";
        if (file.size > 2000000) {
          say(refused);
          return;
        }
        file.text().then(
          function (text) {
            var record = window.studyRecord.readText(text);
            if (record === null) {
              say(refused);
              return;
            }
            var replacing = "导入会用文件中的学习记录替换这台电脑上现有的学习记录。继续吗？";
            if (!window.studyRecord.isEmpty() && !window.confirm(replacing)) {
              say("没有导入，学习记录没有改变。");
              return;
            }
            if (!window.studyRecord.importText(text)) {
              say("这个浏览器不允许保存学习记录（可能关闭了本地存储），没有导入。");
              return;
            }
            draw();
            var marked = Object.keys(record.pages).length;
            say("已导入学习记录：已学页面 " + marked + " 个，自测 " + Object.keys(record.quizzes).length + " 项。");
          },
          function () {
            say("无法读取“" + file.name + "”，没有导入；原有的学习记录没有改变。");
          }
        );
      });
      chooser.click();
    });

    part("[data-study-clear]").addEventListener("click", function () {
      if (!window.confirm("清除后，这台电脑上的学习记录（已学页面、自测成绩、继续学习）将全部删除，无法恢复。建议先导出。确定清除吗？")) {
        say("没有清除，学习记录没有改变。");
        return;
      }
      say(window.studyRecord.clear() ? "已清除学习记录。" : "这个浏览器不允许修改本地存储，学习记录没有清除。");
      draw();
    });

    part("[data-study-print]").addEventListener("click", function () {
      draw();
      window.print();
    });

    // From a folder (file://), Chromium keeps one storage for every page; Firefox is reported to keep each file's
    // apart, and no page can tell from inside (both give file pages the origin "null"): name what to do there.
    var noscript = root.querySelector("[data-study-noscript]"); // said in the page, not <noscript>: one allowlist
    if (noscript) noscript.setAttribute("hidden", "");
    var separate = root.querySelector("[data-study-separate]");
    if (separate && location.protocol === "file:" && /\bFirefox\//.test(navigator.userAgent)) {
      separate.removeAttribute("hidden");
    }
    document.documentElement.classList.add("study-record-page"); // the print styles show only the record
    window.addEventListener("storage", draw); // marked in another tab
    draw();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("[data-study-record]");
    if (root) start(/** @type {HTMLElement} */ (root.closest("article") || document.body));
  });
})();

// @ts-check
// The reader's study record: pages marked 已学, self-test attempts and the last page opened. It is kept in this
// browser's own storage (localStorage) and nowhere else: nothing is sent anywhere. One fixed key, not scoped by
// the site's address, so a newer offline edition unpacked into another folder continues the same record.
(function () {
  "use strict";

  var KEY = "studysite.record.v1";
  var MAX_ATTEMPTS = 20; // per self-test: enough for a year of monthly study, small enough for storage
  var MAX_IMPORT = 2000000; // characters: a record of every page of a 2,000-page site is some 300 000

  /** @returns {StudyRecord} */
  function empty() {
    return { version: 1, pages: {}, quizzes: {}, last: null };
  }

  /** @param {unknown} value @returns {value is string} */
  function isText(value) {
    return typeof value === "string" && value.length <= 500;
  }

  /**
   * A page's id: its source path under docs/ (report/index.md). Only such paths: a key like __proto__ would
   * change the record object itself rather than name a page.
   * @param {unknown} value @returns {value is string}
   */
  function isId(value) {
    return isText(value) && /^[^/\u0000-\u001f][^\u0000-\u001f]*\.md$/.test(value) && value.indexOf("..") < 0;
  }

  /** @param {unknown} value @returns {value is string} */
  function isDay(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var day = new Date(value + "T00:00:00Z"); // a day of the calendar (not 2026-13-45), from the year 2000 on
    return !isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value && value >= "2000-01-01";
  }

  /** @param {unknown} value @returns {value is number} */
  function isCount(value) {
    return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10000;
  }

  /** @param {unknown} value @returns {value is Record<string, unknown>} */
  function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  /**
   * A record read from storage or from an imported file, kept only where every field has the expected shape:
   * the file may have been edited by hand, and nothing in it is ever shown as markup.
   * @param {unknown} data
   * @returns {StudyRecord | null}
   */
  function validated(data) {
    if (!isObject(data) || data.version !== 1) return null;
    var record = empty();
    var pages = isObject(data.pages) ? data.pages : {};
    Object.keys(pages).forEach(function (id) {
      var page = pages[id];
      if (isId(id) && isObject(page) && isText(page.title) && isDay(page.date)) {
        record.pages[id] = { title: page.title, date: page.date };
      }
    });
    var quizzes = isObject(data.quizzes) ? data.quizzes : {};
    Object.keys(quizzes).forEach(function (id) {
      var quiz = quizzes[id];
      if (!isId(id) || !isObject(quiz) || !isText(quiz.title) || !Array.isArray(quiz.attempts)) return;
      /** @type {QuizAttempt[]} */
      var attempts = [];
      quiz.attempts.forEach(function (/** @type {unknown} */ attempt) {
        if (
          isObject(attempt) &&
          isCount(attempt.score) &&
          isCount(attempt.total) &&
          attempt.score <= attempt.total &&
          isDay(attempt.date)
        ) {
          attempts.push({ score: attempt.score, total: attempt.total, date: attempt.date });
        }
      });
      if (attempts.length) record.quizzes[id] = { title: quiz.title, attempts: attempts.slice(-MAX_ATTEMPTS) };
    });
    var last = data.last;
    if (isObject(last) && isId(last.id) && isText(last.title) && isDay(last.date)) {
      record.last = { id: last.id, title: last.title, date: last.date };
    }
    return record;
  }

  /**
   * An imported file's record, only when all of it is one: a file the reader chose may be anything, and a
   * record with parts quietly dropped would replace theirs with less than they exported.
   * @param {unknown} data
   * @returns {StudyRecord | null}
   */
  function strictly(data) {
    var record = validated(data);
    if (record === null || !isObject(data) || !isObject(data.pages) || !isObject(data.quizzes)) return null;
    var known = ["version", "pages", "quizzes", "last"];
    if (Object.keys(data).some(function (key) { return known.indexOf(key) < 0; })) return null;
    if (Object.keys(data.pages).length !== Object.keys(record.pages).length) return null;
    var quizzes = data.quizzes;
    var kept = record.quizzes;
    if (Object.keys(quizzes).length !== Object.keys(kept).length) return null;
    var whole = Object.keys(kept).every(function (id) {
      var attempts = /** @type {{attempts: unknown[]}} */ (quizzes[id]).attempts;
      return attempts.length === kept[id].attempts.length; // none dropped, none over the 20 kept
    });
    if (!whole || (data.last !== null && record.last === null)) return null;
    return record;
  }

  /** @param {string} text @returns {StudyRecord | null} */
  function readText(text) {
    if (text.length > MAX_IMPORT) return null;
    try {
      return strictly(JSON.parse(text));
    } catch (error) {
      return null; // not JSON
    }
  }

  /** @returns {StudyRecord} */
  function load() {
    try {
      var text = window.localStorage.getItem(KEY);
      return (text && validated(JSON.parse(text))) || empty();
    } catch (error) {
      return empty(); // storage blocked (a browser setting) or damaged: start afresh, never break the page
    }
  }

  /** @param {StudyRecord} record @returns {boolean} whether it was kept */
  function save(record) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(record));
      return true;
    } catch (error) {
      return false; // storage full or blocked
    }
  }

  /** Today in the reader's own time zone, as YYYY-MM-DD. */
  function today() {
    var now = new Date();
    var pad = function (/** @type {number} */ n) {
      return (n < 10 ? "0" : "") + n;
    };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /** @param {(record: StudyRecord) => void} change @returns {boolean} */
  function update(change) {
    var record = load();
    change(record);
    return save(record);
  }

  /** @type {StudyRecordApi} */
  var api = {
    load: load,
    today: today,
    studied: function (id) {
      return load().pages[id] || null;
    },
    markStudied: function (id, title) {
      return update(function (record) {
        record.pages[id] = { title: title, date: today() };
      });
    },
    unmark: function (id) {
      return update(function (record) {
        delete record.pages[id];
      });
    },
    recordQuiz: function (id, title, score, total) {
      return update(function (record) {
        var quiz = record.quizzes[id] || { title: title, attempts: [] };
        quiz.title = title;
        quiz.attempts = quiz.attempts.concat([{ score: score, total: total, date: today() }]).slice(-MAX_ATTEMPTS);
        record.quizzes[id] = quiz;
      });
    },
    visit: function (id, title) {
      return update(function (record) {
        record.last = { id: id, title: title, date: today() };
      });
    },
    clear: function () {
      try {
        window.localStorage.removeItem(KEY);
        return true;
      } catch (error) {
        return false;
      }
    },
    exportText: function () {
      return JSON.stringify(load(), null, 1);
    },
    readText: readText,
    importText: function (text) {
      var record = readText(text);
      return record !== null && save(record);
    },
    isEmpty: function () {
      var record = load();
      return !Object.keys(record.pages).length && !Object.keys(record.quizzes).length && record.last === null;
    },
  };
  window.studyRecord = api;
})();

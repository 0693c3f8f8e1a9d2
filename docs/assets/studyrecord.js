// @ts-check
// The reader's study record: pages marked 已学, self-test attempts and the last page opened. It is kept in this
// browser's own storage (localStorage) and nowhere else: nothing is sent anywhere. One fixed key, not scoped by
// the site's address, so a newer offline edition unpacked into another folder continues the same record.
(function () {
  "use strict";

  var KEY = "studysite.record.v1";
  var MAX_ATTEMPTS = 20; // per self-test: enough for a year of monthly study, small enough for storage

  /** @returns {StudyRecord} */
  function empty() {
    return { version: 1, pages: {}, quizzes: {}, last: null };
  }

  /** @param {unknown} value @returns {value is string} */
  function isText(value) {
    return typeof value === "string" && value.length <= 500;
  }

  /** @param {unknown} value @returns {value is string} */
  function isDay(value) {
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
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
      if (isText(id) && isObject(page) && isText(page.title) && isDay(page.date)) {
        record.pages[id] = { title: page.title, date: page.date };
      }
    });
    var quizzes = isObject(data.quizzes) ? data.quizzes : {};
    Object.keys(quizzes).forEach(function (id) {
      var quiz = quizzes[id];
      if (!isText(id) || !isObject(quiz) || !isText(quiz.title) || !Array.isArray(quiz.attempts)) return;
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
    if (isObject(last) && isText(last.id) && isText(last.title) && isDay(last.date)) {
      record.last = { id: last.id, title: last.title, date: last.date };
    }
    return record;
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
    importText: function (text) {
      var record;
      try {
        record = validated(JSON.parse(text));
      } catch (error) {
        record = null;
      }
      return record !== null && save(record);
    },
  };
  window.studyRecord = api;
})();

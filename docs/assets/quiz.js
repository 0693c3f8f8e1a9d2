// @ts-check
// A self-test (a page of docs/quizzes/, made into a form by studysite.render.quizpage): 提交 scores it in the
// browser, marks each answer right or wrong in words and shape with its 出处 and 解析, 错题重做 asks the wrong
// ones again. A whole attempt's score goes to the reader's study record (studyrecord.js), nowhere else.
(function () {
  "use strict";

  var RIGHT = "quiz-question--right";
  var WRONG = "quiz-question--wrong";

  /**
   * An answer as it is compared: full- and half-width alike (NFKC), no whitespace, one case; as the build
   * compares them (studysite.model.quizzes.normalised_answer).
   * @param {string} text
   */
  function normalised(text) {
    return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  }

  /** @param {string} day YYYY-MM-DD */
  function shownDate(day) {
    var parts = day.split("-");
    return parts.length === 3 ? Number(parts[0]) + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日" : day;
  }

  /** @param {HTMLElement} question */
  function inputsOf(question) {
    return Array.prototype.slice.call(question.querySelectorAll("input"));
  }

  /**
   * Whether the reader's answer to one question is right, and whether they answered at all.
   * @param {HTMLElement} question
   */
  function judged(question) {
    var expected = /** @type {Array<number | string>} */ (JSON.parse(question.dataset.quizAnswer || "[]"));
    var inputs = /** @type {HTMLInputElement[]} */ (inputsOf(question));
    if (question.dataset.quizKind === "填空") {
      var given = normalised(inputs.length ? inputs[0].value : "");
      var accepted = expected.map(function (answer) {
        return normalised(String(answer));
      });
      return { answered: given !== "", right: given !== "" && accepted.indexOf(given) >= 0 };
    }
    var chosen = inputs.filter(function (input) {
      return input.checked;
    });
    var picked = chosen.map(function (input) {
      return Number(input.value);
    });
    var right =
      picked.length === expected.length &&
      expected.every(function (index) {
        return picked.indexOf(Number(index)) >= 0;
      });
    return { answered: picked.length > 0, right: right };
  }

  /**
   * Show one question's verdict: a mark in words and shape, each option's, the answer, 出处 and 解析.
   * @param {HTMLElement} question
   * @param {{answered: boolean, right: boolean}} verdict
   */
  function showVerdict(question, verdict) {
    question.classList.add(verdict.right ? RIGHT : WRONG);
    var mark = /** @type {HTMLElement | null} */ (question.querySelector("[data-quiz-mark]"));
    if (mark) {
      mark.textContent = verdict.right ? "✔ 回答正确" : verdict.answered ? "✘ 回答错误" : "✘ 未作答";
      mark.hidden = false;
    }
    var expected = /** @type {Array<number | string>} */ (JSON.parse(question.dataset.quizAnswer || "[]"));
    question.querySelectorAll("[data-quiz-option]").forEach(function (item) {
      var option = /** @type {HTMLElement} */ (item);
      var input = /** @type {HTMLInputElement | null} */ (option.querySelector("input"));
      var index = Number(option.dataset.quizOption);
      var isRight = expected.some(function (value) {
        return Number(value) === index;
      });
      var optionMark = /** @type {HTMLElement | null} */ (option.querySelector("[data-quiz-option-mark]"));
      var words = isRight ? "✔ 正确答案" : input && input.checked ? "✘ 您的选择" : "";
      if (optionMark) optionMark.textContent = words ? "（" + words + "）" : "";
      option.classList.toggle("quiz-option--right", isRight);
      option.classList.toggle("quiz-option--wrong", !isRight && !!(input && input.checked));
    });
    var feedback = /** @type {HTMLElement | null} */ (question.querySelector("[data-quiz-feedback]"));
    if (feedback) feedback.hidden = false;
    inputsOf(question).forEach(function (input) {
      input.disabled = true;
    });
  }

  /** @param {HTMLElement} question */
  function reset(question) {
    question.classList.remove(RIGHT, WRONG);
    question.hidden = false;
    var mark = /** @type {HTMLElement | null} */ (question.querySelector("[data-quiz-mark]"));
    if (mark) {
      mark.textContent = "";
      mark.hidden = true;
    }
    var feedback = /** @type {HTMLElement | null} */ (question.querySelector("[data-quiz-feedback]"));
    if (feedback) feedback.hidden = true;
    question.querySelectorAll("[data-quiz-option]").forEach(function (option) {
      option.classList.remove("quiz-option--right", "quiz-option--wrong");
      var optionMark = option.querySelector("[data-quiz-option-mark]");
      if (optionMark) optionMark.textContent = "";
    });
    /** @type {HTMLInputElement[]} */ (inputsOf(question)).forEach(function (input) {
      input.disabled = false;
      input.checked = false;
      if (input.type === "text") input.value = "";
    });
  }

  /** @param {HTMLFormElement} form */
  function showLast(form) {
    var place = /** @type {HTMLElement | null} */ (document.querySelector("[data-quiz-last]"));
    if (!place || typeof window.studyRecord === "undefined") return;
    var record = window.studyRecord.load().quizzes[form.dataset.quizId || ""];
    var last = record && record.attempts.length ? record.attempts[record.attempts.length - 1] : null;
    if (!last) return;
    place.textContent = "上次得分：" + last.score + "/" + last.total + "（" + shownDate(last.date) + "）";
    place.hidden = false;
  }

  /** @param {HTMLFormElement} form */
  function setUp(form) {
    var questions = /** @type {HTMLElement[]} */ (
      Array.prototype.slice.call(form.querySelectorAll("[data-quiz-question]"))
    );
    var actions = /** @type {HTMLElement | null} */ (form.querySelector("[data-quiz-actions]"));
    var submit = /** @type {HTMLButtonElement | null} */ (form.querySelector("[data-quiz-submit]"));
    var retry = /** @type {HTMLButtonElement | null} */ (form.querySelector("[data-quiz-retry]"));
    var restart = /** @type {HTMLButtonElement | null} */ (form.querySelector("[data-quiz-restart]"));
    var result = /** @type {HTMLElement | null} */ (form.querySelector("[data-quiz-result]"));
    var whole = true; // a whole attempt (recorded) or 错题重做 (not: it asks only the wrong ones)
    if (actions) actions.hidden = false; // without this script the page is a readable list, with no 提交
    showLast(form);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (submit && submit.hidden) return;
      var asked = questions.filter(function (question) {
        return !question.hidden;
      });
      var score = 0;
      asked.forEach(function (question) {
        var verdict = judged(question);
        if (verdict.right) score += 1;
        showVerdict(question, verdict);
      });
      var wrong = asked.length - score;
      if (result) {
        result.textContent =
          (whole ? "得分 " : "错题重做得分 ") +
          score +
          "/" +
          asked.length +
          "：答对 " +
          score +
          " 题，答错 " +
          wrong +
          " 题。" +
          (wrong ? "答错的题下面有正确答案、出处和解析。" : "全部答对。");
      }
      if (whole && typeof window.studyRecord !== "undefined") {
        window.studyRecord.recordQuiz(form.dataset.quizId || "", form.dataset.quizTitle || "", score, asked.length);
        showLast(form);
      }
      if (submit) submit.hidden = true;
      if (retry) retry.hidden = wrong === 0;
      if (restart) restart.hidden = false;
      if (result) result.focus();
    });

    if (retry) {
      retry.addEventListener("click", function () {
        var wrongOnes = questions.filter(function (question) {
          return !question.hidden && question.classList.contains(WRONG);
        });
        questions.forEach(function (question) {
          if (wrongOnes.indexOf(question) >= 0) reset(question);
          else question.hidden = true;
        });
        whole = false;
        redo(wrongOnes, "错题重做：请再做答错的 " + wrongOnes.length + " 题。");
      });
    }
    if (restart) {
      restart.addEventListener("click", function () {
        questions.forEach(reset);
        whole = true;
        redo(questions, "已清空答案，请重新作答。");
      });
    }

    /**
     * @param {HTMLElement[]} asked
     * @param {string} words
     */
    function redo(asked, words) {
      if (submit) submit.hidden = false;
      if (retry) retry.hidden = true;
      if (restart) restart.hidden = true;
      if (result) result.textContent = words;
      var first = asked.length ? asked[0].querySelector("input") : null;
      if (first) /** @type {HTMLInputElement} */ (first).focus();
    }
  }

  document.querySelectorAll("form[data-quiz]").forEach(function (form) {
    setUp(/** @type {HTMLFormElement} */ (form));
  });
})();

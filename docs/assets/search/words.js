// @ts-check
// The query's words and where they stand in a text, as hooks/studysite/search/searchindex.py cut the index:
// folding, tokens, a query's words, the pieces a word is looked up by; then the words marked in a title or
// excerpt (HTML, escaped) and on the page a result opens. The first of the search's scripts: indexfiles.js
// and engine.js follow (header.js loads them in that order); the three fill window.StudySearch
// (types/search.d.ts).
(function (/** @type {typeof globalThis} */ root) {
  "use strict";

  var study = root.StudySearch || (root.StudySearch = /** @type {StudySearchApi} */ ({}));
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  // A token, as searchindex._TOKEN: a Latin word or number, else one character (a code point).
  var TOKEN = /[0-9a-z]+|[\s\S]/gu;
  var LETTER = new RegExp("^[" + HAN + "0-9a-z]");
  var ALNUM = /[0-9a-z]/;

  // Full-width digits and letters as ASCII, Latin in lower case: one character for one, as searchindex.fold.
  /** @param {string} text */
  function fold(text) {
    return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5aA-Z]/g, function (c) {
      var code = c.charCodeAt(0);
      if (code >= 0xff41) return String.fromCharCode(code - 0xff41 + 0x61);
      if (code >= 0xff21) return String.fromCharCode(code - 0xff21 + 0x61);
      if (code >= 0xff10) return String.fromCharCode(code - 0xff10 + 0x30);
      return String.fromCharCode(code + 32);
    });
  }

  // A folded word's tokens (it holds no space).
  /**
   * @param {string} word
   * @returns {string[]}
   */
  function tokensOf(word) {
    return Array.from(word.match(TOKEN) || []);
  }

  var OPENING = "〔（([［【"; // brackets; quotes and 《》 only mark a phrase
  var CLOSING = "〕）)]］】";

  // Whether the bracket at tokens[at] has its partner in the word (after it if opening, before if closing).
  /**
   * @param {string[]} tokens
   * @param {number} at
   */
  function paired(tokens, at) {
    var open = OPENING.indexOf(tokens[at]), close = CLOSING.indexOf(tokens[at]);
    if (open >= 0) return tokens.slice(at + 1).indexOf(CLOSING[open]) >= 0;
    if (close >= 0) return tokens.slice(0, at).indexOf(OPENING[close]) >= 0;
    return false;
  }

  // The words of a query: cut at spaces, folded, other characters (punctuation, quotes) at either end left
  // off, each once. A word is found as written: 负责同志3 is one word, not 负责同志 and 3.
  /**
   * @param {string} query
   * @returns {string[]}
   */
  function termsOf(query) {
    /** @type {string[]} */
    var terms = [];
    fold(query).split(/\s+/).forEach(function (word) {
      var tokens = tokensOf(word);
      // A bracket whose partner is in the word stays: 〔2019〕4号 is said and found as typed, not 2019〕4号.
      while (tokens.length && !LETTER.test(tokens[0]) && !paired(tokens, 0)) tokens.shift();
      while (tokens.length && !LETTER.test(tokens[tokens.length - 1]) && !paired(tokens, tokens.length - 1)) {
        tokens.pop();
      }
      var term = tokens.join("");
      if (term && terms.indexOf(term) < 0) terms.push(term);
    });
    return terms;
  }

  // The token pairs that cover a word of three or more tokens, with where each starts in it (in tokens):
  // 整改措施 → 整改 at 0, 措施 at 2; 党支部 → 党支 at 0, 支部 at 1; 负责同志3 → 负责, 同志, 志3 at 3.
  /** @param {string} term */
  function coverOf(term) {
    var tokens = tokensOf(term);
    /** @type {[string, number][]} */
    var cover = [];
    for (var at = 0; at + 2 < tokens.length; at += 2) cover.push([tokens[at] + tokens[at + 1], at]);
    cover.push([tokens[tokens.length - 2] + tokens[tokens.length - 1], tokens.length - 2]);
    return cover;
  }

  // The index pieces a word is looked up by (tests compare them with the index): one token or a pair by
  // itself, a longer word by the pairs that cover it.
  /** @param {string} term */
  function piecesOf(term) {
    if (tokensOf(term).length <= 2) return [term];
    return coverOf(term).map(function (part) { return part[0]; });
  }

  // Where a word stands in a folded text as written: a number or Latin word at its edge not part of a longer
  // one (3 is not in 30 or 2023, m2 not in m21).
  /**
   * @param {string} folded
   * @param {string} term
   * @param {number} from
   */
  function findIn(folded, term, from) {
    var head = ALNUM.test(term.charAt(0)), tail = ALNUM.test(term.charAt(term.length - 1));
    for (var at = folded.indexOf(term, from); at >= 0; at = folded.indexOf(term, at + 1)) {
      if (head && at > 0 && ALNUM.test(folded.charAt(at - 1))) continue;
      if (tail && ALNUM.test(folded.charAt(at + term.length))) continue;
      return at;
    }
    return -1;
  }

  /** @param {string} text */
  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return /** @type {Record<string, string>} */ ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c];
    });
  }

  // The text (or its part from `from` to `to`) with every occurrence of the words (as written, see findIn)
  // marked, HTML-escaped; the words are found in the whole text, so a part's edge cuts no number short.
  /**
   * @param {string} text
   * @param {string[]} terms
   * @param {number} [from]
   * @param {number} [to]
   */
  function mark(text, terms, from, to) {
    var folded = fold(text), start = from || 0, end = to === undefined ? text.length : to;
    /** @type {[number, number][]} */
    var spans = [];
    terms.forEach(function (term) {
      for (var at = findIn(folded, term, 0); at >= 0; at = findIn(folded, term, at + term.length)) {
        spans.push([Math.max(at, start), Math.min(at + term.length, end)]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", position = start;
    spans.forEach(function (span) {
      if (span[0] < position || span[0] >= span[1]) return;
      out += escapeHtml(text.slice(position, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      position = span[1];
    });
    return out + escapeHtml(text.slice(position, end));
  }

  /**
   * @param {string} text
   * @param {string[]} terms
   * @param {number} width
   */
  function excerpt(text, terms, width) {
    var folded = fold(text);
    var at = -1;
    terms.some(function (term) { at = findIn(folded, term, 0); return at >= 0; });
    var start = Math.max(0, at - width), end = Math.min(text.length, start + 2 * width + 20);
    return (start > 0 ? "…" : "") + mark(text, terms, start, end) + (end < text.length ? "…" : "");
  }

  // The words of a result marked on the page it opens (the address's h=), as written, as in the results list:
  // text node by text node, <mark data-md-highlight> as Material marks. Returns how many were marked.
  /**
   * @param {Element} within
   * @param {string[]} terms
   */
  function highlight(within, terms) {
    if (!terms.length) return 0;
    var walker = document.createTreeWalker(within, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && !parent.closest("script, style, mark, .headerlink") ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    /** @type {Text[]} */
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(/** @type {Text} */ (node));
    var marked = 0;
    nodes.forEach(function (text) {
      var value = text.nodeValue || "", folded = fold(value);
      /** @type {[number, number][]} */
      var spans = [];
      terms.forEach(function (term) {
        for (var at = findIn(folded, term, 0); at >= 0; at = findIn(folded, term, at + term.length)) spans.push([at, at + term.length]);
      });
      if (!spans.length) return;
      spans.sort(function (a, b) { return a[0] - b[0]; });
      var fragment = document.createDocumentFragment(), position = 0;
      spans.forEach(function (span) {
        if (span[0] < position) return;
        fragment.appendChild(document.createTextNode(value.slice(position, span[0])));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = value.slice(span[0], span[1]);
        fragment.appendChild(mark);
        marked++;
        position = span[1];
      });
      fragment.appendChild(document.createTextNode(value.slice(position)));
      /** @type {ParentNode} */ (text.parentNode).replaceChild(fragment, text);
    });
    return marked;
  }

  /** @type {StudySearchWords} */
  var words = {
    fold: fold,
    tokensOf: tokensOf,
    termsOf: termsOf,
    coverOf: coverOf,
    piecesOf: piecesOf,
    findIn: findIn,
    escapeHtml: escapeHtml,
    mark: mark,
    excerpt: excerpt,
    highlight: highlight
  };
  Object.assign(study, words);
})(typeof self !== "undefined" ? self : this);

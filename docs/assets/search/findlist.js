// @ts-check
// What the 检索 page (find.js) lists, apart from the page: its state as the address holds it
// (find/?q=整改&type=notice&year=2024), the filters that narrow the results with each value's count, the
// three sorts (relevance, date, 文号), a result's line of facts and the count line's words. No element of
// the page is touched here. header.js loads it before find.js, which reads it as window.StudyFind.
(function () {
  "use strict";

  var PER_PAGE = 20;
  var FACETS = ["type", "year", "doc_type", "issuer", "speaker", "topic"];
  var SORTS = ["relevance", "date", "number"];
  // 文号: 机关代字〔年份〕序号号 (core/docnumber.py checks the clerks write it so).
  var DOC_NUMBER = /^(.*)〔(\d{4})〕(\d+)号$/;

  // The state an address holds (values the page does not know are left out).
  /**
   * @param {string} href
   * @returns {FindState}
   */
  function readUrl(href) {
    var params = new URL(href).searchParams;
    /** @type {Record<string, string[]>} */
    var chosen = {};
    FACETS.forEach(function (key) {
      var values = params.getAll(key).filter(Boolean);
      if (values.length) chosen[key] = values;
    });
    var page = parseInt(/** @type {string} */ (params.get("page")), 10); // none: NaN
    return {
      q: params.get("q") || "",
      chosen: chosen,
      sort: SORTS.indexOf(params.get("sort") || "") >= 0 ? /** @type {string} */ (params.get("sort")) : "",
      page: page > 1 ? page : 1
    };
  }

  // The address of a state, on this page.
  /** @param {FindState} s */
  function urlOf(s) {
    var url = new URL(location.href);
    url.search = "";
    if (s.q) url.searchParams.set("q", s.q);
    FACETS.forEach(function (key) {
      (s.chosen[key] || []).forEach(function (value) { url.searchParams.append(key, value); });
    });
    if (s.sort) url.searchParams.set("sort", s.sort);
    if (s.page > 1) url.searchParams.set("page", String(s.page));
    return url.href;
  }

  // Filters narrow within a facet by any chosen value and across facets by all; each value's count is what
  // the results would be with that value chosen too (the other facets' choices applied).
  /**
   * @param {SearchCatalogue} catalogue
   * @param {number[]} docs
   * @param {FindState} s
   */
  function narrow(catalogue, docs, s) {
    var chosen = catalogue.facets.map(function (facet) {
      var wanted = s.chosen[facet.key] || [];
      /** @type {Record<number, boolean>} */
      var numbers = {};
      wanted.forEach(function (value) {
        var at = facet.values.indexOf(value);
        if (at >= 0) numbers[at] = true;
      });
      return wanted.length ? numbers : null;
    });
    /** @type {number[][]} */
    var counts = catalogue.facets.map(function (facet) { return new Array(facet.values.length).fill(0); });
    /** @type {number[]} */
    var kept = [];
    docs.forEach(function (doc) {
      var failed = -1, failures = 0;
      for (var f = 0; f < chosen.length; f++) {
        if (!chosen[f]) continue;
        var cell = catalogue.facets[f].cells[doc], ok = false;
        var numbers = /** @type {Record<number, boolean>} */ (chosen[f]);
        for (var v = 0; v < cell.length; v++) if (numbers[cell[v]]) ok = true;
        if (!ok) { failed = f; if (++failures > 1) return; }
      }
      catalogue.facets.forEach(function (facet, index) {
        if (failures === 0 || failed === index) facet.cells[doc].forEach(function (value) { counts[index][value]++; });
      });
      if (failures === 0) kept.push(doc);
    });
    return { kept: kept, counts: counts };
  }

  // A 文号's sort key: 机关代字, year, number (numerically); one of another form after them by its text.
  /** @param {string} number */
  function numberKey(number) {
    var parts = DOC_NUMBER.exec(number);
    return parts ? { word: parts[1], year: Number(parts[2]), n: Number(parts[3]) } : { word: "\uffff" + number, year: 0, n: 0 };
  }

  /**
   * By 文号 (机关代字 in the reader's collation, then year, then number; pages without one last, in the order
   * they came).
   * @param {number[]} kept
   * @param {SearchHeads} heads
   */
  function byNumber(kept, heads) {
    /** @type {Map<number, {word: string, year: number, n: number}>} */
    var keys = new Map();
    kept.forEach(function (doc) { if (heads.n[doc]) keys.set(doc, numberKey(heads.n[doc])); });
    var collator = new Intl.Collator("zh-Hans-CN");
    var position = new Map(kept.map(function (doc, index) { return [doc, index]; }));
    return kept.slice().sort(function (a, b) {
      var ka = keys.get(a), kb = keys.get(b);
      if (!ka || !kb) return ka ? -1 : kb ? 1 : /** @type {number} */ (position.get(a)) - /** @type {number} */ (position.get(b));
      return collator.compare(ka.word, kb.word) || ka.year - kb.year || ka.n - kb.n ||
        /** @type {number} */ (position.get(a)) - /** @type {number} */ (position.get(b));
    });
  }

  /**
   * @param {SearchCatalogue} catalogue
   * @param {number[]} kept
   * @param {string} how
   * @param {SearchHeads | null} heads (needed by the 文号 sort)
   */
  function ordered(catalogue, kept, how, heads) {
    if (how === "number" && heads) return byNumber(kept, heads);
    if (how !== "date") return kept; // already by relevance, or in the site's order without a query
    /** @type {Map<number, number>} */
    var position = new Map();
    kept.forEach(function (doc, index) { position.set(doc, index); });
    return kept.slice().sort(function (a, b) {
      var da = catalogue.days[a], db = catalogue.days[b];
      if (isNaN(da) !== isNaN(db)) return isNaN(da) ? 1 : -1;
      return (isNaN(da) ? 0 : db - da) || /** @type {number} */ (position.get(a)) - /** @type {number} */ (position.get(b));
    });
  }

  // A result's line of facts, from the catalogue: kind, date, 发文机关 or 讲话人, 文号.
  /**
   * @param {SearchCatalogue} catalogue
   * @param {number} doc
   * @param {string} [number]
   */
  function lineOf(catalogue, doc, number) {
    var type = catalogue.byKey.type, parts = [type.names[type.cells[doc][0]]];
    var day = catalogue.days[doc];
    if (!isNaN(day)) {
      var when = new Date(day * 86400000);
      parts.push(when.getUTCFullYear() + "年" + (when.getUTCMonth() + 1) + "月" + when.getUTCDate() + "日");
    }
    ["issuer", "speaker"].forEach(function (key) {
      var facet = catalogue.byKey[key];
      var names = facet.cells[doc].map(function (value) { return facet.values[value]; });
      if (names.length) parts.push(names.join("、"));
    });
    if (number) parts.push(number);
    return parts.join(" · ");
  }

  /**
   * @param {FindState} s
   * @param {SearchMatch | null} found
   * @param {number} total
   * @param {number} kept
   * @param {number} from
   * @param {number} to
   */
  function summary(s, found, total, kept, from, to) {
    var filtered = Object.keys(s.chosen).length > 0;
    if (!found) {
      return (filtered ? "符合筛选条件的资料 " + kept + " 篇" : "全部资料共 " + total + " 篇") +
        (kept ? "，第 " + from + "–" + to + " 篇" : "") + "。输入检索词可在其中查找。";
    }
    var words = wordsSaid(found.terms);
    if (!total) {
      var long = found.terms.some(function (term) { return term.length > 4; });
      return "没有找到" + words + "的资料。" + (long ? "可换用较短的词，或用空格把词分开（须同时包含各词）。" : "");
    }
    var text = words + "的资料共 " + total + " 篇";
    if (filtered) text += "，符合筛选条件的 " + kept + " 篇";
    return text + (kept ? "，第 " + from + "–" + to + " 篇。" : "。");
  }

  // What the results hold, as the count line says it: 包含“整改” for one word, 同时包含“A”、“B”和“C” for several
  // (each word as written, not its characters one by one).
  /** @param {string[]} terms */
  function wordsSaid(terms) {
    var quoted = terms.map(function (term) { return "“" + term + "”"; });
    if (quoted.length === 1) return "包含" + quoted[0];
    return "同时包含" + quoted.slice(0, -1).join("、") + "和" + quoted[quoted.length - 1];
  }

  /** @type {StudyFindApi} */
  var api = {
    PER_PAGE: PER_PAGE,
    FACETS: FACETS,
    readUrl: readUrl,
    urlOf: urlOf,
    narrow: narrow,
    ordered: ordered,
    lineOf: lineOf,
    summary: summary
  };
  window.StudyFind = api;
})();

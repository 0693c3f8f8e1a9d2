// @ts-check
// The 检索 page (find/): one box, filters from the entries' front matter with their counts for the current
// query (on a narrow screen behind a button, so the results follow the box), sort by relevance, date or 文号,
// 20 results a page; the address holds the query and the filters
// (find/?q=整改&type=notice&year=2024), so it can be copied, reloaded, and walked back and forth.
// This script is the page: its form, filters, results list and page buttons drawn and answered; what they
// show (state, narrowing, counts, order, wording) is findlist.js's. header.js loads it (after the engine's
// scripts and findlist.js) on the page that has a [data-study-find].
/**
 * A result row: a document with its address, title and 文号 (heads.json, or a SearchResult).
 * @typedef {{ doc: number, url: string, title: string, number?: string }} FindRow
 */
(function () {
  "use strict";

  var here = document.querySelector("[data-study-find]");
  if (!here || !window.StudySearch || !window.StudyFind) return;
  var root = /** @type {HTMLElement} */ (here);
  var listing = window.StudyFind;
  var PER_PAGE = listing.PER_PAGE, FACETS = listing.FACETS, readUrl = listing.readUrl, urlOf = listing.urlOf;
  var narrow = listing.narrow, ordered = listing.ordered, lineOf = listing.lineOf, summary = listing.summary;

  var SHOWN_VALUES = 8; // 发文机关 and 讲话人 show their first values (most results first) until asked for all
  var UNREACHABLE = "无法读取搜索索引，暂时不能检索。请检查网络连接后重试。";
  // Where the filters fold away behind their button (search.css has the same width).
  var NARROW = window.matchMedia("(max-width: 44.9375em)");

  // The address as the reader opened it (header.js hid its query from Material while Material started).
  var arrived = new URL(root.getAttribute("data-arrived") || location.href);

  var engine = window.StudySearch.shared();
  var site = new URL("../", engine.base);
  // The page's own parts (hooks/studysite/search/findpage.py writes them all).
  var form = /** @type {HTMLFormElement} */ (root.querySelector("[data-study-find-form]"));
  var input = /** @type {HTMLInputElement} */ (form.querySelector("input[name=q]"));
  var status = /** @type {HTMLElement} */ (root.querySelector("[data-study-find-status]"));
  var filters = /** @type {HTMLElement} */ (root.querySelector("[data-study-find-filters]"));
  var sort = /** @type {HTMLSelectElement} */ (root.querySelector("[data-study-find-sort]"));
  var clear = /** @type {HTMLButtonElement} */ (root.querySelector("[data-study-find-clear]"));
  var toggle = /** @type {HTMLButtonElement} */ (root.querySelector("[data-study-find-toggle]"));
  var list = /** @type {HTMLElement} */ (root.querySelector("[data-study-find-results]"));
  var pages = /** @type {HTMLElement} */ (root.querySelector("[data-study-find-pages]"));
  /** @type {Record<string, boolean>} */
  var expanded = {};
  var renders = 0;
  var asked = 0; // the render a press of 检索 asked for
  /** @type {FindState} */
  var state = /** @type {any} */ (null); // read from the address by start(), before anything uses it

  /** @param {boolean} push */
  function commit(push) {
    var href = urlOf(state);
    if (href !== location.href) history[push ? "pushState" : "replaceState"](null, "", href);
    render();
  }

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string | null | undefined>} [attributes] (null and undefined: left out)
   * @param {string} [text]
   */
  function node(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = /** @type {Record<string, string | null | undefined>} */ (attributes)[name];
      if (value !== null && value !== undefined) made.setAttribute(name, value);
    });
    if (text !== undefined) made.textContent = text;
    return made;
  }

  /** @param {string} text */
  function say(text) {
    status.textContent = text;
  }

  // The documents a query (or, with none, the whole compilation) gives, with their scores.
  /**
   * @param {FindState} s
   * @returns {Promise<SearchMatch | null>}
   */
  function matched(s) {
    if (!s.q.trim() || !window.StudySearch.termsOf(s.q).length) return Promise.resolve(null);
    return engine.match(s.q);
  }

  /**
   * @param {SearchCatalogue} catalogue
   * @param {number[][]} counts
   * @param {FindState} s
   */
  function renderFilters(catalogue, counts, s) {
    var focused = /** @type {HTMLInputElement | HTMLButtonElement | null} */ (document.activeElement);
    /** @type {string | null} */
    var again = null;
    if (focused && filters.contains(focused)) again = focused.getAttribute("name") + "\n" + (focused.value || focused.getAttribute("data-more"));
    filters.textContent = "";
    catalogue.facets.forEach(function (facet, index) {
      if (!facet.values.length) return;
      var wanted = s.chosen[facet.key] || [];
      var order = facet.values.map(function (_, at) { return at; });
      var names = facet.key === "issuer" || facet.key === "speaker"; // lists that grow with the compilation
      if (names) order.sort(function (a, b) { return counts[index][b] - counts[index][a] || a - b; });
      order = order.filter(function (at) { return counts[index][at] > 0 || wanted.indexOf(facet.values[at]) >= 0; });
      var fieldset = node("fieldset", { "class": "study-find__facet", "data-key": facet.key });
      fieldset.appendChild(node("legend", {}, facet.label));
      if (!order.length) fieldset.appendChild(node("p", { "class": "study-find__none" }, "无"));
      order.forEach(function (at, rank) {
        var value = facet.values[at];
        var label = node("label", { "class": "study-find__option" });
        var box = node("input", { type: "checkbox", name: facet.key, value: value });
        box.checked = wanted.indexOf(value) >= 0;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + facet.names[at] + " "));
        label.appendChild(node("span", { "class": "study-find__count" }, String(counts[index][at])));
        if (names && rank >= SHOWN_VALUES && !expanded[facet.key] && !box.checked) label.hidden = true;
        fieldset.appendChild(label);
      });
      if (names && order.length > SHOWN_VALUES) {
        fieldset.appendChild(node("button", {
          type: "button", "class": "study-find__more", name: "more", "data-more": facet.key,
          "aria-expanded": expanded[facet.key] ? "true" : "false"
        }, expanded[facet.key] ? "收起" : "显示全部 " + order.length + " 项"));
      }
      filters.appendChild(fieldset);
    });
    if (again) {
      var same = Array.prototype.filter.call(filters.querySelectorAll("input, button"), function (/** @type {HTMLInputElement | HTMLButtonElement} */ el) {
        return el.getAttribute("name") + "\n" + (el.value || el.getAttribute("data-more")) === again;
      })[0];
      if (same) same.focus();
    }
  }

  /**
   * @param {string} url
   * @param {string} anchor
   * @param {string[]} terms
   */
  function linkOf(url, anchor, terms) {
    var href = new URL(url, site);
    if (terms.length) href.searchParams.set("h", terms.join(" "));
    if (anchor && terms.length) href.hash = encodeURIComponent(anchor);
    return href.href;
  }

  // The results list: each row first with its title and line (from what is loaded already), its section and
  // excerpt filled in once its page's text arrives (fill).
  /**
   * @param {SearchCatalogue} catalogue
   * @param {FindRow[]} rows
   * @param {string[]} terms
   */
  function renderResults(catalogue, rows, terms) {
    list.textContent = "";
    rows.forEach(function (row) {
      var item = node("li", { "class": "study-find__item", "data-doc": String(row.doc) });
      var link = node("a", { "class": "study-find__title", href: linkOf(row.url, "", terms) });
      link.innerHTML = window.StudySearch.mark(row.title, terms); // escaped by words.js
      item.appendChild(node("h2", {})).appendChild(link);
      item.appendChild(node("p", { "class": "study-find__line" }, lineOf(catalogue, row.doc, row.number)));
      item.appendChild(node("p", { "class": "study-find__excerpt" }));
      list.appendChild(item);
    });
  }

  /**
   * @param {SearchResult[]} results
   * @param {string[]} terms
   */
  function fill(results, terms) {
    results.forEach(function (result) {
      var item = list.querySelector("[data-doc='" + result.doc + "']");
      if (!item) return;
      // The row's parts, as renderResults made them.
      /** @type {HTMLAnchorElement} */ (item.querySelector(".study-find__title")).href = linkOf(result.url, result.anchor, terms);
      if (result.section && terms.length) {
        var section = node("p", { "class": "study-find__section" }, "所在部分：");
        section.insertAdjacentHTML("beforeend", result.sectionHtml);
        item.insertBefore(section, item.querySelector(".study-find__excerpt"));
      }
      /** @type {Element} */ (item.querySelector(".study-find__excerpt")).innerHTML = result.excerptHtml;
    });
  }

  /**
   * @param {number} total
   * @param {number} current
   */
  function renderPages(total, current) {
    pages.textContent = "";
    var last = Math.max(1, Math.ceil(total / PER_PAGE));
    if (last === 1) return;
    /**
     * @param {number} page
     * @param {string} text
     * @param {string} [label]
     */
    var button = function (page, text, label) {
      var made = node("button", {
        type: "button", "class": "study-find__page", "data-page": String(page),
        "aria-label": label || "第 " + page + " 页", "aria-current": page === current && !label ? "page" : null
      }, text);
      if (label ? page < 1 || page > last : page === current) made.disabled = true;
      pages.appendChild(made);
    };
    button(current - 1, "上一页", "上一页");
    /** @type {number[]} */
    var shown = [];
    for (var page = 1; page <= last; page++) {
      if (page === 1 || page === last || Math.abs(page - current) <= 2) shown.push(page);
    }
    shown.forEach(function (page, index) {
      if (index && page - shown[index - 1] > 1) pages.appendChild(node("span", { "class": "study-find__gap" }, "…"));
      button(page, String(page));
    });
    button(current + 1, "下一页", "下一页");
  }

  /** @param {string} name */
  function signal(name) {
    root.dispatchEvent(new CustomEvent(name, { bubbles: true }));
  }

  function render() {
    var mine = ++renders, s = state;
    input.value = s.q;
    root.setAttribute("data-state", "loading");
    var slow = setTimeout(function () { if (mine === renders) say("正在检索……"); }, 150);
    var bySort = s.sort === "number" ? engine.heads() : Promise.resolve(null);
    Promise.all([engine.catalogue(), matched(s), bySort]).then(function (loaded) {
      var catalogue = loaded[0], found = loaded[1];
      var docs = found ? found.ranked.map(function (pair) { return pair[0]; }) : Array.from({ length: catalogue.documents }, function (_, doc) { return doc; });
      var narrowed = narrow(catalogue, docs, s);
      var how = s.sort || (found ? "relevance" : "date");
      var kept = ordered(catalogue, narrowed.kept, how, loaded[2]);
      var last = Math.max(1, Math.ceil(kept.length / PER_PAGE));
      var page = Math.min(s.page, last);
      var shown = kept.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      var terms = found ? found.terms : [];
      // rows: the page's results, or (partial) the first few while the others' texts are still on their way.
      /**
       * @param {FindRow[]} rows
       * @param {boolean} [partial]
       */
      var draw = function (rows, partial) {
        clearTimeout(slow);
        sort.value = how;
        clear.hidden = !Object.keys(s.chosen).length;
        var chosen = Object.keys(s.chosen).reduce(function (n, key) { return n + s.chosen[key].length; }, 0);
        toggle.textContent = chosen ? "筛选（已选 " + chosen + " 项）" : "筛选";
        renderFilters(catalogue, narrowed.counts, s);
        renderResults(catalogue, rows, terms);
        renderPages(kept.length, page);
        say(summary(s, found, found ? found.ranked.length : catalogue.documents, kept.length,
          (page - 1) * PER_PAGE + 1, (page - 1) * PER_PAGE + shown.length));
        if (partial) return;
        root.setAttribute("data-state", "ready");
        root.setAttribute("data-total", String(kept.length));
        if (asked === mine) {
          // After 检索 on a phone the results are brought into view: focus on the count line (read out by
          // screen readers), which scrolls there and closes the on-screen keyboard.
          asked = 0;
          if (NARROW.matches) {
            status.focus({ preventScroll: true });
            status.scrollIntoView({ block: "start" }); // under the header (search.css: scroll-margin-top)
          }
        }
        signal("study-find-rendered");
      };
      var heads = engine.headsNow;
      // Before the titles are in memory, the first results are shown as soon as they are described, the
      // page's others when all are (two drawings at most: the reader sees the best ones a moment sooner).
      /** @type {SearchResult[]} */
      var came = [], previewed = false;
      var described = Promise.all(shown.map(function (doc, at) {
        return engine.describe(doc, terms).then(function (result) {
          came[at] = result;
          if (heads || previewed || mine !== renders) return result;
          var ready = 0;
          while (ready < shown.length && came[ready]) ready++;
          if (ready >= Math.min(3, shown.length) && ready < shown.length) {
            previewed = true;
            draw(came.slice(0, ready), true);
            fill(came.slice(0, ready), terms);
          }
          return result;
        });
      }));
      // Titles and 文号 of every page are in memory after the first results: a filter, the sort or another
      // page is drawn at once, the excerpts follow. Before that, the rows wait for their pages' text.
      if (heads) {
        var known = heads; // (not null in the function below)
        draw(shown.map(function (doc) { return { doc: doc, url: known.u[doc], title: known.t[doc], number: known.n[doc] }; }));
      }
      return described.then(function (results) {
        if (mine !== renders) return;
        if (!heads) draw(results);
        fill(results, terms);
        signal("study-find-described");
        engine.heads().catch(function () {}); // for the next change; tried again then if it fails now
      });
    }).catch(function (error) {
      if (mine !== renders) return;
      clearTimeout(slow);
      if (!error || !error.unreachable) throw error;
      say(UNREACHABLE);
      var retry = node("button", { type: "button", "class": "md-button study-find__retry" }, "重试");
      retry.addEventListener("click", render);
      status.appendChild(document.createTextNode(" "));
      status.appendChild(retry);
      root.setAttribute("data-state", "error");
      signal("study-find-rendered");
    });
  }

  function start() {
    history.replaceState(history.state, "", arrived.href);
    state = readUrl(location.href);
    // Words typed (or 检索 pressed: header.js held the form back) before this script ran are searched, not lost.
    var typed = input.value.trim();
    if (typed && typed !== state.q) {
      state = { q: typed, chosen: state.chosen, sort: state.sort, page: 1 };
      history.replaceState(history.state, "", urlOf(state));
      if (root.hasAttribute("data-asked")) asked = renders + 1;
    }
    /** @type {number | undefined} */
    var typing;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typing);
      state = { q: input.value.trim(), chosen: state.chosen, sort: state.sort, page: 1 };
      commit(true);
      asked = renders;
    });
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      root.classList.toggle("study-find--open", open);
    });
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () {
        if (input.value.trim() === state.q) return;
        state = { q: input.value.trim(), chosen: state.chosen, sort: state.sort, page: 1 };
        commit(false); // while typing the address follows without piling up history
      }, 300);
    });
    filters.addEventListener("change", function (event) {
      var box = /** @type {HTMLInputElement} */ (event.target); // a filter's checkbox
      if (!box.name || FACETS.indexOf(box.name) < 0) return;
      /** @type {Record<string, string[]>} */
      var chosen = {};
      Object.keys(state.chosen).forEach(function (key) { chosen[key] = state.chosen[key].slice(); });
      var values = (chosen[box.name] || []).filter(function (value) { return value !== box.value; });
      if (box.checked) values.push(box.value);
      if (values.length) chosen[box.name] = values;
      else delete chosen[box.name];
      state = { q: state.q, chosen: chosen, sort: state.sort, page: 1 };
      commit(true);
    });
    filters.addEventListener("click", function (event) {
      var more = /** @type {Element} */ (event.target).closest("[data-more]");
      if (!more) return;
      var key = /** @type {string} */ (more.getAttribute("data-more"));
      expanded[key] = !expanded[key];
      render();
    });
    sort.addEventListener("change", function () {
      state = { q: state.q, chosen: state.chosen, sort: sort.value, page: 1 };
      commit(true);
    });
    clear.addEventListener("click", function () {
      state = { q: state.q, chosen: {}, sort: state.sort, page: 1 };
      commit(true);
      input.focus();
    });
    pages.addEventListener("click", function (event) {
      var button = /** @type {HTMLButtonElement | null} */ (/** @type {Element} */ (event.target).closest("[data-page]"));
      if (!button || button.disabled) return;
      state = { q: state.q, chosen: state.chosen, sort: state.sort, page: parseInt(/** @type {string} */ (button.getAttribute("data-page")), 10) };
      commit(true);
      status.focus(); // the reader continues from the top of the new page
    });
    window.addEventListener("popstate", function () {
      state = readUrl(location.href);
      render();
    });
    render();
  }

  // After Material's bundle has read the address: at DOMContentLoaded, or now if that has passed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

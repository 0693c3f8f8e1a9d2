// @ts-check
// Material's header search, answered in the page through Material's worker protocol (SETUP → READY,
// QUERY → RESULT), so its box, results list, keyboard use and highlighting stay Material's own while the
// index is ours (words.js, indexfiles.js, engine.js). The one script of ours every page loads before Material's
// bundle, and small: it points Material's config at this script and hands Material an in-page "worker"
// when it starts one from that address; the engine and the index's sizes (meta) follow once the page is
// parsed, so a query typed then waits only for its own pieces; findlist.js and find.js on the 检索 page only.
//
// In the page, not in a worker thread, because (1) Material's list renders results past the first ten as
// the reader scrolls, and items still loading can be filled in where Material reads them, so every match
// is reachable without loading every title up front; (2) from file:// browsers start no workers at all.
// What it relies on of Material (types/material.d.ts): the #__config JSON, the worker protocol, and the
// search result's markup (data-md-component=search-result, .md-search-result__*).
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var FIRST = 10; // Material shows ten results at once, then four more each time the list is scrolled to its end
  var AHEAD = 8; // results described beyond what Material has rendered, once the reader scrolls
  var LOADING = "正在载入……";
  var UNREACHABLE = "无法读取搜索索引，暂时不能搜索。请检查网络连接，稍后再输入一次。";

  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var element = document.getElementById("__config");
  if (!script || !element) return;
  var address = new URL(script.src, location.href).href;
  /** @type {Record<string, Promise<Event>>} */
  var loading = {};

  // One of our scripts beside this one, loaded once, in the order asked for.
  /** @param {string} name */
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = new URL(name, address).href;
        tag.async = false;
        tag.addEventListener("load", resolve);
        tag.addEventListener("error", function () {
          delete loading[name];
          tag.remove();
          reject(Object.assign(new Error("cannot load " + name), { unreachable: true }));
        });
        document.head.appendChild(tag);
      });
    }
    return loading[name];
  }

  // The engine's three scripts (the words, the index's files, the ranking), run in this order.
  function engineLoaded() {
    return Promise.all([load("words.js"), load("indexfiles.js"), load("engine.js")]);
  }

  function engineOf() {
    return engineLoaded().then(function () { return window.StudySearch.shared(); });
  }

  // The 检索 page: Material opens its own search box for any ?q= in the address as its bundle starts, so
  // the query is hidden from it until find.js, once the page is ready, puts the address back.
  var find = document.querySelector("[data-study-find]");
  if (find) {
    var arrived = new URL(location.href);
    arrived.searchParams.delete("h"); // words Material would highlight: not the page's own state
    find.setAttribute("data-arrived", arrived.href);
    var hidden = new URL(arrived.href);
    hidden.searchParams.delete("q");
    if (hidden.href !== location.href) history.replaceState(history.state, "", hidden.href);
    var findRoot = find; // (not null in the functions below)
    // 检索 pressed before find.js has started: the page is not sent again (it would reload, and the words typed
    // meanwhile be lost); find.js searches what the box holds when it starts.
    var findForm = find.querySelector("[data-study-find-form]");
    if (findForm) {
      findForm.addEventListener("submit", function (event) {
        event.preventDefault();
        findRoot.setAttribute("data-asked", "");
      });
    }
    Promise.all([engineLoaded(), load("findlist.js"), load("find.js")]).catch(function () {
      /** @type {Element} */ (findRoot.querySelector("[data-study-find-status]")).textContent = "无法载入检索程序，请检查网络连接后刷新页面。";
    });
  }
  /** @type {MaterialConfig} */
  var config = JSON.parse(element.textContent);
  config.search = address;
  element.textContent = JSON.stringify(config);
  var translations = config.translations || {};
  var base = new URL(config.base || ".", location.href);

  /** @param {number} total */
  function countText(total) {
    if (total === 1) return translations["search.result.one"] || "找到 1 个符合条件的结果";
    return (translations["search.result.other"] || "# 个符合条件的结果").replace("#", String(total));
  }

  /**
   * @param {SearchMeta} meta
   * @param {string} query
   */
  function findUrl(meta, query) {
    var url = new URL(meta.find || "find/", base);
    url.searchParams.set("q", query);
    return url.href;
  }

  /**
   * @param {SearchResult} result
   * @param {number} score
   * @param {Record<string, boolean>} terms
   * @returns {MaterialSearchDocument[]}
   */
  function itemsOf(result, score, terms) {
    var parent = {
      location: result.url,
      title: result.titleHtml,
      text: result.anchor ? "" : "<p>" + result.excerptHtml + "</p>",
      score: score,
      terms: terms
    };
    if (!result.anchor) return [parent];
    return [parent, {
      location: result.url + "#" + encodeURIComponent(result.anchor),
      title: result.sectionHtml,
      text: "<p>" + result.excerptHtml + "</p>",
      score: score,
      terms: terms
    }];
  }

  /**
   * @param {MaterialSearchDocument[]} item
   * @param {SearchResult} result
   * @param {number} score
   * @param {Record<string, boolean>} terms
   */
  function fill(item, result, score, terms) {
    var filled = itemsOf(result, score, terms);
    item.length = 0;
    Array.prototype.push.apply(item, filled);
  }

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string>} attributes
   * @param {string} [html]
   */
  function node(tag, attributes, html) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (html) made.innerHTML = html; // our own index's text, escaped by words.js (mark)
    return made;
  }

  // A result Material rendered while it was still loading, redrawn as Material draws one (templates/search).
  /**
   * @param {Element} li
   * @param {MaterialSearchDocument[]} item
   */
  function redraw(li, item) {
    li.textContent = "";
    item.forEach(function (doc, index) {
      var url = new URL(doc.location, base);
      url.searchParams.set("h", Object.keys(doc.terms).join(" "));
      var link = node("a", { href: url.href, "class": "md-search-result__link", tabindex: "-1" });
      var article = node("article", { "class": "md-search-result__article md-typeset", "data-md-score": doc.score.toFixed(2) });
      if (index === 0) {
        article.appendChild(node("div", { "class": "md-search-result__icon md-icon" }));
        article.appendChild(node("h1", {}, doc.title));
      } else {
        article.appendChild(node("h2", {}, doc.title));
      }
      if (doc.text && (index > 0 || item.length === 1)) article.insertAdjacentHTML("beforeend", doc.text);
      link.appendChild(article);
      li.appendChild(link);
    });
  }

  /** @returns {SearchHost} */
  function Host() {
    var host = /** @type {SearchHost} */ (new EventTarget()); // its postMessage and terminate follow
    /** @type {SearchEngine | null} */
    var engine = null; // engine.js, loaded when the reader starts to search
    var current = 0;
    /** @type {HTMLAnchorElement | null} */
    var all = null; // the “查看全部” line under the list

    /** @param {MaterialSearchMessage} data */
    function send(data) {
      host.dispatchEvent(new MessageEvent("message", { data: data }));
    }

    function parts() {
      var result = document.querySelector("[data-md-component=search-result]");
      return result && { // Material's search result always holds these (partials/search.html)
        result: result,
        meta: /** @type {Element} */ (result.querySelector(".md-search-result__meta")),
        list: /** @type {Element} */ (result.querySelector(".md-search-result__list")),
        scroller: /** @type {HTMLElement} */ (result.parentElement)
      };
    }

    /**
     * @param {string | null} href
     * @param {number} [total]
     */
    function showAll(href, total) {
      var found = parts();
      if (!found) return;
      if (!all) {
        all = node("a", { "class": "study-search-all" });
        // Enter in the box opens the best result: Material weighs every link in the results by the
        // data-md-score of its first child, so this line carries the lowest score there is.
        all.appendChild(node("span", { "data-md-score": "-1" }));
        found.result.appendChild(all);
      }
      all.hidden = !href;
      if (href) {
        all.href = href;
        /** @type {Node} */ (all.firstChild).textContent = "查看全部 " + total + " 条结果";
      } else {
        all.removeAttribute("href"); // hidden, it is no candidate for Enter
      }
    }

    // Results past the first screen: described while the reader scrolls, a few ahead of Material's list;
    // one rendered before its text arrived is redrawn in place.
    /**
     * @param {number} query
     * @param {MaterialSearchDocument[][]} items
     * @param {SearchMatch} found
     */
    function follow(query, items, found) {
      var shown = parts(), described = Math.min(FIRST, items.length), busy = false;
      if (!shown || described >= items.length) return;
      var page = shown; // (not null in the functions below)
      var stop = function () {
        observer.disconnect();
        page.scroller.removeEventListener("scroll", more);
      };
      var more = function () {
        if (query !== current) return stop();
        var wanted = Math.min(items.length, Math.max(page.list.children.length, described) + AHEAD);
        if (busy || described >= wanted) return;
        busy = true;
        var from = described;
        Promise.all(found.ranked.slice(from, wanted).map(function (pair) {
          return /** @type {SearchEngine} */ (engine).describe(pair[0], found.terms); // loaded by answer()
        })).then(function (results) {
          busy = false;
          if (query !== current) return stop();
          results.forEach(function (result, offset) {
            var at = from + offset;
            fill(items[at], result, found.ranked[at][1], items[at][0].terms);
            if (page.list.children[at]) redraw(page.list.children[at], items[at]);
          });
          described = wanted;
          if (described >= items.length) return stop();
          more();
        }, function () {
          busy = false; // tried again at the next scroll
        });
      };
      var observer = new MutationObserver(more);
      observer.observe(page.list, { childList: true });
      page.scroller.addEventListener("scroll", more, { passive: true });
    }

    /** @param {string} value */
    function answer(value) {
      var query = ++current;
      if (!value.trim()) {
        send({ type: RESULT, data: { items: [] } });
        showAll(null);
        return;
      }
      engineOf().then(function (loaded) {
        engine = loaded;
        return Promise.all([engine.meta(), engine.match(value)]);
      }).then(function (loaded) {
        var meta = loaded[0], found = loaded[1];
        if (query !== current) return null;
        /** @type {Record<string, boolean>} */
        var terms = {};
        found.terms.forEach(function (term) { terms[term] = true; });
        var items = found.ranked.map(function (pair) {
          return [{ location: findUrl(meta, value), title: LOADING, text: "", score: pair[1], terms: terms }];
        });
        // The list is shown as soon as the best result is described; the rest of the first screen fills in
        // where Material has drawn it as each page's text arrives (a few hundredths of a second later).
        var sent = false;
        var describing = found.ranked.slice(0, FIRST).map(function (pair, at) {
          return /** @type {SearchEngine} */ (engine).describe(pair[0], found.terms).then(function (result) {
            if (query !== current) return;
            fill(items[at], result, pair[1], terms);
            var page = parts();
            if (sent && page && page.list.children[at]) redraw(page.list.children[at], items[at]);
          });
        });
        describing.slice(1).forEach(function (row) { row.catch(function () {}); }); // left 正在载入 (see follow)
        return (describing[0] || Promise.resolve()).then(function () {
          if (query !== current) return;
          send({ type: RESULT, data: { items: items } });
          sent = true;
          var page = parts();
          // Material writes “1.2k” past 999: the count is said exactly.
          if (page && items.length) page.meta.textContent = countText(items.length);
          showAll(items.length ? findUrl(meta, value) : null, items.length);
          follow(query, items, found);
        });
      }).catch(function () {
        if (query !== current) return;
        send({ type: RESULT, data: { items: [] } });
        var page = parts();
        if (page) page.meta.textContent = UNREACHABLE;
        showAll(null);
      });
    }

    host.postMessage = function (message) {
      if (message && message.type === SETUP) setTimeout(function () { send({ type: READY }); });
      if (message && message.type === QUERY) answer(String(message.data || ""));
    };
    host.terminate = function () {};
    // The reader who clicks into the box is about to search: the index's sizes are loaded while they type.
    var box = document.querySelector("[data-md-component=search-query]");
    if (box) {
      box.addEventListener("focus", function () {
        engineOf().then(function (loaded) { return loaded.meta(); }).catch(function () {});
      }, { once: true });
      // Material searches on keyup: text pasted with the mouse, or committed by some input methods without a
      // key event, would wait for the next key. Any change of the text counts as one.
      var typed = box; // (not null in the function below)
      box.addEventListener("input", function (event) {
        if (!/** @type {InputEvent} */ (event).isComposing) typed.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      });
    }
    // Nothing to build before the first query. From file:// Material sends no SETUP (it waits for an index
    // it cannot fetch), so the host says it is ready by itself.
    setTimeout(function () { send({ type: READY }); });
    return host;
  }

  // A page opened from a result (?h=…) is marked by our rules, the words as written (Material's own marking
  // would split 示发〔2019〕5号 at its brackets and mark the 3 of 30): the words are hidden from Material while
  // it starts, marked once the page is parsed, and put back in the address (a reload marks them again).
  var opened = new URL(location.href), words = opened.searchParams.get("h");
  if (words && !find) {
    opened.searchParams.delete("h");
    history.replaceState(history.state, "", opened.href);
    var restore = new URL(location.href);
    restore.searchParams.set("h", words);
    var said = words; // (not null in the function below)
    document.addEventListener("DOMContentLoaded", function () {
      engineOf().then(function () {
        var study = window.StudySearch, terms = study.termsOf(said);
        document.querySelectorAll(".md-content article").forEach(function (article) { study.highlight(article, terms); });
      }).catch(function () {}).then(function () {
        if (location.href === opened.href) history.replaceState(history.state, "", restore.href);
      });
    }, { once: true });
  }

  // The engine and the index's sizes, loaded once the page is parsed (small: the reader's query then waits only
  // for its own pieces); a failure here is tried again when the reader searches.
  var preload = function () {
    engineOf().then(function (loaded) { return loaded.meta(); }).catch(function () {});
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", preload, { once: true });
  else preload();

  var Native = window.Worker;
  /**
   * Material's `new Worker(url)`: for this script's address the host above, for any other a real worker.
   * @param {string | URL} url
   * @param {WorkerOptions} [options]
   * @returns {SearchHost | Worker}
   */
  function SearchWorker(url, options) {
    if (new URL(String(url), location.href).href === address) return Host();
    return new Native(url, options);
  }
  if (Native) SearchWorker.prototype = Native.prototype;
  // The host answers what Material asks of a worker (postMessage, terminate, message events), no more.
  window.Worker = /** @type {typeof Worker} */ (/** @type {unknown} */ (SearchWorker));
})();

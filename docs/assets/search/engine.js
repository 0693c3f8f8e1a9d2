// @ts-check
// The reader side of hooks/studysite/search/searchindex.py: load only the pieces a query's words fall in,
// find every page that holds every word as written (a word of three or more tokens checked with the
// positions of its pairs), rank them, and describe the ones shown (title, section, excerpt). Shared by the
// header search (header.js) and the 检索 page (find.js). The last of the search's three scripts: words.js
// (the words) and indexfiles.js (the index's files) run before it; it adds the Engine to window.StudySearch.
// The shapes it reads and hands out: types/search.d.ts.
(function (/** @type {typeof globalThis} */ root) {
  "use strict";

  var study = root.StudySearch;
  if (!study || !study.fold || !study.readVarints) throw new Error("engine.js runs after words.js and indexfiles.js");
  var fold = study.fold, findIn = study.findIn, mark = study.mark, excerpt = study.excerpt;
  var tokensOf = study.tokensOf, termsOf = study.termsOf, coverOf = study.coverOf;
  var shardOf = study.shardOf, countsOf = study.countsOf, positionsOf = study.positionsOf;
  var TITLE_WEIGHT = 1000; // as searchindex.TITLE_WEIGHT

  /**
   * @param {number} ms
   * @returns {Promise<void>}
   */
  function delay(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  /**
   * @constructor
   * @param {string} base
   * @param {SearchLoader} [loader]
   */
  function Engine(base, loader) {
    this.base = base; // URL of the site's search/ folder
    this.loader = loader || study.loaderFor(base);
    /** @type {Record<string, Promise<any>>} */
    this.cache = {};
    /** @type {Record<string, Map<number, any>>} */
    this.postings = {};
    /** @type {Map<string, Promise<SearchMatch>>} */
    this.matches = new Map();
    /** @type {Promise<SearchCatalogue> | null} */
    this.catalogueData = null;
    /** @type {Promise<SearchHeads> | null} */
    this.headsData = null;
    /** @type {SearchHeads | null} */
    this.headsNow = null;
  }

  // One piece of the index. A failed load is tried once more at once, then forgotten, so the next query
  // fetches it again; the error says the index cannot be reached (a reader is told, not shown “no results”).
  /**
   * @param {string} path
   * @returns {Promise<any>}
   */
  Engine.prototype.get = function (path) {
    var self = this;
    if (!this.cache[path]) {
      /**
       * @param {number} left
       * @returns {Promise<any>}
       */
      var attempt = function (left) {
        return self.loader(path).catch(function (error) {
          if (left <= 0) throw error;
          return delay(300).then(function () { return attempt(left - 1); });
        });
      };
      var loading = attempt(1).catch(function (/** @type {SearchError} */ error) {
        if (self.cache[path] === loading) delete self.cache[path];
        error.unreachable = true;
        throw error;
      });
      this.cache[path] = loading;
    }
    return this.cache[path];
  };

  /** @returns {Promise<SearchMeta>} */
  Engine.prototype.meta = function () {
    return this.get("meta");
  };


  // A piece's documents → count (title occurrences weigh TITLE_WEIGHT).
  /**
   * @param {SearchMeta} meta
   * @param {string} piece
   * @returns {Promise<Map<number, number>>}
   */
  Engine.prototype.counts = function (meta, piece) {
    var self = this, key = "c" + piece;
    if (this.postings[key]) return Promise.resolve(this.postings[key]);
    return this.get("shards/" + shardOf(piece, meta.shards)).then(function (/** @type {SearchShard} */ shard) {
      return (self.postings[key] = countsOf(shard[piece] || ""));
    });
  };

  // A character pair's documents → its positions, ascending (the title's below zero: indexfiles.positionsOf).
  /**
   * @param {SearchMeta} meta
   * @param {string} pair
   * @returns {Promise<Map<number, number[]>>}
   */
  Engine.prototype.positions = function (meta, pair) {
    var self = this, key = "p" + pair;
    if (this.postings[key]) return Promise.resolve(this.postings[key]);
    return this.get("positions/" + shardOf(pair, meta.positions)).then(function (/** @type {SearchShard} */ shard) {
      return (self.postings[key] = positionsOf(shard[pair] || ""));
    });
  };

  // covering pairs stand at the right distances (in tokens), scored by its occurrences (in the title TITLE_WEIGHT each).
  /**
   * @param {SearchMeta} meta
   * @param {string} term
   * @returns {Promise<Map<number, number>>}
   */
  Engine.prototype.termScores = function (meta, term) {
    if (tokensOf(term).length <= 2) return this.counts(meta, term);
    var self = this, cover = coverOf(term);
    return Promise.all(cover.map(function (part) { return self.positions(meta, part[0]); })).then(function (lists) {
      var scores = new Map();
      lists[0].forEach(function (first, doc) {
        var others = [];
        for (var i = 1; i < lists.length; i++) {
          var where = lists[i].get(doc);
          if (!where) return;
          others.push(where);
        }
        var pointers = others.map(function () { return 0; }), score = 0;
        for (var f = 0; f < first.length; f++) {
          var p = first[f], whole = true;
          for (var o = 0; o < others.length && whole; o++) {
            var target = p + cover[o + 1][1], list = others[o], q = pointers[o];
            while (q < list.length && list[q] < target) q++;
            pointers[o] = q;
            whole = q < list.length && list[q] === target;
          }
          if (whole) score += p < 0 ? TITLE_WEIGHT : 1;
        }
        if (score > 0) scores.set(doc, score);
      });
      return scores;
    });
  };

  // Every page that holds every word of the query, best first: {terms, ranked: [[doc, score], …]}.
  /**
   * @param {string} query
   * @returns {Promise<SearchMatch>}
   */
  Engine.prototype.match = function (query) {
    var self = this, terms = termsOf(query), key = terms.join(" ");
    if (!terms.length) return Promise.resolve({ terms: [], ranked: [] });
    if (this.matches.has(key)) return /** @type {Promise<SearchMatch>} */ (this.matches.get(key));
    var found = this.meta().then(function (meta) {
      return Promise.all(terms.map(function (term) { return self.termScores(meta, term); }));
    }).then(function (maps) {
      maps.sort(function (a, b) { return a.size - b.size; });
      /** @type {[number, number][]} */
      var ranked = [];
      maps[0].forEach(function (score, doc) {
        for (var k = 1; k < maps.length; k++) {
          var more = maps[k].get(doc);
          if (more === undefined) return;
          score += more;
        }
        ranked.push([doc, score]);
      });
      ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { terms: terms, ranked: ranked };
    });
    found.catch(function () { self.matches.delete(key); });
    this.matches.set(key, found);
    if (this.matches.size > 30) this.matches.delete(/** @type {string} */ (this.matches.keys().next().value));
    return found;
  };

  // What a result shows: address, title, its line of facts, the section holding a word, an excerpt.
  /**
   * @param {number} doc
   * @param {string[]} terms
   * @returns {Promise<SearchResult>}
   */
  Engine.prototype.describe = function (doc, terms) {
    return this.get("text/" + doc).then(function (/** @type {SearchPage} */ page) {
      var sections = page.s;
      /** @param {number} part */
      var holds = function (part) {
        return function (/** @type {[string, string, string]} */ s) {
          var folded = fold(s[part]);
          return terms.some(function (term) { return findIn(folded, term, 0) >= 0; });
        };
      };
      var best = terms.length ? sections.filter(holds(2))[0] || sections.filter(holds(1))[0] : null;
      best = best || sections.filter(function (s) { return s[2]; })[0] || sections[0] || ["", "", ""];
      // The page's own heading is no section worth naming: the result opens the page at its top.
      var own = best[1] === page.t;
      return {
        doc: doc, url: page.u, title: page.t, number: page.n || "",
        anchor: own ? "" : best[0], section: own ? "" : best[1],
        titleHtml: mark(page.t, terms), sectionHtml: mark(best[1], terms),
        excerptHtml: excerpt(best[2] || best[1], terms, 40)
      };
    });
  };

  // Every page's address, title and 文号 ({u: [...], t: [...], n: {doc: 文号}}), for the 检索 page once its
  // first results show; `heads.now` holds them once loaded.
  /** @returns {Promise<SearchHeads>} */
  Engine.prototype.heads = function () {
    var self = this;
    if (!this.headsData) {
      this.headsData = this.get("heads").then(function (/** @type {SearchHeads} */ heads) {
        self.headsNow = heads;
        return heads;
      });
      this.headsData.catch(function () { self.headsData = null; });
    }
    return this.headsData;
  };

  // Per page its facts for the filters (indexfiles.catalogueOf), loaded with the index's sizes.
  /** @returns {Promise<SearchCatalogue>} */
  Engine.prototype.catalogue = function () {
    if (this.catalogueData) return this.catalogueData;
    var self = this;
    this.catalogueData = Promise.all([this.meta(), this.get("catalogue")]).then(function (parts) {
      return study.catalogueOf(parts[0].documents, /** @type {SearchCatalogueData} */ (parts[1]));
    });
    this.catalogueData.catch(function () { self.catalogueData = null; });
    return this.catalogueData;
  };

  // The best `limit` pages for a query with their titles and excerpts, and how many pages match.
  /**
   * @param {string} query
   * @param {number} limit
   */
  Engine.prototype.search = function (query, limit) {
    var self = this;
    return this.match(query).then(function (found) {
      return Promise.all(found.ranked.slice(0, limit).map(function (pair) {
        return self.describe(pair[0], found.terms).then(function (result) {
          result.score = pair[1];
          return result;
        });
      })).then(function (results) {
        return { results: results, total: found.ranked.length, terms: found.terms };
      });
    });
  };

  /** @type {Engine | null} */
  var shared = null;
  var script = /** @type {HTMLScriptElement | null} */ (root.document && root.document.currentScript);
  var here = script ? script.src : null;

  // The page's one engine (header search and 检索 page share what they load): the site's search/ folder
  // is found from this script's own address, so the site works under any sub-path and from file://.
  function sharedEngine() {
    if (!shared) shared = new Engine(new URL("../../search/", here || location.href).href);
    return shared;
  }

  study.Engine = Engine;
  study.shared = sharedEngine;
})(typeof self !== "undefined" ? self : this);

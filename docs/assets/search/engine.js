// @ts-check
// The reader side of hooks/studysite/searchindex.py: cut a query the way the index was cut, load only the
// pieces its words fall in, find every page that holds every word as written (a word of three or more tokens
// checked with the positions of its pairs), rank them, and cut titles and excerpts for the ones shown.
// Shared by the header search (header.js) and the 检索 page (find.js); from file:// the pieces come as
// scripts (StudySearch.load), elsewhere through fetch. The shapes it reads and hands out: types/search.d.ts.
(function (/** @type {typeof globalThis} */ root) {
  "use strict";

  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  // A token, as searchindex._TOKEN: a Latin word or number, else one character (a code point).
  var TOKEN = /[0-9a-z]+|[\s\S]/gu;
  var LETTER = new RegExp("^[" + HAN + "0-9a-z]");
  var ALNUM = /[0-9a-z]/;
  var TITLE_WEIGHT = 1000; // as searchindex.TITLE_WEIGHT
  var TITLE_SHIFT = 1 << 30; // title positions are kept below zero, text positions from zero
  var DAY = 86400000;
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGITS = new Int8Array(128);
  for (var i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i;

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

  // The numbers of searchindex.varints: 5 bits a character, the sixth set while more follow.
  /** @param {string} text */
  function readVarints(text) {
    /** @type {number[]} */
    var numbers = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGITS[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit & 32) {
        scale *= 32;
      } else {
        numbers.push(value);
        value = 0;
        scale = 1;
      }
    }
    return numbers;
  }

  // FNV-1a over the UTF-8 bytes, as shard_of() in searchindex.py.
  /**
   * @param {string} piece
   * @param {number} shards
   */
  function shardOf(piece, shards) {
    var bytes = new TextEncoder().encode(piece);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  // A folded word's tokens (it holds no space).
  /**
   * @param {string} word
   * @returns {string[]}
   */
  function tokensOf(word) {
    return Array.from(word.match(TOKEN) || []);
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
      while (tokens.length && !LETTER.test(tokens[0])) tokens.shift();
      while (tokens.length && !LETTER.test(tokens[tokens.length - 1])) tokens.pop();
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

  /**
   * @param {number} ms
   * @returns {Promise<void>}
   */
  function delay(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // Loaders: a path of the index ("shards/12") → its data.
  /**
   * @param {string} base
   * @returns {SearchLoader}
   */
  function fetchLoader(base) {
    return function (path) {
      return fetch(base + path + ".json").then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + path);
        return response.json();
      });
    };
  }

  /** @type {Record<string, unknown>} */
  var registered = {};

  // From file:// the index comes as scripts that call StudySearch.load(path, data) (fetch is blocked there).
  /**
   * @param {string} base
   * @returns {SearchLoader}
   */
  function scriptLoader(base) {
    return function (path) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + path + ".js";
        script.addEventListener("load", function () {
          script.remove();
          if (Object.prototype.hasOwnProperty.call(registered, path)) resolve(registered[path]);
          else reject(new Error("no data in " + path));
        });
        script.addEventListener("error", function () {
          script.remove();
          reject(new Error("cannot load " + path));
        });
        document.head.appendChild(script);
      });
    };
  }

  /** @param {string} base */
  function loaderFor(base) {
    return new URL(base, location.href).protocol === "file:" ? scriptLoader(base) : fetchLoader(base);
  }

  /**
   * @constructor
   * @param {string} base
   * @param {SearchLoader} [loader]
   */
  function Engine(base, loader) {
    this.base = base; // URL of the site's search/ folder
    this.loader = loader || loaderFor(base);
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
      var flat = readVarints(shard[piece] || ""), docs = new Map(), number = 0;
      for (var j = 0; j < flat.length; j += 2) {
        number += flat[j];
        docs.set(number, flat[j + 1]);
      }
      self.postings[key] = docs;
      return docs;
    });
  };

  // A character pair's documents → its positions, ascending: the title's first, moved below zero (the index
  // counts each from 0; moved apart, no word can be found across the end of the title).
  /**
   * @param {SearchMeta} meta
   * @param {string} pair
   * @returns {Promise<Map<number, number[]>>}
   */
  Engine.prototype.positions = function (meta, pair) {
    var self = this, key = "p" + pair;
    if (this.postings[key]) return Promise.resolve(this.postings[key]);
    return this.get("positions/" + shardOf(pair, meta.positions)).then(function (/** @type {SearchShard} */ shard) {
      var flat = readVarints(shard[pair] || ""), docs = new Map(), number = 0, j = 0;
      while (j < flat.length) {
        number += flat[j++];
        var where = [];
        for (var part = 0; part < 2; part++) {
          var n = flat[j++], at = part ? 0 : -TITLE_SHIFT;
          for (var k = 0; k < n; k++) {
            at += flat[j++];
            where.push(at);
          }
        }
        docs.set(number, where);
      }
      self.postings[key] = docs;
      return docs;
    });
  };

  // The pages holding a word → its score there. A word of three or more tokens: the pages where its
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

  // Per page its facts for the filters: facets [{key, label, values, names, cells}] (cells[doc]: the
  // numbers of its values) and days[doc] (days since 1970, NaN without a date); 年份 is read from the date.
  /** @returns {Promise<SearchCatalogue>} */
  Engine.prototype.catalogue = function () {
    if (this.catalogueData) return this.catalogueData;
    var self = this;
    this.catalogueData = Promise.all([this.meta(), this.get("catalogue")]).then(function (parts) {
      var documents = parts[0].documents, data = /** @type {SearchCatalogueData} */ (parts[1]);
      var days = new Float64Array(documents), previous = 0, flat = readVarints(data.dates);
      for (var d = 0; d < documents; d++) {
        var x = flat[d];
        if (x === 0) { days[d] = NaN; continue; }
        var zigzag = x - 1;
        previous += zigzag % 2 ? -(zigzag + 1) / 2 : zigzag / 2;
        days[d] = previous;
      }
      var facets = data.facets.map(function (facet) {
        var cells = new Array(documents), values = readVarints(data.columns[facet.key]), at = 0;
        for (var doc = 0; doc < documents; doc++) {
          var row = [];
          for (;;) {
            var v = values[at++];
            if (v === 0) break;
            row.push((v >> 1) - 1);
            if (!(v & 1)) break;
          }
          cells[doc] = row;
        }
        return { key: facet.key, label: facet.label, values: facet.values, names: facet.names || facet.values, cells: cells };
      });
      /** @type {string[]} */
      var years = [], yearOf = new Array(documents);
      for (var y = 0; y < documents; y++) {
        yearOf[y] = isNaN(days[y]) ? null : String(new Date(days[y] * DAY).getUTCFullYear());
        if (yearOf[y] && years.indexOf(yearOf[y]) < 0) years.push(yearOf[y]);
      }
      years.sort(function (a, b) { return Number(b) - Number(a); });
      var yearCells = yearOf.map(function (year) { return year ? [years.indexOf(year)] : []; });
      var year = { key: "year", label: "年份", values: years, names: years.map(function (v) { return v + "年"; }), cells: yearCells };
      facets.splice(1, 0, year);
      /** @type {Record<string, SearchFacet>} */
      var byKey = {};
      facets.forEach(function (facet) { byKey[facet.key] = facet; });
      return { documents: documents, days: days, facets: facets, byKey: byKey };
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

  root.StudySearch = {
    Engine: Engine,
    shared: sharedEngine,
    load: function (/** @type {string} */ path, /** @type {unknown} */ data) { registered[path] = data; },
    loaderFor: loaderFor,
    fetchLoader: fetchLoader,
    scriptLoader: scriptLoader,
    termsOf: termsOf,
    piecesOf: piecesOf,
    coverOf: coverOf,
    shardOf: shardOf,
    readVarints: readVarints,
    fold: fold,
    findIn: findIn,
    mark: mark,
    escapeHtml: escapeHtml,
    highlight: highlight
  };
})(typeof self !== "undefined" ? self : this);

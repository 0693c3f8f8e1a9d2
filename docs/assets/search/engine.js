// The reader side of hooks/studysite/searchindex.py: cut a query the way the index was cut, fetch only the
// shards its pieces fall in, rank pages, check the exact phrase on the best ones and cut excerpts.
// Loaded by the search worker (importScripts) and, for measurements, by a page.
(function (root) {
  "use strict";

  var HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var WORD = /[0-9a-z]+/g;
  var SPLIT = /[\s\u3000,，.。;；:：!！?？、"“”'‘’()（）《》〈〉【】\[\]{}<>|\\/·…—-]+/;

  // FNV-1a over the UTF-8 bytes, as shard_of() in searchindex.py.
  function shardOf(piece, shards) {
    var bytes = new TextEncoder().encode(piece);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  // The terms of a query: what the reader typed, split at spaces and punctuation, lower-cased.
  function termsOf(query) {
    return query.toLowerCase().split(SPLIT).filter(function (term) {
      return term.length > 0 && (term.match(HAN_RUN) || term.match(WORD));
    });
  }

  // The index pieces a term needs: its character pairs (a lone character by itself) and its Latin words.
  function piecesOf(term) {
    var pieces = [];
    (term.match(HAN_RUN) || []).forEach(function (run) {
      if (run.length === 1) pieces.push(run);
      for (var i = 0; i + 1 < run.length; i++) pieces.push(run.slice(i, i + 2));
    });
    (term.match(WORD) || []).forEach(function (word) { pieces.push(word); });
    return pieces.filter(function (piece, index) { return pieces.indexOf(piece) === index; });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // The text with every occurrence of the terms marked, HTML-escaped.
  function mark(text, terms) {
    var lower = text.toLowerCase();
    var spans = [];
    terms.forEach(function (term) {
      for (var at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) {
        spans.push([at, at + term.length]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", position = 0;
    spans.forEach(function (span) {
      if (span[0] < position) return;
      out += escapeHtml(text.slice(position, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      position = span[1];
    });
    return out + escapeHtml(text.slice(position));
  }

  function excerpt(text, terms, width) {
    var lower = text.toLowerCase();
    var at = -1;
    terms.some(function (term) { at = lower.indexOf(term); return at >= 0; });
    var start = Math.max(0, at - width);
    var cut = text.slice(start, start + 2 * width + 20);
    return (start > 0 ? "…" : "") + mark(cut, terms) + (start + cut.length < text.length ? "…" : "");
  }

  function Engine(base) {
    this.base = base; // URL of the site's search/ folder
    this.cache = {};
  }

  Engine.prototype.json = function (path) {
    if (!this.cache[path]) {
      this.cache[path] = fetch(this.base + path).then(function (response) {
        return response.ok ? response.json() : null;
      });
    }
    return this.cache[path];
  };

  // Pages containing every piece of every term, scored by how often the rarest piece of each term occurs.
  Engine.prototype.candidates = function (meta, terms) {
    var self = this;
    var pieceLists = terms.map(piecesOf);
    var all = [].concat.apply([], pieceLists);
    var shards = all.map(function (piece) { return shardOf(piece, meta.shards); });
    return Promise.all(shards.map(function (n) { return self.json("shards/" + n + ".json"); })).then(function (loaded) {
      var postings = {};
      all.forEach(function (piece, i) {
        var flat = (loaded[i] || {})[piece] || [];
        var docs = new Map(), number = 0;
        for (var j = 0; j < flat.length; j += 2) {
          number += flat[j];
          docs.set(number, flat[j + 1]);
        }
        postings[piece] = docs;
      });
      var scores = null;
      pieceLists.forEach(function (pieces) {
        var termScores = new Map();
        postings[pieces[0]].forEach(function (count, doc) {
          var score = count;
          for (var k = 1; k < pieces.length && score > 0; k++) score = Math.min(score, postings[pieces[k]].get(doc) || 0);
          if (score > 0 && (!scores || scores.has(doc))) termScores.set(doc, (scores ? scores.get(doc) : 0) + score);
        });
        scores = termScores;
      });
      return Array.from(scores || new Map()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    });
  };

  // The best `limit` pages for a query: exact phrases first, each with its title, section and excerpt.
  Engine.prototype.search = function (query, limit) {
    var self = this;
    var terms = termsOf(query);
    if (!terms.length) return Promise.resolve({ results: [], total: 0, terms: [] });
    return this.json("meta.json").then(function (meta) {
      return self.candidates(meta, terms).then(function (ranked) {
        // The text of a few pages past the limit is read, so exact phrases further down can move up.
        var top = ranked.slice(0, limit + 5);
        return Promise.all(top.map(function (pair) {
          var doc = pair[0];
          return Promise.all([
            self.json("text/" + doc + ".json"),
            self.json("titles/" + Math.floor(doc / meta.chunk) + ".json")
          ]).then(function (parts) {
            var sections = parts[0] || [], page = parts[1][doc % meta.chunk];
            var whole = sections.map(function (s) { return s[1] + "\n" + s[2]; }).join("\n").toLowerCase() + "\n" + page[1].toLowerCase();
            var exact = terms.every(function (term) { return whole.indexOf(term) >= 0; });
            // The section whose text holds a term, else the one whose heading does.
            var holds = function (part) {
              return function (s) { return terms.some(function (term) { return s[part].toLowerCase().indexOf(term) >= 0; }); };
            };
            var best = sections.filter(holds(2))[0] || sections.filter(holds(1))[0] || sections[0] || ["", "", ""];
            return {
              doc: doc, url: page[0], title: page[1], score: pair[1], exact: exact,
              anchor: best[0], section: best[1],
              titleHtml: mark(page[1], terms), sectionHtml: mark(best[1], terms),
              excerptHtml: excerpt(best[2] || best[1], terms, 40)
            };
          });
        })).then(function (results) {
          results.sort(function (a, b) { return (b.exact - a.exact) || (b.score - a.score) || (a.doc - b.doc); });
          return { results: results.slice(0, limit), total: ranked.length, terms: terms };
        });
      });
    });
  };

  root.StudySearch = { Engine: Engine, termsOf: termsOf, piecesOf: piecesOf, shardOf: shardOf, mark: mark };
})(typeof self !== "undefined" ? self : this);

// @ts-check
// Reading the index hooks/studysite/search/searchindex.py writes under search/: which shard a piece is in,
// the files loaded (through fetch, or from file:// as scripts that call StudySearch.load), and their
// varints decoded into postings, positions and the catalogue's columns. Loaded after words.js, before
// engine.js, which ranks what this reads (header.js loads them in that order).
(function (/** @type {typeof globalThis} */ root) {
  "use strict";

  var study = root.StudySearch || (root.StudySearch = /** @type {StudySearchApi} */ ({}));
  var TITLE_SHIFT = 1 << 30; // title positions are kept below zero, text positions from zero
  var DAY = 86400000;
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGITS = new Int8Array(128);
  for (var i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i;

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

  // A piece's postings (shards/N): documents → count (title occurrences weigh searchindex.TITLE_WEIGHT).
  /**
   * @param {string} postings
   * @returns {Map<number, number>}
   */
  function countsOf(postings) {
    var flat = readVarints(postings), docs = new Map(), number = 0;
    for (var j = 0; j < flat.length; j += 2) {
      number += flat[j];
      docs.set(number, flat[j + 1]);
    }
    return docs;
  }

  // A character pair's positions (positions/N): documents → its positions, ascending, the title's first,
  // moved below zero (the index counts each from 0; moved apart, no word can be found across the end of the title).
  /**
   * @param {string} postings
   * @returns {Map<number, number[]>}
   */
  function positionsOf(postings) {
    var flat = readVarints(postings), docs = new Map(), number = 0, j = 0;
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
    return docs;
  }

  // Per page its facts for the filters: facets [{key, label, values, names, cells}] (cells[doc]: the
  // numbers of its values) and days[doc] (days since 1970, NaN without a date); 年份 is read from the date.
  /**
   * @param {number} documents
   * @param {SearchCatalogueData} data
   * @returns {SearchCatalogue}
   */
  function catalogueOf(documents, data) {
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
  }

  /** @type {StudySearchIndexFiles} */
  var files = {
    readVarints: readVarints,
    shardOf: shardOf,
    fetchLoader: fetchLoader,
    scriptLoader: scriptLoader,
    loaderFor: loaderFor,
    load: function (/** @type {string} */ path, /** @type {unknown} */ data) { registered[path] = data; },
    countsOf: countsOf,
    positionsOf: positionsOf,
    catalogueOf: catalogueOf
  };
  Object.assign(study, files);
})(typeof self !== "undefined" ? self : this);

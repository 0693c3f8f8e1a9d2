// A search worker that speaks Material for MkDocs' worker protocol (SETUP → READY, QUERY → RESULT), so the
// header search, its results list, highlighting and keyboard use stay Material's own, while the index is
// ours: loaded in small pieces, by query, from the site's search/ folder (see engine.js).
importScripts("engine.js");

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var LIMIT = 10; // Material shows ten results before the reader scrolls
var engine = new self.StudySearch.Engine(new URL("../../search/", self.location.href).href);

function items(found) {
  var terms = {};
  found.terms.forEach(function (term) { terms[term] = true; });
  return found.results.map(function (result) {
    var article = {
      location: result.url,
      title: result.titleHtml,
      text: result.anchor ? "" : "<p>" + result.excerptHtml + "</p>",
      score: result.score,
      terms: terms
    };
    if (!result.anchor) return [article];
    return [article, {
      location: result.url + "#" + encodeURIComponent(result.anchor),
      title: result.sectionHtml,
      text: "<p>" + result.excerptHtml + "</p>",
      score: result.score,
      terms: terms
    }];
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    self.postMessage({ type: READY }); // nothing to build: pieces are fetched when a query needs them
  } else if (message.type === QUERY) {
    engine.search(message.data, LIMIT).then(function (found) {
      self.postMessage({ type: RESULT, data: { items: items(found) } });
    }, function () {
      self.postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});

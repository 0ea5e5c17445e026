// The search page: Pagefind's interface with the site's words, searching the
// page's language only (Pagefind picks the index by <html lang>). It starts with
// the words sent by the search field of any page (?q=...).
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") { return; }
  document.querySelectorAll(".search-needs-script").forEach(function (note) { note.hidden = true; });
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    baseUrl: element.dataset.base,  // results are addressed from the site root, not from /<lang>/pagefind/
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    translations: JSON.parse(document.getElementById("search-words").textContent)
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
}());

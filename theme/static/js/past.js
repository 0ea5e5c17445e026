// Pages are built once a day or less: mark the events that have ended since then
// as past (each carries data-end, a UTC instant). Nothing depends on this script.
(function () {
  var now = Date.now();
  document.querySelectorAll("[data-end]").forEach(function (item) {
    if (Date.parse(item.getAttribute("data-end")) <= now) item.classList.add("is-past");
  });
})();

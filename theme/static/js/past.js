// Pages are built once a day or less: mark what has ended since then as past (each
// carries data-end, a UTC instant): list items, an event's next dates, and the event
// page itself, whose stylesheet then says it is over and hides the calendar links.
// Nothing depends on this script.
(function () {
  var now = Date.now();
  document.querySelectorAll("[data-end]").forEach(function (item) {
    if (Date.parse(item.getAttribute("data-end")) <= now) item.classList.add("is-past");
  });
})();

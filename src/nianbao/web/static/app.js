// Small behaviours that need no inline script (the Content-Security-Policy forbids inline code):
// after the source panel changes, bring the highlighted paragraph or the chosen table cell into view.
(function () {
  "use strict";
  function reveal(root) {
    var marked = root.querySelector(".srctext .marked");
    if (marked) { marked.scrollIntoView({ block: "center" }); }
    var pageImage = root.querySelector(".page-image[data-focus]");
    if (pageImage) {
      var y = parseInt(pageImage.getAttribute("data-focus"), 10) || 0;
      pageImage.scrollTop = Math.max(0, y - 120);
    }
  }
  function markChosen(target) {
    var url = new URL(window.location.href);
    var cell = url.searchParams.get("cell");
    document.querySelectorAll("td.val.chosen").forEach(function (td) { td.classList.remove("chosen"); });
    if (cell) {
      document.querySelectorAll("a[data-cell]").forEach(function (a) {
        if (a.getAttribute("data-cell") === cell) { a.parentElement.classList.add("chosen"); }
      });
    }
  }
  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    reveal(event.target);
    markChosen(event.target);
  });
})();

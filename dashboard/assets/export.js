// Export links carry the page's current query (filters, language) at the moment they are used.
document.addEventListener("click", function (e) {
  var a = e.target.closest && e.target.closest("a[data-export]");
  if (!a) return;
  var q = window.location.search;
  if (a.dataset.export === "deck.pptx") {
    q = (q ? q + "&" : "?") + "page=" + encodeURIComponent(window.location.pathname);
  }
  a.href = "/export/" + a.dataset.export + q;
}, true);

// Material's instant navigation swaps the page and its <head>, but not the header,
// so the language menu would keep pointing at the first page's translation.
// Point it at the current page's hreflang alternate, keep the reader's heading
// (ids are the same in both languages), and load the other language in full
// (target=_self: instant navigation leaves the link alone), so its search index,
// sitemap and UI strings come with it.
(function () {
  function alternateOf(link) {
    var alt = document.head.querySelector(
      'link[rel="alternate"][hreflang="' + link.getAttribute("hreflang") + '"]');
    return alt ? alt.href : null;
  }

  function pointMenuAtThisPage() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      var href = alternateOf(link);
      if (href) link.href = href;
      link.target = "_self";
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-select__link[hreflang]");
    if (!link) return;
    var href = alternateOf(link);
    if (href) link.href = href + location.hash;
  }, true);

  if (typeof document$ !== "undefined") document$.subscribe(pointMenuAtThisPage);
  else pointMenuAtThisPage();
})();

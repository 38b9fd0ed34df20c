// course.css lets the browser skip the drawing of a code block out of view
// (content-visibility). Material makes a code block that scrolls sideways focusable, so that
// the keyboard can scroll it, on a device that hovers, when it measures the block; a skipped
// block measures as not scrolling and keeps its size when drawn, so Material never looks
// again. So a skipped block stays focusable until it is drawn (it may scroll), and is
// measured with Material's rule when the browser draws it.
(function () {
  "use strict";
  var BLOCKS = "pre > code[style*='--code-lines']";

  function hovers() {
    return window.matchMedia("(hover)").matches;
  }

  // Where checkVisibility() is missing (browsers from before 2022), Material's own measure
  // stands.
  function skipped(code) {
    var inside = code.firstElementChild;
    if (inside === null) {
      // Plain text (a crontab line: no highlighting spans to ask): skipped when out of view.
      var box = code.getBoundingClientRect();
      return box.bottom < 0 || box.top > window.innerHeight;
    }
    return typeof inside.checkVisibility === "function"
      && !inside.checkVisibility({ contentVisibilityAuto: true });
  }

  // After Material's own pass over the page (its subscription comes first).
  function keepSkippedBlocksFocusable() {
    if (!hovers()) return;
    document.querySelectorAll(BLOCKS).forEach(function (code) {
      if (skipped(code)) code.setAttribute("tabindex", "0");
    });
  }

  document.addEventListener("contentvisibilityautostatechange", function (event) {
    var code = event.target;
    if (event.skipped || !code.matches(BLOCKS) || !hovers()) return;
    if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    else code.removeAttribute("tabindex");
  }, true);

  if (typeof document$ !== "undefined") document$.subscribe(keepSkippedBlocksFocusable);
})();

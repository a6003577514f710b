/* autoglossary: small behaviours that CSS alone cannot give the tips.
 * - Escape hides an open tip (it comes back on the next hover or focus).
 * - A tip that would overflow the right edge of the text column (or of the
 *   window, whichever is nearer) is shifted left, so it stays over the text.
 */
(function () {
  "use strict";

  function wrapperOf(target) {
    return target && target.closest ? target.closest(".autoglossary") : null;
  }

  function place(wrapper) {
    var tip = wrapper.querySelector(".autoglossary-tip");
    if (!tip) return;
    tip.style.left = "";
    var edge = document.documentElement.clientWidth - 8;
    var column = wrapper.closest("article, [role=main]");
    if (column) edge = Math.min(edge, column.getBoundingClientRect().right);
    var overflow = tip.getBoundingClientRect().right - edge;
    if (overflow > 0) {
      // never past the left edge of the window
      var left = tip.getBoundingClientRect().left;
      tip.style.left = -Math.min(overflow, Math.max(0, left - 8)) + "px";
    }
  }

  function show(event) {
    var wrapper = wrapperOf(event.target);
    if (!wrapper) return;
    wrapper.classList.remove("autoglossary-dismissed");
    place(wrapper);
  }

  // Sphinx's search shows each result with an excerpt of the page's text;
  // the tips are definitions from the glossary, not what the page says, so
  // they are taken out of the page before the excerpt is cut.
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var page = new DOMParser().parseFromString(htmlString, "text/html");
      var tips = page.querySelectorAll(".autoglossary-tip");
      for (var i = 0; i < tips.length; i++) tips[i].remove();
      return original(page.documentElement.outerHTML, anchor);
    };
  });

  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll(".autoglossary:hover, .autoglossary:focus-within");
    for (var i = 0; i < open.length; i++) open[i].classList.add("autoglossary-dismissed");
  });
})();

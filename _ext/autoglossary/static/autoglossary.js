/* autoglossary: small behaviours that CSS alone cannot give the tips.
 * - Escape hides an open tip (it comes back on the next hover or focus).
 * - A tip that would overflow the right edge of the window is shifted left.
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
    var overflow = tip.getBoundingClientRect().right - document.documentElement.clientWidth + 8;
    if (overflow > 0) tip.style.left = -overflow + "px";
  }

  function show(event) {
    var wrapper = wrapperOf(event.target);
    if (!wrapper) return;
    wrapper.classList.remove("autoglossary-dismissed");
    place(wrapper);
  }

  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll(".autoglossary:hover, .autoglossary:focus-within");
    for (var i = 0; i < open.length; i++) open[i].classList.add("autoglossary-dismissed");
  });
})();

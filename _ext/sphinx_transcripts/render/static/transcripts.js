/* Quote links: following one also copies its address, so a reader can paste
 * a link to exactly this turn.  The link still works as a link (the address
 * bar shows it, the turn is highlighted) where the clipboard is unavailable.
 * An aria-live region tells screen-reader users the link was copied. */
(function () {
  "use strict";
  var status = null;

  function announce(text) {
    if (!status) {
      status = document.createElement("span");
      status.className = "transcript-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.transcript-permalink");
    if (!link || !navigator.clipboard || !window.isSecureContext) return;
    var address = new URL(link.getAttribute("href"), window.location.href).href;
    navigator.clipboard.writeText(address).then(function () {
      link.setAttribute("data-copied", "");
      announce("Link to this quote copied");
      window.setTimeout(function () { link.removeAttribute("data-copied"); }, 2000);
    }, function () { /* no permission: the link itself is still there */ });
  });
})();

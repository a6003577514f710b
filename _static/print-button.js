// The printer button on a text's page (_templates/components/view-this-page.html):
// shown once this script runs, it opens the browser's print dialog, where
// "Save as PDF" gives the text's own PDF (the print style sheet in site.css).
"use strict";
document.querySelectorAll(".site-print-button").forEach((box) => {
  box.hidden = false;
  box.querySelector("button").addEventListener("click", () => window.print());
});

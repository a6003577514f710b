/* Landing from a search result (sphinx_transcripts.search).

   A result links to page.html?find=<words>#<turn's id>.  Here the words are
   highlighted inside that turn (or passage) only, with the CSS Custom
   Highlight API: the text is not changed, so the player's word highlight,
   glossary links, selection and copying work as before.  The page is then
   scrolled to the densest run of the words, centred, so a match deep in a
   long turn is in view on a phone too.  Without the Highlight API the page
   still scrolls there. */
"use strict";

(() => {
  const params = new URLSearchParams(location.search);
  const find = (params.get("find") || "").toLowerCase().split(/\s+/).filter(Boolean);
  if (!find.length || !location.hash) return;
  let id;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch (error) {
    return;
  }

  const SKIP = ".autoglossary-tip, .transcript-turn-header, .headerlink, script, style, [hidden]";
  const NEAR = 120; // characters within which matches count as one run

  const land = () => {
    const target = document.getElementById(id);
    if (!target) return;
    const words = find.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})(?![\\p{L}\\p{N}])`, "giu");
    const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.parentElement && node.parentElement.closest(SKIP)
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    const hits = [];
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(pattern)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        hits.push({ range, at: offset + match.index, word: match[0].toLowerCase() });
      }
      offset += node.data.length;
    }
    if (!hits.length) return;
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("transcript-search", new Highlight(...hits.map((h) => h.range)));
    }
    // the run with the most distinct words found close together
    let best = hits[0];
    let most = 0;
    for (const hit of hits) {
      const near = new Set(
        hits.filter((h) => h.at >= hit.at && h.at < hit.at + NEAR).map((h) => h.word));
      if (near.size > most) [best, most] = [hit, near.size];
    }
    const box = best.range.getBoundingClientRect();
    window.scrollBy({ top: box.top + box.height / 2 - window.innerHeight / 2, behavior: "instant" });
    document.documentElement.dataset.searchLanded = id;
  };

  // after the browser's own jump to the fragment, once the layout is final
  if (document.readyState === "complete") land();
  else window.addEventListener("load", land, { once: true });
})();

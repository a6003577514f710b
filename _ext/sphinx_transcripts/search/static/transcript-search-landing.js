/* Landing from a search result (sphinx_transcripts.search).

   A result links to page.html?find=<words>#<turn's id>.  Here the words are
   highlighted inside that turn (or passage) only (the run of them that
   matched whole, elsewhere the words longer than three letters), with the CSS Custom
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
  const GAP = 24; // characters between two words of the run searched for

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
    // runs of words found next to each other; the run with the most distinct
    // words is the one the result was for
    let best = 0;
    let last = 0;
    let most = 0;
    for (let start = 0; start < hits.length; ) {
      let end = start;
      while (end + 1 < hits.length
             && hits[end + 1].at - (hits[end].at + hits[end].word.length) <= GAP) {
        end += 1;
      }
      const distinct = new Set(hits.slice(start, end + 1).map((h) => h.word)).size;
      if (distinct > most) [best, last, most] = [start, end, distinct];
      start = end + 1;
    }
    // that run whole (the phrase searched for), and elsewhere the words that
    // say something: "the" and "of" all over a long turn hide the phrase
    const shown = hits.filter((h, index) => (index >= best && index <= last) || h.word.length > 3);
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("transcript-search", new Highlight(...shown.map((h) => h.range)));
    }
    const box = hits[best].range.getBoundingClientRect();
    window.scrollBy({ top: box.top + box.height / 2 - window.innerHeight / 2, behavior: "instant" });
    document.documentElement.dataset.searchLanded = id;
  };

  // after the browser's own jump to the fragment, once the layout is final
  if (document.readyState === "complete") land();
  else window.addEventListener("load", land, { once: true });
})();

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

/* A link into a turn at a sentence: "#<the turn's address>.s<n>", the n-th
 * sentence of the turn, from 1, across its paragraphs (reference.md, "A
 * turn's address"); the turn's old address works too ("#turn-37.s2").  No
 * element has that id, so the browser stays at the top: this script scrolls
 * the sentence into the middle of the window, marks it (CSS Custom
 * Highlight, the page's own colours) and marks its turn as a target.  A
 * sentence ends at . ! ? or … (and closing quotes or brackets) before a
 * space, and at its paragraph's end.  window.transcriptSentences lets other
 * scripts make such links: link(node, offset) gives the address of the
 * sentence that holds that point of the page. */
(function () {
  "use strict";
  var END = /[.!?\u2026]["')\]\u00bb\u201d\u2019]*(?=\s)/g;
  var ADDRESS = /^#([^&:]+)\.s([1-9][0-9]{0,5})(?:&|$)/;

  function textOf(block) {
    // the words as the page shows them: no glossary tooltip, button or old address
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(".autoglossary-tip, button, .transcript-alias")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var text = "", map = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      map.push({ node: node, from: text.length });
      text += node.data;
    }
    return { text: text, map: map };
  }

  function point(flat, offset) {
    for (var i = flat.map.length - 1; i >= 0; i--) {
      if (flat.map[i].from <= offset) {
        var node = flat.map[i].node;
        return { node: node, offset: Math.min(offset - flat.map[i].from, node.data.length) };
      }
    }
    return null;
  }

  function sentences(turn) {
    var out = [];
    var blocks = turn.querySelectorAll(
      ".transcript-turn-body > p, .transcript-turn-body > ul > li, .transcript-turn-body > ol > li");
    Array.prototype.forEach.call(blocks, function (block) {
      var flat = textOf(block), text = flat.text, from = 0, ends = [], match;
      END.lastIndex = 0;
      while ((match = END.exec(text))) ends.push(match.index + match[0].length);
      ends.push(text.length);
      ends.forEach(function (end) {
        var piece = text.slice(from, end), lead = piece.length - piece.replace(/^\s+/, "").length;
        var words = piece.trim();
        if (words) out.push({ flat: flat, block: block, start: from + lead, end: from + lead + words.length });
        from = end;
      });
    });
    return out;
  }

  function rangeOf(sentence) {
    var start = point(sentence.flat, sentence.start), end = point(sentence.flat, sentence.end);
    if (!start || !end) return null;
    var range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    return range;
  }

  function turnOf(id) {
    var element = document.getElementById(id);
    return element ? element.closest(".transcript-turn") : null;
  }

  function link(node, offset) {
    // the address of the sentence at (node, offset), or null outside a turn's words
    var element = node.nodeType === 1 ? node : node.parentElement;
    var turn = element && element.closest(".transcript-turn");
    if (!turn || !turn.id) return null;
    var list = sentences(turn);
    for (var i = 0; i < list.length; i++) {
      if (!list[i].block.contains(node)) continue;
      var here = list[i].flat.map.filter(function (m) { return m.node === node; })[0];
      var at = here ? here.from + offset : list[i].start;
      if (at <= list[i].end || i === list.length - 1 || list[i + 1].block !== list[i].block) {
        return "#" + turn.id + ".s" + (i + 1);
      }
    }
    return "#" + turn.id;
  }

  var marked = null;

  function land() {
    var match = ADDRESS.exec(window.location.hash);
    if (marked) marked.classList.remove("transcript-targeted");
    if (window.CSS && CSS.highlights) CSS.highlights.delete("transcript-sentence");
    if (!match) return;
    var id;
    try { id = decodeURIComponent(match[1]); } catch (error) { return; }
    var turn = turnOf(id);
    if (!turn) return;
    marked = turn;
    turn.classList.add("transcript-targeted");
    var sentence = sentences(turn)[parseInt(match[2], 10) - 1];
    var range = sentence ? rangeOf(sentence) : null;
    if (!range) {  // fewer sentences than the link says: the turn itself
      turn.scrollIntoView({ block: "start", behavior: "instant" });
      return;
    }
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("transcript-sentence", new Highlight(range));
    }
    // the sentence in the middle of the window (its start near the top if it is taller)
    var rect = range.getBoundingClientRect(), room = window.innerHeight - rect.height;
    var top = room > 0 ? rect.top - room / 2 : rect.top - window.innerHeight / 5;
    window.scrollTo({ top: window.scrollY + top, behavior: "instant" });
  }

  window.transcriptSentences = { link: link };

  function start() {
    // after the browser's own scrolling and the other scripts' landing
    window.setTimeout(land, 200);
    window.addEventListener("hashchange", land);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

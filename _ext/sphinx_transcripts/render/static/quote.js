/* Quote it: a link to exactly the words, the quote with its source, the citation.
 *
 * Without this script the page still has every turn's "#" link and the
 * citation as text.  With it:
 *   - each turn's header has a "Copy quote" button: the turn's words (or the
 *     words selected in it) on the clipboard as text and as HTML, with the
 *     speaker, the episode's title, the time and a link to the passage;
 *   - selecting words in a turn offers "Copy link" (to exactly that passage)
 *     and "Copy quote" beside the selection;
 *   - a passage's link is the page, the turn's own id as the page has it (never
 *     rebuilt from its position), the time where the page plays its episode, and
 *     a text fragment: page.html#<turn id>&t=62:~:text=first%20words,last%20words.
 *     Browsers that know text fragments scroll to the words and mark them; this
 *     script marks them too (and scrolls to the turn), so the link works in every
 *     browser, and player.js starts the episode at the time;
 *   - the citation's copy buttons, and its address made absolute from the page's
 *     own where the build did not know the site's.
 */
(function () {
  "use strict";

  /* what this script adds goes in the page's main landmark (axe: all content in landmarks) */
  function main() {
    return document.querySelector("main, [role=main]") || document.body;
  }

  var status = null;
  function announce(text) {
    if (!status) {
      status = document.createElement("span");
      status.className = "transcript-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      main().appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  // -- the clipboard: text and HTML where the browser allows, else text --------
  function copy(plain, html) {
    if (navigator.clipboard && window.isSecureContext) {
      if (html && window.ClipboardItem) {
        var item = new ClipboardItem({
          "text/plain": new Blob([plain], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" })
        });
        return navigator.clipboard.write([item]).catch(function () {
          return navigator.clipboard.writeText(plain);
        });
      }
      return navigator.clipboard.writeText(plain);
    }
    // a page served over plain http: the old way, text only
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = plain;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(area);
      if (done) resolve(); else reject(new Error("no clipboard"));
    });
  }

  function confirm(button, what) {
    var label = button.querySelector(".transcript-button-label") || button;
    var before = label.textContent;
    label.textContent = "Copied";
    button.setAttribute("data-copied", "");
    announce(what + " copied");
    window.setTimeout(function () {
      label.textContent = before;
      button.removeAttribute("data-copied");
    }, 2000);
  }

  function copyThen(button, what, plain, html) {
    copy(plain, html).then(function () { confirm(button, what); },
      function () { announce("The browser did not allow copying"); });
  }

  function button(text, label, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "transcript-button " + className;
    var span = document.createElement("span");
    span.className = "transcript-button-label";
    span.textContent = text;
    b.appendChild(span);
    if (label) b.setAttribute("aria-label", label);
    return b;
  }

  // -- the words of a turn ------------------------------------------------------
  var BLOCKS = "p, li, pre, blockquote, dd, dt, td, th, h1, h2, h3, h4, h5, h6";

  function bodyOf(turn) { return turn.querySelector(".transcript-turn-body"); }

  /* The text nodes a reader reads in a turn: not its header, not a glossary
   * term's tooltip; each with the block (paragraph) it belongs to. */
  function textNodes(turn) {
    var body = bodyOf(turn);
    var found = [];
    if (!body) return found;
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        if (!parent || parent.closest(".transcript-turn-header, .autoglossary-tip, .transcript-quote-tools")) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) {
      var node = walker.currentNode;
      found.push({ node: node, block: node.parentElement.closest(BLOCKS) || body });
    }
    return found;
  }

  function squeeze(text) { return text.replace(/\s+/g, " "); }

  /* The passage of ``range`` within ``turn`` (the whole turn when no range):
   * its paragraphs' texts, and the text just before and after it in its
   * first and last paragraphs (to finish a word cut by the selection and
   * to tell apart words said twice). */
  function passage(turn, range) {
    var blocks = [], before = "", after = "", current = null, started = false, ended = false;
    textNodes(turn).forEach(function (item) {
      var node = item.node, text = node.data;
      var from = 0, to = text.length;
      if (range) {
        if (!range.intersectsNode(node)) {
          if (!started) {
            before = (current === item.block ? before : "") + text;
            current = item.block;
          } else if (!ended || current === item.block) {
            ended = true;
            if (current === item.block) after += text;
          }
          return;
        }
        if (node === range.startContainer) { from = range.startOffset; }
        if (node === range.endContainer) { to = range.endOffset; }
        if (!started) {
          if (current !== item.block) before = "";
          before += text.slice(0, from);
        }
        if (node === range.endContainer) { after = text.slice(to); ended = true; }
      }
      if (!started || current !== item.block) {
        blocks.push("");
      }
      started = true;
      current = item.block;
      blocks[blocks.length - 1] += text.slice(from, to);
    });
    // finish the words the selection cut in two
    var head = /[\p{L}\p{N}'’-]+$/u.exec(before);
    var tail = /^[\p{L}\p{N}'’-]+/u.exec(after);
    if (blocks.length && head && /^[\p{L}\p{N}]/u.test(blocks[0])) {
      blocks[0] = head[0] + blocks[0];
      before = before.slice(0, before.length - head[0].length);
    }
    if (blocks.length && tail && /[\p{L}\p{N}]$/u.test(blocks[blocks.length - 1])) {
      blocks[blocks.length - 1] += tail[0];
      after = after.slice(tail[0].length);
    }
    blocks = blocks.map(function (b) { return squeeze(b).trim(); }).filter(Boolean);
    return { blocks: blocks, before: squeeze(before), after: squeeze(after) };
  }

  // -- the link to a passage ----------------------------------------------------
  function encode(text) {
    // a text directive's own syntax: "-", "," and "&" are encoded too
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }

  function words(text) { return text.split(" ").filter(Boolean); }

  function occurrences(haystack, needle) {
    var count = 0, at = 0;
    haystack = haystack.toLowerCase();
    needle = needle.toLowerCase();
    while (needle && (at = haystack.indexOf(needle, at)) >= 0) { count++; at += needle.length; }
    return count;
  }

  var SHORT = 10;   // words: a passage this short is quoted whole in the link
  var ENDS = 5;     // words: else its first and last words

  function textDirective(found) {
    var blocks = found.blocks;
    if (!blocks.length) return "";
    var first = words(blocks[0]), last = words(blocks[blocks.length - 1]);
    var start, end = "";
    if (blocks.length === 1 && first.length <= SHORT) {
      start = blocks[0];
    } else {
      start = first.slice(0, ENDS).join(" ");
      end = last.slice(-ENDS).join(" ");
    }
    var parts = [encode(start)];
    if (end) parts.push(encode(end));
    // words said more than once on the page: the words just before them tell
    // this one apart, or (at a paragraph's start) the words just after
    var article = document.querySelector("article") || document.body;
    if (occurrences(squeeze(article.textContent), start) > 1) {
      var prefix = words(found.before).slice(-3).join(" ");
      var suffix = words(found.after).slice(0, 3).join(" ");
      if (prefix) parts.unshift(encode(prefix) + "-");
      else if (suffix) parts.push("-" + encode(suffix));
    }
    return "text=" + parts.join(",");
  }

  function player() {
    return document.querySelector(".transcript-player > audio, .transcript-player > video");
  }

  /* When the passage starts: its timed paragraph's start, else its turn's. */
  function timeOf(turn, range) {
    var seconds = parseFloat(turn.dataset.start);
    if (range && turn.dataset.paragraphs) {
      var starts = turn.dataset.paragraphs.split(" ").map(parseFloat);
      var timed = turn.querySelectorAll(".transcript-timed");
      var node = range.startContainer.nodeType === 1 ? range.startContainer
        : range.startContainer.parentElement;
      var paragraph = node && node.closest(".transcript-timed");
      for (var i = 0; i < timed.length && i < starts.length; i++) {
        if (timed[i] === paragraph && isFinite(starts[i])) seconds = starts[i];
      }
    }
    return isFinite(seconds) ? seconds : null;
  }

  function clock(seconds) {
    var whole = Math.floor(seconds);
    var h = Math.floor(whole / 3600), m = Math.floor(whole % 3600 / 60), s = whole % 60;
    return (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function linkTo(turn, found, seconds) {
    var page = window.location.href.split("#")[0];
    var fragment = "#" + encodeURIComponent(turn.id).replace(/%2D/gi, "-");
    if (seconds !== null && player()) {
      fragment += "&t=" + String(Math.round(seconds * 1000) / 1000);
    }
    var directive = textDirective(found);
    return page + fragment + (directive ? ":~:" + directive : "");
  }

  // -- the quote with its source --------------------------------------------------
  function episodeTitle() {
    var heading = document.querySelector("article h1") || document.querySelector("h1");
    if (!heading) return document.title;
    var copyOf = heading.cloneNode(true);
    Array.prototype.forEach.call(copyOf.querySelectorAll(".headerlink"), function (e) { e.remove(); });
    return squeeze(copyOf.textContent).trim();
  }

  function speakerOf(turn) {
    var name = turn.querySelector(".transcript-speaker");
    return name ? squeeze(name.textContent).trim() : "";
  }

  function quoteOf(turn, range) {
    var found = passage(turn, range);
    var seconds = timeOf(turn, range);
    var link = linkTo(turn, found, seconds);
    var speaker = speakerOf(turn), title = episodeTitle();
    var time = seconds !== null ? clock(seconds) : "";
    var source = [speaker, "\u201c" + title + "\u201d", time].filter(Boolean).join(", ");
    var plain = "\u201c" + found.blocks.join("\n\n") + "\u201d\n\u2014 " + source + "\n" + link;
    // the HTML is made by the DOM from text: names and words stay text
    var holder = document.createElement("div");
    var quote = document.createElement("blockquote");
    quote.setAttribute("cite", link);
    found.blocks.forEach(function (block) {
      var p = document.createElement("p");
      p.textContent = block;
      quote.appendChild(p);
    });
    var by = document.createElement("p");
    by.appendChild(document.createTextNode("\u2014 " + (speaker ? speaker + ", " : "")));
    var cite = document.createElement("cite");
    var a = document.createElement("a");
    a.href = link;
    a.textContent = title;
    cite.appendChild(a);
    by.appendChild(cite);
    if (time) by.appendChild(document.createTextNode(", " + time));
    holder.appendChild(quote);
    holder.appendChild(by);
    return { plain: plain, html: holder.innerHTML, link: link, found: found };
  }

  /* The selection, when it is within the words of one turn. */
  function selectionIn(turn) {
    var selection = window.getSelection ? window.getSelection() : null;
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var body = turn ? bodyOf(turn) : null;
    if (!body || !body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
    return passage(turn, range).blocks.length ? range : null;
  }

  function selectedTurn() {
    var selection = window.getSelection ? window.getSelection() : null;
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var node = selection.getRangeAt(0).commonAncestorContainer;
    var element = node.nodeType === 1 ? node : node.parentElement;
    var turn = element && element.closest(".transcript-turn[id]");
    return turn && selectionIn(turn) ? turn : null;
  }

  // -- per turn: "Copy quote" in the header ---------------------------------------
  function addTurnButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".transcript-turn[id]"), function (turn) {
      var header = turn.querySelector(".transcript-turn-header");
      if (!header || header.querySelector(".transcript-copy-quote")) return;
      var speaker = speakerOf(turn);
      var b = button("Copy quote", "Copy quote" + (speaker ? " by " + speaker : ""),
        "transcript-copy-quote");
      b.title = "Copy the words (or the words selected), who said them, and a link";
      b.addEventListener("mousedown", function (event) { event.preventDefault(); });
      b.addEventListener("click", function () {
        var quote = quoteOf(turn, selectionIn(turn));
        copyThen(b, "Quote", quote.plain, quote.html);
      });
      // the button and the "#" link stay together, on the right (or wrap together)
      var actions = document.createElement("span");
      actions.className = "transcript-turn-actions";
      var permalink = header.querySelector(".transcript-permalink");
      header.insertBefore(actions, permalink);
      actions.appendChild(b);
      if (permalink) actions.appendChild(permalink);
    });
  }

  // -- beside a selection: "Copy link" and "Copy quote" -----------------------------
  var tools = null, toolsTurn = null;

  function hideTools() {
    if (tools) tools.hidden = true;
    toolsTurn = null;
  }

  function makeTools() {
    tools = document.createElement("div");
    tools.className = "transcript-quote-tools";
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", "The selected words");
    var link = button("Copy link", "Copy link to the selected words", "transcript-copy-link");
    var quote = button("Copy quote", "Copy quote of the selected words", "transcript-copy-selection");
    [link, quote].forEach(function (b) {
      // a click keeps the selection it acts on
      b.addEventListener("mousedown", function (event) { event.preventDefault(); });
      tools.appendChild(b);
    });
    link.addEventListener("click", function () {
      var range = toolsTurn && selectionIn(toolsTurn);
      if (!range) return;
      var found = passage(toolsTurn, range);
      copyThen(link, "Link to the words", linkTo(toolsTurn, found, timeOf(toolsTurn, range)));
    });
    quote.addEventListener("click", function () {
      var range = toolsTurn && selectionIn(toolsTurn);
      if (!range) return;
      var made = quoteOf(toolsTurn, range);
      copyThen(quote, "Quote", made.plain, made.html);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && tools && !tools.hidden) hideTools();
    });
    tools.hidden = true;
    main().appendChild(tools);
  }

  function showTools() {
    var turn = selectedTurn();
    if (!turn) {
      // focus inside the tools keeps them (the keyboard is on its way to a button)
      if (tools && !tools.contains(document.activeElement)) hideTools();
      return;
    }
    if (!tools) makeTools();
    toolsTurn = turn;
    // in the turn, after its words: the next stop of the keyboard from the selection
    if (tools.parentNode !== turn) turn.appendChild(tools);
    var rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
    tools.hidden = false;
    var width = tools.offsetWidth;
    var left = Math.max(8, Math.min(rect.left + rect.width / 2 - width / 2,
      document.documentElement.clientWidth - width - 8));
    // absolute within the nearest positioned ancestor (or the page)
    var parent = tools.offsetParent;
    var box = parent && parent !== document.body ? parent.getBoundingClientRect()
      : { left: -window.scrollX, top: -window.scrollY };
    tools.style.left = (left - box.left) + "px";
    tools.style.top = (rect.bottom + 8 - box.top) + "px";
  }

  var pending = 0;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(showTools, 200);
  });

  // -- a passage's link, followed: mark the words, bring them into view -----------
  function directiveOf(address) {
    var at = address.indexOf(":~:");
    if (at < 0) return null;
    var found = null;
    address.slice(at + 3).split("&").forEach(function (part) {
      if (!found && part.indexOf("text=") === 0) found = part.slice(5);
    });
    if (!found) return null;
    var parts = found.split(",");
    var out = { prefix: "", start: "", end: "", suffix: "" };
    try {
      parts = parts.map(decodeURIComponent);
    } catch (error) {
      return null;
    }
    if (parts.length && /-$/.test(found.split(",")[0])) out.prefix = parts.shift().replace(/-$/, "");
    if (parts.length && /^-/.test(found.split(",").slice(-1)[0])) out.suffix = parts.pop().replace(/^-/, "");
    out.start = parts[0] || "";
    out.end = parts[1] || "";
    return out.start ? out : null;
  }

  /* The text of ``root``'s words, squeezed, with each character's text node. */
  function flatten(items) {
    var text = "", map = [], space = true;
    items.forEach(function (item) {
      var data = item.node.data;
      for (var i = 0; i < data.length; i++) {
        var blank = /\s/.test(data[i]);
        if (blank && space) continue;
        text += blank ? " " : data[i];
        map.push({ node: item.node, offset: i });
        space = blank;
      }
      if (!space) { text += " "; map.push({ node: item.node, offset: data.length }); space = true; }
    });
    return { text: text.toLowerCase(), map: map };
  }

  function findRange(turn, wanted) {
    var flat = flatten(textNodes(turn)), text = flat.text;
    function norm(part) { return squeeze(part || "").trim().toLowerCase(); }
    var start = norm(wanted.start), end = norm(wanted.end);
    var prefix = norm(wanted.prefix), suffix = norm(wanted.suffix);
    // the words with the context the link gives; else the words alone
    for (var strict = 1; strict >= 0; strict--) {
      for (var from = text.indexOf(start); start && from >= 0; from = text.indexOf(start, from + 1)) {
        if (strict && prefix && !text.slice(0, from).trim().endsWith(prefix)) continue;
        var stop = from + start.length;
        if (end) {
          var last = text.indexOf(end, stop);
          if (last < 0) break;
          stop = last + end.length;
        }
        if (strict && suffix && text.slice(stop).trim().indexOf(suffix) !== 0) continue;
        var first = flat.map[from], final = flat.map[stop - 1];
        if (!first || !final) return null;
        var range = document.createRange();
        range.setStart(first.node, first.offset);
        range.setEnd(final.node, Math.min(final.offset + 1, final.node.data.length));
        return range;
      }
    }
    return null;
  }

  /* ``then`` once the page has not scrolled for two checks (at most 3 s) */
  function settled(then) {
    var last = -1, still = 0, checks = 0;
    (function check() {
      still = window.scrollY === last ? still + 1 : 0;
      last = window.scrollY;
      if (still >= 2 || ++checks > 30) then();
      else window.setTimeout(check, 100);
    })();
  }

  function visible(range) {
    var rect = range.getBoundingClientRect();
    return rect.height > 0 && rect.top >= 0 && rect.bottom <= window.innerHeight;
  }

  function landing(address, fresh) {
    var hash = address.indexOf("#") >= 0 ? address.slice(address.indexOf("#") + 1) : "";
    var address = hash.split(":~:")[0];
    var id = address.split("&")[0];
    try { id = decodeURIComponent(id); } catch (error) { return; }
    // the turn, or the turn an old address (an alias inside it) names
    var named = id ? document.getElementById(id) : null;
    var turn = named && named.closest ? named.closest(".transcript-turn") : null;
    var wanted = directiveOf(hash);
    var turns = turn ? [turn] : [];
    if (wanted && !turns.length) turns = Array.prototype.slice.call(document.querySelectorAll(".transcript-turn"));
    var range = null;
    for (var i = 0; !range && wanted && i < turns.length; i++) {
      range = findRange(turns[i], wanted);
      if (range) turn = turns[i];
    }
    if (range && window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("transcript-quote", new Highlight(range));
    }
    if (!turn) return;
    if (range) {
      // the browser's own scrolling to the text fragment (smooth, with the
      // theme) may be on its way: once the page stands still, the words must
      // be in view; else they are brought to the middle of the window (a
      // paragraph may be taller than the window), or their start near its top
      // Late layout (web fonts, images) can still move them: watched for a
      // few seconds, until the reader scrolls.
      var reader = false, watch = 0;
      var mine = function () { reader = true; };
      ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (name) {
        window.addEventListener(name, mine, { once: true, passive: true });
      });
      var keep = function () {
        if (reader) return;
        if (!visible(range)) {
          var rect = range.getBoundingClientRect();
          var room = window.innerHeight - rect.height;
          var top = room > 0 ? rect.top - room / 2 : rect.top - window.innerHeight / 5;
          window.scrollTo({ top: window.scrollY + top, behavior: "instant" });
        }
        if (++watch < 15) window.setTimeout(keep, 200);
      };
      settled(keep);
    } else if (fresh && address !== encodeURIComponent(id) && address !== id) {
      // "#turn-3&t=62" names no element: the browser did not scroll to the turn
      turn.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }

  function start() {
    addTurnButtons();
    // the citation's address, absolute where the build knew only the page's own
    Array.prototype.forEach.call(document.querySelectorAll(".transcript-cite-url[data-resolve]"), function (span) {
      var url = new URL(span.getAttribute("data-resolve"), window.location.href);
      url.hash = "";
      span.textContent = url.href;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".transcript-cite-format"), function (format) {
      var name = format.querySelector(".transcript-cite-name");
      var text = format.querySelector(".transcript-cite-text");
      if (!name || !text) return;
      var b = button("Copy", "Copy the " + name.textContent + " citation", "transcript-copy-cite");
      b.addEventListener("click", function () {
        var html = format.getAttribute("data-format") === "apa" ? text.innerHTML : "";
        var plain = html ? squeeze(text.textContent).trim() : text.textContent.trim();
        copyThen(b, name.textContent + " citation", plain, html);
      });
      name.appendChild(b);
    });
    // the first address: the browser hides a text fragment from location, not
    // from the navigation's own record of it
    var entry = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var first = entry && entry.name && entry.name.split("#")[0] === window.location.href.split("#")[0]
      ? entry.name : window.location.href;
    // after the browser's own scrolling to a fragment, and player.js's seek
    window.setTimeout(function () { landing(first, true); }, 150);
    window.addEventListener("hashchange", function () { landing(window.location.href, true); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The episode's player and its transcript (the transcript directive's
 * :audio: or :video:).
 *
 * Without this script every timestamp is still a link to the media at its
 * time (episode.ogg#t=62).  With it:
 *   - following a timestamp seeks the page's player there and plays;
 *   - while the episode plays, the turn being spoken is marked
 *     (aria-current="true", class transcript-current);
 *   - "Follow along" keeps that turn in view, until the reader scrolls by hand;
 *   - the page's address may say where to start: #t=62, #t=1:02, #t=1:02:03;
 *   - a click on a timed paragraph plays from there (not on a link, not
 *     when the reader is selecting text), and so do Enter and Space on a
 *     timed paragraph that has the focus (each is a Tab stop); the
 *     paragraph being spoken is marked too (class transcript-spoken);
 *   - controls of its own beside the browser's: back and forward 15 s,
 *     previous and next chapter, playback speed; the chapters (the page's
 *     chapter sections) as a list under the player that seeks and marks the
 *     current one, and as ticks on a thin bar under the controls;
 *   - keys, when the focus is on no field or control and no modifier is
 *     held: k play/pause, j and l back and forward 15 s, [ and ] previous
 *     and next chapter, < and > slower and faster (the page's own keys,
 *     / for search and the browser's scrolling, are left alone).
 */
(function () {
  "use strict";

  var reducedMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /* "62", "62.5", "1:02", "1:02:03", with an optional "npt:"; null for
   * anything else, and for a number no player can seek to (400 digits are
   * Infinity, and setting currentTime to it throws) */
  function parseTime(text) {
    var match = /^(?:npt:)?(\d+(?::\d{1,2}){0,2}(?:\.\d+)?)$/.exec(text);
    if (!match) return null;
    var seconds = match[1].split(":").reduce(function (total, part) {
      return total * 60 + parseFloat(part);
    }, 0);
    return isFinite(seconds) ? seconds : null;
  }

  /* The address's fragment is the reader's (or whoever sent the link):
   * "%E0%A4%A" is no percent-encoding, and decodeURIComponent throws on it */
  function decoded(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return null;
    }
  }

  function withoutHash(url) {
    return url.split("#")[0];
  }

  function setUp(media) {
    var wrapper = media.parentElement;
    var source = withoutHash(media.currentSrc || media.src);
    var links = Array.prototype.filter.call(
      document.querySelectorAll("a.transcript-time"),
      function (link) { return withoutHash(link.href) === source; }
    );
    // the turns of this episode, in the order of their start times
    var turns = [];
    links.forEach(function (link) {
      var turn = link.closest(".transcript-turn[data-start]");
      if (turn && turns.indexOf(turn) < 0) turns.push(turn);
    });
    turns.sort(function (a, b) { return a.dataset.start - b.dataset.start; });
    var starts = turns.map(function (turn) { return parseFloat(turn.dataset.start); });
    var current = null;
    var follow = false;
    var button = null;

    function turnAt(time) {
      // the last turn that starts at or before time (binary search)
      var low = 0, high = starts.length - 1, found = -1;
      while (low <= high) {
        var middle = (low + high) >> 1;
        if (starts[middle] <= time + 0.05) { found = middle; low = middle + 1; }
        else high = middle - 1;
      }
      return found < 0 ? null : turns[found];
    }

    function mark(turn) {
      if (turn === current) return;
      if (current) {
        current.classList.remove("transcript-current");
        current.removeAttribute("aria-current");
      }
      current = turn;
      if (!turn) return;
      turn.classList.add("transcript-current");
      turn.setAttribute("aria-current", "true");
      if (follow) reveal(turn);
    }

    function update() {
      mark(turnAt(media.currentTime));
    }

    function reveal(turn) {
      if (turn) turn.scrollIntoView({ block: "center", behavior: reducedMotion ? "auto" : "smooth" });
    }

    function seek(time, play, show) {
      function go() {
        media.currentTime = time;
        mark(turnAt(time));
        if (show) reveal(current);
        if (play) {
          var playing = media.play();
          // the browser may refuse to play without a gesture: the seek stands
          if (playing && playing.catch) playing.catch(function () {});
        }
      }
      if (media.readyState < 1) {
        media.addEventListener("loadedmetadata", go, { once: true });
        if (media.preload === "none") media.load();
      } else {
        go();
      }
    }

    function setFollow(on) {
      follow = on;
      if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
      if (on) reveal(current);
    }

    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
          return; // a new tab or window: let the link open the media there
        }
        var time = parseTime((/#t=([^,&]*)/.exec(link.hash) || [])[1] || "");
        if (time === null) return;
        event.preventDefault();
        seek(time, true);
      });
    });

    media.addEventListener("timeupdate", update);
    media.addEventListener("seeked", update);

    // -- the paragraphs: each timed one knows its start ----------------------
    var spoken = null;
    var paragraphs = [];
    turns.forEach(function (turn) {
      var times = (turn.dataset.paragraphs || "").split(" ").filter(Boolean).map(parseFloat);
      var timed = turn.querySelectorAll(".transcript-timed");
      for (var i = 0; i < timed.length && i < times.length; i++) {
        paragraphs.push({ element: timed[i], start: times[i] });
      }
    });
    if (!paragraphs.length) {
      // a turn without paragraph times: its paragraphs start with the turn
      turns.forEach(function (turn) {
        var first = turn.querySelector(".transcript-turn-body > p");
        if (first) paragraphs.push({ element: first, start: parseFloat(turn.dataset.start) });
      });
    }
    paragraphs.sort(function (a, b) { return a.start - b.start; });

    // -- words: where the source times them (WhisperX), the word being
    // spoken is highlighted with the CSS Custom Highlight API: a Range over
    // the text, no element added, so links, selection and copy are untouched
    turns.forEach(function (turn) {
      if (!turn.dataset.words) return;
      var perParagraph;
      try { perParagraph = JSON.parse(turn.dataset.words); } catch (error) { return; }
      var timed = turn.querySelectorAll(".transcript-timed");
      for (var i = 0; i < timed.length && i < perParagraph.length; i++) {
        paragraphs.forEach(function (item) {
          if (item.element === timed[i]) item.words = perParagraph[i];
        });
      }
    });
    var highlights = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;

    // the text nodes of an element and, for each timed word, the range of
    // its first occurrence after the previous word's (case-insensitive)
    function wordRanges(item) {
      if (item.ranges) return item.ranges;
      var nodes = [], text = "";
      var walker = document.createTreeWalker(item.element, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          // a glossary term's tooltip is not part of the spoken text
          return node.parentElement && node.parentElement.closest(".autoglossary-tip")
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
      });
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode, from: text.length });
        text += walker.currentNode.data;
      }
      var lower = text.toLowerCase();
      function at(offset) {
        for (var n = nodes.length - 1; n >= 0; n--) {
          if (nodes[n].from <= offset) return { node: nodes[n].node, offset: offset - nodes[n].from };
        }
        return null;
      }
      var position = 0;
      item.ranges = (item.words || []).map(function (pair) {
        var word = String(pair[1]).toLowerCase();
        var found = word ? lower.indexOf(word, position) : -1;
        if (found < 0) return null;
        position = found + word.length;
        var start = at(found), end = at(found + word.length - 1);
        if (!start || !end) return null;
        var range = document.createRange();
        range.setStart(start.node, start.offset);
        range.setEnd(end.node, end.offset + 1);
        return { start: pair[0], range: range };
      }).filter(Boolean);
      return item.ranges;
    }

    var spokenWord = null;
    function markWord(time) {
      if (!highlights) return;
      var item = null;
      paragraphs.forEach(function (candidate) {
        if (candidate.element === spoken) item = candidate;
      });
      var word = null;
      if (item && item.words) {
        var ranges = wordRanges(item);
        for (var i = 0; i < ranges.length && ranges[i].start <= time + 0.05; i++) word = ranges[i];
      }
      if (word === spokenWord) return;
      spokenWord = word;
      if (word) highlights.set("transcript-word", new Highlight(word.range));
      else highlights.delete("transcript-word");
    }

    function paragraphAt(time) {
      var found = null;
      for (var i = 0; i < paragraphs.length && paragraphs[i].start <= time + 0.05; i++) {
        found = paragraphs[i].element;
      }
      return found;
    }

    function markSpoken(time) {
      var element = paragraphAt(time);
      if (element === spoken) return;
      if (spoken) spoken.classList.remove("transcript-spoken");
      spoken = element;
      if (spoken) spoken.classList.add("transcript-spoken");
    }
    function trackSpoken() {
      markSpoken(media.currentTime);
      markWord(media.currentTime);
    }
    media.addEventListener("timeupdate", trackSpoken);
    media.addEventListener("seeked", trackSpoken);
    // timeupdate comes about four times a second: a word is shorter
    function everyFrame() {
      if (media.paused) return;
      trackSpoken();
      window.requestAnimationFrame(everyFrame);
    }
    media.addEventListener("play", function () { window.requestAnimationFrame(everyFrame); });

    // a click on a timed paragraph (or any text of a timed turn) plays from
    // there; links, buttons and a selection in progress keep their meaning
    turns.forEach(function (turn) {
      turn.classList.add("transcript-seekable");
      turn.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        var target = event.target;
        if (!target.closest || target.closest("a, button, input, select, textarea, summary")) return;
        var selection = window.getSelection ? String(window.getSelection()) : "";
        if (selection) return;
        var paragraph = target.closest(".transcript-timed");
        var time = parseFloat(turn.dataset.start);
        paragraphs.forEach(function (item) { if (item.element === paragraph) time = item.start; });
        if (isFinite(time)) seek(time, true);
      });
    });

    // the keyboard's way to the same: a timed paragraph is a stop in the Tab
    // order, and Enter (or Space, as on a button) on it plays from its start.
    // Only on the paragraph itself: a link or button inside keeps its keys,
    // and elsewhere Space still scrolls the page
    paragraphs.forEach(function (item) {
      var element = item.element;
      if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "0");
      element.setAttribute("aria-keyshortcuts", "Enter");
      element.addEventListener("keydown", function (event) {
        if (event.target !== element || event.defaultPrevented) return;
        if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        if (isFinite(item.start)) seek(item.start, true);
      });
    });

    // -- chapters: the page's chapter sections ---------------------------------
    var chapters = [];
    Array.prototype.forEach.call(document.querySelectorAll("section.transcript-chapter"), function (section) {
      var link = section.querySelector("a.transcript-time");
      if (!link || withoutHash(link.href) !== source) return;
      var time = parseTime((/#t=([^,&]*)/.exec(link.hash) || [])[1] || "");
      var heading = section.querySelector("h1, h2, h3, h4, h5, h6");
      if (time === null || !heading) return;
      var title = Array.prototype.filter.call(heading.childNodes, function (node) {
        return !(node.classList && node.classList.contains("headerlink"));
      }).map(function (node) { return node.textContent; }).join("").trim();
      chapters.push({ start: time, title: title, id: section.id, item: null });
    });
    chapters.sort(function (a, b) { return a.start - b.start; });
    var currentChapter = -1;

    function chapterIndexAt(time) {
      var found = -1;
      for (var i = 0; i < chapters.length && chapters[i].start <= time + 0.05; i++) found = i;
      return found;
    }

    function markChapter() {
      var index = chapterIndexAt(media.currentTime);
      if (index === currentChapter) return;
      if (currentChapter >= 0 && chapters[currentChapter].item) {
        chapters[currentChapter].item.classList.remove("transcript-chapter-current");
        chapters[currentChapter].item.querySelector("button").removeAttribute("aria-current");
      }
      currentChapter = index;
      if (index >= 0 && chapters[index].item) {
        chapters[index].item.classList.add("transcript-chapter-current");
        chapters[index].item.querySelector("button").setAttribute("aria-current", "true");
      }
      if (nowTitle) nowTitle.textContent = index >= 0 ? chapters[index].title : "";
    }

    function toChapter(step) {
      var index = chapterIndexAt(media.currentTime);
      // "previous" within the first seconds of a chapter goes to the one before
      if (step < 0 && index >= 0 && media.currentTime - chapters[index].start > 3) step = 0;
      var next = Math.max(0, Math.min(chapters.length - 1, index + step));
      if (chapters.length) seek(chapters[next].start, !media.paused, true);
    }

    // -- the controls ------------------------------------------------------------
    var SPEEDS = [1, 1.25, 1.5, 1.75, 2, 0.75];
    var controls = document.createElement("div");
    controls.className = "transcript-controls";
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", "Episode controls");

    function control(label, text, key, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "transcript-control";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.title = label + " (" + key + ")";
      b.setAttribute("aria-keyshortcuts", key);
      b.addEventListener("click", action);
      controls.appendChild(b);
      return b;
    }

    function skipBy(seconds) {
      var duration = isFinite(media.duration) ? media.duration : Infinity;
      seek(Math.max(0, Math.min(duration, media.currentTime + seconds)), !media.paused);
    }

    var speedButton = null;
    function setSpeed(rate) {
      media.playbackRate = rate;
      if (speedButton) {
        speedButton.textContent = rate + "\u00d7";
        speedButton.setAttribute("aria-label", "Playback speed " + rate + " times");
      }
    }
    function stepSpeed(step) {
      var index = SPEEDS.indexOf(media.playbackRate);
      var ordered = SPEEDS.slice().sort(function (a, b) { return a - b; });
      var at = ordered.indexOf(media.playbackRate);
      if (step === 0) setSpeed(SPEEDS[(index + 1) % SPEEDS.length]);
      else setSpeed(ordered[Math.max(0, Math.min(ordered.length - 1, (at < 0 ? 1 : at) + step))]);
    }

    if (chapters.length) control("Previous chapter", "\u23ee", "[", function () { toChapter(-1); });
    control("Back 15 seconds", "\u221215", "j", function () { skipBy(-15); });
    control("Forward 15 seconds", "+15", "l", function () { skipBy(15); });
    if (chapters.length) control("Next chapter", "\u23ed", "]", function () { toChapter(1); });
    speedButton = control("Playback speed 1 times", "1\u00d7", "> <", function () { stepSpeed(0); });
    speedButton.classList.add("transcript-speed");
    wrapper.appendChild(controls);

    // the chapters: a thin bar of ticks and progress under the controls, and a list
    var nowTitle = null;
    var bar = null;
    var fill = null;
    if (chapters.length) {
      bar = document.createElement("div");
      bar.className = "transcript-chapter-bar";
      bar.setAttribute("aria-hidden", "true");
      fill = document.createElement("div");
      fill.className = "transcript-chapter-bar-fill";
      bar.appendChild(fill);
      wrapper.appendChild(bar);

      var list = document.createElement("details");
      list.className = "transcript-chapters";
      var summary = document.createElement("summary");
      summary.appendChild(document.createTextNode("Chapters (" + chapters.length + ")"));
      nowTitle = document.createElement("span");
      nowTitle.className = "transcript-chapters-now";
      summary.appendChild(nowTitle);
      list.appendChild(summary);
      var items = document.createElement("ol");
      chapters.forEach(function (chapter) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        var when = document.createElement("span");
        when.className = "transcript-time";
        var whole = Math.floor(chapter.start);
        var h = Math.floor(whole / 3600), m = Math.floor(whole % 3600 / 60), sec = whole % 60;
        when.textContent = (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (sec < 10 ? "0" : "") + sec;
        b.appendChild(when);
        b.appendChild(document.createTextNode(" " + chapter.title));
        b.addEventListener("click", function () { seek(chapter.start, true, true); });
        li.appendChild(b);
        items.appendChild(li);
        chapter.item = li;
      });
      list.appendChild(items);
      wrapper.parentNode.insertBefore(list, wrapper.nextSibling);

      var drawTicks = function () {
        if (!isFinite(media.duration) || media.duration <= 0 || bar.dataset.ticks) return;
        bar.dataset.ticks = "1";
        chapters.forEach(function (chapter) {
          var tick = document.createElement("span");
          tick.className = "transcript-chapter-tick";
          tick.style.left = (100 * chapter.start / media.duration) + "%";
          bar.appendChild(tick);
        });
      };
      media.addEventListener("loadedmetadata", drawTicks);
      media.addEventListener("durationchange", drawTicks);
      drawTicks();
      var progress = function () {
        if (isFinite(media.duration) && media.duration > 0) {
          fill.style.width = (100 * media.currentTime / media.duration) + "%";
        }
        markChapter();
      };
      media.addEventListener("timeupdate", progress);
      media.addEventListener("seeked", progress);
      markChapter();
    }

    // -- keys ------------------------------------------------------------------
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && target.closest &&
          target.closest("input, textarea, select, button, audio, video, summary, [contenteditable]")) return;
      var actions = {
        k: function () { if (media.paused) seek(media.currentTime, true); else media.pause(); },
        j: function () { skipBy(-15); },
        l: function () { skipBy(15); },
        "[": function () { toChapter(-1); },
        "]": function () { toChapter(1); },
        "<": function () { stepSpeed(-1); },
        ">": function () { stepSpeed(1); }
      };
      var action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });

    if (turns.length) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "transcript-follow";
      button.textContent = "Follow along";
      button.title = "Keep the turn being played in view";
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () { setFollow(!follow); });
      controls.appendChild(button);

      // the reader scrolls by hand: stop following
      var stop = function () { if (follow) setFollow(false); };
      window.addEventListener("wheel", stop, { passive: true });
      window.addEventListener("touchmove", stop, { passive: true });
      window.addEventListener("keydown", function (event) {
        var keys = ["PageUp", "PageDown", "Home", "End", "ArrowUp", "ArrowDown", " "];
        var target = event.target;
        var inControl = target && target.closest &&
          target.closest("input, textarea, select, button, audio, video, [contenteditable]");
        // a key the page took for itself (Space on a timed paragraph) scrolls nothing
        if (keys.indexOf(event.key) >= 0 && !inControl && !event.defaultPrevented) stop();
      });
    }

    return { seek: seek };
  }

  function start() {
    var players = Array.prototype.map.call(
      document.querySelectorAll(".transcript-player > audio, .transcript-player > video"),
      setUp
    );
    if (!players.length) return;

    function fromAddress() {
      var match = /(?:^#|&)t=([^,&]*)/.exec(window.location.hash);
      var text = match ? decoded(match[1]) : null;
      var time = text === null ? null : parseTime(text);
      // a shared link to a moment: play from there and show who speaks then,
      // unless the address names what to show (a quote's "#turn-3&t=62")
      var named = /^#[^&=]+&/.test(window.location.hash);
      if (time !== null) players[0].seek(time, true, !named);
    }
    // listening first: whatever the first address holds, a later one is heard
    window.addEventListener("hashchange", fromAddress);
    fromAddress();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

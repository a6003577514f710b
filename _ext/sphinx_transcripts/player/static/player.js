/* The episode's player and its transcript (the transcript directive's
 * :audio: or :video:).
 *
 * Without this script every timestamp is still a link to the media at its
 * time (episode.ogg#t=62).  With it:
 *   - following a timestamp seeks the page's player there and plays;
 *   - while the episode plays, the turn being spoken is marked
 *     (aria-current="true", class transcript-current);
 *   - "Follow along" keeps that turn in view, until the reader scrolls by hand;
 *   - the page's address may say where to start: #t=62, #t=1:02, #t=1:02:03.
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

    if (turns.length) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "transcript-follow";
      button.textContent = "Follow along";
      button.title = "Keep the turn being played in view";
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () { setFollow(!follow); });
      wrapper.appendChild(button);

      // the reader scrolls by hand: stop following
      var stop = function () { if (follow) setFollow(false); };
      window.addEventListener("wheel", stop, { passive: true });
      window.addEventListener("touchmove", stop, { passive: true });
      window.addEventListener("keydown", function (event) {
        var keys = ["PageUp", "PageDown", "Home", "End", "ArrowUp", "ArrowDown", " "];
        var target = event.target;
        var inControl = target && target.closest &&
          target.closest("input, textarea, select, button, audio, video, [contenteditable]");
        if (keys.indexOf(event.key) >= 0 && !inControl) stop();
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
      // a shared link to a moment: play from there and show who speaks then
      if (time !== null) players[0].seek(time, true, true);
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

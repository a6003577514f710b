"""The page plays its episode: the player and its transcript, in Chromium.

The site is the test-player root (tests/roots/test-player) with the real
audio test episode of tests/data/audio (made by make_episode.py: espeak-ng
voices, times measured), built with ``-n -W`` and served by a server that
answers Range requests, as static hosts do (Chromium seeks with them).

Following a timestamp seeks the player and plays; the turn being played is
marked; ``#t=`` in the address starts there; the keyboard reaches every
timestamp and the "Follow along" toggle; no fragment, however malformed,
throws or stops a later one from being heard; axe-core finds nothing in light and
dark mode; nothing overflows at 375 px and the player stays in view.
A click, or Enter or Space on a focused timed paragraph, plays from its
start; the chapter list seeks and marks the current chapter.  The
word-by-word take of the episode (its words' times measured while sox
joined them, in WhisperX's JSON) is decoded to check that its words are
where the JSON says, and played to check that the highlighted word is the
one the audio is at, within 0.5 s.
Screenshots go to ``_build/screenshots/player-*.png``.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from sphinx_transcripts.anchors import time_id

from browser.conftest import serve
from browser.pages import opened
from browser.test_reader import FOCUS_STYLE, _screenshot

AUDIO = ROOT / "tests" / "data" / "audio"
ROOTS = ROOT / "tests" / "roots"

#: the turns' start times, from the committed WebVTT
STARTS = [
    float(h) * 3600 + float(m) * 60 + float(s)
    for h, m, s in re.findall(r"^(\d+):(\d+):([\d.]+) -->", (AUDIO / "episode.vtt").read_text(), re.M)
]
#: each turn's address: the second it starts in (each turn of the episode its own)
IDS = [time_id(start) for start in STARTS]
assert len(set(IDS)) == len(IDS) == 8


def tid(turn: int) -> str:
    """The id of the episode's ``turn``-th turn (from 1)."""
    return IDS[turn - 1]


#: chapters of the test episode: where the guest comes in, the wind, the end
CHAPTERS = {"version": "1.2.0", "chapters": [
    {"startTime": 0, "title": "Welcome"},
    {"startTime": 10.514, "title": "Birds at dawn"},
    {"startTime": 19.031, "title": "Foam and filters"},
]}


def cues() -> list[tuple[float, float, str, str]]:
    """(start, end, speaker, text) of each cue of the committed WebVTT."""
    found = re.findall(r"^(\d+):(\d+):([\d.]+) --> (\d+):(\d+):([\d.]+)\n<v ([^>]+)>(.*)$",
                       (AUDIO / "episode.vtt").read_text(), re.M)
    return [(int(a) * 3600 + int(b) * 60 + float(c), int(d) * 3600 + int(e) * 60 + float(f), who, text)
            for a, b, c, d, e, f, who, text in found]


#: the word-by-word take of the episode (make_episode.py's make_words): each
#: word's start and end where sox joined it, measured, in WhisperX's shape
WORDS_TAKE = json.loads((AUDIO / "episode-words.whisperx.json").read_text(encoding="utf-8"))


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that answers ``Range: bytes=a-b`` with 206, as hosts do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        wanted = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not wanted or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first = int(wanted[1]) if wanted[1] else max(0, size - int(wanted[2] or 0))
        last = min(int(wanted[2]), size - 1) if wanted[1] and wanted[2] else size - 1
        if first >= size:
            self.send_error(416)
            return None
        stream = path.open("rb")
        stream.seek(first)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(last - first + 1))
        self.end_headers()
        self._remaining = last - first + 1
        return stream

    def copyfile(self, source, outputfile):
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        outputfile.write(source.read(remaining))
        self._remaining = None
        return None


@pytest.fixture(scope="session")
def player_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test-player root, with the audio episode in media/, built like ``make html``."""
    base = tmp_path_factory.mktemp("player")
    srcdir = base / "src"
    shutil.copytree(ROOTS / "test-player", srcdir)
    (srcdir / "media").mkdir()
    for name in ("episode.ogg", "episode.vtt"):
        shutil.copyfile(AUDIO / name, srcdir / "media" / name)
    # the same episode with chapters (a Podcasting 2.0 chapters file)
    (srcdir / "media" / "episode.chapters.json").write_text(json.dumps(CHAPTERS), encoding="utf-8")
    (srcdir / "chapters.md").write_text(
        "---\norphan: true\nguid: small-batches-chapters-test\n---\n\n# Listening to models, in chapters\n\n"
        "```{transcript} media/episode.vtt\n:host: Ines Calder, Tomas Brandt\n:guests: Owen Adeyemi\n"
        ":chapters: media/episode.chapters.json\n:audio: media/episode.ogg\n```\n", encoding="utf-8")
    # the episode said word by word, and its WhisperX JSON with the words' measured times
    for name in ("episode-words.ogg", "episode-words.whisperx.json"):
        shutil.copyfile(AUDIO / name, srcdir / "media" / name)
    (srcdir / "words.md").write_text(
        "---\norphan: true\nguid: small-batches-words-test\n---\n\n# Listening to models, word by word\n\n"
        "```{transcript} media/episode-words.whisperx.json\n:host: Ines Calder, Tomas Brandt\n"
        ":guests: Owen Adeyemi\n:speaker-map: SPEAKER_00 = Ines Calder; SPEAKER_01 = Tomas Brandt; "
        "SPEAKER_02 = Owen Adeyemi\n:audio: media/episode-words.ogg\n```\n", encoding="utf-8")
    out = base / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
         "-d", str(base / "doctrees"), str(srcdir), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return out


@pytest.fixture(scope="session")
def player_url(player_site: Path) -> Iterator[str]:
    with serve(player_site, RangeHandler) as url:
        yield url


def current_turns(page: Any) -> list[str]:
    return page.eval_on_selector_all('.transcript-turn[aria-current="true"]', "els => els.map(e => e.id)")


def media_time(page: Any) -> float:
    return float(page.evaluate("document.querySelector('.transcript-player audio').currentTime"))


def played_from(page: Any) -> float:
    """Where playback started after the last seek (it may have gone on since)."""
    return float(page.evaluate(
        """() => { const a = document.querySelector('.transcript-player audio');
            return a.played.length ? a.played.start(a.played.length - 1) : a.currentTime; }"""
    ))


def test_the_episode_page_has_a_player_and_every_timestamp_links_into_it(
    browser: Any, player_url: str
) -> None:
    with opened(browser, player_url + "episode.html") as page:
        audio = page.locator(".transcript-player audio")
        assert audio.get_attribute("aria-label") == "Episode audio"
        assert audio.get_attribute("controls") is not None
        src = page.evaluate("document.querySelector('.transcript-player audio').src")
        links = page.eval_on_selector_all(
            "a.transcript-time",
            "els => els.map(e => [e.href, e.getAttribute('aria-label'), e.textContent,"
            " e.closest('.transcript-turn').dataset.start])",
        )
        assert len(links) == len(STARTS) == 8
        for (href, label, text, start), expected in zip(links, STARTS, strict=True):
            assert href.split("#")[0] == src
            assert float(href.split("#t=")[1]) == pytest.approx(expected, abs=0.001)
            assert float(start) == pytest.approx(expected, abs=0.001)
            assert label == f"Play from {text}"
        # with no script at all the link still works: it is the audio file at its time
        status = page.evaluate(f"fetch({links[2][0]!r}).then(r => [r.status, r.headers.get('content-type')])")
        assert status == [200, "audio/ogg"]
        page.wait_for_function("document.querySelector('.transcript-player audio').duration > 30")


@pytest.mark.parametrize("turn", [3, 6])
def test_following_a_timestamp_seeks_the_player_and_marks_the_turn(
    browser: Any, player_url: str, turn: int
) -> None:
    with opened(browser, player_url + "episode.html") as page:
        url_before = page.url
        page.locator(f"#{tid(turn)} a.transcript-time").click()
        start = STARTS[turn - 1]
        page.wait_for_function(
            "() => { const a = document.querySelector('.transcript-player audio');"
            " return !a.paused && a.currentTime > 0; }"
        )
        assert abs(played_from(page) - start) < 0.5, (played_from(page), start)
        # the script took the link over: the page did not go to the media file
        assert page.url == url_before
        # during playback the turn is marked current, and only that turn
        page.wait_for_function(
            f"document.querySelector('.transcript-player audio').currentTime > {start + 0.4}"
        )
        assert current_turns(page) == [tid(turn)]
        assert "transcript-current" in page.locator(f"#{tid(turn)}").get_attribute("class")
        # it plays on into the next turn, and the mark moves with it
        page.evaluate(f"document.querySelector('.transcript-player audio').currentTime = {STARTS[turn] - 0.2}")
        page.wait_for_function(f"document.querySelector('#{tid(turn + 1)}[aria-current=true]') !== null",
                               timeout=5000)
        assert current_turns(page) == [tid(turn + 1)]


@pytest.mark.parametrize(
    ("fragment", "seconds", "turn"),
    [("#t=0:20", 20, 5), ("#t=25", 25, 6), ("#t=0:00:28.5", 28.5, 7), ("#t=npt:11", 11, 3)],
)
def test_the_address_says_where_to_start(
    browser: Any, player_url: str, fragment: str, seconds: float, turn: int
) -> None:
    # a phone: the page is longer than the window, so showing the turn means scrolling
    with opened(browser, player_url + "episode.html" + fragment, width=375) as page:
        page.wait_for_function(
            "document.querySelector('.transcript-player audio').readyState >= 1"
        )
        page.wait_for_function(f"document.querySelector('#{tid(turn)}[aria-current=true]') !== null")
        # held there: on a busy machine playback could otherwise reach the next turn,
        # and scroll to it, before the checks below
        page.evaluate("document.querySelector('.transcript-player audio').pause()")
        # autoplay may be refused by a browser; here it is allowed: it starts there
        assert abs(played_from(page) - seconds) < 0.5, (played_from(page), seconds)
        assert media_time(page) >= seconds - 0.01
        assert current_turns(page) == [tid(turn)]
        # and the page shows that turn
        page.wait_for_function(
            f"""() => {{ const r = document.querySelector('#{tid(turn)}').getBoundingClientRect();
                return r.top >= 0 && r.bottom <= window.innerHeight; }}"""
        )


def test_the_keyboard_reaches_every_timestamp_and_the_toggle_with_visible_focus(
    browser: Any, player_url: str
) -> None:
    with opened(browser, player_url + "episode.html", clean=False) as page:
        times = page.eval_on_selector_all("a.transcript-time", "els => els.map(e => e.getAttribute('href'))")
        reached: set[str] = set()
        toggle_style = ""
        time_style = ""
        for _ in range(200):
            page.keyboard.press("Tab")
            kind, href, style = page.evaluate(
                f"""() => {{ const e = document.activeElement;
                    const kind = e.matches('a.transcript-time') ? 'time'
                        : e.matches('button.transcript-follow') ? 'toggle' : '';
                    return [kind, e.getAttribute('href') || '', kind ? ({FOCUS_STYLE})(e) : ''];
                }}"""
            )
            if kind == "time":
                reached.add(href)
                time_style = time_style or style
            elif kind == "toggle":
                toggle_style = style
            if len(reached) == len(times) and toggle_style:
                break
        assert reached == set(times)
        assert toggle_style, "Tab never reaches the Follow along toggle"
        for style in (time_style, toggle_style):
            outline_style, outline_width, _, shadow = style.split(" | ")
            assert (outline_style != "none" and outline_width != "0px") or shadow != "none", style

        # the toggle is a labelled button that says whether it is on
        toggle = page.locator("button.transcript-follow")
        assert toggle.get_attribute("aria-pressed") == "false"
        assert toggle.inner_text().strip() == "Follow along"
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-pressed") == "true"

        # Enter on a timestamp plays from there, as a click does
        page.focus(f"#{tid(4)} a.transcript-time")
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"() => {{ const a = document.querySelector('.transcript-player audio');"
            f" return !a.paused && Math.abs(a.currentTime - {STARTS[3]}) < 0.5; }}"
        )


def test_follow_along_keeps_the_turn_in_view_until_the_reader_scrolls(
    browser: Any, player_url: str
) -> None:
    with opened(browser, player_url + "episode.html", width=375) as page:
        # the reader asked for less motion: the turn comes into view at once
        page.emulate_media(reduced_motion="reduce")
        page.reload(wait_until="networkidle")
        assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
        page.evaluate("document.documentElement.style.scrollBehavior = 'auto'")
        page.locator("button.transcript-follow").click()
        page.evaluate(f"document.querySelector('.transcript-player audio').currentTime = {STARTS[7] + 0.2}")
        page.wait_for_function(f"document.querySelector('#{tid(8)}[aria-current=true]') !== null")
        in_view = """() => { const r = document.querySelector('#TURN').getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight; }""".replace("TURN", tid(8))
        page.wait_for_function(in_view, timeout=1000)
        # the reader scrolls by hand: following stops
        page.mouse.move(180, 500)
        page.mouse.wheel(0, -600)
        page.wait_for_function(
            "document.querySelector('button.transcript-follow').getAttribute('aria-pressed') === 'false'"
        )
        scrolled = page.evaluate("window.scrollY")
        page.evaluate(f"document.querySelector('.transcript-player audio').currentTime = {STARTS[0] + 0.2}")
        page.wait_for_function(f"document.querySelector('#{tid(1)}[aria-current=true]') !== null")
        page.wait_for_timeout(300)
        assert page.evaluate("window.scrollY") == scrolled, "the page moved with following off"


PAGES = ["episode.html", "untimed.html", "plain.html", "chapters.html", "words.html"]


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_player_pages_pass_axe_with_a_turn_marked(
    browser: Any, player_url: str, axe_script: Path, screenshots: Path, name: str, mode: str
) -> None:
    with opened(browser, player_url + name, dark=mode == "dark") as page:
        if page.locator("a.transcript-time").count():
            # a turn marked current: its colours are checked too (the second turn;
            # its start and id as the page has them)
            second, third, start = page.eval_on_selector_all(
                ".transcript-turn[data-start]", "els => [els[1].id, els[2].id, parseFloat(els[1].dataset.start)]")
            page.evaluate(f"document.querySelector('.transcript-player audio').currentTime = {start + 0.5}")
            page.wait_for_function(f"document.getElementById({second!r}).getAttribute('aria-current') === 'true'")
            page.focus(f"[id={third!r}] a.transcript-time")
        if page.locator("details.transcript-chapters").count():
            # the chapter list open, the current chapter marked: checked too
            page.locator("details.transcript-chapters > summary").click()
            page.wait_for_selector("li.transcript-chapter-current")
        _screenshot(page, screenshots / f"player-{name.removesuffix('.html')}-{mode}.png")
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [
            f"{v['id']} ({v['impact']}) at {node['target']}: {node['failureSummary']}"
            for v in result["violations"] for node in v["nodes"]
        ]
        assert not found, "\n".join(found)


def test_each_page_shows_what_its_transcript_has(browser: Any, player_url: str) -> None:
    with opened(browser, player_url + "untimed.html") as page:
        # audio and an untimed transcript: the player, no timestamps, no toggle
        assert page.locator(".transcript-player audio").count() == 1
        assert page.locator(".transcript-time").count() == 0
        assert page.locator("button.transcript-follow").count() == 0
        page.goto(player_url + "plain.html", wait_until="networkidle")
        # times and no audio: the times are text, not links
        assert page.locator(".transcript-player").count() == 0
        assert page.locator("time.transcript-time").count() == len(STARTS)
        assert page.locator("a.transcript-time").count() == 0


@pytest.mark.parametrize("width", [375, 1280])
def test_the_player_stays_in_view_without_overflow(
    browser: Any, player_url: str, screenshots: Path, width: int
) -> None:
    with opened(browser, player_url + "episode.html", width=width) as page:
        if width == 375:
            _screenshot(page, screenshots / "player-episode-phone.png")
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"page is {widths[0]}px wide at {widths[1]}px"
        page.evaluate("document.documentElement.style.scrollBehavior = 'auto'")
        height = page.evaluate("window.innerHeight")
        for where in ("0", "document.scrollingElement.scrollHeight / 2", "document.scrollingElement.scrollHeight"):
            page.evaluate(f"window.scrollTo(0, {where})")
            page.wait_for_timeout(100)
            box = page.evaluate(
                """() => { const p = document.querySelector('.transcript-player');
                    const r = p.getBoundingClientRect();
                    const header = document.querySelector('.mobile-header');
                    const below = header && getComputedStyle(header).display !== 'none'
                        ? header.getBoundingClientRect().bottom : 0;
                    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                    return {top: r.top, bottom: r.bottom, right: r.right, below: below,
                            onTop: p.contains(hit)}; }"""
            )
            assert box["top"] >= box["below"] - 1, box  # not under furo's header
            assert box["bottom"] <= height, box
            assert box["right"] <= width, box
            assert box["onTop"], f"something covers the player: {box}"
            # a small bar: the text keeps most of the screen
            assert box["bottom"] - box["top"] < height * 0.2, box
        if width == 375:
            page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight / 2)")
            page.wait_for_timeout(100)
            page.screenshot(path=str(screenshots / "player-episode-phone-scrolled.png"))
        # a linked turn lands below the player, not under it: by its address, and by
        # its old one (#turn-6, an empty span inside it)
        landed = []
        for fragment in (tid(6), "turn-6"):
            page.goto(player_url + "episode.html#" + fragment, wait_until="networkidle")
            page.wait_for_timeout(300)
            turn_top, player_bottom = page.evaluate(
                """[document.querySelector('#TURN').getBoundingClientRect().top,
                    document.querySelector('.transcript-player').getBoundingClientRect().bottom]"""
                .replace("TURN", tid(6))
            )
            assert turn_top >= player_bottom - 1, (fragment, turn_top, player_bottom)
            landed.append(turn_top)
        # the old address lands where the new one does (the span is at the turn's top)
        assert abs(landed[0] - landed[1]) < 2, landed


@pytest.mark.parametrize(
    "fragment",
    [
        "#t=%E0%A4%A",  # percent-encoding cut short: decodeURIComponent throws
        "#t=%",
        "#t=1" + "0" * 400,  # a number too large for a double: Infinity
        "#t=1:99:99:99",
        "#t=-5",
        "#t=" + "%F0%9F%8E%B5" * 50,
        "#t=,&t=&&t=%00",
    ],
    ids=["cut-encoding", "lone-percent", "400-digits", "four-parts", "negative", "emoji", "empty-parts"],
)
def test_the_player_survives_any_fragment(browser: Any, player_url: str, fragment: str) -> None:
    with opened(browser, player_url + "episode.html" + fragment) as page:
        page.wait_for_function("document.querySelector('.transcript-player audio').readyState >= 1")
        # nothing seeked, nothing marked, nothing thrown
        assert media_time(page) == 0
        assert current_turns(page) == []
        assert page.locator("button.transcript-follow").count() == 1
        # the address listener is in place: a good fragment afterwards still starts there
        page.evaluate("window.location.hash = '#t=25'")
        page.wait_for_function(f"document.querySelector('#{tid(6)}[aria-current=true]') !== null")
        page.evaluate("document.querySelector('.transcript-player audio').pause()")
        assert abs(played_from(page) - 25) < 0.5, played_from(page)
        # and after it another bad one changes nothing and throws nothing
        page.evaluate(f"window.location.hash = {fragment!r}")
        page.wait_for_timeout(200)
        assert current_turns(page) == [tid(6)]


def test_a_click_on_a_timed_paragraph_plays_from_its_start(browser: Any, player_url: str) -> None:
    with opened(browser, player_url + "episode.html") as page:
        for turn in (5, 2):
            # a click in the text, not on a link: the paragraph's start (the turn's cue)
            page.locator(f"#{tid(turn)} .transcript-turn-body > p").first.click(position={"x": 40, "y": 5})
            # it played from there: a played range starts within 0.5 s of the paragraph's start
            page.wait_for_function(
                f"""() => {{ const a = document.querySelector('.transcript-player audio');
                    for (let i = 0; i < a.played.length; i++)
                        if (Math.abs(a.played.start(i) - {STARTS[turn - 1]}) < 0.5
                            && a.played.end(i) > a.played.start(i)) return true;
                    return false; }}""", timeout=5000)
            page.evaluate("document.querySelector('.transcript-player audio').pause()")
            page.wait_for_function(f"document.querySelector('#{tid(turn)}[aria-current=true]') !== null")
            assert page.locator(f"#{tid(turn)} .transcript-spoken").count() == 1
        # a selection is not a click to play: selecting words leaves the player alone
        before = media_time(page)
        page.evaluate("""() => { const p = document.querySelector('#TURN .transcript-turn-body > p');
            const r = document.createRange(); r.selectNodeContents(p);
            getSelection().removeAllRanges(); getSelection().addRange(r); }""".replace("TURN", tid(7)))
        page.locator(f"#{tid(7)} .transcript-turn-body > p").first.click(position={"x": 40, "y": 5},
                                                                       modifiers=[])
        page.wait_for_timeout(300)
        assert abs(media_time(page) - before) < 0.6 or played_from(page) != STARTS[6]


def played_near(start: float) -> str:
    """A script: has a played range started within 0.5 s of ``start``?"""
    return f"""() => {{ const a = document.querySelector('.transcript-player audio');
        for (let i = 0; i < a.played.length; i++)
            if (Math.abs(a.played.start(i) - {start}) < 0.5 && a.played.end(i) > a.played.start(i))
                return true;
        return false; }}"""


def test_enter_or_space_on_a_focused_timed_paragraph_plays_from_its_start(
    browser: Any, player_url: str, screenshots: Path
) -> None:
    with opened(browser, player_url + "episode.html", width=375) as page:
        page.evaluate("document.documentElement.style.scrollBehavior = 'auto'")
        page.wait_for_function("document.querySelector('.transcript-player audio').readyState >= 1")
        # the turns' ids as the page has them now (they are addresses, and may change)
        ids = page.eval_on_selector_all(".transcript-turn[data-start]", "els => els.map(e => e.id)")
        assert len(ids) == len(STARTS)
        fifth = f"[id='{ids[4]}'] .transcript-turn-body > p"
        # Tab reaches the paragraph: from its turn's timestamp, a few stops on
        page.focus(f"[id='{ids[4]}'] a.transcript-time")
        for _ in range(4):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement === document.querySelector({fifth!r})"):
                break
        assert page.evaluate(f"document.activeElement === document.querySelector({fifth!r})"), \
            "Tab never reaches the timed paragraph"
        outline_style, outline_width, _, shadow = page.evaluate(
            f"({FOCUS_STYLE})(document.activeElement)").split(" | ")
        assert (outline_style != "none" and outline_width != "0px") or shadow != "none"
        page.screenshot(path=str(screenshots / "player-paragraph-focus-phone.png"))
        # Enter plays from the paragraph's start
        page.keyboard.press("Enter")
        page.wait_for_function(played_near(STARTS[4]), timeout=5000)
        page.evaluate("document.querySelector('.transcript-player audio').pause()")
        page.wait_for_function(f"document.querySelector('[id=\"{ids[4]}\"][aria-current=true]') !== null")
        # Space, as on a button: plays from there, and does not scroll the page
        second = f"[id='{ids[1]}'] .transcript-turn-body > p"
        page.focus(second)
        page.wait_for_timeout(100)
        scrolled = page.evaluate("window.scrollY")
        page.keyboard.press(" ")
        page.wait_for_function(played_near(STARTS[1]), timeout=5000)
        page.evaluate("document.querySelector('.transcript-player audio').pause()")
        assert page.evaluate("window.scrollY") == scrolled, "Space on the paragraph scrolled the page"
        # the page's own keys stay the page's: Space elsewhere scrolls and plays nothing
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        at = media_time(page)
        page.keyboard.press(" ")
        page.wait_for_function("window.scrollY > 0", timeout=2000)
        assert page.evaluate("document.querySelector('.transcript-player audio').paused")
        assert media_time(page) == at
        # Enter on the timestamp link inside the turn is the link's (it seeks to the turn)
        page.focus(f"[id='{ids[6]}'] a.transcript-time")
        page.keyboard.press("Enter")
        page.wait_for_function(played_near(STARTS[6]), timeout=5000)
        page.evaluate("document.querySelector('.transcript-player audio').pause()")


def test_the_chapter_list_seeks_and_marks_the_current_chapter(
    browser: Any, player_url: str, screenshots: Path
) -> None:
    with opened(browser, player_url + "chapters.html") as page:
        page.wait_for_function("document.querySelector('.transcript-player audio').readyState >= 1")
        summary = page.locator("details.transcript-chapters > summary")
        assert summary.inner_text().startswith("Chapters (3)")
        summary.click()
        items = page.locator("details.transcript-chapters li button")
        assert [" ".join(t.split()) for t in items.all_inner_texts()] == [
            "0:00 Welcome", "0:10 Birds at dawn", "0:19 Foam and filters"]
        # the ticks on the bar, where each chapter starts
        page.wait_for_function("document.querySelectorAll('.transcript-chapter-tick').length === 3")
        items.nth(2).click()
        page.wait_for_function(
            "() => { const a = document.querySelector('.transcript-player audio');"
            " return !a.paused && a.currentTime > 19; }")
        page.evaluate("document.querySelector('.transcript-player audio').pause()")
        assert abs(played_from(page) - 19.031) < 0.5, played_from(page)
        # the mark follows the audio's timeupdate events: wait for it, as below
        page.wait_for_function("document.querySelector('li.transcript-chapter-current') &&"
                               " document.querySelector('li.transcript-chapter-current').textContent"
                               ".includes('Foam')")
        current = page.locator("details.transcript-chapters li.transcript-chapter-current")
        assert current.count() == 1 and "Foam and filters" in current.inner_text()
        assert current.locator("button").get_attribute("aria-current") == "true"
        assert "Foam and filters" in summary.inner_text()
        # previous chapter (its button, then the key), next chapter
        page.evaluate("document.querySelector('.transcript-player audio').currentTime = 12")
        page.wait_for_function("document.querySelector('li.transcript-chapter-current') &&"
                               " document.querySelector('li.transcript-chapter-current').textContent"
                               ".includes('Birds')")
        page.locator("button[aria-label='Next chapter']").click()
        page.wait_for_function("Math.abs(document.querySelector('.transcript-player audio').currentTime"
                               " - 19.031) < 0.5")
        page.locator("body").click(position={"x": 5, "y": 5})
        page.keyboard.press("[")  # within 3 s of its start: the chapter before
        page.wait_for_function("Math.abs(document.querySelector('.transcript-player audio').currentTime"
                               " - 10.514) < 0.5")
        # skip and speed
        page.locator("button[aria-label='Forward 15 seconds']").click()
        page.wait_for_function("document.querySelector('.transcript-player audio').currentTime > 25")
        speed = page.locator("button.transcript-speed")
        speed.click()
        assert page.evaluate("document.querySelector('.transcript-player audio').playbackRate") == 1.25
        assert speed.inner_text() == "1.25\u00d7"
        _screenshot(page, screenshots / "player-chapters.png")
        page.set_viewport_size({"width": 375, "height": 800})
        # compact on a phone: the sticky player (bar, controls, chapter ticks) under 100 px
        assert page.evaluate("document.querySelector('.transcript-player').offsetHeight") < 100
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        _screenshot(page, screenshots / "player-chapters-phone.png")


#: the highlighted word, the text of its turn before it, and its turn's index
HIGHLIGHTED = """() => { const h = CSS.highlights.get('transcript-word');
    if (!h) return null;
    const range = [...h][0];
    const turn = range.startContainer.parentElement.closest('.transcript-turn');
    const turns = [...document.querySelectorAll('.transcript-turn')];
    const before = document.createRange();
    before.setStart(turn.querySelector('.transcript-turn-body'), 0);
    before.setEnd(range.startContainer, range.startOffset);
    return [range.toString(), before.toString(), turns.indexOf(turn)]; }"""


def word_shown(shown: list[Any]) -> dict[str, Any]:
    """The word of the JSON that the highlight shows: its text, in its turn,
    after as many of the same word as the text before it holds."""
    text, before, turn = shown
    words = WORDS_TAKE["segments"][turn]["words"]
    earlier = len(re.findall(r"(?<!\w)" + re.escape(text.lower()), before.lower()))
    same = [w for w in words if w["word"].lower() == text.lower()]
    assert len(same) > earlier, (shown, words)
    return same[earlier]


def test_the_word_timed_take_is_the_audio_its_json_says(browser: Any, player_url: str) -> None:
    """The times of episode-words.whisperx.json are where the words are in the
    audio: Chromium decodes the Ogg file, and every word's span has sound and
    every pause between two words is silent (make_episode.py measured them)."""
    with opened(browser, player_url + "words.html") as page:
        spans = [[w["start"], w["end"]] for w in WORDS_TAKE["word_segments"]]
        assert len(spans) == 84 and all(a < b for a, b in spans)
        loudness = page.evaluate(
            """async (spans) => {
                const a = document.querySelector('.transcript-player audio');
                const bytes = await (await fetch(a.currentSrc)).arrayBuffer();
                const sound = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(bytes);
                const data = sound.getChannelData(0), rate = sound.sampleRate;
                const rms = (from, to) => { let sum = 0, n = 0;
                    for (let i = Math.floor(from * rate); i < Math.min(data.length, to * rate); i++, n++)
                        sum += data[i] * data[i];
                    return n ? Math.sqrt(sum / n) : 0; };
                const words = spans.map(([s, e]) => rms(s, e));
                // the middle of each pause, 20 ms in from both sides (the codec smears edges)
                const pauses = spans.slice(1).map(([s], i) => rms(spans[i][1] + 0.02, s - 0.02));
                return [words, pauses, sound.duration]; }""", spans)
        words, pauses, seconds = loudness
        assert seconds == pytest.approx(spans[-1][1], abs=0.1)
        quietest_word, loudest_pause = min(words), max(pauses)
        assert quietest_word > 0.01, words
        assert loudest_pause < 0.004, pauses


def test_a_word_timed_episode_highlights_the_word_being_spoken(browser: Any, player_url: str) -> None:
    with opened(browser, player_url + "words.html") as page:
        page.wait_for_function("document.querySelector('.transcript-player audio').readyState >= 1")
        shape = """() => { const t = document.querySelector('.transcript');
            return [t.textContent, t.querySelectorAll('*').length,
                    t.querySelectorAll('.autoglossary a, a.transcript-time').length]; }"""
        before = page.evaluate(shape)
        words = WORDS_TAKE["word_segments"]
        # seeking: the word at each place is the one highlighted
        for word in (words[3], words[17], words[40], words[-2]):
            page.evaluate(f"document.querySelector('.transcript-player audio').currentTime = {word['start'] + 0.1}")
            page.wait_for_function(f"({HIGHLIGHTED})() && ({HIGHLIGHTED})()[0] === {word['word']!r}",
                                   timeout=5000)
            assert word_shown(page.evaluate(HIGHLIGHTED)) == word
        # playing: every few tenths of a second the highlighted word is the one
        # the audio is at, within 0.5 s of its span.  Each sample is read in an
        # animation frame, after the player's own (it highlights once a frame):
        # a busy machine may run no frame for half a second, and a time read
        # between frames would be ahead of the word the last frame showed
        page.evaluate("document.querySelector('.transcript-player audio').currentTime = 12.5")
        page.evaluate("document.querySelector('.transcript-player audio').play()")
        samples = []
        for _ in range(20):
            page.wait_for_timeout(250)
            at, shown = page.evaluate(f"""() => new Promise((done) => requestAnimationFrame(() => done([
                document.querySelector('.transcript-player audio').currentTime, ({HIGHLIGHTED})()])))""")
            if shown is not None:
                samples.append((at, word_shown(shown)))
        page.evaluate("document.querySelector('.transcript-player audio').pause()")
        assert len(samples) >= 15, samples
        assert samples[-1][0] > 15, samples  # it played on, through several words
        assert len({w["start"] for _, w in samples}) >= 5, samples
        for at, word in samples:
            assert word["start"] - 0.5 <= at <= word["end"] + 0.5, (at, word)
        # the text is what it was: no element added, selection and copy as before
        assert page.evaluate(shape) == before

"""Addresses that last, in Chromium: saved links still hold their words after an edit.

Three quote addresses are saved from the real site's long podcast (and the
old ``#turn-<n>`` of each).  A copy of the project then has the podcast's
first two turns removed and an earlier turn corrected (the copy's
transcript, never the real one), and is built: each saved address still
opens on its words, in the window, marked as the target; the old address of
a removed turn lands on the turn that followed it.  A link to a sentence
(``#<turn>.s<n>``) scrolls to that sentence and highlights it, on a desktop
and a phone, light and dark (screenshots ``_build/screenshots/address-*``).
No paragraph of the podcast passes 1,200 characters.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from browser.conftest import serve
from browser.pages import opened

PODCAST = "interviews/deep-learning-with-pytorch.html"
TRANSCRIPT = Path("interviews") / "transcripts" / "deep-learning-with-pytorch.txt"
#: the saved turns, by their place on the published page (from 1): one early, #turn-37, one late
SAVED = (10, 37, 80)

TURNS = """els => els.map(turn => {
    const body = turn.querySelector('.transcript-turn-body').cloneNode(true);
    body.querySelectorAll('.autoglossary-tip, .transcript-turn-header').forEach(e => e.remove());
    return [turn.id, body.textContent.replace(/\\s+/g, ' ').trim()];
})"""


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in {"_build", ".git", ".venv", "tests", "benchmarks", "dist",
                                       "node_modules", "__pycache__"}}


@pytest.fixture(scope="module")
def edited_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built from a copy whose podcast lost its first two turns and had
    its fifth corrected."""
    root = tmp_path_factory.mktemp("edited")
    project = root / "src"
    shutil.copytree(ROOT, project, ignore=_ignore, symlinks=False)
    path = project / TRANSCRIPT
    text = path.read_text(encoding="utf-8")
    # the first two turns (the host's intro and the first guest's) removed
    third = re.search(r"^Luca Antiga:", text, re.M)
    assert third is not None
    text = text[third.start():]
    # an earlier turn (the fifth) corrected: a word of its first sentence
    assert text.count("want to having us really") == 1
    text = text.replace("want to having us really", "want to have you here, really")
    path.write_text(text, encoding="utf-8")
    out = root / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
         str(project), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    with serve(out) as url:
        yield url


def turns_of(page: Any) -> list[list[str]]:
    return page.eval_on_selector_all("div.transcript-turn", TURNS)


def in_view(page: Any, selector: str) -> bool:
    """Whether the top of ``selector`` comes into the window (waited for, up to 10 s)."""
    try:
        page.wait_for_function(f"""() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();
            return r.top >= 0 && r.top < window.innerHeight; }}""", timeout=10000)
    except Exception:  # playwright's TimeoutError: not in view
        return False
    return True


def test_saved_addresses_hold_their_words_after_turns_are_removed_and_corrected(
    browser: Any, base_url: str, edited_url: str, screenshots: Path
) -> None:
    with opened(browser, base_url + PODCAST) as page:
        published = turns_of(page)
    saved = [(published[n - 1][0], f"turn-{n}", published[n - 1][1][:120]) for n in SAVED]
    with opened(browser, edited_url + PODCAST) as page:
        edited = turns_of(page)
        assert len(edited) == len(published) - 2
        assert edited[2][1] != published[4][1]  # the correction is on the page
        for address, old, words in saved:
            for fragment in (address, old):
                # a fresh load, as a shared link opens (not the theme's smooth scroll within the page)
                page.goto(edited_url + PODCAST + f"?open={fragment}#{fragment}", wait_until="networkidle")
                page.wait_for_timeout(250)
                turn = f"div.transcript-turn:has(> #{fragment})" if fragment == old else f"#{fragment}"
                said = page.eval_on_selector_all(turn, TURNS)
                assert len(said) == 1 and said[0][1].startswith(words), (fragment, said)
                assert in_view(page, turn), fragment
                # marked as the target: the turn's outline
                assert page.eval_on_selector(turn, "t => getComputedStyle(t).outlineStyle") == "solid"
        page.screenshot(path=str(screenshots / "address-after-edit.png"))
        # the old address of a removed turn lands on the turn that followed it
        page.goto(edited_url + PODCAST + "?open=1#turn-1", wait_until="networkidle")
        landed = page.eval_on_selector_all("div.transcript-turn:has(> #turn-1)", TURNS)
        assert landed[0][0] == published[2][0]


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph as the page's script counts them."""
    pieces, start = [], 0
    for end in re.finditer(r"[.!?…][\"')\]»”’]*(?=\s)", text):
        pieces.append(text[start:end.end()])
        start = end.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


@pytest.mark.parametrize(("mode", "width"), [("light", 1280), ("dark", 1280), ("light", 375)])
def test_a_sentence_link_scrolls_to_the_sentence_and_highlights_it(
    browser: Any, base_url: str, screenshots: Path, mode: str, width: int
) -> None:
    with opened(browser, base_url + PODCAST, dark=mode == "dark", width=width) as page:
        turn = page.eval_on_selector_all("div.transcript-turn", "els => els[36].id")
        paragraphs = page.eval_on_selector_all(
            f"#{turn} .transcript-turn-body > p",
            """els => els.map(p => { const c = p.cloneNode(true);
                c.querySelectorAll('.autoglossary-tip').forEach(e => e.remove());
                return c.textContent.replace(/\\s+/g, ' ').trim(); })""")
        expected = [s for p in paragraphs for s in sentences(p)]
        assert len(expected) > 6
        page.goto(base_url + PODCAST + f"?open=6#{turn}.s6", wait_until="networkidle")
        page.wait_for_function("CSS.highlights.has('transcript-sentence')")
        marked = page.evaluate("""() => { const r = [...CSS.highlights.get('transcript-sentence')][0];
            const b = r.getBoundingClientRect();
            return [r.toString().replace(/\\s+/g, ' ').trim(), b.top, b.bottom, window.innerHeight]; }""")
        text, top, bottom, height = marked
        assert text == expected[5], (text, expected[5])
        assert top >= 0 and bottom <= height, marked
        assert "transcript-targeted" in page.eval_on_selector(f"#{turn}", "t => t.className")
        # the highlight is drawn: its colour differs from the page's
        assert page.evaluate("""() => { const d = document.createElement('div');
            d.style.background = 'var(--color-highlighted-background, #ddeeff)';
            document.body.appendChild(d); const c = getComputedStyle(d).backgroundColor;
            d.remove(); return c; }""") != page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.screenshot(path=str(screenshots / f"address-sentence-{mode}-{width}.png"))
        # a sentence past the turn's last: the turn, no highlight
        page.goto(base_url + PODCAST + f"?open=999#{turn}.s999", wait_until="networkidle")
        page.wait_for_timeout(300)
        assert not page.evaluate("CSS.highlights.has('transcript-sentence')")
        assert in_view(page, f"#{turn}")
        # the script makes the link too: a point in the sixth sentence gives its address
        link = page.evaluate(f"""() => {{ const p = [...document.querySelectorAll('#{turn} .transcript-turn-body > p')];
            const walker = document.createTreeWalker(p[0], NodeFilter.SHOW_TEXT);
            return window.transcriptSentences.link(walker.nextNode(), 0); }}""")
        assert link == f"#{turn}.s1"


def test_no_paragraph_of_the_podcast_passes_1200_characters(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + PODCAST) as page:
        lengths = page.eval_on_selector_all(
            ".transcript-turn-body > p",
            """els => els.map(p => { const c = p.cloneNode(true);
                c.querySelectorAll('.autoglossary-tip').forEach(e => e.remove());
                return c.textContent.replace(/\\s+/g, ' ').trim().length; })""")
        turns = page.locator("div.transcript-turn").count()
        assert len(lengths) > turns  # long turns are more than one paragraph
        assert max(lengths) <= 1200, max(lengths)

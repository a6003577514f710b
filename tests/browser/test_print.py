"""Printing a page from Chromium: the text on paper, none of the screen's chrome.

Chromium's print-to-PDF (Playwright's ``page.pdf``, as a reader's "Save as
PDF" with the page's own @page size and margins) of the long podcast page
of the real site and of the test-player episode.  ``pdftotext`` reads the
words back with their boxes: no "Skip to content", search, player or button
text; no "#" link; the page's title at the top of every sheet; no line of
text cut by a page's edge (every word lies wholly inside the page area or
wholly in a margin); no page that ends with a speaker's name, nor with the
empty start of a turn whose name went on to the next page.  The first
pages go to ``_build/screenshots/print-*.png`` to be looked at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from conftest import need

from browser.pages import opened
from browser.test_player import player_site, player_url  # noqa: F401  (fixtures)

PODCAST = "interviews/deep-learning-with-pytorch.html"
TITLE = "The Authors of Deep Learning with PyTorch in Conversation"

MM = 72 / 25.4
#: the page area of site.css's @page (A4, margins 18 mm top, 16 mm bottom)
TOP, BOTTOM = 18 * MM, 16 * MM


def print_pdf(page: Any, path: Path) -> Path:
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True, format="A4")
    return path


def text(pdf: Path) -> str:
    need(shutil.which("pdftotext") is not None, "pdftotext (apt-get install poppler-utils)")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def pages_of_words(pdf: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Per page: its height and its words as (yMin, yMax, word)."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(y0), float(y1), unescape(w)) for y0, y1, w in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', body)]
        pages.append((float(height), words))
    return pages


def lines(words: list[tuple[float, float, str]]) -> list[list[str]]:
    """Words grouped into lines, top to bottom: a word whose middle lies within
    the line's height is on it (a small time beside a name is on the name's)."""
    rows: list[tuple[float, float, list[str]]] = []
    for y0, y1, word in sorted(words):
        middle = (y0 + y1) / 2
        if rows and rows[-1][0] <= middle <= rows[-1][1]:
            rows[-1][2].append(word)
        else:
            rows.append((y0, y1, [word]))
    return [row for _, _, row in rows]


def ink_below_text(pdf: Path, number: int, height: float, last_line: float) -> int:
    """How many rows of dots page ``number`` has under its last line of text
    after a blank row, down to the foot of its page area: the empty start of
    a turn whose name went on to the next page (a guest's bar, alone).  The
    bar of a turn that goes on to the next page runs on from its text, with
    no blank row, and counts nothing."""
    from PIL import Image

    dpi = 36
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(number),
                    "-l", str(number), str(pdf), str(pdf.with_suffix(""))], check=True)
    image = Image.open(pdf.with_suffix(".png")).convert("L")
    top, bottom = round((last_line + 2) * dpi / 72), round((height - BOTTOM - 1) * dpi / 72)
    # dark dots: a guest's bar, not the faint dashes of an unattributed turn's border
    inked = [sum(image.crop((0, y, image.width, y + 1)).histogram()[:150]) > 0 for y in range(top, bottom)]
    blank = inked.index(False) if False in inked else len(inked)
    return sum(inked[blank:])


def look(pdf: Path, screenshots: Path, name: str) -> None:
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "2", str(pdf),
                        str(screenshots / f"print-{name}")], check=True)


def test_the_printed_podcast_page_is_its_text(
    browser: Any, base_url: str, screenshots: Path, tmp_path: Path
) -> None:
    with opened(browser, base_url + PODCAST) as page:
        ids = page.eval_on_selector_all("div.transcript-turn", "els => els.map(e => e.id)")
        pdf = print_pdf(page, tmp_path / "podcast.pdf")
    look(pdf, screenshots, "podcast")
    printed = text(pdf)
    for chrome in ("Skip to content", "Back to top", "Search", "Follow along", "Previous", "Next"):
        assert chrome not in printed
    pages = pages_of_words(pdf)
    assert len(pages) > 5
    addresses = set(ids)
    assert len(addresses) == len(ids) > 50
    turns = 0
    for number, (height, words) in enumerate(pages, 1):
        body = [w for w in words if w[0] > TOP - 1 and w[1] < height - BOTTOM + 1]
        # a word across the page area's edge is a line cut in half
        cut = [w for w in words if w[0] < TOP - 1 < w[1] or w[0] < height - BOTTOM + 1 < w[1]]
        assert not cut, f"page {number}: {cut}"
        # the running head: the page's title in the top margin of every sheet
        head = " ".join(w[2] for w in words if w[1] < TOP)
        assert head.startswith(TITLE), (number, head)
        rows = lines(body)
        assert ["#"] not in rows, f"page {number} prints a '#' link"
        names = [row for row in rows
                 if any(word.startswith("#") and word[1:] in addresses for word in row)]
        turns += len(names)
        # a speaker's name (on the line of the turn's address) never ends a page
        if number < len(pages):
            assert rows[-1] not in names, f"page {number} ends with {rows[-1]}"
            # nor an empty start of a turn whose name went on to the next page
            last_line = max(w[1] for w in body)
            assert ink_below_text(pdf, number, height, last_line) == 0, f"page {number}: a turn's box at its foot"
    # every turn printed its quote address, the web's, beside the name, whole on one line
    assert turns == len(ids)
    assert all(f"#{ident}" in printed.split() for ident in ids)


def test_the_printed_episode_says_where_to_listen_and_has_no_player(
    browser: Any, player_url: str, screenshots: Path, tmp_path: Path  # noqa: F811
) -> None:
    with opened(browser, player_url + "episode.html") as page:
        page.wait_for_selector("button.transcript-follow")
        buttons = page.eval_on_selector_all("button", "els => els.map(e => e.textContent.trim())")
        src = page.evaluate("document.querySelector('.transcript-player audio').src")
        pdf = print_pdf(page, tmp_path / "episode.pdf")
    look(pdf, screenshots, "episode")
    printed = text(pdf)
    assert "Follow along" in buttons
    for label in filter(None, buttons):
        # a label as a word of its own ("Copy" is not "Copyright")
        assert not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", printed), label
    assert "Download the episode" not in printed
    listen = re.search(r"Listen: (\S+)", printed)
    assert listen and src.endswith(listen[1]), printed[:400]
    # the times print beside the names, small but there
    assert re.search(r"Owen Adeyemi\s+guest\s+0:\d\d", printed, re.I), printed[:800]


@pytest.mark.parametrize("name", ["index.html", "people.html", "glossary.html"])
def test_every_page_prints_without_the_screen_chrome(
    browser: Any, base_url: str, tmp_path: Path, name: str
) -> None:
    with opened(browser, base_url + name, clean=False) as page:
        pdf = print_pdf(page, tmp_path / "page.pdf")
    printed = text(pdf)
    for chrome in ("Skip to content", "Back to top", "Previous", "Next"):
        assert chrome not in printed
    assert "Site search" not in printed and "Search" not in printed.split("\n")[:3]


def test_a_printed_outside_link_says_where_it_goes_once(
    browser: Any, base_url: str, tmp_path: Path
) -> None:
    with opened(browser, base_url + "glossary.html", clean=False) as page:
        bare = page.eval_on_selector_all("a.reference.external.print-bare-link", "els => els.map(e => e.href)")
        assert bare, "the glossary's term links are bare addresses"
        # a link whose text is not its address, as a page's text would have it
        page.evaluate("""() => { const p = document.createElement('p');
            p.innerHTML = 'See <a class="reference external" href="https://talks.example.org/dawn">'
                + 'the dawn talk</a> for more.';
            document.querySelector('article').prepend(p); }""")
        pdf = print_pdf(page, tmp_path / "glossary.pdf")
    printed = " ".join(text(pdf).split())
    # its address after it, small, on paper where it cannot be followed
    assert "the dawn talk <https://talks.example.org/dawn>" in printed
    # a bare address is not printed twice
    assert "<https://www.fast.ai" not in printed and "https://www.fast.ai" in printed

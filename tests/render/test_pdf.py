"""The PDF: the whole site through LaTeX once per session, and a small escaping project.

The site's LaTeX build (Sphinx's latex builder, then latexmk with the
``latexmkrc`` Sphinx writes, as Read the Docs runs it) happens once, in the
``site_pdf`` fixture; every test here reads its log, its ``.tex`` or the text
``pdftotext`` gets out of the PDF.
"""

from __future__ import annotations

import difflib
import html
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from conftest import ROOT, latexmk, need, need_latex, pdf_text
from seeds import SEED_FOR_PAGE, SEEDS_DIR, body_text
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences


def words(text: str, *, from_pdf: bool = False) -> list[str]:
    """The words of *text*, casefolded, for an order-preserving comparison.

    Hyphens are dropped from both sides, so a compound the PDF broke at its
    hyphen and one LaTeX hyphenated at a line end both compare equal to the
    source's word.  Punctuation, quotes and emoji are not words here (the log
    check below proves every character has a glyph).
    """
    text = unicodedata.normalize("NFKC", text)  # ligatures such as "ﬁ"
    if from_pdf:
        text = re.sub(r"(?<=\w)[-\u00ad]\n", "", text)  # "pod-\ncast" -> "podcast"
    text = text.replace("-", "").replace("\u00ad", "")
    return re.findall(r"\w+", text.casefold())


def missing_words(wanted: list[str], shown: list[str]) -> list[str]:
    """Where *wanted* is not an in-order subsequence of *shown*, with context.

    *shown* may hold more (headings, speaker names, running heads); every word
    of *wanted* must be there, in order.
    """
    matcher = difflib.SequenceMatcher(None, wanted, shown, autojunk=False)
    return [
        f"{' '.join(wanted[max(0, i1 - 5):i2 + 5])!r} shown as "
        f"{' '.join(shown[max(0, j1 - 5):j2 + 5])!r}"
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag in ("delete", "replace")
    ]


@dataclass
class BuiltPDF:
    tex: str
    log: str
    text: str
    sphinx_stderr: str
    latexmk: subprocess.CompletedProcess[str]
    pdf: Path


@pytest.fixture(scope="session")
def site_pdf(tmp_path_factory: pytest.TempPathFactory) -> BuiltPDF:
    need_latex()
    out = tmp_path_factory.mktemp("site-pdf")
    sphinx = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "-n", "-W", "--keep-going", "-q",
         "-d", str(out / "doctrees"), str(ROOT), str(out / "latex")],
        capture_output=True, text=True, check=False,
    )
    assert sphinx.returncode == 0, sphinx.stderr
    latex = out / "latex"
    texname = "practitioners-conversations.tex"
    run = latexmk(latex, texname)
    pdf = latex / "practitioners-conversations.pdf"
    assert pdf.is_file(), run.stdout[-3000:]
    return BuiltPDF(
        tex=(latex / texname).read_text(encoding="utf-8"),
        log=(latex / "practitioners-conversations.log").read_text(
            encoding="utf-8", errors="replace"
        ),
        text=pdf_text(pdf),
        sphinx_stderr=sphinx.stderr,
        latexmk=run,
        pdf=pdf,
    )


def test_site_pdf_builds_without_errors_or_missing_characters(site_pdf: BuiltPDF) -> None:
    assert site_pdf.sphinx_stderr == ""
    assert site_pdf.latexmk.returncode == 0, site_pdf.latexmk.stdout[-3000:]
    errors = [line for line in site_pdf.log.splitlines() if line.startswith("! ")]
    assert errors == []
    missing = [line for line in site_pdf.log.splitlines() if "Missing character" in line]
    assert missing == [], "glyphs dropped by the fonts:\n" + "\n".join(missing[:20])


def test_every_character_of_the_texts_reaches_the_latex_source(site_pdf: BuiltPDF) -> None:
    # pdftotext cannot read colour-bitmap glyphs back, so the emoji, curly
    # quotes, dashes and hair spaces are looked for in the .tex; the log test
    # above proves that a font printed each of them.
    need(SEEDS_DIR.is_dir(), f"the source texts are not at {SEEDS_DIR}")
    # bullet glyphs at the start of a line are list markers: they print as
    # the list's own bullets (tests/dialogue/test_directive.py), not as characters
    special = {
        char
        for seed in SEED_FOR_PAGE.values()
        for char in re.sub(r"(?m)^\s*[•◦▪‣●]\s", "", body_text(seed))
        if ord(char) > 0x2000
    }
    expected = {"🤗", "👋", "\U0001f3fb", "🦕", "😇", "👀", "😅", "\u200a", "’", "—"}
    assert expected <= special
    assert sorted(special - set(site_pdf.tex)) == []


@pytest.mark.parametrize("page", sorted(SEED_FOR_PAGE))
def test_pdf_has_every_word_of_the_text(site_pdf: BuiltPDF, page: str) -> None:
    need(SEEDS_DIR.is_dir(), f"the source texts are not at {SEEDS_DIR}")
    wanted = words(body_text(SEED_FOR_PAGE[page]))
    problems = missing_words(wanted, words(site_pdf.text, from_pdf=True))
    assert problems == [], f"{page}: words missing from the PDF:\n" + "\n".join(problems[:10])


def test_word_check_notices_a_dropped_or_changed_word() -> None:
    shown = words("CHAPTER ONE\nSanyam Bhutani HOST\nSB\nHey, this is a pod-\ncast, isn’t it?")
    hyphenated = words("Sanyam HOST Hey, this is a pod-\ncast, isn’t it?", from_pdf=True)
    assert missing_words(words("Hey, this is a podcast, isn’t it?"), hyphenated) == []
    assert missing_words(words("Hey, this is a podcast"), shown[:-3])
    assert missing_words(words("this is the podcast"), shown)


def test_dialogue_turns_show_speaker_role_and_text(site_pdf: BuiltPDF) -> None:
    text = " ".join(site_pdf.text.split())
    assert re.search(r"Eli Stevens GUEST (#\S+ )?Sure, I'll go ahead and start", text)
    assert r"\begin{sphinxtranscriptturn}{\sphinxtranscriptinitials{" in site_pdf.tex
    # beside each turn, its web address, the page's "#" link: a reader finds the quote online
    assert "#eli-stevens-sure-ill-go-ahead-and" in text
    headers = site_pdf.tex.count(r"\sphinxtranscriptheader{")
    addresses = re.findall(r"\\sphinxtranscriptheader\{.*\}\{\\#([^{}]*(?:\{\}[^{}]*)*)\}$", site_pdf.tex, re.M)
    assert len(addresses) == headers > 100


# -- user text is escaped ------------------------------------------------------

NAME = r"Ada {B} \C $D & #E ^F _G %H ~I"
TURN = r"It costs 100% \ {x} $5 & #1 ^ _ ~ a\b \textbf{bold}"


@pytest.mark.sphinx("latex", testroot="latex-escaping", freshenv=True)
def test_special_characters_print_literally_in_the_pdf(
    app: SphinxTestApp, warning: StringIO
) -> None:
    need_latex()
    app.build()
    # a transcript's text is inert: the LaTeX command prints, and says so
    assert strip_escape_sequences(warning.getvalue()).splitlines() == [
        f"{app.srcdir / 'index.rst'}:8: WARNING: a LaTeX command ('\\textbf') in a transcript "
        "is shown as written, not run [transcript.markup]"
    ]
    run = latexmk(Path(app.outdir), "escaping.tex")
    pdf = Path(app.outdir, "escaping.pdf")
    assert run.returncode == 0 and pdf.is_file(), run.stdout[-3000:]
    text = " ".join(pdf_text(pdf).split())
    # the turn's address (the name's id: ASCII, no special character) between them
    assert re.search(re.escape(f"{NAME} HOST ") + r"(#[a-z0-9-]+ )?" + re.escape(TURN), text), text
    # The glossary link and the URL are live links: a jump to the anchor
    # hyperref set at the glossary entry (the .aux names it) and a URI action.
    aux = Path(app.outdir, "escaping.aux").read_text(encoding="utf-8")
    # \newlabel{name}{{number}{page}{title}{anchor}{}}: the anchor is the
    # last but one group (the title may hold nested braces).
    anchor = re.search(r"^\\newlabel\{glossary:term-dialogue\}.*\{([^{}]+)\}\{\}\}$", aux, re.M)
    assert anchor, "the glossary term has no label"
    raw = pdf.read_bytes()
    goto = rb"/S\s*/GoTo\s*/D\s*\(" + re.escape(anchor[1].encode()) + rb"\)"
    assert re.search(goto, raw), "no link to the glossary term"
    assert b"/URI(https://example.org/escaping)" in raw.replace(b" ", b"")


@pytest.mark.sphinx("html", testroot="latex-escaping", freshenv=True)
def test_special_characters_print_literally_in_html(
    app: SphinxTestApp, warning: StringIO
) -> None:
    app.build()
    assert "[transcript.markup]" in warning.getvalue()
    page = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert f'<span class="transcript-speaker">{html.escape(NAME, quote=False)}</span>' in page
    assert html.escape(TURN, quote=False) in page


# -- without LaTeX -------------------------------------------------------------

def test_missing_latex_is_reported_with_the_apt_get_command(tmp_path: Path) -> None:
    # A PATH with a shell and grep but no TeX, poppler or fonts.
    bare = tmp_path / "bin"
    bare.mkdir()
    for tool in ("bash", "grep"):
        (bare / tool).symlink_to(shutil.which(tool) or f"/bin/{tool}")
    (bare / "fc-list").write_text("#!/bin/sh\nexit 0\n")
    (bare / "fc-list").chmod(0o755)
    run = subprocess.run(
        [str(bare / "bash"), str(ROOT / ".ci" / "system-deps"), "--check", "latex"],
        env={"PATH": str(bare)}, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 1
    assert "missing: latexmk lualatex pdftotext pdftoppm" in run.stderr
    command = re.search(
        r"sudo apt-get update && sudo apt-get install -y --no-install-recommends (.+)", run.stderr
    )
    assert command, run.stderr
    packages = command[1].split()
    for package in ("latexmk", "texlive-luatex", "texlive-latex-extra", "texlive-lang-german", "fonts-noto-core",
                    "fonts-noto-color-emoji", "fonts-dejavu-core", "poppler-utils"):
        assert package in packages


def page_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number),
                           str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> list[str]:
    return pdf_text(pdf).split("\f")


def look_at(pdf: Path, first: int, last: int, name: str) -> None:
    """PNGs of some pages, to be looked at (_build/screenshots/pdf-*.png)."""
    if shutil.which("pdftoppm"):
        shots = ROOT / "_build" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(first), "-l", str(last), str(pdf),
                        str(shots / f"pdf-{name}")], check=True)


def test_the_books_first_page_is_its_title_description_and_people(site_pdf: BuiltPDF) -> None:
    look_at(site_pdf.pdf, 1, 3, "title")
    first = " ".join(page_text(site_pdf.pdf, 1).split())
    assert first.startswith("Practitioners' Conversations")
    assert "Interviews, podcast transcripts and essays by people who build deep learning tools" in first
    for name in ("Sanyam Bhutani", "Eli Stevens", "Luca Antiga", "Thomas Viehmann", "Sylvain Gugger",
                 "Derrick Mwiti", "Aritra Roy Gosthipaty"):
        assert name in first
    # no date, and the contents right after it: no blank page between
    assert not re.search(r"\b20\d\d\b", first)
    assert page_text(site_pdf.pdf, 2).split()[0] == "CONTENTS"


def test_the_publisher_reference_is_not_in_the_readers_book(site_pdf: BuiltPDF) -> None:
    assert "Reference for publishers" not in site_pdf.text
    # its warning types and option names
    for word in ("transcript.media", ":speaker-map:", "autoglossary_density"):
        assert word not in site_pdf.text


def test_the_index_lists_people_and_terms_in_the_text_face(site_pdf: BuiltPDF) -> None:
    index_page = max(i for i, text in enumerate(pages(site_pdf.pdf), 1) if text.strip().startswith("INDEX")
                     or "\nINDEX\n" in text)
    look_at(site_pdf.pdf, index_page, index_page, "index")
    index = " ".join(" ".join(pages(site_pdf.pdf)[index_page - 1:]).split())
    for person in ("Stevens, Eli", "Bhutani, Sanyam", "Gugger, Sylvain", "Gosthipaty, Aritra Roy"):
        assert person in index
    assert "PyTorch" in index and "Kaggle" in index
    fonts = subprocess.run(["pdffonts", "-f", str(index_page), "-l", str(index_page), str(site_pdf.pdf)],
                           capture_output=True, text=True, check=True).stdout
    assert "Mono" not in fonts, fonts


def test_running_heads_name_the_text_and_each_interview_opens_with_its_people(
    site_pdf: BuiltPDF,
) -> None:
    texts = pages(site_pdf.pdf)
    title = "The Authors of Deep Learning with PyTorch in Conversation"
    inside = [text for text in texts if text.lstrip().startswith(title)]
    # every page of the 49-minute interview but its first carries its title in the head
    assert len(inside) > 10
    assert any(text.lstrip().startswith("Sylvain Gugger on fast.ai") for text in texts)
    flat = " ".join(site_pdf.text.split())
    assert ("With Sanyam Bhutani (host), Eli Stevens (guest), Luca Antiga (guest), "
            "Thomas Viehmann (guest)") in flat
    assert "With Derrick Mwiti (host), Aritra Roy Gosthipaty (guest)" in flat

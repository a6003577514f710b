"""One cleaning for all text, after decoding: control characters a format's
escapes spell (JSON's ``\\u001b``, TOML's ``\\u0007``) are removed with a
located warning, like those written into a file, so the HTML, the EPUB, the
PDF and the exports are always well-formed.

A project whose Podcasting 2.0 JSON transcript, chapters file and registry
spell control characters, a UTF-16 surrogate half and a noncharacter as
escapes, and a speaker label with blank lines and a carriage return in it, is
built as HTML, EPUB and LaTeX; the parts are tested on their own below.
"""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import latexmk, need_latex
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts import source
from sphinx_transcripts.model import Paragraph, Transcript, Turn
from sphinx_transcripts.people.registry import parse_registry
from sphinx_transcripts.readers import FORMATS, ParseContext, chapters

#: what must never reach an output file: the characters the cleaning removes
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

SEGMENTS = [
    {"speaker": "Ada Host", "startTime": 0, "endTime": 2.5,
     "body": "Colours \u001b[31mred\u001b[0m and a bell\u0007 in one line."},
    {"speaker": "Bo\r\n\r\nGuest", "startTime": 2.5, "endTime": 5,
     "body": "A lone \ud800 half, and \uffff, no character at all."},
    {"speaker": "Ada Host", "startTime": 5, "endTime": 7, "body": "Clean words to end with."},
]
CHAPTERS = {"version": "1.2.0", "chapters": [
    {"startTime": 0, "title": "The \u001b[1mopening\u001b[0m"},
    {"startTime": 5, "title": "The end"},
]}
REGISTRY = textwrap.dedent("""\
    [[speaker]]
    name = "Ada\\u0007 Host"
    bio = "Asks\\u001b[1m the questions."
    aliases = ["Ada\\u001b"]

    [[speaker]]
    name = "Bo Guest"
    bio = "Answers them."
    """)


def json_lines(document: dict[str, Any]) -> str:
    """JSON with each segment or chapter on a line of its own, escapes as escapes."""
    key = "segments" if "segments" in document else "chapters"
    body = ",\n".join("    " + json.dumps(item) for item in document[key])
    return f'{{"version": "{document["version"]}", "{key}": [\n{body}\n]}}\n'


def make_root(srcdir: Path) -> None:
    (srcdir / "transcripts").mkdir(parents=True)
    (srcdir / "transcripts" / "ep.json").write_text(
        json_lines({"version": "1.0.0", "segments": SEGMENTS}), encoding="utf-8")
    (srcdir / "transcripts" / "ep.chapters.json").write_text(json_lines(CHAPTERS), encoding="utf-8")
    (srcdir / "speakers.toml").write_text(REGISTRY, encoding="utf-8")
    (srcdir / "conf.py").write_text(textwrap.dedent("""\
        extensions = ["myst_parser", "sphinx_design", "sphinx_transcripts"]
        project = "Escapes"
        copyright = "the tests"
        author = "the tests"
        exclude_patterns = ["transcripts"]
        nitpicky = True
        transcripts_speakers = "speakers.toml"
        latex_engine = "lualatex"
        latex_use_xindy = False
        latex_documents = [("index", "escapes.tex", project, "tests", "howto")]
        latex_elements = {"fontpkg": r"\\setmainfont{Noto Serif}\\setsansfont{Noto Sans}"
                                     r"\\setmonofont{DejaVu Sans Mono}"}
        """), encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Escapes\n\n```{toctree}\nepisode\npeople\n```\n", encoding="utf-8")
    (srcdir / "people.md").write_text("# People\n\n```{people}\n```\n", encoding="utf-8")
    (srcdir / "episode.md").write_text(textwrap.dedent("""\
        # Episode

        ```{transcript} transcripts/ep.json
        :host: Ada Host
        :guests: Bo Guest
        :chapters: transcripts/ep.chapters.json
        ```
        """), encoding="utf-8")


def build(srcdir: Path, builder: str) -> SphinxTestApp:
    app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escapes") / "src"
    make_root(root)
    return root


@pytest.fixture(scope="module")
def html(srcdir: Path) -> SphinxTestApp:
    return build(srcdir, "html")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def test_each_escaped_control_character_is_a_warning_at_its_line(html: SphinxTestApp, srcdir: Path) -> None:
    ep, marks, registry = (srcdir / "transcripts" / "ep.json", srcdir / "transcripts" / "ep.chapters.json",
                           srcdir / "speakers.toml")
    warnings = strip_escape_sequences(html.warning.getvalue()).splitlines()
    assert sorted(warnings) == sorted([
        f"{registry}:2: WARNING: 1 control character(s) (U+0007) removed [transcript.encoding]",
        f"{registry}:3: WARNING: 1 control character(s) (U+001B) removed [transcript.encoding]",
        f"{registry}:4: WARNING: 1 control character(s) (U+001B) removed [transcript.encoding]",
        f"{ep}:{line_of(ep, 'Colours')}: WARNING: 3 control character(s) (U+0007, U+001B) removed "
        "[transcript.encoding]",
        f"{ep}:{line_of(ep, 'A lone')}: WARNING: 2 control character(s) (U+D800, U+FFFF) removed "
        "[transcript.encoding]",
        f"{marks}:{line_of(marks, 'opening')}: WARNING: 2 control character(s) (U+001B) removed "
        "[transcript.encoding]",
    ])


def test_no_control_character_reaches_a_page_or_an_export(html: SphinxTestApp) -> None:
    outdir = Path(html.outdir)
    written = [p for p in outdir.rglob("*") if p.suffix in (".html", ".vtt", ".srt", ".json")]
    assert {p.name for p in written} >= {"episode.html", "people.html", "episode.vtt", "episode.srt",
                                         "episode.json", "episode.chapters.json"}
    for path in written:
        assert not CONTROL.search(path.read_text(encoding="utf-8")), path.name
    page = (outdir / "episode.html").read_text(encoding="utf-8")
    assert "Colours [31mred[0m and a bell in one line." in page
    assert "The [1mopening[0m" in page
    assert "Bo Guest" in page and "Answers them." in (outdir / "people.html").read_text(encoding="utf-8")
    # the registry's name, cleaned, is the one :host: names: its bio is on the people page
    assert "Asks[1m the questions." in (outdir / "people.html").read_text(encoding="utf-8")
    vtt = (outdir / "episode.vtt").read_text(encoding="utf-8")
    assert "<v Bo Guest>A lone half, and , no character at all." in vtt


def test_the_epub_is_well_formed_xml(srcdir: Path) -> None:
    epub = build(srcdir, "epub")
    book = next(Path(epub.outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        pages = [name for name in archive.namelist() if name.endswith(".xhtml")]
        assert any("episode" in name for name in pages)
        for name in pages:
            ElementTree.fromstring(archive.read(name))  # raises on a page that is not well-formed
        assert "Colours [31mred[0m" in archive.read("episode.xhtml").decode("utf-8")


@pytest.fixture(scope="module")
def latex(srcdir: Path) -> SphinxTestApp:
    return build(srcdir, "latex")


def test_no_control_character_reaches_the_latex(latex: SphinxTestApp) -> None:
    tex = (Path(latex.outdir) / "escapes.tex").read_text(encoding="utf-8")
    assert "Colours {[}31mred{[}0m and a bell in one line." in tex
    assert not CONTROL.search(tex)


def test_the_pdf_is_made(latex: SphinxTestApp) -> None:
    """latexmk stops at a control character ("Text line contains an invalid character")."""
    need_latex()
    run = latexmk(Path(latex.outdir), "escapes.tex")
    assert run.returncode == 0, run.stdout[-3000:]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(Path(latex.outdir) / "escapes.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Clean words to end with." in text


# -- the parts ---------------------------------------------------------------------------------

CONTEXT = ParseContext()


@pytest.mark.parametrize(("fmt", "text"), [
    ("podcast-json", json.dumps({"segments": [{"speaker": "A\u0007", "startTime": 1, "body": "x\u001by"}]})),
    ("whisper-json", json.dumps({"segments": [{"start": 1, "end": 2, "text": "x\u001by \u0007"}]})),
    ("webvtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>x&#27;y\n"),  # references decode to nothing
])
def test_a_format_that_decodes_escapes_gives_no_control_character(fmt: str, text: str) -> None:
    parsed = source.clean_transcript(FORMATS[fmt].parse(text.split("\n"), 1, CONTEXT))
    words = " ".join(p.text for t in parsed.turns for p in t.paragraphs)
    assert "xy" in words and not CONTROL.search(words + "".join(t.label for t in parsed.turns))
    removed = [p for p in parsed.problems if p.kind == "encoding"]
    assert all("control character(s)" in p.message and p.lineno == 1 for p in removed)
    assert bool(removed) == (fmt != "webvtt")


def test_a_line_of_control_characters_only_is_gone_and_a_paragraph_of_them_too() -> None:
    paragraphs = (Paragraph(3, ("one", "\u001b\u0007", "two")), Paragraph(6, ("\u0000",)))
    cleaned = source.clean_transcript(Transcript((), (Turn("A", 3, paragraphs, "A"),)))
    (turn,) = cleaned.turns
    assert turn.paragraphs == (Paragraph(3, ("one", "two"), linenos=(3, 5)),)
    assert [(p.lineno, p.message) for p in cleaned.problems] == [
        (4, "2 control character(s) (U+0007, U+001B) removed"), (6, "1 control character(s) (U+0000) removed")]


def test_a_label_is_one_line() -> None:
    turn = Turn("Bo\r\n\r\nGuest\u2028(he/him)", 1, (Paragraph(1, ("Hi.",)),))
    assert source.clean_transcript(Transcript((), (turn,))).turns[0].label == "Bo Guest (he/him)"


def test_a_clean_transcript_is_returned_as_it_is() -> None:
    transcript = Transcript((), (Turn("A", 1, (Paragraph(1, ("Hi\tthere.",)),)),))
    assert source.clean_transcript(transcript) is transcript


def test_chapter_titles_are_cleaned_at_their_line() -> None:
    found, problems = chapters.read(json_lines(CHAPTERS).split("\n"), ".json")
    assert [c.title for c in found] == ["The [1mopening[0m", "The end"]
    assert [(p.lineno, p.kind) for p in problems] == [(2, "encoding")]


def test_the_registry_fields_are_cleaned_at_their_line() -> None:
    registry, problems = parse_registry(REGISTRY)
    ada = registry.get("Ada Host")
    assert ada is not None and ada.bio == "Asks[1m the questions." and ada.aliases == ("Ada",)
    assert [(p.lineno, p.kind) for p in problems] == [(2, "encoding"), (3, "encoding"), (4, "encoding")]
    multiline, _ = parse_registry('[[speaker]]\nname = "Ada\\n\\nHost"\n')
    assert [s.name for s in multiline] == ["Ada Host"]

"""Chapters: read from Podcasting 2.0 JSON or WebVTT chapters files, or
marked in a transcript's text, and shown as real sections of the page."""

from __future__ import annotations

import json
import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fixtures import FIXTURES
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.dialogue import chapters as placing
from sphinx_transcripts.model import Chapter, Transcript, Turn
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.people.labels import LabelTable
from sphinx_transcripts.readers import FORMATS, ParseContext, chapters
from sphinx_transcripts.writers import chapters_json

CHAPTERS = {
    "version": "1.2.0",
    "chapters": [
        {"startTime": 0, "title": "Welcome"},
        {"startTime": 15.2, "title": "Fog with a chair", "url": "https://example.org/fog"},
        {"startTime": 50, "title": "A silent marker", "toc": False},
        {"startTime": 85.6, "title": "fastai or PyTorch"},
    ],
}

VTT_CHAPTERS = """\
WEBVTT

00:00:00.000 --> 00:00:15.200
Welcome

00:00:15.200 --> 00:01:25.600
Fog with a chair

00:01:25.600 --> 00:01:56.500
fastai or PyTorch
"""


def turns_at(*starts: float) -> tuple[Turn, ...]:
    return tuple(Turn("A", n, (), "A", start=s, end=s + 1) for n, s in enumerate(starts, 1))


# -- reading ---------------------------------------------------------------------------


def test_podcasting_json_chapters_are_read_with_their_lines() -> None:
    text = json.dumps(CHAPTERS, indent=2)
    found, problems = chapters.read(text.splitlines(), ".json")
    assert problems == []
    assert [(c.start, c.title, c.toc) for c in found] == [
        (0.0, "Welcome", True), (15.2, "Fog with a chair", True),
        (50.0, "A silent marker", False), (85.6, "fastai or PyTorch", True),
    ]
    assert found[1].url == "https://example.org/fog"
    lines = text.splitlines()
    assert [lines[c.lineno - 1].strip() for c in found] == ["{"] * 4


def test_webvtt_chapters_are_read() -> None:
    found, problems = chapters.read(VTT_CHAPTERS.splitlines(), ".vtt")
    assert problems == []
    assert [(c.start, c.title, c.lineno) for c in found] == [
        (0.0, "Welcome", 4), (15.2, "Fog with a chair", 7), (85.6, "fastai or PyTorch", 10),
    ]


@pytest.mark.parametrize(("item", "message"), [
    ({"title": "No time"},
     'chapter 2 (\'No time\') has no valid "startTime" (seconds from the start of the episode); '
     "it is not shown"),
    ({"startTime": 3},
     'chapter 2 has no "title"; it is not shown (a chapter without a title is a silent one: '
     '"toc": false)'),
    ({"startTime": 3, "title": "X", "url": "javascript:alert(1)"},
     'chapter 2 (\'X\'): "url" must be an http or https URL; it is left out'),
    ("nope", "chapter 2 is not an object ({...}); it is not shown"),
])
def test_bad_chapters_are_located_problems(item: object, message: str) -> None:
    text = json.dumps({"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A"}, item]},
                      indent=1)
    found, problems = chapters.read(text.splitlines(), ".json")
    assert [p.message for p in problems] == [message]
    lineno = problems[0].lineno
    assert text.splitlines()[lineno - 1].strip().startswith(("{", '"nope"'))
    assert found[0].title == "A"


def test_a_silent_chapter_needs_no_title() -> None:
    """Podcasting 2.0: only "startTime" is required; a "toc": false chapter
    without a title (a location, an image) is valid: kept for the feed,
    not shown, and no problem."""
    text = json.dumps({"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "A"},
        {"startTime": 40, "img": "https://example.org/paris.jpg", "toc": False,
         "location": {"name": "Paris", "geo": "geo:48.85,2.29"}},
    ]}, indent=1)
    found, problems = chapters.read(text.splitlines(), ".json")
    assert problems == []
    assert [(c.start, c.title, c.toc) for c in found] == [(0.0, "A", True), (40.0, "", False)]
    placed, trouble = placing.place(Transcript((), turns_at(0, 30, 60), (), tuple(found)))
    assert [p.chapter.title for p in placed] == ["A"] and trouble == []
    written = json.loads(chapters_json.write(Transcript((), turns_at(0, 30, 60), (), tuple(found))))
    assert written["chapters"][1] == {"startTime": 40, "img": "https://example.org/paris.jpg", "toc": False}


def test_a_comma_after_the_last_member_is_named_at_its_line() -> None:
    text = '{"chapters": [\n  {"startTime": 0,\n   "title": "A",\n  }\n]}'
    found, problems = chapters.read(text.splitlines(), ".json")
    assert found == []
    assert [(p.lineno, p.message) for p in problems] == [(3, (
        "the chapters file is not valid JSON: a comma after the last member of an object (JSON allows "
        "none before '}'): take it out"))]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 400])
def test_a_start_that_is_no_finite_number_is_a_located_problem(number: str) -> None:
    """Python's JSON reader accepts NaN and Infinity, and reads 1e400 as infinity."""
    text = '{"chapters": [\n{"startTime": 0, "title": "A"},\n{"startTime": %s, "title": "B", "endTime": %s}\n]}'
    found, problems = chapters.read((text % (number, number)).splitlines(), ".json")
    assert [(p.lineno, p.message) for p in problems] == [
        (3, 'chapter 2 (\'B\') has no valid "startTime" (seconds from the start of the episode); '
            "it is not shown")]
    assert [(c.start, c.title, c.end) for c in found] == [(0.0, "A", None)]


def test_a_file_that_is_not_chapters_says_so() -> None:
    found, problems = chapters.read(['{"segments": []}'], ".json")
    assert found == [] and [p.lineno for p in problems] == [1]
    assert "chapters" in problems[0].message


# -- placing ---------------------------------------------------------------------------


def test_a_chapter_goes_before_the_first_turn_at_or_after_its_start() -> None:
    transcript = Transcript((), turns_at(0, 10, 20, 30), (), (
        Chapter(0, "A", 1), Chapter(12, "B", 2), Chapter(19.8, "C", 3), Chapter(25, "hidden", 4, toc=False),
    ))
    placed, problems = placing.place(transcript)
    assert [(p.chapter.title, p.turn) for p in placed] == [("A", 0), ("B", 2), ("C", 2)]
    assert problems == []


def test_a_chapter_past_the_end_or_out_of_order_is_a_problem_at_its_line() -> None:
    transcript = Transcript((), turns_at(0, 10), (), (Chapter(5, "B", 7), Chapter(1, "A", 9),
                                                       Chapter(99, "Z", 11)))
    placed, problems = placing.place(transcript)
    assert [(p.chapter.title, p.turn) for p in placed] == [("A", 1), ("B", 1)]
    assert [(p.lineno, p.message) for p in problems] == [
        (9, "chapter 2 ('A') starts (1 s) before the chapter above it (5 s); it is shown in time order"),
        (11, "chapter 3 ('Z') starts (99 s) after the transcript ends (11 s); it is not shown"),
    ]


def test_chapters_marked_in_a_labeled_transcript() -> None:
    text = "Intro.\n\n[chapter] Beginnings\nAda: Hi.\n\nMore.\n[Chapter 1:02] Later on\nStill Ada.\nBo: Yes."
    labels = LabelTable({"Ada": "Ada", "Bo": "Bo"})
    parsed = casting.resolve(FORMATS["labeled"].parse(text.split("\n"), 1, ParseContext(labels)),
                             casting.Cast(labels, {}, {}))
    assert [(c.title, c.start, c.turn, c.lineno) for c in parsed.chapters] == [
        ("Beginnings", 0.0, 0, 3), ("Later on", 62.0, 1, 7),
    ]
    # a chapter inside a turn: the turn goes on, as a turn of its own, after the title
    assert [(t.speaker, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("Ada", ["Hi.", "More."]), ("Ada", ["Still Ada."]), ("Bo", ["Yes."]),
    ]
    placed, problems = placing.place(parsed)
    assert [(p.chapter.title, p.turn) for p in placed] == [("Beginnings", 0), ("Later on", 1)]


# -- on the page -------------------------------------------------------------------------


def make_root(srcdir: Path) -> None:
    (srcdir / "transcripts").mkdir(parents=True)
    (srcdir / "transcripts" / "ep.vtt").write_text(
        (FIXTURES / "webvtt-voices.vtt").read_text(encoding="utf-8"), encoding="utf-8")
    doc = dict(CHAPTERS)
    doc["chapters"] = [*CHAPTERS["chapters"], {"startTime": 900, "title": "Past the end"}]
    (srcdir / "transcripts" / "ep.chapters.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    (srcdir / "transcripts" / "talk.txt").write_text(
        "Ada: Hello.\n\n[chapter] The middle\nBo: Hi.\n\n[chapter] The end\nAda: Bye.\n", encoding="utf-8")
    (srcdir / "conf.py").write_text(textwrap.dedent("""\
        extensions = ["myst_parser", "sphinx_transcripts"]
        project = "Chapters"
        exclude_patterns = ["transcripts"]
        nitpicky = True
        latex_documents = [("index", "chapters.tex", project, "tests", "manual")]
        """), encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Chapters\n\n```{toctree}\nepisode\ntalk\n```\n", encoding="utf-8")
    (srcdir / "episode.md").write_text(textwrap.dedent("""\
        # Episode 42

        ```{transcript} transcripts/ep.vtt
        :host: Maya Okafor, Priya Raman
        :guests: Daniel Reyes
        :chapters: transcripts/ep.chapters.json
        :audio: https://example.org/ep42.mp3
        ```
        """), encoding="utf-8")
    (srcdir / "talk.md").write_text(textwrap.dedent("""\
        # A talk

        ```{transcript} transcripts/talk.txt
        :host: Ada
        :guests: Bo
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
def html(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp("chapters") / "src"
    make_root(srcdir)
    return build(srcdir, "html")


def test_chapters_are_sections_in_the_page_contents(html: SphinxTestApp) -> None:
    page = BeautifulSoup((html.outdir / "episode.html").read_text(encoding="utf-8"), "html.parser")
    titles = [h.get_text().rstrip("#¶") for h in page.select("section.transcript-chapter > h2")]
    assert titles == ["Welcome", "Fog with a chair", "fastai or PyTorch"]
    # each chapter holds the turns from its start on: 2, 5 and 3 turns
    sections = page.select("section.transcript-chapter")
    assert [len(s.select("div.transcript-turn")) for s in sections] == [2, 5, 3]
    assert [s.select_one(".transcript-chapter-time time").get_text() for s in sections] == [
        "0:00", "0:15", "1:25"]
    # with the episode's audio, a chapter's time plays it from there
    assert [s.select_one(".transcript-chapter-time a.transcript-time")["href"] for s in sections] == [
        "https://example.org/ep42.mp3#t=0", "https://example.org/ep42.mp3#t=15.2",
        "https://example.org/ep42.mp3#t=85.6"]
    # turn ids are times, across chapters; the old ones run on by position
    turns = page.select("div.transcript-turn")
    assert [t["id"] for t in turns][:2] == ["t-0m00s", "t-0m07s"]
    assert all(t["id"].startswith("t-") for t in turns)
    assert [t.select_one("span.transcript-alias")["id"] for t in turns] == [
        f"turn-{n}" for n in range(1, 11)]
    toc = html.env.tocs["episode"]
    assert [n.astext() for n in toc.findall(lambda n: n.tagname == "reference")] == [
        "Episode 42", "Welcome", "Fog with a chair", "fastai or PyTorch"]


def test_a_chapter_past_the_end_is_a_located_warning(html: SphinxTestApp) -> None:
    warnings = strip_escape_sequences(html.warning.getvalue()).splitlines()
    path = html.srcdir / "transcripts" / "ep.chapters.json"
    lineno = next(n for n, line in enumerate(path.read_text().splitlines(), 1) if "Past the end" in line) - 2
    assert warnings == [
        f"{path}:{lineno}: WARNING: chapter 5 ('Past the end') starts (900 s) after the transcript ends "
        "(116.5 s); it is not shown [transcript.chapter]"
    ]


def test_chapters_marked_in_the_text_are_sections_too(html: SphinxTestApp) -> None:
    page = BeautifulSoup((html.outdir / "talk.html").read_text(encoding="utf-8"), "html.parser")
    assert [h.get_text().rstrip("#¶") for h in page.select("section > h2")] == ["The middle", "The end"]
    assert "[chapter]" not in page.get_text()


def test_chapters_are_in_the_pdf_contents_and_the_epub_navigation(tmp_path: Path) -> None:
    make_root(tmp_path / "src")
    latex = build(tmp_path / "src", "latex")
    tex = (latex.outdir / "chapters.tex").read_text(encoding="utf-8")
    assert re.search(r"\\section\{Fog with a chair\}", tex)
    assert re.search(r"\\section\{The middle\}", tex)
    epub = build(tmp_path / "src", "epub")
    book = next(epub.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        nav = archive.read("nav.xhtml").decode("utf-8")
    assert "Fog with a chair" in nav and "The middle" in nav


def test_the_chapters_are_published_for_the_feed(html: SphinxTestApp) -> None:
    page = BeautifulSoup((html.outdir / "episode.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for p in page.select("p.transcript-exports") for a in p.select("a")}
    assert links["JSON"] in ("episode.json", "episode.chapters.json")
    chapters_link = page.select("p.transcript-exports")[-1].select_one("a")
    assert chapters_link["type"] == "application/json+chapters"
    data = json.loads((html.outdir / chapters_link["href"]).read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    assert [(c["startTime"], c["title"], c.get("toc", True)) for c in data["chapters"]][:4] == [
        (0.0, "Welcome", True), (15.2, "Fog with a chair", True), (50.0, "A silent marker", False),
        (85.6, "fastai or PyTorch", True)]
    # the links follow the last chapter's turns, inside its section
    assert page.select("section.transcript-chapter")[-1].select("p.transcript-exports")

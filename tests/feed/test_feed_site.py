"""A timed transcript's page publishes the feed files next to itself and links them.

Built through Sphinx from the test episode's exports (the root of
``test_formats_site``, cut down to a few pages, and a page in a folder with
two transcripts): the files exist where the page's links point, in html,
dirhtml and singlehtml; they carry the people's registered names where the
source had diarization labels; an untimed transcript publishes nothing;
the other builders build clean and show nothing of them.  Two transcripts
whose files would have one name in one folder are a warning.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import webvtt
from bs4 import BeautifulSoup
from fixtures import PAGES, PEOPLE, make_root, slug
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

KEPT = ["webvtt-voices.vtt", "whisperx.srt", "diarized.txt"]
#: page -> the stems of its transcripts' files
STEMS = {"webvtt-voices-vtt": ["webvtt-voices-vtt"], "whisperx-srt": ["whisperx-srt"],
         "episodes/ep42": ["ep42", "ep42-t2"], "episodes/named": ["gradient-notes-42"]}
SUFFIXES = {"vtt": "text/vtt", "srt": "application/x-subrip", "json": "application/json"}


def feed_root(srcdir: Path) -> dict[str, object]:
    """The cut-down root; returns the configuration overrides that keep it cut down."""
    make_root(srcdir)
    episodes = srcdir / "episodes"
    episodes.mkdir()
    vtt = "../transcripts/webvtt-voices.vtt"
    (episodes / "ep42.md").write_text(
        f"# Episode 42\n\n```{{transcript}} {vtt}\n{PEOPLE}```\n\n"
        f"And again:\n\n```{{transcript}} ../transcripts/podcast.srt\n{PEOPLE}```\n", encoding="utf-8")
    (episodes / "named.md").write_text(
        f"# Named\n\n```{{transcript}} {vtt}\n{PEOPLE}:name: Gradient Notes 42\n```\n", encoding="utf-8")
    pages = [slug(name) for name in KEPT]
    (srcdir / "index.md").write_text(
        "# Formats\n\n```{toctree}\n" + "\n".join([*pages, "episodes/ep42", "episodes/named", "people"])
        + "\n```\n", encoding="utf-8")
    others = [f"{slug(n)}.md" for n in PAGES if n not in KEPT] + ["glossary.md"]
    return {"exclude_patterns": ["transcripts", *others], "epub_copyright": "2026, tests",
            "version": "1", "autoglossary_scope_classes": []}


def build(tmp_path: Path, builder: str) -> SphinxTestApp:
    overrides = feed_root(tmp_path / "src")
    app = SphinxTestApp(builder, srcdir=tmp_path / "src", freshenv=True, confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module", params=["html", "dirhtml", "singlehtml"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    yield build(tmp_path_factory.mktemp(request.param), request.param)


def page_of(app: SphinxTestApp, docname: str) -> str:
    """The output file that shows ``docname``, relative to the output folder."""
    if app.builder.name == "singlehtml":
        return "index.html"
    if app.builder.name == "dirhtml":
        return f"{docname}/index.html" if docname != "index" else "index.html"
    return f"{docname}.html"


def soup(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    """The page's HTML; of the single page, the part from the document's mark to the next."""
    text = (app.outdir / page_of(app, docname)).read_text(encoding="utf-8")
    if app.builder.name == "singlehtml":
        text = text[text.index(f'id="document-{docname}"'):]
        text = text[:text.find('id="document-', 10)]
    return BeautifulSoup(text, "html.parser")


def links(app: SphinxTestApp, docname: str) -> list[tuple[str, str, str, str]]:
    """(group, label, type, file the link points to) of every feed link on the page."""
    page = page_of(app, docname)
    html = soup(app, docname)
    out = []
    for line in html.select("p.transcript-exports"):
        group = line.get_text().split(":")[0]
        for a in line.select("a"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), a["href"]))
            out.append((group, a.get_text(), a["type"], target))
    return out


def test_it_builds_without_a_warning(built: SphinxTestApp) -> None:
    assert strip_escape_sequences(built.warning.getvalue()) == ""


@pytest.mark.parametrize("docname", STEMS)
def test_the_page_links_its_files_and_they_are_next_to_it(built: SphinxTestApp, docname: str) -> None:
    found = links(built, docname)
    # next to the page: in its output folder (the single page's: its document's folder)
    folder = posixpath.dirname(docname if built.builder.name == "singlehtml" else page_of(built, docname))
    assert found == [("Transcript", suffix.upper(), mime, posixpath.join(folder, f"{stem}.{suffix}"))
                     for stem in STEMS[docname] for suffix, mime in SUFFIXES.items()]
    for *_, target in found:
        assert (built.outdir / target).is_file(), target


def test_the_files_say_what_the_page_says_under_registered_names(built: SphinxTestApp) -> None:
    target = {label: path for _, label, _, path in links(built, "whisperx-srt")}
    vtt = (built.outdir / target["VTT"]).read_text(encoding="utf-8")
    srt = (built.outdir / target["SRT"]).read_text(encoding="utf-8")
    json = (built.outdir / target["JSON"]).read_text(encoding="utf-8")
    for text in (vtt, srt, json):
        assert "SPEAKER_0" not in text
    assert "Maya Okafor: Welcome back" in srt and '"speaker": "Daniel Reyes"' in json
    page = soup(built, "whisperx-srt")
    shown = [(s.get_text(), float(t["data-start"]))
             for t in page.select("div.transcript-turn") for s in t.select(".transcript-speaker")[:1]]
    voices = [(c.voice, c.start_time.in_milliseconds() / 1000) for c in webvtt.from_buffer(io.StringIO(vtt))]
    assert voices == shown


def test_an_untimed_transcript_publishes_nothing(built: SphinxTestApp) -> None:
    assert links(built, "diarized-txt") == []
    assert not list(built.outdir.rglob("diarized-txt*.vtt"))


@pytest.mark.parametrize("builder", ["epub", "text", "man", "texinfo", "latex"])
def test_other_builders_build_clean_and_show_no_feed_files(tmp_path: Path, builder: str) -> None:
    app = build(tmp_path, builder)
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    for suffix in ("vtt", "srt", "json"):
        assert not [p for p in app.outdir.rglob(f"*.{suffix}") if ".doctrees" not in p.parts], suffix
    written = [p for p in app.outdir.rglob("*") if p.is_file() and p.suffix in (".txt", ".1", ".texi", ".tex", ".xhtml")]
    assert written
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "Transcript:" not in text, path
        assert not [stem for stems in STEMS.values() for stem in stems if f"{stem}.srt" in text], path
    if builder == "epub":
        book = next(app.outdir.glob("*.epub"))
        with zipfile.ZipFile(book) as epub:
            assert not [n for n in epub.namelist() if n.endswith((".vtt", ".srt", ".json"))]


# -- two transcripts whose files (or anchors) would have one name ---------------------------

CLASHING = """# {title}

```{{transcript}}
:format: webvtt
:host: Ada Host
:name: {name}

WEBVTT

00:00:01.000 --> 00:00:03.000
<v Ada Host>A line of {title}.
```
"""


def test_feed_files_of_one_name_in_one_folder_are_a_warning_at_the_later_transcript(
    tmp_path: Path,
) -> None:
    src = tmp_path / "src"
    (src / "episodes").mkdir(parents=True)
    (src / "other").mkdir()
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx_transcripts']\n", encoding="utf-8")
    pages = {
        "episodes/a": CLASHING.format(title="A", name="shared"),
        # another spelling of the same file name
        "episodes/b": CLASHING.format(title="B", name="Shared"),
        # the same name in another folder: other files
        "other/c": CLASHING.format(title="C", name="shared"),
        # twice on one page
        "episodes/d": CLASHING.format(title="D", name="twice")
        + CLASHING.format(title="D again", name="twice").replace("# D again", "## D again"),
    }
    for docname, text in pages.items():
        (src / f"{docname}.md").write_text(text, encoding="utf-8")
    (src / "index.md").write_text(
        "# Clashes\n\n```{toctree}\n" + "\n".join(pages) + "\n```\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    d_lines = pages["episodes/d"].splitlines()
    second = d_lines.index("```{transcript}", d_lines.index("```{transcript}") + 1) + 1
    advice = "one would overwrite the other; give one of them another :name: [transcript.feed]"
    assert strip_escape_sequences(app.warning.getvalue()).splitlines() == [
        # while the page is read: the turns' anchors are the same too
        f"{src / 'episodes/d.md'}:{second}: WARNING: the transcript at line 3 of this page has "
        "the same turn anchors (#twice-turn-1…): links to its turns would reach one of them "
        "only; give this one another :name: [transcript.option]",
        f"{src / 'episodes/b.md'}:3: WARNING: the feed files of this transcript "
        "(episodes/shared.vtt and the others named 'shared') are those of a transcript "
        f"on page 'episodes/a' (line 3) too: {advice}",
        f"{src / 'episodes/d.md'}:{second}: WARNING: the feed files of this transcript "
        "(episodes/twice.vtt and the others named 'twice') are those of a transcript "
        f"on this page (line 3) too: {advice}",
    ]

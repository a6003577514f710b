"""A transcript file is never a page of its own: a Markdown transcript in a
MyST project is taken out of the documents, with no ``exclude_patterns``,
in a first build and in incremental ones (:mod:`sphinx_transcripts.transcript_files`)."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

from fixtures import FIXTURES
from sphinx.testing.util import SphinxTestApp

CONF = textwrap.dedent("""\
    extensions = ["myst_parser", "sphinx_transcripts"]
    project = "Sources"
    """)
PAGE = "# {title}\n\n```{{transcript}} {path}\n:host: Maya Okafor, Priya Raman\n:guests: Daniel Reyes\n```\n"
RST_PAGE = ("Rest\n====\n\n.. transcript:: {path}\n   :host: Maya Okafor, Priya Raman\n"
            "   :guests: Daniel Reyes\n")


def project(src: Path) -> Path:
    (src / "episodes" / "transcripts").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Index\n\n```{toctree}\nepisodes/one\nepisodes/two\nrest\n```\n",
                                  encoding="utf-8")
    shutil.copyfile(FIXTURES / "changelog.md", src / "episodes" / "transcripts" / "one.md")
    shutil.copyfile(FIXTURES / "rev-archive.md", src / "episodes" / "transcripts" / "two.md")
    (src / "episodes" / "one.md").write_text(PAGE.format(title="One", path="transcripts/one.md"),
                                             encoding="utf-8")
    # a path from the source directory, and a longer fence
    (src / "episodes" / "two.md").write_text(
        PAGE.format(title="Two", path="/episodes/transcripts/two.md").replace("```", "````"),
        encoding="utf-8")
    (src / "rest.rst").write_text(RST_PAGE.format(path="episodes/transcripts/one.md"), encoding="utf-8")
    return src


def build(src: Path) -> tuple[SphinxTestApp, list[str]]:
    """Build on the saved environment; the app and the documents read."""
    read: list[str] = []
    app = SphinxTestApp("html", srcdir=src, freshenv=False)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app, sorted(read)


def touch(path: Path) -> None:
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))


def test_markdown_transcripts_are_read_by_their_pages_and_are_no_pages(tmp_path: Path) -> None:
    app, read = build(project(tmp_path / "src"))
    assert read == ["episodes/one", "episodes/two", "index", "rest"]
    assert not (app.outdir / "episodes" / "transcripts").exists()
    assert set(app.env.all_docs) == {"episodes/one", "episodes/two", "index", "rest"}
    for page in ("episodes/one", "episodes/two", "rest"):
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert html.count('class="transcript-turn ') == 10, page


def test_a_second_build_reads_nothing_and_an_edited_transcript_its_pages(tmp_path: Path) -> None:
    src = project(tmp_path / "src")
    build(src)
    assert build(src)[1] == []
    touch(src / "episodes" / "transcripts" / "one.md")
    app, read = build(src)
    assert read == ["episodes/one", "rest"]
    assert "episodes/transcripts/one" not in app.env.all_docs


def test_a_markdown_file_that_was_a_page_stops_being_one_when_a_page_reads_it(tmp_path: Path) -> None:
    src = project(tmp_path / "src")
    for page in ("episodes/two.md", "rest.rst"):
        (src / page).unlink()
    (src / "index.md").write_text("# Index\n\n```{toctree}\nepisodes/one\nepisodes/notes\n```\n",
                                  encoding="utf-8")
    (src / "episodes" / "one.md").write_text("# One\n\nNo transcript yet.\n", encoding="utf-8")
    (src / "episodes" / "notes.md").write_text("# Notes\n\nA page.\n", encoding="utf-8")
    (src / "episodes" / "transcripts" / "two.md").unlink()
    shutil.move(src / "episodes" / "transcripts" / "one.md", src / "episodes" / "notes-one.md")
    app, _ = build_allowing_warnings(src)
    assert "episodes/notes-one" in app.env.all_docs  # a page, and not in a toctree
    (src / "episodes" / "one.md").write_text(PAGE.format(title="One", path="notes-one.md"),
                                             encoding="utf-8")
    app, read = build(src)
    assert read == ["episodes/one"]
    assert "episodes/notes-one" not in app.env.all_docs
    assert "episodes/notes-one" not in app.env.found_docs


def build_allowing_warnings(src: Path) -> tuple[SphinxTestApp, str]:
    app = SphinxTestApp("html", srcdir=src, freshenv=False)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, app.warning.getvalue()

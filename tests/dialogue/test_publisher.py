"""Transcripts as a new publisher writes them: aliases, messy text, markup.

test-publisher is built once, warnings not fatal; each page is one case.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences


@pytest.fixture(scope="module")
def app(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    srcdir = tmp_path_factory.mktemp("publisher") / "src"
    shutil.copytree(rootdir / "test-publisher", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    yield app


def warnings_of(app: SphinxTestApp) -> list[str]:
    return strip_escape_sequences(app.warning.getvalue()).splitlines()


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def turns(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("div.transcript-turn")


def who(turn: Tag) -> tuple[str, str]:
    """(speaker, role) shown in a turn's header."""
    header = turn.select_one(".transcript-turn-header")
    return (
        header.select_one(".transcript-speaker").get_text(),
        header.select_one(".transcript-role").get_text(),
    )


def test_qa_host_and_guest_given_by_alias_are_the_registered_people(app: SphinxTestApp) -> None:
    found = turns(page(app, "qa-alias"))
    assert [who(t) for t in found] == [
        ("Derrick Mwiti", "host"),
        ("Aritra Roy Gosthipaty", "guest"),
    ]
    assert not [w for w in warnings_of(app) if "qa-alias" in w]


def test_html_like_text_in_a_transcript_is_shown_as_written_not_run(app: SphinxTestApp) -> None:
    """A transcript is text: "<laughs>" is read, "<script>" is not executed."""
    soup = page(app, "angle-brackets")
    found = turns(soup)
    assert "Ready? <laughs> Let" in found[0].get_text()
    text = " ".join(found[1].get_text().split())
    assert 'Ask questions <b>early</b>. <script>alert(1)</script>' in text
    dialogue = soup.select_one("div.transcript")
    assert dialogue.select("script, b, laughs") == []


def test_html_like_text_reaches_the_plain_text_output(
    rootdir: Path, tmp_path: Path
) -> None:
    shutil.copytree(rootdir / "test-publisher", tmp_path / "src")
    text_app = SphinxTestApp("text", srcdir=tmp_path / "src", freshenv=True)
    try:
        text_app.build()
    finally:
        text_app.cleanup()
    text = (text_app.outdir / "angle-brackets.txt").read_text(encoding="utf-8")
    assert "<laughs>" in text and "<b>early</b>" in text and "<script>" in text


def test_indented_lines_are_text_not_code_or_quotes(app: SphinxTestApp) -> None:
    found = turns(page(app, "indented"))
    assert [who(t)[0] for t in found] == ["Derrick Mwiti", "Aritra Roy Gosthipaty"]
    for turn in found:
        assert turn.select("pre, blockquote, dl") == []
    assert [" ".join(p.get_text().split()) for p in found[0].select("p")] == [
        "First question.", "Tabbed paragraph of the same turn.",
    ]
    assert [" ".join(p.get_text().split()) for p in found[1].select("p")] == [
        "An answer with a deeply indented second line.", "And an indented paragraph.",
    ]


def located(app: SphinxTestApp, name: str, start: str) -> str:
    """``<page>:<line>`` of the first line of a page starting with ``start``."""
    path = app.srcdir / f"{name}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    return f"{path}:{next(n for n, line in enumerate(lines, 1) if line.startswith(start))}"


def test_a_misspelt_guest_is_named_and_a_registered_spelling_suggested(app: SphinxTestApp) -> None:
    """One message, the cause's: not also the symptoms (the guest's alias
    'Aritra:' is undeclared, the misspelt guest never speaks)."""
    directive = located(app, "typo", "```{transcript}")
    assert [w for w in warnings_of(app) if "typo.md" in w] == [
        f"{directive}: WARNING: :guests: names 'Aritra Roy Gosthipati', who is not in the speaker "
        "registry: did you mean 'Aritra Roy Gosthipaty'? (someone else: add 'Aritra Roy "
        "Gosthipati' to the registry) [transcript.speaker]",
    ]


def test_not_speakers_are_text_without_a_warning(app: SphinxTestApp) -> None:
    (turn,) = turns(page(app, "not-speakers"))
    body = turn.select_one(".transcript-turn-body").get_text(" ")
    text = " ".join(body.replace("\u2019", "'").split())  # the root keeps smartquotes on
    assert "Note: the recording cut out here." in text
    assert "Editor's Note: one answer was lost." in text
    update = located(app, "not-speakers", "Update:")
    assert [w for w in warnings_of(app) if "not-speakers.md" in w] == [
        f"{update}: WARNING: 'Update' looks like a speaker label but is not a declared speaker; "
        "the line is kept as text of the previous turn. If it is not a speaker, add 'Update' "
        "to :not-speakers: [transcript.undeclared-label]",
    ]

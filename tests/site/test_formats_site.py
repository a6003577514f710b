"""Every transcription tool's export, published as it came: one page per
fixture of the test episode, built through Sphinx with no hand edit.

For each page the rendered HTML shows the episode's speakers in order (or
one unattributed speaker for tools that write none), its start times as
``<time>`` elements, and every spoken word once, in order; glossary terms
link, turns have permalinks and avatars, and the people page counts the
turns.  Two of the exports are also printed to PDF.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import latexmk, need_latex, pdf_text
from fixtures import (
    EPISODE,
    EPISODE_SECONDS,
    EPISODE_SPEAKERS,
    FIXTURES,
    NO_SPEAKERS,
    NO_TIMES,
    PAGES,
    SHARED_CUE,
    make_root,
    slug,
)
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.people.appearances import facts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    srcdir = tmp_path_factory.mktemp("formats") / "src"
    make_root(srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    yield app


def soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    page = BeautifulSoup((app.outdir / f"{slug(name)}.html").read_text(encoding="utf-8"),
                         "html.parser")
    for tip in page.select("[role=tooltip]"):  # glossary tips: shown on hover, not read
        tip.decompose()
    return page


def words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[\w'’]+", text)]


SPOKEN = [w for turn in EPISODE["turns"] for w in words(turn["text"])]


def test_every_export_builds_without_a_warning(built: SphinxTestApp) -> None:
    warnings = strip_escape_sequences(built.warning.getvalue()).splitlines()
    # nor do the pages that declare people their source does not name
    assert warnings == []


@pytest.mark.parametrize("name", PAGES)
def test_speakers_times_and_every_word_are_on_the_page(built: SphinxTestApp, name: str) -> None:
    page = soup(built, name)
    turns = page.select("div.transcript-turn")
    speakers = [t.select_one(".transcript-speaker").get_text() for t in turns]
    bodies = [" ".join(p.get_text(" ") for p in t.select(".transcript-turn-body > p, "
                                                             ".transcript-turn-body li"))
              for t in turns]
    credit = [" ".join(c.get_text(" ").split()) for c in page.select("div.transcript .transcript-credit")]
    # Otter's footer is no turn: a credit, under the last one
    assert credit == (["Transcribed by https://otter.ai"] if name == "otter.txt" else [])
    if name in NO_SPEAKERS:
        assert set(speakers) == {"Unknown"}
    else:
        assert speakers == EPISODE_SPEAKERS
    spoken = [w for body in bodies for w in words(body)]
    assert spoken == SPOKEN, name
    times = [t.select_one("time.transcript-time") for t in turns]
    if name in NO_TIMES:
        assert times == [None] * len(turns)
    elif name not in NO_SPEAKERS:
        seconds = [SHARED_CUE.get(name, {}).get(n, s) for n, s in enumerate(EPISODE_SECONDS)]
        labels = [f"{int(s) // 60}:{int(s) % 60:02d}" for s in seconds]
        assert [t.get_text() for t in times] == labels
        assert [t["datetime"] for t in times][:3] == ["PT0S", "PT7S", "PT15S"]
        starts = [float(t["data-start"]) for t in turns]
        assert [int(s) for s in starts] == [int(s) for s in seconds]


@pytest.mark.parametrize("name", ["webvtt-voices.vtt", "descript.txt", "whisperx.srt"])
def test_glossary_links_permalinks_and_avatars_work_as_for_typed_transcripts(
    built: SphinxTestApp, name: str
) -> None:
    page = soup(built, name)
    terms = {a.get_text() for a in page.select("div.transcript a[href*='glossary.html#term-']")}
    assert {"NeRF", "PyTorch", "Keras", "fastai"} <= terms
    first = page.select_one("div.transcript-turn")
    # a timed turn's address is its time; its old one is kept inside it
    assert first["id"] == "t-0m00s"
    assert first.select_one("a.transcript-permalink")["href"] == "#t-0m00s"
    assert first.select_one("span.transcript-alias")["id"] == "turn-1"
    assert first.select_one("img.transcript-avatar")["alt"] == "Maya Okafor"
    assert first.select_one("a.transcript-speaker-link")["href"] == "people.html#person-maya-okafor"


def test_the_people_page_counts_the_turns_of_every_export(built: SphinxTestApp) -> None:
    people = (built.outdir / "people.html").read_text(encoding="utf-8")
    daniel = people[people.index('id="person-daniel-reyes"'):]
    daniel = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", daniel[:daniel.find('id="person-', 10)]))
    for name in set(PAGES) - NO_SPEAKERS:
        assert f"{name} — 4 turns" in daniel, name
    for name in NO_SPEAKERS:  # declared, in a source that names nobody
        assert f"{name} — guest" in daniel, name


@pytest.mark.parametrize("name", sorted(NO_SPEAKERS))
def test_the_declared_people_of_a_source_that_names_nobody_are_its_cast(
    built: SphinxTestApp, name: str
) -> None:
    # what the people page and a collection's cards show of the page: its people
    people = facts(built.env)[slug(name)].people
    assert [(p.name, p.role, p.turns) for p in people.values()] == [
        ("Maya Okafor", "host", 0), ("Priya Raman", "host", 0), ("Daniel Reyes", "guest", 0)]


def test_the_text_builder_prints_time_and_name(tmp_path: Path) -> None:
    make_root(tmp_path / "src")
    app = SphinxTestApp("text", srcdir=tmp_path / "src", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    text = (app.outdir / "descript-txt.txt").read_text(encoding="utf-8")
    assert "[0:15] Daniel Reyes: Thanks for having me." in text
    assert "[1:48] Priya Raman: That is a good place to stop." in text


def test_a_speakerless_source_is_one_speaker_with_a_note(built: SphinxTestApp) -> None:
    log = strip_escape_sequences(built.status.getvalue())
    assert re.search(r"youtube\.vtt:\d+: note: the source names no speakers: every turn is 'Unknown'", log)


def test_an_unmapped_diarization_label_is_shown_as_itself_with_a_warning(tmp_path: Path) -> None:
    make_root(tmp_path / "src")
    page = tmp_path / "src" / "diarized-txt.md"
    page.write_text(page.read_text(encoding="utf-8").replace("; SPEAKER_02 = Daniel Reyes", ""),
                    encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path / "src", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = strip_escape_sequences(app.warning.getvalue()).splitlines()
    transcript = tmp_path / "src" / "transcripts" / "diarized.txt"
    first = next(n for n, line in enumerate(transcript.read_text().splitlines(), 1)
                 if line.startswith("SPEAKER_02"))
    assert f"{transcript}:{first}: WARNING: speaker label 'SPEAKER_02' (4 turns) maps to nobody: " \
           "its turns are shown under the label itself; name the person in :host: or :guests:, or " \
           "map the label with :speaker-map: SPEAKER_02 = Full Name [transcript.unmapped-label]" in warnings
    page_html = BeautifulSoup((app.outdir / "diarized-txt.html").read_text(encoding="utf-8"),
                              "html.parser")
    speakers = [s.get_text() for s in page_html.select(".transcript-turn-header .transcript-speaker")]
    assert speakers.count("SPEAKER_02") == 4 and "Daniel Reyes" not in speakers


def test_episode_fixture_is_the_source_of_truth() -> None:
    assert len(EPISODE["turns"]) == 10
    assert json.loads((FIXTURES / "episode.json").read_text(encoding="utf-8")) == EPISODE


@pytest.mark.parametrize("name", ["webvtt-voices.vtt", "descript.txt"])
def test_two_exports_print_with_times_speakers_and_every_word(tmp_path: Path, name: str) -> None:
    need_latex()
    make_root(tmp_path / "src")
    (tmp_path / "src" / "index.md").write_text(
        f"# Formats\n\n```{{toctree}}\n{slug(name)}\n```\n", encoding="utf-8"
    )
    others = [f"{slug(n)}.md" for n in PAGES if n != name] + ["glossary.md", "people.md"]
    app = SphinxTestApp("latex", srcdir=tmp_path / "src", freshenv=True,
                        confoverrides={"exclude_patterns": ["transcripts", *others]})
    try:
        app.build()
    finally:
        app.cleanup()
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    run = latexmk(Path(app.outdir), "formats.tex")
    assert run.returncode == 0, run.stdout[-3000:]
    lines = pdf_text(Path(app.outdir) / "formats.pdf").splitlines()
    # the avatars' initials ("MO") and the page numbers are text too, not the episode's
    text = " ".join(" ".join(line for line in lines if not re.fullmatch(r"[A-Z?]{1,3}|\d+", line)).split())
    # each turn's header: the name, the role, the time
    assert "Maya Okafor HOST 0:00" in text and "Daniel Reyes GUEST 0:15" in text
    assert "Priya Raman HOST 1:48" in text
    # each turn's web address, printed small beside its header (#t-0m15s): ours, not a word
    # of the episode, and the same the site gives the turn
    addresses = re.findall(r"#t-\d+m\d\ds\b", text)
    assert "#t-0m15s" in addresses and len(addresses) == len(set(addresses)) >= 3, addresses
    text = re.sub(r"#t-\d+m\d\ds\b", " ", text)
    body = re.sub(r"(Maya Okafor|Priya Raman|Daniel Reyes) (HOST|GUEST) \d+:\d\d", " ", text)
    found = words(body)
    start = found.index("welcome")
    assert found[start:start + len(SPOKEN)] == SPOKEN

"""The real transcripts of ``../shared/corpus/real/`` publish as they came.

Each of the 29 files (published by a podcast or written by a transcription
tool; ``PROVENANCE.md`` there says where each comes from) gets a page of a
temporary Sphinx project, as a publisher following the README writes it:
the ``{transcript}`` directive with the options its source calls for, and
registry entries for its speakers.  The files are read where they are and
never copied into the repository (they are other people's words); not one
of them is edited.  The project is built with ``-W``-strictness: not one
warning.  For every page:

- its speakers, and the first turns' speakers and times, are the facts
  written below (read off the files by hand: small facts, not their text);
- every word of the file that is spoken is on the page, in order, inside
  turns (nothing in an introduction), and nothing else is: the words are
  compared with the file's own, taken by a reading of each shape that
  drops only what is no speech (timings, cue numbers, tags, labels, time
  marks, front matter, headings);
- no debris of the source is left in the text: timing arrows, Markdown
  escapes, tags, character references, leading timecodes.

The corpus is found beside the repository (``../shared/corpus``) or at
``TRANSCRIPTS_CORPUS_DIR``; without it, the test fails under CI=true and
skips loudly otherwise.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, need
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

CORPUS = Path(os.environ.get("TRANSCRIPTS_CORPUS_DIR") or ROOT.parent / "shared" / "corpus")
REAL = CORPUS / "real"


@dataclass(frozen=True)
class Case:
    """One real file: the page's options, and what the page must show."""

    #: the directive's options, as a publisher writes them for this source
    options: str
    #: the speakers shown, in order of first appearance
    speakers: tuple[str, ...]
    #: (speaker, start in seconds or None) of the first turns
    first: tuple[tuple[str, float | None], ...]
    #: the speaker labels as the file writes them (taken off the words)
    labels: tuple[str, ...] = ()


UNKNOWN = "Unknown"

CASES: dict[str, Case] = {
    "brightdigit_yak.srt": Case(
        ":host: Leo Dion\n:guests: Tim Mitra\n",
        ("Leo Dion", "Tim Mitra"),
        (("Leo Dion", 0.0), ("Tim Mitra", 79.515), ("Leo Dion", 82.153)),
        ("Leo Dion (host)", "Tim Mitra (guest)"),
    ),
    "buzzsprout_10things.html": Case(
        ":host: Travis, Sarah\n:guests: Gilon\n",
        ("Travis", "Sarah", "Gilon"),
        (("Travis", 0.0), ("Sarah", 53.0), ("Travis", 102.0), ("Gilon", 219.0)),
    ),
    "buzzsprout_10things.srt": Case(
        ":host: Travis, Sarah\n:guests: Gilon\n",
        ("Travis", "Sarah", "Gilon"),
        (("Travis", 0.179), ("Sarah", 53.030), ("Travis", 102.739), ("Gilon", 219.360)),
        ("Travis", "Sarah", "Gilon"),
    ),
    "buzzsprout_trailer.vtt": Case(
        ":host: Sarah\n:guests: Gillian\n",
        ("Sarah", "Gillian"),
        (("Sarah", 0.0), ("Gillian", 19.080)),
    ),
    "changelog_practicalai265.md": Case(
        ":host: Daniel Whitenack, Chris Benson\n",
        ("Daniel Whitenack", "Chris Benson", UNKNOWN),
        (("Daniel Whitenack", None), ("Chris Benson", None), ("Daniel Whitenack", None)),
        ("Daniel Whitenack", "Chris Benson"),
    ),
    "codevolution_reactquery.vtt": Case(
        ":host: Vishwas Gopinath\n:speaker: Vishwas Gopinath\n",
        ("Vishwas Gopinath",),
        (("Vishwas Gopinath", 0.970),),
    ),
    "datadriven_openshift.html": Case(
        ":host: Frank La Vigne, Andy Leonard\n",
        (UNKNOWN,),
        ((UNKNOWN, 0.0),),
    ),
    "dataeng_zenlytic.txt": Case(
        ":host: Tobias Macey\n",
        (UNKNOWN,),
        ((UNKNOWN, 0.0),),
    ),
    "gotime300.html": Case(
        ":host: Kris Brandow, Angelica Hill, Ian Lopshire, Johnny Boursiquot, Jon Calhoun\n",
        # and the break, an aside nobody says
        ("Kris Brandow", "Jon Calhoun", "Johnny Boursiquot", "Ian Lopshire", "Angelica Hill", UNKNOWN),
        (("Kris Brandow", None), ("Jon Calhoun", None), ("Kris Brandow", None)),
    ),
    "lbs_mcmc78.html": Case(
        ":host: Alexandre Andorra\n:guests: Matt D. Hoffman\n",
        (UNKNOWN,),
        ((UNKNOWN, 119.0),),
    ),
    "lenny_annieduke.md": Case(
        ":host: Lenny Rachitsky\n:guests: Annie Duke\n",
        ("Annie Duke", "Lenny Rachitsky"),
        (("Annie Duke", 0.0), ("Lenny Rachitsky", 12.0), ("Annie Duke", 16.0)),
        ("Annie Duke", "Lenny Rachitsky"),
    ),
    "linearb_labs.txt": Case(
        ":host: Dan Lines, Conor Bronsdon\n:guests: Yishai Beeri\n",
        ("Yishai Beeri", "Conor Bronsdon", "Dan Lines"),
        (("Yishai Beeri", 0.0), ("Conor Bronsdon", 37.292), ("Dan Lines", 71.358)),
    ),
    "mapscaping_qgis.srt": Case(
        ":host: Daniel O'Donohue\n:guests: Brendan Ashworth\n",
        (UNKNOWN,),
        ((UNKNOWN, 0.0),),
    ),
    "mapscaping_quitjob.srt": Case(
        ":host: Daniel O'Donohue\n:speaker: Daniel O'Donohue\n",
        ("Daniel O'Donohue",),
        (("Daniel O'Donohue", 1.460),),
    ),
    "oxide_rack1.html": Case(
        ":guests: " + ", ".join(f"Speaker {n}" for n in range(1, 10)) + "\n",
        tuple(f"Speaker {n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9)),
        (("Speaker 1", 0.0), ("Speaker 2", 11.0), ("Speaker 1", 14.0)),
    ),
    "postgresfm_bloat.srt": Case(
        ":host: Michael Christofides\n:guests: Chelsea Dole\n",
        ("Michael Christofides", "Chelsea Dole"),
        (("Michael Christofides", 0.060), ("Chelsea Dole", 19.280), ("Michael Christofides", 21.540)),
        ("Michael", "Chelsea"),
    ),
    "postgresfm_managed.vtt": Case(
        ":host: Michael Christofides, Nikolay Samokhvalov\n",
        ("Michael Christofides", "Nikolay Samokhvalov"),
        (("Michael Christofides", 0.038), ("Nikolay Samokhvalov", 13.388),
         ("Michael Christofides", 24.358)),
        ("Michael", "Nikolay"),
    ),
    "swift_ep17.srt": Case(
        "",
        (UNKNOWN,),
        ((UNKNOWN, 0.0),),
    ),
    "talkpython_153.vtt": Case(
        ":host: Michael Kennedy\n:guests: Nick Coghlan\n",
        (UNKNOWN,),
        ((UNKNOWN, 0.001),),
    ),
    "talkpython_313.txt": Case(
        ":host: Michael Kennedy\n:guests: Samuel Colvin\n",
        (UNKNOWN,),
        ((UNKNOWN, 0.0),),
    ),
    "talkpython_yt313.vtt": Case(
        ":host: Michael Kennedy\n:guests: Samuel Colvin\n",
        (UNKNOWN,),
        ((UNKNOWN, 0.0), (UNKNOWN, 9.0), (UNKNOWN, 13.0)),
    ),
    "teams_webvttpy.vtt": Case(
        ":host: Yuri Bakulin\n:guests: Adrian Petrescu\n",
        ("Yuri Bakulin", "Adrian Petrescu"),
        (("Yuri Bakulin", 0.0), ("Adrian Petrescu", 0.210)),
    ),
    "virtualcoffee_8_5.srt": Case(
        ":host: Bekah Hawrot Weigel, Dan Ott\n:guests: Reda\n",
        ("Bekah Hawrot Weigel", "Dan Ott", "Reda"),
        (("Bekah Hawrot Weigel", 6.056), ("Dan Ott", 32.725), ("Bekah Hawrot Weigel", 35.405)),
        ("Bekah Hawrot Weigel", "Bekah", "Dan Ott", "Dan", "Reda"),
    ),
    "whisper_heathst.tsv": Case(
        "",
        (UNKNOWN,),
        ((UNKNOWN, 0.0),),
    ),
    "whisper_lesson.json": Case(
        "",
        (UNKNOWN,),
        ((UNKNOWN, 0.0),),
    ),
    "whisperx_medford.srt": Case(
        ":guests: SPEAKER_02, SPEAKER_03, SPEAKER_04, SPEAKER_05, SPEAKER_07, SPEAKER_09\n",
        ("SPEAKER_03", "SPEAKER_05", "SPEAKER_02", "SPEAKER_09", "SPEAKER_07", "SPEAKER_04"),
        (("SPEAKER_03", 1.701), ("SPEAKER_05", 10.043), ("SPEAKER_03", 24.183)),
        ("[SPEAKER_02]", "[SPEAKER_03]", "[SPEAKER_04]", "[SPEAKER_05]", "[SPEAKER_07]",
         "[SPEAKER_09]"),
    ),
    "whisperx_rotl.vtt": Case(
        ":host: Merlin Mann\n:guests: John Roderick\n"
        ":speaker-map: SPEAKER_00 = John Roderick; SPEAKER_01 = Merlin Mann\n",
        ("John Roderick", "Merlin Mann"),
        (("John Roderick", 0.349), ("Merlin Mann", 10.041), ("John Roderick", 11.142)),
        ("[SPEAKER_00]", "[SPEAKER_01]"),
    ),
    "zoom_chemistry.vtt": Case(
        ":host: Caleob King\n",
        ("Caleob King",),
        (("Caleob King", 4.160),),
        ("Caleob King",),
    ),
    "zoom_cip.vtt": Case(
        ":host: Ashlee Kupor\n:guests: Dora Demszky\n",
        ("Ashlee Kupor", "Dora Demszky"),
        (("Ashlee Kupor", 0.510), ("Dora Demszky", 1.790), ("Ashlee Kupor", 24.680)),
        ("Ashlee Kupor (SL)", "Dora Demszky"),
    ),
}

#: the registry a publisher writes: the names the files use are aliases
REGISTRY = """\
[[speaker]]
name = "Michael Christofides"
bio = "Co-host of Postgres FM."
aliases = ["Michael"]

[[speaker]]
name = "Nikolay Samokhvalov"
bio = "Co-host of Postgres FM."
aliases = ["Nikolay"]

[[speaker]]
name = "Chelsea Dole"
bio = "Guest of Postgres FM."
aliases = ["Chelsea"]

[[speaker]]
name = "Bekah Hawrot Weigel"
bio = "Host of the Virtual Coffee podcast."
aliases = ["Bekah"]

[[speaker]]
name = "Dan Ott"
bio = "Host of the Virtual Coffee podcast."
aliases = ["Dan"]
"""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def make_project(srcdir: Path) -> None:
    """A project whose pages publish the corpus files where they are."""
    (srcdir / "transcripts").mkdir(parents=True)
    for name in CASES:  # a temporary copy, as it came: the project reads nothing outside it
        shutil.copyfile(REAL / name, srcdir / "transcripts" / name)
    for name, case in CASES.items():
        (srcdir / f"{slug(name)}.md").write_text(
            f"# {name}\n\n```{{transcript}} transcripts/{name}\n{case.options}```\n",
            encoding="utf-8",
        )
    (srcdir / "people.md").write_text("# People\n\n```{people}\n```\n", encoding="utf-8")
    (srcdir / "speakers.toml").write_text(REGISTRY, encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Corpus\n\n```{toctree}\n" + "\n".join([*map(slug, CASES), "people"]) + "\n```\n",
        encoding="utf-8",
    )
    # no exclude_patterns for the transcripts: a Markdown transcript is no page
    # of its own without being told (the extension knows the files it reads)
    (srcdir / "conf.py").write_text(textwrap.dedent("""\
        extensions = ["myst_parser", "sphinx_transcripts"]
        project = "Corpus"
        transcripts_speakers = "speakers.toml"
        nitpicky = True
        """), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    need(REAL.is_dir(), f"the real transcripts of the corpus are not in {REAL} "
                        "(set TRANSCRIPTS_CORPUS_DIR)")
    srcdir = tmp_path_factory.mktemp("corpus") / "src"
    make_project(srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    yield app


def test_every_file_of_the_corpus_has_a_case() -> None:
    need(REAL.is_dir(), f"the real transcripts of the corpus are not in {REAL}")
    files = {p.name for p in REAL.iterdir() if p.name != "PROVENANCE.md"}
    assert files == set(CASES)


def test_the_corpus_builds_without_a_warning(built: SphinxTestApp) -> None:
    warnings = strip_escape_sequences(built.warning.getvalue()).splitlines()
    by_file: dict[str, int] = {}
    for line in warnings:
        found = re.search(r"/(?:transcripts/)?([\w.-]+?)(?:\.md)?:\d*:? ?(?:WARNING|ERROR)", line)
        key = found.group(1) if found else "?"
        by_file[key] = by_file.get(key, 0) + 1
    assert warnings == [], by_file


def test_no_transcript_is_built_as_a_page(built: SphinxTestApp) -> None:
    built_pages = {p.relative_to(built.outdir).as_posix() for p in built.outdir.rglob("*.html")}
    assert not [p for p in built_pages if p.startswith("transcripts/")]


# -- the file's own words ------------------------------------------------------------

_WORD = re.compile(r"[\w'’]+")
_TIMING = re.compile(r"^\s*[\d:.,]+\s*-+>\s*[\d:.,]+.*$")
#: Changelog's time marks, as its Markdown (and the HTML made of it) escapes them
_MARK = re.compile(r"\\\[\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?\\\]")


def words(text: str) -> list[str]:
    """The words of ``text``, as the page's typography shows them (Sphinx's
    smart quotes make ``it's`` ``it’s``)."""
    return [w.casefold() for w in _WORD.findall(re.sub("[‘’]", "'", text))]


def _without_label(line: str, labels: tuple[str, ...]) -> str:
    for label in labels:
        if line.startswith(f"{label}:"):
            return line[len(label) + 1:]
    return line


def _caption_words(text: str, labels: tuple[str, ...]) -> list[str]:
    """WebVTT and SubRip: the cues' text, without header, notes, numbers,
    timings, tags and the label that opens a cue."""
    out: list[str] = []
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    for block in blocks:
        lines = block.strip("\n").split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue  # the header, a NOTE, an empty block
        cue = lines[timing + 1:]
        if cue:
            cue[0] = _without_label(re.sub(r"<[^>]*>", "", cue[0]).strip(), labels)
        out.extend(words(html.unescape(re.sub(r"<[^>]*>", "", "\n".join(cue)))))
    return out


def _html_words(text: str) -> list[str]:
    """Podcasting 2.0 HTML: the paragraphs, without speakers, times and marks."""
    text = re.sub(r"(?s)<head>.*?</head>|<cite>.*?</cite>|<time>.*?</time>", " ", text)
    text = re.sub(r"<p>\s*\d{1,2}(?::\d{2}){1,2}\s*</p>", " ", text)  # Otter-style times
    text = _MARK.sub(" ", re.sub(r"<[^>]*>", " ", text))
    return words(html.unescape(text))


def _markdown_words(text: str, labels: tuple[str, ...]) -> list[str]:
    """A Markdown transcript: without front matter, headings, labels and marks."""
    text = re.sub(r"(?s)\A---\n.*?\n---\n", "", text)
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        # a clip or break (**Break**: \[19:20\]) shows its title; a speaker's label is no word
        if not re.match(r"^\*\*[^*]+(?::\*\*|\*\*:) *\\\[[\d:.]+\\\]$", line):
            line = re.sub(r"^\*\*[^*]+(?::\*\*|\*\*:)", "", line)
        line = re.sub(r"^(?:[^()]+ )?\(\d{1,2}(?::\d{2}){1,2}\):$", "", line)  # Name (00:01):
        out.extend(words(_MARK.sub(" ", line)))
    return out


def spoken(name: str, labels: tuple[str, ...]) -> list[str]:
    """The words of the file that are speech, in order."""
    text = (REAL / name).read_text(encoding="utf-8-sig")
    suffix = Path(name).suffix
    if suffix == ".json":
        return words(" ".join(s["text"] for s in json.loads(text)["segments"]))
    if suffix == ".tsv":
        return words(" ".join(row.split("\t", 2)[2] for row in text.splitlines()[1:] if row))
    if suffix == ".html":
        return _html_words(text)
    if suffix == ".md":
        return _markdown_words(text, labels)
    if "-->" not in text:  # Talk Python's 'HH:MM:SS text' lines
        return words(re.sub(r"(?m)^\d{2}:\d{2}:\d{2}", " ", text))
    return _caption_words(text, labels)


# -- the page ------------------------------------------------------------------------

#: what a source's syntax leaves in text when it is not read
DEBRIS = re.compile(
    r"-->|\\[\[\]*_]|</?[a-z]+[ >]|&(?:[a-z]+|#\d+);|^\s*\(?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\)?(?::|\s*$)"
    r"|^\s*\[\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\]",
    re.M,
)


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    soup = BeautifulSoup((app.outdir / f"{slug(name)}.html").read_text(encoding="utf-8"),
                         "html.parser")
    main = soup.select_one("div.transcript")
    assert main is not None, name
    return soup


def _start(turn: Tag) -> float | None:
    value = turn.get("data-start")
    return None if value is None else float(str(value))


@pytest.mark.parametrize("name", CASES)
def test_speakers_and_first_times(built: SphinxTestApp, name: str) -> None:
    case = CASES[name]
    turns = page(built, name).select("div.transcript-turn")
    speakers = [t.select_one(".transcript-speaker").get_text().replace("’", "'") for t in turns]
    assert tuple(dict.fromkeys(speakers)) == case.speakers
    first = [(speakers[i], _start(turns[i])) for i in range(len(case.first))]
    assert [(who, None if s is None else round(s, 3)) for who, s in first] == list(case.first)


@pytest.mark.parametrize("name", CASES)
def test_every_spoken_word_in_order_inside_turns(built: SphinxTestApp, name: str) -> None:
    soup = page(built, name)
    for tip in soup.select("[role=tooltip]"):
        tip.decompose()
    assert soup.select(".transcript-preamble") == []
    bodies = [p.get_text(" ") for t in soup.select("div.transcript-turn")
              for p in t.select(".transcript-turn-body > p, .transcript-turn-body li")]
    shown = [w for body in bodies for w in words(body)]
    expected = spoken(name, CASES[name].labels)
    if shown != expected:
        at = next((i for i, (a, b) in enumerate(zip(shown, expected, strict=False)) if a != b),
                  min(len(shown), len(expected)))
        pytest.fail(f"{name}: the words differ from word {at} of {len(expected)} "
                    f"({len(shown)} shown): page {shown[max(0, at - 5):at + 8]} "
                    f"!= file {expected[max(0, at - 5):at + 8]}")
    debris = [m.group(0) for body in bodies for m in DEBRIS.finditer(body)]
    assert debris == [], name

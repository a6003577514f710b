"""Conformance: the WebVTT cases of web-platform-tests, the SubRip quirks of
the ``srt`` and ``pysrt`` test suites, and the Podcasting 2.0 namespace's own
examples, read from ``../shared/corpus/`` (never copied into the project).

Every case is read as its reference reads it, or differs from it only by a
choice the README documents, and then never silently: a warning at a line of
the part that differs.  A case is compared cue by cue, each cue of the
reference with what the project reads from the timing line of that cue up to
the next one (so a block the reference skips and the project keeps is judged
where it stands):

- *as the reference*: the same cues, with the same times, the same voices,
  and the same text as a browser shows it (the page's text, markup rendered);
  A caption's dialogue dashes (``- Hi.`` on two lines) are changes of
  speaker, as the README says: the page shows a turn for each, without the
  dash, which counts as the reference's reading;
- *by a documented choice*: where it differs, a warning stands at a line of
  that part, and no word the reference shows is missing (a NUL, which the
  WebVTT standard shows as U+FFFD, is removed: README, "control characters");
- anything else is a gap, and fails.

The references: WebVTT, the standard itself (``webvtt_standard``, checked first
against every expectation of web-platform-tests); SubRip, what ``srt`` or
``pysrt`` read (``expected.json``); Podcasting 2.0, every example builds under
``-W`` with its speakers, times and words, and every chapter the file shows.
The figures are in the README's format notes; a test checks they are these.

The corpus is found beside the repository (``../shared/corpus``, from the
main checkout or a worktree) or at ``$TRANSCRIPTS_CORPUS_DIR``; without it the
tests skip loudly, and fail under CI=true.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import webvtt_standard as standard
from bs4 import BeautifulSoup
from conftest import ROOT, need
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.dialogue import elements, markup
from sphinx_transcripts.model import Paragraph, Problem
from sphinx_transcripts.readers import ParseContext, choose
from sphinx_transcripts.readers import srt as subrip
from sphinx_transcripts.readers import webvtt as vtt
from sphinx_transcripts.readers._assemble import Cue
from sphinx_transcripts.source import Source, SourceError, clean, read_file, split_lines


def _corpus() -> Path:
    given = os.environ.get("TRANSCRIPTS_CORPUS_DIR")
    if given:
        return Path(given)
    for folder in ROOT.parents:  # the main checkout's ../shared, or a worktree's ../../shared
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return ROOT.parent / "shared" / "corpus"


CORPUS = _corpus()
WPT = CORPUS / "wpt-webvtt"
SRT = CORPUS / "srt-cases"
NAMESPACE = SRT / "podcast-namespace"


def corpus(path: Path) -> Path:
    need(path.exists(), f"the conformance corpus is not at {path} (set TRANSCRIPTS_CORPUS_DIR)")
    return path


# -- reading a case as the project reads it ----------------------------------------


@dataclass
class Reading:
    """What the project reads in a file: the format, its cues (as the format
    reads them, before they become turns), the lines it warns at, and the
    file's lines."""

    format: str
    cues: list[Cue]
    warned: set[int]
    problems: list[Problem]
    lines: Sequence[str] = ()


def read(source: Source) -> Reading:
    """The file as a page reads it: the format chosen by its ending and
    content, its cues, and every warning (the file's, the format's, markup)."""
    context = ParseContext(whole_file=source.first_lineno == 1)
    choice = choose(source.text, source.suffix, context)
    fmt = choice.format
    module = {"webvtt": vtt, "srt": subrip}.get(fmt.name)
    cues = module.read(source.lines, source.first_lineno, context)[0] if module else []
    transcript = fmt.parse(source.lines, source.first_lineno, context)
    problems = [*source.problems, *transcript.problems]
    if choice.problem:
        problems.append(Problem(0, "format", choice.problem))
    for paragraph in (*transcript.preamble, *(p for t in transcript.turns for p in t.paragraphs)):
        problems.extend(markup.suspicious(paragraph))
    warned = {p.lineno for p in problems if p.level != "info"}
    return Reading(fmt.name, cues, warned, problems, source.lines)


def read_path(path: Path) -> Reading:
    """The file at ``path``; one it cannot read at all is a warning at the directive."""
    try:
        source = read_file(path, path.parent, path.name)
    except SourceError as exc:
        return Reading("", [], {0}, [Problem(0, exc.kind, str(exc))])
    return read(source)


def read_text(text: str, suffix: str) -> Reading:
    """Text as a file ending in ``suffix`` would be read (decoded already)."""
    cleaned, removed = clean(text)
    return read(Source(split_lines(cleaned), 1, "case", suffix, tuple(removed)))


def shown(text: str) -> str:
    """A cue's text as the page shows it: the transcript's markup rendered
    (a line break, a list item's bullet kept as a mark)."""
    if not text.strip():
        return ""
    out: list[str] = []
    for node in markup.to_nodes(Paragraph(1, tuple(text.split("\n"))), "case"):
        for part in node.findall(lambda n: isinstance(n, (nodes.Text, nodes.list_item, elements.line_break))):
            out.append(part.astext() if isinstance(part, nodes.Text) else
                       "\n- " if isinstance(part, nodes.list_item) else "\n")
        out.append("\n")
    return "".join(out)


def squash(text: str) -> str:
    return "".join(text.split())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


# -- judging a case ------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """A cue of the reference: its timing line, times, shown text, voices."""

    lineno: int
    start: float
    end: float
    text: str
    voices: tuple[str, ...] = ()


STANDARD, CHOICE = "as the reference", "by a documented choice"


def judge(expected: Sequence[Expected] | None, reading: Reading) -> str:
    """STANDARD, CHOICE or what the gap is (see the module's description).

    ``expected`` None: the reference refuses the file.  Our cues are taken
    in groups, one for each cue of the file (the parts of a cue with two
    voices, or two dialogue dashes, are one group); each group stands for the
    file's lines from its timing line to the next group's.  The group at a
    reference cue's timing line is that cue; any other group is one the
    reference does not read.  A group that differs from the reference must
    have a message (a warning, or the file's note on Teams' short times)
    on one of its lines.
    """
    said = _said(reading)
    if expected is None:
        visible = [cue for cue in reading.cues if shown(cue.text).strip()]
        if not visible and reading.warned:
            return STANDARD
        if reading.warned:
            return CHOICE  # read all the same, and where it is wrong said
        return f"the reference refuses the file; {len(visible)} cues are shown without a warning"
    wanted = {e.lineno: e for e in expected}
    verdict = STANDARD
    found = set()
    for low, high, group in _groups(reading.cues):
        want = wanted.get(low)
        if want is not None:
            found.add(low)
        visible = [cue for cue in group if shown(cue.text).strip()]
        if _same(group, want) or (want is None and not visible):
            continue
        lost = _lost(group, want)
        if lost:
            return f"lines {low}-{high}: {' '.join(lost[:8])!r} of the reference is not shown"
        if not any(low <= line <= high for line in said):
            got = " | ".join(shown(c.text).strip() for c in visible)
            return (f"lines {low}-{high} differ without a warning: {got[:120]!r}"
                    f" where the reference reads {want.text[:80] if want else '(nothing)'!r}")
        verdict = CHOICE
    missing = [e for e in expected if e.lineno not in found and e.text.strip()]
    if missing:
        return f"the reference's cue at line {missing[0].lineno} ({missing[0].text[:60]!r}) is not read"
    return verdict


def _said(reading: Reading) -> set[int]:
    """The lines a message stands at: warnings, and, when the file has the
    note on Teams' short times, every timing line written so."""
    lines = set(reading.warned)
    if any(p.message.startswith(vtt.SHORT_TIMES) for p in reading.problems):
        lines |= {n for n, line in enumerate(reading.lines, 1) if vtt.SHORT_TIMING.fullmatch(line)}
    return lines


def _groups(cues: Sequence[Cue]) -> list[tuple[int, int, list[Cue]]]:
    """``(first line, last line, cues)`` of each cue of the file, as read."""
    groups: list[list[Cue]] = []
    for cue in cues:
        previous = groups[-1][-1] if groups else None
        if (previous is not None and previous.end is None and previous.start is not None
                and cue.start == previous.start):
            groups[-1].append(cue)  # the next voice or dash of one cue
        else:
            groups.append([cue])
    starts = [group[0].lineno for group in groups]
    return [(start, (starts[i + 1] - 1) if i + 1 < len(starts) else 10**9, group)
            for i, (start, group) in enumerate(zip(starts, groups, strict=True))]


def _text(cues: Sequence[Cue], want: Expected | None) -> str:
    voices = want.voices if want else ()
    return "\n".join(
        f"{cue.label}: {shown(cue.text)}" if cue.label and cue.label not in voices else shown(cue.text)
        for cue in cues if shown(cue.text).strip()
    )


def _same(cues: Sequence[Cue], want: Expected | None) -> bool:
    visible = [cue for cue in cues if shown(cue.text).strip()]
    if want is None or not want.text.strip():
        return not visible
    if not visible:
        return False
    voices = tuple(cue.label for cue in visible if cue.label and cue.label in want.voices)
    # a caption's dialogue dashes are changes of speaker: a turn each, without the dash (README)
    said = re.sub(r"(?m)^[ \t]*-[ \t]+", "", want.text) if len(visible) > 1 else want.text
    return (
        squash(_text(visible, want)) == squash(said)
        and (len(visible) > 1 or " ".join(_text(visible, want).split()) == " ".join(want.text.split()))
        and visible[0].start == want.start
        and visible[-1].end == want.end
        and voices == want.voices
    )


def _lost(cues: Sequence[Cue], want: Expected | None) -> list[str]:
    """The words of the reference's cue that ours do not show, in order."""
    if want is None:
        return []
    have = words(_text(cues, want))
    at = 0
    missing = []
    for word in words(want.text.replace("\ufffd", "")):
        if word in have[at:]:
            at = have.index(word, at) + 1
        else:
            missing.append(word)
    return missing


@dataclass
class Tally:
    """How many cases of a suite read as the reference, or by a choice."""

    standard: int = 0
    choice: int = 0
    total: int = 0

    def add(self, verdict: str) -> None:
        self.total += 1
        self.standard += verdict == STANDARD
        self.choice += verdict == CHOICE

    @property
    def figure(self) -> str:
        return f"{self.standard + self.choice}/{self.total}"


# -- web-platform-tests: WebVTT file parsing -------------------------------------------


def wpt_files() -> list[tuple[str, Path]]:
    assertions = json.loads((WPT / "file-parsing" / "assertions.json").read_text(encoding="utf-8"))
    return [(name, WPT / "file-parsing" / case["input"]) for name, case in assertions.items()]


def standard_text(path: Path) -> str:
    """The file's text as a browser decodes it: UTF-8, one byte order mark off."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def standard_cues(text: str) -> list[Expected] | None:
    cues = standard.parse_file(text)
    if cues is None:
        return None
    out = []
    for cue in cues:
        tree = standard.parse_text(cue.text)
        out.append(Expected(cue.lineno, cue.start, cue.end, standard.shown(tree),
                            tuple(standard.voices(tree))))
    return out


@cache
def wpt_verdicts() -> dict[str, str]:
    return {name: judge(standard_cues(standard_text(path)), read_path(path))
            for name, path in wpt_files()}


def test_the_webvtt_oracle_reads_every_file_as_web_platform_tests_expects() -> None:
    """The oracle is the standard: it agrees with every expectation of WPT
    on which cues there are, their times and text, and refused files."""
    corpus(WPT)
    assertions = json.loads((WPT / "file-parsing" / "assertions.json").read_text(encoding="utf-8"))
    checked = 0
    for name, case in assertions.items():
        cues = standard.parse_file(standard_text(WPT / "file-parsing" / case["input"]))
        if case.get("rejected"):
            assert not cues, name
            continue
        assert cues is not None, name
        for record in case["records"]:
            found = re.fullmatch(r"cues(?:\[(\d+)\])?\.(length|text|startTime|endTime)", record["path"])
            if not found:
                continue  # settings, regions and style sheets: not what a transcript shows
            if found[2] == "length":
                got: object = len(cues)
            else:
                cue = cues[int(found[1])]
                got = {"text": cue.text, "startTime": cue.start, "endTime": cue.end}[found[2]]
            assert (got == record["expected"]) == (record["op"] == "equals"), (name, record, got)
            checked += 1
    assert checked == 118  # every record on cues, their times and text


def test_the_oracle_builds_every_cue_text_tree_as_web_platform_tests_expects() -> None:
    corpus(WPT)
    cases = [case for dat in sorted((WPT / "cue-text-parsing" / "dat").glob("*.dat"))
             for case in standard.dat_cases(dat.read_text(encoding="utf-8"))]
    assert len(cases) == 77
    for data, text, titles in cases:
        cues = standard.parse_file("WEBVTT\n\n00:00.000 --> 00:01.000\n" + data)
        assert cues is not None
        tree = standard.parse_text(cues[0].text)
        assert (standard.shown(tree), standard.voices(tree)) == (text, [t for t in titles if t]), data


@pytest.mark.parametrize("name", [
    "arrows", "nulls", "timings-too-short", "timings-too-long", "timings-60", "signature-timings",
    "signature-missing", "signature-lowercase", "regions-edge-case", "whitespace-chars", "ids",
    "settings-line", "comment-in-cue-text", "header-timings", "empty",
])
def test_a_webvtt_file_reads_as_the_standard_or_by_a_warned_choice(name: str) -> None:
    corpus(WPT)
    assert wpt_verdicts()[name] in (STANDARD, CHOICE), wpt_verdicts()[name]


def test_every_webvtt_file_of_web_platform_tests() -> None:
    corpus(WPT)
    gaps = {name: verdict for name, verdict in wpt_verdicts().items() if verdict not in (STANDARD, CHOICE)}
    assert gaps == {}
    assert len(wpt_verdicts()) == 51


def test_a_vtt_file_without_its_signature_is_read_as_webvtt_with_a_warning_at_line_1() -> None:
    reading = read_path(corpus(WPT / "file-parsing" / "support" / "signature-missing.vtt"))
    assert reading.format == "webvtt"
    [problem] = [p for p in reading.problems if p.lineno == 1]
    assert problem.kind == "format"
    assert "does not open with the WebVTT signature" in problem.message
    assert "players refuse it" in problem.message and "make 'WEBVTT' its first line" in problem.message


def test_a_timing_players_skip_is_kept_and_said() -> None:
    """The standard refuses ``00:61:00.000`` (minutes past 59), so players skip
    the cue: the page keeps it, read as leniently as it can be, and says so."""
    reading = read_text("WEBVTT\n\n00:61:01.000 --> 01:01:02.000\nKept words.\n", ".vtt")
    [problem] = reading.problems
    assert (problem.lineno, problem.kind, problem.level) == (3, "timing", "warning")
    assert "players skip this cue; it is read as 3661.000 --> 3662.000 s" in problem.message
    assert [(c.start, c.text) for c in reading.cues] == [(3661.0, "Kept words.")]


def test_times_written_short_as_teams_writes_them_are_one_note() -> None:
    """Microsoft Teams writes ``0:0:1.5``: players skip such cues, but what is
    meant is plain, and the site's feed files write the times in full: one
    note for the file, at its first such line, not a warning a cue."""
    reading = read_text("WEBVTT\n\n0:0:0.0 --> 0:0:1.570\n<v Ada Host>One.</v>\n\n"
                        "0:0:1.570 --> 0:0:3.5\n<v Ben Guest>Two.</v>\n", ".vtt")
    [problem] = reading.problems
    assert (problem.lineno, problem.kind, problem.level) == (3, "timing", "info")
    assert problem.message.startswith(
        "the cue times of this file are written short, as Microsoft Teams writes them "
        "('0:0:0.0 --> 0:0:1.570', and 1 more): they are read as meant")
    assert [(c.start, c.end) for c in reading.cues] == [(0.0, 1.57), (1.57, 3.5)]


# -- web-platform-tests: WebVTT cue text --------------------------------------------------


@cache
def cue_text_verdicts() -> list[tuple[str, str]]:
    out = []
    for dat in sorted((WPT / "cue-text-parsing" / "dat").glob("*.dat")):
        for data, _text, _titles in standard.dat_cases(dat.read_text(encoding="utf-8")):
            text = "WEBVTT\n\n00:00.000 --> 00:01.000\n" + data
            out.append((data, judge(standard_cues(text), read_text(text, ".vtt"))))
    return out


def test_every_cue_text_case_of_web_platform_tests() -> None:
    corpus(WPT)
    gaps = [(data, verdict) for data, verdict in cue_text_verdicts() if verdict not in (STANDARD, CHOICE)]
    assert gaps == []
    assert len(cue_text_verdicts()) == 77


def test_a_less_than_sign_players_hide_is_shown_and_warned_at_its_line() -> None:
    reading = read_text("WEBVTT\n\n00:00.000 --> 00:02.000\nFirst line\nI <3 this <laughs> part\n", ".vtt")
    [problem] = reading.problems
    assert (problem.lineno, problem.kind) == (5, "markup")
    assert problem.message.startswith("'<3 this <laughs>', '<laughs>' open no WebVTT tag")
    assert "write '&lt;' for a '<' that is text" in problem.message
    assert shown(reading.cues[0].text).split() == ["First", "line", "I", "<3", "this", "<laughs>", "part"]


# -- SubRip: the srt and pysrt test suites -------------------------------------------------


def srt_expected() -> dict[str, dict]:
    found: dict[str, dict] = json.loads((SRT / "expected.json").read_text(encoding="utf-8"))
    return found


@cache
def srt_verdicts() -> dict[str, str]:
    out = {}
    for name, case in srt_expected().items():
        if name.startswith("podcast-namespace/"):
            continue
        expected = None if case["rejected"] else [
            Expected(cue["line"], cue["start"], cue["end"], cue["visible"]) for cue in case["cues"]
        ]
        verdict = judge(expected, read_path(SRT / name))
        if case.get("either") and verdict not in (STANDARD, CHOICE) and read_path(SRT / name).warned:
            verdict = CHOICE  # srt and pysrt disagree: a warning is a reading too
        out[name] = verdict
    return out


def test_every_subrip_quirk_of_the_srt_and_pysrt_suites() -> None:
    corpus(SRT)
    gaps = {name: verdict for name, verdict in srt_verdicts().items() if verdict not in (STANDARD, CHOICE)}
    assert gaps == {}
    assert len(srt_verdicts()) == 40


@pytest.mark.parametrize(("name", "line", "says"), [
    ("srt-noncontiguous.srt", 6, "'7', '00:00:12,000 garbage2' between two cues"),
    ("pysrt-item-string-index.srt", 1, "'foo' stands where the cue's number goes"),
])
def test_what_subrip_skips_is_named_at_its_line(name: str, line: int, says: str) -> None:
    reading = read_path(corpus(SRT / name))
    assert any(p.lineno == line and says in p.message for p in reading.problems), reading.problems


@pytest.mark.parametrize("name", ["srt-negative-index.srt", "srt-index-with-dot.srt",
                                  "pysrt-item-junk-after-timestamp.srt", "pysrt-bom-utf-32-be.srt",
                                  "pysrt-bom-utf-32-le.srt"])
def test_subrip_reads_as_the_libraries_do(name: str) -> None:
    corpus(SRT)
    assert srt_verdicts()[name] == STANDARD
    assert read_path(SRT / name).warned == set()


# -- Podcasting 2.0: the namespace's examples ------------------------------------------------

#: transcript example -> the people its page declares (as a publisher would)
TRANSCRIPTS = {
    "example.vtt": ("Sarah", "Gillian"),
    "example.srt": ("Travis", "Sarah, Gilon"),
    "example.json": ("Darth Vader", "Luke"),
    "example.html": ("Travis", "Sarah, Gilon"),
    "snippet.vtt": ("John", "Tom"),
    "snippet.srt": ("Sarah", "Gillian"),
    "snippet.json": ("Darth Vader", "Luke"),
    "snippet.html": ("Kevin", "Alban"),
    "example-at-04e99c5.vtt": ("Travis", "Sarah, Gilon"),
    "example-at-4c6a824.vtt": ("Travis", "Sarah, Gilon"),
}
CHAPTERS = ["example.json", "exampleComplex.json", "snippet-basic.json", "snippet-complex.json",
            "exampleComplex-at-44493c6-parent.json"]
#: the one example that is not valid: a comma after a chapter's last member
BROKEN_CHAPTERS = "exampleComplex-at-44493c6-parent.json"


def _episode() -> str:
    """Our own invented episode, long enough for every example's chapters:
    a cue every 100 seconds for 1 h 45 min."""
    cues = []
    for n in range(64):
        start = n * 100
        cues.append(f"{start // 3600:02d}:{start // 60 % 60:02d}:{start % 60:02d}.000 --> "
                    f"{(start + 90) // 3600:02d}:{(start + 90) // 60 % 60:02d}:{(start + 90) % 60:02d}.000\n"
                    f"<v Maya Okafor>Part {n + 1} of our long talk about feeds.\n")
    return "WEBVTT\n\n" + "\n".join(cues)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def namespace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """A project publishing every example, each with its page's directive only."""
    corpus(NAMESPACE)
    srcdir = tmp_path_factory.mktemp("namespace") / "src"
    for folder in ("transcripts", "chapters"):
        (srcdir / "examples" / folder).mkdir(parents=True)
    pages = []
    for name, (host, guests) in TRANSCRIPTS.items():
        shutil.copy(NAMESPACE / "transcripts" / name, srcdir / "examples" / "transcripts" / name)
        pages.append(f"t-{slug(name)}")
        (srcdir / f"{pages[-1]}.md").write_text(
            f"# {name}\n\n```{{transcript}} examples/transcripts/{name}\n:host: {host}\n:guests: {guests}\n```\n",
            encoding="utf-8")
    (srcdir / "episode.vtt").write_text(_episode(), encoding="utf-8")
    for name in CHAPTERS:
        shutil.copy(NAMESPACE / "chapters" / name, srcdir / "examples" / "chapters" / name)
        pages.append(f"c-{slug(name)}")
        (srcdir / f"{pages[-1]}.md").write_text(
            f"# {name}\n\n```{{transcript}} episode.vtt\n:host: Maya Okafor\n"
            f":chapters: examples/chapters/{name}\n```\n", encoding="utf-8")
    (srcdir / "index.md").write_text("# Examples\n\n```{toctree}\n" + "\n".join(pages) + "\n```\n",
                                     encoding="utf-8")
    (srcdir / "conf.py").write_text(textwrap.dedent("""\
        extensions = ["myst_parser", "sphinx_transcripts"]
        project = "Examples"
        exclude_patterns = ["examples", "episode.vtt"]
        nitpicky = True
        """), encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    yield app


def namespace_warnings(app: SphinxTestApp) -> list[str]:
    return strip_escape_sequences(app.warning.getvalue()).splitlines()


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def source_turns(name: str) -> list[tuple[str, list[str]]]:
    """``(speaker, words)`` of each turn, read from the example by other
    means than the project's: the standard's oracle for WebVTT (a voice, or a
    ``Name:`` opening a cue), ``expected.json`` for SubRip, JSON and HTML
    parsers for the rest; consecutive pieces of one speaker make one turn."""
    path = NAMESPACE / "transcripts" / name
    pieces: list[tuple[str | None, str]] = []
    if name.endswith(".vtt"):
        for cue in standard_cues(standard_text(path)) or []:
            pieces.append((cue.voices[0] if cue.voices else None, cue.text))
    elif name.endswith(".srt"):
        for cue in srt_expected()[f"podcast-namespace/transcripts/{name}"]["cues"]:
            pieces.append((None, cue["visible"]))
    elif name.endswith(".json"):
        for segment in json.loads(path.read_text(encoding="utf-8"))["segments"]:
            pieces.append((segment["speaker"], segment["body"]))
    else:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for cite in soup.find_all("cite"):
            pieces.append((cite.get_text().rstrip(": "), cite.find_next("p").get_text()))
    turns: list[tuple[str, list[str]]] = []
    for who, text in pieces:
        found = re.match(r"\s*([A-Z][\w ]{0,30}?)\s*:\s", text) if who is None else None
        if found:
            who, text = found[1], text[found.end():]
        if who is None or (turns and turns[-1][0] == who):
            turns[-1][1].extend(words(text))
        else:
            turns.append((who, words(text)))
    return turns


def test_every_podcasting_example_builds_under_w(namespace: SphinxTestApp) -> None:
    """No warning but the broken example's, at its line, naming the comma."""
    broken = NAMESPACE / "chapters" / BROKEN_CHAPTERS
    line = next(n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1)
                if text.rstrip().endswith('namespace",'))
    warnings = namespace_warnings(namespace)
    assert len(warnings) == 1, "\n".join(warnings)
    [warning] = warnings
    assert f"{BROKEN_CHAPTERS}:{line}: WARNING: the chapters file is not valid JSON" in warning
    assert "a comma after the last member" in warning


@pytest.mark.parametrize("name", TRANSCRIPTS)
def test_a_podcasting_transcript_example_shows_its_speakers_and_words(
    namespace: SphinxTestApp, name: str
) -> None:
    turns = page(namespace, f"t-{slug(name)}").select("div.transcript-turn")
    got = [(t.select_one(".transcript-speaker").get_text(),
            words(" ".join(p.get_text(" ") for p in t.select(".transcript-turn-body p, .transcript-turn-body li"))))
           for t in turns]
    assert got == source_turns(name)


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_podcasting_chapters_example_shows_its_chapters(namespace: SphinxTestApp, name: str) -> None:
    text = (NAMESPACE / "chapters" / name).read_text(encoding="utf-8")
    titles = [h.get_text().rstrip("¶#").strip() for h in page(namespace, f"c-{slug(name)}").select("section.transcript-chapter > h2")]
    if name == BROKEN_CHAPTERS:
        assert titles == []
        return
    want = [c["title"] for c in json.loads(text)["chapters"] if c.get("toc") is not False]
    assert [re.sub(r"^\d+:\d+(?::\d+)?\s*", "", t) for t in titles] == want


# -- the figures ---------------------------------------------------------------------------


def figures() -> dict[str, Tally]:
    tallies = {name: Tally() for name in ("wpt", "cue-text", "srt")}
    for verdict in wpt_verdicts().values():
        tallies["wpt"].add(verdict)
    for _data, verdict in cue_text_verdicts():
        tallies["cue-text"].add(verdict)
    for verdict in srt_verdicts().values():
        tallies["srt"].add(verdict)
    return tallies


def test_the_readme_states_the_figures_the_tests_compute() -> None:
    corpus(WPT)
    corpus(SRT)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for key, tally in figures().items():
        stated = (f"{tally.figure} ({tally.standard} as {'the standard' if key != 'srt' else 'srt or pysrt'}"
                  f" reads them, {tally.choice} by a choice below)")
        assert stated in readme, (key, stated)
    assert f"{len(TRANSCRIPTS) + len(CHAPTERS)}/15 Podcasting 2.0 examples" in readme

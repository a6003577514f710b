"""Bounded work: no input stops the build or makes it run for ever.

Two properties, for every input the extension reads (the fourteen transcript
formats, chapters files, the speaker registry) and for what it writes (the
feed files):

- **Depth.** A JSON or TOML file nested deeper than
  :data:`sphinx_transcripts.limits.MAX_DEPTH` (2 kB of brackets is enough to make
  Python's readers raise ``RecursionError``) is a warning at its file and
  line, and the build goes on: test-bounded has one such file per kind
  beside a good page, and every page is written.
- **Linear time.** Crafted worst cases (the long lines, runs of one
  character and many small cues that made a regular expression backtrack or
  a loop scan again from the start) take at most about twice as long at
  200 kB as at 100 kB.  The measure is a ratio of two sizes, never a
  wall-clock limit: each size is timed in CPU time, the best of a few runs,
  and quadratic work gives a ratio near 4 where linear work gives 2.
"""

from __future__ import annotations

import gc
import json
import logging
import re
import shutil
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import srt as srt_library
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts import limits
from sphinx_transcripts.dialogue import chapters as placement
from sphinx_transcripts.dialogue import markup
from sphinx_transcripts.dialogue.markup import suspicious
from sphinx_transcripts.model import Chapter, Paragraph, Transcript, Turn
from sphinx_transcripts.people import load as loading
from sphinx_transcripts.people import registry as speakers
from sphinx_transcripts.people.labels import LabelTable
from sphinx_transcripts.people.registry import parse_registry
from sphinx_transcripts.readers import FORMATS, ParseContext, chapters
from sphinx_transcripts.readers import markdown as markdown_reader
from sphinx_transcripts.readers import srt as srt_reader
from sphinx_transcripts.readers import webvtt as webvtt_reader
from sphinx_transcripts.writers import feed_files

T = TypeVar("T")

# -- depth --------------------------------------------------------------------------

DEEP = 1000  # what made the JSON reader raise RecursionError
DEEP_TOML = 500


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


DEEP_FILES = {
    "transcripts/deep-podcast.json": (
        '{"version": "1.0.0",\n "segments": [\n'
        '  {"speaker": "Noor Haddad", "startTime": 0, "endTime": 2, "body": "Hello."},\n'
        f'  {{"speaker": "Tomas Lindqvist", "startTime": 2, "endTime": 4, "body": {nested(DEEP)}}}\n'
        " ]\n}\n"
    ),
    "transcripts/deep-whisper.json": (
        '{"text": " Hello. Deep.",\n "segments": [\n'
        '  {"id": 0, "start": 0.0, "end": 2.0, "text": " Hello."},\n'
        f'  {{"id": 1, "start": 2.0, "end": 4.0, "text": " Deep.", "tokens": {nested(DEEP)}}}\n'
        " ],\n \"language\": \"en\"\n}\n"
    ),
    "transcripts/deep.chapters.json": (
        '{"version": "1.2.0",\n "chapters": [\n'
        '  {"startTime": 0, "title": "Opening"},\n'
        f'  {{"startTime": 4, "title": "Deeper", "location": {nested(DEEP)}}}\n'
        " ]\n}\n"
    ),
}

GOOD_REGISTRY = (
    '[[speaker]]\nname = "Noor Haddad"\nbio = "Host."\n\n'
    '[[speaker]]\nname = "Tomas Lindqvist"\nbio = "Guest."\n'
)
DEEP_REGISTRY = GOOD_REGISTRY + f"\n[[speaker]]\nname = \"Ines Duarte\"\nbio = {nested(DEEP_TOML)}\n"

TOO_DEEP = ("is nested more than 32 levels deep ({what}); no real file is, so it is not read")
JSON_PARTS = "arrays or objects inside each other"
TOML_PARTS = "arrays, tables or dotted keys inside each other"


def make_root(rootdir: Path, dest: Path, registry: str) -> Path:
    srcdir = dest / "src"
    shutil.copytree(rootdir / "test-bounded", srcdir)
    for name, text in DEEP_FILES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    (srcdir / "speakers.toml").write_text(registry, encoding="utf-8")
    return srcdir


def build(srcdir: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def deep(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """test-bounded with its deep files and a deep registry, built once."""
    yield build(make_root(rootdir, tmp_path_factory.mktemp("deep"), DEEP_REGISTRY))


def warnings_of(app: SphinxTestApp) -> list[str]:
    return strip_escape_sequences(app.warning.getvalue()).splitlines()


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_each_deep_file_is_a_warning_at_its_line_and_nothing_else(deep: SphinxTestApp) -> None:
    src = Path(deep.srcdir)
    registry = src / "speakers.toml"
    transcripts = src / "transcripts"
    expected = [
        f"{registry}:{line_of(registry, 'Ines Duarte') + 1}: WARNING: the file's TOML "
        + TOO_DEEP.format(what=TOML_PARTS) + " [transcript.registry]",
        f"{transcripts / 'deep-podcast.json'}:4: WARNING: the file's JSON "
        + TOO_DEEP.format(what=JSON_PARTS) + " [transcript.json]",
        f"{transcripts / 'deep-whisper.json'}:4: WARNING: the file's JSON "
        + TOO_DEEP.format(what=JSON_PARTS) + " [transcript.json]",
        f"{transcripts / 'deep.chapters.json'}:4: WARNING: the chapters file's JSON "
        + TOO_DEEP.format(what=JSON_PARTS) + " [transcript.chapter]",
    ]
    assert sorted(warnings_of(deep)) == sorted(expected)


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8"),
                         "html.parser")


@pytest.mark.parametrize("name", ["index", "good", "deep-podcast", "deep-whisper", "deep-chapters"])
def test_every_page_is_written(deep: SphinxTestApp, name: str) -> None:
    assert page(deep, name).select_one("h1") is not None


NAMES_OF_GOOD = ("Noor Haddad", "Tomas Lindqvist")


def test_the_good_page_keeps_its_turns(deep: SphinxTestApp) -> None:
    turns = page(deep, "good").select("div.transcript-turn")
    assert [t.select_one(".transcript-speaker").get_text() for t in turns] == list(NAMES_OF_GOOD)


def test_a_transcript_whose_chapters_are_too_deep_keeps_its_turns(deep: SphinxTestApp) -> None:
    turns = page(deep, "deep-chapters").select("div.transcript-turn")
    assert "The turns are shown all the same." in turns[1].get_text()


def test_with_a_good_registry_only_the_three_deep_files_warn(rootdir: Path, tmp_path: Path) -> None:
    app = build(make_root(rootdir, tmp_path, GOOD_REGISTRY))
    assert len(warnings_of(app)) == 3
    assert not any("speakers.toml" in w for w in warnings_of(app))


# the limit itself, at the level of the readers: just within is read, one more is not


def podcast(body: str) -> list[str]:
    return ['{"segments": [', '{"speaker": "A", "startTime": 0, "body": "Hi."},',
            f'{{"speaker": "B", "startTime": 1, "body": "Yes.", "extra": {body}}}', "]}"]


@pytest.mark.parametrize("name", ["podcast-json", "whisper-json"])
def test_json_formats_read_up_to_the_limit(name: str) -> None:
    lines = podcast(nested(limits.MAX_DEPTH - 3))  # the file's object, list, segment: three
    if name == "whisper-json":
        lines = [line.replace("startTime", "start").replace("body", "text") for line in lines]
    parsed = FORMATS[name].parse(lines, 10, ParseContext())
    assert not [p for p in parsed.problems if p.kind == "json"]
    too_deep = FORMATS[name].parse([*lines[:2], lines[2].replace("[", "[[", 1).replace("]", "]]", 1),
                                    *lines[3:]], 10, ParseContext())
    assert [(p.lineno, p.kind) for p in too_deep.problems] == [(12, "json")]
    assert "nested more than 32 levels deep" in too_deep.problems[0].message


def test_chapters_read_up_to_the_limit() -> None:
    text = '{"chapters": [\n{"startTime": 0, "title": "A", "x": %s}\n]}'
    found, problems = chapters.read((text % nested(limits.MAX_DEPTH - 3)).splitlines(), ".json")
    assert [c.title for c in found] == ["A"] and problems == []
    found, problems = chapters.read((text % nested(limits.MAX_DEPTH - 2)).splitlines(), ".json")
    assert found == [] and [p.lineno for p in problems] == [2]


@pytest.mark.parametrize("deep_toml", [
    f"bio = {nested(limits.MAX_DEPTH)}",  # arrays: with the [[speaker]] list and table, 2 more
    "bio = " + "{a = " * limits.MAX_DEPTH + "1" + "}" * limits.MAX_DEPTH,  # inline tables
    "bio" + ".a" * limits.MAX_DEPTH + " = 1",  # a dotted key
    "[speaker.bio" + ".a" * limits.MAX_DEPTH + "]",  # a table's name
])
def test_the_registry_refuses_toml_nested_too_deep_at_its_line(deep_toml: str) -> None:
    text = f'[[speaker]]\nname = "Noor Haddad"\n{deep_toml}\n'
    registry, problems = speakers.parse_registry(text)
    assert list(registry) == []
    assert [(p.lineno, p.message) for p in problems] == [
        (3, "the file's TOML " + TOO_DEEP.format(what=TOML_PARTS))]


def test_the_registry_reads_toml_nested_up_to_the_limit() -> None:
    depth = limits.MAX_DEPTH - 3  # [[speaker]] is a list and a table, the key one more
    text = f'[[speaker]]\nname = "Noor Haddad"\nbio = "Host."\nextra = {nested(depth)}\n'
    registry, problems = speakers.parse_registry(text)
    assert [s.name for s in registry] == ["Noor Haddad"]
    assert [p.message.split(":")[1] for p in problems] == [" unknown field 'extra' (known"]


def test_brackets_in_strings_and_comments_are_no_nesting() -> None:
    brackets = "[" * 100 + "{" * 100
    json_text = f'{{"segments": [{{"body": "{brackets}\\"{brackets}", "startTime": 0}}]}}'
    assert limits.json_depth(json_text) is None
    toml_text = (f"a = \"{brackets}\"\nb = '{brackets}'\nc = \"\"\"\n{brackets}\n\"\"\"\n"
                 f"d = '''{brackets}'''\n# {brackets}\n")
    assert limits.toml_depth(toml_text) is None


@pytest.mark.parametrize(("reader", "text"), [
    (lambda text: FORMATS["podcast-json"].parse(text.split("\n"), 1, ParseContext()).problems,
     '{"segments": [\n{"startTime": %s, "body": "x"}]}'),
    (lambda text: chapters.read(text.split("\n"), ".json")[1], '{"chapters": [\n{"startTime": %s}]}'),
    (lambda text: speakers.parse_registry(text)[1], '[[speaker]]\nname = "A"\nbio = %s\n'),
])
def test_an_integer_too_long_for_python_is_a_problem_at_its_line(reader, text: str) -> None:
    problems = reader(text % ("1" * 5000))
    assert [(p.lineno, "Exceeds the limit (4300 digits)" in p.message) for p in problems] == [
        (2 if "chapters" in text or "segments" in text else 3, True)]


# -- linear time ----------------------------------------------------------------------

SMALL, LARGE = 100_000, 200_000  # characters of input
#: the most the time may grow when the input doubles: 2 for linear work, with room for
#: noise (a shared machine, the garbage collector); quadratic work gives 4
MOST = 3.0


def cpu_seconds(run: Callable[[], object]) -> float:
    """CPU time of one ``run()``; a run too quick to measure is repeated and averaged.

    The garbage collector waits meanwhile: when it runs depends on every
    object the test session holds, not on the input, and a full collection
    in the larger run and none in the smaller one doubles a ratio by itself.
    """
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        run()
        took = time.process_time() - started
        if took >= 0.02:
            return took
        times = max(2, int(0.02 / max(took, 1e-5)))
        started = time.process_time()
        for _ in range(times):
            run()
        return (time.process_time() - started) / times
    finally:
        gc.enable()


def growth(small: T, large: T, run: Callable[[T], object], rounds: int) -> float:
    """How many times longer ``run`` takes on ``large`` than on ``small``: the
    best of ``rounds`` runs of each, in turn."""
    best_small = best_large = float("inf")
    for _ in range(rounds):
        best_small = min(best_small, cpu_seconds(lambda: run(small)))
        best_large = min(best_large, cpu_seconds(lambda: run(large)))
    return best_large / best_small


def assert_linear(make: Callable[[int], T], run: Callable[[T], object]) -> None:
    """Twice the input takes at most about twice as long.  One run of each size
    is enough when it says so clearly; else the best of more runs decides (a
    busy machine slows one run, while quadratic work stays near 4 every time)."""
    small, large = make(SMALL), make(LARGE)
    ratio = growth(small, large, run, rounds=1)
    if ratio >= 2.5:
        ratio = min(ratio, growth(small, large, run, rounds=3))
    assert ratio < MOST, f"twice the input took {ratio:.2f} times as long"


def sized(build: Callable[[int], list[str]], size: int) -> list[str]:
    """``build(count)`` with the count that makes about ``size`` characters."""
    sample = build(64)
    return build(max(1, size * 64 // max(1, sum(map(len, sample)) + len(sample))))


#: what made a regular expression backtrack or a scan start again: runs of one
#: character or of a few, each a line of its own in every format's text
PUMPS = [
    "-->", "-- >", "-", " ", "\t", ".", ":", ":a", ".:a", "1", "1:", "1,", "a ", "A ",
    "{{", "}}", "{a", "[", "[^", "![", "](", "[a](", "<", "<a ", "<a:", "<i>", "</b>", "<i.a",
    "<v a>", "<c.a", "<00:01.000>", "&amp;", "\\aa", "|a ", "*", "_", "`", "**a", "(", "a (",
    "#", "# a", "\\[", "Speaker 1 ", "https://a.b/ ", "\u00a0", "\r",
]
#: the same, after something that makes a line start like a header of a format
PREFIXES = ["", "1:1:1", "00:00:01,000 --> ", "[chapter] a", "# a", "**A", "A", "[00:00:01] ",
            "0:01 ", "A  ", "Q: "]


def hostile_lines(width: int, prefixes: list[str] = PREFIXES) -> list[str]:
    """A line of every prefix and pump, each ``width`` characters long."""
    return [prefix + (pump * (width // len(pump) + 1))[:width] + "z"
            for prefix in prefixes for pump in PUMPS]


NAMES = ("Ada Host", "Bob Guest")
CONTEXT = ParseContext(labels=LabelTable({name: name for name in NAMES}),
                       hosts=NAMES[:1], guests=NAMES[1:])


def stamp(seconds: int, separator: str = ".", hours: bool = True) -> str:
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return (f"{hour:02d}:" if hours else "") + f"{minute:02d}:{second:02d}{separator}000"


def short(seconds: int) -> str:
    minutes, second = divmod(seconds, 60)
    return f"{minutes}:{second:02d}"


def in_format(name: str, texts: list[str], raw: bool = True) -> list[str]:
    """A file of format ``name`` whose cues' texts are ``texts`` (two speakers
    in turn, a second each); with ``raw``, each text is also a line of its
    own, where a text format tries its header patterns on it."""
    out: list[str] = []
    json_items: list[dict[str, object]] = []
    for n, text in enumerate(texts):
        who = NAMES[n % 2]
        extra = [text] if raw else []
        if name == "labeled":
            out += [f"{who}: {text}", *extra]
        elif name == "qa":
            out += [f"Q: {text}", "", text, *extra, ""]
        elif name == "markdown":
            out += [f"**{who}:** \\[{short(n)}\\] {text}", *extra, ""]
        elif name == "webvtt":
            out += [f"{stamp(n)} --> {stamp(n + 1)}", f"<v {who}>{text}", *extra, ""]
        elif name == "srt":
            out += [str(n + 1), f"{stamp(n, ',')} --> {stamp(n + 1, ',')}", f"{who}: {text}", *extra, ""]
        elif name == "podcast-json":
            json_items.append({"speaker": who, "startTime": n, "endTime": n + 1, "body": text})
        elif name == "whisper-json":
            json_items.append({"start": n, "end": n + 1, "text": text, "speaker": who})
        elif name == "whisper-table":
            out += [f"{n * 1000}\t{n * 1000 + 1000}\t{text}"]
        elif name == "podcast-html":
            out += [f"<cite>{who}:</cite>", f"<time>{short(n)}</time>", f"<p>{text}</p>", *extra]
        elif name == "descript":
            out += [f"[{stamp(n)[:8]}] {who}: {text}", *extra, ""]
        elif name == "rev":
            out += [f"{who} ({short(n)}):", text, *extra, ""]
        elif name == "name-timecode":
            out += [f"{who}: [{stamp(n)[:8]}] {text}", *extra, ""]
        elif name == "otter":
            out += [f"{who}  {short(n)}", text, *extra, ""]
        elif name == "diarized":
            out += [f"SPEAKER_0{n % 2}: {text}", *extra]
        elif name == "timed-text":
            out += [f"{stamp(n)[:8]} {text}", *extra, ""]
        elif name == "youtube-panel":
            out += [short(n), text, *extra]
        else:
            raise AssertionError(f"no test input for the format {name!r}: add it here")
    if name == "webvtt":
        out = ["WEBVTT", "", *out]
    elif name == "whisper-table":
        out = ["start\tend\ttext", *out]
    elif json_items:
        out = json.dumps({"segments": json_items}, indent=1).split("\n")
    return out


#: markup the standard library's HTML parser looked for the end of from every
#: "<" to the end of the file when it never closes (a comment, an end tag, a
#: processing instruction, a declaration, a marked section, a start tag), as
#: ONE long line: quadratic before ``podcast_html.defuse`` (1 MB of "<!--":
#: over two minutes), or an AssertionError ("<![<![")
UNCLOSED_HTML = ["<!--", "<!--a>", "</", "<?", "<!x", "<![CDATA[ >", "<![<![ ", "<a b="]


@pytest.mark.parametrize("pump", UNCLOSED_HTML)
def test_the_html_reader_reads_markup_that_never_closes_in_linear_time(pump: str) -> None:
    parse = FORMATS["podcast-html"].parse
    assert_linear(
        lambda size: in_format("podcast-html", [(pump * (size // 2 // len(pump) + 1))[:size // 2] + "z"]),
        lambda lines: parse(lines, 1, CONTEXT))


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_format_reads_long_hostile_lines_in_linear_time(name: str) -> None:
    parse = FORMATS[name].parse
    assert_linear(lambda size: sized(lambda width: in_format(name, hostile_lines(width // 8)), size),
                  lambda lines: parse(lines, 1, CONTEXT))


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_format_reads_many_small_cues_in_linear_time(name: str) -> None:
    """One word a cue, as word-level captions and JSON have them."""
    parse = FORMATS[name].parse
    assert_linear(lambda size: sized(lambda count: in_format(name, ["w"] * count, raw=False), size),
                  lambda lines: parse(lines, 1, CONTEXT))


def test_webvtt_rolling_captions_with_long_cues_in_linear_time() -> None:
    """Rolling captions (each cue repeats the last line of the one before) are
    read without the repeats; a long cue after them was compared at every size."""

    def make(size: int) -> list[str]:
        head = ["WEBVTT", ""]
        for n, (first, second) in enumerate([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]):
            head += [f"{stamp(n)} --> {stamp(n + 1)}", first, second, ""]
        many = size // 4
        return [*head, f"{stamp(5)} --> {stamp(6)}", "e", *["x"] * many, "",
                f"{stamp(6)} --> {stamp(7)}", "x", *["y"] * many]

    assert_linear(make, lambda lines: FORMATS["webvtt"].parse(lines, 1, CONTEXT))


def test_the_chapters_reader_is_linear() -> None:
    def json_chapters(size: int) -> list[str]:
        items = [{"startTime": n, "title": f"Part {n}"} for n in range(size // 40)]
        return json.dumps({"version": "1.2.0", "chapters": items}, indent=1).split("\n")

    def vtt_chapters(size: int) -> list[str]:
        return sized(lambda width: in_format("webvtt", hostile_lines(width // 8), raw=False), size)

    assert_linear(json_chapters, lambda lines: chapters.read(lines, ".json"))
    assert_linear(vtt_chapters, lambda lines: chapters.read(lines, ".vtt"))


def test_chapters_are_placed_among_the_turns_in_linear_time() -> None:
    def make(size: int) -> Transcript:
        count = size // 20
        turns = tuple(Turn("A", n, (Paragraph(n, ("w",), float(n)),), speaker="A", start=float(n))
                      for n in range(count))
        marks = tuple(Chapter(float(n), f"Part {n}", n) for n in range(0, count, 2))
        return Transcript((), turns, (), marks)

    assert_linear(make, placement.place)


def registry_text(size: int) -> str:
    """A registry whose every entry has a problem of each kind: a duplicate
    alias, an unknown field, a bad url and avatar, markup in the bio."""
    out = ['[[speaker]]\nname = "Ada Host"\naliases = ["Ada", "AH"]\nbio = "The host."\n']
    number = 0
    while sum(map(len, out)) < size:
        out.append(f'[[speaker]]\nname = "Guest {number}"\nbio = "Guest {number}, <b>bold</b>."\n'
                   f'aliases = ["Ada", "AH", "G{number}"]\nphoto = "p{number}.png"\n'
                   f'url = "javascript:{number}"\navatar = "missing/g{number}.png"\n')
        number += 1
    return "".join(out)


def test_the_registry_loader_is_linear(tmp_path: Path) -> None:
    quiet = logging.NullHandler()  # the avatar warnings, with no Sphinx application to take them
    logging.getLogger("sphinx").addHandler(quiet)

    def load(text: str) -> None:
        registry, _ = parse_registry(text)
        loading._markup(registry, text)
        loading._check_avatars(registry, text, tmp_path / "speakers.toml", tmp_path, inside=True)

    try:
        assert_linear(registry_text, load)
    finally:
        logging.getLogger("sphinx").removeHandler(quiet)


def test_the_markup_checks_are_linear() -> None:
    def make(size: int) -> list[Paragraph]:
        lines = hostile_lines(size // len(PREFIXES) // len(PUMPS))
        return [Paragraph(n, (line,)) for n, line in enumerate(lines)]

    assert_linear(make, lambda paragraphs: [list(suspicious(p)) for p in paragraphs])


def test_the_feed_writers_are_linear_in_the_turns() -> None:
    """Paragraphs with and without times: the end of one without is the next
    start, which was looked for from each cue to the end again."""

    def make(size: int) -> Transcript:
        turns = tuple(Turn(NAMES[n % 2], n, (Paragraph(n, ("A few words.",), float(n) if n % 50 == 0
                                                        else None),),
                           speaker=NAMES[n % 2], start=float(n) if n % 50 == 0 else None)
                      for n in range(size // 30))
        return Transcript((), turns)

    assert_linear(make, feed_files)


def test_the_feed_writers_are_linear_in_long_hostile_text() -> None:
    """The text as the page reads it (the Markdown subset), words, wrapped lines."""

    def make(size: int) -> Transcript:
        lines = hostile_lines(size // len(PUMPS), prefixes=[""])
        turns = tuple(Turn(NAMES[n % 2], n, (Paragraph(n, (line,), float(n)),), speaker=NAMES[n % 2],
                           start=float(n)) for n, line in enumerate(lines))
        return Transcript((), turns)

    assert_linear(make, feed_files)


# -- the linear readings find what the patterns they replace found -------------------
#
# Each quadratic regular expression was replaced by a reading of the line that
# is linear; on short texts, where the old pattern is quick, both must agree.

set_hypothesis_home_dir(Path(__file__).resolve().parent.parent / "_build" / "hypothesis")
SHORT = settings(max_examples=400, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])


def short_text(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=14).map("".join)


MARKUP_PIECES = [*"ab:`{}[]()<>!^|_ -.+\\$=1\t/", "{{", "}}", "<a ", "<p>", "](", "![", "[^", ":a:`",
                 "http:", "<a:b>", "java"]
OLD_ATTEMPTS = [
    re.compile(r"^\s*(?:```|~~~|:::)"),
    re.compile(r"^\s*\.\.\s+(?:[\w:-]+::|_|\|)"),
    re.compile(r"\{[A-Za-z][\w:+.-]*\}`|(?<![\w`]):[A-Za-z][\w:+.-]*:`"),
    re.compile(r"\{\{.*?\}\}|(?<![\w|])\|[A-Za-z][\w -]*\|(?![\w|])"),
    re.compile(
        r"</?(?:a|abbr|audio|b|base|body|br|button|canvas|code|details|dialog|div|em|embed|"
        r"font|form|frame|frameset|h[1-6]|head|html|i|iframe|img|input|link|marquee|math|meta|"
        r"object|p|picture|pre|script|select|source|span|strong|style|sub|sup|svg|table|td|"
        r"template|textarea|th|tr|u|video)(?=[\s/>])[^>]*>", re.I),
    re.compile(r"\\[A-Za-z@]{2,}\d*(?=[\s{\[\\]|$)"),
    re.compile(r"\$\$|\\\(|\\\["),
    re.compile(r"\[\^[^\]]+\]"),
    re.compile(r"^\s*\([\w-]+\)=\s*$"),
    re.compile(r"!\[[^\]]*\]\("),
]
OLD_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]*)|<([A-Za-z][\w+.-]{1,31}:[^>\s]*)>")


@SHORT
@given(short_text(MARKUP_PIECES))
def test_the_markup_finders_find_what_the_patterns_found(line: str) -> None:
    for (what, find), old in zip(markup._ATTEMPTS, OLD_ATTEMPTS, strict=True):
        found = old.search(line)
        assert find(line) == ((found.start(), found.group(0)) if found else None), what
    links = [m.group(1) if m.group(1) is not None else m.group(2) for m in OLD_LINK.finditer(line)]
    assert list(markup._links(line)) == links


OLD_STAMP, OLD_INDEX = srt_library.RGX_TIMESTAMP, srt_library.RGX_INDEX
OLD_SRT = {
    "_TIMING": re.compile(rf"[ \t]*({OLD_STAMP})[ \t]*-[ -][ \t]*>[ \t]*({OLD_STAMP}).*"),
    "_BROKEN": re.compile(r".*-->.*\d|[ \t]*\d+[:.,]\d+[:.,]\d+\S*[ \t]*(?:-+>?|–|—|→)[ \t]*\d.*"),
    "_LOOSE": re.compile(rf"[ \t]*({OLD_STAMP})[ \t]*(?:-+>?|–|—|→)[ \t]*({OLD_STAMP})(?:\s.*)?"),
    "_INDEX": re.compile(rf"[ \t]*{OLD_INDEX}[ \t]*"),
    "_DEBRIS": re.compile(rf"[ \t]*(?:{OLD_INDEX}|{OLD_STAMP}\b.*)[ \t]*"),
}


@SHORT
@given(short_text([*"01:,.- >\t–—→x，", "-->", "00:00:01,000", " --> ", "1:2:3"]))
def test_srt_timing_lines_are_read_as_the_patterns_read_them(line: str) -> None:
    for name, old in OLD_SRT.items():
        before, now = old.fullmatch(line), getattr(srt_reader, name).fullmatch(line)
        assert (before and before.groups()) == (now and now.groups()), name


@SHORT
@given(short_text([*"# \ta\r", "##", "x#"]))
def test_markdown_headings_are_read_as_the_pattern_read_them(line: str) -> None:
    found = re.match(r"^#{1,6}[ \t]+(?P<title>.*?)[ \t]*#*[ \t]*$", line)
    assert markdown_reader._heading(line) == (found["title"] if found else None)


@SHORT
@given(st.lists(st.sampled_from("ab"), max_size=8), st.lists(st.sampled_from("ab"), max_size=8))
def test_rolling_captions_overlap_as_comparing_every_size_said(
        previous: list[str], current: list[str]) -> None:
    sizes = range(min(len(previous), len(current)), 0, -1)
    expected = next((size for size in sizes if previous[-size:] == current[:size]), 0)
    assert webvtt_reader._overlap(previous, current) == expected


def json_values(depth: int) -> st.SearchStrategy[object]:
    leaves = st.sampled_from(["a\\", '"[[', "]]}", '\\"', 1, None, "é[ü", "{"])
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(["k", "[", "}"]), inner, max_size=3),
                        max_leaves=depth)


def nesting(value: object) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict)
                                                            else item))
    return deepest


@SHORT
@given(json_values(40), st.integers(1, 8))
def test_the_json_depth_scan_measures_what_the_decoder_builds(value: object, limit: int) -> None:
    text = json.dumps(value)
    assert (limits.json_depth(text, limit) is None) == (nesting(value) <= limit)


def toml_value(depth: int) -> st.SearchStrategy[str]:
    leaves = st.sampled_from(['"a[b"', "'[{'", '"""\n[[\n"""', "'''\n]]]'''", '"q\\"["', "1.5", "2"])
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=3).map(
        lambda items: "[" + ", ".join(items) + "]") | st.lists(st.tuples(
            st.sampled_from(["a", "b.c", '"d.e"']), inner), max_size=3, unique_by=lambda kv: kv[0]).map(
        lambda pairs: "{" + ", ".join(f"{key} = {value}" for key, value in pairs) + "}"),
        max_leaves=depth)


@SHORT
@given(st.sampled_from(["", "[t]\n", "[[s.t]]\n", "[u.v.w]\n"]), st.sampled_from(["k", "k.l", "k.l.m"]),
       toml_value(12), st.integers(1, 8))
def test_the_toml_depth_scan_measures_what_the_decoder_builds(
        table: str, key: str, value: str, limit: int) -> None:
    text = f"{table}{key} = {value}  # a comment [[[\n"
    data = tomllib.loads(text)
    assert (limits.toml_depth(text, limit) is None) == (nesting(data) - 1 <= limit)


# -- size ---------------------------------------------------------------------------


def test_a_file_larger_than_the_limit_is_a_warning_and_not_read(
        rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What is too large to read (50 MB: :data:`limits.MAX_FILE_BYTES`; here
    made small) is refused at the directive, and the registry at its file;
    the other pages are written."""
    src = make_root(rootdir, tmp_path, GOOD_REGISTRY)
    vtt = src / "transcripts" / "good.vtt"
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", vtt.stat().st_size - 1)
    (src / "speakers.toml").write_text(GOOD_REGISTRY + "#" * vtt.stat().st_size, encoding="utf-8")
    app = build(src)
    limit = f"{vtt.stat().st_size - 1:,} bytes"
    where = src / "deep-chapters.md"
    registry = src / "speakers.toml"
    assert (f"{where}:3: WARNING: transcript file 'transcripts/good.vtt' is {vtt.stat().st_size:,} "
            f"bytes, more than the {limit} a file may be (a 3-hour episode is under 10 MB even with "
            "a time for every word); it is not read [transcript.source]") in warnings_of(app)
    assert (f"{registry}:0: WARNING: transcripts_speakers: the speaker registry 'speakers.toml' is "
            f"{registry.stat().st_size:,} bytes, more than the {limit} a file may be (a 3-hour "
            "episode is under 10 MB even with a time for every word); it is not read "
            "[transcript.registry]") in warnings_of(app)
    turns = page(app, "good").select("div.transcript-turn")
    assert [t.select_one(".transcript-speaker").get_text() for t in turns] == list(NAMES_OF_GOOD)


# -- what one page holds ----------------------------------------------------------


def transcript_of(paragraphs_per_turn: list[int], text: str = "w") -> Transcript:
    turns = []
    line = 1
    for number, count in enumerate(paragraphs_per_turn):
        paragraphs = []
        for _ in range(count):
            paragraphs.append(Paragraph(line, (text,)))
            line += 2
        turns.append(Turn(NAMES[number % 2], paragraphs[0].lineno if paragraphs else line,
                          tuple(paragraphs), speaker=NAMES[number % 2]))
    return Transcript((Paragraph(0, ("An introduction.",)),), tuple(turns))


def test_a_transcript_within_the_limits_is_left_as_it_is() -> None:
    transcript = transcript_of([3, 2, 4])
    assert limits.bounded(transcript) == (transcript, [])


def test_paragraphs_past_the_limit_are_not_shown_and_the_first_is_a_warning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PARAGRAPHS", 6)  # the introduction and five more
    shown, problems = limits.bounded(transcript_of([3, 4, 2]))
    assert [len(turn.paragraphs) for turn in shown.turns] == [3, 2]
    assert [(p.lineno, p.kind) for p in problems] == [(11, "source")]  # the 3rd paragraph of turn 2
    assert problems[0].message.startswith("the transcript has 10 paragraphs, more than the 6 a page")


def test_markup_past_the_limit_is_shown_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_MARKUP", 10)
    shown, problems = limits.bounded(transcript_of([2, 2], text="*a* [b](https://c.d)"))  # 4 marks
    assert [p.plain for turn in shown.turns for p in turn.paragraphs] == [False, False, True, True]
    assert [(p.lineno, p.kind) for p in problems] == [(5, "markup")]
    plain = shown.turns[1].paragraphs[0]
    assert [node.astext() for node in markup.to_nodes(plain, "t.txt")] == ["*a* [b](https://c.d)"]
    assert markup.to_nodes(shown.turns[0].paragraphs[0], "t.txt")[0].children[0].astext() == "a"


def test_a_page_of_many_small_paragraphs_stays_within_its_limits(rootdir: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The limits hold in a build, and the rest of the page is written."""
    monkeypatch.setattr(limits, "MAX_PARAGRAPHS", 40)
    src = make_root(rootdir, tmp_path, GOOD_REGISTRY)
    lines = [f"{NAMES_OF_GOOD[n % 2]}: Turn {n}." for n in range(60)]
    (src / "good.md").write_text("# A long page\n\n```{transcript}\n:host: Noor Haddad\n"
                                 ":guests: Tomas Lindqvist\n\n" + "\n".join(lines) + "\n```\n",
                                 encoding="utf-8")
    app = build(src)
    turns = page(app, "good").select("div.transcript-turn")
    assert len(turns) == 40 and "Turn 39." in turns[-1].get_text()
    assert (f"{src / 'good.md'}:47: WARNING: the transcript has 60 paragraphs, more than the 40 a page "
            "shows (a 10-hour episode has some 20,000); from this line on it is not shown "
            "[transcript.source]") in warnings_of(app)


def test_a_line_of_digits_after_a_time_is_read_in_linear_time() -> None:
    """SubRip's "broken timing line" check on one long line of digits after
    ``1:1:``: each run of digits has one reading (it was quadratic)."""
    def make(size: int) -> list[str]:
        return ["1", "00:00:01,000 --> 00:00:02,000", "Ada Host: hello", "", "1:1:" + "1" * size]

    parse = FORMATS["srt"].parse
    parsed = parse(make(1000), 1, CONTEXT)
    assert [turn.paragraphs[0].lines[0] for turn in parsed.turns][:1] == ["hello"]
    assert_linear(make, lambda lines: parse(lines, 1, CONTEXT))

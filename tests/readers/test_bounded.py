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

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts import limits
from sphinx_transcripts.people import registry as speakers
from sphinx_transcripts.readers import FORMATS, ParseContext, chapters

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


def test_the_good_page_keeps_its_turns(deep: SphinxTestApp) -> None:
    turns = page(deep, "good").select("div.transcript-turn")
    assert [t.select_one(".transcript-speaker").get_text() for t in turns] == [
        "Noor Haddad", "Tomas Lindqvist"]


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

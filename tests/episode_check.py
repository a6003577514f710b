"""What the format tests share: the test episode, and a fixture read the way
the directive reads it (choose, parse, cast.resolve)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx_transcripts.model import Transcript
from sphinx_transcripts.people import cast
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import FORMATS, ParseContext, choose

FIXTURES = Path(__file__).parent / "data" / "formats"
EPISODE = json.loads((FIXTURES / "episode.json").read_text(encoding="utf-8"))
_WORD = re.compile(r"[\w'’]+")

#: the fixtures of the Podcasting 2.0 and text-export formats, and their format
TEXT_FIXTURES = {
    "podcast.json": "podcast-json",
    "podcast-words.json": "podcast-json",
    "podcast.html": "podcast-html",
    "whisper.json": "whisper-json",
    "whisperx.json": "whisper-json",
    "whisper-cpp.json": "whisper-json",
    "whisper.tsv": "whisper-table",
    "whisper-cpp.csv": "whisper-table",
    "descript.txt": "descript",
    "rev.txt": "rev",
    "name-timecode.txt": "name-timecode",
    "otter.txt": "otter",
    "diarized.txt": "diarized",
    "youtube-panel.txt": "youtube-panel",
    "changelog.md": "markdown",
    "rev-archive.md": "markdown",
    "talk-python.txt": "timed-text",
}
TEXT_FORMATS = sorted(set(TEXT_FIXTURES.values()))
DIARIZED_MAP = {"SPEAKER_00": "Maya Okafor", "SPEAKER_01": "Priya Raman", "SPEAKER_02": "Daniel Reyes"}


def episode_cast(mapping: dict[str, str] | None = None, single: str = "") -> cast.Cast:
    return cast.make_cast(Registry(), EPISODE["hosts"], EPISODE["guests"], mapping, single)


def context_of(people: cast.Cast) -> ParseContext:
    return ParseContext(people.labels, hosts=people.hosts, guests=people.guests)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def transcript_words(transcript: Transcript) -> list[str]:
    return [w for turn in transcript.turns for p in turn.paragraphs for w in words(p.text)]


EPISODE_WORDS = [w for turn in EPISODE["turns"] for w in words(turn["text"])]
EPISODE_SPEAKERS = [turn["speaker"] for turn in EPISODE["turns"]]
EPISODE_STARTS = [turn["start"] for turn in EPISODE["turns"]]
#: the starts as tools that write whole seconds show them (they cut, not round)
EPISODE_SECONDS = [float(int(s)) for s in EPISODE_STARTS]


def text_of(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def read(name: str, mapping: dict[str, str] | None = None, fmt: str = "") -> Transcript:
    """The fixture ``name`` parsed (by ``fmt``, or the format chosen) and resolved."""
    people = episode_cast(mapping)
    context = context_of(people)
    text = text_of(name)
    chosen = FORMATS[fmt] if fmt else choose(text, Path(name).suffix, context).format
    return cast.resolve(chosen.parse(text.splitlines(), 1, context), people)


def parse(fmt: str, text: str, first: int = 1, mapping: dict[str, str] | None = None,
          resolve: bool = False) -> Transcript:
    """``text`` parsed by the format ``fmt`` with the episode's people."""
    people = episode_cast(mapping)
    parsed = FORMATS[fmt].parse(text.split("\n"), first, context_of(people))
    return cast.resolve(parsed, people) if resolve else parsed


def problems(transcript: Transcript) -> list[tuple[int, str, str]]:
    return [(p.lineno, p.kind, p.message) for p in transcript.problems]


def check_choice(name: str, fmt: str, mapping: dict[str, str] | None = None) -> None:
    """The format's detector claims the fixture and choose() picks it, silently."""
    context = context_of(episode_cast(mapping))
    text = text_of(name)
    assert FORMATS[fmt].detect(text, context) >= 0.5
    choice = choose(text, Path(name).suffix, context)
    assert (choice.format.name, choice.problem) == (fmt, "")


def check_episode(name: str, fmt: str, starts: list[float] | None = None) -> None:
    """The fixture ``name`` is the whole episode, as ``fmt`` reads it: every
    turn's speaker, start (``starts``: whole seconds unless given) and word,
    no problem, and ``fmt`` is the format chosen for it."""
    parsed = read(name)
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    assert [t.start for t in parsed.turns] == (EPISODE_SECONDS if starts is None else starts)
    assert transcript_words(parsed) == EPISODE_WORDS
    assert parsed.problems == ()
    check_choice(name, fmt)

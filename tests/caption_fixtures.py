"""The test episode and its caption fixtures (WebVTT, SRT), read the way the
directive reads them: the file, the format, the parser, then the cast."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from sphinx_transcripts.model import Transcript
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import FORMATS, ParseContext
from sphinx_transcripts.source import Source, read_file

FIXTURES = Path(__file__).resolve().parent / "data" / "formats"
EPISODE = json.loads((FIXTURES / "episode.json").read_text(encoding="utf-8"))
SPEAKERS = [turn["speaker"] for turn in EPISODE["turns"]]
STARTS = [turn["start"] for turn in EPISODE["turns"]]
#: WhisperX's diarization labels of the episode's people
WHISPERX_MAP = {"SPEAKER_00": "Maya Okafor", "SPEAKER_01": "Priya Raman", "SPEAKER_02": "Daniel Reyes"}


def make_cast(mapping: dict[str, str] | None = None, single: str = "") -> casting.Cast:
    return casting.make_cast(Registry(), EPISODE["hosts"], EPISODE["guests"], mapping, single)


def context_of(cast: casting.Cast, **options: object) -> ParseContext:
    return ParseContext(labels=cast.labels, hosts=cast.hosts, guests=cast.guests, **options)


def read(name: str) -> Source:
    return read_file(FIXTURES / name, FIXTURES, name)


def parse_fixture(name: str, fmt: str, mapping: dict[str, str] | None = None,
                  single: str = "", **options: object) -> Transcript:
    """The fixture parsed by ``fmt`` and resolved by the episode's cast."""
    cast = make_cast(mapping, single)
    source = read(name)
    parsed = FORMATS[fmt].parse(source.lines, source.first_lineno, context_of(cast, **options))
    return casting.resolve(parsed, cast)


def words(text: str) -> list[str]:
    """The words of a text, markup aside; an ampersand is the word "and"."""
    return re.findall(r"[\w'’]+", text.replace("&", " and "))


def episode_words() -> list[str]:
    return [w for turn in EPISODE["turns"] for w in words(turn["text"])]


def transcript_words(transcript: Transcript) -> list[str]:
    return [w for t in transcript.turns for p in t.paragraphs for w in words(p.text)]


def other_fixtures(own: Sequence[str]) -> list[str]:
    """Every fixture of tests/data/formats but the episode and ``own``."""
    return sorted(p.name for p in FIXTURES.iterdir()
                  if p.is_file() and p.name != "episode.json" and p.name not in own)


def lines(text: str) -> list[str]:
    return text.split("\n")

"""One episode, many formats: each fixture of the test episode in a timed
format gives the same speakers, starts and words.

Starts are compared in whole seconds, the precision of the text exports.
"""

from __future__ import annotations

import pytest
from fixtures import (
    EPISODE_SECONDS,
    EPISODE_SPEAKERS,
    EPISODE_WORDS,
    FIXTURES,
    read,
    transcript_words,
)

#: the episode in the formats whose fixtures carry speakers and times
CANDIDATES = ["podcast.json", "podcast-words.json", "podcast.html", "descript.txt", "rev.txt",
              "name-timecode.txt", "podcast.srt", "webvtt-voices.vtt"]
FILES = [name for name in CANDIDATES if (FIXTURES / name).is_file()]


@pytest.mark.parametrize("name", FILES)
def test_every_format_gives_the_same_episode(name: str) -> None:
    parsed = read(name)
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    assert [float(int(t.start)) if t.start is not None else None for t in parsed.turns] == EPISODE_SECONDS
    assert transcript_words(parsed) == EPISODE_WORDS
    assert not [p for p in parsed.problems if p.level == "warning"]


def test_the_formats_agree_with_each_other() -> None:
    readings = {name: read(name) for name in FILES}
    shapes = {
        name: ([t.speaker for t in parsed.turns], transcript_words(parsed))
        for name, parsed in readings.items()
    }
    assert len(set(map(repr, shapes.values()))) == 1
    assert {"podcast.json", "descript.txt", "rev.txt"} <= set(FILES)

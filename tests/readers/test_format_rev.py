"""The ``rev`` format: ``Name (01:02):`` then the turn's text."""

from __future__ import annotations

from fixtures import (
    check_episode,
    context_of,
    episode_cast,
    parse,
    problems,
    read,
)
from sphinx_transcripts.readers import rev


def test_the_fixture_gives_the_episode() -> None:
    check_episode("rev.txt", "rev")


def test_a_second_paragraph_under_one_header_stays_in_the_turn() -> None:
    turn = read("rev.txt").turns[4]
    assert (turn.lineno, turn.paragraphs[0].lines) == (13, (
        "Mostly PyTorch and patience. I rewrote the sampler three times.",
        "The version in the course fits on a laptop, so students see a picture in twenty minutes, "
        "not two days.",
    ))


def test_a_time_alone_is_a_new_paragraph_of_the_same_speaker_at_that_time() -> None:
    parsed = parse("rev", "Maya Okafor (00:00:00):\nHi.\n\n(00:01:51):\nMore of it.\n\n"
                          "Daniel Reyes (00:02:00):\nHello.", resolve=True)
    assert [(t.speaker, t.start, [(p.start, p.text) for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", 0.0, [(0.0, "Hi."), (111.0, "More of it.")]),
        ("Daniel Reyes", 120.0, [(120.0, "Hello.")]),
    ]
    assert problems(parsed) == []


def test_hours_and_unnamed_speakers() -> None:
    parsed = parse("rev", "Speaker 1 (01:02:03):\nHello.\n\nMaya Okafor (59:59.5):\nHi.", resolve=True)
    assert [(t.label, t.speaker, t.start) for t in parsed.turns] == [
        ("Speaker 1", "Speaker 1", 3723.0), ("Maya Okafor", "Maya Okafor", 3599.5),
    ]
    assert [p.kind for p in parsed.problems] == ["unmapped-label", "timing"]


def test_a_bad_time_is_a_problem_at_its_header() -> None:
    parsed = parse("rev", "Maya Okafor (00:00):\nHi.\n\nDaniel Reyes (00:61):\nHello.", first=2)
    assert problems(parsed) == [
        (5, "timing", "'00:61' is not a time (minutes and seconds run from 00 to 59); "
                      "this part of the transcript has no time"),
    ]
    assert [t.start for t in parsed.turns] == [0.0, None]


def test_detection_wants_header_lines() -> None:
    context = context_of(episode_cast())
    assert rev.detect("We met (00:30): no.\nThen text.\nMore.\nMore.\nMore.\nMore.\nMore.", context) < 0.5

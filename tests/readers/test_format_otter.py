"""The ``otter`` format: Otter.ai's ``Name  1:02`` export, its unnamed
speakers and its footer."""

from __future__ import annotations

from fixtures import (
    EPISODE_SECONDS,
    EPISODE_SPEAKERS,
    EPISODE_WORDS,
    check_choice,
    context_of,
    episode_cast,
    parse,
    problems,
    read,
    transcript_words,
)
from sphinx_transcripts.readers import otter

FOOTER = "Transcribed by https://otter.ai"
MAP = {"Unknown Speaker": "Priya Raman"}


def test_the_fixture_gives_the_episode_and_the_footer_is_its_credit() -> None:
    parsed = read("otter.txt", MAP)
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    assert [t.start for t in parsed.turns] == EPISODE_SECONDS
    assert transcript_words(parsed) == EPISODE_WORDS
    assert [(p.lineno, p.text) for p in parsed.credits] == [(31, FOOTER)]
    assert [(p.lineno, p.kind, p.message, p.level) for p in parsed.problems] == [
        (31, "footer", "Otter's footer is not spoken: it is shown under the dialogue as the "
                       "transcript's credit", "info"),
    ]
    check_choice("otter.txt", "otter", MAP)
    check_choice("otter.txt", "otter")


def test_without_a_map_unknown_speaker_stays_and_is_a_warning() -> None:
    parsed = read("otter.txt")
    assert parsed.turns[1].label == parsed.turns[1].speaker == "Unknown Speaker"
    assert [(p.lineno, p.kind, p.level) for p in parsed.problems if p.kind != "footer"] == [
        (4, "unmapped-label", "warning"),
    ]
    assert "'Unknown Speaker' (1 turn) maps to nobody" in parsed.problems[0].message


def test_the_footer_is_not_the_last_speakers() -> None:
    parsed = parse("otter", "Maya Okafor  0:00\nHello.\nTranscribed by https://otter.ai\n\n")
    assert [(t.label, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", ["Hello."]),
    ]
    assert [p.text for p in parsed.credits] == [FOOTER]


def test_hours_tabs_and_speaker_numbers() -> None:
    parsed = parse("otter", "Speaker 1\t1:02:03\nHello.\n\nMaya Okafor   1:02:09\nHi.")
    assert [(t.label, t.start) for t in parsed.turns] == [("Speaker 1", 3723.0), ("Maya Okafor", 3729.0)]
    assert parsed.problems == ()


def test_a_bad_time_is_a_problem_at_its_header() -> None:
    parsed = parse("otter", "Maya Okafor  0:00\nHi.\n\nDaniel Reyes  0:99\nHello.", first=7)
    assert problems(parsed) == [
        (10, "timing", "'0:99' is not a time (minutes and seconds run from 00 to 59); "
                       "this part of the transcript has no time"),
    ]


def test_detection() -> None:
    context = context_of(episode_cast())
    assert otter.detect("Maya Okafor  0:00\nHello.\n\n" + FOOTER, context) >= 0.5
    assert otter.detect("Some text.\nMore text.\n" + FOOTER, context) < 0.5
    assert otter.detect("Meeting at  10:30\n" + "Text.\n" * 8, context) < 0.5

"""The ``name-timecode`` format: ``Name: [00:01:02] text`` (Trint, Sonix)."""

from __future__ import annotations

from fixtures import (
    check_episode,
    context_of,
    episode_cast,
    parse,
    text_of,
)
from sphinx_transcripts.readers import FORMATS, name_timecode


def test_the_fixture_gives_the_episode() -> None:
    check_episode("name-timecode.txt", "name-timecode")


def test_labeled_does_not_claim_it_although_its_labels_are_declared() -> None:
    text = text_of("name-timecode.txt")
    assert FORMATS["labeled"].detect(text, context_of(episode_cast())) < 0.5


def test_a_paragraph_with_only_a_timecode_continues_and_plain_lines_are_text() -> None:
    parsed = parse("name-timecode", "Maya Okafor: [00:00:00] Welcome.\n[00:00:03.250] Today we\ntalk.\n\n"
                                    "Daniel Reyes: [00:00:09] Hi.")
    assert [(t.label, t.start, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", 0.0, ["Welcome.\nToday we\ntalk."]), ("Daniel Reyes", 9.0, ["Hi."]),
    ]


def test_detection_wants_name_then_timecode() -> None:
    context = context_of(episode_cast())
    assert name_timecode.detect("[00:00:00] Maya: Hi.\n[00:00:01] Maya: Hi.", context) < 0.5
    assert name_timecode.detect("Maya: [00:00:00] Hi.\nDaniel: [00:00:01] Hello.", context) >= 0.5

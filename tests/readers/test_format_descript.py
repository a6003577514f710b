"""The ``descript`` format: ``[00:01:02] Name: text`` paragraphs."""

from __future__ import annotations

from fixtures import (
    check_episode,
    context_of,
    episode_cast,
    parse,
    problems,
    read,
)
from sphinx_transcripts.readers import descript


def test_the_fixture_gives_the_episode() -> None:
    check_episode("descript.txt", "descript")


def test_two_paragraphs_of_one_speaker_are_one_turn() -> None:
    parsed = read("descript.txt")
    assert [t.lineno for t in parsed.turns[:4]] == [1, 3, 5, 9]


def summary(text: str, first: int = 1) -> list[tuple[str, int, float | None, list[str]]]:
    return [(t.label, t.lineno, t.start, [p.text for p in t.paragraphs])
            for t in parse("descript", text, first).turns]


def test_the_timecode_may_stand_on_its_own_line() -> None:
    text = "[00:00:00]\nMaya Okafor: Welcome back.\n\n[00:00:07]\nPriya Raman: Our guest.\nMore.\n"
    assert summary(text) == [
        ("Maya Okafor", 1, 0.0, ["Welcome back."]),
        ("Priya Raman", 4, 7.0, ["Our guest.\nMore."]),
    ]
    assert descript.detect(text, context_of(episode_cast())) >= 0.5


def test_a_paragraph_without_a_name_continues_the_speaker() -> None:
    text = "[00:00:00] Maya Okafor: Welcome.\n\n[00:00:03] So: back to it.\n[01:02:03.5] Daniel Reyes (he/him): Hi."
    assert summary(text) == [
        ("Maya Okafor", 1, 0.0, ["Welcome.\nSo: back to it."]),
        ("Daniel Reyes (he/him)", 4, 3723.5, ["Hi."]),
    ]


def test_an_undeclared_label_is_a_label_too() -> None:
    assert summary("[00:00:00] Speaker 2: Hello.\n[00:00:01] SPEAKER_00: Hi.") == [
        ("Speaker 2", 1, 0.0, ["Hello."]), ("SPEAKER_00", 2, 1.0, ["Hi."]),
    ]


def test_a_bad_timecode_and_an_empty_paragraph_are_problems_at_their_line() -> None:
    parsed = parse("descript", "Recorded live.\n\n[00:00:00] Maya Okafor: Hi.\n[00:75:00] Maya Okafor: Then.\n"
                               "[00:01:00] Daniel Reyes:", first=20)
    assert [p.text for p in parsed.preamble] == ["Recorded live."]
    assert problems(parsed) == [
        (23, "timing", "'00:75:00' is not a time (minutes and seconds run from 00 to 59); "
                       "this part of the transcript has no time"),
        (24, "empty-cue", "this cue has no text"),
    ]


def test_text_without_timecodes_is_kept_and_reported() -> None:
    parsed = parse("descript", "Maya Okafor: Hello.", first=4)
    assert [p.text for p in parsed.preamble] == ["Maya Okafor: Hello."]
    assert problems(parsed) == [
        (4, "format", "no '[00:01:02] Name: text' line found: the text is kept as the transcript's introduction"),
    ]


def test_detection_wants_most_lines_timecoded() -> None:
    context = context_of(episode_cast())
    assert descript.detect("[00:00:00] A: x\nsome text\nmore text\nand more\n[00:00:03] B: y", context) < 0.5
    assert descript.detect("[00:00:00] A: x", context) >= 0.5

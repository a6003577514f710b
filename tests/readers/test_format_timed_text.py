"""The ``timed-text`` format: ``00:01:02 text`` lines, as Talk Python
publishes its text transcripts."""

from __future__ import annotations

from fixtures import EPISODE_WORDS, check_choice, parse, problems, read, transcript_words


def test_the_fixture_is_the_episode_from_one_unattributed_source() -> None:
    parsed = read("talk-python.txt")
    assert transcript_words(parsed) == EPISODE_WORDS
    assert {t.speaker for t in parsed.turns} == {"Unknown"}
    assert parsed.turns[0].start == 0.0
    assert [p.start for p in parsed.turns[0].paragraphs][:1] == [0.0]
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]
    check_choice("talk-python.txt", "timed-text")


def test_labels_that_open_lines_name_the_speakers() -> None:
    parsed = parse("timed-text", "00:00:01 Maya Okafor: Hi.\n00:00:03 Daniel Reyes: Hello.\n"
                                 "00:00:05 And more.", resolve=True)
    assert [(t.speaker, t.start, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", 1.0, ["Hi."]), ("Daniel Reyes", 3.0, ["Hello.\nAnd more."])]


def test_a_time_that_is_no_time_is_a_problem_at_its_line() -> None:
    parsed = parse("timed-text", "00:00:01 Hello.\n\n00:61:00 there.", first=4)
    assert problems(parsed) == [
        (6, "timing", "'00:61:00' is not a time (minutes and seconds run from 00 to 59); "
                      "this part of the transcript has no time"),
    ]

"""The ``podcast-json`` format: Podcasting 2.0 JSON transcripts."""

from __future__ import annotations

import json

import pytest
from fixtures import (
    EPISODE,
    EPISODE_STARTS,
    check_episode,
    context_of,
    episode_cast,
    parse,
    problems,
    read,
    text_of,
)
from sphinx_transcripts.readers import podcast_json
from sphinx_transcripts.writers import feed_files


@pytest.mark.parametrize("name", ["podcast.json", "podcast-words.json"])
def test_the_fixture_gives_the_episode(name: str) -> None:
    check_episode(name, "podcast-json", EPISODE_STARTS)


@pytest.mark.parametrize("name", ["podcast.json", "podcast-words.json"])
def test_segments_are_joined_with_one_space_and_none_before_punctuation(name: str) -> None:
    parsed = read(name)
    texts = [" ".join(p.text.replace("\n", " ") for p in t.paragraphs) for t in parsed.turns]
    assert texts == [turn["text"] for turn in EPISODE["turns"]]


def test_a_turn_of_two_segments_is_one_turn_at_the_first_segments_line() -> None:
    data = json.loads(text_of("podcast.json"))
    assert len(data["segments"]) == 14  # Daniel's four turns are two segments each
    parsed = read("podcast.json")
    assert parsed.turns[2].lineno == 16  # the line of the first segment's "{"
    assert parsed.turns[2].end == EPISODE["turns"][2]["end"]


def test_word_segments_become_sentence_lines() -> None:
    parsed = read("podcast-words.json")
    assert parsed.turns[0].paragraphs[0].lines == (
        "Welcome back to Gradient Notes.",
        "Today we talk about teaching neural radiance fields to people who have never trained a model.",
    )
    assert parsed.turns[1].paragraphs[0].lines[0] == (
        "Our guest is Daniel Reyes, who wrote the NeRF chapter of an open course."
    )
    # each word keeps its time, for the player to highlight it
    data = json.loads(text_of("podcast-words.json"))["segments"]
    words = parsed.turns[0].paragraphs[0].words
    assert [w for _, w in words] == [s["body"].strip() for s in data[:len(words)]]
    assert [t for t, _ in words] == [float(s["startTime"]) for s in data[:len(words)]]
    assert " ".join(w for _, w in words).replace(" .", ".").startswith("Welcome back to Gradient Notes.")


def segments(*items: dict[str, object]) -> str:
    return json.dumps({"version": "1.0.0", "segments": list(items)}, indent=2)


def test_a_segment_without_speaker_continues_the_previous_one() -> None:
    parsed = parse("podcast-json", segments(
        {"speaker": "Maya Okafor", "startTime": 0, "body": "Hello"},
        {"startTime": 1.0, "endTime": 2.0, "body": "there."},
        {"speaker": "Daniel Reyes", "startTime": 3.0, "body": "Hi."},
    ))
    assert [(t.label, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", ["Hello there."]), ("Daniel Reyes", ["Hi."]),
    ]
    assert [(t.start, t.end) for t in parsed.turns] == [(0.0, 2.0), (3.0, 3.0)]
    assert parsed.problems == ()


def test_a_file_without_speakers_names_nobody() -> None:
    parsed = parse("podcast-json", segments(
        {"startTime": 0, "body": "Hello."}, {"startTime": 1, "body": "Hi."},
    ), resolve=True)
    assert [(t.label, t.speaker) for t in parsed.turns] == [("", "Unknown")]
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]


def test_labels_stay_as_written_for_the_cast() -> None:
    parsed = parse("podcast-json", segments(
        {"speaker": "SPEAKER_00", "startTime": 0, "body": "Hello."},
    ), mapping={"SPEAKER_00": "Maya Okafor"}, resolve=True)
    assert [(t.label, t.speaker) for t in parsed.turns] == [("SPEAKER_00", "Maya Okafor")]


def test_json_that_python_cannot_read_is_a_problem_at_its_line() -> None:
    parsed = parse("podcast-json", '{"version": "1.0.0",\n "segments": [\n  {"body" "x"}\n]}', first=5)
    assert problems(parsed) == [
        (7, "json", "the file is not valid JSON: Expecting ':' delimiter (column 11)"),
    ]


def test_invalid_json_is_a_problem_at_its_line() -> None:
    parsed = parse("podcast-json", '{"version": "1.0.0",\n "segments": [\n  {"body": "x",}\n]}', first=5)
    assert problems(parsed) == [
        (7, "json", "the file is not valid JSON: a comma after the last member of an object (JSON "
                    "allows none before '}'): take it out"),
    ]
    assert parsed.turns == ()


@pytest.mark.parametrize(("text", "what"), [
    ('[{"body": "x"}]', "a JSON list"),
    ('{"version": "1.0.0", "segments": {"body": "x"}}', "an object"),
    ('{"version": "1.0.0"}', "an object"),
])
def test_json_that_is_no_transcript_is_a_problem_at_the_first_line(text: str, what: str) -> None:
    parsed = parse("podcast-json", text, first=3)
    assert problems(parsed) == [
        (3, "json", f'the file is not a Podcasting 2.0 transcript: it is {what} without a "segments" list'),
    ]


def test_bad_segments_are_problems_naming_their_index_at_their_line() -> None:
    text = segments(
        {"speaker": "Maya Okafor", "startTime": 0, "body": "One."},
        {"speaker": "Maya Okafor", "startTime": 1},
        "two",
        {"speaker": "Maya Okafor", "startTime": "0:03", "body": "Three."},
        {"speaker": "Maya Okafor", "body": "Four."},
        {"speaker": 7, "startTime": 5, "endTime": True, "body": "Five."},
        {"speaker": "Maya Okafor", "startTime": 6, "body": 6},
    )
    parsed = parse("podcast-json", text)
    assert problems(parsed) == [
        (9, "json", 'segment 1: has no "body"; it is left out'),
        (13, "json", 'segment 2: is not an object but "two"; it is left out'),
        (14, "json", 'segment 3: "startTime" is not a number but "0:03"; the segment is kept without it'),
        (19, "json", 'segment 4: has no "startTime"; it is kept without a time'),
        (23, "json", 'segment 5: "endTime" is not a number but true; the segment is kept without it'),
        (23, "json", 'segment 5: "speaker" is not text but 7; the segment continues the previous speaker'),
        (29, "json", 'segment 6: "body" is not text but 6; the segment is left out'),
    ]
    assert [p.text for t in parsed.turns for p in t.paragraphs] == ["One.\nThree.\nFour.\nFive."]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "-1", "1e400", "1" + "0" * 400])
def test_a_time_that_is_no_finite_number_is_a_problem_and_the_feed_is_still_written(number: str) -> None:
    """Python's JSON reader accepts NaN and Infinity, and reads 1e400 as infinity."""
    text = ('{"segments": [\n{"speaker": "Maya Okafor", "startTime": 0, "body": "One."},\n'
            f'{{"speaker": "Maya Okafor", "startTime": {number}, "endTime": {number}, "body": "Two."}}\n]}}')
    parsed = parse("podcast-json", text, resolve=True)
    assert [p.text for t in parsed.turns for p in t.paragraphs] == ["One.\nTwo."]
    assert [(line, message.split(" but ")[0]) for line, _, message in problems(parsed)] == [
        (3, 'segment 1: "startTime" is not a time'), (3, 'segment 1: "endTime" is not a time')]
    assert [f.suffix for f in feed_files(parsed)] == ["vtt", "srt", "json"]


def test_a_compact_file_puts_every_segment_on_line_one() -> None:
    text = json.dumps({"segments": [{"startTime": 0, "body": "a"}, {"startTime": 1}]})
    assert problems(parse("podcast-json", text)) == [(1, "json", 'segment 1: has no "body"; it is left out')]


def test_segment_lines_are_found_in_any_layout() -> None:
    text = '{"version": "1.0.0", "other": {"segments": [1]},\n"segments":\n[\n{"a": "]"},\n\n  [],{}]}'
    assert podcast_json.segment_lines(text, 10) == [13, 15, 15]
    assert podcast_json.segment_lines("[]", 1) == []


def test_times_that_go_back_and_empty_bodies_are_problems_at_their_segment() -> None:
    text = segments(
        {"speaker": "Maya Okafor", "startTime": 5.0, "endTime": 6.0, "body": "Late"},
        {"speaker": "Maya Okafor", "startTime": 2.0, "endTime": 3.0, "body": "early."},
        {"speaker": "Maya Okafor", "startTime": 7.0, "endTime": 6.5, "body": "Odd."},
        {"speaker": "Maya Okafor", "startTime": 8.0, "body": " \n"},
    )
    parsed = parse("podcast-json", text)
    assert problems(parsed) == [
        (10, "timing", "this cue starts (2.000 s) before the previous one (5.000 s); "
                       "it is kept where the file has it"),
        (16, "timing", "this cue ends (6.500 s) before it starts (7.000 s)"),
        (22, "empty-cue", "this cue has no text"),
    ]
    assert [p.lines for p in parsed.turns[0].paragraphs] == [("Late", "early.", "Odd.")]


def test_a_pause_makes_a_new_paragraph() -> None:
    parsed = parse("podcast-json", segments(
        {"speaker": "Maya Okafor", "startTime": 0.0, "endTime": 1.0, "body": "Well"},
        {"speaker": "Maya Okafor", "startTime": 9.0, "endTime": 10.0, "body": "then."},
    ))
    assert [(p.start, p.text) for p in parsed.turns[0].paragraphs] == [(0.0, "Well"), (9.0, "then.")]


def test_detection_wants_segments_in_an_object() -> None:
    context = context_of(episode_cast())
    assert podcast_json.detect('{"version": "1.0.0", "chapters": []}', context) == 0
    assert podcast_json.detect('[{"segments": 1}]', context) == 0
    assert podcast_json.detect('\ufeff{"segments": [{"body": "x"}]}', context) >= 0.5

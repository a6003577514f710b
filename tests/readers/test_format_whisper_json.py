"""The ``whisper-json`` format: the test episode as OpenAI Whisper, WhisperX
and whisper.cpp write it as JSON, their speakers, and bad input as located
problems."""

from __future__ import annotations

import json

import pytest
from fixtures import (
    DIARIZED_MAP,
    EPISODE_SPEAKERS,
    EPISODE_STARTS,
    EPISODE_WORDS,
    episode_cast,
    parse_fixture,
    read_source,
    transcript_words,
)
from sphinx_transcripts.model import Transcript
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.readers import FORMATS, ParseContext, choose, podcast_json, whisper_json
from sphinx_transcripts.writers import feed_files

OWN = ["whisper.json", "whisperx.json", "whisper-cpp.json"]


def parse(text: str, first: int = 1, **options: object) -> Transcript:
    return FORMATS["whisper-json"].parse(text.split("\n"), first, ParseContext(**options))


def summary(transcript: Transcript) -> list[tuple[str, list[str]]]:
    return [(t.label, [p.text for p in t.paragraphs]) for t in transcript.turns]


def messages(transcript: Transcript) -> list[tuple[int, str, str]]:
    return [(p.lineno, p.kind, p.message) for p in transcript.problems]


def whisperx(*segments: dict[str, object]) -> str:
    return json.dumps({"segments": list(segments), "word_segments": []}, indent=2)


def whisper_cpp(*segments: dict[str, object]) -> str:
    return json.dumps({"systeminfo": "", "result": {"language": "en"}, "transcription": list(segments)},
                      indent="\t")


def cpp(start_ms: int, end_ms: int, text: str, **more: object) -> dict[str, object]:
    return {"offsets": {"from": start_ms, "to": end_ms}, "text": text, **more}


# -- the episode, as each tool writes it --------------------------------------


@pytest.mark.parametrize("name", OWN)
def test_each_fixture_is_detected_and_chosen_as_whisper_json(name: str) -> None:
    source = read_source(name)
    context = ParseContext(labels=episode_cast(DIARIZED_MAP).labels)
    assert FORMATS["whisper-json"].detect(source.text, context) >= 0.5
    choice = choose(source.text, source.suffix, context)
    assert (choice.format.name, choice.problem) == ("whisper-json", "")


def test_whisperx_gives_the_episode_turn_by_turn_once_its_labels_are_mapped() -> None:
    parsed = parse_fixture("whisperx.json", "whisper-json", DIARIZED_MAP)
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    assert [t.start for t in parsed.turns] == pytest.approx(EPISODE_STARTS, abs=0.0005)
    assert transcript_words(parsed) == EPISODE_WORDS
    assert parsed.problems == ()


def test_whisperx_labels_stay_as_written_until_the_speaker_map_names_them() -> None:
    unmapped = parse_fixture("whisperx.json", "whisper-json")
    assert [t.speaker for t in unmapped.turns][:3] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]
    assert [p.kind for p in unmapped.problems] == ["unmapped-label"] * 3


@pytest.mark.parametrize("name", ["whisper.json", "whisper-cpp.json"])
def test_whisper_without_speakers_gives_every_word_once_from_one_unattributed_speaker(name: str) -> None:
    parsed = parse_fixture(name, "whisper-json")
    assert [(t.label, t.speaker) for t in parsed.turns] == [("", "Unknown")]
    assert transcript_words(parsed) == EPISODE_WORDS
    assert (parsed.turns[0].start, parsed.turns[0].end) == (0.0, 116.5)
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]
    named = parse_fixture(name, "whisper-json", single="Daniel Reyes")
    assert [t.speaker for t in named.turns] == ["Daniel Reyes"]


def test_whisper_cpp_segments_are_at_their_lines_and_times_in_milliseconds() -> None:
    parsed = parse_fixture("whisper-cpp.json", "whisper-json")
    first, second = parsed.turns[0].paragraphs[:2]
    # one field a line, as whisper.cpp writes it: the "{" of the first segment is line 31
    assert first.lineno == 31 and first.linenos[:2] == (31, 42)
    assert first.lines[:2] == ("Welcome back to Gradient Notes.",
                               "Today we talk about teaching neural radiance fields")
    # the one speaker's long turn is cut into paragraphs at sentence ends past 600 characters
    assert len(first.text) > 600 and second.start is not None and second.start > first.start


def test_whisper_phrases_of_one_speaker_are_one_turn_and_keep_their_times() -> None:
    parsed = parse(whisperx(
        {"start": 0.0, "end": 1.5, "text": " So we", "speaker": "SPEAKER_00"},
        {"start": 1.5, "end": 3.0, "text": " began there.", "speaker": "SPEAKER_00"},
        {"start": 3.2, "end": 4.0, "text": " Did you?", "speaker": "SPEAKER_01"},
    ))
    assert summary(parsed) == [("SPEAKER_00", ["So we\nbegan there."]), ("SPEAKER_01", ["Did you?"])]
    assert [(t.start, t.end) for t in parsed.turns] == [(0.0, 3.0), (3.2, 4.0)]
    assert parsed.problems == ()


def test_a_whisperx_segment_the_diarizer_left_unlabelled_continues_unless_voices_are_strict() -> None:
    text = whisperx(
        {"start": 0.0, "end": 1.0, "text": "One.", "speaker": "SPEAKER_00"},
        {"start": 1.0, "end": 2.0, "text": "Two."},
        {"start": 2.0, "end": 3.0, "text": "Three.", "speaker": "SPEAKER_01"},
    )
    assert summary(parse(text)) == [("SPEAKER_00", ["One.\nTwo."]), ("SPEAKER_01", ["Three."])]
    strict = parse(text, continue_voice=False)
    assert summary(strict) == [("SPEAKER_00", ["One."]), ("", ["Two."]), ("SPEAKER_01", ["Three."])]


def test_whisper_cpp_diarized_channels_are_labels_and_its_question_mark_is_nobody() -> None:
    parsed = parse(whisper_cpp(
        cpp(0, 1200, " Hello there.", speaker="0"),
        cpp(1200, 2500, " Hi.", speaker="1"),
        cpp(2500, 3000, " Both at once.", speaker="?"),
        cpp(3000, 4000, " Right.", speaker="0"),
    ))
    assert summary(parsed) == [("0", ["Hello there."]), ("1", ["Hi."]), ("", ["Both at once."]),
                               ("0", ["Right."])]
    assert [(t.start, t.end) for t in parsed.turns] == [(0.0, 1.2), (1.2, 2.5), (2.5, 3.0), (3.0, 4.0)]
    mapped = casting.resolve(parsed, episode_cast({"0": "Maya Okafor", "1": "Daniel Reyes"}))
    assert [t.speaker for t in mapped.turns] == ["Maya Okafor", "Daniel Reyes", "Unknown", "Maya Okafor"]


def test_whisper_cpp_timestamps_serve_when_the_offsets_are_missing() -> None:
    parsed = parse(whisper_cpp({"timestamps": {"from": "00:01:02,500", "to": "00:01:04,000"}, "text": " Late."}))
    assert [(t.start, t.end) for t in parsed.turns] == [(62.5, 64.0)]
    assert parsed.problems == ()


def test_tinydiarize_turn_marks_attribute_nothing() -> None:
    parsed = parse(whisper_cpp(cpp(0, 1000, " One.", speaker_turn_next=True), cpp(1000, 2000, " Two.")))
    assert summary(parsed) == [("", ["One.\nTwo."])]


# -- bad input: located problems, nothing silently lost --------------------------


def test_bad_segments_are_problems_at_their_lines_and_the_rest_is_kept() -> None:
    text = whisperx(
        {"start": 0.0, "end": 1.0, "text": "Kept.", "speaker": "SPEAKER_00"},
        {"start": 1.0, "end": 2.0, "speaker": "SPEAKER_00"},
        "a string",
        {"start": "soon", "end": 4.0, "text": "Timeless.", "speaker": ["SPEAKER_01"]},
        {"end": 5.0, "text": "No start.", "speaker": "SPEAKER_01"},
    )
    parsed = parse(text, first=10)
    assert summary(parsed) == [("SPEAKER_00", ["Kept.\nTimeless."]), ("SPEAKER_01", ["No start."])]
    starts = podcast_json.segment_lines(text, 10)
    assert messages(parsed) == [
        (starts[1], "json", 'segment 1: has no "text"; it is left out'),
        (starts[2], "json", 'segment 2: is not an object but "a string"; it is left out'),
        (starts[3], "json", 'segment 3: "start" is not a time but "soon"; the segment is kept without it'),
        (starts[3], "json", 'segment 3: "speaker" is not text but ["SPEAKER_01"]; '
                            "the segment continues the previous speaker"),
        (starts[4], "json", 'segment 4: has no "start"; it is kept without a time'),
    ]


def test_bad_whisper_cpp_times_are_problems_and_the_text_is_kept() -> None:
    text = whisper_cpp(
        {"offsets": {"from": -5, "to": 100}, "text": " Negative."},
        {"timestamps": {"from": "later", "to": "00:00:02,000"}, "text": " Words."},
        {"text": " Untimed."},
    )
    parsed = parse(text)
    assert summary(parsed) == [("", ["Negative.\nWords.\nUntimed."])]
    starts = podcast_json.segment_lines(text, 1, "transcription")
    assert messages(parsed) == [
        (starts[0], "json", 'segment 0: "offsets.from" is not a time but -5; the segment is kept without it'),
        (starts[1], "json", 'segment 1: "timestamps.from" is not a time but "later"; '
                            "the segment is kept without it"),
        (starts[2], "json", 'segment 2: has no "offsets"; it is kept without a time'),
    ]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 400])
def test_a_time_that_is_no_finite_number_is_a_problem_and_the_feed_is_still_written(number: str) -> None:
    """Python's JSON reader accepts NaN and Infinity, and reads 1e400 as infinity."""
    parsed = parse('{"segments": [\n{"start": 0, "end": 1, "text": "Kept."},\n'
                   f'{{"start": {number}, "end": {number}, "text": "Timeless."}}\n]}}')
    assert summary(parsed) == [("", ["Kept.\nTimeless."])]
    assert [(p.lineno, p.message.split(" but ")[0]) for p in parsed.problems] == [
        (3, 'segment 1: "start" is not a time'), (3, 'segment 1: "end" is not a time')]
    resolved = casting.resolve(parsed, episode_cast())
    assert [f.suffix for f in feed_files(resolved)] == ["vtt", "srt", "json"]
    cpp_parsed = parse(whisper_cpp({"offsets": {"from": 0, "to": 1}, "text": "Kept."}).replace(
        '"to": 1', f'"to": {number}'))
    assert [p.message.split(" but ")[0] for p in cpp_parsed.problems] == ['segment 0: "offsets.to" is not a time']


@pytest.mark.parametrize(("text", "message"), [
    ('{"segments": [', "the file is not valid JSON: Expecting value (column 15)"),
    ('[{"start": 1}]', 'the file is not a Whisper transcript: it is a JSON list without a "segments" '
                       'or "transcription" list'),
    ('{"text": "all of it"}', 'the file is not a Whisper transcript: it is an object without a '
                              '"segments" or "transcription" list'),
])
def test_a_file_that_is_not_a_whisper_transcript_says_so_at_its_line(text: str, message: str) -> None:
    parsed = parse(text, first=3)
    assert parsed.turns == ()
    assert messages(parsed) == [(3, "json", message)]


def test_detection_leaves_podcasting_json_to_its_own_format() -> None:
    context = ParseContext()
    podcasting = read_source("podcast.json").text
    assert whisper_json.detect(podcasting, context) == 0
    assert choose(podcasting, ".json", context).format.name == "podcast-json"
    assert whisper_json.detect('{"version": "1.2.0", "chapters": []}', context) == 0
    assert whisper_json.detect('[{"segments": []}]', context) == 0
    # Whisper writes the whole text first: its segments may lie past what detection sees
    assert whisper_json.detect('{"text": "' + "word " * 3000 + '", "segments": [', context) >= 0.5


def test_whisperx_word_times_go_with_their_paragraph_and_bad_ones_are_left_out() -> None:
    transcript = parse(whisperx(
        {"start": 1.0, "end": 2.0, "text": " Kettles whistle.", "speaker": "SPEAKER_00",
         "words": [{"word": "Kettles", "start": 1.0, "end": 1.5}, {"word": "whistle.", "start": 1.5}]},
        {"start": 2.1, "end": 3.0, "text": " Twice 2 times.", "speaker": "SPEAKER_00",
         "words": [{"word": "Twice", "start": 2.1}, {"word": "2"},  # WhisperX leaves numbers untimed
                   {"word": "times.", "start": "soon"}, "junk", {"word": "", "start": 2.9}]},
        {"start": 4.0, "end": 5.0, "text": " No words here.", "speaker": "SPEAKER_01", "words": "none"},
    ))
    first, second = transcript.turns
    assert first.paragraphs[0].words == ((1.0, "Kettles"), (1.5, "whistle."), (2.1, "Twice"))
    assert second.paragraphs[0].words == ()
    # the words are timing, never text: the paragraph reads as the segments do
    assert first.paragraphs[0].text == "Kettles whistle.\nTwice 2 times."


def token(text: str, start_ms: int | None = None, end_ms: int | None = None, **more: object
          ) -> dict[str, object]:
    """A token of whisper.cpp's full JSON (-ojf); times only where it computed them."""
    out: dict[str, object] = {"text": text}
    if start_ms is not None and end_ms is not None:
        out["timestamps"] = {"from": f"00:00:{start_ms // 1000:02d},{start_ms % 1000:03d}",
                             "to": f"00:00:{end_ms // 1000:02d},{end_ms % 1000:03d}"}
        out["offsets"] = {"from": start_ms, "to": end_ms}
    return {**out, "id": 50363, "p": 0.91, "t_dtw": -1, **more}


def test_whisper_cpp_token_times_are_the_words_times() -> None:
    transcript = parse(whisper_cpp(
        cpp(3000, 5200, " Kettles whistle, mostly.", speaker="0", tokens=[
            token("[_BEG_]", 3000, 3000),
            token(" K", 3000, 3180), token("ett", 3180, 3400), token("les", 3400, 3600),
            token(" whistle", 3610, 4200), token(",", 4200, 4260),
            token(" mostly", 4400, 5000), token(".", 5000, 5100),
            token("[_TT_110]", 5200, 5200)]),
        # a word whose first piece has no time is only not highlighted; junk is skipped
        cpp(5200, 7000, " Twice a day.", speaker="0", tokens=[
            token(" Tw"), token("ice", 5300, 5500), "junk", {"text": 7},
            token(" a", 5600, 5700), token(" day", 5800, 6300, t_dtw=590),
            token(".", 6300, 6400), token("<|endoftext|>")]),
        # -oj (not full): no tokens, no words
        cpp(7000, 8000, " Plain again.", speaker="1"),
    ))
    first, second = transcript.turns
    assert first.paragraphs[0].words == (
        (3.0, "Kettles"), (3.61, "whistle,"), (4.4, "mostly."), (5.6, "a"), (5.8, "day."))
    assert second.paragraphs[0].words == ()
    # the tokens are timing, never text: the paragraph reads as the segments do
    assert first.paragraphs[0].text == "Kettles whistle, mostly.\nTwice a day."


def test_whisper_token_ids_are_no_word_times() -> None:
    # OpenAI Whisper's segments carry "tokens" too: numbers, which time nothing
    transcript = parse(json.dumps({"text": " One two.", "segments": [
        {"id": 0, "seek": 0, "start": 0.0, "end": 1.0, "text": " One two.", "tokens": [50364, 1485, 732]}],
        "language": "en"}))
    assert transcript.turns[0].paragraphs[0].words == ()

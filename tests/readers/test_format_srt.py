"""The ``srt`` format: the test episode as Podcasting 2.0, WhisperX and
Whisper write it, each quirk, and bad input as located problems."""

from __future__ import annotations

import pytest
from fixtures import (
    DIARIZED_MAP,
    EPISODE_SPEAKERS,
    EPISODE_STARTS,
    EPISODE_WORDS,
    episode_cast,
    lines,
    other_fixtures,
    parse_fixture,
    read_source,
    transcript_words,
)
from sphinx_transcripts.model import Transcript
from sphinx_transcripts.people.labels import LabelTable
from sphinx_transcripts.readers import FORMATS, ParseContext, choose

OWN = ["podcast.srt", "whisperx.srt", "whisper.srt"]


def srt(text: str, first: int = 1, **options: object) -> Transcript:
    return FORMATS["srt"].parse(lines(text), first, ParseContext(**options))


def summary(transcript: Transcript) -> list[tuple[str, list[str]]]:
    return [(t.label, [p.text for p in t.paragraphs]) for t in transcript.turns]


def messages(transcript: Transcript) -> list[tuple[int, str, str]]:
    return [(p.lineno, p.kind, p.message) for p in transcript.problems]


# -- the episode, as each tool writes it --------------------------------------


@pytest.mark.parametrize("name", OWN)
def test_each_fixture_is_detected_and_chosen_as_srt(name: str) -> None:
    source = read_source(name)
    context = ParseContext(labels=episode_cast(DIARIZED_MAP).labels)
    assert FORMATS["srt"].detect(source.text, context) >= 0.5
    choice = choose(source.text, source.suffix, context)
    assert (choice.format.name, choice.problem) == ("srt", "")


@pytest.mark.parametrize("name", ["podcast.srt", "whisperx.srt"])
def test_the_episode_comes_out_turn_by_turn_with_its_speakers_times_and_words(name: str) -> None:
    parsed = parse_fixture(name, "srt", DIARIZED_MAP if name == "whisperx.srt" else None)
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    assert [t.start for t in parsed.turns] == pytest.approx(EPISODE_STARTS, abs=0.0005)
    assert transcript_words(parsed) == EPISODE_WORDS
    assert parsed.problems == ()


def test_podcasting_names_appear_on_a_change_and_unnamed_cards_continue() -> None:
    source = read_source("podcast.srt")
    parsed = FORMATS["srt"].parse(source.lines, 1, ParseContext())
    assert [t.label for t in parsed.turns] == EPISODE_SPEAKERS
    first = parsed.turns[0].paragraphs[0]
    assert first.lines == ("Welcome back to", "Gradient Notes. Today we talk", "about teaching neural radiance",
                           "fields to people who have never", "trained a model.")
    assert (first.lineno, first.start, first.end) == (2, 0.0, 7.4)


def test_whisperx_labels_stay_as_written_until_the_speaker_map_names_them() -> None:
    source = read_source("whisperx.srt")
    parsed = FORMATS["srt"].parse(source.lines, 1, ParseContext())
    assert [t.label for t in parsed.turns][:3] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]
    unmapped = parse_fixture("whisperx.srt", "srt")
    assert [t.speaker for t in unmapped.turns][:3] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]
    assert [p.kind for p in unmapped.problems] == ["unmapped-label"] * 3


def test_whisper_without_speakers_gives_every_word_once_from_one_unattributed_speaker() -> None:
    source = read_source("whisper.srt")
    assert "\r\n" in (source.path and open(source.path, newline="").read())  # noqa: SIM115
    parsed = parse_fixture("whisper.srt", "srt")
    assert [(t.label, t.speaker) for t in parsed.turns] == [("", "Unknown")]
    assert transcript_words(parsed) == EPISODE_WORDS
    assert parsed.turns[0].start == 0.0
    assert [(p.lineno, p.kind, p.level) for p in parsed.problems] == [(2, "no-speakers", "info")]
    # cue 6 lacks its blank line: its text is whole and cue 7's number is not text
    text = parsed.turns[0].paragraphs[0].text
    assert "Thanks for having me.\nI started with Keras" in text


def test_a_source_without_speakers_is_the_speaker_option_s() -> None:
    parsed = parse_fixture("whisper.srt", "srt", single="Daniel Reyes")
    assert [t.speaker for t in parsed.turns] == ["Daniel Reyes"]


# -- quirks ------------------------------------------------------------------------


def test_comma_dot_and_colon_delimiters_all_give_milliseconds() -> None:
    parsed = srt("1\n00:00:01,250 --> 00:00:02.500\nAnn Lee: One.\n\n2\n00:00:03:750 --> 00:01:04,000\nBo Guest: Two.")
    assert [(t.start, t.end) for t in parsed.turns] == [(1.25, 2.5), (3.75, 64.0)]


def test_a_time_too_large_for_a_time_is_a_problem_and_the_text_is_kept() -> None:
    parsed = srt("1\n99999999999999999999:00:00,000 --> 99999999999999999999:00:01,000\nAda Host: Kept.\n")
    assert summary(parsed) == [("Ada Host", ["Kept."])]
    assert [(p.lineno, p.kind) for p in parsed.problems] == [(2, "timing")]
    assert parsed.turns[0].start is None


def test_a_missing_blank_line_and_blank_lines_inside_a_cue_lose_nothing() -> None:
    parsed = srt("1\n00:00:01,000 --> 00:00:02,000\nAda Host: One.\n2\n00:00:02,000 --> 00:00:03,000\n"
                 "Two,\n\nthree.\n\n\n3\n00:00:03,000 --> 00:00:04,000\nBo Guest: Four.\n")
    assert summary(parsed) == [("Ada Host", ["One.\nTwo,\nthree."]), ("Bo Guest", ["Four."])]


def test_cues_without_a_name_continue_and_a_file_without_names_has_no_speakers() -> None:
    mixed = srt("1\n00:00:01,000 --> 00:00:02,000\nStill the intro.\n\n2\n00:00:02,000 --> 00:00:03,000\n"
                "Ada Host: Hello.\n\n3\n00:00:03,000 --> 00:00:04,000\nMore.")
    assert summary(mixed) == [("", ["Still the intro."]), ("Ada Host", ["Hello.\nMore."])]
    plain = srt("1\n00:00:01,000 --> 00:00:02,000\nOne.\n\n2\n00:00:02,000 --> 00:00:03,000\nTwo.")
    assert summary(plain) == [("", ["One.\nTwo."])]


def test_what_counts_as_a_name_before_a_colon() -> None:
    text = "\n\n".join(f"{i}\n00:00:0{i},000 --> 00:00:0{i + 1},000\n{line}" for i, line in enumerate([
        "Daniel Reyes (he/him): a", "Note that: b", "Remember: c", "Okafor, Maya: d", "10:30 is late", "e",
        "Speaker 2: f", "See https://example.org: g", "dj: h", "Ludwig van Beethoven: i", "WARNING: j",
    ]))
    parsed = srt(text, labels=LabelTable({"dj": "Ada Host"}))
    assert summary(parsed) == [
        ("Daniel Reyes (he/him)", ["a\nNote that: b\nRemember: c"]),
        ("Okafor, Maya", ["d\n10:30 is late\ne"]),
        ("Speaker 2", ["f\nSee https://example.org: g"]),
        ("dj", ["h"]),
        ("Ludwig van Beethoven", ["i\nWARNING: j"]),
    ]


def test_not_speakers_are_text() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nAda Host: One.\n\n2\n00:00:02,000 --> 00:00:03,000\nBob: Hi."
    assert summary(srt(text, not_speakers=frozenset({"Bob"}))) == [("Ada Host", ["One.\nBob: Hi."])]


def test_srt_tags_become_emphasis_or_go_and_entities_stay_as_written() -> None:
    parsed = srt('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Gradient Notes</i>, <b>now</b>\n'
                 '<font color="#ffffff">R&amp;D</font> <u>ok</u> <laughs>')
    assert summary(parsed) == [("", ["*Gradient Notes*, **now**\nR&amp;D ok <laughs>"])]


# -- bad input: problems at their lines, nothing dropped ----------------------


def test_an_unreadable_timing_line_is_a_problem_and_its_text_a_cue_without_a_time() -> None:
    parsed = srt("1\n00:00:01,000 --> 00:00:02,000\nAda Host: One.\n\n2\n00:00:03,000 -> 4\n"
                 "Two.\n\n3\n00:00:05,000 --> 00:00:06,000\nThree.", first=20)
    assert summary(parsed) == [("Ada Host", ["One.\nTwo.\nThree."])]
    assert [p.start for p in parsed.turns[0].paragraphs] == [1.0]
    assert messages(parsed) == [(25, "timing", "the cue timing '00:00:03,000 -> 4' cannot be read "
                                               "('hh:mm:ss,mmm --> hh:mm:ss,mmm'); the cue's text is kept, "
                                               "without a time")]


def test_a_timing_line_with_a_short_arrow_is_read_with_a_problem() -> None:
    parsed = srt("1\n00:00:01,000 --> 00:00:02,000\nAda Host: One.\n\n2\n00:00:03,000 -> 00:00:04,000\n"
                 "Two.", first=20)
    assert [(c.start, c.end) for c in parsed.turns[0].paragraphs] == [(1.0, 4.0)]
    assert messages(parsed) == [(25, "timing", "the cue timing '00:00:03,000 -> 00:00:04,000' cannot be read "
                                               "('hh:mm:ss,mmm --> hh:mm:ss,mmm'); it is read as 3.000 --> "
                                               "4.000 s")]


def test_text_before_the_first_cue_is_kept_with_a_problem() -> None:
    parsed = srt("\nEpisode 12 transcript\n\n1\n00:00:01,000 --> 00:00:02,000\nAda Host: One.")
    assert summary(parsed) == [("", ["Episode 12 transcript"]), ("Ada Host", ["One."])]
    assert messages(parsed) == [(2, "cue", "text before the first cue timing line "
                                           "('hh:mm:ss,mmm --> hh:mm:ss,mmm') is kept as a cue without a time")]


def test_an_empty_cue_and_backwards_times_are_problems_at_the_timing_line() -> None:
    parsed = srt("1\n00:00:05,000 --> 00:00:06,000\nOne.\n\n2\n00:00:07,000 --> 00:00:08,000\n\n\n"
                 "3\n00:00:02,000 --> 00:00:01,000\nTwo.")
    assert summary(parsed) == [("", ["One.\nTwo."])]
    assert messages(parsed) == [
        (6, "empty-cue", "this cue has no text"),
        (10, "timing", "this cue ends (1.000 s) before it starts (2.000 s)"),
        (10, "timing", "this cue starts (2.000 s) before the previous one (5.000 s); it is kept where "
                       "the file has it"),
    ]


def test_a_dash_in_subtitles_that_name_nobody_is_a_change_of_speaker() -> None:
    parsed = srt("1\n00:00:01,000 --> 00:00:02,000\nSo that was the conference.\n\n"
                 "2\n00:00:02,000 --> 00:00:03,000\n- Yeah.\n\n"
                 "3\n00:00:03,000 --> 00:00:05,000\n- Two talks\nI liked.")
    assert [(t.start, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        (1.0, ["So that was the conference."]), (2.0, ["Yeah."]), (3.0, ["Two talks\nI liked."])]
    assert messages(parsed) == []


def test_a_file_without_cues_is_empty() -> None:
    assert messages(srt("")) == [(0, "empty", "the transcript is empty")]


# -- detection ------------------------------------------------------------------


@pytest.mark.parametrize("name", other_fixtures(OWN))
def test_other_formats_fixtures_are_not_claimed(name: str) -> None:
    text = read_source(name).text
    assert FORMATS["srt"].detect(text, ParseContext(labels=episode_cast().labels)) < 0.5


def test_unnumbered_cues_are_srt_with_less_certainty_and_webvtt_voices_are_not() -> None:
    numbered = "1\n00:00:01,000 --> 00:00:02,000\nOne."
    assert FORMATS["srt"].detect(numbered, ParseContext()) == 0.9
    assert FORMATS["srt"].detect(numbered.partition("\n")[2], ParseContext()) == 0.7
    assert FORMATS["srt"].detect("00:00:01.000 --> 00:00:02.000\n<v Ann>One.", ParseContext()) == 0.4

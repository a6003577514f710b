"""The ``whisper-table`` format: the test episode as Whisper's TSV and
whisper.cpp's CSV, whisper.cpp's diarized channels, and bad rows as
located problems."""

from __future__ import annotations

import pytest
from fixtures import EPISODE_WORDS, episode_cast, parse_fixture, read_source, transcript_words
from sphinx_transcripts.model import Transcript
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.readers import FORMATS, ParseContext, choose, whisper_table

OWN = ["whisper.tsv", "whisper-cpp.csv"]


def parse(text: str, first: int = 1) -> Transcript:
    return FORMATS["whisper-table"].parse(text.split("\n"), first, ParseContext())


def summary(transcript: Transcript) -> list[tuple[str, list[str]]]:
    return [(t.label, [p.text for p in t.paragraphs]) for t in transcript.turns]


@pytest.mark.parametrize("name", OWN)
def test_each_fixture_is_detected_and_chosen_silently(name: str) -> None:
    source = read_source(name)
    assert whisper_table.detect(source.text, ParseContext()) >= 0.5
    choice = choose(source.text, source.suffix, ParseContext())
    assert (choice.format.name, choice.problem) == ("whisper-table", "")


@pytest.mark.parametrize("name", OWN)
def test_the_episode_is_one_unattributed_speaker_with_every_word_and_its_times(name: str) -> None:
    parsed = parse_fixture(name, "whisper-table")
    assert [(t.label, t.speaker) for t in parsed.turns] == [("", "Unknown")]
    assert transcript_words(parsed) == EPISODE_WORDS
    assert (parsed.turns[0].start, parsed.turns[0].end) == (0.0, 116.5)
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]
    first = parsed.turns[0].paragraphs[0]
    assert first.lines[:2] == ("Welcome back to Gradient Notes.",
                               "Today we talk about teaching neural radiance fields")
    assert first.linenos[:2] == (2, 3)  # the header is line 1
    named = parse_fixture(name, "whisper-table", single="Daniel Reyes")
    assert [t.speaker for t in named.turns] == ["Daniel Reyes"]


def test_whisper_cpp_diarized_channels_are_labels_and_its_question_mark_is_nobody() -> None:
    parsed = parse('start,end,speaker,text\n0,1200,0," Hello, there."\n1200,2500,1," Hi ""you""."\n'
                   '2500,3000,?," Both at once."\n3000,4000,0," Right."\n')
    assert summary(parsed) == [("0", ["Hello, there."]), ("1", ['Hi "you".']), ("", ["Both at once."]),
                               ("0", ["Right."])]
    assert [(t.start, t.end) for t in parsed.turns] == [(0.0, 1.2), (1.2, 2.5), (2.5, 3.0), (3.0, 4.0)]
    mapped = casting.resolve(parsed, episode_cast({"0": "Maya Okafor", "1": "Daniel Reyes"}))
    assert [t.speaker for t in mapped.turns] == ["Maya Okafor", "Daniel Reyes", "Unknown", "Maya Okafor"]


def test_whisper_tsv_quotes_nothing_and_a_quote_is_text() -> None:
    parsed = parse('start\tend\ttext\n0\t1500\tShe said "fog", then "chair".\n')
    assert summary(parsed) == [("", ['She said "fog", then "chair".'])]


def test_bad_rows_are_problems_at_their_lines_and_their_text_is_kept() -> None:
    parsed = parse('\nstart,end,text\n0,1000," One."\nsoon,2000," Two, timeless."\n\n3000\n'
                   '4000,5000," Three, with, commas"," and more"\n5000,6000,"' + "x" * 200_000 + '"\n', first=10)
    assert [(p.lineno, p.message) for p in parsed.problems] == [
        (13, "the start 'soon' is not a time in milliseconds; the row is kept without it"),
        (15, "this row has 1 of the 3 columns (start, end, text); what it has is kept as text"),
        (17, "this row cannot be read as CSV; the whole line is kept as text, without a time"),
    ]
    lines = parsed.turns[0].paragraphs[0].lines
    assert lines[:4] == ("One.", "Two, timeless.", "3000", "Three, with, commas, and more")
    assert lines[4] == '5000,6000,"' + "x" * 200_000 + '"'


def test_a_file_without_the_header_says_so_at_its_first_line() -> None:
    parsed = parse("0\t1000\tno header\n", first=4)
    assert parsed.turns == ()
    assert [(p.lineno, p.kind) for p in parsed.problems] == [(4, "table")]


def test_detection_wants_the_header_first() -> None:
    context = ParseContext()
    assert whisper_table.detect("\ufeffstart\tend\ttext\n0\t1\thi\n", context) >= 0.5
    assert whisper_table.detect("START,END,SPEAKER,TEXT\n", context) >= 0.5
    assert whisper_table.detect("Ada: start, end, text\n", context) == 0
    assert whisper_table.detect("note\nstart\tend\ttext\n", context) == 0

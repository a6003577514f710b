"""The ``webvtt`` format: the test episode as Podcasting 2.0, Zoom, Teams and
YouTube write it, each quirk, and bad input as located problems."""

from __future__ import annotations

import pytest
from fixtures import (
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
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.readers import FORMATS, ParseContext, choose
from sphinx_transcripts.readers._cuetext import Part, spans

OWN = ["webvtt-voices.vtt", "webvtt-closed.vtt", "zoom.vtt", "teams.vtt", "youtube.vtt"]
SPOKEN = ["webvtt-voices.vtt", "webvtt-closed.vtt", "zoom.vtt", "teams.vtt"]


def vtt(text: str, first: int = 1, **options: object) -> Transcript:
    return FORMATS["webvtt"].parse(lines(text), first, ParseContext(**options))


def summary(transcript: Transcript) -> list[tuple[str, list[str]]]:
    return [(t.label, [p.text for p in t.paragraphs]) for t in transcript.turns]


def messages(transcript: Transcript) -> list[tuple[int, str, str]]:
    return [(p.lineno, p.kind, p.message) for p in transcript.problems]


# -- the episode, as each tool writes it --------------------------------------


@pytest.mark.parametrize("name", OWN)
def test_each_fixture_is_detected_and_chosen_as_webvtt(name: str) -> None:
    source = read_source(name)
    context = ParseContext(labels=episode_cast(None).labels)
    assert FORMATS["webvtt"].detect(source.text, context) >= 0.5
    choice = choose(source.text, source.suffix, context)
    assert (choice.format.name, choice.problem) == ("webvtt", "")


@pytest.mark.parametrize("name", SPOKEN)
def test_the_episode_comes_out_turn_by_turn_with_its_speakers_times_and_words(name: str) -> None:
    parsed = parse_fixture(name, "webvtt")
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    starts = list(EPISODE_STARTS)
    if name == "webvtt-closed.vtt":
        starts[5] = 57.1  # Priya's first words are in a cue Daniel's last words open
    assert [t.start for t in parsed.turns] == pytest.approx(starts, abs=0.0005)
    assert transcript_words(parsed) == EPISODE_WORDS
    assert [p for p in parsed.problems if p.level == "warning"] == []


def test_zoom_and_teams_labels_stay_as_written_and_the_cast_reads_them() -> None:
    context = ParseContext(labels=episode_cast().labels)
    for name, daniel in (("zoom.vtt", "Daniel Reyes (he/him)"), ("teams.vtt", "Reyes, Daniel")):
        source = read_source(name)
        parsed = FORMATS["webvtt"].parse(source.lines, source.first_lineno, context)
        assert parsed.turns[2].label == daniel
        assert parsed.turns[2].speaker == ""
    notes = parse_fixture("zoom.vtt", "webvtt").problems
    assert [(p.lineno, p.kind, p.level) for p in notes] == [(24, "label-spelling", "info")]


def test_youtube_captions_give_every_word_once_from_one_unattributed_speaker() -> None:
    parsed = parse_fixture("youtube.vtt", "webvtt")
    assert [t.speaker for t in parsed.turns] == ["Unknown"]
    assert [t.label for t in parsed.turns] == [""]
    assert [w.casefold() for w in transcript_words(parsed)] == [w.casefold() for w in EPISODE_WORDS]
    text = read_source("youtube.vtt").text
    cue_starts = {float(h) * 3600 + float(m) * 60 + float(s)
                  for h, m, s in (line.split(" --> ")[0].split(":")
                                  for line in text.splitlines() if " --> " in line)}
    assert parsed.turns[0].start == 0.0
    assert {p.start for p in parsed.turns[0].paragraphs} <= cue_starts
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]


def test_a_source_without_speakers_is_the_speaker_option_s() -> None:
    parsed = parse_fixture("youtube.vtt", "webvtt", single="Maya Okafor")
    assert [t.speaker for t in parsed.turns] == ["Maya Okafor"]


def test_without_continue_voice_a_cue_without_a_voice_is_unattributed() -> None:
    parsed = parse_fixture("webvtt-voices.vtt", "webvtt", continue_voice=False)
    assert [t.speaker for t in parsed.turns][:3] == ["Maya Okafor", "Unknown", "Priya Raman"]


def test_podcasting_voices_continue_over_cues_and_keep_emphasis_and_entities() -> None:
    parsed = parse_fixture("webvtt-voices.vtt", "webvtt")
    first = parsed.turns[0].paragraphs[0]
    assert first.lines == ("Welcome back to *Gradient Notes*.", "Today we talk about teaching neural",
                           "radiance fields", "to people who have never trained a model.")
    assert (first.lineno, first.start, first.end) == (10, 0.0, 7.4)
    assert parsed.turns[3].label == "Maya Okafor"  # <v.host Maya Okafor>
    assert "Daniel, thank you, and thanks to" in parsed.turns[9].paragraphs[0].lines
    entities = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Maya>R&amp;D &lt;3 caf&#233;</v>")
    assert entities.turns[0].paragraphs[0].lines == ("R&D <3 café",)
    assert "color" not in " ".join(p.text for t in parsed.turns for p in t.paragraphs)  # STYLE


# -- cue text: voices, tags, entities -------------------------------------------


def test_a_cue_with_two_voices_is_two_cues_starting_when_the_cue_starts() -> None:
    parsed = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Esme>Hee!</v> <v Mary>Ha</v>\n\n"
                 "00:00:03.000 --> 00:00:04.000\nand on")
    assert summary(parsed) == [("Esme", ["Hee!"]), ("Mary", ["Ha\nand on"])]
    assert [(t.start, t.end) for t in parsed.turns] == [(1.0, 1.0), (1.0, 4.0)]
    assert parsed.problems == ()


def test_a_voice_on_a_later_line_of_a_cue_is_located_there() -> None:
    parsed = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Esme>Hee!\n<v Mary>Ha")
    assert [(t.label, t.lineno) for t in parsed.turns] == [("Esme", 3), ("Mary", 5)]


def test_the_tokenizer_keeps_text_and_turns_i_and_b_into_emphasis() -> None:
    assert spans("<v.loud.first Esme>Hee! <i>laughter</i></v> <b>more</b>") == [
        Part("Esme", "Hee! *laughter* **more**")]
    assert spans("<c.yellow>one</c> <u>two</u> <lang en>three</lang> <ruby>漢<rt>kan</rt></ruby>") == [
        Part(None, "one two three 漢kan")]
    assert spans("word<00:00:01.280><c> next</c><00:01.500><c> last</c>") == [Part(None, "word next last")]
    assert spans("<i> spaced </i>end, <i></i>x <b><i>both</i></b> <i>open") == [
        Part(None, "*spaced* end, x ***both*** *open*")]
    assert spans("R&amp;D &lt;b&gt; caf&#233; &unknown; <laughs> a < b") == [
        Part(None, "R&D <b> café &unknown; <laughs> a < b")]
    assert spans("before <v Ann>Ann's</v> after") == [Part(None, "before"), Part("Ann", "Ann's after")]
    assert spans("<v  Okafor,   Maya >x") == [Part("Okafor, Maya", "x")]


def test_note_style_and_region_blocks_are_not_text() -> None:
    parsed = vtt("WEBVTT - a title\nKind: captions\n\nREGION\nid:fred\nwidth:40%\n\n"
                 "STYLE\n::cue { color: red }\n\nNOTE a comment\non two lines\n\n"
                 "00:00:01.000 --> 00:00:02.000 region:fred align:left\nHello.\n\nNOTE\nin between\n\n"
                 "1\n00:00:02.000 --> 00:00:03.000\nAgain.")
    assert summary(parsed) == [("", ["Hello.\nAgain."])]
    assert parsed.problems == ()


def test_times_keep_their_milliseconds_and_hours_are_optional() -> None:
    parsed = vtt("WEBVTT\n\n01:01.280 --> 01:02.999\n<v A B>One.\n\n"
                 "01:00:00.001 --> 01:00:02.000\n<v C D>Two.")
    assert [(t.start, t.end) for t in parsed.turns] == [(61.28, 62.999), (3600.001, 3602.0)]


def test_zoom_like_name_prefixes_are_labels_when_they_look_like_names() -> None:
    parsed = vtt("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAda Host: Hello.\n\n"
                 "2\n00:00:02.000 --> 00:00:03.000\nNote that: this is text.\n\n"
                 "3\n00:00:03.000 --> 00:00:04.000\n[SPEAKER_01]: Hi.")
    assert summary(parsed) == [("Ada Host", ["Hello.\nNote that: this is text."]),
                               ("SPEAKER_01", ["Hi."])]


def test_a_declared_label_counts_even_when_it_does_not_look_like_a_name() -> None:
    from sphinx_transcripts.people.labels import LabelTable

    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ndj: Hello.\n\n00:00:02.000 --> 00:00:03.000\nBob: Hi."
    parsed = vtt(text, labels=LabelTable({"dj": "Ada Host"}), not_speakers=frozenset({"bob"}))
    assert summary(parsed) == [("dj", ["Hello.\nBob: Hi."])]


def test_rolling_lines_are_kept_once_but_a_plain_repeat_is_kept_twice() -> None:
    rolling = vtt("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n \none two\n\n"
                  "00:00:02.000 --> 00:00:02.010\none two\n \n\n"
                  "00:00:02.010 --> 00:00:04.000\none two\nthree<00:00:03.000><c> four</c>\n\n"
                  "00:00:04.000 --> 00:00:04.010\nthree four\n \n\n"
                  "00:00:04.010 --> 00:00:06.000\nthree four\nfive")
    assert summary(rolling) == [("", ["one two\nthree four\nfive"])]
    assert [p.start for p in rolling.turns[0].paragraphs] == [0.0]
    plain = vtt("WEBVTT\n\n" + "".join(f"00:00:0{i}.000 --> 00:00:0{i + 1}.000\nYes.\n\n" for i in range(5)))
    assert summary(plain) == [("", ["Yes.\nYes.\nYes.\nYes.\nYes."])]


def test_a_missing_blank_line_between_cues_loses_nothing() -> None:
    parsed = vtt("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v A B>One.\n"
                 "2\n00:00:02.000 --> 00:00:03.000\nTwo.\n00:00:03.000 --> 00:00:04.000\nThree.")
    # without a blank line the "2" is text of cue 1, as WebVTT reads it
    assert summary(parsed) == [("A B", ["One.\n2\nTwo.\nThree."])]
    assert [p.start for t in parsed.turns for p in t.paragraphs] == [1.0]


def test_a_region_without_the_header_is_read_and_detected_by_its_voices() -> None:
    text = "00:00:01.000 --> 00:00:02.000\n<v A B>One.\n\n00:00:02.000 --> 00:00:03.000\nTwo."
    assert FORMATS["webvtt"].detect(text, ParseContext()) == 0.6
    assert FORMATS["webvtt"].detect(text.replace("<v A B>", ""), ParseContext()) == 0.5
    assert summary(vtt(text, first=40)) == [("A B", ["One.\nTwo."])]
    assert vtt(text, first=40).turns[0].lineno == 40


# -- bad input: problems at their lines, nothing dropped ----------------------


def test_a_timing_line_with_a_comma_is_read_with_a_problem() -> None:
    parsed = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A B>One.\n\n"
                 "00:00:02,500 --> 00:00:03,000\nTwo.", first=10)
    assert summary(parsed) == [("A B", ["One.\nTwo."])]
    assert parsed.turns[0].end == 3.0
    assert messages(parsed) == [(15, "timing", "the cue timing '00:00:02,500 --> 00:00:03,000' is not WebVTT "
                                               "('hh:mm:ss.ttt --> hh:mm:ss.ttt'), so players skip this cue; it is read "
                                               "as 2.500 --> 3.000 s")]


def test_an_unreadable_timing_line_is_a_problem_and_its_text_is_kept_without_a_time() -> None:
    parsed = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A B>One.\n\n"
                 "id\nsoon --> later\nTwo.\n\n00:00:03.000 --> 00:00:04.000\n<v C D>Three.")
    assert summary(parsed) == [("A B", ["One.\nTwo."]), ("C D", ["Three."])]
    assert messages(parsed) == [(7, "timing", "the cue timing 'soon --> later' is not WebVTT "
                                              "('hh:mm:ss.ttt --> hh:mm:ss.ttt'), so players skip this "
                                              "cue; its text is kept, without a time")]


def test_minutes_past_59_are_read_leniently_with_a_problem() -> None:
    parsed = vtt("WEBVTT\n\n00:61:00.000 --> 00:61:02.000\nLate.")
    assert parsed.turns[0].start == 3660.0
    assert messages(parsed)[0][:2] == (3, "timing")


def test_text_without_a_timing_line_is_kept_with_the_cue_before_it() -> None:
    parsed = vtt("WEBVTT\n\nstray before\n\n00:00:01.000 --> 00:00:02.000\n<v A B>One.\n\nstray after")
    assert summary(parsed) == [("", ["stray before"]), ("A B", ["One.\nstray after"])]
    assert messages(parsed) == [
        (3, "cue", "this block has no cue timing line ('hh:mm:ss.ttt --> hh:mm:ss.ttt'), so players "
                   "skip it; its text is kept as a cue without a time"),
        (8, "cue", "this block has no cue timing line ('hh:mm:ss.ttt --> hh:mm:ss.ttt'), so players "
                   "skip it; its text is kept with the cue before it"),
    ]


def test_an_empty_cue_and_backwards_times_are_problems_at_the_timing_line() -> None:
    parsed = vtt("WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n<v A B>One.\n\n"
                 "00:00:07.000 --> 00:00:08.000\n<i></i>\n\n00:00:02.000 --> 00:00:03.000\nTwo.")
    assert summary(parsed) == [("A B", ["One.\nTwo."])]
    assert messages(parsed) == [
        (6, "empty-cue", "this cue has no text"),
        (9, "timing", "this cue starts (2.000 s) before the previous one (5.000 s); it is kept where "
                      "the file has it"),
    ]


def test_crosstalk_is_read_in_order_of_the_starts_without_a_problem() -> None:
    # two people talking over each other, as Teams and Zoom write it: the second
    # cue starts before the first ends, the third before the second ends
    parsed = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ada Host>Shall we start with\n\n"
                 "00:00:02.500 --> 00:00:03.000\n<v Bo Guest>Yes.\n\n"
                 "00:00:02.900 --> 00:00:06.000\n<v Ada Host>the news?")
    assert summary(parsed) == [("Ada Host", ["Shall we start with"]), ("Bo Guest", ["Yes."]),
                               ("Ada Host", ["the news?"])]
    assert [(t.start, t.end) for t in parsed.turns] == [(1.0, 4.0), (2.5, 3.0), (2.9, 6.0)]
    assert messages(parsed) == []


def test_a_paragraph_ends_with_the_last_end_of_its_cues() -> None:
    parsed = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ada Host>One, over\n\n"
                 "00:00:02.000 --> 00:00:03.000\ntwo.")
    assert [(p.start, p.end) for p in parsed.turns[0].paragraphs] == [(1.0, 5.0)]
    assert messages(parsed) == []


def test_a_dash_in_captions_that_name_nobody_is_a_change_of_speaker() -> None:
    # YouTube's captions: '- ' where another voice speaks, and no names
    parsed = vtt("WEBVTT\n\n00:00:00.000 --> 00:00:09.000\n- Hey, Ada. Welcome.\n\n"
                 "00:00:09.000 --> 00:00:13.000\n- Hi, Bo. Great to be here.\n\n"
                 "00:00:13.000 --> 00:00:17.000\nSo, where do we start\n\n"
                 "00:00:17.000 --> 00:00:19.000\nwith NeRFs?\n- With a chair.")
    assert [(t.label, t.start, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("", 0.0, ["Hey, Ada. Welcome."]),
        ("", 9.0, ["Hi, Bo. Great to be here.\nSo, where do we start\nwith NeRFs?"]),
        ("", 17.0, ["With a chair."]),
    ]
    assert messages(parsed) == []


def test_a_dash_in_captions_that_name_their_speakers_stays_text() -> None:
    parsed = vtt("WEBVTT\n\n00:00:00.000 --> 00:00:09.000\n<v Ada Host>Two things:\n- a chair")
    assert summary(parsed) == [("Ada Host", ["Two things:\n- a chair"])]


def test_a_file_without_cues_is_empty() -> None:
    assert messages(vtt("WEBVTT\n\nNOTE nothing here")) == [(0, "empty", "the transcript is empty")]


# -- detection ------------------------------------------------------------------


@pytest.mark.parametrize("name", other_fixtures(OWN))
def test_other_formats_fixtures_are_not_claimed(name: str) -> None:
    text = read_source(name).text
    assert FORMATS["webvtt"].detect(text, ParseContext(labels=episode_cast().labels)) < 0.5


def test_a_zoom_transcript_read_as_labeled_text_would_lose_its_times() -> None:
    # why the .vtt suffix matters: as text, Zoom's "Name: text" lines are labeled turns
    cast = episode_cast()
    source = read_source("zoom.vtt")
    choice = choose(source.text, ".vtt", ParseContext(labels=cast.labels))
    parsed = casting.resolve(choice.format.parse(source.lines, 1, ParseContext(labels=cast.labels)), cast)
    assert parsed.timed

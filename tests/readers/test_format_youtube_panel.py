"""The ``youtube-panel`` format: a copy of YouTube's "Show transcript" panel."""

from __future__ import annotations

from fixtures import (
    EPISODE,
    EPISODE_SECONDS,
    EPISODE_WORDS,
    check_choice,
    context_of,
    episode_cast,
    parse,
    read,
    text_of,
    transcript_words,
)
from sphinx_transcripts.people import cast
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import FORMATS, youtube_panel


def test_the_fixture_gives_the_episode_words_with_no_speakers() -> None:
    parsed = read("youtube-panel.txt")
    assert {(t.label, t.speaker) for t in parsed.turns} == {("", "Unknown")}
    assert parsed.turns[0].start == 0.0
    assert transcript_words(parsed) == EPISODE_WORDS
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]
    check_choice("youtube-panel.txt", "youtube-panel")


def test_every_caption_keeps_its_time_and_each_turn_start_is_one() -> None:
    reading = youtube_panel.read(text_of("youtube-panel.txt").splitlines(), 1,
                                 context_of(episode_cast()))
    starts = [c.start for c in reading.cues]
    assert len(starts) == len(text_of("youtube-panel.txt").splitlines()) // 2
    assert starts == sorted(starts)
    assert set(EPISODE_SECONDS) <= set(starts)
    assert {c.label for c in reading.cues} == {""}


def test_the_speaker_option_names_who_speaks() -> None:
    people = cast.make_cast(Registry(), EPISODE["hosts"], [], single="Maya Okafor")
    parsed = FORMATS["youtube-panel"].parse(["0:00", "Hello.", "0:03", "Bye."], 1, context_of(people))
    resolved = cast.resolve(parsed, people)
    assert [(t.speaker, [p.text for p in t.paragraphs]) for t in resolved.turns] == [
        ("Maya Okafor", ["Hello.\nBye."]),
    ]


def test_a_caption_ends_where_the_next_starts_and_hours_are_read() -> None:
    reading = youtube_panel.read(["0:00", "Hello.", "0:30", "Later.", "1:02:03", "Much later."], 1,
                                 context_of(episode_cast()))
    assert [(c.start, c.lineno) for c in reading.cues] == [(0.0, 1), (30.0, 3), (3723.0, 5)]
    parsed = parse("youtube-panel", "0:00\nHello.\n0:30\nLater.\n1:02:03\nMuch later.")
    assert [(t.start, t.end) for t in parsed.turns] == [(0.0, 3723.0)]


def test_detection_wants_two_timecode_lines() -> None:
    context = context_of(episode_cast())
    assert youtube_panel.detect("10:30", context) < 0.5
    assert youtube_panel.detect("We met at\n10:30\nand talked.\nLong.\nLonger.", context) < 0.5

"""The ``diarized`` format: ``SPEAKER_00: text`` lines of a diarizing
transcriber, resolved with ``:speaker-map:``."""

from __future__ import annotations

from fixtures import (
    DIARIZED_MAP,
    EPISODE_SPEAKERS,
    EPISODE_WORDS,
    check_choice,
    context_of,
    episode_cast,
    parse,
    read,
    text_of,
    transcript_words,
)
from sphinx_transcripts.readers import FORMATS, diarized


def test_the_fixture_gives_the_episode_through_the_speaker_map() -> None:
    parsed = read("diarized.txt", DIARIZED_MAP)
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    assert [t.label for t in parsed.turns][:3] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]
    assert [t.start for t in parsed.turns] == [None] * 10  # the text output has no times
    assert transcript_words(parsed) == EPISODE_WORDS
    assert parsed.problems == ()
    check_choice("diarized.txt", "diarized", DIARIZED_MAP)
    check_choice("diarized.txt", "diarized")


def test_labeled_does_not_claim_it_when_the_map_declares_its_labels() -> None:
    context = context_of(episode_cast(DIARIZED_MAP))
    assert FORMATS["labeled"].detect(text_of("diarized.txt"), context) < 0.5


def test_without_a_map_the_labels_stay_and_are_warnings() -> None:
    parsed = read("diarized.txt")
    assert [t.speaker for t in parsed.turns][:3] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]
    assert [(p.lineno, p.kind, p.subject) for p in parsed.problems] == [
        (1, "unmapped-label", "SPEAKER_00"), (3, "unmapped-label", "SPEAKER_01"),
        (5, "unmapped-label", "SPEAKER_02"),
    ]


def test_whisperx_brackets_times_and_unlabeled_lines() -> None:
    text = ("[SPEAKER_00]: Welcome back.\nand more\n"
            "[00:00:07.900 --> 00:00:14.600] SPEAKER_01: Our guest.\n[SPEAKER_01: not a label")
    parsed = parse("diarized", text, mapping=DIARIZED_MAP, resolve=True)
    assert [(t.label, t.speaker, t.start, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("SPEAKER_00", "Maya Okafor", None, ["Welcome back.\nand more"]),
        ("SPEAKER_01", "Priya Raman", 7.9, ["Our guest.\n[SPEAKER_01: not a label"]),
    ]


def test_detection_wants_most_lines_labeled() -> None:
    context = context_of(episode_cast())
    assert diarized.detect("SPEAKER_00: a\nb\nc\nd\nSPEAKER_01: e", context) < 0.5
    assert diarized.detect("SPEAKER_00: a\nSPEAKER_01: b\nc", context) >= 0.5

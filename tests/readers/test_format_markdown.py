"""The ``markdown`` format: transcripts kept as Markdown, as Changelog writes
them (``**Name:** \\[MM:SS\\] text``) and as archives keep a Rev transcript
(front matter, headings, ``Name (hh:mm:ss):`` blocks)."""

from __future__ import annotations

from fixtures import check_episode, context_of, episode_cast, parse, problems, read
from sphinx_transcripts.dialogue import markup
from sphinx_transcripts.model import Transcript
from sphinx_transcripts.readers import markdown


def summary(transcript: Transcript) -> list[tuple[str, float | None, list[str]]]:
    return [(t.speaker or t.label, t.start, [p.text for p in t.paragraphs]) for t in transcript.turns]


def test_changelog_s_markdown_gives_the_episode() -> None:
    check_episode("changelog.md", "markdown")


def test_a_rev_transcript_in_markdown_gives_the_episode() -> None:
    check_episode("rev-archive.md", "markdown")


def test_a_paragraph_without_a_label_goes_on_with_the_turn_and_rev_s_mark_times_it() -> None:
    for name, second in (("changelog.md", None), ("rev-archive.md", 48.0)):
        turn = read(name).turns[4]
        assert [(p.start, p.text[:20]) for p in turn.paragraphs] == [
            (38.0, "Mostly PyTorch and p"), (second, "The version in the c")], name


def test_front_matter_and_the_headings_before_the_dialogue_are_not_text() -> None:
    parsed = read("rev-archive.md")
    assert parsed.preamble == ()
    assert parsed.turns[0].lineno == 13


def test_a_clip_or_break_is_an_aside_and_the_speaker_goes_on_after_it() -> None:
    text = ("**Maya Okafor:** Listen to this.\n\n**Theme music:** \\[00:05\\]\n\n"
            "**Maya Okafor:** What a tune.\n\n**Break**: \\[01:00\\]\n\n**Daniel Reyes:** \\[01:30\\] Back again.")
    parsed = parse("markdown", text, resolve=True)
    assert summary(parsed) == [
        ("Maya Okafor", None, ["Listen to this."]), ("Unknown", 5.0, ["*Theme music*"]),
        ("Maya Okafor", None, ["What a tune."]), ("Unknown", 60.0, ["*Break*"]),
        ("Daniel Reyes", 90.0, ["Back again."]),
    ]
    assert problems(parsed) == []


def test_a_label_with_only_a_time_before_its_text_is_the_speakers() -> None:
    parsed = parse("markdown", "**Maya Okafor:** \\[00:05\\]\n\nWelcome back.\n\n**Daniel Reyes:** Hi.\n\n"
                               "Lenny Rachitsky (00:00:12):\n\nA Rev block, a blank line after its header.",
                   resolve=True)
    assert summary(parsed) == [("Maya Okafor", 5.0, ["Welcome back."]), ("Daniel Reyes", None, ["Hi."]),
                               ("Lenny Rachitsky", 12.0, ["A Rev block, a blank line after its header."])]


def test_a_label_with_nothing_is_an_empty_cue() -> None:
    parsed = parse("markdown", "**Maya Okafor:** Hi.\n\n**Daniel Reyes:**\n\n**Maya Okafor:** Bye.")
    assert problems(parsed) == [(3, "empty-cue", "this cue has no text")]


def test_escapes_are_taken_off_and_nothing_looks_like_markup() -> None:
    text = ("**Maya Okafor:** That was fun \\[laughs\\]. Move over, \\[unintelligible 00:07:38.13\\] "
            "and *Hamilton*.")
    parsed = parse("markdown", text)
    paragraph = parsed.turns[0].paragraphs[0]
    assert paragraph.text == ("That was fun [laughs]. Move over, [unintelligible 00:07:38.13] and "
                              "*Hamilton*.")
    assert list(markup.suspicious(paragraph)) == []


def test_a_heading_inside_the_dialogue_is_kept_as_an_aside() -> None:
    text = "# Episode 12\n\n**Maya Okafor:** Hi.\n\n## Part two\n\nSo.\n\n**Daniel Reyes:** Hello."
    parsed = parse("markdown", text, resolve=True)
    assert summary(parsed) == [("Maya Okafor", None, ["Hi."]), ("Unknown", None, ["**Part two**"]),
                               ("Maya Okafor", None, ["So."]), ("Daniel Reyes", None, ["Hello."])]


def test_any_bold_label_is_a_speaker_and_the_cast_says_who() -> None:
    parsed = parse("markdown", "**Maya Okafor:** Hi.\n\n**Jordan:** Hello, all.", first=3, resolve=True)
    assert [(t.label, t.speaker) for t in parsed.turns] == [("Maya Okafor", "Maya Okafor"),
                                                            ("Jordan", "Jordan")]
    assert [(p.lineno, p.kind) for p in parsed.problems] == [(5, "unmapped-label")]


def test_declared_plain_labels_and_an_introduction() -> None:
    text = "Recorded in March.\n\nMaya Okafor: Hi.\n\nDaniel Reyes: Hello."
    parsed = parse("markdown", text, resolve=True)
    assert [p.text for p in parsed.preamble] == ["Recorded in March."]
    assert summary(parsed) == [("Maya Okafor", None, ["Hi."]), ("Daniel Reyes", None, ["Hello."])]


def test_detection_wants_bold_labels_or_rev_blocks_in_markdown() -> None:
    context = context_of(episode_cast())
    assert markdown.detect("**Maya:** Hi.\n\n**Dan:** Hello.\n\n**Maya:** Bye.", context) >= 0.5
    assert markdown.detect("# Notes\n\nSome **bold** prose.\n\nMore prose.", context) < 0.5
    rev = "Maya Okafor (00:00):\nHi.\n\nDaniel Reyes (00:05):\nHello."
    assert markdown.detect(rev, context) < 0.5
    assert markdown.detect("---\ntitle: x\n---\n\n" + rev, context) >= 0.5

"""Long typed paragraphs are cut at sentence ends, like timed ones (pure).

A cut is inside one paragraph of one turn: no word changes, none moves to
another speaker; each line keeps its line number; markup is never cut
open.  On the real podcast (a typed transcript, read, never edited), no
paragraph passes 1,200 characters.
"""

from __future__ import annotations

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx_transcripts.model import Paragraph, Transcript, Turn
from sphinx_transcripts.people import cast
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import ParseContext, choose
from sphinx_transcripts.readers._sentences import split_long, split_paragraph

PODCAST = ROOT / "interviews" / "transcripts" / "deep-learning-with-pytorch.txt"


def words(paragraphs: list[Paragraph]) -> list[str]:
    return [w for p in paragraphs for w in p.text.split()]


def test_a_long_paragraph_is_cut_at_the_first_sentence_end_past_the_length() -> None:
    para = Paragraph(10, ("We built the lathe in a week. Then we", "tested it for a month. Nobody",
                          "believed it would hold. It held."))
    cut = split_paragraph(para, 30)
    assert [p.lines for p in cut] == [
        ("We built the lathe in a week. Then we", "tested it for a month."),
        ("Nobody", "believed it would hold. It held."),
    ]
    # each line keeps its number, a cut line on both sides
    assert [p.linenos for p in cut] == [(10, 11), (11, 12)]
    assert [p.lineno for p in cut] == [10, 11]
    assert words(cut) == words([para])
    assert split_paragraph(para, 1000) == [para]


def test_no_cut_after_an_abbreviation_an_initial_before_lower_case_or_inside_markup() -> None:
    text = ("Ask Dr. Marlow about it, e.g. the lathe. It was J. Renn who said so. "
            "and then *this part. Is emphasis* and `code. Here` and [a link. Too](https://x.org/a. B) "
            "ends. Finally a real end. Done here.")
    cut = split_paragraph(Paragraph(1, (text,)), 1)
    ends = [p.text.split()[-1] for p in cut]
    # "so." is followed by a word in lower case: no sentence end
    assert ends == ["lathe.", "ends.", "end.", "here."]
    assert "Dr." not in ends and "e.g." not in ends and "J." not in ends
    for piece in cut:
        assert piece.text.count("*") % 2 == 0 and piece.text.count("`") % 2 == 0
        assert piece.text.count("[") == piece.text.count("]")


def test_a_list_a_timed_paragraph_and_a_short_tail_stay_whole() -> None:
    listed = Paragraph(1, ("- First point. It is long enough.", "- Second point. Also long."))
    assert split_paragraph(listed, 5) == [listed]
    timed = Paragraph(1, ("One sentence here. Another one there.",), start=3.0)
    assert split_paragraph(timed, 5) == [timed]
    tail = Paragraph(1, ("A sentence long enough to pass the length. Ok.",))
    assert split_paragraph(tail, 20) == [tail]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab. !?*`[]()\n", min_size=0, max_size=40), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=50))
def test_cutting_keeps_every_word_in_order(lines: list[str], chars: int) -> None:
    kept = tuple(line.strip() for line in "\n".join(lines).split("\n") if line.strip())
    if not kept:
        return
    para = Paragraph(5, kept)
    cut = split_paragraph(para, chars)
    assert words(cut) == words([para])
    assert all(p.lines and all(line.strip() for line in p.lines) for p in cut)
    assert all(len(p.numbered()) == len(p.lines) for p in cut)


def test_the_podcast_has_no_paragraph_over_1200_characters_and_keeps_its_speakers() -> None:
    source = PODCAST.read_text(encoding="utf-8")
    people = cast.make_cast(Registry(), ["Sanyam Bhutani"],
                            ["Eli Stevens", "Luca Antiga", "Thomas Viehmann"])
    context = ParseContext(labels=people.labels, hosts=people.hosts, guests=people.guests)
    parsed = choose(source, ".txt", context).format.parse(source.splitlines(), 1, context)
    before = [len(p.text) for t in parsed.turns for p in t.paragraphs]
    assert max(before) > 2800  # one paragraph a turn, as typed
    after = split_long(parsed, context.paragraph_chars)
    lengths = [len(p.text) for t in after.turns for p in t.paragraphs]
    assert max(lengths) <= 1200, max(lengths)
    assert len(lengths) > len(before)
    # the same turns, each with its own words
    assert [t.label for t in after.turns] == [t.label for t in parsed.turns]
    assert [words(list(t.paragraphs)) for t in after.turns] == [
        words(list(t.paragraphs)) for t in parsed.turns]


def test_a_transcript_without_long_paragraphs_is_the_same() -> None:
    transcript = Transcript((), (Turn("A", 1, (Paragraph(1, ("Short. Text.",)),)),), ())
    assert split_long(transcript, 600) == transcript

"""Properties of the Sphinx-free steps, over generated transcripts (Hypothesis).

Whatever a transcript holds (labels declared or not and spelled any way,
markup-like characters, odd whitespace, blank lines, combining marks,
zero-width characters, control characters, bytes in any encoding), reading
and parsing it never raises, and no word is lost, added or moved: the words
of the input, labels aside, are the words of the parsed preamble and turns,
in order.  Every format's parser reads any text at all without raising, and
keeps every word that is not the format's syntax; every feed writer's export
reads back with the same speakers, times and words, whatever the names and
the text (see the sections at the end).

The suite runs a few hundred examples per property (profile ``suite``);
``make fuzz`` runs the ``fuzz`` profile (many thousands) and prints how many
examples each property passed.  Neither writes an example database into the
tree.
"""

from __future__ import annotations

import codecs
import html
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from sphinx_transcripts import source
from sphinx_transcripts.anchors import Anchors
from sphinx_transcripts.dialogue import elements, markup, messages
from sphinx_transcripts.model import UNATTRIBUTED, Chapter, Paragraph, Transcript, Turn
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.people.labels import LabelTable
from sphinx_transcripts.people.labels import key as label_key
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import FORMATS, ParseContext
from sphinx_transcripts.readers import chapters as chapter_files
from sphinx_transcripts.urls import safe_url, web_url
from sphinx_transcripts.writers import chapters_json, podcast_json
from sphinx_transcripts.writers import srt as srt_writer
from sphinx_transcripts.writers import webvtt as vtt_writer
from sphinx_transcripts.writers._cues import Cue, Run, cues, speaker_name

# no example database, and Hypothesis's other files under _build/, not in the tree
set_hypothesis_home_dir(Path(__file__).resolve().parent.parent / "_build" / "hypothesis")
settings.register_profile(
    "suite", max_examples=300, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

# -- the people ------------------------------------------------------------------------

#: label -> person: names, an alias, a name with a diacritic, the unattributed speaker
LABELS = {
    "Ada Host": "Ada Host",
    "Bob Guest": "Bob Guest",
    "Zoë Ek": "Zoë Ek",
    "Tom": "Thomas Viehmann",
    "Thomas Viehmann": "Thomas Viehmann",
    "Unknown": "Unknown",
}
TABLE = LabelTable(LABELS)
CONTEXT = ParseContext(labels=TABLE, hosts=("Ada Host",), guests=("Bob Guest", "Zoë Ek", "Thomas Viehmann"))
QA_CONTEXT = ParseContext(labels=TABLE, hosts=("Ada Host",), guests=("Bob Guest",))


def typed(fmt: str, lines: list[str], first: int, context: ParseContext) -> Transcript:
    """Parsed, and each label made a person (the cast's step), as the directive does."""
    return casting.resolve(FORMATS[fmt].parse(lines, first, context), casting.Cast(TABLE, {}, {}))

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@st.composite
def declared_label(draw: st.DrawFn) -> str:
    """A declared label, spelled as sources spell it: case, spacing, zero-width
    characters, decomposed accents, a pronoun suffix, a space before the colon."""
    label = draw(st.sampled_from(sorted(LABELS)))
    words = label.split(" ")
    case = draw(st.sampled_from([str, str.upper, str.lower, str.title]))
    words = [case(w) for w in words]
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "\t", " \t"]), min_size=len(words) - 1,
                         max_size=len(words) - 1))
    text = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.booleans()):
        at = draw(st.integers(1, len(text)))
        text = text[:at] + draw(st.sampled_from(ZERO_WIDTH)) + text[at:]
    if draw(st.integers(0, 4)) == 0:
        text += draw(st.sampled_from([" (she/her)", " (he/him)", "(they/them)", " (host)"]))
    return text + draw(st.sampled_from(["", " ", "\t"]))


undeclared_label = st.builds(
    " ".join,
    st.lists(st.sampled_from(["Jordan", "Note", "Update", "Élodie", "Łukasz", "Ngozi", "Ọkafọ",
                              "Speaker", "SPEAKER_00", "Dr.", "O'Brien", "Ана", "Q"]),
             min_size=1, max_size=3),
)

#: the characters of words: letters of several scripts, digits, markup of every
#: kind, combining marks, zero-width characters, emoji
WORD_CHARS = st.sampled_from(
    list("abcxyzABCXYZéßøçİı") + list("0129") + list("*_`[](){}<>:\\$|#!.-+=~&;/\"'%@^")
    + ["•", "◦", "\u0301", "\u0308", "\u0323", *ZERO_WIDTH, "😀", "中", "ع", "\u202e"]
)
word = st.text(WORD_CHARS, min_size=1, max_size=12).filter(lambda w: w.split() == [w])
#: what separates words: spaces, tabs, and spaces that are not ASCII
GAP = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u3000", " \t "])
special = st.sampled_from([
    "https://example.org/x", "[a](javascript:alert(1))", "[b](https://example.org)", "<script>",
    "{math}`x`", ":ref:`y`", "```", ".. raw:: html", "\\input{x}", "\\write18{y}", "$$", "|sub|",
    "{{ sub }}", "[^1]", "![i](x.png)", "&#106;avascript:", "1.", "-", "*", "•", "\\",
])


@st.composite
def text(draw: st.DrawFn, min_words: int = 1) -> str:
    words = draw(st.lists(st.one_of(word, special), min_size=min_words, max_size=10))
    out = words[0] if words else ""
    for w in words[1:]:
        out += draw(GAP) + w
    return out


@dataclass(frozen=True)
class Line:
    """A generated line: its text, and the words the parsed transcript must show."""

    raw: str
    words: tuple[str, ...]


def is_label_line(line: str, qa: bool) -> bool:
    """Whether a plain line would open a turn (a generated text may spell a label)."""
    stripped = line.rstrip()
    return TABLE.match_line(stripped) is not None or (qa and stripped.startswith("Q:"))


@st.composite
def line(draw: st.DrawFn, first_in_paragraph: bool, qa: bool) -> Line:
    kind = draw(st.sampled_from(["declared", "undeclared", "plain", "indented", "question"]))
    if kind == "declared":
        label = draw(declared_label())
        body = draw(st.one_of(st.just(""), text()))
        return Line(f"{label}:{draw(st.sampled_from([' ', '', '  ', chr(9)]))}{body}", tuple(body.split()))
    if kind == "question" and qa and first_in_paragraph:
        body = draw(text())
        return Line(f"Q: {body}", tuple(body.split()))
    if kind == "undeclared":
        raw = f"{draw(undeclared_label)}: {draw(text())}"
    else:
        raw = draw(text())
        if kind == "indented":
            raw = draw(st.sampled_from([" ", "    ", "\t"])) + raw
    assume(not is_label_line(raw, qa) and raw.strip())
    return Line(raw, tuple(raw.split()))


@st.composite
def transcript(draw: st.DrawFn, qa: bool = False) -> list[Line]:
    """Paragraphs of lines, set apart by blank lines (some of spaces only)."""
    out: list[Line] = []
    for _ in range(draw(st.integers(0, 6))):
        if out:
            for _ in range(draw(st.integers(1, 2))):
                out.append(Line(draw(st.sampled_from(["", " ", "\t", "   "])), ()))
        for index in range(draw(st.integers(1, 4))):
            out.append(draw(line(index == 0, qa)))
    return out


def parsed_words(parsed: Transcript) -> list[str]:
    parts = (*parsed.preamble, *(p for turn in parsed.turns for p in turn.paragraphs))
    return [w for part in parts for w in part.text.split()]


def input_words(lines: Sequence[Line]) -> list[str]:
    return [w for line in lines for w in line.words]


# -- parsing: never raises, every word kept in order -----------------------------------------


@given(transcript(), st.integers(1, 10_000))
def test_labeled_keeps_every_word_in_order(lines: list[Line], first: int) -> None:
    parsed = typed("labeled", [line.raw for line in lines], first, CONTEXT)
    assert parsed_words(parsed) == input_words(lines)
    assert all(first <= turn.lineno < first + max(len(lines), 1) for turn in parsed.turns)
    assert all(p.lineno == 0 or first <= p.lineno < first + len(lines) for p in parsed.problems)


@given(transcript(qa=True), st.integers(1, 10_000))
def test_qa_keeps_every_word_in_order(lines: list[Line], first: int) -> None:
    parsed = typed("qa", [line.raw for line in lines], first, QA_CONTEXT)
    assert parsed_words(parsed) == input_words(lines)
    assert all(turn.speaker for turn in parsed.turns)


@given(transcript())
def test_every_declared_label_line_opens_a_turn_of_its_person(lines: list[Line]) -> None:
    parsed = typed("labeled", [line.raw for line in lines], 1, CONTEXT)
    openers = [n for n, line in enumerate(lines, 1) if is_label_line(line.raw, qa=False)]
    assert [turn.lineno for turn in parsed.turns] == openers
    assert {turn.speaker for turn in parsed.turns} <= set(LABELS.values())


@given(st.lists(st.text(max_size=80), max_size=12), st.booleans())
def test_any_text_at_all_parses(lines: list[str], qa: bool) -> None:
    """Not only generated transcripts: any lines, even with line ends inside."""
    fmt, context = (FORMATS["qa"], QA_CONTEXT) if qa else (FORMATS["labeled"], CONTEXT)
    parsed = fmt.parse(lines, 1, context)
    # labels and markers aside, the parsed words are the input's, in order
    remaining = iter(w for line in lines for w in line.split())
    for parsed_word in parsed_words(parsed):
        assert any(parsed_word == w or w.endswith(parsed_word) for w in remaining), parsed_word


#: any JSON value, and a segment of the JSON formats: their fields with any values
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
TIME = st.floats(0, 20_000) | st.integers(0, 20_000_000) | JSON_VALUE
WORDS = st.text(max_size=30) | JSON_VALUE
SEGMENT = JSON_VALUE | st.fixed_dictionaries({}, optional={
    "text": WORDS, "body": WORDS, "start": TIME, "end": TIME, "startTime": TIME, "endTime": TIME,
    "speaker": st.sampled_from(["SPEAKER_00", "SPEAKER_01", "0", "1", "?", "", "Ada Host"]) | JSON_VALUE,
    "offsets": st.fixed_dictionaries({}, optional={"from": TIME, "to": TIME}) | JSON_VALUE,
    "timestamps": st.fixed_dictionaries({}, optional={
        "from": st.sampled_from(["00:00:01,000", "00:01:02,500", "99:99", ""]) | JSON_VALUE,
        "to": st.sampled_from(["00:00:02,000", "1:00:00.000"]) | JSON_VALUE,
    }) | JSON_VALUE,
    "speaker_turn_next": JSON_VALUE,
})


@given(st.sampled_from(["podcast-json", "whisper-json"]), st.sampled_from(["segments", "transcription"]),
       st.lists(SEGMENT, max_size=8), st.booleans())
def test_the_json_formats_keep_the_text_of_any_segments(
    fmt: str, key: str, segments: list[object], indent: bool
) -> None:
    """Whatever the segments hold, parsing does not raise and keeps the text
    of every segment that has some."""
    text = json.dumps({key: segments}, indent=2 if indent else None)
    parsed = FORMATS[fmt].parse(text.split("\n"), 1, CONTEXT)
    if fmt == "podcast-json" and key != "segments":
        assert parsed.turns == () and parsed.problems
        return
    field = "body" if fmt == "podcast-json" else "text"
    kept = " ".join(p.text for turn in parsed.turns for p in turn.paragraphs)
    for segment in segments:
        if isinstance(segment, dict) and isinstance(segment.get(field), str):
            for word in segment[field].split():
                assert word in kept


CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
               max_size=30)


@given(st.sampled_from(["\t", ","]), st.booleans(),
       st.lists(st.tuples(st.integers(0, 10**7).map(str) | CELL, st.integers(0, 10**7).map(str) | CELL,
                          st.sampled_from(["0", "1", "?", ""]) | CELL, CELL), max_size=8))
def test_the_table_format_keeps_the_text_of_any_rows(
    sep: str, diarized: bool, rows: list[tuple[str, str, str, str]]
) -> None:
    """Whatever the rows hold after a Whisper or whisper.cpp header, parsing
    does not raise and keeps every word of every row."""
    header = sep.join(["start", "end", *(["speaker"] if diarized else []), "text"])
    lines = [header] + [sep.join([a, b, *([c] if diarized else []), d]) for a, b, c, d in rows]
    parsed = FORMATS["whisper-table"].parse(lines, 1, CONTEXT)
    kept = " ".join(p.text for turn in parsed.turns for p in turn.paragraphs)
    for _start, _end, _speaker, text in rows:
        for word in text.replace('"', " ").split():
            assert word in kept


# -- markup: never raises, nothing live but the subset ---------------------------------------------

ALLOWED = (nodes.paragraph, nodes.bullet_list, nodes.list_item, nodes.Text, nodes.emphasis,
           nodes.strong, nodes.literal, nodes.reference, nodes.inline, elements.line_break)


@given(st.lists(text(), min_size=1, max_size=5), st.integers(1, 500))
def test_markup_makes_only_the_subsets_nodes_and_safe_links(lines: list[str], lineno: int) -> None:
    para = Paragraph(lineno, tuple(lines))
    out = markup.to_nodes(para, "t.txt")
    assert out
    for top in out:
        for node in top.findall():
            assert isinstance(node, ALLOWED), type(node)
            if isinstance(node, nodes.reference):
                assert safe_url(node["refuri"])
            if isinstance(node, nodes.Element) and node.line is not None:
                assert lineno <= node.line < lineno + len(lines)
    for problem in markup.suspicious(para):
        assert lineno <= problem.lineno < lineno + len(lines)
        assert problem.kind in ("markup", "link")


@given(st.lists(st.text(max_size=60), min_size=1, max_size=5))
def test_markup_of_any_text_never_raises(lines: list[str]) -> None:
    para = Paragraph(1, tuple(lines))
    markup.to_nodes(para, "t.txt")
    list(markup.suspicious(para))


@given(st.lists(st.one_of(word, st.sampled_from(["<laughs>", "10:30", "(inaudible)", "—", "“quoted”"])),
                min_size=1, max_size=12))
def test_text_without_markup_is_shown_exactly(words: list[str]) -> None:
    line = " ".join(w for w in words if not re.search(r"[*_`\[\]<>\\@•◦:+-]|^\d", w)) or "plain"
    (para,) = markup.to_nodes(Paragraph(1, (line,)), "t.txt")
    assert para.astext() == line


# -- reading: decoding and cleaning never raise, lines are an editor's ------------------------------


@given(st.binary(max_size=400))
def test_any_bytes_decode(data: bytes) -> None:
    decoded, problems = source.decode(data)
    assert isinstance(decoded, str)
    assert len(problems) <= 1
    source.looks_binary(data)
    cleaned, _ = source.clean(decoded)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", cleaned)


@given(st.text(max_size=200))
def test_text_decodes_to_itself_in_every_encoding_it_may_come_in(written: str) -> None:
    assume(not written.startswith("\ufeff"))
    assert source.decode(written.encode("utf-8")) == (written, [])
    assert source.decode(codecs.BOM_UTF8 + written.encode("utf-8"))[0] == written
    assert source.decode(codecs.BOM_UTF32_LE + written.encode("utf-32-le"))[0] == written
    assert source.decode(codecs.BOM_UTF32_BE + written.encode("utf-32-be"))[0] == written
    assert source.decode(codecs.BOM_UTF16_BE + written.encode("utf-16-be"))[0] == written
    # UTF-16's little-endian mark and a U+0000 are UTF-32's mark: no text opens so
    assume(not written.startswith("\x00"))
    assert source.decode(codecs.BOM_UTF16_LE + written.encode("utf-16-le"))[0] == written


@given(st.text(st.characters(codec="latin-1"), max_size=200))
def test_latin1_text_is_read_with_every_character(written: str) -> None:
    data = written.encode("latin-1")
    decoded, problems = source.decode(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # "ÿþ" then bytes that are UTF-16 indeed: no way to tell, the mark wins
            data[2:].decode("utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be")
            return
        except UnicodeDecodeError:
            pass
    try:  # Latin-1 text that happens to be valid UTF-8 is read as UTF-8
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 differs from Latin-1 only in 0x80-0x9f, controls in Latin-1
        if not re.search(r"[\x80-\x9f]", written):
            assert decoded == written
        assert len(problems) == 1 and problems[0].kind == "encoding"


@given(st.text(max_size=300), st.integers(1, 1000))
def test_clean_removes_control_characters_and_says_on_which_lines(written: str, first: int) -> None:
    cleaned, problems = source.clean(written, first)
    lines = source.split_lines(written)
    ends = re.compile(r"\r\n|\r|\n")
    assert len(ends.findall(cleaned)) == len(ends.findall(written))
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", cleaned)
    control = [n for n, line in enumerate(lines, first)
               if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", line)]
    assert [p.lineno for p in problems] == control


@given(transcript())
def test_a_file_reads_back_its_lines(lines: list[Line]) -> None:
    """What ``read_file`` does to a file's text, without the file: the lines back."""
    raw = [line.raw for line in lines]
    assume(raw)
    cleaned, _ = source.clean("\r\n".join(raw))
    expected = [re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", r) for r in raw]
    if len(expected) > 1 and expected[-1] == "":
        expected.pop()  # a last line end ends the last line, it opens none
    assert source.split_lines(cleaned) == expected


# -- translations: a catalogue's text is read like a transcript's ----------------------------------

#: what a translator's catalogue might hold to make a page run something
HOSTILE_MSGSTR = st.sampled_from([
    "<img src=x onerror=alert(1)>", "{download}`probe.txt`", "```{include} ../secret.txt\n```",
    "<script>alert(1)</script>", "\\input{/etc/passwd}", "[x](javascript:alert(1))", "<javascript:x>",
    "{raw}`html <b onmouseover=x>`", ".. raw:: html\n\n   <script>x</script>", "$$x$$", "{{ secret }}",
    ":::{eval-rst}\n.. include:: /etc/passwd\n:::", "[x](data:text/html,<script>)", "<a href='javascript:x'>",
    "*em* **strong** `code`", "- item", "• glyph", "\x00\x1b", "\n\n", "\r\n",
])
msgstr = st.lists(st.one_of(st.text(max_size=40), HOSTILE_MSGSTR, special), min_size=1, max_size=8).map(" ".join)


@given(msgstr, st.lists(text(), min_size=1, max_size=4), st.integers(1, 500))
def test_a_translation_makes_only_the_subsets_nodes_and_safe_links(
    translation: str, lines: list[str], lineno: int
) -> None:
    original = Paragraph(lineno, tuple(lines), start=1.5, end=3.0)
    msgid = messages.message(original)
    para, problems = messages.translated_paragraph(msgid, translation, original)
    assert (para.start, para.end, para.lineno) == (1.5, 3.0, lineno)
    for top in markup.to_nodes(para, "t.txt") if para.lines else []:
        for node in top.findall():
            assert isinstance(node, ALLOWED), type(node)
            if isinstance(node, nodes.reference):
                assert safe_url(node["refuri"])
            if isinstance(node, nodes.Element) and node.line is not None:
                assert node.line == lineno  # the nodes stand where the original stood
    assert {p.kind for p in problems} <= {"markup", "link", "translation", "encoding"}


@given(st.lists(st.tuples(text(), msgstr | st.just("") | st.none()), min_size=1, max_size=6))
def test_a_translated_transcript_keeps_its_turns_times_and_speakers(
    pairs: list[tuple[str, str | None]]
) -> None:
    from sphinx_transcripts.model import Turn

    turns = tuple(Turn("A", n + 1, (Paragraph(n + 1, (line,), start=float(n)),), speaker=f"S{n % 2}",
                       start=float(n)) for n, (line, _) in enumerate(pairs))
    original = Transcript((), turns)
    table = {messages.message(t.paragraphs[0]): found for t, (_, found) in zip(turns, pairs, strict=True)}
    result = messages.translate(original, table.get)
    assert [(t.speaker, t.start, t.lineno) for t in result.transcript.turns] == \
        [(t.speaker, t.start, t.lineno) for t in turns]
    for before, after in zip(turns, result.transcript.turns, strict=True):
        (para,) = after.paragraphs
        assert para.lines and "".join(para.lines).strip()  # never an empty turn
        assert para.start == before.paragraphs[0].start


# -- ids made from names ---------------------------------------------------------------

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@given(st.lists(st.text(min_size=1, max_size=30), max_size=12))
def test_any_names_give_unique_ascii_ids_the_same_every_time(names: list[str]) -> None:
    for how in ("named", "numbered"):
        alone = [getattr(Anchors("p-"), how)(name) for name in names]
        ids = Anchors("p-")
        together = [getattr(ids, how)(name) for name in names]
        assert len(set(together)) == len(together)
        assert all(_ID.fullmatch(i.removeprefix("p-")) for i in together), together
        again = Anchors("p-")
        assert [getattr(again, how)(name) for name in names] == together  # stable
        if how == "named":
            # a person's id is their own unless an earlier name slugs alike
            for number in range(len(names)):
                if alone[number] not in alone[:number]:
                    assert together[number] == alone[number]


# -- exports: whatever the turns, an export reads back with the same speakers, times, words ----------
#
# A transcript as a parser may return it (any speaker names, any text: control characters,
# "-->", "<v", blank lines, numbers alone on a line, "Name:" openings, SubRip and WebVTT
# tags), cleaned as the directive cleans it, is written by each feed writer; the export is
# read back as the directive reads a file (decode, the one cleaning, the format's parser,
# the cleaning of what it decoded, the cast of the same people), and gives the same turns:
#
# - speakers: the name each turn's cues carry (one line, as cues.speaker_name writes it);
# - times: each turn's start and end (its cues' latest: a cue may end before one it talks
#   over does), to the millisecond (the times are on the millisecond
#   grid, the exports' precision), and every paragraph read back starts at the word, and at
#   the time, a written cue started;
# - words: the whitespace-split words of the text the page shows (Cue.plain), against the
#   whitespace-split words of the text the reader reads back, leaving out of both the characters a
#   format writes for what is not a word: "*" (WebVTT's <i> and <b> read back as the
#   transcript's *emphasis*) and the invisible WORD JOINER the SubRip writer puts into
#   text that would read as SubRip's syntax.  (The words are compared as read, not as the
#   page shows them again: a word the page shows as "*x*" from an escaped "\*x\*" reads
#   back as the text "*x*", which the subset would show as emphasis.)

#: pieces of text that are syntax in some export or reader
NASTY = st.sampled_from([
    "-->", "--", ">", "<v", "<v Ada>", "</v>", "<i>", "</b>", "<u>", "<font color=red>", "<00:00:01.000>",
    "{\\an8}", "&amp;", "&lt;", "&", "<", "Docker:", "Ada:", "[SPEAKER_00]:", "Unknown:", "Note:", ":",
    "00:00:01,000 --> 00:00:02,000", "1:02:03", "00:01.000 --> 00:02.000", "1", "42", "WEBVTT", "NOTE",
    "\n", "\n\n", "\r", "\r\n", "\u2028", "\x85", "\t", " ", "\x1b", "\x07", "\x00", "\ud800", "\uffff",
    "\u2060", "\u200b", "*", "**", "_", "`", "[a](https://example.org)", "\\", "- ", "1. ", "•", "…", ",",
])
#: any text, with the pieces above among it
ANY_TEXT = st.lists(st.one_of(st.text(max_size=12), NASTY, word), max_size=8).map("".join)


@st.composite
def speaker_names(draw: st.DrawFn) -> list[str]:
    """One to four people, their names as written: anything, that cleaned and spaced
    is not empty, is no one else's (two names only case or spacing tell apart are
    one label for every reader) and is not the unattributed speaker's but for it."""
    names: list[str] = []
    keys = {label_key(UNATTRIBUTED)}
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.one_of(ANY_TEXT, st.sampled_from([UNATTRIBUTED, "Ada Host", "[Ada]", "Dr: Who",
                                                         "Who:", "R&D <Team>", "<i>", "1:02:03"])))
        cleaned = source.one_line(source.strip_controls(name)[0])
        if name == UNATTRIBUTED:
            names.append(name)
        elif label_key(cleaned) and label_key(cleaned) not in keys:
            keys.add(label_key(cleaned))
            names.append(name)
    return names or [UNATTRIBUTED]


MS = st.integers(0, 200 * 3_600_000).map(lambda ms: ms / 1000)


@st.composite
def spoken(draw: st.DrawFn) -> Transcript:
    """Turns of any of the people, paragraphs of any lines, times or none."""
    names = draw(speaker_names())
    turns = []
    lineno = 1
    for _ in range(draw(st.integers(1, 6))):
        paragraphs = []
        for _ in range(draw(st.integers(1, 3))):
            lines = tuple(draw(st.lists(ANY_TEXT, min_size=1, max_size=3)))
            start, end = draw(st.none() | MS), draw(st.none() | MS)
            paragraphs.append(Paragraph(lineno, lines, start, end))
            lineno += len(lines)
        speaker = draw(st.sampled_from(names))
        turns.append(Turn(speaker, paragraphs[0].lineno, tuple(paragraphs), speaker,
                          paragraphs[0].start, paragraphs[-1].end))
    # the directive's cleaning is what the writers get
    return source.clean_transcript(Transcript((), tuple(turns)))


def plain_words(text: str) -> list[str]:
    """Words as the property compares them (see above)."""
    return [w for w in text.replace("*", "").replace("\u2060", "").split() if w]


def turns_of(found: list[Cue]) -> list[tuple[str, int, int, list[str], set[tuple[int, int]]]]:
    """(speaker, start ms, end ms, words, {(word offset, start ms) of each cue}) of each
    run of cues of one speaker."""
    out: list[tuple[str, int, int, list[str], set[tuple[int, int]]]] = []
    for cue in found:
        if not out or out[-1][0] != cue.speaker:
            out.append((cue.speaker, round(cue.start * 1000), 0, [], set()))
        speaker, start, _, words, starts = out[-1]
        starts.add((len(words), round(cue.start * 1000)))
        words.extend(plain_words(cue.plain))
        out[-1] = (speaker, start, max(out[-1][2], round(cue.end * 1000)), words, starts)
    return out


def read_back(text: str, fmt: str, transcript: Transcript) -> Transcript:
    """The export read as the directive reads a file, with the transcript's people declared."""
    decoded, problems = source.decode(text.encode("utf-8"))
    assert not problems
    cleaned, problems = source.clean(decoded)
    assert not problems  # an export holds no control character
    people = sorted({turn.speaker for turn in transcript.turns} - {UNATTRIBUTED})
    cast = casting.make_cast(Registry(), people, [])
    context = ParseContext(labels=cast.labels, hosts=cast.hosts)
    parsed = FORMATS[fmt].parse(source.split_lines(cleaned), 1, context)
    return casting.resolve(source.clean_transcript(parsed), cast)


EXPORTS = {"webvtt": vtt_writer.write, "srt": srt_writer.write, "podcast-json": podcast_json.write}


def read_cues(transcript: Transcript) -> list[Cue]:
    """A transcript read back, a cue per paragraph as :func:`cues` makes them, with the
    paragraph's text as read (one block of one run, not read as the subset again)."""
    out = [Cue(speaker_name(turn.speaker), para.start, para.end, ((Run(para.text),),))
           for turn in transcript.turns for para in turn.paragraphs if para.text.strip()]
    named = any(cue.speaker != UNATTRIBUTED for cue in out)
    return [cue if named else Cue("", cue.start, cue.end, cue.blocks) for cue in out]


@given(spoken(), st.sampled_from(sorted(EXPORTS)))
def test_an_export_reads_back_with_the_same_speakers_times_and_words(
    transcript: Transcript, fmt: str
) -> None:
    written = cues(transcript)
    back = read_back(EXPORTS[fmt](transcript), fmt, transcript)
    assert all(p.start is not None and p.end is not None for t in back.turns for p in t.paragraphs)
    want, got = turns_of(written), turns_of(read_cues(back))
    assert [t[:4] for t in got] == [t[:4] for t in want]
    for (*_, starts_got), (*_, starts_want) in zip(got, want, strict=True):
        assert starts_got <= starts_want


URL = st.sampled_from(["", "https://example.org/a", "http://example.org", " https://example.org/b ",
                       "http://[x", "https://exa mple.org", "javascript:alert(1)", "mailto:a@example.org",
                       "img.png", "https://example.org/\u001b"]) | ANY_TEXT


@given(st.lists(st.builds(Chapter, MS, ANY_TEXT, url=URL, img=URL, toc=st.booleans(), end=st.none() | MS),
                max_size=6))
def test_the_chapters_read_back_with_the_same_times_titles_and_links(found: list[Chapter]) -> None:
    transcript = source.clean_transcript(Transcript((), (), chapters=tuple(found)))
    cleaned, problems = source.clean(chapters_json.write(transcript))
    assert not problems
    back, _ = chapter_files.read(source.split_lines(cleaned), ".json")

    def link(url: str) -> str:
        return url if web_url(url) else ""

    want = [(round(c.start * 1000), " ".join(c.title.split()), link(c.url), link(c.img), c.toc,
             None if c.end is None or c.end <= c.start else round(c.end * 1000))
            for c in sorted(transcript.chapters, key=lambda c: c.start) if c.title.split() or not c.toc]
    got = [(round(c.start * 1000), c.title, c.url, c.img, c.toc, None if c.end is None else round(c.end * 1000))
           for c in back]
    assert got == want


# -- every format's parser, over any text -------------------------------------------------------------
#
# For each format of the table (formats.FORMATS), text made of any characters and of
# pieces of every format's syntax: detecting and parsing it never raises (bad input is
# problems), every problem and turn is on a line of the input (or, for the whole text,
# line 0), and the model, cleaned as the directive cleans it, holds no control character.
#
# And every word of the input that is not the format's syntax is in what the parser
# returns (as a piece of its text, labels, introduction or chapter titles: a label loses
# its colon and brackets, a WebVTT voice its spacing; podcast-json joins punctuation to
# the word before it).  What a format's syntax is, is said for each format below.  For
# the formats of JSON (podcast-json, whisper-json) and tables (whisper-table), any text
# is mostly no file at all: their words properties are the ones above, over any segments
# and any rows; for podcast-html, over paragraphs of any text, escaped as HTML.

FRAGMENT = st.sampled_from([
    "WEBVTT", "WEBVTT - a title", "NOTE a note", "STYLE", "REGION", "Kind: captions",
    "00:00:01.000 --> 00:00:02.000", "00:01.000 --> 00:02.000 align:start", "00:00:01,000 --> 00:00:02,000",
    "00:00:05,000 -> 00:00:07,000", "1:02:03 - 4", "1", "2", "<v Ada Host>", "<v.loud Bob Guest>", "</v>",
    "<i>", "</i>", "<b>", "<c.yellow>", "<00:00:01.500>", "{\\an8}", "&amp;", "&lt;v x&gt;", "&#27;",
    "[00:01:02]", "[00:01:02.500]", "Ada Host (01:02):", "Ada Host:", "Ada Host: [00:01:02]", "Bob Guest  1:02",
    "Unknown Speaker  0:05", "SPEAKER_00:", "[SPEAKER_01]:", "[00:00:01.000 --> 00:00:02.000] SPEAKER_00:",
    "1:02", "0:00", "Q:", "[chapter]", "[chapter 1:00]", "Tom:", "Zoë Ek:", "Jordan:", "Note:",
    '{"segments": [', '{"startTime": 1, "endTime": 2, "speaker": "Ada Host", "body": "hi"}', "]}",
    '{"start": 0, "end": 1, "text": "x"}', "<cite>Ada Host:</cite>", "<time>0:01</time>", "<p>", "</p>",
    "<script>alert(1)</script>", "<br>", "start\tend\ttext", "1000\t2000\thello", "start,end,speaker,text",
    "---", "title: An episode", "# A title", "## Transcript", "**Ada Host:**", "**Bob Guest**:", "**Break**:",
    "\\[07:18\\]", "\\[laughs\\]", "(00:01:51):", "Ada Host (01:02:03):", "00:01:02 Hello there",
    "\x1b", "\x00", "\ufeff", "\u2028", "\t", "  ",
])
#: whole header lines of the timed text formats, so that their turns are read too
HEADER = st.sampled_from([
    "[00:01:02] Ada Host: words", "[00:01:03] Bob Guest:", "Ada Host: [00:01:02] words", "Bob Guest: [00:01:04]",
    "Ada Host  1:02", "Bob Guest  1:05", "Ada Host (01:02):", "Bob Guest (01:06):", "**Ada Host:** words",
    "**Bob Guest**: words", "SPEAKER_00: words", "SPEAKER_01:", "00:01:02 words", "1:02", "1:07",
])
ANY_LINE = st.one_of(
    st.text(max_size=40), FRAGMENT, HEADER,
    st.lists(st.one_of(FRAGMENT, word, st.text(max_size=6)), max_size=5).map(" ".join),
)


def as_read(raw: list[str]) -> tuple[list[str], str]:
    """Lines as a file holding them is read: decoded, cleaned, split as an editor splits."""
    cleaned, _ = source.clean("\n".join(raw))
    return source.split_lines(cleaned), cleaned


def output_text(parsed: Transcript) -> str:
    """Everything a parser returned that is text, to look words up in."""
    parts = [p.text for p in parsed.preamble]
    for turn in parsed.turns:
        parts += [turn.label, *(p.text for p in turn.paragraphs)]
    return canon(" ".join([*parts, *(c.title for c in parsed.chapters)]))


def canon(text: str) -> str:
    """Text as labels are compared: NFC, without zero-width characters."""
    return unicodedata.normalize("NFC", text.translate(dict.fromkeys(map(ord, ZERO_WIDTH))))


def context_for(name: str) -> ParseContext:
    return QA_CONTEXT if name == "qa" else CONTEXT


@given(st.sampled_from(sorted(FORMATS)), st.lists(ANY_LINE, max_size=12), st.integers(1, 1000))
def test_every_format_reads_any_text_without_raising(name: str, raw: list[str], first: int) -> None:
    lines, text = as_read(raw)
    context = context_for(name)
    assert 0.0 <= FORMATS[name].detect(text, context) <= 1.0
    parsed = source.clean_transcript(FORMATS[name].parse(lines, first, context))
    end = first + len(lines)
    assert all(p.lineno == 0 or first <= p.lineno < end for p in parsed.problems), parsed.problems
    assert all(first <= t.lineno < end for t in parsed.turns)
    assert not source.CONTROL.search(output_text(parsed))


#: a word holding a timecode (``[00:01:02]``, ``(01:02):``, ``1:02``), or the arrow of a diarized
#: line's times, is a timed text's syntax
TIMECODE_WORD = re.compile(r"\d:\d|^-->$")


def no_lines(lines: list[str]) -> set[int]:
    """The format's syntax is in words, not in whole lines."""
    return set()


def syntax_of_srt(lines: list[str]) -> set[int]:
    """Timing lines (and what reads as one: an arrow and a number), and the cue number before one."""
    from sphinx_transcripts.readers import srt as subrip
    timing = {n for n, line in enumerate(lines)
              if subrip._TIMING.fullmatch(line) or subrip._BROKEN.fullmatch(line)}
    return timing | {n - 1 for n in timing if n and subrip._INDEX.fullmatch(lines[n - 1])}


def syntax_of_webvtt(lines: list[str]) -> set[int]:
    """The header block, NOTE, STYLE and REGION blocks, timing lines and the cue
    identifier before one (WebVTT's blocks, as the reader cuts them)."""
    from sphinx_transcripts.readers import webvtt as vtt
    out: set[int] = set()
    for number, block in enumerate(vtt._blocks(lines, 0)):
        rows = range(block.lineno, block.lineno + len(block.lines))
        arrow = next((i for i, line in enumerate(block.lines) if "-->" in line), None)
        head = block.lines[0]
        if arrow is None and ((number == 0 and vtt._HEADER.match(head.lstrip("\ufeff")))
                              or vtt._NOTE.match(head) or head.strip() in ("STYLE", "REGION")):
            out.update(rows)
        elif arrow is not None:
            out.update(range(block.lineno, block.lineno + arrow + 1))
    return out


def syntax_of_markdown(lines: list[str]) -> set[int]:
    """The front matter, and headings."""
    from sphinx_transcripts.readers import markdown
    return set(range(markdown.front_matter(lines))) | {
        n for n, line in enumerate(lines) if re.match(r"#{1,6}[ \t]", line)}


#: name -> (the lines that are syntax, the words that are)
SYNTAX = {
    "labeled": (no_lines, re.compile("(?!)")),
    "qa": (no_lines, re.compile(r"^Q:$")),
    "descript": (no_lines, TIMECODE_WORD),
    "rev": (no_lines, TIMECODE_WORD),
    "name-timecode": (no_lines, TIMECODE_WORD),
    "otter": (no_lines, TIMECODE_WORD),
    "diarized": (no_lines, TIMECODE_WORD),
    "youtube-panel": (no_lines, TIMECODE_WORD),
    "timed-text": (no_lines, TIMECODE_WORD),
    # front matter and headings are the file's own, a bold label's stars and an escape's
    # backslash are Markdown's, and a time is a time mark
    "markdown": (syntax_of_markdown, re.compile(r"[\\*]|\d:\d")),
    # a tag (<i>, <font color=x>, {\an8}) is syntax, and so is what a word holding one
    "srt": (syntax_of_srt, re.compile(r"[<>{}]")),
    # and character references (&amp;) are decoded
    "webvtt": (syntax_of_webvtt, re.compile(r"[<>&]")),
}
#: what is left out of a line before its words are taken: tags and their attributes, a
#: chapter mark (its title is the chapter's)
CHAPTER_MARK = re.compile(r"^\[chapter(?:[ \t]+[0-9:.,]+)?\]", re.IGNORECASE)
TAGS = {"srt": re.compile(r"<[^<>]*>|\{\\[^{}]*\}"), "webvtt": re.compile(r"<[^<>]*>|&[#\w]+;"),
        "labeled": CHAPTER_MARK, "qa": CHAPTER_MARK}


@given(st.sampled_from(sorted(SYNTAX)), st.lists(ANY_LINE, max_size=12))
def test_every_word_of_any_text_that_is_not_syntax_is_read(name: str, raw: list[str]) -> None:
    """The header of a cue without text ("SPEAKER_00:", "Ada (0:05):") goes with the
    cue, which is a problem at its line ("this cue has no text"; in SRT and WebVTT at
    the timing line, the label on the line after it)."""
    lines, _ = as_read(raw)
    parsed = FORMATS[name].parse(lines, 1, context_for(name))
    syntax_lines, syntax_word = SYNTAX[name]
    skipped = syntax_lines(lines)
    skipped |= {n for p in parsed.problems if p.kind == "empty-cue" for n in (p.lineno - 1, p.lineno)}
    if name == "srt":
        # what stands between two cues and is no text (a cue's number, numbers and times
        # that make no cue) is left out with a problem at its first line, up to the timing
        timings = sorted(syntax_lines(lines))
        for p in parsed.problems:
            if p.kind == "cue" and ("not shown" in p.message or "left out" in p.message):
                upto = next((n for n in timings if n >= p.lineno - 1), len(lines))
                skipped |= set(range(p.lineno - 1, upto))
    kept = output_text(parsed)
    for n, line in enumerate(lines):
        if n in skipped:
            continue
        for written in (TAGS[name].sub(" ", line) if name in TAGS else line).split():
            found = canon(written).strip(":[]")
            if found and not syntax_word.search(canon(written)):
                assert found in kept, (name, found, line)


@st.composite
def html_transcript(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """A Podcasting 2.0 HTML transcript of any text (escaped), and its words."""
    out, words = ["<html><body>"], []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            name = draw(st.sampled_from(["Ada Host", "Bob Guest", "Jordan"]))
            out.append(f"<cite>{name}:</cite>")
        if draw(st.booleans()):
            out.append(f"<time>{draw(st.sampled_from(['0:00', '1:02', '1:02:03', '99:99']))}</time>")
        text = draw(ANY_TEXT)
        out.append(f"<p>{html.escape(text)}</p>")
        words += source.strip_controls(text)[0].split()  # the words after the one cleaning
    return out + ["</body></html>"], words


@given(html_transcript())
def test_podcast_html_reads_every_word_of_any_paragraph(document: tuple[list[str], list[str]]) -> None:
    raw, words = document
    lines, _ = as_read(raw)
    kept = output_text(source.clean_transcript(FORMATS["podcast-html"].parse(lines, 1, CONTEXT)))
    for found in words:
        # Markdown's escape of a bracket (\\[) is read as the bracket: HTML made of Markdown
        found = canon(source.strip_controls(found)[0]).replace("\\[", "[").replace("\\]", "]")
        if found.strip():
            for piece in found.split():
                assert piece in kept or TIMECODE_WORD.search(piece), found


def blocks(para: Paragraph) -> list[tuple[str, str]]:
    """(parent, words) of each paragraph the subset makes of ``para``."""
    return [(type(node.parent).__name__, " ".join(node.astext().split()))
            for top in markup.to_nodes(para, "t.txt") for node in top.findall(nodes.paragraph)]


def message_read_back(lines: list[str]) -> tuple[Paragraph, Paragraph]:
    original = Paragraph(1, tuple(lines))
    msgid = messages.message(original)
    assert "\n\n" not in msgid and msgid == msgid.strip()
    return original, Paragraph(1, tuple(msgid.split("\n")))


@given(st.lists(text(), min_size=1, max_size=6))
def test_a_paragraphs_message_has_its_words_in_order(lines: list[str]) -> None:
    """What a translator sees (the message) says what the page says: read
    back by the subset, the same words in the same order, whatever the text."""
    original, again = message_read_back(lines)
    assert " ".join(w for _, w in blocks(again)).split() == " ".join(w for _, w in blocks(original)).split()


plain = st.lists(st.text("abcxyzéß019.,;:!?'", min_size=1, max_size=9), min_size=1, max_size=6).map(" ".join)


@given(st.lists(st.one_of(plain, plain.map("- {}".format), plain.map("• {}".format),
                          plain.map("  {}".format), plain.map("{} \\".format)), min_size=1, max_size=8))
def test_a_paragraphs_message_keeps_its_lists_and_breaks(lines: list[str]) -> None:
    """A transcript's paragraph (text, bullet items, wrapped items, forced
    breaks) and its message read back as the same paragraphs and items."""
    original, again = message_read_back(lines)
    assert blocks(again) == blocks(original)

    def breaks(para: Paragraph) -> int:
        return sum(1 for top in markup.to_nodes(para, "t.txt") for _ in top.findall(elements.line_break))

    assert breaks(again) == breaks(original)

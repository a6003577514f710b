"""Properties of the Sphinx-free steps, over generated transcripts (Hypothesis).

Whatever a transcript holds (labels declared or not and spelled any way,
markup-like characters, odd whitespace, blank lines, combining marks,
zero-width characters, control characters, bytes in any encoding), reading
and parsing it never raises, and no word is lost, added or moved: the words
of the input, labels aside, are the words of the parsed preamble and turns,
in order.

The suite runs a few hundred examples per property (profile ``suite``);
``make fuzz`` runs the ``fuzz`` profile (many thousands) and prints how many
examples each property passed.  Neither writes an example database into the
tree.
"""

from __future__ import annotations

import codecs
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
from sphinx_transcripts.dialogue import elements as tn
from sphinx_transcripts.dialogue import markup, messages
from sphinx_transcripts.model import Paragraph, Transcript
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.people.labels import LabelTable
from sphinx_transcripts.readers import FORMATS, ParseContext
from sphinx_transcripts.urls import safe_url

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
           nodes.strong, nodes.literal, nodes.reference, nodes.inline, tn.line_break)


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

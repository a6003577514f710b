"""Bounded reading of input: nesting too deep, or a file too large, is a problem, not a crash (pure).

Python's JSON and TOML readers go one level of the call stack down per
level of nesting, so a 2 kB file of 1,000 nested arrays (or a TOML value of
500) raises ``RecursionError``, which no caller expects, and the build
stops.  Every JSON or TOML file the extension reads (Podcasting 2.0 and
Whisper transcripts, chapters, the speaker registry) goes through
:func:`load_json` or :func:`load_toml`, which first measure the nesting with
a scan that is one loop over the text, never a recursion: brackets outside
strings (and, for TOML, outside comments, with each part of a dotted key
counted as a level, since ``a.b.c = 1`` nests as deeply as
``a = {b = {c = 1}}``).  A text nested deeper than :data:`MAX_DEPTH` is not
decoded: the result is a :class:`Problem` at the line where the limit is
passed.  No real file comes near the limit (a Podcasting 2.0 transcript is
three levels deep, a WhisperX file with words five, a registry four).

What the decoders refuse besides syntax is a problem too, not a traceback:
an integer of more than 4,300 digits (``ValueError`` from Python's limit on
converting long integers), and, should any nesting pass the scan, a
``RecursionError``.
"""

from __future__ import annotations

import json
import operator
import re
import tomllib
from dataclasses import dataclass, replace
from itertools import accumulate, count
from pathlib import Path

from .model import Paragraph, Problem, Transcript

#: the deepest nesting a JSON or TOML input may have (arrays, objects, tables, dotted keys)
MAX_DEPTH = 32

#: the largest file the extension reads (a transcript, a chapters file, the
#: registry), in bytes.  A 3-hour episode is under 10 MB even as JSON with a
#: time for every word; a 20 MB transcript builds in a few hundred megabytes of
#: memory (BENCHMARKS.md).  A larger file is refused with a warning, not read
#: into memory: a file of gigabytes would exhaust the build machine's.
MAX_FILE_BYTES = 50_000_000


#: the most paragraphs one transcript shows.  A page's memory grows with its
#: nodes, some 12 kB a one-line turn (100,000 turns: about 1.3 GB), whatever
#: the bytes: a 20 MB file of two-word turns would need 9 GB.  A 3-hour episode
#: has a few thousand paragraphs, a 10-hour one some 20,000.
MAX_PARAGRAPHS = 150_000

#: the most characters that may open markup (``* _ ` [ ] < > \ @``) in one
#: transcript's text: each can make a node (``*a* `` is 4 bytes and one styled
#: run, some 5 kB of memory: 1 MB of it took 1.2 GB).  Past it, a paragraph is
#: shown as written.  A 3-hour episode has a few hundred.
MAX_MARKUP = 400_000
_MARKS = "*_`[]<>\\@"


def _marks(paragraph: Paragraph) -> int:
    return sum(line.count(mark) for line in paragraph.lines for mark in _MARKS)


def bounded(transcript: Transcript) -> tuple[Transcript, list[Problem]]:
    """The transcript within :data:`MAX_PARAGRAPHS` and :data:`MAX_MARKUP`,
    and a problem for each limit passed, at the line where it is passed.

    The paragraphs are counted in the page's order (the introduction, the
    turns, the credit): those past the limit are not shown; past the markup
    limit, paragraphs are shown as written (:attr:`.model.Paragraph.plain`).
    """
    everything = _all(transcript)
    if len(everything) <= MAX_PARAGRAPHS and sum(map(_marks, everything)) <= MAX_MARKUP:
        return transcript, []
    problems: list[Problem] = []
    shown = marks = 0
    cut = False

    def keep(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        nonlocal shown, marks, cut
        kept = () if cut else paragraphs[: MAX_PARAGRAPHS - shown]
        shown += len(kept)
        if len(kept) < len(paragraphs) and not cut:
            cut = True
            problems.append(Problem(
                paragraphs[len(kept)].lineno, "source",
                f"the transcript has {len(everything):,} paragraphs, more than the "
                f"{MAX_PARAGRAPHS:,} a page shows (a 10-hour episode has some 20,000); from this "
                "line on it is not shown"))
        out = []
        for paragraph in kept:
            if marks <= MAX_MARKUP:
                marks += _marks(paragraph)
                if marks > MAX_MARKUP:
                    problems.append(Problem(
                        paragraph.lineno, "markup",
                        f"the transcript's text holds more than {MAX_MARKUP:,} characters that can "
                        "open markup (* _ ` [ ] < > \\ @); from this paragraph on it is shown as "
                        "written, without emphasis, links or lists"))
            out.append(replace(paragraph, plain=True) if marks > MAX_MARKUP else paragraph)
        return tuple(out)

    preamble = keep(transcript.preamble)
    turns = []
    for turn in transcript.turns:
        paragraphs = keep(turn.paragraphs)
        if cut and not paragraphs:
            break
        turns.append(replace(turn, paragraphs=paragraphs))
    credits = keep(transcript.credits)
    return replace(transcript, preamble=preamble, turns=tuple(turns), credits=credits), problems


def _all(transcript: Transcript) -> list[Paragraph]:
    return [*transcript.preamble, *(p for turn in transcript.turns for p in turn.paragraphs),
            *transcript.credits]


def too_large(size: int) -> str:
    """Why a file of ``size`` bytes is not read ("" when it may be)."""
    if size <= MAX_FILE_BYTES:
        return ""
    return (f"is {_bytes(size)}, more than the {_bytes(MAX_FILE_BYTES)} a file may be "
            "(a 3-hour episode is under 10 MB even with a time for every word); it is not read")


def _bytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def read_bounded(path: Path) -> bytes | None:
    """The bytes of the file at ``path``, or None when it is larger than
    :data:`MAX_FILE_BYTES` (never more than that is read: the file may grow)."""
    with path.open("rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


@dataclass(frozen=True)
class Trouble:
    """Why a text was not decoded: ``lineno`` is 1-based in the text, 0 when unknown."""

    lineno: int
    message: str


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


# -- JSON ---------------------------------------------------------------------------

#: a string (to its closing quote, or to the end of its line when it never
#: closes: a JSON string holds no line end), or a bracket
_JSON_TOKEN = re.compile(r'"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"?|[\[\]{}]')
#: bytes that are neither a quote nor a bracket, to delete
_NOT_QUOTE_OR_BRACKET = bytes(range(256)).translate(None, b'"[]{}')
#: an opening bracket as 2, a closing one as 0: the running sum minus the count is the depth
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


def json_depth(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The position of the first bracket nested deeper than ``limit``, or None.

    Brackets inside strings do not count (``"[[["`` is no nesting).  The
    check runs at the speed of the C string functions: escaped backslashes
    and quotes out, every character but quotes and brackets out, every
    other stretch between quotes (a string) out, then the running depth of
    what is left.  Where that disagrees with the JSON decoder (text that is
    not JSON), the decoder stops at the error first.  Only a text that is too
    deep is read again, token by token, for the position.
    """
    plain = text.replace("\\\\", "").replace('\\"', "")
    kept = plain.encode("utf-8", "surrogatepass").translate(None, _NOT_QUOTE_OR_BRACKET)
    steps = b"".join(kept.split(b'"')[0::2]).translate(_STEPS)
    if max(map(operator.sub, accumulate(steps), count(1)), default=0) <= limit:
        return None
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return token.start()
        elif char in "]}":
            depth -= 1
    return None  # not JSON where the two disagree: the decoder says where


def _comma_before(exc: json.JSONDecodeError) -> int | None:
    """Where the comma is, when the error is a comma after a last member."""
    if exc.pos >= len(exc.doc) or exc.doc[exc.pos] not in "}]":
        return None
    before = exc.doc[:exc.pos].rstrip(" \t\r\n")
    return len(before) - 1 if before.endswith(",") else None


def _json_trouble(text: str, exc: ValueError) -> Trouble:
    if isinstance(exc, json.JSONDecodeError):
        comma = _comma_before(exc)
        if comma is not None:  # Python's words name what it expected, not the comma
            closing = "object" if exc.doc[exc.pos] == "}" else "list"
            return Trouble(_line(text, comma), "the file is not valid JSON: a comma after the last "
                           f"member of an {closing} (JSON allows none before '{exc.doc[exc.pos]}'): "
                           "take it out")
        return Trouble(exc.lineno, f"the file is not valid JSON: {exc.msg} (column {exc.colno})")
    long = next((m for m in re.finditer(r"\d+", text) if len(m.group()) > 4300), None)
    return Trouble(_line(text, long.start()) if long else 0,
                   f"the file cannot be read as JSON: {str(exc).split(':')[0]}")


def load_json(text: str) -> tuple[object, Trouble | None]:
    """The JSON value of ``text``, or ``None`` and why not."""
    deep = json_depth(text)
    if deep is not None:
        return None, Trouble(_line(text, deep), _too_deep("JSON"))
    try:
        return json.loads(text), None
    except RecursionError:
        return None, Trouble(0, _too_deep("JSON"))
    except ValueError as exc:  # JSONDecodeError, and an integer too long to convert
        return None, _json_trouble(text, exc)


def _too_deep(what: str) -> str:
    parts = "arrays or objects" if what == "JSON" else "arrays, tables or dotted keys"
    return (f"the file's {what} is nested more than {MAX_DEPTH} levels deep ({parts} inside "
            "each other); no real file is, so it is not read")


# -- TOML ---------------------------------------------------------------------------

#: what the TOML scan stops at: strings of the four kinds (a multi-line one
#: may close with up to two quotes of its own: ``"a"""`` ends ``a"``), a
#: comment, a line end, brackets, the ``=`` and ``,`` that end a key, the
#: ``.`` inside one
_TOML_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"{3,5}|$)'
    r"|'''(?:[^']|'(?!''))*(?:'{3,5}|$)"
    r'|"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"?'
    r"|'[^'\n]*'?"
    r"|#[^\n]*"
    r"|[\[\]{}=,.\n]",
    re.DOTALL,
)


def toml_depth(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The position where the nesting passes ``limit``, or None (one pass).

    Each of these is a level: a table header's brackets and the dots of its
    name (``[[a.b]]``), the dots of a key (``a.b = ``, in a table or in an
    inline table), an array or inline table opened.  Strings and comments
    are skipped.
    """
    # one entry per open array or inline table, innermost last: its kind and
    # the depth of what is inside it
    levels: list[tuple[str, int]] = []
    table = 0  # the depth of the current [table] or [[table]]
    header: int | None = None  # inside a header's brackets: their number so far
    dots = 0  # dots of the key being read
    in_key = True  # reading a key: a line's start, after "{" or "," of an inline table
    for token in _TOML_TOKEN.finditer(text):
        char = token.group()
        if len(char) != 1:
            continue  # a string or a comment
        inside = levels[-1][1] if levels else table
        if header is not None:
            if char == "[":
                header += 1
            elif char == ".":
                dots += 1
            elif char == "]":
                table, header, dots, in_key = header + dots, None, 0, False
            if (header or table) + dots > limit:
                return token.start()
        elif char == "\n":
            if not levels:
                in_key, dots = True, 0
        elif char == "." and in_key:
            dots += 1
            if inside + dots > limit:
                return token.start()
        elif char == "=":
            in_key = False
        elif char == "[" and in_key and not levels:
            header = 1
        elif char in "[{":
            levels.append((char, inside + dots + 1))
            dots, in_key = 0, char == "{"
            if levels[-1][1] > limit:
                return token.start()
        elif char in "]}":
            if levels:
                levels.pop()
            dots, in_key = 0, False
        elif char == ",":
            dots, in_key = 0, bool(levels) and levels[-1][0] == "{"
    return None


def _toml_cause(text: str, lineno: int, message: str) -> str:
    """tomllib's message, with its cause in the words of the fix where the
    line shows one: a string whose closing quote is missing reads to the end
    of its line, where tomllib sees an "illegal character '\\n'"."""
    lines = text.split("\n")
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    if "Illegal character '\\n'" in message or "Unterminated string" in message:
        bare = re.sub(r"\\.", "", line)  # an escaped quote closes nothing
        if bare.count('"') % 2 or bare.count("'") % 2:
            return (f"a string on this line has no closing quote, so the file cannot be read "
                    f"(TOML: {message}): close the quote")
    return message


def load_toml(text: str) -> tuple[dict[str, object], Trouble | None]:
    """The TOML document ``text``, or an empty one and why not."""
    deep = toml_depth(text)
    if deep is not None:
        return {}, Trouble(_line(text, deep), _too_deep("TOML"))
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        lineno = int(found[1]) if found else 0
        return {}, Trouble(lineno, _toml_cause(text, lineno, str(exc)))
    except RecursionError:
        return {}, Trouble(0, _too_deep("TOML"))
    except ValueError as exc:  # an integer too long to convert
        long = next((m for m in re.finditer(r"\d+", text) if len(m.group()) > 4300), None)
        return {}, Trouble(_line(text, long.start()) if long else 0,
                           f"the file cannot be read as TOML: {str(exc).split(':')[0]}")


def toml_tables(text: str, key: str) -> list[int]:
    """The line where each table of the top-level array ``key`` starts, in order:
    a ``[[key]]`` header, or an inline table of ``key = [{…}, {…}]``.

    TOML readers give no positions; with these, what is wrong in the
    registry's ``n``-th ``[[speaker]]`` is looked for in that table's lines
    only, not in the whole file once per speaker.  One pass, as
    :func:`toml_depth`.  A file the scan reads otherwise than the decoder
    gives a list of another length: the caller then searches the whole file.
    """
    found: list[int] = []
    line = 1
    depth = 0  # open arrays and inline tables
    root = True  # no [table] header yet: a key here is a top-level one
    header: int | None = None  # where the header being read starts
    key_start = 0  # where the key of the current line starts
    in_key = True
    array = -1  # the depth inside ``key = [``, while it is open
    for token in _TOML_TOKEN.finditer(text):
        char = token.group()
        if len(char) != 1:
            line += char.count("\n")  # a multi-line string
            continue
        if header is not None:
            if char == "]" and depth == 0 and not text.startswith("]", token.end()):
                name = re.sub(r"\s", "", text[header : token.end()])
                if name in (f"[[{key}]]", f'[["{key}"]]', f"[['{key}']]"):
                    found.append(line)
                root, header = False, None
            continue
        if char == "\n":
            line += 1
            if not depth:
                in_key, key_start = True, token.end()
        elif char == "[" and in_key and not depth:
            header = token.start()
        elif char == "=" and in_key:
            in_key = False
            written = text[key_start : token.start()].strip()
            if root and not depth and written in (key, f'"{key}"', f"'{key}'"):
                array = depth + 1
        elif char in "[{":
            depth += 1
            if char == "{" and depth == array + 1 and array > 0:
                found.append(line)
            in_key = char == "{"
        elif char in "]}":
            depth = max(0, depth - 1)
            if depth < array:
                array = -1
        elif char == ",":
            in_key = False
    return found

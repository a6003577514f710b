"""How the WebVTT standard reads a file and a cue's text: the oracle of the
conformance tests (tests/readers/test_conformance.py).

A literal transcription of the parsing algorithms of W3C WebVTT
(https://www.w3.org/TR/webvtt1/): "WebVTT file parsing" (the signature, the
header, "collect a WebVTT block", "collect WebVTT cue timings and settings",
"collect a WebVTT timestamp") and "WebVTT cue text parsing rules" (the cue
text tokenizer and the tree it builds).  Only what a reader of a transcript
sees is kept: which cues there are, at which line, their times, their text as
a browser shows it (its text nodes, in order) and their voices.  Settings,
regions and style sheets are read as the standard reads them only as far as
they decide what is a cue.

Written for the tests from the standard's prose, independent of the
project's own reader (``sphinx_transcripts.readers.webvtt``), and checked against the
expectations of web-platform-tests before it is used as the oracle.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

#: ASCII whitespace, as WebVTT skips it: tab, line feed, form feed, carriage return, space
SPACE = "\t\n\f\r "


@dataclass(frozen=True)
class Cue:
    """A cue the standard reads: the line of its timing, the lines its block
    spans, its times and its cue text (as written, tags and all)."""

    lineno: int
    last: int
    start: float
    end: float
    text: str


def _digits(line: str, pos: int) -> tuple[str, int]:
    end = pos
    while end < len(line) and line[end] in "0123456789":
        end += 1
    return line[pos:end], end


def timestamp(line: str, pos: int) -> tuple[float, int] | None:
    """"collect a WebVTT timestamp" from ``pos``: seconds and the position after."""
    value1, pos = _digits(line, pos)
    if not value1:
        return None
    hours_first = len(value1) != 2 or int(value1) > 59
    if line[pos:pos + 1] != ":":
        return None
    value2, pos = _digits(line, pos + 1)
    if len(value2) != 2:
        return None
    if hours_first or line[pos:pos + 1] == ":":
        if line[pos:pos + 1] != ":":
            return None
        value3, pos = _digits(line, pos + 1)
        if len(value3) != 2:
            return None
        hours, minutes, seconds = int(value1), int(value2), int(value3)
    else:
        hours, minutes, seconds = 0, int(value1), int(value2)
    if line[pos:pos + 1] != ".":
        return None
    value4, pos = _digits(line, pos + 1)
    if len(value4) != 3 or minutes > 59 or seconds > 59:
        return None
    return ((hours * 3600 + minutes * 60 + seconds) * 1000 + int(value4)) / 1000, pos


def timings(line: str) -> tuple[float, float] | None:
    """"collect WebVTT cue timings and settings": the start and end, or None."""
    pos = 0
    while pos < len(line) and line[pos] in SPACE:
        pos += 1
    start = timestamp(line, pos)
    if start is None:
        return None
    pos = start[1]
    while pos < len(line) and line[pos] in SPACE:
        pos += 1
    if line[pos:pos + 3] != "-->":
        return None
    pos += 3
    while pos < len(line) and line[pos] in SPACE:
        pos += 1
    end = timestamp(line, pos)
    return None if end is None else (start[0], end[0])


def _only(buffer: str, word: str) -> bool:
    return buffer.startswith(word) and all(c in SPACE for c in buffer[len(word):])


def parse_file(text: str) -> list[Cue] | None:
    """The cues of a WebVTT file (its decoded text, a byte order mark taken
    off), or None when the standard refuses the file (no signature)."""
    text = text.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) < 6 or not text.startswith("WEBVTT") or (len(text) > 6 and text[6] not in " \t\n"):
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the end of the last line, not a line
    cues: list[Cue] = []
    state = {"seen_cue": False}
    pos = 1  # line index; line 0 is the signature line
    if pos >= len(lines):
        return cues
    if lines[pos] != "":
        pos, _ = _block(lines, pos, in_header=True, state=state)
    while pos < len(lines) and lines[pos] == "":
        pos += 1
    while pos < len(lines):
        pos, cue = _block(lines, pos, in_header=False, state=state)
        if cue is not None:
            cues.append(cue)
        while pos < len(lines) and lines[pos] == "":
            pos += 1
    return cues


def _block(lines: list[str], pos: int, *, in_header: bool, state: dict[str, bool]) -> tuple[int, Cue | None]:
    """"collect a WebVTT block" from line ``pos``: the position after it and its cue."""
    line_count = 0
    previous = pos
    buffer = ""
    seen_arrow = False
    cue: tuple[int, float, float] | None = None
    last = pos
    while True:
        if pos >= len(lines):
            break
        line = lines[pos]
        pos += 1
        line_count += 1
        if "-->" in line:
            if not in_header and (line_count == 1 or (line_count == 2 and not seen_arrow)):
                seen_arrow = True
                previous = pos
                times = timings(line)
                cue = None if times is None else (pos, *times)
                if cue is not None:
                    buffer = ""
                    state["seen_cue"] = True
                last = pos
            else:
                pos = previous
                break
        elif line == "":
            break
        else:
            if not in_header and line_count == 2 and not state["seen_cue"] and (
                _only(buffer, "STYLE") or _only(buffer, "REGION")
            ):
                buffer = ""
            if buffer:
                buffer += "\n"
            buffer += line
            previous = pos
            last = pos
    if cue is None:
        return pos, None
    return pos, Cue(cue[0], last, cue[1], cue[2], buffer)


# -- cue text ---------------------------------------------------------------------


@dataclass
class Node:
    """A node of the tree the cue text parsing rules build."""

    kind: str  # "root", "c", "i", "b", "u", "ruby", "rt", "v", "lang"
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)
    title: str = ""


def _tokens(text: str) -> list[tuple[str, str, str]]:
    """The cue text tokenizer: ``(kind, value, annotation)``, kind "text",
    "start", "end" or "timestamp"."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos] != "<":
            end = text.find("<", pos)
            end = len(text) if end < 0 else end
            out.append(("text", html.unescape(text[pos:end]), ""))
            pos = end
            continue
        pos += 1  # tag state
        c = text[pos] if pos < len(text) else ""
        if c == "/":
            end = text.find(">", pos)
            out.append(("end", text[pos + 1:end if end >= 0 else len(text)], ""))
            pos = len(text) if end < 0 else end + 1
            continue
        if c.isdigit() and c.isascii():
            end = text.find(">", pos)
            out.append(("timestamp", text[pos:end if end >= 0 else len(text)], ""))
            pos = len(text) if end < 0 else end + 1
            continue
        name = ""
        while pos < len(text) and text[pos] not in "\t\n\f .>":
            name += text[pos]
            pos += 1
        while pos < len(text) and text[pos] == ".":  # classes: read and dropped
            pos += 1
            while pos < len(text) and text[pos] not in "\t\n\f .>":
                pos += 1
        annotation = ""
        if pos < len(text) and text[pos] in "\t\n\f ":
            end = text.find(">", pos)
            annotation = text[pos:end if end >= 0 else len(text)]
            pos = len(text) if end < 0 else end
            annotation = " ".join(re.split(r"[\t\n\f\r ]+", html.unescape(annotation).strip(SPACE)))
        if pos < len(text) and text[pos] == ">":
            pos += 1
        out.append(("start", name, annotation))
    return out


def parse_text(text: str) -> Node:
    """The tree of a cue's text (the "WebVTT cue text parsing rules")."""
    root = Node("root")
    current = root
    for kind, value, annotation in _tokens(text):
        if kind == "text":
            current.children.append(value)
        elif kind == "start":
            if value in ("c", "i", "b", "u", "ruby", "v", "lang") or (value == "rt" and current.kind == "ruby"):
                node = Node(value, current, title=annotation if value == "v" else "")
                current.children.append(node)
                current = node
        elif kind == "end":
            if value == current.kind and current.parent is not None:
                current = current.parent
            elif value == "ruby" and current.kind == "rt" and current.parent and current.parent.parent:
                current = current.parent.parent
        # a timestamp tag is no text, whether it reads as a time or not
    return root


def shown(node: Node) -> str:
    """The text a browser shows of a cue: its text nodes, in order."""
    return "".join(child if isinstance(child, str) else shown(child) for child in node.children)


def voices(node: Node) -> list[str]:
    """The voices (``<v>`` annotations) that say something, in order."""
    out: list[str] = []
    for child in node.children:
        if isinstance(child, Node):
            if child.kind == "v" and child.title and shown(child).strip():
                out.append(child.title)
            out.extend(voices(child))
    return out


def dat_cases(text: str) -> list[tuple[str, str, list[str]]]:
    """The cases of a web-platform-tests ``.dat`` file: ``(cue text, text of
    the tree's text nodes, voice titles)``, escapes decoded."""
    cases = []
    for block in text.split("#data\n")[1:]:
        data, rest = block.split("\n#errors\n", 1)
        tree = rest.split("#document-fragment\n", 1)[1]
        texts = [unescape(m[1]) for m in re.finditer(r'^\| +"(.*)"$', tree, re.M)]
        titles = [unescape(m[1]) for m in re.finditer(r'^\| +title="(.*)"$', tree, re.M)]
        cases.append((unescape(data), "".join(texts), titles))
    return cases


def unescape(text: str) -> str:
    r"""The ``\n``, ``\x00``, ``\u2713`` escapes of the ``.dat`` files."""
    return re.sub(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|(n)|(t)|(\\))",
                  lambda m: chr(int(m[1] or m[2], 16)) if (m[1] or m[2]) else
                  "\n" if m[3] else "\t" if m[4] else "\\", text)

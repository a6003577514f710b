"""Reading a transcript's source: a file next to the page, or the directive's
content; the region between two markers; path safety and encodings.

Pure Python (pathlib only).  A file is read only when it lies inside the
project (symbolic links are followed first, so a link cannot lead out) and
is a regular file (reading a named pipe would wait for ever).  Its text is
decoded as UTF-8 (with or without a byte order mark), UTF-16 or UTF-32
with a byte order mark, or, failing that, Windows-1252 with a warning.

**One cleaning for all text.**  Control characters other than tab and line
ends are removed, with a warning at their line: they are invisible, NUL
bytes break every output format, LaTeX stops at them ("Text line contains
an invalid character") and XML (the EPUB) forbids them.  So are UTF-16
surrogates, which a JSON escape (``"\\ud800"``) decodes to and no UTF-8 file
can hold, and the noncharacters U+FFFE and U+FFFF, which XML forbids.  The
rule (:func:`strip_controls`) runs twice on a transcript, with the same
warning: on the file's text once it is decoded (:func:`clean`), before a
format reads it, and on what the format decoded from its own escapes (a
JSON ``"\\u001b"``): the model it returns (:func:`clean_transcript`,
:func:`clean_chapters`).  The registry's fields get it too
(:mod:`.people.registry`).  A field that is one line by nature (a speaker's label
or name, a chapter's title) gets its line ends made a space.

Lines are numbered as an editor numbers them: a line ends at a line feed, a
carriage return and line feed, or a lone carriage return, and nowhere else
(``str.splitlines`` also breaks at U+2028, U+0085, form feeds and more,
which would put every later warning on the wrong line).
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import limits
from .model import Chapter, Paragraph, Problem, Transcript, Turn
from .warning_types import TranscriptKind

#: what no text may hold (see the module's description)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: the line ends of a field that is one line
_LINE_END = re.compile(r"[\n\r\x85\u2028\u2029]")


class SourceError(Exception):
    """The source cannot be read at all; ``kind`` is the warning's subtype."""

    def __init__(self, message: str, kind: TranscriptKind = "source") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Source:
    """The transcript's lines, the 1-based number of the first, and where they are.

    ``path`` is the file's absolute path (the page's, for inline content);
    ``suffix`` the file's ending (".vtt"), "" for inline content.
    """

    lines: Sequence[str]
    first_lineno: int
    path: str
    suffix: str = ""
    problems: tuple[Problem, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, as an editor numbers them (see the module's docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def decode(data: bytes) -> tuple[str, list[Problem]]:
    """Bytes to text, as a publisher's file is most likely meant."""
    # UTF-32 first: its little-endian mark begins with UTF-16's (so UTF-16 text
    # opening with a U+0000 cannot be told from it; no text does)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                          (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), []
            except UnicodeDecodeError:
                continue  # not that encoding after all (UTF-16, "ÿþ" opening Latin-1 text): read on
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        lineno = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("cp1252", errors="replace")
        return text, [Problem(
            lineno, "encoding",
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} on this line); it is read as "
            "Windows-1252 (Latin-1): save it as UTF-8 to be sure every character is right",
        )]


def strip_controls(text: str) -> tuple[str, list[str]]:
    """``text`` without the characters no text may hold, and those it had."""
    found = CONTROL.findall(text)
    return (CONTROL.sub("", text), found) if found else (text, [])


def removed(found: Sequence[str]) -> str:
    """The warning's words for the characters ``found`` on one line."""
    codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
    return f"{len(found)} control character(s) ({codes}) removed"


def one_line(text: str) -> str:
    """A field that is one line (a name, a title): with a line end in it, its
    spacing is made single spaces."""
    return " ".join(text.split()) if _LINE_END.search(text) else text


def clean(text: str, first_lineno: int = 1) -> tuple[str, list[Problem]]:
    """Remove control characters, saying on which lines they were."""
    if not CONTROL.search(text):
        return text, []
    problems = []
    lines = split_lines(text)
    for lineno, line in enumerate(lines, start=first_lineno):
        found = CONTROL.findall(line)
        if found:
            problems.append(Problem(lineno, "encoding", removed(found)))
    return CONTROL.sub("", text), problems


class _Found:
    """The characters removed from a model, by the line of the input they were on."""

    def __init__(self) -> None:
        self.by_line: dict[int, list[str]] = {}

    def text(self, value: str, lineno: int) -> str:
        cleaned, found = strip_controls(value)
        if found:
            self.by_line.setdefault(lineno, []).extend(found)
        return cleaned

    def problems(self) -> list[Problem]:
        return [Problem(lineno, "encoding", removed(found))
                for lineno, found in sorted(self.by_line.items())]


def _paragraph(para: Paragraph, found: _Found) -> Paragraph | None:
    """The paragraph cleaned (None when nothing is left of it)."""
    if not any(CONTROL.search(line) for line in para.lines):
        return para
    numbered = [(lineno, found.text(line, lineno)) for lineno, line in para.numbered()]
    # a line that held only control characters is gone, not left blank
    kept = [(lineno, line) for (lineno, line), before in zip(numbered, para.lines, strict=True)
            if line.strip() or not before.strip()]
    if not any(line.strip() for _, line in kept):
        return None
    return replace(para, lineno=kept[0][0], lines=tuple(line for _, line in kept),
                   linenos=tuple(lineno for lineno, _ in kept))


def _paragraphs(paras: tuple[Paragraph, ...], found: _Found) -> tuple[Paragraph, ...]:
    """The paragraphs cleaned: the same tuple when none had anything to remove."""
    out = [_paragraph(para, found) for para in paras]
    if all(a is b for a, b in zip(out, paras, strict=True)):
        return paras
    return tuple(para for para in out if para is not None)


def _label(value: str, lineno: int, found: _Found) -> str:
    return one_line(found.text(value, lineno))


def clean_chapters(chapters: Sequence[Chapter]) -> tuple[tuple[Chapter, ...], list[Problem]]:
    """The chapters with :func:`strip_controls` applied to their text, and where it
    removed some; a title's line ends become a space."""
    found = _Found()
    out = []
    for chapter in chapters:
        if CONTROL.search(chapter.title + chapter.url + chapter.img) or _LINE_END.search(chapter.title):
            title = _label(chapter.title, chapter.lineno, found)
            chapter = replace(chapter, title=title, url=found.text(chapter.url, chapter.lineno),
                              img=found.text(chapter.img, chapter.lineno))
            if not title.strip() and chapter.toc:
                continue  # a title of control characters only, shown: the warning says so
        out.append(chapter)
    return tuple(out), found.problems()


def clean_transcript(transcript: Transcript) -> Transcript:
    """The parsed transcript with :func:`strip_controls` applied to every text
    the format gave it (labels, paragraphs, chapters), each line where it
    removed some a problem, as in a file; a label's line ends become a space.

    A paragraph left without text is left out, and so is a turn left without
    a paragraph.
    """
    found = _Found()
    turns: list[Turn] = []
    for turn in transcript.turns:
        paragraphs = _paragraphs(turn.paragraphs, found)
        label = _label(turn.label, turn.lineno, found)
        speaker = _label(turn.speaker, turn.lineno, found)
        if paragraphs is turn.paragraphs and (label, speaker) == (turn.label, turn.speaker):
            turns.append(turn)
        elif paragraphs or not turn.paragraphs:
            turns.append(replace(turn, label=label, speaker=speaker, paragraphs=paragraphs))
    preamble = _paragraphs(transcript.preamble, found)
    chapters, trouble = clean_chapters(transcript.chapters)
    problems = found.problems() + trouble
    unchanged = (preamble is transcript.preamble and chapters == transcript.chapters
                 and len(turns) == len(transcript.turns)
                 and all(a is b for a, b in zip(turns, transcript.turns, strict=True)))
    if unchanged:
        return transcript
    return replace(
        transcript, turns=tuple(turns), preamble=preamble, chapters=chapters,
        problems=tuple(sorted((*transcript.problems, *problems), key=lambda p: p.lineno)),
    )


def looks_binary(data: bytes) -> bool:
    """Mostly bytes no text file has: an image, an archive, an audio file."""
    sample = data[:8192]
    if not sample or sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    odd = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return odd > len(sample) // 20


def select_region(
    lines: Sequence[str], start_after: str | None = None, end_before: str | None = None
) -> tuple[list[str], int]:
    """Cut the lines between two text markers, as literalinclude does.

    The region starts on the line after the first line containing
    ``start_after`` and stops before the first line, after that, containing
    ``end_before``.  Returns the lines and the 1-based number of the first.
    """
    first = 0
    if start_after:
        for index, line in enumerate(lines):
            if start_after in line:
                first = index + 1
                break
        else:
            raise SourceError(f"start-after text {start_after!r} not found", "region")
    last = len(lines)
    if end_before:
        for index in range(first, len(lines)):
            if end_before in lines[index]:
                last = index
                break
        else:
            raise SourceError(f"end-before text {end_before!r} not found", "region")
    return list(lines[first:last]), first + 1


def near_file(missing: Path, shown: str) -> str:
    """"; did you mean 'transcripts/ep-42.vtt'?" when a file beside the
    missing one has a name close to its name, else ""."""
    try:
        beside = [entry.name for entry in missing.parent.iterdir() if entry.is_file()]
    except OSError:  # the folder is missing too, or unreadable
        return ""
    close = difflib.get_close_matches(missing.name, beside, n=1, cutoff=0.8)
    if not close:
        return ""
    folder = shown.replace("\\", "/").rpartition("/")[0]
    return f"; did you mean {(folder + '/' if folder else '') + close[0]!r}?"


def read_file(
    path: Path, srcdir: Path, shown: str,
    start_after: str | None = None, end_before: str | None = None,
) -> Source:
    """The transcript file at ``path`` (``shown`` is how the page names it)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(srcdir.resolve()):
        raise SourceError(
            f"transcript file {shown!r} is outside the project; keep transcripts "
            "inside the source directory"
        )
    if resolved.exists() and not resolved.is_file() and not resolved.is_dir():
        # reading a named pipe would wait for a writer: the build would hang
        raise SourceError(f"transcript file {shown!r} is not a regular file "
                          "(a named pipe, socket or device)")
    try:
        data = limits.read_bounded(resolved)
        if data is None:
            raise SourceError(f"transcript file {shown!r} {limits.too_large(resolved.stat().st_size)}")
    except FileNotFoundError:
        raise SourceError(f"transcript file {shown!r} not found ({resolved})"
                          + near_file(resolved, shown)) from None
    except IsADirectoryError:
        raise SourceError(f"transcript file {shown!r} is a folder, not a file") from None
    except OSError as exc:
        raise SourceError(f"transcript file {shown!r} cannot be read: {exc.strerror}") from None
    if looks_binary(data):
        raise SourceError(f"transcript file {shown!r} holds binary data, not text")
    text, problems = decode(data)
    text, removed = clean(text)
    try:
        lines, first = select_region(split_lines(text), start_after, end_before)
    except SourceError as exc:
        raise SourceError(f"{exc} in {shown!r}", exc.kind) from None
    return Source(lines, first, str(resolved), resolved.suffix.lower(),
                  (*problems, *removed))


def from_content(
    content: Sequence[str], page: str, first_lineno: int,
    start_after: str | None = None, end_before: str | None = None,
) -> Source:
    """The directive's content, whose first line is ``first_lineno`` of ``page``."""
    text, removed = clean("\n".join(content), first_lineno)
    lines, first = select_region(text.split("\n"), start_after, end_before)
    return Source(lines, first_lineno + first - 1, page, "", tuple(removed))

"""The ``podcast-html`` format: the Podcasting 2.0 HTML transcript.

Repeated ``<cite>Name:</cite>`` ``<time>0:00</time>`` ``<p>text</p>``: a
``<cite>`` names the speaker of the paragraphs after it, a ``<time>`` gives
the next paragraph's start.  The file is read with the standard library's
:mod:`html.parser` as data, never as markup: no tag or attribute of it
reaches the output, only text.  ``<i>``/``<em>`` become ``*x*`` and
``<b>``/``<strong>`` ``**x**`` (the transcript's own emphasis), ``<br>`` a
new line; character references are decoded; the contents of ``<script>``
and ``<style>`` are not text and are left out, with a note.  Text outside
``<cite>``, ``<time>`` and ``<p>`` is kept (as the introduction before the
first paragraph, as a paragraph of the previous speaker after it) and
reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from html.parser import HTMLParser

from ..model import Paragraph, Problem, Transcript
from ._assemble import Cue, assemble
from ._context import ParseContext
from ._timecode import seconds, with_ends

_CITE = re.compile(r"<cite\b", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f]+")
_MARKS = {"i": "*", "em": "*", "b": "**", "strong": "**"}
_HIDDEN = {"script", "style", "template"}
#: elements whose text is no transcript's text and needs no report
_META = {"head", "title"}


def detect(text: str, context: ParseContext) -> float:
    """Sure of ``<cite>`` speakers with ``<p>`` paragraphs."""
    cites = len(_CITE.findall(text))
    if not cites or not re.search(r"<p\b", text, re.IGNORECASE):
        return 0.0
    return 0.95 if re.search(r"<time\b", text, re.IGNORECASE) else 0.7


class _Reader(HTMLParser):
    """The transcript's cues from the document's tags, as data."""

    def __init__(self, first_lineno: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_lineno = first_lineno
        self.cues: list[Cue] = []
        self.preamble: list[Paragraph] = []
        self.problems: list[Problem] = []
        #: the element whose text is being collected: "cite", "time", "p", or ""
        self.inside = ""
        self.buffer: list[str] = []
        self.started = 0
        self.hidden = 0
        self.meta = 0
        self.label: str | None = None
        self.label_line = 0
        self.label_used = True
        self.time: float | None = None

    def line(self) -> int:
        return self.first_lineno + self.getpos()[0] - 1

    def collected(self) -> str:
        lines = (_SPACE.sub(" ", part).strip() for part in "".join(self.buffer).split("\n"))
        return "\n".join(line for line in lines if line)

    def open(self, what: str) -> None:
        self.end_element()
        self.inside, self.buffer, self.started = what, [], self.line()

    def end_element(self) -> None:
        what, text, lineno = self.inside, self.collected(), self.started
        self.inside, self.buffer = "", []
        if what == "cite":
            self.unused_label()
            self.label, self.label_line, self.label_used = text.rstrip(":").strip(), lineno, False
        elif what == "time":
            self.time = seconds(text)
            if self.time is None:
                self.problems.append(Problem(lineno, "timing", f"{text!r} is not a time; the "
                                                               "paragraph after it has no time"))
        elif what == "p":
            self.cue(text, lineno)

    def cue(self, text: str, lineno: int) -> None:
        """A paragraph; the first after a ``<cite>`` opens its turn, at the cite's line."""
        label = None if self.label_used else self.label
        at = lineno if self.label_used else self.label_line
        self.cues.append(Cue(self.time, None, label, text, at))
        self.label_used, self.time = True, None

    def unused_label(self) -> None:
        """A ``<cite>`` with no paragraph after it is a cue without text."""
        if not self.label_used:
            self.cues.append(Cue(self.time, None, self.label, "", self.label_line))
            self.label_used, self.time = True, None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            if not self.hidden:
                self.problems.append(Problem(self.line(), "html",
                                             f"the content of <{tag}> is not text: it is left out",
                                             level="info"))
            self.hidden += 1
        elif tag in _META:
            self.meta += 1
        elif tag in ("cite", "time", "p"):
            self.open(tag)
        elif tag == "br":
            self.buffer.append("\n")
        elif tag in _MARKS and self.inside:
            self.buffer.append(_MARKS[tag])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.buffer.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _META:
            self.meta = max(0, self.meta - 1)
        elif tag == self.inside:
            self.end_element()
        elif tag in _MARKS and self.inside:
            self.buffer.append(_MARKS[tag])

    def handle_data(self, data: str) -> None:
        if self.hidden or self.meta:
            return
        if self.inside:
            self.buffer.append(_SPACE.sub(" ", data))
            return
        text = _SPACE.sub(" ", data).strip()
        if not text:
            return
        lineno = self.line() + data[: len(data) - len(data.lstrip())].count("\n")
        where = "the introduction" if not self.cues and self.label_used else "the previous speaker's text"
        self.problems.append(Problem(lineno, "html",
                                     f"text outside <cite>, <time> and <p> is kept as {where}: "
                                     f"{text[:40]!r}"))
        if not self.cues and self.label_used:
            self.preamble.append(Paragraph(lineno, (text,)))
        else:
            self.cue(text, lineno)

    def finish(self) -> None:
        self.close()
        self.end_element()
        self.unused_label()


def parse(lines: Sequence[str], first_lineno: int, context: ParseContext) -> Transcript:
    reader = _Reader(first_lineno)
    reader.feed("\n".join(lines))
    reader.finish()
    transcript = assemble(with_ends(reader.cues), context)
    problems = [p for p in transcript.problems if not (p.kind == "empty" and reader.preamble)]
    problems.extend(reader.problems)
    if not any(c.label for c in reader.cues) and not _CITE.search("\n".join(lines)):
        problems.append(Problem(first_lineno, "format",
                                "no <cite> speaker found: the paragraphs are attributed to nobody"))
    problems.sort(key=lambda p: p.lineno)
    return replace(transcript, preamble=tuple(reader.preamble), problems=tuple(problems))

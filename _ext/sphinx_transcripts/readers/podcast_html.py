r"""The ``podcast-html`` format: the Podcasting 2.0 HTML transcript.

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

What the hosts' exports add to that shape is read too:

- an empty ``<p></p>`` (Data Driven and Learning Bayesian Statistics put
  one after every cue) is no paragraph, and no problem;
- a paragraph holding only a time (``<p>1:59  </p>``, an Otter export
  turned into HTML) is the time of the paragraph after it, like ``<time>``;
- Changelog writes its transcripts in Markdown and publishes them as HTML
  with Markdown's escapes left in: ``\[00:06:13.02\]`` opening a paragraph
  is its time (taken off the text), and ``\[laughs\]`` is ``[laughs]``;
- a ``<cite>Speaker:</cite>`` that names nobody (Data Driven's, on every
  cue) is no speaker: the source names none;
- ``**Break**: \[00:23:37.18\]`` (a paragraph that is a bold title and a
  time) is no speech but a clip or break: an unattributed turn of its
  own, titled, and the speaker goes on after it;
- a second ``<p>`` after one ``<cite>`` is a paragraph of its own.

The standard library's parser looks for the end of a comment, a tag or a
declaration from every ``<`` that opens one, to the end of the file: a file of
``<!--`` or ``</`` that never close took it minutes (quadratic), and some
runs of ``<![`` made it fail.  :func:`defuse` hands it only what can close:
comments are taken out by one linear scan (an unclosed one is kept as text,
and reported), and every ``<`` after the last ``>`` is text, as the parser
would have read it at the end anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from html.parser import HTMLParser

from ..model import Paragraph, Problem, Transcript
from ._assemble import Cue, assemble
from ._context import ParseContext
from ._timecode import ASIDE, TIMECODE, seconds, with_ends

_CITE = re.compile(r"<cite\b", re.IGNORECASE)
#: a paragraph that is only a time: ``<p>1:59  </p>``
_TIME_ONLY = re.compile(rf"^{TIMECODE}$")
_TIMED_P = re.compile(rf"<p>\s*{TIMECODE}\s*</p>", re.IGNORECASE)
#: a paragraph's time mark, as Changelog's Markdown escapes it: ``\[00:06:13.02\]``
_MARK = re.compile(rf"^\\?\[({TIMECODE})\\?\][ \t]*")
#: Markdown's escapes of brackets, left in the HTML made of Markdown
_ESCAPE = re.compile(r"\\([\[\]])")
#: a blank line, inside a ``<p>``: a paragraph of the Markdown the HTML was made of
_BLANK_LINE = re.compile(r"\n[ \t\r\f]*\n\s*")
_BREAK = "\x1e"
#: a ``<cite>`` that names nobody
NOBODY = "Speaker"
_SPACE = re.compile(r"[ \t\r\n\f]+")
_MARKS = {"i": "*", "em": "*", "b": "**", "strong": "**"}
_HIDDEN = {"script", "style", "template"}
#: elements whose text is no transcript's text and needs no report
_META = {"head", "title"}


def defuse(text: str) -> tuple[str, list[int]]:
    """``text`` with its comments blanked (their lines kept) and every ``<`` that
    can close nothing escaped, and the lines (from 1) where an unclosed comment opens.

    Linear in the text: each ``<!--`` is searched once, and its ``-->`` from there.
    """
    parts: list[str] = []
    unclosed: list[int] = []
    done = 0
    while (start := text.find("<!--", done)) >= 0:
        end = text.find("-->", start + 4)
        parts.append(text[done:start])
        if end < 0:
            # no "-->" after it: neither it nor any comment after it closes
            unclosed.append(text.count("\n", 0, start) + 1)
            parts.append(text[start:].replace("<!--", "&lt;!--"))
            done = len(text)
            break
        parts.append("\n" * text.count("\n", start, end))
        done = end + 3
    parts.append(text[done:])
    text = "".join(parts)
    last = text.rfind(">")
    if "<" in text[last + 1:]:
        text = text[:last + 1] + text[last + 1:].replace("<", "&lt;")
    return text, unclosed


def detect(text: str, context: ParseContext) -> float:
    """Sure of ``<cite>`` speakers with ``<p>`` paragraphs, or of paragraphs
    that are times between paragraphs of text (no speakers)."""
    cites = len(_CITE.findall(text))
    if not cites and len(_TIMED_P.findall(text)) >= 2:
        return 0.7
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
        #: a paragraph was read since the last ``<cite>`` or time
        self.after_paragraph = False
        #: the lines where a blank line inside the ``<p>`` starts a paragraph
        self.breaks: list[int] = []

    def parse_html_declaration(self, i: int) -> int:
        # ``<![``: a bogus comment up to the next ``>``, as HTML reads it outside
        # SVG and MathML; the standard library searched for its ``]]>`` from
        # every one (quadratic) and failed on some it could not name
        if self.rawdata.startswith("<![", i):
            return self.parse_bogus_comment(i)
        return super().parse_html_declaration(i)

    def line(self) -> int:
        return self.first_lineno + self.getpos()[0] - 1

    @staticmethod
    def cleaned(text: str) -> str:
        lines = (_SPACE.sub(" ", part).strip() for part in text.split("\n"))
        return "\n".join(line for line in lines if line)

    def collected(self) -> str:
        return self.cleaned("".join(self.buffer))

    def open(self, what: str) -> None:
        self.end_element()
        self.inside, self.buffer, self.started, self.breaks = what, [], self.line(), []

    def end_element(self) -> None:
        what, lineno = self.inside, self.started
        if what == "p" and self.breaks:
            # a blank line inside <p>: paragraphs of the Markdown it was made of
            parts = "".join(self.buffer).split(_BREAK)
            self.inside, self.buffer = "", []
            for part, at in zip(parts, [lineno, *self.breaks], strict=True):
                self.paragraph(self.cleaned(part), at)
            return
        text = self.collected()
        self.inside, self.buffer = "", []
        if what == "cite":
            self.unused_label()
            label = text.rstrip(":").strip()
            self.label = "" if label.casefold() == NOBODY.casefold() else label
            self.label_line, self.label_used, self.after_paragraph = lineno, False, False
        elif what == "time":
            self.set_time(text, lineno)
        elif what == "p":
            self.paragraph(text, lineno)

    def paragraph(self, text: str, lineno: int) -> None:
        aside = ASIDE.match(text)
        mark = _MARK.match(text)
        if _TIME_ONLY.match(text):
            self.set_time(text, lineno)
        elif mark and mark.end() == len(text):  # a mark alone: the time of what follows
            self.set_time(mark.group(1), lineno)
        elif aside:  # a clip or a break, between what people say
            self.cues.append(Cue(seconds(aside["time"]), None, None, f"*{aside['title'].strip()}*",
                                 lineno, aside=True))
            self.time, self.after_paragraph = None, True
        elif text:  # an empty <p></p> is no paragraph
            self.cue(text, lineno)

    def set_time(self, text: str, lineno: int) -> None:
        self.time = seconds(text)
        self.after_paragraph = False
        if self.time is None:
            self.problems.append(Problem(lineno, "timing", f"{text!r} is not a time; the "
                                                           "paragraph after it has no time"))

    def cue(self, text: str, lineno: int) -> None:
        """A paragraph; the first after a ``<cite>`` opens its turn, at the cite's line."""
        label = None if self.label_used else self.label
        at = lineno if self.label_used else self.label_line
        mark = _MARK.match(text)
        time = self.time
        if mark:
            text = text[mark.end():]
            if time is None:
                time = seconds(mark.group(1))
        text = _ESCAPE.sub(r"\1", text)
        self.cues.append(Cue(time, None, label, text, at, paragraph=self.after_paragraph or bool(mark)))
        self.label_used, self.time, self.after_paragraph = True, None, True

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
        if self.inside == "p":
            done = 0
            for blank in _BLANK_LINE.finditer(data):
                self.buffer += [_SPACE.sub(" ", data[done:blank.start()]), _BREAK]
                self.breaks.append(self.line() + data[:blank.end()].count("\n"))
                done = blank.end()
            self.buffer.append(_SPACE.sub(" ", data[done:]))
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
    text, unclosed = defuse("\n".join(lines))
    reader.problems.extend(
        Problem(first_lineno + line - 1, "html",
                "this comment is never closed with '-->': what follows it is kept as text")
        for line in unclosed)
    reader.feed(text)
    reader.finish()
    transcript = assemble(with_ends(reader.cues), context)
    problems = [p for p in transcript.problems if not (p.kind == "empty" and reader.preamble)]
    problems.extend(reader.problems)
    problems.sort(key=lambda p: p.lineno)
    return replace(transcript, preamble=tuple(reader.preamble), problems=tuple(problems))

"""The text of one cue of a WebVTT or SRT file: its spans, its voices, and a
speaker named at its start (pure).

**Spans.**  :func:`spans` reads a cue's payload with a small tokenizer of
its own (webvtt-py gives only the first voice of a cue and does not decode
character references):

- ``<v Name>`` and ``<v.class Name>`` open a voice, closed by ``</v>`` or
  not; a cue holding two voices gives two :class:`Part` values.  Text after
  a ``</v>`` stays with that voice (``<v Esme>Hee!</v> <i>laughter</i>``);
  text before the first voice belongs to no voice (``None``);
- ``<i>`` becomes ``*emphasis*`` and ``<b>`` ``**strong**`` (the markup the
  transcript's text is read with), with any spacing inside the tag moved
  outside the stars; a tag left open is closed at the end of its voice;
- ``<c.class>``, ``<u>``, ``<lang xx>``, ``<ruby>``, ``<rt>`` (and, in SRT,
  ``<font …>`` and ``<s>``) are removed and their text kept; inline
  timestamps ``<00:00:01.280>`` are removed; SRT's ``{\\an8}`` position
  codes are removed;
- in WebVTT, character references (``&amp;``, ``&lt;``, ``&#233;``) are
  decoded; SRT text is not escaped, so it is left as written;
- anything else that looks like a tag (``<laughs>``, a lone ``<``) is not
  a tag the format knows: it is kept as written, not dropped.  Players hide
  it (WebVTT reads everything from a ``<`` to the next ``>``, or the cue's
  end, as a tag, and drops the tags it does not know), so the WebVTT reader
  warns at its line.

**Speaker prefix.**  :func:`speaker_prefix` says whether a cue's first line
opens with a speaker label: ``Name: text`` (Zoom, the Podcasting 2.0 SRT
convention) or ``[SPEAKER_00]: text`` (WhisperX; the label is what stands
inside the brackets).  The label is what stands before the line's first
colon that is followed by a space or ends the line (so ``10:30`` and
``https://…`` name nobody, and a declared ``Dr:Who`` or, as the feed
writers spell it, ``Dr:\u2060 Who`` is a label).  It counts as a speaker
when it is not one of ``:not-speakers:`` and either

1. it is a declared label (a speaker's name or alias, a ``:speaker-map:``
   label), compared as :mod:`..labels` compares labels; or
2. it looks like a diarization label: ``SPEAKER_00``, ``Speaker 1``,
   ``spk2``, ``Speaker A``; or
3. it looks like a person's name, at most 40 characters: one to four
   words, each starting with a letter that is not lower case (``Priya``,
   ``O'Neill``, ``J.``, ``李``), lower-case particles allowed inside
   (``Ludwig van Beethoven``), optionally a parenthesised suffix (Zoom's
   ``Daniel Reyes (he/him)``), or a directory name ``Last, First``; a
   single word must have two letters or more and must not be a word that
   commonly opens a sentence with a colon (``Note``, ``Warning``,
   ``Example``, ``Update`` …).

So ``Note that: …`` (a lower-case word) and ``Remember: …`` (a word of the
list) are text, while an undeclared ``Bob:`` is a speaker whose
label the cast then reports as mapping to nobody (add it to
``:not-speakers:`` if it is text).  The label is kept as written; the cast
resolves it (dropping a ``(he/him)``, turning ``Last, First`` round).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..people.labels import key, normalize
from ._context import ParseContext

__all__ = ["Part", "plain_lines", "speaker_prefix", "spans"]


@dataclass(frozen=True)
class Part:
    """The text of one voice of a cue.

    ``voice`` is the ``<v>`` annotation as written (entities decoded,
    spacing made single), ``None`` for text outside any voice; ``line`` is
    the 0-based line of the cue's text on which the part starts.
    """

    voice: str | None
    text: str
    line: int = 0


#: tags whose text is kept and whose markup is dropped
_DROPPED = {"vtt": frozenset({"c", "u", "lang", "ruby", "rt"}),
            "srt": frozenset({"u", "font", "s"})}
#: tags that become the transcript's emphasis markup
_MARKS = {"i": "*", "b": "**"}
_TIMESTAMP_TAG = re.compile(r"\d+(?::\d+){1,2}(?:[.,]\d+)?")
#: a tag's name (``<v``, ``</i``) and where its classes (``.loud``) and annotation start
_TAG_HEAD = re.compile(r"/?[A-Za-z][A-Za-z0-9]*")
#: a class's name, after its dot
_CLASS = re.compile(r"[^\s.>]+")
_ASS_CODE = re.compile(r"\{\\[^{}\n]*\}")


class _Frame:
    """An open ``<i>`` or ``<b>`` and the text inside it so far."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.chunks: list[str] = []


def _wrap(mark: str, inner: str) -> str:
    """``*inner*`` with the spacing of ``inner`` outside the stars."""
    body = inner.strip()
    if not body:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()):]
    return f"{lead}{mark}{body}{mark}{trail}"


class _Tags:
    """Which ``<`` of a cue's text open a tag, each found in time linear in the text.

    A tag is ``<`` and ``>`` on one line with a name, classes and an
    annotation between them: ``(/?)([A-Za-z][A-Za-z0-9]*)((?:\\.[^\\s.>]+)*)(?:[ \t]+(.*))?``.
    Matching that from every ``<`` of a line of ``<`` (each is kept as
    written, and the next one tried) read on to the same ``>`` each time.
    Here the name after each ``<`` is read once (a name stops at the next
    ``<``), and whether what follows the name ends the tag well is known
    once per dot: every ``<`` whose classes reach a dot has the same answer.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.gt = self.newline = -1  # the next ">" and line end, found once each
        self.tails: dict[int, bool] = {}  # a dot's position -> whether the tag ends well from it

    def close(self, lt: int) -> int | None:
        """The ``>`` that would close a tag opened at ``lt``, on its line, or None."""
        text = self.text
        if self.gt <= lt:  # the end when there is none: not looked for again
            found = text.find(">", lt + 1)
            self.gt = found if found >= 0 else len(text)
        if self.newline <= lt:
            found = text.find("\n", lt + 1)
            self.newline = found if found >= 0 else len(text)
        return self.gt if self.gt < min(self.newline, len(text)) else None

    def tail(self, at: int, gt: int) -> bool:
        """Whether ``(?:\\.[^\\s.>]+)*(?:[ \t].*)?`` matches ``text[at:gt]``."""
        text = self.text
        dots: list[int] = []
        while True:
            if at in self.tails:
                ends = self.tails[at]
                break
            if at == gt or text[at] in " \t":
                ends = True
                break
            name = _CLASS.match(text, at + 1, gt) if text[at] == "." else None
            if name is None:
                ends = False
                break
            dots.append(at)
            at = name.end()
        for dot in dots:
            self.tails[dot] = ends
        return ends

    def read(self, lt: int, gt: int) -> tuple[bool, str] | None:
        """``(closing, name)`` of the tag ``text[lt:gt + 1]``, or None when it is none."""
        head = _TAG_HEAD.match(self.text, lt + 1, gt)
        if head is None or not self.tail(head.end(), gt):
            return None
        closing = self.text[lt + 1] == "/"
        return closing, self.text[lt + 1 + closing : head.end()]

    def annotation(self, lt: int, gt: int) -> str:
        """What follows a tag's name and classes: ``<v.loud Maya Okafor>`` -> the name."""
        inner = self.text[lt + 1 : gt]
        space = next((i for i, c in enumerate(inner) if c in " \t"), len(inner))
        return inner[space:].lstrip(" \t")


def spans(text: str, *, vtt: bool = True, kept: list[tuple[int, str]] | None = None) -> list[Part]:
    """The voices of a cue's text, as the module's description says.

    ``vtt`` is False for SRT: no voices, no character references, SRT's own
    tags.  Parts whose text is only spacing are left out.  In WebVTT, every
    ``<`` kept as written is added to ``kept`` as ``(0-based line of the
    text, what it opens)`` (its first 30 characters): players hide it (the
    standard reads all from a ``<`` to the next ``>`` as a tag, and drops the
    tags it does not know).  An ``<i>`` or ``<b>`` inside one of its kind adds
    nothing (its end tag ends nothing), so at most two are open at once.
    """
    dropped = _DROPPED["vtt" if vtt else "srt"]
    if not vtt:
        text = _ASS_CODE.sub("", text)
    parts: list[tuple[str | None, list[str], int]] = [(None, [], 0)]
    frames: list[_Frame] = []
    #: tags of a kind already open, opened again: their end tags end nothing
    repeated = dict.fromkeys(_MARKS, 0)
    tags = _Tags(text)
    line, counted = 0, 0  # the line of ``counted``, counted on, not from the start each time

    def line_of(at: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, at)
        counted = at
        return line

    def emit(chunk: str) -> None:
        (frames[-1].chunks if frames else parts[-1][1]).append(chunk)

    def close_frames(down_to: int = 0) -> None:
        while len(frames) > down_to:
            frame = frames.pop()
            emit(_wrap(_MARKS[frame.tag], "".join(frame.chunks)))
        if not frames:
            repeated.update(dict.fromkeys(_MARKS, 0))

    def literal(chunk: str) -> None:
        emit(html.unescape(chunk) if vtt else chunk)

    pos = 0
    while pos < len(text):
        lt = text.find("<", pos)
        if lt < 0:
            literal(text[pos:])
            break
        if lt > pos:
            literal(text[pos:lt])
        gt = tags.close(lt)
        if gt is not None and _TIMESTAMP_TAG.fullmatch(text, lt + 1, gt):
            pos = gt + 1  # an inline timestamp (word timing)
            continue
        tag = tags.read(lt, gt) if gt is not None else None
        name = tag[1].lower() if tag else ""
        if gt is None or tag is None or not (name in dropped or name in _MARKS or (vtt and name == "v")):
            emit(text[lt])  # not a tag of this format: kept as written
            if vtt and kept is not None:
                end = gt + 1 if gt is not None else tags.newline  # the tag, or the line
                kept.append((line_of(lt), text[lt : min(end, lt + 30)]))
            pos = lt + 1
            continue
        pos = gt + 1
        closing = tag[0]
        if name == "v":
            close_frames()
            if not closing:
                voice = normalize(html.unescape(tags.annotation(lt, gt)))
                parts.append((voice or None, [], line_of(lt)))
        elif name in _MARKS:
            open_ = next((depth for depth, frame in enumerate(frames) if frame.tag == name), None)
            if not closing:
                if open_ is None:
                    frames.append(_Frame(name))
                else:
                    repeated[name] += 1
            elif repeated[name]:
                repeated[name] -= 1
            elif open_ is not None:
                close_frames(open_)
        # a tag whose markup is dropped: its text is kept, the tag is not
    close_frames()
    out = []
    for who, chunks, first in parts:
        joined = "".join(chunks)
        if joined.strip():
            lead = joined[: len(joined) - len(joined.lstrip())]
            out.append(Part(who, joined.strip(), first + lead.count("\n")))
    return out


def plain_lines(text: str) -> list[str]:
    """The lines of a cue's text that hold something, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# -- speaker prefixes ---------------------------------------------------------

#: the colon that ends a label: the first one followed by spacing or the line's end
_LABEL_END = re.compile(r":(?=\s|$)")
_DIARIZED = re.compile(r"(?:speaker|spkr|spk)[ _-]?(?:\d{1,3}|[a-z])", re.IGNORECASE)
_SUFFIX = re.compile(r"(?<!\s)\s*\([^()]{1,40}\)$")  # see labels._SUFFIX
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_PARTICLES = frozenset({
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "st", "ten", "ter", "van", "von", "y", "zu",
})
#: single words that open a sentence with a colon more often than they name anyone
_NOT_NAMES = frozenset({
    "note", "notes", "nb", "ps", "warning", "caution", "attention", "important", "reminder", "tip",
    "hint", "example", "examples", "update", "edit", "edited", "correction", "disclaimer", "summary",
    "answer", "question", "re", "subject", "source", "sources", "credit", "credits", "translation",
    "transcript", "music", "applause", "laughter", "chapter", "part", "step", "fact", "spoiler",
    "also", "however", "yes", "no", "well", "so", "okay", "ok", "remember", "look", "listen",
    "anyway", "basically", "first", "second", "third", "finally", "meanwhile", "plus",
})


def name_like(label: str) -> bool:
    """Whether ``label`` looks like a person's name or a diarization label."""
    label = normalize(label)
    if not label or len(label) > 40:
        return False
    if _DIARIZED.fullmatch(label):
        return True
    bare = _SUFFIX.sub("", label)
    if bare.count(",") == 1:
        last, first = (side.split() for side in bare.split(","))
        if not (1 <= len(last) <= 2 and 1 <= len(first) <= 2):
            return False
        words = [*first, *last]
    else:
        words = bare.split()
    if not 1 <= len(words) <= 4:
        return False
    if len(words) == 1 and (len(words[0]) < 2 or words[0].casefold().strip(".") in _NOT_NAMES):
        return False
    for index, word in enumerate(words):
        if not _WORD.fullmatch(word):
            return False
        if word[0].islower() and (index == 0 or index == len(words) - 1 or word not in _PARTICLES):
            return False
    return True


def speaker_prefix(line: str, context: ParseContext) -> tuple[str, str] | None:
    """``(label, rest of the line)`` when ``line`` opens with a speaker label."""
    found = _LABEL_END.search(line)
    if not found:
        return None
    written = line[:found.start()].strip()
    bracketed = len(written) > 2 and written[0] == "[" and written[-1] == "]"
    label = written[1:-1].strip() if bracketed else written
    if not label or "\n" in label or key(label) in {key(name) for name in context.not_speakers}:
        return None
    if context.labels.lookup(label) is None and not name_like(label):
        return None
    return label, line[found.end():].strip()

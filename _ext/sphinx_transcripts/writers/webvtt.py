"""A transcript as WebVTT: one cue per paragraph, the speaker's ``<v>`` on every cue (pure).

The voice is repeated on each cue: the WebVTT spec scopes a voice to its
cue, and Podcasting 2.0 players, which carry a voice on until it changes,
read the same file the same way.  Emphasis is ``<i>``/``<b>``; ``&``,
``<`` and ``>`` are character references, in the text and in a voice's
name, so no text becomes a tag (or a ``-->``, which would start a cue) and
no name ends its ``<v>`` early; a name is one line (:func:`._cues.speaker_name`)
and the text has no blank line, so nothing ends a cue.  Lines are wrapped
at :data:`.cues.WIDTH`.

A transcript that names nobody has no voices, unless a cue without one
would be misread (:func:`._cues.unnamed_misread`: a first line a reader
could take for a speaker's label, ``Docker: it runs``; a line opening with
a dash, a change of speaker in such captions; a cue opening with the line
the one before it ended with, the repeated line of roll-up captions; see
:mod:`..readers.webvtt`).  Then every cue has the voice
:data:`~..model.UNATTRIBUTED`.
"""

from __future__ import annotations

from ..model import UNATTRIBUTED, Transcript
from ._cues import Cue, Run, Word, cues, timestamp, unnamed_misread, wrap


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def line(words: list[Word]) -> str:
    """Words of a line with their styles as tags, all closed by the line's end.

    A space between two words is inside a style only when both words are.
    """
    segments: list[Run] = []
    for n, word in enumerate(words):
        if n:
            before, after = words[n - 1][-1], word[0]
            segments.append(Run(" ", before.italic and after.italic, before.bold and after.bold))
        segments.extend(word)
    out: list[str] = []
    stack: list[str] = []
    for segment in segments:
        wanted = [tag for tag, on in (("i", segment.italic), ("b", segment.bold)) if on]
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        out.extend(f"</{tag}>" for tag in reversed(stack[keep:]))
        del stack[keep:]
        for tag in wanted:
            if tag not in stack:
                out.append(f"<{tag}>")
                stack.append(tag)
        out.append(escape(segment.text))
    out.extend(f"</{tag}>" for tag in reversed(stack))
    return "".join(out)


def voice(speaker: str) -> str:
    """``<v Name>``: the name escaped, and a last ``-`` a reference, so a name
    ending in ``--`` writes no ``-->`` (which would start a cue)."""
    name = escape(speaker)
    return f"<v {name[:-1]}&#45;>" if name.endswith("-") else f"<v {name}>"


def cue_text(cue: Cue, speaker: str) -> str:
    lines = [line(words) for block in cue.blocks for words in wrap(block)]
    voice_tag = voice(speaker) if speaker else ""
    return voice_tag + "\n".join(lines)


def write(transcript: Transcript) -> str:
    blocks = ["WEBVTT"]
    found = cues(transcript)
    nobody = UNATTRIBUTED if not any(cue.speaker for cue in found) and unnamed_misread(found) else ""
    for cue in found:
        text = cue_text(cue, cue.speaker or nobody)
        blocks.append(f"{timestamp(cue.start, '.')} --> {timestamp(cue.end, '.')}\n{text}")
    return "\n\n".join(blocks) + "\n"

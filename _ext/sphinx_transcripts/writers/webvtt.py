"""A transcript as WebVTT: one cue per paragraph, the speaker's ``<v>`` on every cue (pure).

The voice is repeated on each cue: the WebVTT spec scopes a voice to its
cue, and Podcasting 2.0 players, which carry a voice on until it changes,
read the same file the same way.  Emphasis is ``<i>``/``<b>``; ``&``,
``<`` and ``>`` are character references, so no text becomes a tag (or a
``-->``).  Lines are wrapped at :data:`.cues.WIDTH`.
"""

from __future__ import annotations

from ..model import Transcript
from ._cues import Cue, Run, Word, cues, timestamp, wrap


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


def cue_text(cue: Cue) -> str:
    lines = [line(words) for block in cue.blocks for words in wrap(block)]
    voice = f"<v {escape(cue.speaker)}>" if cue.speaker else ""
    return voice + "\n".join(lines)


def write(transcript: Transcript) -> str:
    blocks = ["WEBVTT"]
    for cue in cues(transcript):
        blocks.append(f"{timestamp(cue.start, '.')} --> {timestamp(cue.end, '.')}\n{cue_text(cue)}")
    return "\n\n".join(blocks) + "\n"

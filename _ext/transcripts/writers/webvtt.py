"""A transcript as WebVTT: one cue per paragraph, the speaker's ``<v>`` on every cue (pure).

The voice is repeated on each cue: the WebVTT spec scopes a voice to its
cue, and Podcasting 2.0 players, which carry a voice on until it changes,
read the same file the same way.  Emphasis is ``<i>``/``<b>``; ``&``,
``<`` and ``>`` are character references, so no text becomes a tag (or a
``-->``).  Lines are wrapped at :data:`.cues.WIDTH`.
"""

from __future__ import annotations

from ..model import Transcript
from .cues import Cue, Word, cues, timestamp, wrap


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def line(words: list[Word]) -> str:
    """Words of a line with their styles as tags, each closed by the line's end."""
    out: list[str] = []
    italic = bold = False
    for n, word in enumerate(words):
        if n:
            out.append(" ")
        for run in word:
            if bold and not run.bold:
                out.append("</b>")
                bold = False
            if italic and not run.italic:
                out.append("</b></i>" if bold else "</i>")
                italic = False
                if bold:
                    out.append("<b>")
            if run.italic and not italic:
                out.append("<i>")
                italic = True
            if run.bold and not bold:
                out.append("<b>")
                bold = True
            out.append(escape(run.text))
    out.append(("</b>" if bold else "") + ("</i>" if italic else ""))
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

"""Where a turn becomes a node: the parsed transcript as a ``dialogue`` tree.

Takes the model (:mod:`.model`) and the cast (:mod:`.cast`) and builds the
nodes of :mod:`.nodes`; the text of every paragraph goes through
:mod:`.markup`, so it is inert.  Speaker names link to the people page
through :mod:`.links`.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from . import markup
from . import nodes as tn
from .cast import Cast
from .links import person_link
from .model import Paragraph, Transcript, Turn


def paragraphs(items: Sequence[Paragraph], source: str) -> list[nodes.Element]:
    out: list[nodes.Element] = []
    for para in items:
        out.extend(markup.to_nodes(para, source))
    return out


def build_dialogue(
    transcript: Transcript, cast: Cast, source: str, docname: str, prefix: str = ""
) -> tn.dialogue:
    """The dialogue node; turn ids are ``<prefix>turn-<n>``."""
    dialogue = tn.dialogue("", classes=["transcript"])
    if transcript.preamble:
        preamble = nodes.container("", classes=["transcript-preamble"])
        preamble += paragraphs(transcript.preamble, source)
        dialogue += preamble
    last = max((t.end or t.start or 0.0 for t in transcript.turns), default=0.0)
    hours = last >= 3600
    for number, parsed in enumerate(transcript.turns, start=1):
        dialogue += build_turn(parsed, cast, source, docname, f"{prefix}turn-{number}", hours)
    return dialogue


def build_turn(
    parsed: Turn, cast: Cast, source: str, docname: str, anchor: str, hours: bool
) -> tn.turn:
    speaker = cast.speaker(parsed.speaker)
    role = cast.role(speaker)
    turn = tn.turn(
        "", speaker=speaker.name, speaker_key=speaker.key, role=role,
        ids=[anchor], classes=["transcript-turn", f"transcript-{role}"],
    )
    if parsed.start is not None:
        turn["start"] = parsed.start
    turn.source, turn.line = source, parsed.lineno
    turn += tn.avatar_for(speaker)
    content = tn.turn_content()
    header = tn.turn_header("", speaker=speaker.name, role=role, classes=["no-autolink"])
    name = tn.speaker_name()
    name += person_link(speaker, nodes.Text(speaker.name), docname)
    header += name
    label = f"{speaker.name}: "
    if parsed.start is not None:
        stamp = tn.timestamp(seconds=parsed.start, hours=hours)
        header += stamp
        label = f"[{stamp.label}] {label}"
    content += header
    content += paragraphs(parsed.paragraphs, source)
    mark = tn.turn_label("", label, classes=["no-autolink"])
    if len(content.children) > 1 and isinstance(content[1], nodes.paragraph):
        content[1].insert(0, mark)
    else:
        content.insert(1, nodes.paragraph("", "", mark))
    turn += content
    return turn

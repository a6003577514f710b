"""Plain renderings of dialogue nodes: text, man and texinfo.

These builders have no pictures: a turn prints as ``[1:02] Name: text``,
one turn after another.  The header (for HTML and LaTeX) is skipped, and
:class:`TurnLabels` puts a :class:`~.nodes.turn_label` before the first
words of each turn when the page is written by one of these builders; the
stored doctree does not carry it, so the other builders do not pay for a
node they would skip.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..dialogue import elements as tn

BUILDERS = ("text", "man", "texinfo")


def label_of(header: tn.turn_header) -> str:
    """``[1:02] Name: `` for a turn whose header is *header*."""
    label = f"{header['speaker']}: "
    times = [child for child in header.children if isinstance(child, tn.timestamp)]
    return f"[{times[0].label}] {label}" if times else label


class TurnLabels(SphinxPostTransform):
    """Put each turn's label in its first paragraph (plain-text builders)."""

    default_priority = 200
    builders = BUILDERS

    def run(self, **kwargs: Any) -> None:
        for turn in self.document.findall(tn.turn):
            header = turn[0] if turn.children else None
            if not isinstance(header, tn.turn_header):
                continue
            mark = tn.turn_label("", label_of(header), classes=["no-autolink"])
            if len(turn.children) > 1 and isinstance(turn[1], nodes.paragraph):
                turn[1].insert(0, mark)
            else:
                turn.insert(1, nodes.paragraph("", "", mark))


def passthrough(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    pass


def skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def visit_line_break(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    # each builder's own way to end a line inside a paragraph
    self.dispatch_visit(nodes.Text("\n"))  # type: ignore[attr-defined]
    raise nodes.SkipNode


HANDLERS = {
    tn.dialogue: (passthrough, passthrough),
    tn.media: (passthrough, passthrough),
    tn.turn: (passthrough, passthrough),
    tn.turn_header: (skip, None),
    tn.speaker_name: (passthrough, passthrough),
    tn.timestamp: (skip, None),
    tn.turn_label: (passthrough, passthrough),
    tn.line_break: (visit_line_break, None),
    tn.avatar: (skip, None),
    tn.byline: (passthrough, passthrough),
    tn.exports: (skip, None),  # the feed files are the HTML site's
    # replaced by a paragraph before these builders write (render/cite.py)
    tn.episode_citation: (skip, None),
}

"""Plain renderings of dialogue nodes: text, man and texinfo.

These builders have no pictures: a turn prints as ``[1:02] Name: text``,
one turn after another, because the turn's label node is kept in its first
paragraph; the header (for HTML and LaTeX) is skipped.
"""

from __future__ import annotations

from docutils import nodes

from . import nodes as tn


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
    tn.turn_content: (passthrough, passthrough),
    tn.turn_header: (skip, None),
    tn.speaker_name: (passthrough, passthrough),
    tn.timestamp: (skip, None),
    tn.turn_label: (passthrough, passthrough),
    tn.line_break: (visit_line_break, None),
    tn.avatar: (skip, None),
    tn.byline: (passthrough, passthrough),
    tn.exports: (skip, None),  # the feed files are the HTML site's
}

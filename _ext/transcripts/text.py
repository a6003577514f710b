"""Plain renderings of dialogue nodes: text, man and texinfo.

These builders have no pictures: a turn prints as ``Name: text``, one turn
after another, because the turn's label node is kept in its first paragraph.
"""

from __future__ import annotations

from docutils import nodes

from . import nodes as tn


def passthrough(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    pass


def skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


HANDLERS = {
    tn.dialogue: (passthrough, passthrough),
    tn.turn: (passthrough, passthrough),
    tn.turn_content: (passthrough, passthrough),
    tn.turn_label: (passthrough, passthrough),
    tn.avatar: (skip, None),
    tn.byline: (passthrough, passthrough),
}

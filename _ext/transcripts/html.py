"""HTML rendering of dialogue nodes (html, dirhtml, singlehtml, epub).

A turn becomes::

    <div class="transcript-turn transcript-guest" id="turn-3" data-speaker="eli-stevens">
      <img class="transcript-avatar" src="_images/avatar-….svg" alt="Eli Stevens">
      <div class="transcript-turn-body">
        <div class="transcript-turn-header">name, role, permalink</div>
        <p>…</p>
      </div>
    </div>

Avatar files are content-addressed and written into the builder's image
folder the first time a page needs them, like sphinx.ext.graphviz does.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from . import nodes as tn
from .avatars import GeneratedAvatar, copy_image
from .people import person_uri


def avatar_file(self: HTML5Translator, node: tn.avatar) -> str:
    """Write the avatar's file into the output once; return its URI."""
    outdir = Path(self.builder.outdir, self.builder.imagedir)
    if node["image"]:
        name = copy_image(Path(self.builder.srcdir, node["image"]), outdir)
    else:
        generated = GeneratedAvatar(node["initials"], node["background"], node["foreground"])
        name = generated.filename(node["name"])
        target = outdir / name
        if not target.exists():
            outdir.mkdir(parents=True, exist_ok=True)
            target.write_text(generated.svg(node["name"]), encoding="utf-8")
    return posixpath.join(self.builder.imgpath, name)


def visit_avatar(self: HTML5Translator, node: tn.avatar) -> None:
    uri = avatar_file(self, node)
    # a decorative avatar stands next to the name it shows: empty alt, so a
    # screen reader does not read the name twice
    alt = "" if node.get("decorative") else node["name"]
    self.body.append(
        f'<img class="transcript-avatar" src="{self.attval(uri)}" '
        f'alt="{self.attval(alt)}" width="48" height="48" loading="lazy" />'
    )
    raise nodes.SkipNode


def visit_turn(self: HTML5Translator, node: tn.turn) -> None:
    self.body.append(
        self.starttag(node, "div", "", **{"data-speaker": node["speaker_key"]})
    )


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_turn_content(self: HTML5Translator, node: tn.turn_content) -> None:
    turn = node.parent
    anchor = turn["ids"][0] if turn["ids"] else ""
    name = self.encode(turn["speaker"])
    person = person_uri(self.builder, self.builder.current_docname, turn["speaker"])
    if person:
        name = (f'<a class="transcript-speaker-link" href="{self.attval(person)}" '
                f'title="About {self.attval(turn["speaker"])}">{name}</a>')
    self.body.append('<div class="transcript-turn-body">\n')
    self.body.append(
        '<div class="transcript-turn-header no-autolink">'
        f'<span class="transcript-speaker">{name}</span>'
        f'<span class="transcript-role">{self.encode(turn["role"])}</span>'
    )
    if anchor:
        self.body.append(
            f'<a class="transcript-permalink" href="#{anchor}" '
            f'aria-label="Link to this quote by {self.attval(turn["speaker"])}" '
            'title="Link to this quote">#</a>'
        )
    self.body.append("</div>\n")


def visit_dialogue(self: HTML5Translator, node: tn.dialogue) -> None:
    self.body.append(self.starttag(node, "div", ""))


def visit_byline(self: HTML5Translator, node: tn.byline) -> None:
    self.body.append(self.starttag(node, "div", ""))


def skip(self: HTML5Translator, node: nodes.Node) -> None:
    raise nodes.SkipNode


HANDLERS = {
    tn.dialogue: (visit_dialogue, depart_div),
    tn.turn: (visit_turn, depart_div),
    tn.turn_content: (visit_turn_content, depart_div),
    tn.turn_label: (skip, None),
    tn.avatar: (visit_avatar, None),
    tn.byline: (visit_byline, depart_div),
}

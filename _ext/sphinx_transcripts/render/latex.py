"""LaTeX rendering of dialogue nodes, with macros from ``transcripts.sty``.

A turn is an environment that takes the avatar; its header is a macro of
the speaker's name (a hyperlink to the people page when there is one), the
role and the time.  It is a list, not a box, so long turns break across
pages.  Every piece of user text goes through the translator's own
escaping (``self.encode``).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator

from ..dialogue import elements as tn
from ..people.avatars import copy_image


def avatar_macro(self: LaTeXTranslator, node: tn.avatar) -> str:
    """LaTeX that draws the avatar: the registry image or the initials."""
    # LaTeX cannot include SVG or WebP; for those the initials stand in.
    if node["image"] and Path(node["image"]).suffix.lower() not in (".svg", ".webp"):
        # the registry's image re-drawn; None if it cannot be (the registry warned)
        name = copy_image(Path(self.builder.srcdir, node["image"]), Path(self.builder.outdir))
        if name is not None:
            return rf"\sphinxtranscriptimage{{{name}}}"
    if not node["initials"]:  # nobody in particular (an unnamed author)
        return (rf"\sphinxtranscriptanonymous{{{node['background'].lstrip('#').upper()}}}"
                rf"{{{node['foreground'].lstrip('#').upper()}}}")
    return (
        rf"\sphinxtranscriptinitials{{{node['background'].lstrip('#').upper()}}}"
        rf"{{{node['foreground'].lstrip('#').upper()}}}{{{self.encode(node['initials'])}}}"
    )


def _picture(self: LaTeXTranslator, node: nodes.Element) -> str:
    if isinstance(node, tn.turn):
        return avatar_macro(self, tn.avatar_of_turn(node))
    avatar = next(iter(node.findall(tn.avatar)), None)
    return avatar_macro(self, avatar) if avatar is not None else ""


def visit_turn(self: LaTeXTranslator, node: tn.turn) -> None:
    # The anchor goes before the list, in vertical mode: inside the header it
    # would start an empty paragraph under the speaker's name.
    self.body.append(
        f"\n{self.hypertarget_to(node, anchor=True)}"
        f"\\begin{{sphinxtranscriptturn}}{{{_picture(self, node)}}}\n"
    )


def depart_turn(self: LaTeXTranslator, node: tn.turn) -> None:
    self.body.append("\n\\end{sphinxtranscriptturn}\n")


def visit_turn_header(self: LaTeXTranslator, node: tn.turn_header) -> None:
    self.body.append(r"\sphinxtranscriptheader{")


def _media_url(stamp: tn.timestamp) -> str:
    """The URL of the episode a timestamp seeks in; "" for none or a file."""
    uri = stamp.get("media", "")
    return uri if tn.is_url(uri) else ""


def depart_turn_header(self: LaTeXTranslator, node: tn.turn_header) -> None:
    times = [child for child in node.children if isinstance(child, tn.timestamp)]
    when = self.encode(times[0].label) if times else ""
    url = _media_url(times[0]) if times else ""
    if url:
        # a link into the episode at this time: the URL is the publisher's, escaped as
        # Sphinx escapes every \sphinxhref target
        target = self.encode_uri(tn.seek_uri(url, times[0]["seconds"]))
        when = rf"\sphinxhref{{{target}}}{{{when}}}"
    self.body.append(f"}}{{{self.encode(node['role'])}}}{{{when}}}{{{_address(self, node)}}}\n")


def _address(self: LaTeXTranslator, node: tn.turn_header) -> str:
    """The turn's web address as the page's "#" link has it (``#t-12m34s``), a
    link to the turn on the published site when ``html_baseurl`` is set: a
    reader of the PDF finds the quote online."""
    turn = node.parent
    if not isinstance(turn, tn.turn) or not turn["ids"]:
        return ""
    ident = turn["ids"][0]
    shown = self.encode("#" + ident)
    base = str(self.config.html_baseurl or "")
    docname = self.curfilestack[-1] if self.curfilestack else ""
    if not (base and docname and tn.is_url(base)):
        return shown
    url = (base if base.endswith("/") else base + "/") + f"{docname}.html#{ident}"
    return rf"\sphinxhref{{{self.encode_uri(url)}}}{{{shown}}}"


def visit_byline(self: LaTeXTranslator, node: tn.byline) -> None:
    self.body.append(f"\n\\begin{{sphinxtranscriptbyline}}{{{_picture(self, node)}}}\n")


def depart_byline(self: LaTeXTranslator, node: tn.byline) -> None:
    self.body.append("\n\\end{sphinxtranscriptbyline}\n")


def visit_dialogue(self: LaTeXTranslator, node: tn.dialogue) -> None:
    self.body.append("\n\\begin{sphinxtranscript}\n")


def depart_dialogue(self: LaTeXTranslator, node: tn.dialogue) -> None:
    self.body.append("\n\\end{sphinxtranscript}\n")


def visit_line_break(self: LaTeXTranslator, node: tn.line_break) -> None:
    self.body.append("\\newline{}\n")
    raise nodes.SkipNode


def skip(self: LaTeXTranslator, node: nodes.Node) -> None:
    raise nodes.SkipNode


def visit_timestamp(self: LaTeXTranslator, node: tn.timestamp) -> None:
    # a turn's time is printed by its header (depart_turn_header); a
    # chapter's, under its heading, here
    if not isinstance(node.parent, tn.turn_header):
        self.body.append(rf"\sphinxtranscripttime{{{self.encode(node.label)}}}")
    raise nodes.SkipNode


def passthrough(self: LaTeXTranslator, node: nodes.Node) -> None:
    pass


HANDLERS = {
    tn.dialogue: (visit_dialogue, depart_dialogue),
    tn.media: (passthrough, passthrough),
    tn.turn: (visit_turn, depart_turn),
    tn.turn_header: (visit_turn_header, depart_turn_header),
    tn.speaker_name: (passthrough, passthrough),
    tn.timestamp: (visit_timestamp, None),
    tn.turn_label: (skip, None),
    tn.line_break: (visit_line_break, None),
    tn.avatar: (skip, None),
    tn.byline: (visit_byline, depart_byline),
    tn.exports: (skip, None),  # the feed files are the HTML site's
    tn.episode_citation: (skip, None),  # the text's opening prints it (book.py)
}

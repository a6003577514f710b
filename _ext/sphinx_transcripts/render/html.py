"""HTML rendering of dialogue nodes (html, dirhtml, singlehtml, epub).

A turn becomes::

    <div class="transcript-turn transcript-guest" id="eli-stevens-well-i-started" data-speaker="eli-stevens">
      <span class="transcript-alias" id="turn-3"></span>   (its old address: legacy.py)
      <img class="transcript-avatar" src="_images/avatar-….svg" alt="Eli Stevens">
      <div class="transcript-turn-body">
        <div class="transcript-turn-header">name, role, time, permalink</div>
        <p>…</p>
      </div>
    </div>

With ``:audio:`` (or ``:video:``) the dialogue follows the browser's own
player, and a turn's time links into the episode::

    <div class="transcript-player"><audio controls preload="metadata" src="…"
      aria-label="Episode audio">…</audio></div>
    …<a class="transcript-time" href="<media>#t=62" aria-label="Play from 1:02"><time …>1:02</time></a>

(``static/player.js`` makes the links seek the player.)  EPUB gets neither:
e-book readers rarely play media, so its times stay text.

Avatar files are content-addressed and written into the builder's image
folder the first time a page needs them, like sphinx.ext.graphviz does.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from ..dialogue import elements as tn
from ..people.avatars import GeneratedAvatar, copy_image
from . import cite


def avatar_name(builder: Builder, node: tn.avatar) -> str:
    """Write the avatar's file into the builder's image folder once; return its name."""
    outdir = Path(builder.outdir, builder.imagedir)
    # the registry's image re-drawn; None if it cannot be (the registry warned)
    name = copy_image(Path(builder.srcdir, node["image"]), outdir) if node["image"] else None
    if name is None:
        generated = GeneratedAvatar(node["initials"], node["background"], node["foreground"])
        name = generated.filename(node["name"])
        # the files this process has written: no disk check for every turn
        written: set[str] = builder.__dict__.setdefault("transcripts_avatars", set())
        if name not in written:
            target = outdir / name
            if not target.exists():
                outdir.mkdir(parents=True, exist_ok=True)
                target.write_text(generated.svg(node["name"]), encoding="utf-8")
            written.add(name)
    return name


def avatar_file(self: HTML5Translator, node: tn.avatar) -> str:
    """Write the avatar's file into the output once; return its URI."""
    return posixpath.join(self.builder.imgpath, avatar_name(self.builder, node))


def avatar_html(self: HTML5Translator, node: tn.avatar) -> str:
    uri = avatar_file(self, node)
    # a decorative avatar stands next to the name it shows: empty alt, so a
    # screen reader does not read the name twice
    alt = "" if node.get("decorative") else node["name"]
    return (
        f'<img class="transcript-avatar" src="{self.attval(uri)}" '
        f'alt="{self.attval(alt)}" width="48" height="48" loading="lazy" />'
    )


def visit_avatar(self: HTML5Translator, node: tn.avatar) -> None:
    self.body.append(avatar_html(self, node))
    raise nodes.SkipNode


def visit_turn(self: HTML5Translator, node: tn.turn) -> None:
    attributes = {"data-speaker": node["speaker_key"]}
    if node.get("start") is not None:
        attributes["data-start"] = f"{node['start']:.3f}"
    if node.get("paragraph_starts"):
        # the start of each .transcript-timed paragraph of the turn, in order
        attributes["data-paragraphs"] = " ".join(f"{s:.3f}" for s in node["paragraph_starts"])
    if node.get("paragraph_words"):
        # the source's word times, per timed paragraph: [[start, word], ...];
        # player.js finds each word in the paragraph's text, which stays as it is
        attributes["data-words"] = json.dumps(node["paragraph_words"], ensure_ascii=False,
                                              separators=(",", ":"))
    # the turn's id, then its old addresses (#turn-37) as empty spans inside it:
    # an old link lands on the turn, with no script (see legacy.py)
    ids = node["ids"]
    node["ids"] = ids[:1]
    try:
        self.body.append(self.starttag(node, "div", "", **attributes))
    finally:
        node["ids"] = ids
    self.body.extend(f'<span class="transcript-alias" id="{self.attval(alias)}"></span>'
                     for alias in ids[1:])
    self.body.append(avatar_html(self, tn.avatar_of_turn(node)))
    self.body.append('<div class="transcript-turn-body">\n')


def depart_turn(self: HTML5Translator, node: tn.turn) -> None:
    self.body.append("</div>\n</div>\n")


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_turn_header(self: HTML5Translator, node: tn.turn_header) -> None:
    self.body.append('<div class="transcript-turn-header no-autolink">')


def depart_turn_header(self: HTML5Translator, node: tn.turn_header) -> None:
    # the turn's id as it is now: the single-page builder renames repeated ids
    turn = node.parent
    anchor = turn["ids"][0] if isinstance(turn, tn.turn) and turn["ids"] else ""
    if anchor:
        self.body.append(
            f'<a class="transcript-permalink" href="#{anchor}" '
            f'aria-label="Link to this quote by {self.attval(node["speaker"])}" '
            'title="Link to this quote">#</a>'
        )
    self.body.append("</div>\n")


def mark_person_links(node: nodes.Element, name: str) -> None:
    """The resolved people-page link of a name gets its class and a title."""
    for link in node.findall(nodes.reference):
        link["classes"].append("transcript-speaker-link")
        link["reftitle"] = f"About {name}"


def visit_speaker_name(self: HTML5Translator, node: tn.speaker_name) -> None:
    mark_person_links(node, node.astext())
    self.body.append('<span class="transcript-speaker">')


def depart_speaker_name(self: HTML5Translator, node: tn.speaker_name) -> None:
    self.body.append("</span>")
    role = node.parent.get("role") if isinstance(node.parent, tn.turn_header) else None
    if role:
        self.body.append(f'<span class="transcript-role">{self.encode(role)}</span>')


def plays_media(self: HTML5Translator) -> bool:
    """Whether this builder shows players (every HTML builder but EPUB)."""
    return not self.builder.name.startswith("epub")


def media_uri(self: HTML5Translator, uri: str) -> str:
    """A media node's ``uri`` as the current page links to it."""
    if tn.is_url(uri):
        return uri
    return relative_uri(self.builder.get_target_uri(self.builder.current_docname), uri)


def visit_media(self: HTML5Translator, node: tn.media) -> None:
    if not plays_media(self):
        visit_div(self, node)
        return
    if node["path"]:
        target = Path(self.builder.outdir, node["uri"])
        if not target.exists():  # content-addressed: written once
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(self.builder.srcdir, node["path"]), target)
    uri = self.attval(media_uri(self, node["uri"]))
    kind = node["kind"]
    extra = ' playsinline=""' if kind == "video" else ""
    self.body.append(
        f'<div class="transcript-player" data-kind="{kind}">'
        f'<{kind} class="transcript-media" controls="" preload="metadata" src="{uri}"'
        f' aria-label="Episode {kind}"{extra}>'
        f'<a href="{uri}" type="{self.attval(node["mime"])}">Download the episode {kind}</a>'
        f"</{kind}>{listen_html(self, node)}</div>\n"
    )
    raise nodes.SkipNode


def listen_address(self: HTML5Translator, node: tn.media) -> str:
    """Where the episode is, as a reader of the printed page can type it:
    its URL, or the site's address and the file's path under it."""
    if tn.is_url(node["uri"]):
        return str(node["uri"])
    base = str(self.config.html_baseurl or "")
    if base:
        return posixpath.join(base if base.endswith("/") else base + "/", node["uri"])
    return str(node["uri"])


def listen_html(self: HTML5Translator, node: tn.media) -> str:
    """The print-only line that takes the player's place on paper."""
    address = listen_address(self, node)
    href = self.attval(media_uri(self, node["uri"]))
    return (f'<p class="transcript-listen">Listen: '
            f'<a href="{href}">{self.encode(address)}</a></p>')


def visit_timestamp(self: HTML5Translator, node: tn.timestamp) -> None:
    time = f'<time datetime="{node.duration}">{node.label}</time>'
    uri = node.get("media")
    if uri and plays_media(self):
        href = self.attval(tn.seek_uri(media_uri(self, uri), node["seconds"]))
        self.body.append(f'<a class="transcript-time" href="{href}" '
                         f'aria-label="Play from {node.label}">{time}</a>')
    else:
        self.body.append(time.replace("<time ", '<time class="transcript-time" ', 1))
    raise nodes.SkipNode


def visit_line_break(self: HTML5Translator, node: tn.line_break) -> None:
    self.body.append("<br />\n")
    raise nodes.SkipNode


def visit_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div", ""))


def visit_byline(self: HTML5Translator, node: tn.byline) -> None:
    if node.get("speaker"):
        mark_person_links(node, node["speaker"])
    visit_div(self, node)


def visit_exports(self: HTML5Translator, node: tn.exports) -> None:
    """Write the feed files next to the page and link them, a line per group.

    Next to the page is the folder of its output (html: ``a/ep.html`` ->
    ``a/``; dirhtml: ``a/ep/``); the single page is at the root, so its
    files go to the folder of their document.  An EPUB has neither the
    files nor the links: it would have to package unknown media types.
    """
    builder = self.builder
    if builder.name.startswith("epub") or not node["files"]:
        raise nodes.SkipNode
    page = builder.get_target_uri(node["docname"])
    single = "#" in page
    folder = posixpath.dirname(node["docname"] if single else page)
    lines: dict[str, list[str]] = {}
    # the files' language: WebVTT, SubRip and Podcasting 2.0 JSON have no field
    # for it (a feed says it in podcast:transcript language=), the link does
    language = node.get("language", "")
    hreflang = f' hreflang="{self.attval(language)}"' if language else ""
    for group, label, suffix, mime, text in node["files"]:
        path = posixpath.join(folder, f"{node['stem']}.{suffix}")
        target = Path(builder.outdir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        href = path if single else relative_uri(page, path)
        lines.setdefault(group, []).append(
            f'<a class="reference external" href="{self.attval(href)}" '
            f'type="{self.attval(mime)}"{hreflang}>{self.encode(label)}</a>'
        )
    for group, links in lines.items():
        self.body.append(f'<p class="transcript-exports">{self.encode(group)}: {" · ".join(links)}</p>\n')
    raise nodes.SkipNode


def skip(self: HTML5Translator, node: nodes.Node) -> None:
    raise nodes.SkipNode


HANDLERS = {
    tn.dialogue: (visit_div, depart_div),
    tn.media: (visit_media, depart_div),
    tn.turn: (visit_turn, depart_turn),
    tn.turn_header: (visit_turn_header, depart_turn_header),
    tn.speaker_name: (visit_speaker_name, depart_speaker_name),
    tn.timestamp: (visit_timestamp, None),
    tn.turn_label: (skip, None),
    tn.line_break: (visit_line_break, None),
    tn.avatar: (visit_avatar, None),
    tn.byline: (visit_byline, depart_div),
    tn.exports: (visit_exports, None),
    tn.episode_citation: (cite.visit_citation_html, None),
}

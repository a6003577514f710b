"""Doctree nodes of a dialogue.

Everything a renderer needs travels as node attributes (speaker, role, time,
avatar colours or image), so each doctree is self-contained: parallel and
incremental builds need no shared state, and a renderer never reaches back
into what was collected while reading.

Shape of a transcript in the doctree::

    media  kind= uri= path= mime=                 (with :audio: or :video:)
      paragraph "Episode audio: <url>"          (a URL only; builders with no player)
    dialogue  media= cast=[(name, key, role)]   (media: its uri, or absent; cast: the
                                                 declared hosts and guests no turn shows)
      container.transcript-preamble      (the source's own introduction)
        paragraph ...
      turn  speaker= speaker_key= role= start= ids=[t-1m02s, turn-3]
                                                (its address, then its old one: legacy.py)
            avatar_initials= avatar_background= avatar_foreground= avatar_image=
        turn_header  speaker= role=                 (HTML and LaTeX)
          speaker_name
            reference person-eli-stevens        (or plain text; see links.py)
          timestamp  seconds= hours=                (timed sources only)
        paragraph
          turn_label "[1:02] Eli Stevens: "     (added when text, man or texinfo write)
          #text ...
        paragraph ...
      container.transcript-credit        (a tool's credit under the turns: Otter's footer)
    episode_citation  docname= title= people= date= kind= season= episode=
                                        (under the page's title: dialogue/citation.py)
    exports  stem= docname= files=[(group, label, suffix, mime, text)]
                                        (timed or chaptered; a sibling after the dialogue)

The nodes subclass docutils' ``container`` and ``inline``, so a translator
that has no visitor of ours still renders their content (Sphinx dispatches
on the class hierarchy): no builder fails on a transcript.
"""

from __future__ import annotations

from docutils import nodes

from ..model import format_time, iso_duration
from ..people.avatars import anonymous, generated_avatar
from ..people.registry import Speaker
from ..urls import web_url


class dialogue(nodes.container):
    """A whole transcript."""


class media(nodes.container):
    """The episode's audio or video, before its dialogue.

    Attributes: ``kind`` ("audio" or "video"), ``uri`` (an http(s) URL, or
    the file's published path under the output directory,
    ``_media/<stem>-<hash><suffix>``), ``path`` (the file in the project,
    relative to the source directory; "" for a URL) and ``mime``.  HTML
    builders show the browser's player; the others print the paragraph it
    holds (a URL's only).  The dialogue after it carries the same ``uri`` as
    its ``media`` attribute, so a timestamp links to the episode at its time.
    """


class turn(nodes.container):
    """One speaker's turn: attributes ``speaker``, ``speaker_key``, ``role``,
    ``start`` (seconds, or None) and the speaker's picture as ``avatar_*``
    attributes (:func:`avatar_of_turn`): a turn is the most frequent node of
    a site, so its picture is not a child node of its own, and its header,
    paragraphs and lists are its children, with no wrapper around them (the
    HTML renderer writes the one its layout needs)."""


class turn_header(nodes.inline):
    """Who speaks and when: attributes ``speaker`` and ``role``; the
    permalink is to the enclosing turn's id.  Shown by HTML and LaTeX; the
    text builders print :class:`turn_label` instead."""


class speaker_name(nodes.inline):
    """The speaker's name in a header or byline; a link to the people page
    inside it when the site has one."""


def is_url(uri: str) -> bool:
    """A media ``uri`` is a URL (else a path under the output directory)."""
    return web_url(uri)


def seek_uri(uri: str, seconds: float) -> str:
    """``uri`` with a temporal media fragment: ``episode.ogg#t=62.5``."""
    return f"{uri}#t={f'{seconds:.3f}'.rstrip('0').rstrip('.')}"


class timestamp(nodes.inline):
    """When a turn or chapter starts: attributes ``seconds``, ``hours`` (show
    hours because the episode passes an hour) and ``media`` (the episode's
    URI when the page plays it, else absent)."""

    @property
    def label(self) -> str:
        """How the time is shown: ``1:02``, ``1:02:03``."""
        return format_time(self["seconds"], hours=self.get("hours", False))

    @property
    def duration(self) -> str:
        """The time as an ISO 8601 duration (``PT1M2S``), for HTML's ``datetime``."""
        return iso_duration(self["seconds"])


class turn_label(nodes.inline):
    """``[1:02] Name:`` before the first words of a turn.

    HTML and LaTeX show the speaker in the turn's header; plain-text builders
    print this node, which :class:`.text.TurnLabels` adds when they write, so
    their output reads ``Name: text``.
    """


class line_break(nodes.Inline, nodes.Element):
    """A forced line break inside a paragraph (a transcript line ending in ``\\``)."""


class avatar(nodes.inline):
    """A speaker's picture.

    Attributes: ``name`` (also the alt text), ``initials``, ``background``,
    ``foreground`` (the generated avatar) and ``image`` (a registry image,
    path relative to the source directory, or empty).
    """


class exports(nodes.container):
    """The feed files of a transcript (:mod:`.writers`), written next to the page.

    Attributes: ``stem`` (the files' name before the suffix), ``docname``
    (the page's), ``language`` (the page's, that of the files' text: a
    translated build writes the translation), ``files``: ``(group, label,
    suffix, mime, text)`` tuples, e.g. ``("Transcript", "VTT", "vtt",
    "text/vtt", "WEBVTT…")``.  The HTML builders write each to
    ``<page folder>/<stem>.<suffix>`` and link them, saying the language
    (``hreflang``, what a feed's ``podcast:transcript language=`` takes); the
    others show nothing.  No children: a translator without a visitor
    of ours renders it empty.
    """


class episode_citation(nodes.container):
    """How to cite the page's episode (or interview): placed under its title
    after reading (:mod:`..render.cite`).  Attributes: ``docname``, ``title``,
    ``people`` (``[(name, role)]``, hosts first), ``date`` (ISO 8601 or ""),
    ``kind`` ("audio", "video" or ""), ``season`` and ``episode`` (or None).
    No children: each builder formats the reference (:mod:`..cite`), and a
    translator without a visitor of ours renders it empty."""


class byline(nodes.container):
    """An essay's author line: an avatar and a paragraph naming the author."""


# -- placeholders of the aggregate pages --------------------------------------
# Written by a directive at read time, replaced after reading by a
# post-transform for every builder (:mod:`..people.page`, :mod:`..collection.cards`), once
# every page's facts are known.  They never reach a translator.


class people_index(nodes.General, nodes.Element):
    """Where the people page's generated content goes."""


class person_appearances(nodes.General, nodes.Element):
    """A person's roles and the texts they appear in; attribute ``speaker``."""


class collection(nodes.General, nodes.Element):
    """Cards for the documents named in attribute ``docnames``."""


#: what an avatar node holds besides the name; a turn holds them as ``avatar_<name>``
AVATAR_ATTRIBUTES = ("initials", "background", "foreground", "image")


def turn_for(speaker: Speaker, role: str, anchor: str) -> turn:
    """An empty turn of ``speaker``, carrying their avatar's attributes."""
    picture = avatar_for(speaker)
    return turn(
        "", speaker=speaker.name, speaker_key=speaker.key, role=role,
        ids=[anchor], classes=["transcript-turn", f"transcript-{role}"],
        **{f"avatar_{name}": picture[name] for name in AVATAR_ATTRIBUTES},
    )


def avatar_of_turn(node: turn) -> avatar:
    """The avatar a turn carries in its attributes, as the renderers draw it."""
    return avatar("", name=node["speaker"], **{name: node[f"avatar_{name}"] for name in AVATAR_ATTRIBUTES})


def anonymous_avatar(name: str) -> avatar:
    """An avatar node that shows nobody in particular: a neutral silhouette
    (for a text whose author is not named)."""
    generated = anonymous()
    return avatar("", name=name, initials=generated.initials, background=generated.background,
                  foreground=generated.foreground, image="")


def avatar_for(speaker: Speaker, *, neutral: bool = False) -> avatar:
    """An avatar node for ``speaker``: registry image or generated initials."""
    generated = generated_avatar(speaker.name, neutral=neutral or speaker.unattributed)
    return avatar(
        "",
        name=speaker.name,
        initials=generated.initials,
        background=generated.background,
        foreground=generated.foreground,
        image=speaker.avatar or "",
    )

"""Doctree nodes of a dialogue.

Everything a renderer needs travels as node attributes (speaker, role, avatar
colours or image), so each doctree is self-contained: parallel and
incremental builds need no shared state.

Shape of a transcript in the doctree::

    dialogue
      container.transcript-preamble      (the source's own introduction)
        paragraph ...
      turn  speaker= role= ids=[turn-3]
        avatar  name= initials= background= foreground= image=
        turn_content
          paragraph
            turn_label "Eli Stevens: "   (shown by text builders only)
            #text ...
          paragraph ...

The nodes subclass docutils' ``container`` and ``inline``, so a translator
that has no visitor of ours still renders their content (Sphinx dispatches
on the class hierarchy): no builder fails on a transcript.
"""

from __future__ import annotations

from docutils import nodes

from .avatars import generated_avatar
from .speakers import Speaker

ROLES = ("host", "guest", "author", "unattributed")


class dialogue(nodes.container):
    """A whole transcript."""


class turn(nodes.container):
    """One speaker's turn: attributes ``speaker``, ``speaker_key``, ``role``."""


class turn_content(nodes.container):
    """The paragraphs, lists and quotes of a turn."""


class turn_label(nodes.inline):
    """``Name:`` before the first words of a turn.

    HTML and LaTeX show the speaker in the turn's header and skip this node;
    plain-text builders print it, so their output reads ``Name: text``.
    """


class avatar(nodes.inline):
    """A speaker's picture.

    Attributes: ``name`` (also the alt text), ``initials``, ``background``,
    ``foreground`` (the generated avatar) and ``image`` (a registry image,
    path relative to the source directory, or empty).
    """


class byline(nodes.container):
    """An essay's author line: an avatar and a paragraph naming the author."""


# -- placeholders of the aggregate pages --------------------------------------
# Written by a directive at read time, replaced after reading by a
# post-transform for every builder (:mod:`.people`, :mod:`.collection`), once
# every page's facts are known.  They never reach a translator.


class people_index(nodes.General, nodes.Element):
    """Where the people page's generated content goes."""


class person_appearances(nodes.General, nodes.Element):
    """A person's roles and the texts they appear in; attribute ``speaker``."""


class collection(nodes.General, nodes.Element):
    """Cards for the documents named in attribute ``docnames``."""


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

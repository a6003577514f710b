"""A registry bio in the page's language: the people page's and a byline's.

A bio is data from the registry, shown as plain text: never markup, in any
language.  On a translated build it is looked up in the page's catalogue
(:func:`..translations.translations_for`) and its translation is shown as
plain text too, its whitespace and control characters tidied; what looks
like markup in it is a warning at its line in the catalogue, as in the
registry.  For the gettext builder, the page carries the bio's message,
located at its line in the registry file.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.environment import BuildEnvironment

from ..dialogue.markup import suspicious
from ..model import Paragraph
from ..report import report_translation
from ..source import clean
from ..translations import extracting, message, message_node, translations_for
from .load import get_registry
from .registry import Speaker, value_line


def bio(env: BuildEnvironment, speaker: Speaker) -> str:
    """The speaker's bio in the language of the page being read."""
    if not speaker.bio:
        return ""
    catalogue = translations_for(env, env.docname)
    found = catalogue.get(speaker.bio) if catalogue is not None else None
    if catalogue is None or not found or not found.strip() or found == speaker.bio:
        return speaker.bio
    text, problems = clean(found)
    flat = " ".join(text.split())
    problems.extend(suspicious(Paragraph(1, (flat,)), f"the translation of the bio of {speaker.name!r}"))
    report_translation(problems, catalogue, speaker.bio, str(env.doc2path(env.docname)))
    return flat or speaker.bio


def bio_message(env: BuildEnvironment, speaker: Speaker) -> message | None:
    """The bio's message for the gettext builder (None in other builds)."""
    if not speaker.bio or not extracting(env):
        return None
    registry = get_registry(env)
    path = Path(env.srcdir, registry.path) if registry.path else Path(env.doc2path(env.docname))
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    return message_node(speaker.bio, str(path), value_line(text, speaker.name, "bio", speaker.bio))

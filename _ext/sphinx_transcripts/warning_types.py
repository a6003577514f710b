"""Every warning (and note) type the two extensions log, in one table (pure).

A warning is ``type.subtype``: ``transcript.<kind>`` for :mod:`sphinx_transcripts`,
``autoglossary.<kind>`` for :mod:`sphinx_transcripts.glossary` (the names users
put in ``suppress_warnings``).  The kinds are :data:`typing.Literal` types, so
mypy checks every ``Problem(..., kind)`` and ``SourceError`` of the code against
them; ``tests/site/test_reference.py`` checks that ``reference.md`` documents exactly
:data:`TYPES`, and that every ``subtype=`` the code logs directly is one of them.
"""

from __future__ import annotations

from typing import Literal, get_args

#: ``transcript.<kind>``
TranscriptKind = Literal[
    "anchors",
    "avatar",
    "chapter",
    "config",
    "cue",
    "empty",
    "empty-cue",
    "empty-turn",
    "encoding",
    "episode",
    "feed",
    "footer",
    "format",
    "html",
    "json",
    "label-spelling",
    "link",
    "markup",
    "media",
    "no-speakers",
    "option",
    "person",
    "question",
    "region",
    "registry",
    "search",
    "source",
    "speaker",
    "table",
    "timing",
    "translation",
    "undeclared-label",
    "unmapped-label",
]

#: ``autoglossary.<kind>``
GlossaryKind = Literal[
    "alias",
    "clash",
    "config",
    "unused",
]

#: warning type -> its subtypes, as Sphinx logs them
TYPES: dict[str, tuple[str, ...]] = {
    "transcript": get_args(TranscriptKind),
    "autoglossary": get_args(GlossaryKind),
}


def qualified() -> set[str]:
    """Every ``type.subtype``."""
    return {f"{type_}.{kind}" for type_, kinds in TYPES.items() for kind in kinds}

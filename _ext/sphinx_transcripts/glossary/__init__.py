"""sphinx_transcripts.glossary (autoglossary): link mentions of glossary terms to their definitions.

Authors write prose; the extension finds mentions of the terms of every
``glossary`` directive on the site (and of their hidden aliases, declared
with ``glossary-aliases``) and turns them into ordinary ``std:term``
cross-references, adds definition tips in HTML, and lists in each glossary
entry the pages that mention it.

Modules, one per concern:

* :mod:`.matcher` — pure: phrases to a one-pass matcher (no Sphinx);
* :mod:`.config` — configuration values, their defaults and validation;
* :mod:`.aliases` — the ``glossary-aliases`` directive;
* :mod:`.lines` — source lines of directive content, under MyST and reST;
* :mod:`.terms` — entries, summaries and aliases; the site's term catalogue
  and the warnings about it (clashes, aliases);
* :mod:`.store` — what the extension keeps in the build environment, and
  ``ENV_VERSION``, the ``env_version`` that must change with its shape;
* :mod:`.contexts` — where a term can be mentioned (skipped, counted-only
  and linkable text, scopes) and the ids of mention anchors, for the
  collector and the linker alike; the extension's one tree walk;
* :mod:`.collector` — per-document records and the after-read aggregates
  (the module docstring explains the choice of build phases);
* :mod:`.rewrites` — which pages an incremental build writes again (those
  whose links, tooltips or back-links change, and no other);
* :mod:`.linking` — the linking post-transform;
* :mod:`.backlinks` — the "Mentioned in" lists of glossary entries;
* :mod:`.tooltips` — HTML-only definition tips, with their CSS and JS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import __version__
from .aliases import setup_aliases
from .backlinks import setup_backlinks
from .collector import setup_collector
from .config import setup_config
from .linking import setup_linking
from .store import ENV_VERSION
from .tooltips import setup_tooltips

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension's parts with Sphinx."""
    # a reference to a term reads #document-glossary#term-X on the single page
    app.setup_extension("sphinx_transcripts.render.singlehtml")
    # the aliases are data: translated by their directive, never by Sphinx's Locale
    app.setup_extension("sphinx_transcripts.translations")
    setup_config(app)
    setup_aliases(app)
    setup_collector(app)
    setup_linking(app)
    setup_backlinks(app)
    setup_tooltips(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

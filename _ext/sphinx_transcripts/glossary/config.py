"""Configuration values of the extension and their validation.

``autoglossary_enabled`` (bool, default ``True``)
    Switch automatic linking, back-links and the related warnings off
    without removing the extension (``glossary-aliases`` still parses).

``autoglossary_density`` (str, default ``"paragraph"``)
    How many mentions of a term are linked:

    * ``"every"`` — every mention;
    * ``"paragraph"`` — the first mention in each paragraph, list item,
      caption or dialogue turn (see ``autoglossary_scope_classes``);
    * ``"page"`` — the first mention on each page.

    ``"paragraph"`` is the default because readers of long transcripts land
    in the middle of a page: a link in the turn they are reading helps,
    while linking all 60 "PyTorch" of a podcast turns prose into a wall of
    underlines, and linking only the first one on the page hides the
    definition from everyone who did not start at the top.

``autoglossary_scope_classes`` (list of str, default ``["autoglossary-scope"]``)
    Elements carrying one of these classes form one linking scope for the
    ``"paragraph"`` density, however many paragraphs they contain.  A
    transcript extension gives its dialogue-turn containers such a class so
    that a term is linked once per turn rather than once per paragraph.

Mentions are never linked inside elements whose ``classes`` contain
``no-autolink`` (:data:`autoglossary.contexts.SKIP_CLASS`); that name is
fixed so that other extensions can rely on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

DENSITIES = ("every", "paragraph", "page")
DEFAULT_DENSITY = "paragraph"


def setup_config(app: Sphinx) -> None:
    """Register the configuration values and their check."""
    # rebuild='' on purpose: linking happens at write time, so a change only
    # needs pages re-written, which the collector detects on its own through
    # the catalogue's settings fingerprint (no re-reading of every source).
    app.add_config_value("autoglossary_enabled", True, "", types=frozenset({bool}))
    app.add_config_value("autoglossary_density", DEFAULT_DENSITY, "", types=frozenset({str}))
    app.add_config_value(
        "autoglossary_scope_classes",
        ["autoglossary-scope"],
        "",
        types=frozenset({list, tuple}),
    )
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """Replace invalid values by their defaults, with a clear warning."""
    if config.autoglossary_density not in DENSITIES:
        logger.warning(
            "autoglossary_density must be one of %s, not %r; using %r",
            ", ".join(repr(d) for d in DENSITIES),
            config.autoglossary_density,
            DEFAULT_DENSITY,
            type="autoglossary",
            subtype="config",
        )
        config.autoglossary_density = DEFAULT_DENSITY
    classes = config.autoglossary_scope_classes
    if not all(isinstance(name, str) for name in classes):
        logger.warning(
            "autoglossary_scope_classes must be a list of class names; ignoring %r",
            classes,
            type="autoglossary",
            subtype="config",
        )
        config.autoglossary_scope_classes = []

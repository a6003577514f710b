"""furo's sidebar navigation: toctree captions get a heading level.

Sphinx writes toctree captions as ``<p class="caption" role="heading">``
with no ``aria-level``, which ARIA requires of a heading (axe rule
``aria-required-attr``); furo puts them in its sidebar.  After furo has
computed its navigation tree (its handler runs at the default priority,
500), the captions are given level 2: they head the sections of the site
navigation, under the site's name.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_CAPTION = re.compile(r'<p class="caption" role="heading">')


def add_heading_levels(html: str) -> str:
    return _CAPTION.sub('<p class="caption" role="heading" aria-level="2">', html)


def fix_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if isinstance(context.get("furo_navigation_tree"), str):
        context["furo_navigation_tree"] = add_heading_levels(context["furo_navigation_tree"])


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", fix_navigation, priority=600)

"""Link previews: a page's summary as its description.

A page's ``summary`` (its front matter) is the best description of it, better
than the first paragraph that sphinxext-opengraph would otherwise take (an
essay's byline, say): it becomes ``<meta name="description">`` and
``og:description``.  The handler runs before opengraph's (priority 400 <
500), which keeps a description already present and lets page metadata
starting with ``og:`` override its own.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .appearances import facts


def add_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    found = facts(app.env).get(pagename)
    if doctree is None or found is None or not found.summary:
        return
    context["meta"] = {"og:description": found.summary, **(context.get("meta") or {})}
    context["metatags"] = (
        context.get("metatags", "")
        + f'<meta name="description" content="{escape(found.summary, quote=True)}" />\n'
    )


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_description, priority=400)

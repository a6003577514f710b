"""Link previews: a page's summary as its description.

A page's ``summary`` (its front matter) is the best description of it, better
than the first paragraph that sphinxext-opengraph would otherwise take (an
essay's byline, say): it becomes ``<meta name="description">`` and
``og:description``.  The handler runs before opengraph's (priority 400 <
500), which keeps a description already present and lets page metadata
starting with ``og:`` override its own.

The summary is read from the page's metadata, where MyST puts front matter;
no extension's data is needed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def summary(app: Sphinx, pagename: str) -> str:
    """The ``summary`` of a page's front matter, or ""."""
    return str(app.env.metadata.get(pagename, {}).get("summary", "")).strip()


def add_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    text = summary(app, pagename)
    if doctree is None or not text:
        return
    context["meta"] = {"og:description": text, **(context.get("meta") or {})}
    context["metatags"] = (
        context.get("metatags", "")
        + f'<meta name="description" content="{escape(text, quote=True)}" />\n'
    )


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_description, priority=400)

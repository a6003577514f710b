"""Printing a page: its title at the top of every sheet, link targets once.

Chromium prints ``@page`` margin boxes (version 131 on), but CSS has no way
to put the page's own title in one: each page gets a small print-only
``<style>`` naming it.  The title is the site's own text, still escaped for
a CSS string character by character, so no title can end the rule or the
element.

A link whose text is its own address (a bare URL in the text) is marked
``print-bare-link``, so the print styles (``_static/site.css``) do not
print the address a second time after it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_TAG = re.compile(r"<[^>]*>")


def css_string(text: str) -> str:
    """*text* as a double-quoted CSS string: everything but letters, digits
    and spaces as a hex escape."""
    return '"' + "".join(
        char if (char.isascii() and char.isalnum()) or char == " " else f"\\{ord(char):x} "
        for char in text
    ) + '"'


def running_head(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    title = html.unescape(_TAG.sub("", str(context.get("title") or ""))).strip()
    project = str(app.config.project)
    if doctree is None or not title:
        return
    left = css_string(title)
    right = css_string(project if title != project else "")
    context["metatags"] = context.get("metatags", "") + (
        '<style media="print">@page{'
        f"@top-left{{content:{left};font-size:8pt;color:#555}}"
        f"@top-right{{content:{right};font-size:8pt;color:#555}}"
        "}</style>\n"
    )


def mark_bare_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for link in doctree.findall(nodes.reference):
        uri = str(link.get("refuri", ""))
        text = link.astext().strip()
        if uri and text and text in (uri, uri.removeprefix("mailto:")):
            link["classes"].append("print-bare-link")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", running_head)
    app.connect("doctree-resolved", mark_bare_links)

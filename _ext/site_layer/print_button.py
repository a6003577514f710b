"""A printer button on the page of every text (an interview, an essay).

A reader who wants one episode on paper prints its page: the print style
sheet (``_static/site.css``) prints the dialogue alone.  The button, beside
furo's light and dark switch (``_templates/components/view-this-page.html``),
says so where a reader looks; ``_static/print-button.js`` shows it and opens
the browser's print dialog.  There is no PDF per episode: Read the Docs
serves one PDF per version (see README, "Books").

A page is a text when it has a dialogue or a byline: the page's own
doctree says so, nothing kept from other pages.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_transcripts.dialogue import elements


def is_text(doctree: nodes.document | None) -> bool:
    if doctree is None:
        return False
    wanted = elements.dialogue | elements.byline
    return any(True for _ in doctree.findall(lambda node: isinstance(node, wanted)))


def offer_printing(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    context["site_print_button"] = is_text(doctree)


def add_script(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_js_file("print-button.js", defer="defer")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_script)
    app.connect("html-page-context", offer_printing)

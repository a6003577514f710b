"""Names for furo's two ``<aside>`` landmarks, on every page an HTML builder writes.

furo writes the site navigation and the page's table of contents as two
unlabelled ``<aside>`` elements: a screen reader lists two identical
"complementary" landmarks, and axe reports them (``landmark-unique``).  Under
furo each page is rendered through ``templates/sphinx_transcripts/furo-landmarks.html``,
which extends the template the page asked for (so a project's own ``page.html``
still applies) and gives the two tags an ``aria-label``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "sphinx_transcripts/furo-landmarks.html"


def add_templates(app: Sphinx, config: Config) -> None:
    # at config-inited, as the extension's static folders (the pickled
    # configuration has it too); last, so a project's own templates come first
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


def name_landmarks(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: nodes.document | None) -> str | None:
    """Render the page through the template that names furo's landmarks."""
    if app.config.html_theme != "furo":
        return None
    context["transcripts_page"] = templatename
    return TEMPLATE


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_templates)
    # The first handler to name a template wins, and every handler runs: ahead of
    # the default priority, so a handler that keeps the page's template but fills its
    # context (search/, the search page) still does; ours extends that template.
    app.connect("html-page-context", name_landmarks, priority=300)

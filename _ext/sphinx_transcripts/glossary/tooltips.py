"""Definitions on hover and focus, for HTML output only.

An HTML-only post-transform (after references are resolved) wraps each
automatic link in a :class:`term_tooltip` node that carries the entry's
short definition.  It renders as::

    <span class="autoglossary">
      <a class="reference internal" href="…" aria-describedby="autoglossary-tip-3">…</a>
      <span class="autoglossary-tip" role="tooltip" id="autoglossary-tip-3">…</span>
    </span>

The tip is shown by CSS on ``:hover`` and ``:focus-within`` (so keyboard
users get it when they tab onto the link), and ``aria-describedby`` makes
screen readers read the definition with the link.  A few lines of script
let Escape dismiss an open tip.  Nothing is fetched from the network; the
stylesheet only uses the theme's colour variables (furo's
``--color-background-secondary`` and friends, with system colours as the
fallback for other themes), so dark mode follows the theme.

Other builders never see the node: the transform only runs for HTML, and
their links stay plain cross-references.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .linking import KEY_ATTRIBUTE
from .store import get_store

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

STATIC_DIR = Path(__file__).parent / "static"
TIP_PREFIX = "autoglossary-tip-"


class term_tooltip(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils naming
    """Wraps a resolved automatic link; ``node['tip']`` is the definition."""


class AddTooltips(SphinxPostTransform):
    """Wrap resolved automatic links with their short definition (HTML)."""

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        if not self.config.autoglossary_enabled:
            return
        terms = get_store(self.env).catalogue.terms
        number = 0
        for ref in list(self.document.findall(nodes.reference)):
            if not ref.children or not isinstance(ref[0], nodes.inline):
                continue
            key = ref[0].get(KEY_ATTRIBUTE)
            term = terms.get(key) if key else None
            if term is None or not term.summary or ref.parent is None:
                continue
            number += 1
            wrapper = term_tooltip("", "", tip=term.summary, tipid=f"{TIP_PREFIX}{number}")
            ref.replace_self(wrapper)
            wrapper += ref


def visit_term_tooltip_html(self: HTML5Translator, node: term_tooltip) -> None:
    self.body.append('<span class="autoglossary">')
    node["body_index"] = len(self.body)


def depart_term_tooltip_html(self: HTML5Translator, node: term_tooltip) -> None:
    # The translator has just written the <a> start tag as the first chunk
    # after ours; docutils offers no hook for ARIA attributes, so add it there.
    index = node["body_index"]
    tipid = self.attval(node["tipid"])
    if index < len(self.body) and self.body[index].startswith("<a "):
        self.body[index] = f'<a aria-describedby="{tipid}" ' + self.body[index][3:]
    self.body.append(
        f'<span class="autoglossary-tip" role="tooltip" id="{tipid}">'
        f"{self.encode(node['tip'])}</span></span>"
    )


def add_static_path(app: Sphinx, config: Config) -> None:
    """The folder of the stylesheet and script, at config-inited: added later,
    the pickled configuration would differ from the next build's."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def add_static_files(app: Sphinx) -> None:
    """Ship the stylesheet and script, for HTML builders only."""
    if app.builder.format != "html":
        return
    app.add_css_file("autoglossary.css")
    app.add_js_file("autoglossary.js", defer="defer")


def setup_tooltips(app: Sphinx) -> None:
    """Register the node, its HTML rendering, the transform and the assets."""
    app.add_node(term_tooltip, html=(visit_term_tooltip_html, depart_term_tooltip_html))
    app.add_post_transform(AddTooltips)
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_static_files)

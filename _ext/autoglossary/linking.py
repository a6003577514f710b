"""The post-transform that links mentions of glossary terms.

:class:`LinkTerms` splits the text nodes that
:func:`autoglossary.contexts.walk_mentions` yields as linkable and inserts
``pending_xref`` nodes; which text is linkable, skipped or counted only is
decided there, for the collector and the linker alike.

Linking at write time, not at read time
---------------------------------------
Linking needs every term of the site, and the glossary may be read after the
pages that mention it (or re-read alone).  :class:`LinkTerms` is therefore a
post-transform: it runs when a doctree is resolved for writing, after all
sources have been read and the collector has built the catalogue.  It runs
in the main process for serial and parallel builds alike (Sphinx resolves
doctrees before it hands them to writer processes), and it runs before the
``ReferencesResolver`` (priority 10) so the new ``pending_xref`` nodes become
HTML links, LaTeX hyperlinks and ``-n``-checked references like any other.

Density
-------
``every`` links all mentions, ``paragraph`` the first per scope (the nearest
paragraph-like block, or the nearest element with a class from
``autoglossary_scope_classes``) and ``page`` the first per document.  An
explicit ``term`` reference to an entry takes precedence: no automatic link
to the same entry is added in its scope (in its page with ``page``).
The first link or explicit reference to each entry in a document gets a
target (:func:`autoglossary.contexts.mention_anchor`) that the back-links
point at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .contexts import (
    LINK,
    REFERENCE,
    Context,
    mention_anchor,
    reference_target,
    walk_mentions,
)
from .contexts import merge_text_runs as merge_text_runs  # where tests/test_doctree_snapshots.py finds it
from .store import get_store

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .store import Catalogue

LINK_CLASSES = ["xref", "std", "std-term", "autoglossary-link"]
KEY_ATTRIBUTE = "autoglossary_key"


def _replace_child(parent: nodes.Element, old: nodes.Node, new: list[nodes.Node]) -> None:
    # Text nodes compare equal by value, so find the child by identity.
    for index, child in enumerate(parent.children):
        if child is old:
            parent[index : index + 1] = new
            return


class LinkTerms(SphinxPostTransform):
    """Insert a ``pending_xref`` for the mentions of glossary terms."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        config = self.config
        if not config.autoglossary_enabled:
            return
        catalogue = get_store(self.env).catalogue
        if not catalogue.terms:
            return
        link_document(
            self.document,
            self.env.current_document.docname,
            catalogue,
            config.autoglossary_density,
            frozenset(config.autoglossary_scope_classes),
        )


def link_document(
    document: nodes.Element,
    docname: str,
    catalogue: Catalogue,
    density: str,
    scope_classes: frozenset[str],
) -> int:
    """Link the mentions in *document*; return the number of links made."""
    matcher = catalogue.matcher()
    items = list(walk_mentions(document, docname, scope_classes))

    def scope_of(ctx: Context) -> object:
        return ctx.docname if density == "page" else id(ctx.scope)

    explicit: set[tuple[object, str]] = set()
    for node, ctx in items:
        if ctx.mode == REFERENCE:
            key = catalogue.key_for(reference_target(node))
            if key is not None:
                explicit.add((scope_of(ctx), key))

    linked: set[tuple[object, str]] = set()
    anchored: set[tuple[str, str]] = set()
    made = 0

    def anchor_for(ctx: Context, key: str) -> list[nodes.Node]:
        if (ctx.docname, key) in anchored:
            return []
        anchored.add((ctx.docname, key))
        return [nodes.target("", "", ids=[mention_anchor(key, ctx.docname)])]

    for node, ctx in items:
        if ctx.mode == REFERENCE:
            key = catalogue.key_for(reference_target(node))
            if key is not None and node.parent is not None:
                before = anchor_for(ctx, key)
                if before:
                    _replace_child(node.parent, node, [*before, node])
            continue
        if ctx.mode != LINK:
            continue
        text = str(node)
        pieces: list[nodes.Node] = []
        cursor = 0
        for mention in matcher.finditer(text):
            key = mention.key
            if key in ctx.own or key not in catalogue.terms:
                continue
            scope = scope_of(ctx)
            if (scope, key) in explicit:
                continue
            if density != "every":
                if (scope, key) in linked:
                    continue
                linked.add((scope, key))
            if mention.start > cursor:
                pieces.append(nodes.Text(text[cursor : mention.start]))
            pieces.extend(anchor_for(ctx, key))
            pieces.append(_make_xref(text[mention.start : mention.end], key, catalogue, ctx))
            cursor = mention.end
            made += 1
        if pieces:
            if cursor < len(text):
                pieces.append(nodes.Text(text[cursor:]))
            parent = node.parent
            assert parent is not None
            _replace_child(parent, node, pieces)
    return made


def _make_xref(
    text: str, key: str, catalogue: Catalogue, ctx: Context
) -> addnodes.pending_xref:
    inner = nodes.inline(text, text, classes=list(LINK_CLASSES))
    inner[KEY_ATTRIBUTE] = key
    xref = addnodes.pending_xref(
        "",
        inner,
        refdomain="std",
        reftype="term",
        reftarget=catalogue.terms[key].label,
        refexplicit=True,
        refwarn=True,
        refdoc=ctx.docname,
    )
    xref.source, xref.line = ctx.scope.source, ctx.scope.line
    return xref


def setup_linking(app: Sphinx) -> None:
    """Register the linking post-transform."""
    app.add_post_transform(LinkTerms)

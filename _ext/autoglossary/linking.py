"""Linking mentions of glossary terms: while reading, and again when needed.

:class:`DocumentLinker` splits the text nodes that
:func:`autoglossary.contexts.walk_mentions` yields as linkable and inserts
``pending_xref`` nodes; which text is linkable, skipped or counted only is
decided there, for the collector and the linker alike.

When pages are linked
---------------------
Linking needs every term of the site.  The collector reads the pages that
declare terms first and makes the catalogue before the other pages are
read (:mod:`autoglossary.collector`), so :func:`link_while_reading` links
each page as it is read, in whichever process reads it (the ``-j``
workers share the work), and notes the catalogue it used
(``Store.linked``).  The links are ordinary ``pending_xref`` nodes:
Sphinx resolves them into HTML links and LaTeX hyperlinks and checks them
under ``-n`` like any other.

:class:`LinkTerms`, a post-transform that runs before the
``ReferencesResolver`` (priority 10), re-links a page when it is written if
it was linked with another catalogue or other settings than the build's
final ones: a glossary the collector did not see before reading (in an
included file), a page not read again after a glossary changed, a new
``autoglossary_density``.  It takes the automatic links and anchors out
(:func:`unlink`) and links again.  In a build whose glossaries are where the
collector looks, it has nothing to do.

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

from collections.abc import Set
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import settings_fingerprint
from .contexts import (
    LINK,
    REFERENCE,
    Context,
    descend,
    document_of,
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
#: marks the targets the linker places (mention anchors)
ANCHOR_ATTRIBUTE = "autoglossary_anchor"


def _replace_child(parent: nodes.Element, old: nodes.Node, new: list[nodes.Node]) -> None:
    # Text nodes compare equal by value, so find the child by identity.
    for index, child in enumerate(parent.children):
        if child is old:
            parent[index : index + 1] = new
            return


class LinkTerms(SphinxPostTransform):
    """Link again the pages (or the parts of an assembled tree) that were
    linked with another catalogue or settings than this build's."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        config = self.config
        store = get_store(self.env)
        state = store.catalogue.link_state
        stale = {docname for docname in store.docs if store.linked.get(docname) != state}
        if not stale:
            return
        docname = self.env.current_document.docname
        parts: list[tuple[nodes.Element, str]] = [(self.document, docname)] if docname in stale else []
        # the documents of an assembled tree (LaTeX, single-page HTML), each on its own
        parts += [
            (part, str(part["docname"]))
            for part in self.document.findall(addnodes.start_of_file)
            if part["docname"] in stale
        ]
        scope_classes = frozenset(config.autoglossary_scope_classes)
        for root, name in parts:
            unlink(root, name, {name})
            if config.autoglossary_enabled and store.catalogue.terms:
                linker = DocumentLinker(store.catalogue, config.autoglossary_density)
                linker.link(root, name, scope_classes, only={name})


def link_while_reading(app: Sphinx, doctree: nodes.document) -> None:
    """Link a page as it is read, with the catalogue made before reading
    (``doctree-read``, after the collector has recorded the page's text)."""
    config = app.config
    store = get_store(app.env)
    catalogue = store.catalogue
    if not config.autoglossary_enabled or catalogue.settings != settings_fingerprint(config):
        return  # linked when written
    docname = app.env.current_document.docname
    if catalogue.terms:
        linker = DocumentLinker(catalogue, config.autoglossary_density)
        linker.link(doctree, docname, frozenset(config.autoglossary_scope_classes))
    store.linked[docname] = catalogue.link_state


def is_automatic(node: nodes.Node) -> bool:
    """True for a link or anchor that the linker placed."""
    if isinstance(node, nodes.target):
        return bool(node.get(ANCHOR_ATTRIBUTE))
    return (
        isinstance(node, addnodes.pending_xref)
        and len(node.children) == 1
        and isinstance(node[0], nodes.Element)
        and KEY_ATTRIBUTE in node[0]
    )


def unlink(root: nodes.Element, docname: str, docnames: Set[str]) -> None:
    """Take out the automatic links (back to their text) and anchors of the
    parts of *root* that come from *docnames*."""
    # Each is found through the parent the walk came from: in an assembled
    # tree, Sphinx leaves the ``parent`` of a document's top nodes unset.
    found = [
        (node, child)
        for node, current in descend(root, docname, document_of)
        if current in docnames and isinstance(node, nodes.Element)
        for child in node.children
        if is_automatic(child)
    ]
    for parent, node in found:
        _replace_child(parent, node, [] if isinstance(node, nodes.target) else [nodes.Text(node.astext())])


class DocumentLinker:
    """Links the mentions in one doctree, remembering what each scope got."""

    def __init__(self, catalogue: Catalogue, density: str) -> None:
        self.catalogue = catalogue
        self.density = density
        self.matcher = catalogue.matcher()
        #: (scope, key) pairs with an explicit reference, which takes precedence
        self.explicit: set[tuple[object, str]] = set()
        #: (scope, key) pairs already linked
        self.linked: set[tuple[object, str]] = set()
        #: (docname, key) pairs whose mention anchor is placed
        self.anchored: set[tuple[str, str]] = set()

    def link(
        self,
        document: nodes.Element,
        docname: str,
        scope_classes: frozenset[str],
        only: Set[str] | None = None,
    ) -> None:
        """Link the mentions in *document* (a page, or an assembled tree);
        with *only*, in the parts that come from those documents."""
        # The whole walk is done before the tree changes under it.
        items = [
            (node, ctx)
            for node, ctx in walk_mentions(document, docname, scope_classes)
            if only is None or ctx.docname in only
        ]
        for node, ctx in items:
            key = self.reference_key(node, ctx)
            if key is not None:
                self.explicit.add((self.scope_of(ctx), key))
        for node, ctx in items:
            if ctx.mode == REFERENCE:
                self.anchor_reference(node, ctx)
            elif ctx.mode == LINK:
                self.link_text(node, ctx)

    def scope_of(self, ctx: Context) -> object:
        return ctx.docname if self.density == "page" else id(ctx.scope)

    def reference_key(self, node: nodes.Node, ctx: Context) -> str | None:
        """The entry an explicit reference points at, None for other nodes."""
        if ctx.mode != REFERENCE:
            return None
        return self.catalogue.key_for(reference_target(node))

    def anchor(self, ctx: Context, key: str) -> list[nodes.Node]:
        """The target to put before the document's first mention of *key*,
        or nothing when it is placed already."""
        if (ctx.docname, key) in self.anchored:
            return []
        self.anchored.add((ctx.docname, key))
        target = nodes.target("", "", ids=[mention_anchor(key, ctx.docname)])
        target[ANCHOR_ATTRIBUTE] = True
        return [target]

    def anchor_reference(self, node: nodes.Node, ctx: Context) -> None:
        key = self.reference_key(node, ctx)
        if key is None or node.parent is None:
            return
        before = self.anchor(ctx, key)
        if before:
            _replace_child(node.parent, node, [*before, node])

    def claim(self, ctx: Context, key: str) -> bool:
        """Whether a mention of *key* here is linked (and note it if so)."""
        if key in ctx.own or key not in self.catalogue.terms:
            return False
        scope = self.scope_of(ctx)
        if (scope, key) in self.explicit:
            return False
        if self.density == "every":
            return True
        if (scope, key) in self.linked:
            return False
        self.linked.add((scope, key))
        return True

    def link_text(self, node: nodes.Node, ctx: Context) -> None:
        """Replace a text node by its text with the mentions linked."""
        text = str(node)
        pieces: list[nodes.Node] = []
        cursor = 0
        for mention in self.matcher.finditer(text):
            if not self.claim(ctx, mention.key):
                continue
            if mention.start > cursor:
                pieces.append(nodes.Text(text[cursor : mention.start]))
            pieces.extend(self.anchor(ctx, mention.key))
            pieces.append(self.xref(text[mention.start : mention.end], mention.key, ctx))
            cursor = mention.end
        if not pieces:
            return
        if cursor < len(text):
            pieces.append(nodes.Text(text[cursor:]))
        assert node.parent is not None
        _replace_child(node.parent, node, pieces)

    def xref(self, text: str, key: str, ctx: Context) -> addnodes.pending_xref:
        """An automatic ``term`` reference, marked as such for the tooltips."""
        inner = nodes.inline(text, text, classes=list(LINK_CLASSES))
        inner[KEY_ATTRIBUTE] = key
        xref = addnodes.pending_xref(
            "",
            inner,
            refdomain="std",
            reftype="term",
            reftarget=self.catalogue.terms[key].label,
            refexplicit=True,
            refwarn=True,
            refdoc=ctx.docname,
        )
        xref.source, xref.line = ctx.scope.source, ctx.scope.line
        return xref


def setup_linking(app: Sphinx) -> None:
    """Link while reading, after the collector (priority 500) has recorded
    the page's text; link again at write time when needed."""
    app.connect("doctree-read", link_while_reading, priority=600)
    app.add_post_transform(LinkTerms)

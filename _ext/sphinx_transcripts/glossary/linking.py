"""The post-transform that links mentions of glossary terms.

:class:`LinkTerms` splits the text nodes that
:func:`autoglossary.contexts.walk_mentions` yields as linkable and inserts
references to the glossary entries; which text is linkable, skipped or
counted only is decided there, for the collector and the linker alike.

Linking at write time, not at read time
---------------------------------------
Linking needs every term of the site, and the glossary may be read after the
pages that mention it (or re-read alone).  :class:`LinkTerms` is therefore a
post-transform: it runs when a doctree is resolved for writing, after all
sources have been read and the collector has built the catalogue.  It runs
in the main process for serial and parallel builds alike (Sphinx resolves
doctrees before it hands them to writer processes).

The links are made resolved: the catalogue knows where each entry is
defined (the std domain's own record, :class:`autoglossary.store.TermInfo`),
so the linker builds the ``reference`` Sphinx builds for a ``term``
cross-reference, or the text alone where the builder has no address for the
glossary's page, as Sphinx does.  There is no ``pending_xref`` for Sphinx to
copy and replace: on a large site those copies, made with every page in
memory, set off extra full garbage collections (see BENCHMARKS.md).  A link
cannot dangle, since the std domain defines every entry it points at.

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
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .contexts import LINK, REFERENCE, Context, mention_anchor, reference_target, walk_mentions
from .contexts import merge_text_runs as merge_text_runs
from .store import get_store

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .matcher import Mention
    from .store import Catalogue

LINK_CLASSES = ["xref", "std", "std-term", "autoglossary-link"]
KEY_ATTRIBUTE = "autoglossary_key"

#: the builder of each environment, for the links' addresses (a transform
#: sees the environment, not the builder)
_builders: WeakKeyDictionary[BuildEnvironment, Builder] = WeakKeyDictionary()


def _replace_child(parent: nodes.Element, old: nodes.Node, new: list[nodes.Node]) -> None:
    # Text nodes compare equal by value, so find the child by identity.
    for index, child in enumerate(parent.children):
        if child is old:
            parent[index : index + 1] = new
            return


class LinkTerms(SphinxPostTransform):
    """Link the mentions of glossary terms to their entries."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        config = self.config
        if not config.autoglossary_enabled:
            return
        catalogue = get_store(self.env).catalogue
        if not catalogue.terms:
            return
        linker = DocumentLinker(catalogue, config.autoglossary_density, _builders[self.env])
        linker.link(
            self.document,
            self.env.current_document.docname,
            frozenset(config.autoglossary_scope_classes),
        )


class DocumentLinker:
    """Links the mentions in one doctree, remembering what each scope got."""

    def __init__(self, catalogue: Catalogue, density: str, builder: Builder) -> None:
        self.catalogue = catalogue
        self.builder = builder
        self.density = density
        self.matcher = catalogue.matcher()
        #: (scope, key) pairs with an explicit reference, which takes precedence
        self.explicit: set[tuple[object, str]] = set()
        #: (scope, key) pairs already linked
        self.linked: set[tuple[object, str]] = set()
        #: (docname, key) pairs whose mention anchor is placed
        self.anchored: set[tuple[str, str]] = set()

    def link(self, document: nodes.Element, docname: str, scope_classes: frozenset[str]) -> None:
        """Link the mentions in *document* (a page, or an assembled tree)."""
        # The whole walk is done before the tree changes under it.  Only the
        # text with a match and the references are kept from it: on an
        # assembled book, keeping every text node's context would hold
        # hundreds of thousands of objects for nothing.
        found: list[tuple[nodes.Node, Context, list[Mention]]] = []
        finditer = self.matcher.finditer
        for node, ctx in walk_mentions(document, docname, scope_classes):
            if ctx.mode == REFERENCE:
                key = self.reference_key(node, ctx)
                if key is not None:
                    self.explicit.add((self.scope_of(ctx), key))
                    found.append((node, ctx, []))
            elif ctx.mode == LINK:
                mentions = list(finditer(str(node)))
                if mentions:
                    found.append((node, ctx, mentions))
        for node, ctx, mentions in found:
            if ctx.mode == REFERENCE:
                self.anchor_reference(node, ctx)
            else:
                self.link_text(node, ctx, mentions)

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
        return [nodes.target("", "", ids=[mention_anchor(key, ctx.docname)])]

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

    def link_text(self, node: nodes.Node, ctx: Context, mentions: list[Mention]) -> None:
        """Replace a text node by its text with *mentions* (those of the
        matcher in it) linked where they are claimed."""
        text = str(node)
        pieces: list[nodes.Node] = []
        cursor = 0
        for mention in mentions:
            if not self.claim(ctx, mention.key):
                continue
            if mention.start > cursor:
                pieces.append(nodes.Text(text[cursor : mention.start]))
            pieces.extend(self.anchor(ctx, mention.key))
            pieces.append(self.term_link(text[mention.start : mention.end], mention.key, ctx))
            cursor = mention.end
        if not pieces:
            return
        if cursor < len(text):
            pieces.append(nodes.Text(text[cursor:]))
        assert node.parent is not None
        _replace_child(node.parent, node, pieces)

    def term_link(self, text: str, key: str, ctx: Context) -> nodes.Element:
        """An automatic link to *key*'s entry, marked as such for the tooltips:
        the reference Sphinx makes of a ``term`` cross-reference, or the text
        alone where this builder has no address for the glossary's page."""
        inner = nodes.inline(text, text, classes=list(LINK_CLASSES))
        inner[KEY_ATTRIBUTE] = key
        term = self.catalogue.terms[key]
        try:
            return make_refnode(self.builder, ctx.docname, term.docname, term.anchor, inner)
        except NoUri:
            return inner


def setup_linking(app: Sphinx) -> None:
    """Register the linking post-transform."""
    app.add_post_transform(LinkTerms)
    app.connect("builder-inited", _remember_builder)


def _remember_builder(app: Sphinx) -> None:
    _builders[app.env] = app.builder

"""Where terms may be linked, and the post-transform that links them.

:func:`walk` is the single definition of *where* a mention can occur.  It is
used twice, on the same doctree, so both uses always agree:

* at read time (``doctree-read``) the collector records the text it yields,
  which later gives the mention counts and back-links of every page;
* at write time :class:`LinkTerms` splits the text nodes it yields and
  inserts ``pending_xref`` nodes.

Contexts
--------
* **Skipped** (neither linked nor counted): literals and code blocks, math,
  raw output, comments, existing references and cross-references, targets,
  index entries, footnote and citation labels, the glossary's own headwords,
  alias declarations, and any element whose ``classes`` contain
  ``no-autolink`` (speaker labels of transcripts, for instance).
* **Counted only**: section titles, rubrics and captions.  A mention there is
  a mention for the back-links and the "unused" warning, but a link inside a
  heading would be noise.
* **Linked**: all other text.

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
target ``autoglossary-<term>`` that the back-links point at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .aliases import alias_declarations
from .config import SKIP_CLASS
from .store import get_store

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .store import Catalogue

LINK_CLASSES = ["xref", "std", "std-term", "autoglossary-link"]
KEY_ATTRIBUTE = "autoglossary_key"

_SKIPPED: tuple[type[nodes.Node], ...] = (
    nodes.literal,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.math,
    nodes.math_block,
    nodes.raw,
    nodes.comment,
    nodes.reference,
    nodes.target,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.problematic,
    nodes.label,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.option_string,
    nodes.option_argument,
    addnodes.pending_xref,
    addnodes.index,
    addnodes.toctree,
    addnodes.desc_signature,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
    addnodes.download_reference,
    alias_declarations,
)
_COUNTED_ONLY: tuple[type[nodes.Node], ...] = (nodes.Titular, nodes.caption)

LINK, COUNT = "link", "count"


@lru_cache(maxsize=4096)
def mention_anchor(key: str, docname: str) -> str:
    """The id of the target placed before a document's first mention.

    It names the document too, so ids stay unique where several documents
    share one page (the singlehtml builder).
    """
    return "autoglossary-" + (nodes.make_id(f"{docname}-{key}") or "term")


def is_term_xref(node: nodes.Node) -> bool:
    """True for an explicit (or automatic) ``std:term`` cross-reference."""
    return (
        isinstance(node, addnodes.pending_xref)
        and node.get("refdomain") == "std"
        and node.get("reftype") == "term"
    )


@dataclass(frozen=True)
class Context:
    """Where a text node sits: how to treat it, and which scope it is in."""

    mode: str
    docname: str
    scope: nodes.Element
    in_turn: bool = False
    anchor: str | None = None
    own: frozenset[str] = field(default_factory=frozenset)
    in_glossary: bool = False


@dataclass(frozen=True)
class Item:
    """A text node (with its context) or an explicit term reference."""

    node: nodes.Node
    context: Context

    @property
    def is_xref(self) -> bool:
        return isinstance(self.node, addnodes.pending_xref)


def _headwords(item: nodes.definition_list_item) -> frozenset[str]:
    return frozenset(
        " ".join(child.astext().split()).lower()
        for child in item.children
        if isinstance(child, nodes.term)
    )


def _child_context(
    child: nodes.Element, ctx: Context, scope_classes: frozenset[str]
) -> Context | None:
    """The context of *child* inside *ctx*, or None when it is skipped."""
    if isinstance(child, _SKIPPED):
        return None
    classes = child.get("classes", ())
    if SKIP_CLASS in classes:
        return None
    if ctx.in_glossary and isinstance(child, nodes.term):
        return None
    docname = child["docname"] if isinstance(child, addnodes.start_of_file) else ctx.docname
    ids = child.get("ids")
    anchor = ids[0] if ids else ctx.anchor
    own = ctx.own
    in_glossary = ctx.in_glossary or isinstance(child, addnodes.glossary)
    if in_glossary and isinstance(child, nodes.definition_list_item):
        own = _headwords(child)
    mode, scope, in_turn = ctx.mode, ctx.scope, ctx.in_turn
    if isinstance(child, _COUNTED_ONLY):
        mode, scope = COUNT, child
    elif scope_classes.intersection(classes):
        scope, in_turn = child, True
    elif (
        isinstance(child, nodes.TextElement)
        and not isinstance(child, nodes.Inline)
        and not in_turn
    ):
        scope = child
    return Context(mode, docname, scope, in_turn, anchor, own, in_glossary)


def merge_text_runs(element: nodes.Element) -> None:
    """Join adjacent text children into one text node.

    MyST keeps each source line of a paragraph as its own text node, so a
    term wrapped over two lines ("PyTorch" / "Lightning") would otherwise
    never be seen whole by the matcher.
    """
    children = element.children
    if sum(isinstance(child, nodes.Text) for child in children) < 2:
        return
    merged: list[nodes.Node] = []
    for child in children:
        if isinstance(child, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
            merged[-1] = nodes.Text(str(merged[-1]) + str(child))
        else:
            merged.append(child)
    if len(merged) != len(children):
        element[:] = merged


def walk(
    doctree: nodes.Element, docname: str, scope_classes: frozenset[str]
) -> Iterator[Item]:
    """Yield, in document order, the text nodes where a term may be mentioned
    and the explicit ``term`` references, each with its :class:`Context`."""
    stack: list[tuple[nodes.Node, Context]] = [(doctree, Context(LINK, docname, doctree))]
    while stack:
        node, ctx = stack.pop()
        if isinstance(node, nodes.Text):
            yield Item(node, ctx)
            continue
        if is_term_xref(node):
            yield Item(node, ctx)
            continue
        assert isinstance(node, nodes.Element)
        merge_text_runs(node)
        pushed: list[tuple[nodes.Node, Context]] = []
        for child in node.children:
            if isinstance(child, nodes.Text) or is_term_xref(child):
                pushed.append((child, ctx))
            else:
                child_ctx = _child_context(child, ctx, scope_classes)  # type: ignore[arg-type]
                if child_ctx is not None:
                    pushed.append((child, child_ctx))
        stack.extend(reversed(pushed))


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
    items = list(walk(document, docname, scope_classes))

    def scope_of(ctx: Context) -> object:
        return ctx.docname if density == "page" else id(ctx.scope)

    explicit: set[tuple[object, str]] = set()
    for item in items:
        if item.is_xref:
            key = catalogue.key_for(item.node.get("reftarget", ""))
            if key is not None:
                explicit.add((scope_of(item.context), key))

    linked: set[tuple[object, str]] = set()
    anchored: set[tuple[str, str]] = set()
    made = 0

    def anchor_for(ctx: Context, key: str) -> list[nodes.Node]:
        if (ctx.docname, key) in anchored:
            return []
        anchored.add((ctx.docname, key))
        return [nodes.target("", "", ids=[mention_anchor(key, ctx.docname)])]

    for item in items:
        ctx = item.context
        if item.is_xref:
            key = catalogue.key_for(item.node.get("reftarget", ""))
            if key is not None and item.node.parent is not None:
                before = anchor_for(ctx, key)
                if before:
                    _replace_child(item.node.parent, item.node, [*before, item.node])
            continue
        if ctx.mode != LINK:
            continue
        text = str(item.node)
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
            parent = item.node.parent
            assert parent is not None
            _replace_child(parent, item.node, pieces)
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

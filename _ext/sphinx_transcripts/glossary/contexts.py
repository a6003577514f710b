"""Where a glossary term can be mentioned in a doctree, and where it is anchored.

This module is the one definition of *where* mentions occur.  The collector
uses it at read time to record the text of each page (which later gives the
mention counts and back-links), and the linker uses it at write time to
place the links, so the two always agree.  Neither imports the other.

Contexts
--------
Each text node gets a :class:`Context`; its *mode* says how it is treated:

* **Skipped** (no context at all: neither linked nor counted): literals and
  code blocks, math, raw output, comments, existing references and
  cross-references, targets, index entries, footnote and citation labels,
  the glossary's own headwords, alias declarations, and any element whose
  ``classes`` contain ``no-autolink`` (:data:`SKIP_CLASS`; speaker labels of
  transcripts, for instance).
* :data:`COUNT`: section titles, rubrics and captions.  A mention there is a
  mention for the back-links and the "unused" warning, but a link inside a
  heading would be noise.
* :data:`LINK`: all other text.
* :data:`REFERENCE`: an explicit ``term`` cross-reference (the node itself,
  not its text).  It counts as a mention and takes precedence over automatic
  links in its scope.

Scopes
------
The ``paragraph`` density links a term once per *scope*: the nearest
paragraph-like block, unless an enclosing element carries one of the
``autoglossary_scope_classes`` (a dialogue turn), in which case that element
is the scope for everything in it.  Titles and captions are scopes of their
own.

Anchors
-------
The first link or explicit reference to an entry in a document is preceded
by a target whose id is :func:`mention_anchor`; the back-links computed after
reading point at it.

Assembled trees
---------------
The LaTeX and single-page HTML builders resolve one tree made of every
document, each wrapped in a ``start_of_file`` node.  :func:`descend` is the
one walk of the extension and :func:`document_of` the one place that reads
those wrappers, so every context knows the document it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal, TypeVar

from docutils import nodes
from sphinx import addnodes

from .aliases import alias_declarations
from .store import term_key

SKIP_CLASS = "no-autolink"

Mode = Literal["link", "count", "reference"]
LINK: Mode = "link"
COUNT: Mode = "count"
REFERENCE: Mode = "reference"

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

State = TypeVar("State")


@lru_cache(maxsize=4096)
def mention_anchor(key: str, docname: str) -> str:
    """The id of the target placed before a document's first mention of *key*.

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


def reference_target(node: nodes.Node) -> str:
    """The target of a ``term`` cross-reference, as the author wrote it."""
    return str(node.get("reftarget", "")) if isinstance(node, nodes.Element) else ""


def document_of(node: nodes.Node, current: str) -> str:
    """The document *node* comes from, when its parent comes from *current*."""
    if isinstance(node, addnodes.start_of_file):
        return str(node["docname"])
    return current


def descend(
    root: nodes.Node,
    state: State,
    enter: Callable[[nodes.Node, State], State | None],
) -> Iterator[tuple[nodes.Node, State]]:
    """Yield *root* and the nodes under it in document order, with their state.

    ``enter(child, state)`` derives a child's state from its parent's, or
    returns None to leave the child and everything in it out.  A node's
    children are read only after the node has been yielded, so the caller
    may rearrange them (as :func:`walk_mentions` does) before they are seen.
    """
    stack: list[tuple[nodes.Node, State]] = [(root, state)]
    while stack:
        node, current = stack.pop()
        yield node, current
        if not isinstance(node, nodes.Element):
            continue
        entered = [(child, enter(child, current)) for child in node.children]
        stack.extend((child, inner) for child, inner in reversed(entered) if inner is not None)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a node sits: how to treat it, which document and scope it is in."""

    mode: Mode
    docname: str
    scope: nodes.Element
    in_turn: bool = False
    #: the id of the nearest enclosing element that has one
    anchor: str | None = None
    #: the entries a glossary definition belongs to (never linked from it)
    own: frozenset[str] = field(default_factory=frozenset)
    in_glossary: bool = False


def _headwords(item: nodes.definition_list_item) -> frozenset[str]:
    return frozenset(
        term_key(child.astext())
        for child in item.children
        if isinstance(child, nodes.term)
    )


def _scope(
    child: nodes.Element, ctx: Context, scope_classes: frozenset[str]
) -> tuple[Mode, nodes.Element, bool]:
    """The mode, scope and "in a turn" flag inside *child*."""
    if isinstance(child, _COUNTED_ONLY):
        return COUNT, child, ctx.in_turn
    if scope_classes.intersection(child.get("classes", ())):
        return ctx.mode, child, True
    if isinstance(child, nodes.TextElement) and not isinstance(child, nodes.Inline) and not ctx.in_turn:
        return ctx.mode, child, False
    return ctx.mode, ctx.scope, ctx.in_turn


def child_context(child: nodes.Node, ctx: Context, scope_classes: frozenset[str]) -> Context | None:
    """The context of *child* inside *ctx*, or None when it is skipped."""
    if ctx.mode == REFERENCE:
        return None  # the text of a reference is not a mention of its own
    if isinstance(child, nodes.Text):
        return ctx
    if is_term_xref(child):
        return replace(ctx, mode=REFERENCE)
    if not isinstance(child, nodes.Element) or isinstance(child, _SKIPPED):
        return None
    if SKIP_CLASS in child.get("classes", ()):
        return None
    if ctx.in_glossary and isinstance(child, nodes.term):
        return None
    mode, scope, in_turn = _scope(child, ctx, scope_classes)
    ids = child.get("ids")
    in_glossary = ctx.in_glossary or isinstance(child, addnodes.glossary)
    own = _headwords(child) if in_glossary and isinstance(child, nodes.definition_list_item) else ctx.own
    anchor = ids[0] if ids else ctx.anchor
    return Context(mode, document_of(child, ctx.docname), scope, in_turn, anchor, own, in_glossary)


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


def walk_mentions(
    doctree: nodes.Element, docname: str, scope_classes: frozenset[str]
) -> Iterator[tuple[nodes.Node, Context]]:
    """Yield, in document order, the text nodes where a term may be mentioned
    (``LINK`` and ``COUNT``) and the explicit ``term`` references
    (``REFERENCE``), each with its :class:`Context`.

    Adjacent text nodes are joined on the way (:func:`merge_text_runs`).
    """

    def enter(child: nodes.Node, ctx: Context) -> Context | None:
        return child_context(child, ctx, scope_classes)

    for node, ctx in descend(doctree, Context(LINK, docname, doctree), enter):
        if isinstance(node, nodes.Text) or ctx.mode == REFERENCE:
            yield node, ctx
        elif isinstance(node, nodes.Element):
            merge_text_runs(node)

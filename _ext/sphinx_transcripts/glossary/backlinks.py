"""Back-links: each glossary entry lists the pages that mention it.

The list is made of ordinary doctree nodes (a paragraph of references)
appended to the entry's definition on ``doctree-resolved``, so every builder
renders it: HTML links, LaTeX hyperlinks, plain text in the text builder.
Each item names the page by its title, says how many mentions it has and
links to the first of them (the target that :mod:`autoglossary.linking`
places there, named by :func:`autoglossary.contexts.mention_anchor`).

The data comes from the aggregates that the collector computed after
reading, so the glossary page is complete even when it is resolved before
the pages it lists, and it is rewritten whenever those aggregates change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .contexts import descend, document_of
from .store import Backlink, Catalogue, get_store

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

BACKLINKS_CLASS = "autoglossary-backlinks"


def glossaries(doctree: nodes.Element, docname: str) -> Iterator[tuple[addnodes.glossary, str]]:
    """Yield each glossary node with the document it comes from.

    Assembled trees (LaTeX, single-page HTML) hold several documents, so the
    source document is tracked on the way down (:func:`.contexts.descend`;
    climbing from a glossary would not do: Sphinx moves a document's children
    under its ``start_of_file`` without setting their ``parent``).  Every
    page is resolved in the main process, so those without a glossary are
    let go after docutils' own, cheaper search.
    """
    if next(doctree.findall(addnodes.glossary), None) is None:
        return
    for node, current in descend(doctree, docname, document_of):
        if isinstance(node, addnodes.glossary):
            yield node, current


def mentions_label(count: int) -> str:
    """``"1 mention"``, ``"3 mentions"``."""
    return f"{count} mention" if count == 1 else f"{count} mentions"


def defined_key(item: nodes.definition_list_item, docname: str, catalogue: Catalogue) -> str | None:
    """The key of the term that a glossary item of *docname* defines, if any.

    The item must own the term (its first headword carries the term's
    anchor): an entry left out because it clashes with another one does not
    get that one's back-links.
    """
    headword = next((child for child in item.children if isinstance(child, nodes.term)), None)
    if headword is None:
        return None
    key = catalogue.key_for(headword.astext())
    term = catalogue.terms.get(key) if key is not None else None
    if term is None or term.docname != docname or term.anchor not in headword["ids"]:
        return None
    return key


def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Append a "Mentioned in" paragraph to each glossary definition.

    Connected to ``doctree-resolved``: it runs for every builder, after the
    post-transforms, in the main process, with the finished aggregates.
    """
    if not app.config.autoglossary_enabled:
        return
    store = get_store(app.env)
    for glossary, defining in list(glossaries(doctree, docname)):
        for item in glossary.findall(nodes.definition_list_item):
            key = defined_key(item, defining, store.catalogue)
            definitions = [child for child in item.children if isinstance(child, nodes.definition)]
            links = store.backlinks.get(key) if key is not None else None
            if links and definitions:
                definitions[-1] += backlinks_paragraph(app.builder, links, docname)


def backlinks_paragraph(
    builder: Builder, links: tuple[Backlink, ...], fromdocname: str
) -> nodes.paragraph:
    """``Mentioned in: Title (3 mentions), Other (1 mention).``"""
    paragraph = nodes.paragraph("", "", classes=[BACKLINKS_CLASS])
    paragraph += nodes.Text("Mentioned in: ")
    for index, link in enumerate(links):
        if index:
            paragraph += nodes.Text(", " if index < len(links) - 1 else " and ")
        title = nodes.inline(link.title, link.title)
        ref: nodes.Node
        try:
            ref = make_refnode(builder, fromdocname, link.docname, link.anchor, title)
        except NoUri:
            ref = title
        paragraph += ref
        paragraph += nodes.Text(f" ({mentions_label(link.count)})")
    paragraph += nodes.Text(".")
    return paragraph


def setup_backlinks(app: Sphinx) -> None:
    """Fill in back-links whenever a doctree is resolved, for every builder."""
    app.connect("doctree-resolved", add_backlinks)

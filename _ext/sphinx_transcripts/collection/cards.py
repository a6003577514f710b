"""The ``collection`` directive: a toctree shown as cards.

Usage (MyST)::

    ```{collection}
    :caption: Interviews

    interviews/deep-learning-with-pytorch
    interviews/sylvain-gugger
    ```

It takes the options and entries of ``toctree`` and makes a hidden toctree
of them (navigation, sidebar, "next" links), plus a card for each document:
the people's avatars, the title as a link, the page's ``summary`` (front
matter) and its reading time, computed from its word count.  Facts about
other pages are known only after reading, so a post-transform builds the
cards then; HTML gets sphinx-design's grid and card classes, the other
builders a plain list with the same information.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.shared import create_component

from ..dialogue import elements
from ..feed.details import shown_date, spoken
from ..people.appearances import DocFacts, facts, title_of
from ..people.load import get_registry


class CollectionDirective(TocTree):
    """A hidden toctree plus a placeholder for its cards."""

    def run(self) -> list[nodes.Node]:
        self.options["hidden"] = True
        result = super().run()
        docnames = [
            docname
            for toctree in (n for node in result for n in node.findall(addnodes.toctree))
            for _, docname in toctree["entries"]
            if docname in self.env.found_docs
        ]
        cards = elements.collection(docnames=docnames)
        self.set_source_info(cards)
        # The cards come first: where the toctree is replaced by the texts
        # themselves (the PDF, singlehtml), the list introduces its chapter
        # instead of trailing after the last text as if part of it.
        return [cards, *result]


def _with(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def listen(found: DocFacts) -> str:
    """"Listen, 41 min" ("Watch" for a video); "" for a page without media."""
    if not found.listen:
        return ""
    verb = "Watch" if found.listen == "video" else "Listen"
    return f"{verb}, {spoken(found.duration)}" if found.duration else verb


def describe_parts(found: DocFacts) -> list[tuple[str, str]]:
    """The card's line, part by part, each with its class: kind, date, the
    listen marker, reading time, people."""
    parts = [(found.kind.capitalize() or "Page", "")]
    if found.date:
        parts.append((shown_date(dt.datetime.fromisoformat(found.date)), "transcript-card-date"))
    if found.listen:
        parts.append((listen(found), "transcript-card-listen"))
    parts.append((f"{found.minutes} min read", ""))
    names = list(found.people)
    if names:
        parts.append((("by " if found.kind == "essay" else "with ") + _with(names), ""))
    return parts


def describe(found: DocFacts) -> str:
    """"Interview · 2 November 2026 · Listen, 41 min · 12 min read · with A and B"."""
    return " · ".join(text for text, _ in describe_parts(found))


def doc_link(docname: str, fromdoc: str, text: str = "") -> addnodes.pending_xref:
    """A ``:doc:`` cross-reference, resolved by Sphinx for every builder."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget="/" + docname,
        refexplicit=bool(text), refwarn=True, refdoc=fromdoc,
    )
    ref += nodes.inline(text, text, classes=["xref", "std", "std-doc"])
    return ref


def _inline_copy(title: nodes.Element) -> list[nodes.Node]:
    """The title's children, copied, with links and targets taken out (the
    card's own link holds them; a link in a link is no HTML)."""
    copied: list[nodes.Node] = []
    for child in title.children:
        if isinstance(child, nodes.Text):
            copied.append(child.copy())
        elif isinstance(child, nodes.target):
            continue
        elif isinstance(child, nodes.reference | addnodes.pending_xref):
            copied.extend(_inline_copy(child))
        elif isinstance(child, nodes.Element):
            shell = child.copy()  # the element without its children
            shell.extend(_inline_copy(child))
            copied.append(shell)
    return copied


class FillCollection(SphinxPostTransform):
    """Replace each ``collection`` placeholder by cards (HTML builders).

    Runs before the references are resolved (priority 10): its links are
    ordinary ``:doc:`` references.
    """

    default_priority = 5
    formats: tuple[str, ...] = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(elements.collection)):
            node.replace_self(self.grid(node["docnames"]))

    def avatars(self, found: DocFacts) -> list[elements.avatar]:
        registry = get_registry(self.env)
        if not found.people:
            # nobody named: a silhouette, not a "?" that reads as a question
            return [elements.anonymous_avatar("Unnamed author")]
        return [elements.avatar_for(registry.resolve(name)) for name in found.people]

    def grid(self, docnames: list[str]) -> nodes.Element:
        # sphinx-design's own components: its HTML (plain divs, not furo's
        # padded ".container") and its grid and card styles
        row = create_component(
            "grid-row", ["sd-row", "sd-row-cols-1", "sd-row-cols-md-2", "sd-g-3"]
        )
        for docname in docnames:
            found = facts(self.env).get(docname, DocFacts())
            card = create_component(
                "card",
                ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm",
                 "sd-card-hover", "transcript-card", "no-autolink"],
            )
            body = create_component("card-body", ["sd-card-body"])
            faces = create_component("card-avatars", ["transcript-card-avatars"])
            for avatar in self.avatars(found):
                # the names are in the card's text: the pictures add nothing to read
                avatar["decorative"] = True
                faces += avatar
            body += faces
            title = nodes.paragraph(classes=["sd-card-title", "transcript-card-title"])
            # transcripts.css stretches the link over the whole card
            title += doc_link(docname, self.env.docname, title_of(self.env, docname))
            title["transcript_docname"] = docname  # for CardTitles
            body += title
            if found.summary:
                body += nodes.paragraph(found.summary, found.summary,
                                        classes=["sd-card-text", "transcript-card-summary"])
            meta = nodes.paragraph(classes=["sd-card-text", "transcript-card-meta"])
            for number, (text, kind) in enumerate(describe_parts(found)):
                if number:
                    meta += nodes.Text(" · ")
                meta += nodes.inline(text, text, classes=[kind]) if kind else nodes.Text(text)
            body += meta
            card += body
            column = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
            column += card
            row += column
        grid = create_component(
            "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "transcript-cards"]
        )
        grid += row
        return grid



class CardTitles(SphinxPostTransform):
    """A card's link shows its page's title as written, emphasis and all (as
    the sidebar does); a resolved ``:doc:`` reference holds only the words.
    Runs after the references are resolved (priority 10)."""

    default_priority = 15
    formats: tuple[str, ...] = ("html",)

    def run(self, **kwargs: Any) -> None:
        for para in self.document.findall(nodes.paragraph):
            docname = para.get("transcript_docname")
            title = self.env.titles.get(docname) if docname else None
            link = next(iter(para.findall(nodes.reference)), None)
            if title is None or link is None:
                continue
            inner = nodes.inline("", "", classes=["doc"])
            inner.extend(_inline_copy(title))
            del link[:]
            link += inner


class FillCollectionList(FillCollection):
    """The same, as a plain list, for every other builder."""

    default_priority = 6
    formats: tuple[str, ...] = ()

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(elements.collection)):
            node.replace_self(self.plain_list(node["docnames"]))

    def plain_list(self, docnames: list[str]) -> nodes.Element:
        items = nodes.bullet_list(classes=["transcript-collection"])
        for docname in docnames:
            found = facts(self.env).get(docname, DocFacts())
            para = nodes.paragraph()
            para += doc_link(docname, self.env.docname)
            if found.summary:
                para += nodes.Text(f": {found.summary}")
            para += nodes.Text(f" ({describe(found)})")
            items += nodes.list_item("", para)
        return items


def setup(app: Sphinx) -> None:
    app.add_directive("collection", CollectionDirective)
    app.add_post_transform(FillCollection)
    app.add_post_transform(FillCollectionList)
    app.add_post_transform(CardTitles)

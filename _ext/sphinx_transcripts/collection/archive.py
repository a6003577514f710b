"""The ``archive`` directive: a season's page, its episodes as a table.

A season is a page that lists its episodes with ``archive``; the usual
place is a folder per season, its page ``index.md``::

    seasons/2026/index.md        # the season's page: a title and the directive
    seasons/2026/001-first.md    # its episodes, named so that they sort
    seasons/2026/002-second.md

    # 2026

    ```{archive}
    ```

With no entries the directive lists every page of its own folder (a
``toctree`` with ``:glob:`` and ``*``), in the order of their names; with
entries it takes them as ``toctree`` does (``:glob:``, ``:reversed:``,
``:caption:`` and the rest).  The landing page lists the seasons the same
way, newest first::

    ```{archive}
    :caption: Seasons
    :glob:
    :reversed:

    seasons/*/index
    ```

Like ``collection``, it makes a hidden toctree of its entries (the site
navigation, previous and next) and shows them after reading, when every
page's facts are known: a table of date, title (and the people in it) and
length, for every builder.  An entry that lists pages itself (a season on
the landing page) shows its span of dates and how many pages it has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..dialogue import elements
from ..feed.details import shown_date, spoken
from ..people.appearances import DocFacts, facts, listing_span
from .cards import CollectionDirective, _with, doc_link


class ArchiveDirective(CollectionDirective):
    """A collection shown as a table; with no entries, the pages of its folder."""

    def run(self) -> list[nodes.Node]:
        content: StringList = self.content  # type: ignore[has-type]
        if not any(line.strip() for line in content):
            self.content = StringList(["*"], source=self.get_source_info()[0])
            self.options["glob"] = True
        result = super().run()
        for node in result:
            if isinstance(node, elements.collection):
                node["layout"] = "archive"
        return result


def _day(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso)


def shown_span(first: str, last: str) -> str:
    """"3 January – 19 December 2026"; one date when they are the same day."""
    if not first:
        return ""
    start, end = _day(first), _day(last)
    if start.date() == end.date():
        return shown_date(start)
    if start.year == end.year:
        return f"{start.day} {start:%B} – {shown_date(end)}"
    return f"{shown_date(start)} – {shown_date(end)}"


def _cell(*children: nodes.Node, classes: list[str] | None = None) -> nodes.entry:
    entry = nodes.entry(classes=classes or [])
    entry.extend(children)
    return entry


def _text(text: str, classes: list[str] | None = None) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=classes or [])


class FillArchive(SphinxPostTransform):
    """Replace each archive's placeholder by its table, for every builder.

    Runs before the collection's cards (priority 5) and before the
    references are resolved (10): its links are ``:doc:`` references."""

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(elements.collection)):
            if node.get("layout") == "archive":
                node.replace_self(self.table(node["docnames"]))

    def row(self, docname: str) -> nodes.row:
        env = self.env
        found = facts(env).get(docname, DocFacts())
        title = nodes.paragraph(classes=["transcript-archive-title"])
        title += doc_link(docname, env.docname)
        title["transcript_docname"] = docname  # the title as written (cards.CardTitles)
        episode = _cell(title)
        count, first, last = listing_span(env, docname)
        if count:  # a page that lists pages: a season
            when = shown_span(first, last)
            length = f"{count} episode" + ("" if count == 1 else "s")
        else:
            when = shown_date(_day(found.date)) if found.date else ""
            length = spoken(found.duration) if found.duration else f"{found.minutes} min read"
            names = list(found.people)
            if names:
                who = ("by " if found.kind == "essay" else "with ") + _with(names)
                episode += _text(who, ["transcript-archive-people"])
        row = nodes.row()
        row += _cell(_text(when), classes=["transcript-archive-date"])
        row += episode
        row += _cell(_text(length), classes=["transcript-archive-length"])
        return row

    def table(self, docnames: list[str]) -> nodes.Node:
        if not docnames:
            return _text("Nothing here yet.", ["transcript-archive-empty"])
        table = nodes.table(classes=["transcript-archive", "no-autolink"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (22, 60, 18):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        header = nodes.row()
        for name in ("Date", "Title", "Length"):
            header += _cell(_text(name))
        head += header
        group += head
        body = nodes.tbody()
        body.extend(self.row(docname) for docname in docnames)
        group += body
        return table


def setup(app: Sphinx) -> None:
    app.add_directive("archive", ArchiveDirective)
    app.add_post_transform(FillArchive)

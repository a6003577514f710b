"""Who appears where: per-document facts gathered after each page is read.

For every document this collector keeps a :class:`DocFacts`: the speakers and
authors in it (turns and role per person), its word count and its summary
(the ``summary`` key of the page's front matter).  Data is keyed by document
name and implements purge and merge, so parallel and incremental builds see
the same thing; aggregates (the people page, the landing page cards) are
computed from it after reading, by :mod:`.page` and :mod:`..collection.cards`.

Pages that show aggregates (they hold a ``people`` or ``collection``
directive) take what they show of other pages when they are written
(post-transforms), so they never need reading again for it: the collector
notes what each of them shows before a build reads anything
(:func:`shown`) and, once every page is read, asks Sphinx to write again
those whose view changed.  An incremental build never shows stale counts,
and an edit that changes nothing they show leaves them alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..anchors import anchor
from ..dialogue import elements as tn
from ..model import UNATTRIBUTED
from ..state import PerDocumentCollector, state

#: Average silent reading speed of adults, in words per minute.
WORDS_PER_MINUTE = 230

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


@dataclass
class Appearance:
    """One person in one document."""

    name: str
    key: str
    role: str
    turns: int = 0


@dataclass
class DocFacts:
    """What a document holds, as the aggregate pages need it."""

    words: int = 0
    summary: str = ""
    #: "interview" when the page has a transcript, "essay" when it has a byline
    kind: str = ""
    #: people in order of first appearance, by name
    people: dict[str, Appearance] = field(default_factory=dict)
    #: True for pages whose output is computed from other pages
    aggregates: bool = False
    #: True for the page that holds the ``people`` directive
    people_page: bool = False
    #: True when the page links people to the people page (see :mod:`.links`)
    person_links: bool = False
    #: an episode's details (see :mod:`..feed.episodes`): its date (ISO 8601,
    #: "" when none), duration in seconds, and "audio" or "video" ("" for a
    #: page that cannot be heard)
    date: str = ""
    duration: float | None = None
    listen: str = ""

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    def card_facts(self) -> tuple[object, ...]:
        """What a card shows of its page (see :mod:`..collection.cards`)."""
        return (self.kind, self.summary, self.minutes, tuple(self.people),
                self.date, self.duration, self.listen)


def facts(env: BuildEnvironment) -> dict[str, DocFacts]:
    """The facts of every document read so far, by docname."""
    return state(env).facts


def people_page(env: BuildEnvironment) -> str | None:
    """The document that holds the ``people`` directive, if any."""
    pages = sorted(doc for doc, found in facts(env).items() if found.people_page)
    return pages[0] if pages else None


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _page_text(node: nodes.Node) -> Iterator[str]:
    """The words a reader reads: not the turn headers, which repeat a
    speaker's name (and time) before each turn."""
    if isinstance(node, nodes.Text):
        yield node.astext()
    elif not isinstance(node, tn.turn_header):
        for child in node.children:
            yield from _page_text(child)


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every document, in the order a reader meets them through the toctrees."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(docname: str) -> None:
        if docname in seen:
            return
        seen.add(docname)
        order.append(docname)
        for child in env.toctree_includes.get(docname, ()):
            visit(child)

    visit(env.config.root_doc)
    order.extend(sorted(set(env.all_docs) - seen))
    return order


class AppearancesCollector(PerDocumentCollector):
    """Collect :class:`DocFacts` for every document."""

    records = "facts"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        found = DocFacts(
            words=count_words(" ".join(_page_text(doctree))),
            summary=str(env.metadata.get(docname, {}).get("summary", "")).strip(),
        )
        for turn in doctree.findall(tn.turn):
            found.kind = "interview"
            name = turn["speaker"]
            if name == UNATTRIBUTED:
                continue
            person = found.people.setdefault(
                name, Appearance(name, turn["speaker_key"], turn["role"])
            )
            person.turns += 1
        for dialogue in doctree.findall(tn.dialogue):
            # who the page declares: a host or guest of a source that names
            # nobody appears all the same, with no turn of their own
            for name, key, role in dialogue.get("cast", ()):
                found.people.setdefault(name, Appearance(name, key, role))
        for byline in doctree.findall(tn.byline):
            found.kind = found.kind or "essay"
            name = byline.get("speaker", "")
            if name:
                found.people.setdefault(
                    name,
                    Appearance(
                        name,
                        byline.get("speaker_key") or anchor(name),
                        byline.get("role", "author"),
                    ),
                )
        found.people_page = any(True for _ in doctree.findall(tn.people_index))
        found.aggregates = found.people_page or any(True for _ in doctree.findall(tn.collection))
        found.person_links = any(
            "transcripts_person" in ref for ref in doctree.findall(nodes.reference)
        )
        if found.kind or found.aggregates or found.person_links:
            facts(env)[docname] = found

    def get_outdated_docs(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        # Before anything is purged or read: what each aggregate page shows now.
        state(env).shown = shown(env)
        return []

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        kept = state(env)
        before, kept.shown = kept.shown, {}
        return sorted(
            docname for docname, view in shown(env).items() if before.get(docname) != view
        )


def title_of(env: BuildEnvironment, docname: str) -> str:
    """A document's title as text (its name when it has none)."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _people_view(env: BuildEnvironment, found: dict[str, DocFacts]) -> tuple[object, ...]:
    """What the people page shows of other pages: who appears where, how."""
    return tuple(
        (
            docname,
            title_of(env, docname),
            tuple((a.name, a.key, a.role, a.turns) for a in found[docname].people.values()),
            found[docname].date,
        )
        for docname in reading_order(env)
        if docname in found and found[docname].people
    )


def listing_span(env: BuildEnvironment, docname: str) -> tuple[int, str, str]:
    """How many pages a page's toctrees list, and the first and last of their
    dates (a season, on the archive's pages)."""
    found = facts(env)
    pages = [doc for doc in env.toctree_includes.get(docname, ()) if doc in env.all_docs]
    dates = sorted(found[doc].date for doc in pages if doc in found and found[doc].date)
    return len(pages), (dates[0] if dates else ""), (dates[-1] if dates else "")


def _cards_view(env: BuildEnvironment, docname: str, found: dict[str, DocFacts]) -> tuple[object, ...]:
    """What a page of cards (or an archive's table) shows of the pages its
    toctree lists: their facts, and for a page that lists pages, its span."""
    listed = env.toctree_includes.get(docname, [])
    return tuple(
        (doc, title_of(env, doc), found.get(doc, DocFacts()).card_facts(), listing_span(env, doc))
        for doc in listed
    )


def shown(env: BuildEnvironment) -> dict[str, object]:
    """For each page that shows aggregates, everything it shows of other
    pages, as a value that compares equal exactly when that is unchanged."""
    found = facts(env)
    people = None
    views: dict[str, object] = {}
    for docname, page in found.items():
        if not page.aggregates:
            continue
        if page.people_page and people is None:
            people = _people_view(env, found)
        views[docname] = (people if page.people_page else None, _cards_view(env, docname, found))
    return views


def setup(app: Sphinx) -> None:
    app.add_env_collector(AppearancesCollector)

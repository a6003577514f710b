"""Per-document data at read time, site-wide aggregates after reading.

Design
------
The extension has to link pages against terms that may be defined in a page
read later, and to write in the glossary where each term is mentioned, which
depends on every other page.  It does this in three steps, each at the one
point of the build where its inputs are complete:

1. **Read time** (``doctree-read``, in whichever process reads the page):
   :class:`AutoGlossaryCollector` records what the page contributes — the
   glossary entries and aliases it declares, and the text in which a term
   can be mentioned (:func:`autoglossary.contexts.walk_mentions` decides
   which, for the linker too).  The record is keyed by document name,
   dropped on ``env-purge-doc`` and copied back from parallel readers on
   ``env-merge-info``, so it is always exactly what the current sources say.
2. **After reading, in the main process** (``env-get-updated``, which runs
   after every document is read and merged, before the environment is
   pickled and before anything is written): the catalogue of terms is built
   from the std domain's public ``get_objects()`` plus the records; each
   page's mentions are counted with the one-pass matcher (only for pages
   that were re-read or when the catalogue's phrases changed) and summed
   into back-links.  The handler returns the pages whose output must change
   (:mod:`autoglossary.rewrites`): those whose mentions moved or mention a
   term that now shows differently, and the glossaries whose back-links
   changed.
3. **Write time**: post-transforms use these finished aggregates to link the
   page and to fill in the glossary's back-links.

Because the aggregates are complete before the first page is resolved, the
result does not depend on reading order, on ``-j`` (doctrees are resolved in
the main process; writer processes only receive finished doctrees) or on
which pages an incremental build re-read.  The cost is that the text is
matched twice, once to count and once to link; both passes are linear in
the text (see ``BENCHMARKS.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from .aliases import where
from .contexts import COUNT, LINK, REFERENCE, mention_anchor, reference_target, walk_mentions
from .matcher import fingerprint
from .rewrites import Before, pages_to_rewrite
from .store import Backlink, Catalogue, DocRecord, Mentions, Problem, Segment, Store, get_store
from .terms import aliases_from_doctree, build_catalogue, entries_from_doctree

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# Separates text nodes inside one stored segment: neither a word character
# nor white space, so no phrase can match across it.
_JOIN = "\x00"


def segments_from_doctree(
    doctree: nodes.document, docname: str, scope_classes: frozenset[str]
) -> list[Segment]:
    """The mentionable text of a doctree, in document order."""
    segments: list[Segment] = []
    texts: list[str] = []

    def flush() -> None:
        if texts:
            segments.append(Segment(LINK, _JOIN.join(texts)))
            texts.clear()

    for node, ctx in walk_mentions(doctree, docname, scope_classes):
        if ctx.mode == LINK:
            texts.append(str(node))
            continue
        flush()
        if ctx.mode == REFERENCE:
            segments.append(Segment(REFERENCE, reference_target(node)))
        else:
            segments.append(Segment(ctx.mode, str(node), ctx.anchor))
    flush()
    return segments


def count_mentions(segments: list[Segment], catalogue: Catalogue, docname: str) -> Mentions:
    """Count each entry's mentions in one document and pick its first anchor.

    The anchor is the target the linker puts before the first linked (or
    explicitly referenced) mention; a page that mentions a term only in
    headings or captions is linked at the nearest enclosing id instead.
    """
    counts: Counter[str] = Counter()
    linked: set[str] = set()
    heading_anchor: dict[str, str | None] = {}
    places: list[tuple[int, int, int, str]] = []
    for index, start, end, key in _mentions(segments, catalogue):
        places.append((index, start, end, key))
        counts[key] += 1
        segment = segments[index]
        if segment.kind == COUNT:
            heading_anchor.setdefault(key, segment.anchor)
        else:
            linked.add(key)
    anchors = {
        key: mention_anchor(key, docname) if key in linked else heading_anchor.get(key)
        for key in counts
    }
    return Mentions(catalogue.fingerprint, dict(counts), anchors, fingerprint(places))


def _mentions(segments: list[Segment], catalogue: Catalogue) -> Iterator[tuple[int, int, int, str]]:
    """``(segment index, start, end, key)`` of each mention, in order; an
    explicit reference spans its whole segment."""
    matcher = catalogue.matcher()
    for index, segment in enumerate(segments):
        if segment.kind == REFERENCE:
            key = catalogue.key_for(segment.text)
            if key is not None:
                yield index, 0, len(segment.text), key
            continue
        for mention in matcher.finditer(segment.text):
            if mention.key in catalogue.terms:
                yield index, mention.start, mention.end, mention.key


class AutoGlossaryCollector(EnvironmentCollector):
    """Keeps :class:`~autoglossary.store.DocRecord` per document and derives
    the catalogue, mention counts and back-links after reading."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        store = get_store(env)
        store.docs.pop(docname, None)
        store.mentions.pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: Set[str],
        other: BuildEnvironment,
    ) -> None:
        store, theirs = get_store(env), get_store(other)
        for docname in docnames:
            if docname in theirs.docs:
                store.docs[docname] = theirs.docs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        docname = app.env.current_document.docname
        scope_classes = frozenset(app.config.autoglossary_scope_classes)
        get_store(app.env).docs[docname] = DocRecord(
            entries=entries_from_doctree(doctree, docname, _source_lines(app.env, docname, doctree)),
            aliases=aliases_from_doctree(doctree, docname),
            segments=segments_from_doctree(doctree, docname, scope_classes),
        )

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        return update_aggregates(app, env)


def _source_lines(env: BuildEnvironment, docname: str, doctree: nodes.document) -> list[str] | None:
    """The source of a page that defines glossary entries (to locate headwords)."""
    if not any(True for _ in doctree.findall(addnodes.glossary)):
        return None
    try:
        return Path(env.doc2path(docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None


def update_aggregates(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rebuild catalogue, mentions and back-links; return pages to rewrite."""
    store = get_store(env)
    before = Before.of(store)
    store.catalogue, problems = site_catalogue(store, app.config, env.domains.standard_domain)
    recount_mentions(store)
    titles = {name: title.astext() for name, title in env.titles.items()}
    store.backlinks = collect_backlinks(store, titles)
    store.problems = problems + unused_terms(store)
    return pages_to_rewrite(before, store, env.found_docs)


def site_catalogue(store: Store, config: Config, std: StandardDomain) -> tuple[Catalogue, list[Problem]]:
    """The catalogue of every read page, and the problems found building it."""
    settings = (
        config.autoglossary_enabled,
        config.autoglossary_density,
        sorted(config.autoglossary_scope_classes),
    )
    if not config.autoglossary_enabled:
        return Catalogue(fingerprint=fingerprint(), settings=fingerprint(settings)), []
    docs = [store.docs[name] for name in sorted(store.docs)]
    return build_catalogue(
        std,
        [entry for doc in docs for entry in doc.entries],
        [declaration for doc in docs for declaration in doc.aliases],
        settings,
    )


def recount_mentions(store: Store) -> None:
    """Count the mentions of the pages that are new or were counted with
    another catalogue, and forget removed pages."""
    catalogue = store.catalogue
    for docname in list(store.mentions):
        if docname not in store.docs:
            del store.mentions[docname]
    for docname, record in store.docs.items():
        cached = store.mentions.get(docname)
        if cached is None or cached.fingerprint != catalogue.fingerprint:
            store.mentions[docname] = count_mentions(record.segments, catalogue, docname)


def collect_backlinks(store: Store, titles: dict[str, str]) -> dict[str, tuple[Backlink, ...]]:
    """For each term, the other pages that mention it, by document name."""
    backlinks: dict[str, list[Backlink]] = {}
    for docname in sorted(store.docs):
        mentions = store.mentions[docname]
        title = titles.get(docname, docname)
        for key, count in sorted(mentions.counts.items()):
            term = store.catalogue.terms.get(key)
            if term is not None and term.docname != docname:
                backlinks.setdefault(key, []).append(
                    Backlink(docname, title, count, mentions.anchors.get(key))
                )
    return {key: tuple(links) for key, links in backlinks.items()}


def unused_terms(store: Store) -> list[Problem]:
    """A problem for each term that no other page mentions."""
    return [
        Problem(
            "unused",
            f"glossary term {term.label!r} is not mentioned in any document",
            term.docname,
            term.lineno,
        )
        for key, term in sorted(store.catalogue.terms.items())
        if key not in store.backlinks
    ]


def report_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """Emit the warnings found while building the catalogue."""
    for problem in get_store(env).problems:
        logger.warning(
            problem.message,
            location=where(problem.docname, problem.lineno, problem.source),
            type="autoglossary",
            subtype=problem.subtype,
        )


def setup_collector(app: Sphinx) -> None:
    """Register the collector and the consistency-check warnings."""
    app.add_env_collector(AutoGlossaryCollector)
    app.connect("env-check-consistency", report_problems)

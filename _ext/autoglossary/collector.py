"""Per-document data and links at read time, site-wide aggregates after reading.

Design
------
The extension links pages against terms that may be defined on any page,
and writes in the glossary where each term is mentioned, which depends on
every other page.  It does this in four steps:

1. **The glossaries first** (``env-before-read-docs``, in the main process,
   before any page is read): the pages that declare terms — those that did
   in the last build, and those whose source shows a ``glossary`` or
   ``glossary-aliases`` directive — are read before the others, and the
   catalogue of terms is built from them.  Parallel readers are forked
   after this, so each of them knows every term.
2. **Read time** (``doctree-read``, in whichever process reads the page):
   :class:`AutoGlossaryCollector` records what the page contributes (the
   glossary entries and aliases it declares, and the text in which a term
   can be mentioned: :func:`autoglossary.contexts.walk_mentions` decides
   which, for the linker too), counts its mentions and links them
   (:func:`autoglossary.linking.link_while_reading`, a ``doctree-read``
   handler that runs after this collector).  The records, counts and
   the catalogue each page was linked with are keyed by document name,
   dropped on ``env-purge-doc`` and copied back from parallel readers on
   ``env-merge-info``.  The linking work is done where the reading is: in
   the ``-j`` workers.
3. **After reading, in the main process** (``env-get-updated``): the
   catalogue is built again from every record.  It is the one the pages
   were linked with unless a glossary hid where step 1 did not look (in an
   included file, say); pages counted or linked with another catalogue are
   counted again here and linked again when they are written (step 4).  The
   counts are summed into back-links, and the handler returns the pages
   whose output must change (:mod:`autoglossary.rewrites`).
4. **Write time**: :class:`autoglossary.linking.LinkTerms` re-links the
   pages linked with an outdated catalogue or other settings (normally
   none), and post-transforms fill in the glossary's back-links.

Because the aggregates are complete before the first page is resolved, the
result does not depend on reading order, on ``-j`` or on which pages an
incremental build re-read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging
from sphinx.util.console import bold

from .config import link_settings, settings_fingerprint
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


#: A ``glossary`` or ``glossary-aliases`` directive in MyST or reStructuredText source.
DECLARES_TERMS = re.compile(r"\{glossary(?:-aliases)?\}|\.\.[ \t]+glossary(?:-aliases)?::")


class AutoGlossaryCollector(EnvironmentCollector):
    """Keeps :class:`~autoglossary.store.DocRecord` per document, links each
    page as it is read and derives the back-links after reading."""

    def __init__(self) -> None:
        super().__init__()
        #: the aggregates before this build read anything (see :mod:`.rewrites`)
        self.before: Before | None = None
        #: pages read ahead of the others, for their terms: Sphinx's list of
        #: pages to write does not name them, env-get-updated does
        self.read_first: list[str] = []

    def enable(self, app: Sphinx) -> None:
        super().enable(app)
        assert self.listener_ids is not None
        # late, so that other handlers may still add or reorder pages
        self.listener_ids["env-before-read-docs"] = app.connect(
            "env-before-read-docs", self.read_glossaries_first, priority=900
        )

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        store = get_store(env)
        store.docs.pop(docname, None)
        store.mentions.pop(docname, None)
        store.linked.pop(docname, None)

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
            if docname in theirs.mentions:
                store.mentions[docname] = theirs.mentions[docname]
            if docname in theirs.linked:
                store.linked[docname] = theirs.linked[docname]

    def read_glossaries_first(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """Read the pages that declare terms, then make the catalogue the
        other pages are linked with while they are read."""
        store = get_store(env)
        self.before = Before.of(store)
        self.read_first = []
        if not app.config.autoglossary_enabled:
            return
        first = [docname for docname in docnames if declares_terms(env, store, docname)]
        for docname in first:
            logger.info(bold("reading the glossaries first... ") + docname)
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
            app.builder.read_doc(docname)
        if first:
            docnames[:] = [docname for docname in docnames if docname not in set(first)]
        self.read_first = first
        store.catalogue, _ = site_catalogue(store, app.config, env.domains.standard_domain)
        store.catalogue.matcher()  # compiled once, before the readers are forked

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        docname = app.env.current_document.docname
        config = app.config
        scope_classes = frozenset(config.autoglossary_scope_classes)
        store = get_store(app.env)
        record = store.docs[docname] = DocRecord(
            entries=entries_from_doctree(doctree, docname, _source_lines(app.env, docname, doctree)),
            aliases=aliases_from_doctree(doctree, docname),
            segments=segments_from_doctree(doctree, docname, scope_classes),
        )
        catalogue = store.catalogue
        if config.autoglossary_enabled and catalogue.settings == settings_fingerprint(config):
            # counted here, in the reader, as linking.link_while_reading links it
            store.mentions[docname] = count_mentions(record.segments, catalogue, docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        before, self.before = self.before, None
        first, self.read_first = self.read_first, []
        return sorted(set(update_aggregates(app, env, before)) | set(first))


def declares_terms(env: BuildEnvironment, store: Store, docname: str) -> bool:
    """Whether a page declared terms in the last build or its source shows a
    directive that declares them (an included file is not looked into)."""
    record = store.docs.get(docname)
    if record is not None and (record.entries or record.aliases):
        return True
    try:
        return DECLARES_TERMS.search(Path(env.doc2path(docname)).read_text(encoding="utf-8")) is not None
    except (OSError, UnicodeDecodeError):
        return False


def _source_lines(env: BuildEnvironment, docname: str, doctree: nodes.document) -> list[str] | None:
    """The source of a page that defines glossary entries (to locate headwords)."""
    if not any(True for _ in doctree.findall(addnodes.glossary)):
        return None
    try:
        return Path(env.doc2path(docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None


def update_aggregates(app: Sphinx, env: BuildEnvironment, before: Before | None = None) -> list[str]:
    """Rebuild catalogue, mentions and back-links; return pages to rewrite.

    *before* is what the store held before this build read anything (the
    store as it is now when not given).
    """
    store = get_store(env)
    if before is None:
        before = Before.of(store)
    store.catalogue, problems = site_catalogue(store, app.config, env.domains.standard_domain)
    recount_mentions(store)
    titles = {name: title.astext() for name, title in env.titles.items()}
    store.backlinks = collect_backlinks(store, titles)
    store.problems = problems + unused_terms(store)
    return pages_to_rewrite(before, store, env.found_docs)


def site_catalogue(store: Store, config: Config, std: StandardDomain) -> tuple[Catalogue, list[Problem]]:
    """The catalogue of every read page, and the problems found building it."""
    settings = link_settings(config)
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
            location=(problem.docname, problem.lineno),
            type="autoglossary",
            subtype=problem.subtype,
        )


def setup_collector(app: Sphinx) -> None:
    """Register the collector and the consistency-check warnings."""
    app.add_env_collector(AutoGlossaryCollector)
    app.connect("env-check-consistency", report_problems)

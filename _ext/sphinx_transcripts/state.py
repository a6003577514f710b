"""What the extension keeps in the build environment, in one typed place.

Everything lives on one :class:`State`, kept as ``env.transcripts_state`` (so
it is pickled with the environment and reaches the next build); modules reach
it through :func:`state`, never through attributes of their own on ``env``.
Its fields are of three lifetimes:

- **per document**, a dict by document name: who appears where
  (:mod:`.people.appearances`), each page's registry look-ups
  (:mod:`.people.lookups`), the feed files each page publishes
  (:mod:`.feed.exports`), the transcript files each page read
  (:mod:`.transcript_files`), each episode page's record (:mod:`.feed.episodes`).
  :class:`PerDocumentCollector` keeps each exact the
  way Sphinx's own collectors do: a document's record is dropped when the
  document is read again, and copied back from the ``-j`` readers that read it.
- **the last build's view of the site**, compared with this build's to find
  the pages a change concerns: the registry, the pages' previous/next
  neighbours, which page is the people page.
- **within one build**, handed from one of its events to a later one and
  emptied there: what aggregate pages showed before reading, the cards a
  registry change rewrites, whether the registry is already loaded.

A change of the shape of anything here bumps ``ENV_VERSION``
(``sphinx_transcripts/__init__.py``), so that Sphinx reads every page again.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

if TYPE_CHECKING:
    from .collection.navigation import Listing
    from .collection.neighbours import Neighbours
    from .feed.episodes import Episode
    from .feed.exports import Published
    from .people.appearances import DocFacts
    from .people.load import LoadedRegistry

#: the one attribute of the environment that is this extension's
ATTRIBUTE = "transcripts_state"

#: the fields of :class:`State` kept per document
PerDocument = Literal["facts", "registry_uses", "published", "sources", "episodes"]


@dataclass
class State:
    """Everything the extension keeps in the environment (see the module)."""

    # -- per document, purged and merged by PerDocumentCollector
    #: who appears on each page, its words, summary and kind
    facts: dict[str, DocFacts] = field(default_factory=dict)
    #: each page's registry look-ups: key -> fingerprint of the answer
    registry_uses: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the feed files each page publishes
    published: dict[str, list[Published]] = field(default_factory=dict)
    #: the documents (transcript files with a source suffix) each page's transcripts read
    sources: dict[str, set[str]] = field(default_factory=dict)
    #: each episode page's record: media, details, guid, files, people (:mod:`.feed.episodes`)
    episodes: dict[str, Episode] = field(default_factory=dict)

    # -- the site as the last build saw it (None: a fresh environment)
    registry: LoadedRegistry | None = None
    neighbours: dict[str, Neighbours] | None = None
    #: what each page's toctrees list, as the site navigation shows it
    listings: dict[str, Listing] | None = None
    #: the people page's document (None: the site has none), once known
    people_page: str | None = None
    people_page_known: bool = False

    # -- within one build, from one event to a later one
    #: the registry was loaded when Sphinx looked for outdated pages
    registry_fresh: bool = False
    #: what each aggregate page showed before reading
    shown: dict[str, object] = field(default_factory=dict)
    #: pages whose cards a registry change rewrites
    rewrite: list[str] = field(default_factory=list)
    #: the season folders ("episodes/2025/") a book build leaves out (:mod:`.collection.volume`)
    left_out: list[str] = field(default_factory=list)

    def per_document(self, name: PerDocument) -> dict[str, Any]:
        records: dict[str, Any] = getattr(self, name)
        return records


def state(env: BuildEnvironment) -> State:
    """The extension's state in ``env``, made on first use."""
    found: State | None = env.__dict__.get(ATTRIBUTE)
    if found is None:
        found = State()
        setattr(env, ATTRIBUTE, found)
    return found


class PerDocumentCollector(EnvironmentCollector):
    """Purges and merges one per-document field of :class:`State`;
    subclasses fill it in (``process_doc``) and say which (``records``)."""

    records: ClassVar[PerDocument]

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        state(env).per_document(self.records).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = state(other).per_document(self.records)
        ours = state(env).per_document(self.records)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]

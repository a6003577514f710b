"""The data the extension keeps in the build environment.

Two kinds of data live here, kept strictly apart:

* :class:`DocRecord` — what one document contributes, gathered at read time
  (glossary entries it defines, alias declarations, the text in which terms
  may be mentioned).  It is keyed by document name, purged when the document
  is re-read and merged back from parallel readers, so it is always exactly
  what the current sources say.
* :class:`Catalogue` and the per-document mention counts — aggregates that
  are recomputed in the main process after every read phase from the
  records of *all* documents (see :mod:`autoglossary.collector`).  They are
  never merged from parallel readers, only derived.

The store is a plain attribute of the environment, so it is pickled with it
and reaches parallel reader processes and later incremental builds.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..warning_types import GlossaryKind
from .matcher import TermMatcher, normalize

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .contexts import Mode

ATTRIBUTE = "autoglossary_store"

#: Sphinx's ``env_version`` for this extension: bump it whenever the shape of
#: what is pickled here changes (fields, or the values they hold), so that an
#: environment saved by an older version is read again from the sources.
#: 2: segment kinds are the context modes ("link", "count", "reference");
#: 3: glossary entries keep the line of every headword (``linenos``);
#: 4: the catalogue keeps a fingerprint of its settings and of each term
#: (``settings``, ``shown``), mentions a digest of where they are (``digest``);
#: 5: an alias declaration and a problem keep the catalogue a translation came
#: from (``source``);
#: 6: a document's segments are pickled packed (:class:`DocRecord`).
ENV_VERSION = 6


def term_key(name: str) -> str:
    """The key of the entry called *name*: how headwords, phrases and
    reference targets are looked up (white space collapsed, lower case)."""
    return normalize(name).lower()


@dataclass(frozen=True)
class GlossaryEntry:
    """One item of a ``glossary`` directive: its headwords and short summary.

    *linenos* are the source lines of the headwords, one for each.
    """

    headwords: tuple[str, ...]
    docname: str
    linenos: tuple[int | None, ...]
    summary: str


@dataclass(frozen=True)
class AliasDeclaration:
    """Hidden aliases declared for one term by ``glossary-aliases``."""

    term: str
    aliases: tuple[str, ...]
    docname: str
    lineno: int | None
    #: the catalogue whose translation of the line declared them ("": the document)
    source: str = ""


@dataclass(frozen=True)
class Segment:
    """A piece of a document in which terms can be mentioned.

    Its *kind* is the mode of its context (:mod:`autoglossary.contexts`):
    ``link`` segments are linkable prose, ``count`` segments are titles,
    rubrics and captions (counted as mentions, never linked; *anchor* is the
    id of the nearest enclosing element), ``reference`` segments are
    explicit ``term`` references whose *text* is the reference target.
    """

    kind: Mode
    text: str
    anchor: str | None = None


@dataclass
class DocRecord:
    """Everything one document contributes, as read from its source.

    Its *segments* are the page's whole mentionable text (an hour-long
    episode: some 50 KB in a few hundred segments), needed again only when
    the page is counted anew (re-read, or the catalogue's phrases changed).
    Pickled, they are packed into one ``bytes`` object and unpacked when
    first asked for: every build loads and saves the environment, and a
    thousand episodes' segments as objects took seconds to load and to save
    on each incremental build; as one string of bytes each, milliseconds.
    """

    entries: list[GlossaryEntry] = field(default_factory=list)
    aliases: list[AliasDeclaration] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if "segments" in state:
            state[_PACKED] = pickle.dumps(state.pop("segments"), protocol=pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        # only for an attribute not set: the segments of a record loaded packed
        packed = self.__dict__.get(_PACKED) if name == "segments" else None
        if packed is None:
            raise AttributeError(name)
        segments: list[Segment] = pickle.loads(packed)
        self.__dict__["segments"] = segments
        del self.__dict__[_PACKED]
        return segments


#: where a pickled :class:`DocRecord` keeps its segments, packed
_PACKED = "_packed_segments"


@dataclass(frozen=True)
class TermInfo:
    """A linkable glossary entry, as known to the whole site."""

    key: str
    label: str
    docname: str
    anchor: str
    summary: str
    lineno: int | None


@dataclass(frozen=True)
class Backlink:
    """Where a term is mentioned: one document, how often, where first."""

    docname: str
    title: str
    count: int
    anchor: str | None


@dataclass(frozen=True)
class Problem:
    """A warning found while building the catalogue, emitted later."""

    subtype: GlossaryKind
    message: str
    docname: str
    lineno: int | None
    #: the file of ``lineno`` when it is not the document's (a catalogue)
    source: str = ""


@dataclass(frozen=True)
class Mentions:
    """Mention counts of one document, computed with a given catalogue.

    *fingerprint* is the catalogue's :attr:`Catalogue.fingerprint` they were
    counted with; *digest* names every mention's place and entry (and every
    explicit reference's entry), so two countings of the same text link it
    the same way exactly when their digests are equal.
    """

    fingerprint: str
    counts: dict[str, int]
    anchors: dict[str, str | None]
    digest: str = ""


@dataclass
class Catalogue:
    """All linkable terms of the site and the phrases that reach them.

    Three fingerprints say what changed from one build to the next (see
    :mod:`autoglossary.rewrites`):

    * *fingerprint* — the phrases and reference labels: which text mentions
      which entry.  Pages counted with another one are counted again.
    * *settings* — the configuration values that shape the links.
    * *shown* — for each entry, what a page that mentions it shows of it:
      its label, where it is defined (document and anchor), its tooltip
      summary and its phrases (headwords and aliases).
    """

    terms: dict[str, TermInfo] = field(default_factory=dict)
    phrases: list[tuple[str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""
    settings: str = ""
    shown: dict[str, str] = field(default_factory=dict)
    _matcher: TermMatcher | None = field(default=None, repr=False, compare=False)

    def matcher(self) -> TermMatcher:
        """The compiled matcher, built once per process."""
        if self._matcher is None:
            self._matcher = _compiled(self.fingerprint, self.phrases)
        return self._matcher

    def key_for(self, target: str) -> str | None:
        """The entry key an explicit ``term`` reference target points at."""
        return self.labels.get(term_key(target))

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_matcher"] = None
        return state


_MATCHERS: dict[str, TermMatcher] = {}


def _compiled(fingerprint: str, phrases: list[tuple[str, str]]) -> TermMatcher:
    matcher = _MATCHERS.get(fingerprint)
    if matcher is None:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        matcher = _MATCHERS[fingerprint] = TermMatcher(phrases)
    return matcher


@dataclass
class Store:
    """The extension's part of the build environment."""

    docs: dict[str, DocRecord] = field(default_factory=dict)
    catalogue: Catalogue = field(default_factory=Catalogue)
    mentions: dict[str, Mentions] = field(default_factory=dict)
    backlinks: dict[str, tuple[Backlink, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def get_store(env: BuildEnvironment) -> Store:
    """Return the store attached to *env*, creating it on first use."""
    store = getattr(env, ATTRIBUTE, None)
    if store is None:
        store = Store()
        setattr(env, ATTRIBUTE, store)
    return store

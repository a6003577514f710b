"""Glossary terms, their definitions and aliases.

Read side: :func:`entries_from_doctree` and :func:`aliases_from_doctree` pull
what one document defines out of its doctree (the ``glossary`` nodes that
Sphinx's directive builds, and the ``glossary-aliases`` declarations).

Site side: :func:`build_catalogue` joins, after all documents are read, the
std domain's public list of terms (``get_objects()``, which Sphinx itself
keeps purged and merged) with those per-document records: entries with
several headwords become one entry, hidden aliases are attached to their
entry, and what cannot be linked becomes a located warning:

* ``autoglossary.clash``: a headword that the matcher cannot tell from a
  phrase of an entry defined before it ("Dino" after "DINO", "TORCH7" after
  "Torch7").  The headword is not linked; when it is the entry's first
  headword, the whole entry is left out (no links, no back-links).
  Identical headwords are Sphinx's own "duplicate term" warning.
* ``autoglossary.alias``: an alias that collides in the same way, or aliases
  declared for a term that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx import addnodes

from ..warning_types import GlossaryKind
from .aliases import alias_declarations
from .matcher import PhraseConflict, PhraseSet, fingerprint, normalize
from .store import AliasDeclaration, Catalogue, GlossaryEntry, Problem, TermInfo, term_key

if TYPE_CHECKING:
    from sphinx.domains.std import StandardDomain

SUMMARY_LIMIT = 280
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"'(])")


def summarize(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Shorten a definition to what a tooltip can show.

    The first paragraph is used as it is when it fits in *limit* characters;
    otherwise it is cut after the last sentence that ends within the limit,
    or, failing that, at a word boundary with an ellipsis.
    """
    text = normalize(text)
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "…"


def _clean_text(node: nodes.Element) -> str:
    return "".join(
        part.astext()
        for part in node.findall(nodes.Text)
        if not isinstance(part.parent, (addnodes.index, nodes.system_message))
    )


def _headword_line(
    lines: list[str] | None, headword: str, below: int | None, fallback: int | None
) -> int | None:
    """The 1-based source line of *headword*, searched upwards from *below*.

    Sphinx's glossary records term lines relative to the directive content
    under MyST, while definition paragraphs carry true lines; searching the
    source upwards from the definition gives the right line in both syntaxes.
    """
    if lines is None or below is None:
        return fallback
    for index in range(min(below, len(lines)) - 1, max(below - 40, 0) - 1, -1):
        if lines[index].strip() == headword:
            return index + 1
    return fallback


def _first_paragraph(item: nodes.definition_list_item) -> nodes.paragraph | None:
    """The first paragraph of an entry's definition: its summary, and the
    first line whose number is true under every parser."""
    for child in item.children:
        if isinstance(child, nodes.definition):
            return next(iter(child.findall(nodes.paragraph)), None)
    return None


def _entry(item: nodes.definition_list_item, docname: str, lines: list[str] | None) -> GlossaryEntry | None:
    """The entry one glossary item defines, or None when it has no headword."""
    terms = [child for child in item.children if isinstance(child, nodes.term)]
    if not terms:
        return None
    headwords = tuple(normalize(term.astext()) for term in terms)
    paragraph = _first_paragraph(item)
    below = paragraph.line if paragraph is not None else None
    linenos = tuple(
        _headword_line(lines, word, below, term.line) for word, term in zip(headwords, terms, strict=True)
    )
    summary = summarize(_clean_text(paragraph)) if paragraph is not None else ""
    return GlossaryEntry(headwords, docname, linenos, summary)


def entries_from_doctree(
    doctree: nodes.document, docname: str, lines: list[str] | None = None
) -> list[GlossaryEntry]:
    """The glossary entries a document defines, with their short definitions.

    *lines* is the document's source, used to locate headwords for warnings.
    """
    found = (
        _entry(item, docname, lines)
        for glossary in doctree.findall(addnodes.glossary)
        for item in glossary.findall(nodes.definition_list_item)
    )
    return [entry for entry in found if entry is not None]


def aliases_from_doctree(doctree: nodes.document, docname: str) -> list[AliasDeclaration]:
    """The alias declarations of a document, in source order."""
    found: list[AliasDeclaration] = []
    for node in doctree.findall(alias_declarations):
        for term, aliases, lineno, source in node.get("aliases", []):
            found.append(AliasDeclaration(term, tuple(aliases), docname, lineno, source))
    return found


class Target(NamedTuple):
    """Where the std domain says a term is defined."""

    docname: str
    anchor: str


class _CatalogueBuilder:
    """Gathers the terms, the phrases that reach them and the problems found.

    Phrases are offered in a fixed order (headwords, then terms made
    without a glossary, then aliases); the first one keeps a phrase that
    several claim (:class:`~autoglossary.matcher.PhraseSet`), and every later
    claim from another term is reported where it was made.
    """

    def __init__(self, defined: dict[str, Target]) -> None:
        self.defined = defined
        self.terms: dict[str, TermInfo] = {}
        self.labels: dict[str, str] = {}
        self.phrases = PhraseSet()
        self.problems: list[Problem] = []
        self._in_glossaries: set[str] = set()
        #: the term each glossary headword's anchor belongs to
        self._at: dict[Target, str] = {}

    def add_entry(self, entry: GlossaryEntry) -> None:
        """Make a term of a glossary entry, its headwords its phrases."""
        self._in_glossaries.update(entry.headwords)
        # A headword defined by another document is a duplicate that Sphinx
        # reported ("duplicate term description"); it belongs to that one.
        own = [
            (word, lineno)
            for word, lineno in zip(entry.headwords, entry.linenos, strict=True)
            if word in self.defined and self.defined[word].docname == entry.docname
        ]
        if own:
            self._add_term(own, entry.docname, entry.summary)

    def add_undeclared_terms(self) -> None:
        """Terms created without a glossary directive still link, without summary.

        A name whose anchor is a glossary headword's is that entry's
        original on a translated build (Sphinx keeps the term it read and
        adds the catalogue's translation, at the same anchor): it is not a
        term of its own, but aliases declared for it reach the entry.
        """
        for name, target in sorted(self.defined.items()):
            if name in self._in_glossaries:
                continue
            translated = self._at.get(target)
            if translated is not None:
                self.labels.setdefault(term_key(name), translated)
                continue
            self._add_term([(name, None)], target.docname, "")

    def _add_term(self, headwords: list[tuple[str, int | None]], docname: str, summary: str) -> None:
        """Make a term whose first headword is its label; report its clashes."""
        label, lineno = headwords[0]
        key = term_key(label)
        owner = self.terms.get(key)
        if owner is not None:
            taken = PhraseConflict(label, key, owner.label, owner.key)
            self._report("clash", f"glossary term {label!r}", taken, "term not linked", (docname, lineno))
            return
        self.terms[key] = TermInfo(key, label, docname, self.defined[label].anchor, summary, lineno)
        for word, _ in headwords:
            self._at.setdefault(self.defined[word], key)
        for word, word_line in headwords:
            clash = self._claim(word, key)
            if clash is not None:
                what = f"headword {word!r} of glossary term {label!r}"
                self._report("clash", what, clash, "headword not linked", (docname, word_line))

    def add_aliases(self, declaration: AliasDeclaration) -> None:
        """Make the aliases of one declaration phrases of their term."""
        where = (declaration.docname, declaration.lineno, declaration.source)
        key = self.labels.get(term_key(declaration.term))
        if key is None:
            message = f"aliases declared for unknown glossary term {declaration.term!r}"
            self.problems.append(Problem("alias", message, *where))
            return
        for alias in declaration.aliases:
            clash = self._claim(alias, key)
            if clash is not None:
                what = f"alias {alias!r} of glossary term {self.terms[key].label!r}"
                self._report("alias", what, clash, "alias ignored", where)

    def _claim(self, phrase: str, key: str) -> PhraseConflict | None:
        """Offer *phrase* for *key*; the clash that keeps it from linking, if any."""
        clash = self.phrases.add(phrase, key)
        if clash is None:
            self.labels.setdefault(term_key(phrase), key)
        return clash

    def _report(
        self, subtype: GlossaryKind, what: str, clash: PhraseConflict, outcome: str,
        where: tuple[str, int | None] | tuple[str, int | None, str],
    ) -> None:
        owner = self.terms[clash.kept_key].label
        message = f"{what} collides with {clash.kept_phrase!r} of {owner!r}; {outcome}"
        self.problems.append(Problem(subtype, message, *where))

    def catalogue(self, settings: tuple[object, ...]) -> Catalogue:
        """The finished catalogue, with the fingerprints of what it links and
        of what each term shows (see :class:`~autoglossary.store.Catalogue`)."""
        phrases = list(self.phrases.phrases)
        return Catalogue(
            terms=self.terms,
            phrases=phrases,
            labels=self.labels,
            fingerprint=fingerprint(phrases, sorted(self.labels.items())),
            settings=fingerprint(settings),
            shown=shown_fingerprints(self.terms, phrases),
        )


def shown_fingerprints(terms: dict[str, TermInfo], phrases: list[tuple[str, str]]) -> dict[str, str]:
    """For each term, a fingerprint of what a page mentioning it shows of it.

    A link shows the label (the reference target), the document and anchor
    it leads to and the tooltip summary; the phrases (headwords and aliases)
    are part of it too, so an entry's pages are rewritten when its names
    change.  The headword's source line is not: moving an entry down the
    glossary rewrites no page.
    """
    by_key: dict[str, list[str]] = {}
    for phrase, key in phrases:
        by_key.setdefault(key, []).append(phrase)
    return {
        key: fingerprint(term.label, term.docname, term.anchor, term.summary, sorted(by_key.get(key, ())))
        for key, term in terms.items()
    }


def _defined_terms(std: StandardDomain) -> dict[str, Target]:
    """The std domain's terms, by name.

    Names are kept as written: "DINO" and "Dino" are two entries to Sphinx,
    and which one keeps the phrase must not depend on the reading order.
    """
    return {
        normalize(name): Target(docname, anchor)
        for name, _dispname, objtype, docname, anchor, _prio in std.get_objects()
        if objtype == "term"
    }


def build_catalogue(
    std: StandardDomain,
    entries: Iterable[GlossaryEntry],
    declarations: Iterable[AliasDeclaration],
    settings: tuple[object, ...] = (),
) -> tuple[Catalogue, list[Problem]]:
    """Join the std domain's terms with entries and aliases into a catalogue.

    *entries* and *declarations* must come in a deterministic order (by
    document name, then source order); *settings* are fingerprinted so that
    a configuration change re-links every page that has a mention.
    """
    builder = _CatalogueBuilder(_defined_terms(std))
    for entry in entries:
        builder.add_entry(entry)
    builder.add_undeclared_terms()
    for declaration in declarations:
        builder.add_aliases(declaration)
    return builder.catalogue(settings), builder.problems

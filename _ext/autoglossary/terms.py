"""Glossary terms, their definitions and aliases.

Read side: :func:`entries_from_doctree` and :func:`aliases_from_doctree` pull
what one document defines out of its doctree (the ``glossary`` nodes that
Sphinx's directive builds, and the ``glossary-aliases`` declarations).

Site side: :func:`build_catalogue` joins, after all documents are read, the
std domain's public list of terms (``get_objects()``, which Sphinx itself
keeps purged and merged) with those per-document records: entries with
several headwords become one entry, hidden aliases are attached to their
entry, and colliding or dangling aliases become warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .aliases import alias_declarations
from .matcher import PhraseSet, fingerprint
from .store import AliasDeclaration, Catalogue, GlossaryEntry, Problem, TermInfo

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
    text = " ".join(text.split())
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


def entries_from_doctree(
    doctree: nodes.document, docname: str, lines: list[str] | None = None
) -> list[GlossaryEntry]:
    """The glossary entries a document defines, with their short definitions.

    *lines* is the document's source, used to locate headwords for warnings.
    """
    entries: list[GlossaryEntry] = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [child for child in item.children if isinstance(child, nodes.term)]
            if not terms:
                continue
            headwords = tuple(" ".join(term.astext().split()) for term in terms)
            summary, below = "", None
            for child in item.children:
                if isinstance(child, nodes.definition):
                    paragraph = next(iter(child.findall(nodes.paragraph)), None)
                    if paragraph is not None:
                        summary = summarize(_clean_text(paragraph))
                        below = paragraph.line
            lineno = _headword_line(lines, headwords[0], below, terms[0].line)
            entries.append(GlossaryEntry(headwords, docname, lineno, summary))
    return entries


def aliases_from_doctree(doctree: nodes.document, docname: str) -> list[AliasDeclaration]:
    """The alias declarations of a document, in source order."""
    found: list[AliasDeclaration] = []
    for node in doctree.findall(alias_declarations):
        for term, aliases, lineno in node.get("aliases", []):
            found.append(AliasDeclaration(term, tuple(aliases), docname, lineno))
    return found


class _CatalogueBuilder:
    """Gathers the terms, the phrases that reach them and the problems found.

    Phrases are offered in a fixed order (headwords, then terms made
    without a glossary, then aliases); the first one keeps a phrase that
    several claim (:class:`~autoglossary.matcher.PhraseSet`).
    """

    def __init__(self, defined: dict[str, tuple[str, str, str]]) -> None:
        self.defined = defined
        self.terms: dict[str, TermInfo] = {}
        self.labels: dict[str, str] = {}
        self.phrases = PhraseSet()
        self.problems: list[Problem] = []

    def add_entry(self, entry: GlossaryEntry) -> None:
        """Make a term of a glossary entry, its headwords its phrases."""
        present = [word for word in entry.headwords if word.lower() in self.defined]
        if not present:
            return
        label, docname, anchor = self.defined[present[0].lower()]
        if docname != entry.docname:
            return  # a duplicate definition; Sphinx already warned about it
        key = label.lower()
        if key in self.terms:
            return
        self.terms[key] = TermInfo(key, label, docname, anchor, entry.summary, entry.lineno)
        for word in present:
            self.labels.setdefault(word.lower(), key)
            self.phrases.add(word, key)

    def add_undeclared_terms(self) -> None:
        """Terms created without a glossary directive still link, without summary."""
        for lowered, (name, docname, anchor) in sorted(self.defined.items()):
            if lowered not in self.labels:
                self.terms[lowered] = TermInfo(lowered, name, docname, anchor, "", None)
                self.labels[lowered] = lowered
                self.phrases.add(name, lowered)

    def add_aliases(self, declaration: AliasDeclaration) -> None:
        """Make the aliases of one declaration phrases of their term."""
        key = self.labels.get(" ".join(declaration.term.split()).lower())
        if key is None:
            self.problems.append(
                Problem(
                    "alias",
                    f"aliases declared for unknown glossary term {declaration.term!r}",
                    declaration.docname,
                    declaration.lineno,
                )
            )
            return
        for alias in declaration.aliases:
            conflict = self.phrases.add(alias, key)
            if conflict is None:
                self.labels.setdefault(alias.lower(), key)
                continue
            self.problems.append(
                Problem(
                    "alias",
                    f"alias {alias!r} of glossary term {self.terms[key].label!r} collides "
                    f"with {conflict.kept_phrase!r} of {self.terms[conflict.kept_key].label!r}; "
                    "alias ignored",
                    declaration.docname,
                    declaration.lineno,
                )
            )

    def catalogue(self, settings: tuple[object, ...]) -> Catalogue:
        """The finished catalogue, with the fingerprint of what it links."""
        phrases = list(self.phrases.phrases)
        terms = self.terms
        return Catalogue(
            terms=terms,
            phrases=phrases,
            labels=self.labels,
            fingerprint=fingerprint(
                sorted((t.key, t.label, t.docname, t.anchor, t.summary) for t in terms.values()),
                phrases,
                settings,
            ),
        )


def _defined_terms(std: StandardDomain) -> dict[str, tuple[str, str, str]]:
    """The std domain's terms: lower-cased name -> (name, docname, anchor)."""
    defined: dict[str, tuple[str, str, str]] = {}
    for name, _dispname, objtype, docname, anchor, _prio in std.get_objects():
        if objtype == "term":
            defined.setdefault(" ".join(name.split()).lower(), (name, docname, anchor))
    return defined


def build_catalogue(
    std: StandardDomain,
    entries: Iterable[GlossaryEntry],
    declarations: Iterable[AliasDeclaration],
    settings: tuple[object, ...] = (),
) -> tuple[Catalogue, list[Problem]]:
    """Join the std domain's terms with entries and aliases into a catalogue.

    *entries* and *declarations* must come in a deterministic order (by
    document name, then source order); *settings* are folded into the
    fingerprint so that a configuration change re-links every page.
    """
    builder = _CatalogueBuilder(_defined_terms(std))
    for entry in entries:
        builder.add_entry(entry)
    builder.add_undeclared_terms()
    for declaration in declarations:
        builder.add_aliases(declaration)
    return builder.catalogue(settings), builder.problems

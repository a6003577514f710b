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
from .matcher import fingerprint, normalize, overlaps
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
    problems: list[Problem] = []
    defined: dict[str, tuple[str, str, str]] = {}
    for name, _dispname, objtype, docname, anchor, _prio in std.get_objects():
        if objtype == "term":
            defined.setdefault(" ".join(name.split()).lower(), (name, docname, anchor))

    terms: dict[str, TermInfo] = {}
    labels: dict[str, str] = {}
    headword_phrases: list[tuple[str, str]] = []
    for entry in entries:
        present = [word for word in entry.headwords if word.lower() in defined]
        if not present:
            continue
        label, docname, anchor = defined[present[0].lower()]
        if docname != entry.docname:
            continue  # a duplicate definition; Sphinx already warned about it
        key = label.lower()
        if key in terms:
            continue
        terms[key] = TermInfo(key, label, docname, anchor, entry.summary, entry.lineno)
        for word in present:
            labels.setdefault(word.lower(), key)
            headword_phrases.append((word, key))
    # Terms created without a glossary directive still link, without summary.
    for lowered, (name, docname, anchor) in sorted(defined.items()):
        if lowered not in labels:
            terms[lowered] = TermInfo(lowered, name, docname, anchor, "", None)
            labels[lowered] = lowered
            headword_phrases.append((name, lowered))

    phrases = list(headword_phrases)
    by_fold: dict[str, list[tuple[str, str]]] = {}
    for phrase, key in phrases:
        by_fold.setdefault(normalize(phrase).casefold(), []).append((phrase, key))
    for declaration in declarations:
        found = labels.get(" ".join(declaration.term.split()).lower())
        if found is None:
            problems.append(
                Problem(
                    "alias",
                    f"aliases declared for unknown glossary term {declaration.term!r}",
                    declaration.docname,
                    declaration.lineno,
                )
            )
            continue
        key = found
        for alias in declaration.aliases:
            fold = normalize(alias).casefold()
            clash = next(
                ((phrase, other) for phrase, other in by_fold.get(fold, ()) if overlaps(alias, phrase)),
                None,
            )
            if clash is None:
                phrases.append((alias, key))
                by_fold.setdefault(fold, []).append((alias, key))
                labels.setdefault(alias.lower(), key)
            elif clash[1] != key:
                problems.append(
                    Problem(
                        "alias",
                        f"alias {alias!r} of glossary term {terms[key].label!r} collides "
                        f"with {clash[0]!r} of {terms[clash[1]].label!r}; alias ignored",
                        declaration.docname,
                        declaration.lineno,
                    )
                )

    catalogue = Catalogue(terms=terms, phrases=phrases, labels=labels)
    catalogue.fingerprint = fingerprint(
        sorted((t.key, t.label, t.docname, t.anchor, t.summary) for t in terms.values()),
        phrases,
        settings,
    )
    return catalogue, problems

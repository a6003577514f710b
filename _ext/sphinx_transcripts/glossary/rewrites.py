"""Which pages an incremental build must write again.

Sphinx writes the pages it re-read (and, for each, the pages whose toctree
lists it).  Everything else this extension puts in a page is decided at
write time from aggregates of the whole site (:mod:`autoglossary.collector`),
so a page can need writing although its source did not change; the
collector's ``env-get-updated`` handler returns those pages, computed here
by comparing the aggregates before and after the read phase.

What a page shows
-----------------
A page that was not re-read has the same text as before: its stored
segments (:class:`~autoglossary.store.Segment`) are what it can mention.
Its output changes only when

* **its mentions moved** — the catalogue's phrases or labels changed and
  counting the same text again finds other mentions, at other places or of
  other entries (:attr:`Mentions.digest <autoglossary.store.Mentions>`).
  This is how a *new* term or alias reaches a page that mentioned nothing,
  and how a removed one leaves its pages: the text of every page is kept,
  so every page is matched again with the new phrases — one pass of the
  matcher over the site's text, far cheaper than writing a page;
* **a term it mentions now shows differently** — the per-term fingerprint
  (:attr:`Catalogue.shown <autoglossary.store.Catalogue>`: label, target
  document and anchor, tooltip summary, phrases) changed for an entry
  that it mentions (in prose, a heading or an explicit reference);
* **the settings changed** — every page with a mention, before or after;
* **it is a glossary whose back-links changed**.

Nothing is ever *re-read* on the extension's behalf: the catalogue and the
links are derived after reading, so no page's doctree depends on another
page's source.  Pages are counted in a fixed order and the result is
sorted, so serial and parallel builds write the same pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

from .store import Backlink, Catalogue, Mentions, Store


@dataclass(frozen=True)
class Before:
    """The aggregates as they were before this build read anything."""

    catalogue: Catalogue
    mentions: Mapping[str, Mentions]
    backlinks: Mapping[str, tuple[Backlink, ...]]

    @classmethod
    def of(cls, store: Store) -> Before:
        """Keep what *store* holds now (its dicts are replaced, not changed)."""
        return cls(store.catalogue, dict(store.mentions), store.backlinks)


def changed_terms(before: Catalogue, after: Catalogue) -> set[str]:
    """Keys of the entries added, removed, or shown differently."""
    return {
        key
        for key in before.shown.keys() | after.shown.keys()
        if before.shown.get(key) != after.shown.get(key)
    }


def page_changed(
    old: Mentions | None, new: Mentions, changed: Set[str], settings_changed: bool
) -> bool:
    """Whether a page, counted as *old* before and *new* now, must be written.

    *old* is None for a page read in this build (Sphinx writes it anyway).
    """
    if old is None or old.digest != new.digest:
        return True
    if settings_changed and (old.counts or new.counts):
        return True
    return not changed.isdisjoint(new.counts)


def glossaries_with_new_backlinks(before: Before, store: Store) -> set[str]:
    """The pages defining an entry whose back-links changed (where it is
    defined now, or was defined when it is gone)."""
    pages: set[str] = set()
    for key in store.backlinks.keys() | before.backlinks.keys():
        if store.backlinks.get(key) == before.backlinks.get(key):
            continue
        term = store.catalogue.terms.get(key) or before.catalogue.terms.get(key)
        if term is not None:
            pages.add(term.docname)
    return pages


def pages_to_rewrite(before: Before, store: Store, found_docs: Set[str]) -> list[str]:
    """The pages whose output changed with the aggregates, sorted."""
    after = store.catalogue
    changed = changed_terms(before.catalogue, after)
    settings_changed = before.catalogue.settings != after.settings
    pages = {
        docname
        for docname, mentions in store.mentions.items()
        if page_changed(before.mentions.get(docname), mentions, changed, settings_changed)
    }
    pages |= glossaries_with_new_backlinks(before, store)
    return sorted(pages & found_docs)

"""Pages whose navigation changed are written again: their "previous" and
"next" links, and the tree of the site navigation (:mod:`.navigation`).

Every HTML page links to the pages before and after it in the table of
contents, and names them by their titles.  Sphinx works these links out
when it writes a page, but an incremental build writes only the pages it
read (and those whose toctree lists them).  When an episode is added,
removed or moved, or a page's title changes, the pages next to it keep the
old links until something else makes Sphinx write them: a "next" link to
a page that is gone, or no link to the new episode.

After every read phase (``env-get-updated``, in the main process, before the
environment is saved) this module compares each page's neighbours, with
their titles, to what the last build recorded, and returns the pages whose
neighbours changed, so they are written again.  A page that is new or was
re-read is written anyway; returning it too changes nothing.

The same goes for the site navigation (sphinx #5506: a new page is missing
from every other page's sidebar until each is written again).  A page's
tree shows the :func:`~.navigation.listing` of each page on its path from
the root: the pages whose path crosses a listing that changed (an entry
added, removed or moved, a title changed) are written again.  Adding an
episode to a season changes the season's listing: its pages are written,
not the archive's other seasons; a change to the root's listing (a new
season) reaches every page, since every page shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

from ..state import state
from .navigation import Listing, listing, path_to

#: For each page: its parent, previous and next pages, each with its title.
Neighbours = tuple[tuple[str, str] | None, ...]


def neighbours(env: BuildEnvironment) -> dict[str, Neighbours]:
    """Each page's parent, previous and next pages in the table of
    contents, with their titles, as the HTML builders show them."""

    def named(docname: str | None) -> tuple[str, str] | None:
        if docname is None:
            return None
        title = env.titles.get(docname)
        return docname, title.astext() if title is not None else ""

    return {
        docname: tuple(named(other) for other in related)
        for docname, related in env.collect_relations().items()
    }


def listings(app: Sphinx, env: BuildEnvironment) -> dict[str, Listing]:
    """What every page that has toctrees lists (see :mod:`.navigation`)."""
    holders = {env.config.root_doc, *env.toctree_includes}
    return {docname: listing(env, docname, app.tags) for docname in holders
            if docname in env.all_docs}


def pages_with_new_neighbours(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The existing pages whose neighbours or navigation tree changed since
    the last build."""
    now = neighbours(env)
    listed = listings(app, env)
    kept = state(env)
    before, kept.neighbours = kept.neighbours, now
    listed_before, kept.listings = kept.listings, listed
    if before is None or listed_before is None:  # a fresh environment: every page is written anyway
        return []
    # a page taken out of every toctree has no neighbours now; one put into
    # a toctree had none before
    changed = {
        docname
        for docname in before.keys() | now.keys()
        if docname in env.found_docs and before.get(docname) != now.get(docname)
    }
    moved = {doc for doc in listed.keys() | listed_before.keys()
             if listed.get(doc) != listed_before.get(doc)}
    root = env.config.root_doc
    if root in moved:  # every page shows the root's entries
        return sorted(env.found_docs)
    if moved:
        parents = {doc: related[0][0] if related[0] else None for doc, related in now.items()}
        changed.update(doc for doc in env.found_docs
                       if not moved.isdisjoint(path_to(parents, doc, root)))
    return sorted(changed)


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_with_new_neighbours)

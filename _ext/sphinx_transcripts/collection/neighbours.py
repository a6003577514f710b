"""Pages whose "previous" and "next" links changed are written again.

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
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

from ..state import state

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


def pages_with_new_neighbours(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The existing pages whose neighbours changed since the last build."""
    now = neighbours(env)
    kept = state(env)
    before, kept.neighbours = kept.neighbours, now
    if before is None:  # a fresh environment: every page is written anyway
        return []
    # a page taken out of every toctree has no neighbours now; one put into
    # a toctree had none before
    return sorted(
        docname
        for docname in before.keys() | now.keys()
        if docname in env.found_docs and before.get(docname) != now.get(docname)
    )


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_with_new_neighbours)

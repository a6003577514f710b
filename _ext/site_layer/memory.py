"""Memory: an archive's pages are not all held at once between reading and writing.

A serial build keeps every page it reads in memory, as a doctree, until it
writes that page (``env._write_doc_doctree_cache``), and keeps the bytes of
every doctree it loads from disk (``env._pickled_doctree_cache``) until the
build ends.  Both grow with the archive: a thousand hour-long episodes are
some 1.2 GB of doctrees held from the end of reading to the start of writing,
the peak of the build.  Every doctree is written to the doctree folder as it
is read anyway, so the HTML writer can load each page from there when it
writes it: loading costs about 3 ms a page (unpickling a 9,000-word
episode), far less than the pages' share of memory is worth on a 2 or 3 GB
build machine (Read the Docs).

- When a page has been read (``doctree-read`` of the next page, and once
  every page is read: ``env-updated``), the cached doctrees are dropped;
- when a page has been resolved for writing (``doctree-resolved``), the
  bytes of its pickle are dropped: no builder loads a page twice.

Only Sphinx's private caches are touched, and only to empty them: a Sphinx
without them (a later version) is left alone, and every page is loaded
exactly as Sphinx loads a page it did not read in this build.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: the caches of sphinx.environment.BuildEnvironment this module empties
READ_CACHE = "_write_doc_doctree_cache"
BYTES_CACHE = "_pickled_doctree_cache"


def _cache(env: BuildEnvironment, name: str) -> dict[str, Any] | None:
    found = env.__dict__.get(name)
    return found if isinstance(found, dict) else None


def drop_read_pages(app: Sphinx, doctree: nodes.document) -> None:
    """The pages read before this one: their doctrees are on disk."""
    cache = _cache(app.env, READ_CACHE)
    if cache:
        cache.clear()


def drop_after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    cache = _cache(env, READ_CACHE)
    if cache:
        cache.clear()
    return []


def drop_loaded_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    cache = _cache(app.env, BYTES_CACHE)
    if cache:
        cache.pop(docname, None)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", drop_read_pages)
    app.connect("env-updated", drop_after_reading)
    app.connect("doctree-resolved", drop_loaded_page)

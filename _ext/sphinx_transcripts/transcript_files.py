"""A transcript file is data, never a page of its own.

A Markdown transcript (``transcripts/ep42.md``) in a MyST project has a
source suffix: Sphinx would read it as a page (running whatever markup it
holds, which a transcript may not do), and warn that no toctree lists it.
So the files that ``{transcript}`` directives name are taken out of the
project's documents before Sphinx reads anything (``env-get-outdated``),
with no ``exclude_patterns`` to write:

- the pages about to be read are scanned for a ``transcript`` directive with
  a file argument (MyST's fences, reST's ``.. transcript::``), which finds
  the files of a first build and of pages just edited;
- the files the directive read for pages that are not read again are
  remembered from their last reading (:attr:`.state.State.sources`).

A file taken out that was built as a page before is removed from the
environment like a deleted page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .state import PerDocumentCollector, state

#: the file argument of a transcript directive, in MyST (``` or ::: fences) or reST
_ARGUMENT = re.compile(
    r"^[ \t]*(?:(?:`{3,}|~{3,}|:{3,})[ \t]*\{transcript\}|\.\.[ \t]+transcript::)"
    r"[ \t]+(?P<path>\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)


def note_source(directive: SphinxDirective, path: str) -> None:
    """Remember that the directive's page reads the file at ``path``."""
    env = directive.env
    docname = env.path2doc(path)
    if docname is not None and docname != env.docname:
        state(env).sources.setdefault(env.docname, set()).add(docname)


def named_in(env: BuildEnvironment, docname: str) -> Iterator[str]:
    """The documents that ``docname``'s transcript directives name as files."""
    try:
        text = env.doc2path(docname).read_text(encoding=env.config.source_encoding,
                                              errors="replace")
    except OSError:
        return
    for found in _ARGUMENT.finditer(text):
        _, path = env.relfn2path(found["path"], docname)
        named = env.path2doc(path)
        if named is not None and named != docname:
            yield named


class SourcesCollector(PerDocumentCollector):
    """Keeps, by page, the documents its transcripts read (filled in by the
    directive while the page is read: see :func:`note_source`)."""

    records = "sources"

    def process_doc(self, app: Sphinx, doctree: object) -> None:
        pass


def exclude_sources(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Take the transcript files out of the documents Sphinx reads and writes."""
    reading = added | changed
    sources: set[str] = set()
    for page, read in state(env).sources.items():
        if page not in reading and page not in removed:
            sources |= read
    for page in sorted(reading):
        sources.update(named_in(env, page))
    for source in sources & env.found_docs:
        env.project.docnames.discard(source)
        added.discard(source)
        changed.discard(source)
        if source in env.all_docs:
            removed.add(source)
    return []


def setup(app: Sphinx) -> None:
    app.add_env_collector(SourcesCollector)
    # before the other handlers of the event, which look at what is to be read
    app.connect("env-get-outdated", exclude_sources, priority=100)

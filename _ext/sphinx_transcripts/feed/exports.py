"""What a page publishes for the podcast feed: the writers' files on an ``exports`` node.

The directive calls :func:`exports_node` with the resolved transcript; the
writers (:mod:`.writers`, pure) make the texts at read time, so they travel
in the doctree like everything else a renderer needs, and the HTML
renderer only writes them out (:func:`..render.html.visit_exports`).

Two transcripts must not publish files of the same name in the same folder:
one would overwrite the other.  :class:`FeedFilesCollector` keeps the names
each page publishes, and :func:`warn_clashes` checks them against each other
once every page is read (``env-check-consistency``).
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.util import logging

from ..dialogue import elements
from ..model import Transcript
from ..state import PerDocumentCollector, state
from ..writers import feed_files

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def stem(docname: str, name: str, serial: int) -> str:
    """The files' name: the directive's ``:name:``, else the page's, with
    ``-t2``, ``-t3`` for the second and later transcripts of a page."""
    if name and slug(name):
        return slug(name)
    base = slug(posixpath.basename(docname)) or "transcript"
    return base if serial == 0 else f"{base}-t{serial + 1}"


def exports_node(
    transcript: Transcript, docname: str, name: str, serial: int, language: str = ""
) -> list[elements.exports]:
    """The page's feed files for ``transcript``, or nothing when it has none;
    ``language`` is the page's (the build's ``language``), in which a
    translated build's files are written."""
    files = feed_files(transcript)
    if not files:
        return []
    return [elements.exports("", stem=stem(docname, name, serial), docname=docname, language=language,
                       files=[tuple(f) for f in files])]


class Published(NamedTuple):
    """The files one transcript publishes: ``<stem>.<suffix>`` for each
    suffix, in the folder of its page; where its directive is."""

    stem: str
    suffixes: tuple[str, ...]
    source: str
    line: int | None


def published(env: BuildEnvironment) -> dict[str, list[Published]]:
    """The feed files of every page that has some, by document name."""
    return state(env).published


class FeedFilesCollector(PerDocumentCollector):
    """Collect the feed files each page publishes (:class:`Published`)."""

    records = "published"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        found = [
            Published(node["stem"], tuple(file[2] for file in node["files"]),
                      node.source or "", node.line)
            for node in doctree.findall(elements.exports)
        ]
        if found:
            published(app.env)[app.env.docname] = found


def warn_clashes(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn, at the later directive, of two transcripts that publish a file of
    the same name in the same folder (the folder of their pages' sources, as
    the html and singlehtml builders write them)."""
    seen: dict[str, tuple[str, Published]] = {}
    for docname in sorted(published(env)):
        folder = posixpath.dirname(docname)
        for files in published(env)[docname]:
            clash = None
            for suffix in files.suffixes:
                path = posixpath.join(folder, f"{files.stem}.{suffix}")
                first = seen.setdefault(path, (docname, files))
                if first[1] is not files and clash is None:
                    clash = path, *first
            if clash is None:
                continue
            path, other, theirs = clash
            where = "this page" if other == docname else f"page {other!r}"
            line = f" (line {theirs.line})" if theirs.line else ""
            logger.warning(
                f"the feed files of this transcript ({path} and the others named "
                f"{files.stem!r}) are those of a transcript on {where}{line} too: one "
                "would overwrite the other; give one of them another :name:",
                location=f"{files.source}:{files.line}" if files.line else files.source,
                type="transcript", subtype="feed",
            )


def setup(app: Sphinx) -> None:
    app.add_env_collector(FeedFilesCollector)
    app.connect("env-check-consistency", warn_clashes)

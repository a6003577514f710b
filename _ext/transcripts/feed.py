"""What a page publishes for the podcast feed: the writers' files on an ``exports`` node.

The directive calls :func:`exports_node` with the resolved transcript; the
writers (:mod:`.writers`, pure) make the texts at read time, so they travel
in the doctree like everything else a renderer needs, and the HTML
renderer only writes them out (:func:`.html.visit_exports`).
"""

from __future__ import annotations

import posixpath
import re

from . import nodes as tn
from .model import Transcript
from .writers import feed_files


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def stem(docname: str, name: str, serial: int) -> str:
    """The files' name: the directive's ``:name:``, else the page's, with
    ``-t2``, ``-t3`` for the second and later transcripts of a page."""
    if name and slug(name):
        return slug(name)
    base = slug(posixpath.basename(docname)) or "transcript"
    return base if serial == 0 else f"{base}-t{serial + 1}"


def exports_node(transcript: Transcript, docname: str, name: str, serial: int) -> list[tn.exports]:
    """The page's feed files for ``transcript``, or nothing when it has none."""
    files = feed_files(transcript)
    if not files:
        return []
    return [tn.exports("", stem=stem(docname, name, serial), docname=docname,
                       files=[tuple(f) for f in files])]

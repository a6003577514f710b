"""Doctree snapshots of the transcript directive, before and after post-transforms.

The same transcripts are written in MyST (test-myst) and reST (test-rst).  The
dialogue each page produces is compared with a checked-in snapshot, and
where the two markups mean the same, they must give the same doctree: the
directive does not care which parser hosts it.  After a deliberate change, rewrite the snapshots with::

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/dialogue/test_doctree_snapshots.py
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import ROOT
from docutils import nodes
from sphinx_transcripts.dialogue import elements
from sphinx_transcripts.glossary.linking import merge_text_runs

SNAPSHOTS = ROOT / "tests" / "regressions"
PAGES = ["inline", "qa", "bullets"]


@pytest.fixture
def built(markup_root):
    return markup_root


def dialogue_xml(doctree) -> str:
    """The page's dialogues as pseudo-XML, free of build paths.

    MyST keeps each source line of a paragraph as its own text node where
    docutils keeps one; the runs are joined so the two compare equal.
    """
    for element in doctree.findall(nodes.Element):
        merge_text_runs(element)
    text = "".join(node.pformat() for node in doctree.findall(elements.dialogue))
    # where a node came from is the only thing that differs between builds
    return re.sub(r' (source|line)="[^"]*"', "", text)


def check(name: str, actual: str) -> None:
    path = SNAPSHOTS / f"{name}.xml"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


@pytest.mark.parametrize("page", PAGES)
def test_doctree_before_and_after_post_transforms(built, page: str) -> None:
    markup, app = built
    check(f"{markup}-{page}-read", dialogue_xml(app.env.get_doctree(page)))
    check(f"{markup}-{page}-resolved", dialogue_xml(app.env.get_and_resolve_doctree(page, app.builder, tags=app.tags)))


@pytest.mark.parametrize("page", ["qa", "bullets"])
@pytest.mark.parametrize("stage", ["read", "resolved"])
def test_myst_and_rest_give_the_same_doctree(page: str, stage: str) -> None:
    """Pages whose markup has the same meaning in both languages.

    (``inline`` has a hyperlink, which reST records with a named target and
    MyST does not, so its snapshots differ by that target and nothing else.)
    """
    myst = (SNAPSHOTS / f"myst-{page}-{stage}.xml").read_text(encoding="utf-8")
    rst = (SNAPSHOTS / f"rst-{page}-{stage}.xml").read_text(encoding="utf-8")
    assert myst == rst

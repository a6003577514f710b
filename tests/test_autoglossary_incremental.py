"""Parallel builds equal serial ones; incremental builds relink what changed."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"


def copy_root(name: str, dest: Path) -> Path:
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


def pages(app: SphinxTestApp) -> dict[str, str]:
    """The HTML of every page, without the parts that name the build itself."""
    result = {}
    for path in sorted(app.outdir.glob("*.html")):
        if path.stem in ("genindex", "search"):
            continue
        html = path.read_text(encoding="utf-8")
        result[path.stem] = re.sub(r"\?v=[0-9a-f]+", "", html)
    return result


@pytest.mark.parametrize("root", ["autoglossary-myst", "autoglossary-rst"])
def test_parallel_build_equals_serial(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, root: str
) -> None:
    serial = make_app("html", srcdir=copy_root(root, tmp_path / "serial"))
    serial.build()
    expected, serial_warnings = pages(serial), serial.warning.getvalue()
    serial.cleanup()  # unregister its nodes before the second application
    parallel = make_app("html", srcdir=copy_root(root, tmp_path / "parallel"), parallel=2)
    parallel.build()
    assert parallel.warning.getvalue() == serial_warnings == ""
    assert "autoglossary-backlinks" in expected["glossary"]
    assert pages(parallel) == expected


def written_docs(app: SphinxTestApp) -> list[str]:
    """Record which documents the next build resolves for writing."""
    written: list[str] = []
    app.connect("doctree-resolved", lambda _app, _tree, docname: written.append(docname))
    return written


def touch_later(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def settle(src: Path) -> None:
    """Date every source before the outputs just written (no sleeping)."""
    past = time.time() - 100
    for path in src.glob("*.md"):
        os.utime(path, (past, past))


def backlinks_of(app: SphinxTestApp, term_id: str) -> str:
    html = (app.outdir / "glossary.html").read_text(encoding="utf-8")
    entry = BeautifulSoup(html, "html.parser").select_one(f"dt#{term_id}").find_next_sibling("dd")
    paragraph = entry.select_one("p.autoglossary-backlinks")
    return paragraph.get_text() if paragraph else ""


def test_incremental_builds(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> None:
    src = copy_root("autoglossary-myst", tmp_path / "src")
    app = make_app("html", srcdir=src)
    app.build()
    settle(src)
    assert backlinks_of(app, "term-CUDA") == (
        "Mentioned in: Other page (2 mentions) and Interview about Keras (1 mention)."
    )

    # 1. Nothing changed: nothing is outdated and nothing is rewritten.
    written = written_docs(app)
    assert list(app.builder.get_outdated_docs()) == []
    app.build()
    assert written == []

    # 2. One page gains a mention: only that page is outdated; the glossary
    #    is rewritten too because its back-links changed (and Sphinx itself
    #    rewrites "index", whose toctree shows the page's title).
    touch_later(
        src / "other.md",
        "# Other page\n\nThis page mentions PyTorch once and CUDA twice: CUDA.\n\n"
        "A new paragraph on CUDA and the GPU platform.\n",
    )
    assert list(app.builder.get_outdated_docs()) == ["other"]
    written.clear()
    app.build()
    settle(src)
    assert sorted(written) == ["glossary", "index", "other"]
    assert backlinks_of(app, "term-CUDA") == (
        "Mentioned in: Other page (3 mentions) and Interview about Keras (1 mention)."
    )
    assert backlinks_of(app, "term-PyTorch").startswith("Mentioned in: Other page (1 mention)")

    # 3. A page changes without changing any count: the glossary is left alone.
    touch_later(src / "other.md", (src / "other.md").read_text(encoding="utf-8") + "\nMore.\n")
    written.clear()
    app.build()
    settle(src)
    assert sorted(written) == ["index", "other"]

    # 4. The glossary gains an alias for CUDA: the pages that mention CUDA
    #    are relinked ("index" is written because its toctree lists them).
    glossary = src / "glossary.md"
    touch_later(
        glossary,
        glossary.read_text(encoding="utf-8").replace(
            "Hugging Face: HuggingFace", "Hugging Face: HuggingFace\nCUDA: GPU platform"
        ),
    )
    assert list(app.builder.get_outdated_docs()) == ["glossary"]
    written.clear()
    app.build()
    settle(src)
    assert sorted(written) == ["glossary", "index", "other", "page"]
    other = BeautifulSoup((app.outdir / "other.html").read_text(encoding="utf-8"), "html.parser")
    links = [a.get_text() for a in other.select("span.autoglossary > a")]
    assert links == ["PyTorch", "CUDA", "CUDA"]  # "GPU platform" is CUDA, once per paragraph
    assert backlinks_of(app, "term-CUDA").startswith("Mentioned in: Other page (4 mentions)")

    # 5. A page is removed: its back-links disappear.
    (src / "other.md").unlink()
    index = src / "index.md"
    touch_later(index, index.read_text(encoding="utf-8").replace("other\n", ""))
    app.build()
    assert backlinks_of(app, "term-CUDA") == "Mentioned in: Interview about Keras (1 mention)."
    assert "other.html" not in backlinks_of(app, "term-PyTorch")


#: What the environment pickles, as of ``ENV_VERSION``.  When this test fails,
#: the stored data changed shape: bump ``autoglossary.store.ENV_VERSION`` (so
#: that old environments are read again) and record the new shapes here.
STORED_SHAPES = (
    4,
    {
        "Mode": ["link", "count", "reference"],
        "Store": ["docs: dict[str, DocRecord]", "catalogue: Catalogue", "mentions: dict[str, Mentions]",
                  "backlinks: dict[str, tuple[Backlink, ...]]", "problems: list[Problem]"],
        "DocRecord": ["entries: list[GlossaryEntry]", "aliases: list[AliasDeclaration]", "segments: list[Segment]"],
        "GlossaryEntry": ["headwords: tuple[str, ...]", "docname: str", "linenos: tuple[int | None, ...]",
                          "summary: str"],
        "AliasDeclaration": ["term: str", "aliases: tuple[str, ...]", "docname: str", "lineno: int | None"],
        "Segment": ["kind: Mode", "text: str", "anchor: str | None"],
        "Catalogue": ["terms: dict[str, TermInfo]", "phrases: list[tuple[str, str]]", "labels: dict[str, str]",
                      "fingerprint: str", "settings: str", "shown: dict[str, str]",
                      "_matcher: TermMatcher | None"],
        "TermInfo": ["key: str", "label: str", "docname: str", "anchor: str", "summary: str", "lineno: int | None"],
        "Mentions": ["fingerprint: str", "counts: dict[str, int]", "anchors: dict[str, str | None]",
                     "digest: str"],
        "Backlink": ["docname: str", "title: str", "count: int", "anchor: str | None"],
        "Problem": ["subtype: str", "message: str", "docname: str", "lineno: int | None"],
    },
)


def test_env_version_follows_what_is_pickled() -> None:
    from dataclasses import fields
    from typing import get_args

    from autoglossary import contexts, store

    classes = [store.Store, store.DocRecord, store.GlossaryEntry, store.AliasDeclaration, store.Segment,
               store.Catalogue, store.TermInfo, store.Mentions, store.Backlink, store.Problem]
    shapes = {"Mode": list(get_args(contexts.Mode))}
    shapes.update({cls.__name__: [f"{f.name}: {f.type}" for f in fields(cls)] for cls in classes})
    assert (store.ENV_VERSION, shapes) == STORED_SHAPES


@pytest.mark.sphinx("html", testroot="autoglossary-rst")
def test_extension_metadata(app: SphinxTestApp) -> None:
    from autoglossary.store import ENV_VERSION

    extension = app.extensions["autoglossary"]
    assert extension.metadata["env_version"] == ENV_VERSION
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True

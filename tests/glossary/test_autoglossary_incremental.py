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
from conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

ROOTS = ROOT / "tests" / "roots"


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
    6,
    {
        "Mode": ["link", "count", "reference"],
        "Store": ["docs: dict[str, DocRecord]", "catalogue: Catalogue", "mentions: dict[str, Mentions]",
                  "backlinks: dict[str, tuple[Backlink, ...]]", "problems: list[Problem]"],
        "DocRecord": ["entries: list[GlossaryEntry]", "aliases: list[AliasDeclaration]", "segments: list[Segment]"],
        "GlossaryEntry": ["headwords: tuple[str, ...]", "docname: str", "linenos: tuple[int | None, ...]",
                          "summary: str"],
        "AliasDeclaration": ["term: str", "aliases: tuple[str, ...]", "docname: str", "lineno: int | None",
                             "source: str"],
        "Segment": ["kind: Mode", "text: str", "anchor: str | None"],
        "Catalogue": ["terms: dict[str, TermInfo]", "phrases: list[tuple[str, str]]", "labels: dict[str, str]",
                      "fingerprint: str", "settings: str", "shown: dict[str, str]",
                      "_matcher: TermMatcher | None"],
        "TermInfo": ["key: str", "label: str", "docname: str", "anchor: str", "summary: str", "lineno: int | None"],
        "Mentions": ["fingerprint: str", "counts: dict[str, int]", "anchors: dict[str, str | None]",
                     "digest: str"],
        "Backlink": ["docname: str", "title: str", "count: int", "anchor: str | None"],
        "Problem": ["subtype: GlossaryKind", "message: str", "docname: str", "lineno: int | None", "source: str"],
    },
)


def test_env_version_follows_what_is_pickled() -> None:
    from dataclasses import fields
    from typing import get_args

    from sphinx_transcripts.glossary import contexts, store

    classes = [store.Store, store.DocRecord, store.GlossaryEntry, store.AliasDeclaration, store.Segment,
               store.Catalogue, store.TermInfo, store.Mentions, store.Backlink, store.Problem]
    shapes = {"Mode": list(get_args(contexts.Mode))}
    shapes.update({cls.__name__: [f"{f.name}: {f.type}" for f in fields(cls)] for cls in classes})
    assert (store.ENV_VERSION, shapes) == STORED_SHAPES


def test_a_pages_segments_are_pickled_as_one_string_of_bytes() -> None:
    """The environment is loaded and saved by every build: a page's whole
    text (its segments) goes in it as one bytes object, unpacked when the
    page is counted again, and as it was."""
    import pickle

    from sphinx_transcripts.glossary.store import DocRecord, Segment

    record = DocRecord(segments=[Segment("link", "We trained it on a GPU."), Segment("count", "GPUs", "intro"),
                                 Segment("reference", "gpu")])
    loaded = pickle.loads(pickle.dumps(record))
    packed = [value for value in vars(loaded).values() if isinstance(value, bytes)]
    assert len(packed) == 1 and "segments" not in vars(loaded)
    # saved again before it was unpacked: the same bytes, not unpacked for it
    again = pickle.loads(pickle.dumps(loaded))
    assert "segments" not in vars(loaded)
    assert again.segments == record.segments and loaded == record and again == record


@pytest.mark.sphinx("html", testroot="autoglossary-rst")
def test_extension_metadata(app: SphinxTestApp) -> None:
    from sphinx_transcripts.glossary.store import ENV_VERSION

    extension = app.extensions["sphinx_transcripts.glossary"]
    assert extension.metadata["env_version"] == ENV_VERSION
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True


# --------------------------------------------------------------------------- what is re-read and rewritten
#
# test-autoglossary-incremental: a glossary of two terms, "Flux capacitor"
# (A) and "Warp drive" (B, alias "warp engine"), and six pages listed by a
# glob toctree in "index": flux-one and flux-two mention A, warp mentions B,
# both mentions A and B, plain mentions nothing but the word "tachyon",
# quiet mentions nothing.  Sphinx itself writes "index" again whenever a
# page its toctree lists is written (``Builder.write``: files_to_rebuild),
# so it is in every non-empty set of written pages.


class Probe:
    """A copy of the incremental root, built once, then rebuilt after edits,
    recording which documents each rebuild reads and writes."""

    def __init__(
        self, make_app: Callable[..., SphinxTestApp], src: Path, parallel: int, **settings: object
    ) -> None:
        self.src, self.parallel = src, parallel
        self.app = make_app("html", srcdir=src, parallel=parallel, confoverrides=settings)
        self.read: list[str] = []
        self.resolved: list[str] = []
        self.app.connect("env-before-read-docs", lambda _app, _env, docnames: self.read.extend(docnames))
        self.app.connect("doctree-resolved", lambda _app, _tree, docname: self.resolved.append(docname))
        self.app.build()
        assert self.app.warning.getvalue() == ""

    def reconfigure(self, make_app: Callable[..., SphinxTestApp], **settings: object) -> None:
        """Go on with a new application on the same sources and outputs
        (and so the same saved environment), with other settings."""
        self.app.cleanup()
        self.app = make_app("html", srcdir=self.src, parallel=self.parallel, confoverrides=settings)
        self.app.connect("env-before-read-docs", lambda _app, _env, docnames: self.read.extend(docnames))
        self.app.connect("doctree-resolved", lambda _app, _tree, docname: self.resolved.append(docname))

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.src / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        touch_later(path, text.replace(old, new))

    def rebuild(self) -> tuple[list[str], list[str], list[str]]:
        """Build again: (documents read, documents resolved for writing,
        pages whose HTML file was written)."""
        outputs = {path: _page_name(self.app.outdir, path) for path in self.app.outdir.rglob("*.html")}
        now = time.time()
        for path in self.src.rglob("*.md"):
            if path.stat().st_mtime <= now:  # not an edit dated later by touch_later
                os.utime(path, (now - 200, now - 200))
        # The outputs are dated just before now, not further back: Sphinx
        # rewrites every page older than its newest theme template, and on a
        # fresh CI machine those templates were installed moments ago.
        for path in outputs:
            os.utime(path, (now - 1, now - 1))
        self.read.clear()
        self.resolved.clear()
        self.app.build()
        assert self.app.warning.getvalue() == ""
        written = sorted(
            _page_name(self.app.outdir, path)
            for path in self.app.outdir.rglob("*.html")
            if path.stat().st_mtime > now - 0.5 and path.stem not in ("genindex", "search")
        )
        return sorted(self.read), sorted(self.resolved), written

    def html(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup((self.app.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def _page_name(outdir: Path, path: Path) -> str:
    return path.relative_to(outdir).with_suffix("").as_posix()


def all_pages(outdir: Path, main_only: bool = False) -> dict[str, str]:
    """The HTML of every page (sub-directories too), without build names;
    with *main_only*, only the page's content (no navigation)."""
    result = {}
    for path in sorted(outdir.rglob("*.html")):
        if path.stem in ("genindex", "search"):
            continue
        html = re.sub(r"\?v=[0-9a-f]+", "", path.read_text(encoding="utf-8"))
        if main_only:
            html = str(BeautifulSoup(html, "html.parser").select_one("div[role=main]"))
        result[_page_name(outdir, path)] = html
    return result


def tips(probe: Probe, docname: str) -> list[tuple[str, str]]:
    """(link text, tooltip) of each automatic link of a page."""
    return [
        (span.a.get_text(), span.select_one(".autoglossary-tip").get_text())
        for span in probe.html(docname).select("span.autoglossary")
    ]


@pytest.fixture(params=[0, 2], ids=["serial", "j2"])
def probe(
    request: pytest.FixtureRequest, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> Probe:
    return Probe(make_app, copy_root("autoglossary-incremental", tmp_path / "src"), request.param)


def assert_same_as_fresh_build(
    probe: Probe,
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    main_only: bool = False,
    **settings: object,
) -> None:
    """What the incremental builds left equals a fresh build of the same
    sources (in parallel, so -j 2 is held to the same output).

    *main_only* compares the pages' content without their navigation: when
    a page is added or removed, Sphinx does not rewrite its neighbours,
    whose "next"/"previous" links then name the old neighbour until they
    are written again (Sphinx's behaviour, with or without this extension).
    """
    incremental = all_pages(probe.app.outdir, main_only)
    probe.app.cleanup()  # unregister its nodes before the second application
    fresh_src = tmp_path / "fresh"
    shutil.copytree(probe.src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_src, parallel=2, freshenv=True, confoverrides=settings)
    fresh.build()
    assert fresh.warning.getvalue() == ""
    assert incremental == all_pages(fresh.outdir, main_only)


PAGES_WITH_A = ["pages/both", "pages/flux-one", "pages/flux-two"]
PAGES_WITH_B = ["pages/both", "pages/warp"]


def test_nothing_changed_reads_and_writes_nothing(probe: Probe) -> None:
    assert probe.rebuild() == ([], [], [])


def test_editing_a_definition_rewrites_the_glossary_and_the_pages_that_mention_it(
    probe: Probe, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    assert ("flux capacitor", "The device that makes time travel possible.") in tips(probe, "pages/flux-one")
    probe.edit("glossary.md", "The device that makes time travel possible.", "The heart of a time machine.")
    read, resolved, written = probe.rebuild()
    assert read == ["glossary"]
    assert resolved == written == sorted(["glossary", "index", *PAGES_WITH_A])
    assert tips(probe, "pages/flux-one") == [("flux capacitor", "The heart of a time machine.")]
    assert tips(probe, "pages/both") == [
        ("flux capacitor", "The heart of a time machine."),
        ("warp engine", "An engine that moves a ship faster than light."),
        ("flux capacitor", "The heart of a time machine."),
    ]
    assert_same_as_fresh_build(probe, make_app, tmp_path)


def test_an_edit_that_no_page_shows_rewrites_only_the_glossary(probe: Probe) -> None:
    # The second paragraph of a definition is not in its tooltip, and the
    # entries below it moving down two lines changes nothing a page shows.
    probe.edit("glossary.md", "It needs a lot of power.", "It needs 1.21 gigawatts.\n\n  Doc Brown built it.")
    assert probe.rebuild() == (["glossary"], ["glossary", "index"], ["glossary", "index"])


def test_a_new_alias_rewrites_the_pages_of_its_term(probe: Probe) -> None:
    probe.edit("glossary.md", "Warp drive: warp engine", "Warp drive: warp engine, space folder")
    read, resolved, written = probe.rebuild()
    assert read == ["glossary"]
    assert resolved == written == sorted(["glossary", "index", *PAGES_WITH_B])


def test_a_new_term_rewrites_the_pages_whose_text_mentions_it(
    probe: Probe, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    assert tips(probe, "pages/plain") == []
    probe.edit(
        "glossary.md",
        "Warp drive\n",
        "Tachyon\n  A particle that would always move faster than light.\n\nWarp drive\n",
    )
    read, resolved, written = probe.rebuild()
    assert read == ["glossary"]
    assert resolved == written == ["glossary", "index", "pages/plain"]
    assert tips(probe, "pages/plain") == [("tachyon", "A particle that would always move faster than light.")]
    assert backlinks_of(probe.app, "term-Tachyon") == "Mentioned in: Plain (1 mention)."
    assert_same_as_fresh_build(probe, make_app, tmp_path)


def test_removing_a_term_rewrites_the_pages_that_mentioned_it(
    probe: Probe, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    probe.edit("glossary.md", "Warp drive\n  An engine that moves a ship faster than light.\n", "")
    probe.edit("glossary.md", "Warp drive: warp engine", "")
    read, resolved, written = probe.rebuild()
    assert read == ["glossary"]
    assert resolved == written == sorted(["glossary", "index", *PAGES_WITH_B])
    assert tips(probe, "pages/warp") == []
    assert [text for text, _tip in tips(probe, "pages/both")] == ["flux capacitor", "flux capacitor"]
    assert_same_as_fresh_build(probe, make_app, tmp_path)


def test_a_new_page_is_read_with_the_page_listing_it_and_updates_the_glossary(
    probe: Probe, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    touch_later(probe.src / "pages" / "new.md", "# New\n\nAnother warp drive.\n")
    read, resolved, written = probe.rebuild()
    assert read == ["index", "pages/new"]  # the glob toctree of "index" lists it
    assert resolved == written == ["glossary", "index", "pages/new"]  # back-links of B
    assert backlinks_of(probe.app, "term-Warp-drive") == (
        "Mentioned in: Both (1 mention), New (1 mention) and Warp (1 mention)."
    )
    assert_same_as_fresh_build(probe, make_app, tmp_path, main_only=True)


def test_a_new_page_without_mentions_leaves_the_glossary_alone(probe: Probe) -> None:
    touch_later(probe.src / "pages" / "new.md", "# New\n\nNothing here either.\n")
    assert probe.rebuild() == (["index", "pages/new"], ["index", "pages/new"], ["index", "pages/new"])


def test_removing_a_page_rewrites_the_glossary_that_listed_it(
    probe: Probe, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    (probe.src / "pages" / "flux-two.md").unlink()
    read, resolved, written = probe.rebuild()
    assert read == ["index"]
    assert resolved == written == ["glossary", "index"]
    assert backlinks_of(probe.app, "term-Flux-capacitor") == (
        "Mentioned in: Both (2 mentions) and Flux one (1 mention)."
    )
    (probe.app.outdir / "pages" / "flux-two.html").unlink()  # Sphinx leaves the old file
    assert_same_as_fresh_build(probe, make_app, tmp_path, main_only=True)


def test_a_new_density_rewrites_the_pages_with_mentions(
    probe: Probe, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    assert [text for text, _tip in tips(probe, "pages/both")] == ["flux capacitor", "warp engine", "flux capacitor"]
    probe.reconfigure(make_app, autoglossary_density="page")
    read, resolved, written = probe.rebuild()
    assert read == []
    assert resolved == written == sorted({"index", *PAGES_WITH_A, *PAGES_WITH_B})
    assert [text for text, _tip in tips(probe, "pages/both")] == ["flux capacitor", "warp engine"]
    assert_same_as_fresh_build(probe, make_app, tmp_path, autoglossary_density="page")

"""Incremental builds: a transcript file is a dependency of its pages; of the
registry, a page depends on the entries it looked up (and their images); a
page is written again when the pages before and after it change."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.testing.util import SphinxTestApp
from sphinx_transcripts.state import State


@pytest.fixture
def srcdir(rootdir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the root, built once."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-incremental", src)
    build(src)
    return src


def build(src: Path, *, clean: bool = True) -> tuple[SphinxTestApp, list[str]]:
    """Build on the saved environment; return the app and the documents read.

    ``clean``: the build must give no warning."""
    read: list[str] = []
    app = SphinxTestApp("html", srcdir=src, freshenv=False)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    if clean:
        assert app.warning.getvalue() == ""
    return app, sorted(read)


#: the colours of an avatar before and after it is replaced
FIRST, SECOND = (32, 64, 96), (160, 48, 32)


def picture(colour: tuple[int, int, int]) -> bytes:
    """A small PNG of one colour (an avatar is published re-drawn: it must be a picture)."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


def colour_of(path: Path) -> tuple[int, int, int]:
    return Image.open(path).convert("RGB").getpixel((0, 0))


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    # a clearly later mtime, whatever the file system's timestamp resolution
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))


def outdated(src: Path) -> set[str]:
    """The documents the next build would re-read: changed files and dependencies,
    and what the extension adds (the registry's changes, the aggregate pages)."""
    app = SphinxTestApp("html", srcdir=src, freshenv=False)
    try:
        added, changed, removed = app.env.get_outdated_files(config_changed=False)
        more = app.emit("env-get-outdated", app.env, added, changed, removed)
    finally:
        app.cleanup()
    assert not added and not removed
    return changed | {doc for docs in more for doc in docs}


def test_a_second_build_with_no_change_reads_nothing(srcdir: Path) -> None:
    assert outdated(srcdir) == set()
    assert build(srcdir)[1] == []


def test_editing_a_transcript_file_rebuilds_exactly_its_page(srcdir: Path) -> None:
    edit(srcdir / "transcripts" / "first.txt", "Thank you.", "Thanks, glad to be here.")
    assert outdated(srcdir) == {"first"}
    app, read = build(srcdir)
    assert read == ["first"]
    html = (app.outdir / "first.html").read_text(encoding="utf-8")
    assert "Thanks, glad to be here." in html


def test_editing_the_registry_rebuilds_the_pages_with_transcripts(srcdir: Path) -> None:
    edit(srcdir / "speakers.toml", 'bio = "Guest."', 'bio = "Guest, now with a longer bio."')
    assert outdated(srcdir) == {"first", "second"}
    assert build(srcdir)[1] == ["first", "second"]


def test_pages_read_while_the_registry_is_broken_are_reread_once_it_is_fixed(
    srcdir: Path,
) -> None:
    """An unparsable registry is still a dependency: fixing it refreshes the pages."""
    registry = srcdir / "speakers.toml"
    edit(registry, "[[speaker]]", "[[speaker]")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=False)
    try:
        app.build()
    finally:
        app.cleanup()
    assert "speakers.toml:1: WARNING: Expected ']]'" in app.warning.getvalue()
    edit(registry, "[[speaker]", "[[speaker]]")
    assert outdated(srcdir) == {"first", "second"}


def test_replacing_an_avatar_image_rebuilds_the_pages_that_show_it(srcdir: Path) -> None:
    """The picture is part of the page: a new one must reach the output."""
    (srcdir / "eli.png").write_bytes(picture(FIRST))
    edit(srcdir / "speakers.toml", 'bio = "Guest."', 'bio = "Guest."\navatar = "eli.png"')
    assert build(srcdir)[1] == ["first", "second"]
    for path in (srcdir / "eli.png", srcdir / "speakers.toml"):  # now older than the build
        os.utime(path, (path.stat().st_mtime - 100, path.stat().st_mtime - 100))
    assert outdated(srcdir) == set()
    eli = srcdir / "eli.png"
    eli.write_bytes(picture(SECOND))
    later = eli.stat().st_mtime + 20
    os.utime(eli, (later, later))
    assert outdated(srcdir) == {"first", "second"}
    app, _ = build(srcdir)
    html = (app.outdir / "first.html").read_text(encoding="utf-8")
    images = {p.name for p in (app.outdir / "_images").glob("avatar-*.png")}
    assert len(images) == 2 and sum(name in html for name in images) == 1
    # the new picture, not the first one, is on the page
    shown = next(name for name in images if name in html)
    assert colour_of(app.outdir / "_images" / shown) == SECOND


def test_a_missing_avatar_is_picked_up_once_the_image_is_added(srcdir: Path) -> None:
    """Until the image exists the pages are re-read (and warned about) on every
    build; the build that finds it shows it."""
    edit(srcdir / "speakers.toml", 'bio = "Guest."', 'bio = "Guest."\navatar = "eli.png"')
    app, read = build(srcdir, clean=False)
    assert read == ["first", "second"]
    assert "eli.png) does not exist" in app.warning.getvalue()
    registry = srcdir / "speakers.toml"  # edit() dated it ahead; only the image counts now
    os.utime(registry, (registry.stat().st_mtime - 100, registry.stat().st_mtime - 100))
    assert outdated(srcdir) == {"first", "second"}  # still missing: still outdated
    (srcdir / "eli.png").write_bytes(picture(FIRST))
    app, read = build(srcdir)
    assert read == ["first", "second"]
    assert "does not exist" not in app.warning.getvalue()
    html = (app.outdir / "first.html").read_text(encoding="utf-8")
    (shown,) = [p.name for p in (app.outdir / "_images").glob("avatar-*.png") if p.name in html]
    assert colour_of(app.outdir / "_images" / shown) == FIRST
    eli = srcdir / "eli.png"
    os.utime(eli, (eli.stat().st_mtime - 100, eli.stat().st_mtime - 100))
    assert outdated(srcdir) == set()


# -- one entry of the registry, the pages that use it ------------------------------
#
# test-incremental-people: Ada hosts "talk" (with Ben) and "visit" (as "Ada", with
# Zed, whom the registry does not know); Cy signs "essay"; "mentions" names Ben
# with {person}; "people" lists everyone; "index" shows talk, visit and essay as
# cards; "plain" uses no one.


@pytest.fixture
def people_src(rootdir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "people"
    shutil.copytree(rootdir / "test-incremental-people", src)
    build_and_watch(src)
    return src


def build_and_watch(src: Path, parallel: int = 0) -> tuple[SphinxTestApp, list[str], list[str]]:
    """Build on the saved environment, with no warning; return the app, the
    documents read and the documents written."""
    read: list[str] = []
    written: list[str] = []
    app = SphinxTestApp("html", srcdir=src, freshenv=False, parallel=parallel)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.connect(
        "html-page-context",
        lambda app, page, *args: written.append(page) if page in app.env.all_docs else None,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app, sorted(read), sorted(written)


def page(app: SphinxTestApp, name: str) -> str:
    return (app.outdir / f"{name}.html").read_text(encoding="utf-8")


def test_with_the_registry_unchanged_nothing_is_read_or_written(people_src: Path) -> None:
    assert outdated(people_src) == set()
    _, read, written = build_and_watch(people_src)
    assert (read, written) == ([], [])


def test_a_bio_edit_rereads_the_pages_that_show_that_person(people_src: Path) -> None:
    """Ben is in talk (a guest) and in mentions ({person}); the people page shows
    every bio.  The cards list talk: written again, not read."""
    edit(people_src / "speakers.toml", 'bio = "Answers them."', 'bio = "Answers them, at length."')
    assert outdated(people_src) == {"mentions", "people", "talk"}
    app, read, written = build_and_watch(people_src)
    assert read == ["mentions", "people", "talk"]
    assert written == ["index", "mentions", "people", "talk"]
    assert "Answers them, at length." in page(app, "people")
    assert outdated(people_src) == set()


def test_a_byline_author_edit_rereads_the_essay(people_src: Path) -> None:
    edit(people_src / "speakers.toml", 'bio = "Writes essays."', 'bio = "Writes long essays."')
    app, read, written = build_and_watch(people_src)
    assert read == ["essay", "people"]
    assert written == ["essay", "index", "people"]
    assert "Writes long essays." in page(app, "essay")
    assert "Writes long essays." in page(app, "people")


def test_a_new_alias_rereads_the_transcripts_that_declared_that_person(people_src: Path) -> None:
    """An alias is a label the turns of every transcript declaring Ada may use:
    talk names her "Ada Host", visit "Ada"."""
    edit(people_src / "speakers.toml", 'aliases = ["Ada"]', 'aliases = ["Ada", "Dr Host"]')
    assert outdated(people_src) == {"people", "talk", "visit"}
    app, read, _ = build_and_watch(people_src)
    assert read == ["people", "talk", "visit"]
    assert "Also called Ada, Dr Host in the texts." in page(app, "people")


def test_registering_a_name_a_page_used_rereads_that_page(people_src: Path) -> None:
    """visit looked up "Zed Newcomer" and found nobody: now he has an entry."""
    before = page(build_and_watch(people_src)[0], "visit")
    assert "person-zed-newcomer" not in before  # no link for the unregistered
    registry = people_src / "speakers.toml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + '\n[[speaker]]\nname = "Zed Newcomer"\nbio = "Now known."\n',
        encoding="utf-8",
    )
    edit(registry, "", "")  # date it later
    assert outdated(people_src) == {"people", "visit"}
    app, read, written = build_and_watch(people_src)
    assert read == ["people", "visit"]
    assert written == ["index", "people", "visit"]
    assert 'href="people.html#person-zed-newcomer"' in page(app, "visit")
    assert "Now known." in page(app, "people")


def test_removing_an_entry_rereads_the_pages_that_used_it(people_src: Path) -> None:
    registry = people_src / "speakers.toml"
    text = registry.read_text(encoding="utf-8")
    edit(registry, text[text.index("[[speaker]]\nname = \"Cy Writer\""):], "")
    app, read, _ = build_and_watch(people_src)
    assert read == ["essay", "people"]
    assert "Writes essays." not in page(app, "essay")
    assert 'id="person-cy-writer"' in page(app, "people")  # still an author: a plain section


def test_a_new_avatar_rewrites_the_cards_without_rereading_them(people_src: Path) -> None:
    """The cards are made when the index is written, from the listed pages' facts
    and the registry: writing the index again shows Ada's picture."""
    edit(people_src / "speakers.toml", 'aliases = ["Ada"]', 'aliases = ["Ada"]\navatar = "ada.png"')
    app, read, written = build_and_watch(people_src)
    assert read == ["people", "talk", "visit"]
    assert written == ["index", "people", "talk", "visit"]
    cards = page(app, "index").split('class="sd-card ')[1:]
    (shown,) = {p.name for p in (app.outdir / "_images").glob("avatar-*.png")}
    assert [shown in card for card in cards] == [True, True, False]  # talk, visit, essay
    # the picture is a dependency of the pages that show it, and only of them
    ada = people_src / "ada.png"
    ada.write_bytes(picture(SECOND))
    os.utime(ada, (ada.stat().st_mtime + 20,) * 2)
    registry = people_src / "speakers.toml"  # edit() dated it ahead; only the image counts now
    os.utime(registry, (registry.stat().st_mtime - 100,) * 2)
    # (the index is not re-read: its cards are made when it is written, and
    # Sphinx writes it again with the pages its toctree lists)
    assert outdated(people_src) == {"people", "talk", "visit"}


def test_pages_read_in_parallel_record_their_lookups(rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "parallel"
    shutil.copytree(rootdir / "test-incremental-people", src)
    _, read, _ = build_and_watch(src, parallel=2)
    assert len(read) == 7  # read in two processes, their look-ups merged
    edit(src / "speakers.toml", 'bio = "Answers them."', 'bio = "Answers them, at length."')
    assert outdated(src) == {"mentions", "people", "talk"}


# The pages' order in the root's toctrees: talk, visit, essay (the collection),
# then mentions, people, plain.  Every page names the pages before and after
# it (``<link rel="prev">``/``"next"`` and the theme's links): see neighbours.py.
# Every page's site navigation shows the root's entries, so a change to them
# (a page added, taken out or renamed) is written on every page (sphinx #5506);
# tests/collection/test_archive.py has the seasons, where it is not.

EVERY_PAGE = ["essay", "index", "mentions", "people", "plain", "talk", "visit"]


def neighbours_of(app: SphinxTestApp, name: str) -> dict[str, tuple[str, str]]:
    """The page's ``prev`` and ``next`` links: {rel: (address, title)}."""
    soup = BeautifulSoup(page(app, name), "html.parser")
    return {link["rel"][0]: (link["href"], link["title"]) for link in soup.select("link[rel=prev], link[rel=next]")}


def test_a_new_page_rewrites_the_pages_next_to_it(people_src: Path) -> None:
    (people_src / "extra.md").write_text("# An extra\n\nOne more text.\n", encoding="utf-8")
    edit(people_src / "index.md", "visit\nessay", "visit\nextra\nessay")
    app, read, written = build_and_watch(people_src)
    assert read == ["extra", "index"]
    assert written == sorted([*EVERY_PAGE, "extra"])
    assert neighbours_of(app, "visit")["next"] == ("extra.html", "An extra")
    assert neighbours_of(app, "essay")["prev"] == ("extra.html", "An extra")


def test_a_page_taken_out_rewrites_the_pages_that_were_next_to_it(people_src: Path) -> None:
    (people_src / "visit.md").unlink()
    edit(people_src / "index.md", "visit\n", "")
    app, read, written = build_and_watch(people_src)
    assert read == ["index"]
    assert written == [doc for doc in EVERY_PAGE if doc != "visit"]
    assert neighbours_of(app, "talk")["next"] == ("essay.html", "An essay")
    assert neighbours_of(app, "essay")["prev"] == ("talk.html", "A talk")


def test_a_new_title_rewrites_the_pages_that_name_it(people_src: Path) -> None:
    edit(people_src / "visit.md", "# A visit", "# A late visit")
    app, read, written = build_and_watch(people_src)
    assert read == ["visit"]
    assert written == EVERY_PAGE
    assert neighbours_of(app, "talk")["next"] == ("visit.html", "A late visit")
    assert neighbours_of(app, "essay")["prev"] == ("visit.html", "A late visit")


def test_neighbours_are_kept_from_a_parallel_build(rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "parallel"
    shutil.copytree(rootdir / "test-incremental-people", src)
    build_and_watch(src, parallel=2)
    edit(src / "index.md", "talk\nvisit", "visit\ntalk")
    app, read, _ = build_and_watch(src, parallel=2)  # (written: in the writer processes)
    assert read == ["index"]
    assert neighbours_of(app, "visit") == {"prev": ("index.html", "Registry and pages"),
                                           "next": ("talk.html", "A talk")}
    assert neighbours_of(app, "talk") == {"prev": ("visit.html", "A visit"),
                                          "next": ("essay.html", "An essay")}
    assert neighbours_of(app, "essay")["prev"] == ("talk.html", "A talk")


@pytest.mark.sphinx("html", testroot="people")
def test_the_extension_keeps_one_typed_object_in_the_environment(app: SphinxTestApp) -> None:
    """All that is kept between builds is one State (purged and merged per
    document by its collectors), not attributes set on Sphinx's environment."""
    app.build()
    assert sorted(name for name in vars(app.env) if name.startswith("transcripts_")) == ["transcripts_state"]
    kept = app.env.transcripts_state
    assert isinstance(kept, State)
    assert kept.facts and kept.registry is not None and kept.neighbours is not None
    # what is handed from one event of a build to a later one is not kept
    assert (kept.shown, kept.rewrite, kept.registry_fresh) == ({}, [], False)

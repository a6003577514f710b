"""The archive's search index, as each builder writes it (sphinx_transcripts.search).

The test-search root has a timed episode (WebVTT), a typed one whose words
would be markup if shown as HTML, and a glossary term with aliases.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from sphinx_transcripts.search import bundle
from sphinx_transcripts.search.records import Record

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

MARKUP_WARNING = "raw HTML ('<script>') in a transcript is shown as written"


def records(app: SphinxTestApp) -> dict[str, list[Record]]:
    """Every document's records, from the shards' caches beside the doctrees."""
    found: dict[str, list[Record]] = {}
    for path in sorted((Path(app.doctreedir) / f"transcripts-search-{app.builder.name}").glob("*.pickle")):
        with path.open("rb") as file:
            found.update(pickle.load(file))
    return found


def shards(app: SphinxTestApp) -> list[Path]:
    """The bundles the search page reads, the first first."""
    folder = Path(app.outdir) / "_search"
    names = json.loads((folder / "shards.json").read_text(encoding="utf-8"))
    return [folder / name for name in names]


def turn_ids(app: SphinxTestApp, page: str) -> list[str]:
    soup = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")
    return [str(div["id"]) for div in soup.select("div.transcript-turn")]


def only_expected_warnings(app: SphinxTestApp) -> None:
    # the typed page's markup warning, when the page is read (a later builder
    # of the same sources may find them read already)
    lines = [line for line in app.warning.getvalue().splitlines() if line.strip()]
    assert all(MARKUP_WARNING in line for line in lines), lines


@pytest.mark.sphinx("html", testroot="search")
def test_a_record_per_turn_with_speaker_episode_time_and_the_turns_own_address(
    app: SphinxTestApp,
) -> None:
    app.build()
    only_expected_warnings(app)
    found = records(app)
    timed = found["timed"]
    # the addresses are the ids the page gives its turns, whatever they are
    assert [r.url for r in timed] == [f"timed.html#{i}" for i in turn_ids(app, "timed.html")]
    assert [(r.speaker, r.time, r.episode) for r in timed] == [
        ("Mara Quill", "0:01", "Grafting in the Rain"),
        ("Otto Brenn", "1:02", "Grafting in the Rain"),
        ("Mara Quill", "1:07", "Grafting in the Rain"),
    ]
    # the cue's line break is a space: a snippet never keeps the source's lines
    assert timed[1].text == "We grafted the quince onto hawthorn rootstock while it rained."
    typed = found["typed"]
    assert [r.time for r in typed] == ["", "", ""]
    assert typed[1].speaker == "Otto Brenn"
    assert "\n" not in typed[1].text
    assert typed[1].text.startswith('It said <script>alert("pear")</script> and <b>keep out</b>')
    # prose and glossary entries are records too, at their own anchors
    assert [r.url for r in found["index"]] == ["index.html#orchard-talk"]
    assert found["index"][0].text == "Conversations about fruit trees."
    assert [(r.url, r.section) for r in found["glossary"]] == [("glossary.html#term-Malus", "Malus")]


@pytest.mark.sphinx("html", testroot="search")
def test_the_bundle_replaces_sphinxs_index_and_the_glossary_gives_the_synonyms(
    app: SphinxTestApp,
) -> None:
    app.build()
    out = Path(app.outdir)
    assert not (out / "searchindex.js").exists()
    # every page is in the root folder: one shard
    (bundle_folder,) = shards(app)
    assert (bundle_folder / "pagefind.js").is_file()
    assert (bundle_folder / "pagefind-entry.json").is_file()
    # Pagefind's own interfaces are not published: the site has its own page
    assert not (bundle_folder / "pagefind-ui.js").exists()
    assert json.loads((out / "_search" / "synonyms.json").read_text(encoding="utf-8")) == [
        ["apple tree", "apple trees", "Malus"]
    ]
    page = BeautifulSoup((out / "search.html").read_text(encoding="utf-8"), "html.parser")
    results = page.select_one("#search-results")
    assert results is not None and results["data-bundle"] == "_search/"
    scripts = [str(s.get("src", "")) for s in page.select("script")]
    assert any("transcript-search.js" in s for s in scripts)
    assert not any("searchindex.js" in s or "searchtools.js" in s for s in scripts)
    assert page.select_one('meta[name="robots"][content="noindex"]') is not None
    # every page lands: the landing script is on the episode's page
    episode = BeautifulSoup((out / "timed.html").read_text(encoding="utf-8"), "html.parser")
    assert any("transcript-search-landing.js" in str(s.get("src", ""))
               for s in episode.select("script"))


def test_a_records_words_reach_pagefind_as_text_never_markup() -> None:
    record = Record(url='typed.html#turn-2"><script>', text='It said <script>alert("pear")</script> & more',
                    episode="<i>Pruning</i>", speaker="Otto <b>Brenn</b>", time="1:02")
    page = bundle.record_html(record, "en")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;pear&quot;)&lt;/script&gt; &amp; more" in page
    assert 'data-pagefind-meta="speaker">Otto &lt;b&gt;Brenn&lt;/b&gt;<' in page
    assert 'data-pagefind-filter="title">&lt;i&gt;Pruning&lt;/i&gt;<' in page


@pytest.mark.sphinx("dirhtml", testroot="search")
def test_dirhtml_records_use_its_addresses(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    assert [r.url for r in records(app)["timed"]] == [
        f"timed/#{i}" for i in turn_ids(app, "timed/index.html")
    ]
    assert (Path(app.outdir) / "search" / "index.html").is_file()
    assert (shards(app)[0] / "pagefind.js").is_file()


@pytest.mark.sphinx("singlehtml", testroot="search")
def test_the_single_page_has_a_search_page_and_its_own_ids(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    found = records(app)
    # one written document, holding every other: each turn keeps its episode
    assert list(found) == ["index"]
    ids = turn_ids(app, "index.html")
    urls = [r.url for r in found["index"] if r.speaker]
    assert urls == [f"index.html#{i}" for i in ids]
    assert len(set(urls)) == len(urls) == 6
    assert {r.episode for r in found["index"] if r.speaker} == {"Grafting in the Rain", "Pruning Notes"}
    assert (Path(app.outdir) / "search.html").is_file()
    assert (shards(app)[0] / "pagefind.js").is_file()


@pytest.mark.sphinx("epub", testroot="search")
def test_epub_has_no_search(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    assert not (Path(app.outdir) / "_search").exists()
    assert not (Path(app.outdir) / "search.html").exists()


@pytest.mark.sphinx("html", testroot="search", srcdir="search-off",
                    confoverrides={"transcripts_search": False})
def test_switched_off_sphinxs_own_search_stays(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    assert (Path(app.outdir) / "searchindex.js").is_file()
    assert not (Path(app.outdir) / "_search").exists()
    page = (Path(app.outdir) / "search.html").read_text(encoding="utf-8")
    assert "searchtools.js" in page and "transcript-search.js" not in page


@pytest.mark.sphinx("html", testroot="search", srcdir="search-incremental")
def test_an_incremental_build_keeps_the_pages_it_did_not_write(app: SphinxTestApp) -> None:
    app.build()
    (folder,) = shards(app)
    entry = folder / "pagefind-entry.json"
    written = entry.stat().st_mtime_ns
    # nothing changed: the bundle is kept, not indexed again
    app.build()
    assert entry.stat().st_mtime_ns == written
    typed = Path(app.srcdir) / "typed.md"
    typed.write_text(typed.read_text(encoding="utf-8").replace("Malus man", "Malus woman"),
                     encoding="utf-8")
    app.build()
    found = records(app)
    assert set(found) == {"index", "timed", "typed", "glossary"}
    assert found["typed"][2].text == "We call him the Malus woman."
    assert len(found["timed"]) == 3
    # a changed record: the bundle is written again
    assert entry.stat().st_mtime_ns != written


# -- shards ---------------------------------------------------------------------------

PAGE = """{title}
{rule}

{words}
"""


def write_pages(srcdir: Path, pages: dict[str, tuple[str, str]]) -> None:
    for docname, (title, words) in pages.items():
        path = srcdir / f"{docname}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=title, rule="=" * len(title), words=words), encoding="utf-8")


def words_indexed(folder: Path) -> str:
    """The text of every record of one bundle, from its fragments (gzip'd JSON)."""
    texts = []
    for path in sorted((folder / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        texts.append(json.loads(data)["content"])
    return "\n".join(texts)


@pytest.fixture
def two_folders(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_transcripts"]\nproject = "Two Folders"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Two Folders\n===========\n\nThe landing words.\n\n.. toctree::\n   :glob:\n\n   */*\n",
        encoding="utf-8")
    write_pages(srcdir, {
        "north/one": ("North One", "Quinces ripen late in the northern orchard."),
        "north/two": ("North Two", "Medlars wait for the first frost."),
        "south/one": ("South One", "Loquats flower in the southern winter."),
    })
    return srcdir


def test_a_folder_is_a_shard_and_an_edit_indexes_its_shard_alone(
    make_app: Callable[..., SphinxTestApp], two_folders: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs: list[str] = []
    original = bundle.write_bundle

    def counted(records: Any, outdir: Path, *args: Any, **kwargs: Any) -> None:
        runs.append(outdir.name)
        original(records, outdir, *args, **kwargs)

    monkeypatch.setattr(bundle, "write_bundle", counted)
    app = make_app("html", srcdir=two_folders, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    north, south, root = bundle.slug("north"), bundle.slug("south"), bundle.slug("")
    # the root's pages, then each folder: a bundle each, listed for the search page
    assert [path.name for path in shards(app)] == [root, north, south]
    assert sorted(runs) == sorted([root, north, south])
    assert "Medlars wait" in words_indexed(shards(app)[1])
    assert "Loquats flower" not in words_indexed(shards(app)[1])
    assert "Loquats flower" in words_indexed(shards(app)[2])
    cache = Path(app.doctreedir) / "transcripts-search-html"
    assert sorted(p.name for p in cache.glob("*.pickle")) == sorted(f"{n}.pickle" for n in (root, north, south))
    south_cache = (cache / f"{south}.pickle").stat().st_mtime_ns
    south_bundle = (shards(app)[2] / "pagefind-entry.json").stat().st_mtime_ns

    runs.clear()
    write_pages(two_folders, {"north/two": ("North Two", "Medlars blet on straw in the loft.")})
    later = time.time() + 5  # newer than the pages written, whatever the clock's grain
    os.utime(two_folders / "north" / "two.rst", (later, later))
    app.build()
    assert app.warning.getvalue() == ""
    # one shard indexed again: the edited page's; the other folder's cache and
    # bundle are not even rewritten
    assert runs == [north]
    assert (cache / f"{south}.pickle").stat().st_mtime_ns == south_cache
    assert (shards(app)[2] / "pagefind-entry.json").stat().st_mtime_ns == south_bundle
    assert "Medlars blet on straw" in words_indexed(shards(app)[1])
    assert "Medlars wait" not in words_indexed(shards(app)[1])
    assert "Quinces ripen late" in words_indexed(shards(app)[1])
    assert "Loquats flower" in words_indexed(shards(app)[2])

    # a folder gone: its bundle and its cache go with it
    runs.clear()
    shutil.rmtree(two_folders / "south")
    app.build()
    assert runs == []
    assert [path.name for path in shards(app)] == [root, north]
    assert not (Path(app.outdir) / "_search" / south).exists()
    assert not (cache / f"{south}.pickle").exists()


def test_a_folder_of_many_documents_is_split_where_its_names_say() -> None:
    names = [f"episodes/{n:04d}" for n in range(1, 1001)]
    keys = bundle.shard_keys([*names, "index", "about/team"])
    assert keys["index"] == "" and keys["about/team"] == "about"
    parts: dict[str, list[str]] = {}
    for name in names:
        parts.setdefault(keys[name], []).append(name)
    assert 8 <= len(parts) <= 30
    assert max(map(len, parts.values())) <= bundle.SPLIT_MOST
    # each part is a run of the sorted names, named by its first
    for key, members in parts.items():
        assert key == f"episodes@{members[0]}"
        assert names.index(members[-1]) - names.index(members[0]) == len(members) - 1
    # an episode added, or taken out, changes the part it falls in, not the others
    added = bundle.shard_keys([*names, "episodes/0500a"])
    changed = {keys[n] for n in names if added[n] != keys[n]}
    assert len(changed) <= 1
    fewer = bundle.shard_keys([n for n in names if n != "episodes/0700"])
    moved = {keys[n] for n in names if n != "episodes/0700" and fewer[n] != keys[n]}
    assert len(moved) <= 1
    assert len({bundle.slug(key) for key in parts}) == len(parts)


def test_a_failed_build_leaves_no_pagefind_process_nor_half_written_bundle(
    make_app: Callable[..., SphinxTestApp], two_folders: Path,
) -> None:
    # an extension of the project fails after the pages are written, while
    # the shards are (or are about to be) indexed in the background
    (two_folders / "failing.py").write_text(
        "def setup(app):\n"
        "    def fail(app):\n"
        "        raise RuntimeError('the build broke')\n"
        "        yield\n"
        "    app.connect('html-collect-pages', fail)\n", encoding="utf-8")
    conf = two_folders / "conf.py"
    conf.write_text("import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
                    + conf.read_text(encoding="utf-8").replace(
                        '"sphinx_transcripts"]', '"sphinx_transcripts", "failing"]'),
                    encoding="utf-8")
    app = make_app("html", srcdir=two_folders, freshenv=True)
    with pytest.raises(Exception, match="the build broke"):
        app.build()
    assert not [t for t in threading.enumerate() if t.name == "transcripts-search" and t.is_alive()]
    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    if children.exists():
        for pid in children.read_text().split():
            cmdline = Path(f"/proc/{pid}/cmdline")
            assert not (cmdline.exists() and b"pagefind" in cmdline.read_bytes()), pid
    search = Path(app.outdir) / "_search"
    # a bundle is either whole or absent: never a folder Pagefind was writing
    if search.exists():
        assert not [p.name for p in search.iterdir() if p.name.startswith(".")]

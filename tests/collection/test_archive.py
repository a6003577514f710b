"""An archive of seasons: each page's navigation is its path and its own
season, the seasons' pages list their episodes, and an incremental build
writes again exactly the pages whose navigation changed, none stale.

The archive is generated (tests/archive_site.py): three seasons of forty small
episodes in a copy of tests/roots/test-archive, built once for the tests that
look, and once more for each test that changes it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from archive_site import episode_name, write_archive, write_episode, write_season
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

SEASONS = {2024: 40, 2025: 40, 2026: 40}
#: the root's entries: the seasons, newest first, then the reference pages
ROOT_ENTRIES = ["seasons/2026/index", "seasons/2025/index", "seasons/2024/index", "people", "about"]


def build(src: Path, *, fresh: bool = False, **overrides: object) -> tuple[SphinxTestApp, list[str], list[str]]:
    """Build (on the saved environment unless *fresh*), with no warning;
    return the app, the documents read and the documents written."""
    read: list[str] = []
    written: list[str] = []
    app = SphinxTestApp("html", srcdir=src, freshenv=fresh, confoverrides=overrides or None)
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


@pytest.fixture(scope="module")
def built(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SphinxTestApp]:
    """The archive, built once: its sources and the app that built it (for
    the tests that only look at the output)."""
    src = tmp_path_factory.mktemp("archive") / "src"
    shutil.copytree(rootdir / "test-archive", src)
    write_archive(src, SEASONS)
    app, _, _ = build(src, fresh=True)
    return src, app


@pytest.fixture
def site(built: tuple[Path, SphinxTestApp]) -> SphinxTestApp:
    return built[1]


@pytest.fixture
def src(rootdir: Path, tmp_path: Path) -> Path:
    """The archive built afresh, to change (a copy of the module's would be
    read again whole: Sphinx keeps the environment of one source folder)."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-archive", src)
    write_archive(src, SEASONS)
    build(src, fresh=True)
    return src


def soup(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def sidebar_links(app: SphinxTestApp, docname: str) -> list[str]:
    """The documents the page's site navigation links to, in order (the page
    itself as its own name)."""
    tree = soup(app, docname).select_one(".sidebar-tree")
    assert tree is not None
    here = Path(docname).parent
    found = []
    for link in tree.select("a"):
        href = link["href"]
        target = docname if href == "#" else (here / href).as_posix().removesuffix(".html")
        found.append(_normal(target))
    return found


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def navigation(app: SphinxTestApp, docname: str) -> tuple[str, ...]:
    """Everything a page shows of the site's structure: its sidebar tree and
    its previous/next links (the <link>s and furo's footer)."""
    page = soup(app, docname)
    tree = page.select_one(".sidebar-tree")
    links = page.select("link[rel=prev], link[rel=next], .related-pages a")
    return (str(tree), *(f"{link.get('rel')} {link['href']} {link.get_text(' ', strip=True)}"
                         for link in links))


def assert_nothing_stale(src: Path, app: SphinxTestApp, tmp_path: Path) -> None:
    """Every page's navigation is what a fresh build of the same sources shows."""
    fresh_src = tmp_path / "fresh"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh, _, _ = build(fresh_src, fresh=True)
    stale = [doc for doc in sorted(fresh.env.all_docs)
             if navigation(app, doc) != navigation(fresh, doc)]
    assert stale == []


# -- the navigation of a page -------------------------------------------------------


def test_an_episode_shows_the_seasons_and_its_own_season(site: SphinxTestApp) -> None:
    app = site
    season_2025 = [episode_name(2025, number) for number in range(1, 41)]
    assert sidebar_links(app, episode_name(2025, 7)) == [
        "seasons/2026/index", "seasons/2025/index", *season_2025, "seasons/2024/index",
        "people", "about",
    ]
    tree = soup(app, episode_name(2025, 7)).select_one(".sidebar-tree")
    assert tree is not None
    (current,) = tree.select("li.current-page")
    assert current.a["href"] == "#" and current.get_text() == "Small things, part 7"
    # the path is open: the season's item is current and its checkbox checked
    (season,) = tree.select("li.toctree-l1.current")
    assert season.a["href"] == "index.html"
    assert season.select_one("input.toctree-checkbox").has_attr("checked")


def test_the_landing_page_shows_the_seasons_closed(site: SphinxTestApp) -> None:
    app = site
    assert sidebar_links(app, "index") == ROOT_ENTRIES
    assert sidebar_links(app, "about") == ROOT_ENTRIES


def test_a_page_costs_its_season_not_the_archive(site: SphinxTestApp, src: Path) -> None:
    """Twice the seasons: one more link per page for each new season, and
    the same season's episodes; Sphinx's own tree would double."""
    before = len(sidebar_links(site, episode_name(2025, 7)))
    for year in (2021, 2022, 2023):
        write_season(src, year, 40)
    app, _, _ = build(src)
    assert len(sidebar_links(app, episode_name(2025, 7))) == before + 3
    full, _, _ = build(src, fresh=True, transcripts_navigation="full")
    assert len(sidebar_links(full, episode_name(2025, 7))) == 6 * 40 + 6 + 2


def test_the_pages_in_no_toctree_show_the_seasons_closed(site: SphinxTestApp) -> None:
    """The index and the search page list the seasons as the landing page
    does, not every episode of the archive."""
    for page in ("genindex", "search"):
        assert sidebar_links(site, page) == ROOT_ENTRIES


def test_the_404_page_links_the_seasons_from_the_sites_root(src: Path) -> None:
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        '"sphinx_transcripts"]', '"sphinx_transcripts", "notfound.extension"]')
        + 'notfound_urls_prefix = "/en/latest/"\n', encoding="utf-8")
    app, _, _ = build(src, fresh=True)
    tree = soup(app, "404").select_one(".sidebar-tree")
    assert tree is not None
    assert [link["href"] for link in tree.select("a")] == [
        f"/en/latest/{entry}.html" for entry in ROOT_ENTRIES]


def test_with_one_season_the_tree_is_sphinxs_own(rootdir: Path, tmp_path: Path) -> None:
    """A site of one season (the real site's shape): on its pages the tree is
    what Sphinx writes, byte for byte."""
    trees = {}
    for navigation_kind in ("archive", "full"):
        src = tmp_path / navigation_kind
        shutil.copytree(rootdir / "test-archive", src)
        write_season(src, 2026, 5)
        app, _, _ = build(src, fresh=True, transcripts_navigation=navigation_kind)
        trees[navigation_kind] = {
            doc: str(soup(app, doc).select_one(".sidebar-tree"))
            for doc in ["seasons/2026/index", *(episode_name(2026, n) for n in range(1, 6))]
        }
    assert trees["archive"] == trees["full"]


# -- the season's page ----------------------------------------------------------------


def test_a_season_page_lists_its_episodes_with_dates_durations_and_people(site: SphinxTestApp) -> None:
    app = site
    rows = soup(app, "seasons/2025/index").select("table.transcript-archive tbody tr")
    assert len(rows) == 40
    cells = [cell.get_text(" ", strip=True) for cell in rows[6].select("td")]
    assert cells == ["1 July 2025", "Small things, part 7 with Nora Host and Pim Guest", "38 min"]
    assert rows[6].select_one("a")["href"] == "007.html"


def test_the_landing_page_lists_the_seasons_with_their_spans(site: SphinxTestApp) -> None:
    app = site
    rows = soup(app, "index").select("table.transcript-archive tbody tr")
    assert [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in rows] == [
        ["1 January – 3 December 2026", "2026", "40 episodes"],
        ["1 January – 3 December 2025", "2025", "40 episodes"],
        ["1 January – 3 December 2024", "2024", "40 episodes"],
    ]


def test_every_builder_shows_the_archive(built: tuple[Path, SphinxTestApp], tmp_path: Path) -> None:
    app = SphinxTestApp("text", srcdir=built[0], builddir=tmp_path / "text", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    text = (app.outdir / "seasons" / "2025" / "index.txt").read_text(encoding="utf-8")
    assert "1 July 2025" in text and "Small things, part 7" in text and "38 min" in text


# -- incremental builds: what is written again ---------------------------------------------

def season(year: int, count: int = 40) -> list[str]:
    return [episode_name(year, number) for number in range(1, count + 1)]


def test_a_new_episode_rewrites_its_season_and_the_archive_pages(src: Path, tmp_path: Path) -> None:
    write_episode(src, 2025, 41)
    app, read, written = build(src)
    # Sphinx re-reads every page with a glob toctree when a page is added
    assert read == sorted(["index", "seasons/2024/index", "seasons/2025/index",
                           "seasons/2026/index", episode_name(2025, 41)])
    assert written == sorted({
        *read, *season(2025, 41),
        "people",  # Pim Guest is in one more episode
    })
    assert_nothing_stale(src, app, tmp_path)


def test_an_edit_to_one_episode_writes_it_and_its_season_page(src: Path, tmp_path: Path) -> None:
    """A turn edited: the episode, and its season's page (its table shows the
    episode); no other page's navigation changed."""
    page = src / f"{episode_name(2025, 20)}.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "and nothing else.", "and nothing else, not even the list."), encoding="utf-8")
    app, read, written = build(src)
    assert (read, written) == ([episode_name(2025, 20)], [episode_name(2025, 20), "seasons/2025/index"])
    assert_nothing_stale(src, app, tmp_path)


def test_a_new_title_rewrites_its_season_only(src: Path, tmp_path: Path) -> None:
    page = src / f"{episode_name(2024, 40)}.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "# Small things, part 40", "# The fortieth small thing"), encoding="utf-8")
    app, read, written = build(src)
    assert read == [episode_name(2024, 40)]
    # the season's pages show the title in their tree; Sphinx writes the
    # pages listing a page it writes (the landing page lists the season);
    # the people page lists the episode, and follows it (its "previous")
    assert written == sorted([*season(2024), "seasons/2024/index", "index", "people"])
    assert_nothing_stale(src, app, tmp_path)


def test_a_new_season_rewrites_every_page(src: Path, tmp_path: Path) -> None:
    """Every page shows the seasons."""
    write_season(src, 2027, 3)
    app, _, written = build(src)
    assert len(written) == len(app.env.all_docs) == 3 + 120 + 4 + 3
    assert_nothing_stale(src, app, tmp_path)


def test_an_episode_taken_out_leaves_no_link_to_it(src: Path, tmp_path: Path) -> None:
    (src / f"{episode_name(2026, 40)}.md").unlink()
    app, _, written = build(src)
    # 2026 is the first season: 2026/039 is now the season's last, 2025's page
    # follows it
    assert written == sorted([*season(2026, 39), "index", "people", "seasons/2024/index",
                              "seasons/2025/index", "seasons/2026/index"])
    assert_nothing_stale(src, app, tmp_path)

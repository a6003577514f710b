"""An archive of seasons as a reader sees it, in Chromium: a season's page
and an episode with its season in the sidebar pass axe in light and dark
mode and fit a 375 px phone, where furo's drawer opens on the path to the
page; a text's printer button opens the print dialog.  Screenshots go to
``_build/screenshots/archive-*.png``.

The archive is tests/archive_site.py's (three seasons of forty), built
with the site's own layer, templates and styles.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_site import write_archive
from conftest import ROOT, SITE_LAYER_CONF

from browser.conftest import serve
from browser.pages import opened
from browser.test_reader import _screenshot

PAGES = {"season": "seasons/2025/index.html", "episode": "seasons/2025/007.html", "landing": "index.html"}

SITE_LOOK = SITE_LAYER_CONF + f"""
extensions.append("site_layer")
templates_path = [{str(ROOT / "_templates")!r}]
html_static_path = [{str(ROOT / "_static")!r}]
html_css_files = ["site.css"]
html_favicon = {str(ROOT / "_static" / "favicon.svg")!r}
html_show_sourcelink = False
"""


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("archive-pages")
    src = base / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-archive", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(SITE_LOOK)
    write_archive(src, {2024: 40, 2025: 40, 2026: 40})
    out = base / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
         "-d", str(base / "doctrees"), str(src), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    with serve(out) as url:
        yield url


def silent_audio(context: Any) -> None:
    """The episodes' audio (on a made-up host) answered by an empty response: these
    tests are about the navigation (:func:`~browser.pages.opened`'s ``prepare``)."""
    context.route("https://media.example.org/**", lambda route: route.fulfill(status=204, body=b""))


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_archive_pages_pass_axe(browser: Any, archive_url: str, axe_script: Path, screenshots: Path,
                                kind: str, mode: str) -> None:
    with opened(browser, archive_url + PAGES[kind], dark=mode == "dark", prepare=silent_audio) as page:
        _screenshot(page, screenshots / f"archive-{kind}-{mode}.png")
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [f"{v['id']} ({v['impact']}) at {node['target']}: {node['failureSummary']}"
                 for v in result["violations"] for node in v["nodes"]]
        assert not found, "\n".join(found)


def test_the_sidebar_shows_the_season_open_at_the_page(browser: Any, archive_url: str,
                                                        screenshots: Path) -> None:
    with opened(browser, archive_url + PAGES["episode"], prepare=silent_audio) as page:
        current = page.locator(".sidebar-tree li.current-page > a")
        assert current.inner_text() == "Small things, part 7" and current.is_visible()
        # the season's forty episodes are shown, the other seasons closed
        assert page.locator(".sidebar-tree li.toctree-l2").count() == 40
        assert all(page.locator(".sidebar-tree li.toctree-l2").nth(n).is_visible() for n in (0, 39))
        assert page.locator(".sidebar-tree li.toctree-l1").count() == 5


def test_on_a_phone_the_drawer_opens_on_the_season(browser: Any, archive_url: str, screenshots: Path) -> None:
    with opened(browser, archive_url + PAGES["episode"], width=375, prepare=silent_audio) as page:
        sidebar = page.locator(".sidebar-drawer")
        closed = sidebar.bounding_box()
        assert closed is not None and closed["x"] + closed["width"] <= 0  # off the screen
        page.locator(".mobile-header label[for='__navigation']").click()
        page.wait_for_function("document.querySelector('.sidebar-drawer').getBoundingClientRect().left >= 0")
        box = sidebar.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 376
        page.locator(".sidebar-tree li.current-page").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / "archive-episode-phone-drawer.png"))
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1]


def test_a_season_page_fits_a_phone(browser: Any, archive_url: str, screenshots: Path) -> None:
    with opened(browser, archive_url + PAGES["season"], width=375, prepare=silent_audio) as page:
        _screenshot(page, screenshots / "archive-season-phone.png")
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the season's page is {widths[0]} px wide at {widths[1]} px"


def test_the_printer_button_opens_the_print_dialog(browser: Any, archive_url: str) -> None:
    with opened(browser, archive_url + PAGES["episode"], prepare=silent_audio) as page:
        page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
        button = page.get_by_role("button", name="Print this text")
        assert button.is_visible()
        button.click()
        assert page.evaluate("window.printed") == 1
        # a page that is no text (a season's list) has none
        page.goto(archive_url + PAGES["season"], wait_until="networkidle")
        assert page.get_by_role("button", name="Print this text").count() == 0

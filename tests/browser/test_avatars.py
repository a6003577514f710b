"""A published avatar, opened at its own address in Chromium: nothing runs, nothing is fetched.

The test-avatars root (its registry names every hostile avatar of
tests/avatar_attacks.py, and drawings and photos as people make them) is
built and served over http on localhost.  Each person's published avatar is
opened at its address, as a reader following the image's link would, and
clicked (an animation could make the picture a link): no dialog opens, no
console message or window flag of the payload appears, and no request
leaves for any host but the local server.

The ordinary drawings are drawn the same after their re-drawing: each is
shown beside its original file at 256 pixels and the two screenshots
compared; the people page's screenshot is written to
``_build/screenshots/avatars-people.png``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from avatar_attacks import DRAWINGS, MARK, avatar_files, person, write_root
from bs4 import BeautifulSoup
from conftest import ROOT
from PIL import Image, ImageChops, ImageStat

from browser.conftest import serve


@pytest.fixture(scope="module")
def avatar_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """test-avatars built (warnings expected: the hostile avatars are refused),
    with the original drawings beside it in ``originals/``."""
    base = tmp_path_factory.mktemp("avatar-site")
    srcdir = write_root(ROOT / "tests" / "roots" / "test-avatars", base / "src")
    out = base / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(base / "doctrees"), str(srcdir), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    shutil.copytree(srcdir / "avatars", out / "originals")
    return out


@pytest.fixture(scope="module")
def avatar_url(avatar_site: Path) -> Iterator[str]:
    with serve(avatar_site) as url:
        yield url


def avatar_addresses(site: Path) -> dict[str, str]:
    """Each person's published avatar, as a path from the site's root."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {img["alt"]: img["src"] for img in soup.select("img.transcript-avatar")}


@pytest.mark.parametrize("key", avatar_files())
def test_opening_a_published_avatar_runs_nothing_and_fetches_nothing_outside(
    browser: Any, avatar_site: Path, avatar_url: str, key: str
) -> None:
    address = avatar_url + avatar_addresses(avatar_site)[person(key)]
    # not browser.pages.opened: every request of the context is recorded from before the
    # first one, and the page is only loaded ("load"), its payload given no time to settle
    context = browser.new_context(viewport={"width": 400, "height": 400})
    requests: list[str] = []
    dialogs: list[str] = []
    console: list[str] = []
    # the context's requests: the page's, its frames' and any window it opens
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto(address, wait_until="load")
        page.mouse.click(32, 32)  # on the picture: a link the payload made would be followed
        page.wait_for_load_state("load")
        ran = page.evaluate("() => window.avatarScriptRan === 1")
    finally:
        context.close()
    assert requests and requests[0] == address
    assert [url for url in requests if not url.startswith(avatar_url)] == []
    assert dialogs == []
    assert [text for text in console if MARK in text] == []
    assert ran is False


def shot(page: Any, selector: str) -> Image.Image:
    return Image.open(io.BytesIO(page.locator(selector).screenshot())).convert("RGB")


@pytest.mark.parametrize("program", DRAWINGS)
def test_an_ordinary_drawing_is_drawn_the_same_after_its_re_drawing(
    browser: Any, avatar_site: Path, avatar_url: str, program: str
) -> None:
    published = avatar_addresses(avatar_site)[person(f"drawing-{program}")]
    # not browser.pages.opened: the page's content is replaced by the test's own two images
    context = browser.new_context(viewport={"width": 600, "height": 300})
    page = context.new_page()
    try:
        page.goto(avatar_url + "index.html", wait_until="networkidle")
        page.set_content(
            f'<base href="{avatar_url}"><body style="margin:0;background:#fff">'
            f'<img id="original" src="originals/{program}.svg" width="256" height="256">'
            f'<img id="published" src="{published}" width="256" height="256"></body>'
        )
        page.wait_for_load_state("networkidle")
        assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        original, redrawn = shot(page, "#original"), shot(page, "#published")
    finally:
        context.close()
    # the portrait is there: the sky's gradient, the face's, the body and the white initials
    top, bottom = original.getpixel((128, 6)), original.getpixel((128, 250))
    assert top[2] > 120 and top[0] < 90, top  # the blue top of the sky
    assert bottom[1] > 90 and bottom[0] < 80, bottom  # the green body
    face = original.getpixel((128, 112))
    assert face[0] > 200 and face[1] > 160, face
    initials = original.crop((96, 205, 160, 245))  # on the green body, under the face
    assert initials.convert("L").getextrema()[1] > 220  # their white
    # and the re-drawing draws it the same
    difference = ImageChops.difference(original, redrawn)
    assert max(ImageStat.Stat(difference).mean) < 0.5, ImageStat.Stat(difference).mean


def test_the_people_page_shows_every_avatar(
    browser: Any, avatar_site: Path, avatar_url: str, screenshots: Path
) -> None:
    # not browser.pages.opened: only failed requests are this test's question (as before)
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(avatar_url + "index.html", wait_until="networkidle")
        page.evaluate(
            """async () => { for (const img of document.images) { img.loading = 'eager';
                if (!img.complete) await new Promise(r => { img.onload = img.onerror = r; }); } }"""
        )
        broken = page.evaluate(
            "[...document.querySelectorAll('img.transcript-avatar')].filter(i => !i.naturalWidth).map(i => i.alt)"
        )
        page.screenshot(path=str(screenshots / "avatars-people.png"), full_page=True)
    finally:
        context.close()
    assert broken == [] and failed == []

"""Browser fixtures: the real site (tests/conftest.py builds it once) served on 127.0.0.1.

Playwright drives Debian's Chromium (/usr/bin/chromium, installed by
``.ci/system-deps --install``); Playwright's own browser download is never
used.  axe-core comes from the ``axe-playwright-python`` wheel, which ships
``axe.min.js``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, need

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
    # the episode's player may start from the page's address (#t=1:02) without a click
    "--autoplay-policy=no-user-gesture-required",
]
#: where a developer opens the screenshots (README says so)
SCREENSHOTS = ROOT / "_build" / "screenshots"


def site_pages(html: Path) -> list[str]:
    """Every page of the built site, as a path relative to its root."""
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(html).parts)
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler
          ) -> Iterator[str]:
    """Serve ``directory`` on a free port of localhost; yields its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    need(CHROMIUM.exists(), f"{CHROMIUM} (apt-get install chromium)")
    need(importlib.util.find_spec("playwright") is not None,
         "playwright (pip install -r requirements-dev.txt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    spec = importlib.util.find_spec("axe_playwright_python")
    need(spec is not None and spec.origin is not None,
         "axe-playwright-python (pip install -r requirements-dev.txt)")
    path = Path(spec.origin).parent / "axe.min.js"
    assert path.is_file(), f"axe-playwright-python no longer ships {path.name}"
    return path


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

"""Opening a page of a served site in Chromium, for the browser tests.

:func:`open_page` opens one page in a fresh context and collects what went
wrong while it was open (console errors, page errors, failed requests, HTTP
errors).  :func:`opened` is the form most tests want: it yields the page,
always closes its context, and, when the test's body did not raise, asserts
that nothing went wrong.  A test that needs the context reaches it as
``page.context`` (Playwright's own attribute).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

#: a context's permissions for the clipboard (the quote buttons read back what they copied)
CLIPBOARD = ["clipboard-read", "clipboard-write"]


def open_page(browser: Any, url: str, *, dark: bool = False, width: int = 1280,
              clipboard: bool = False, prepare: Callable[[Any], None] | None = None,
              ) -> tuple[Any, Any, list[str]]:
    """A new page at ``url``; returns (context, page, problems seen while it is open).

    ``clipboard`` lets the page read and write the clipboard at ``url``'s origin;
    ``prepare`` is called with the new context before the page opens (routes).
    """
    context = browser.new_context(viewport={"width": width, "height": 900})
    if prepare is not None:
        prepare(context)
    if clipboard:
        origin = re.match(r"https?://[^/]+", url)
        assert origin is not None, url
        context.grant_permissions(CLIPBOARD, origin=origin.group(0))
    if dark:
        # furo reads the reader's choice from localStorage before drawing
        context.add_init_script("localStorage.setItem('theme', 'dark')")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return context, page, problems


@contextlib.contextmanager
def opened(browser: Any, url: str, *, dark: bool = False, width: int = 1280, clipboard: bool = False,
           prepare: Callable[[Any], None] | None = None, clean: bool = True) -> Iterator[Any]:
    """:func:`open_page` as a ``with`` block: yields the page and closes its context
    however the block ends.  If the block ends normally and ``clean`` is true, asserts
    that the page logged no problem; ``clean=False`` is for the tests that never
    asked (their failure would be about something else)."""
    context, page, problems = open_page(browser, url, dark=dark, width=width,
                                        clipboard=clipboard, prepare=prepare)
    try:
        yield page
        if clean:
            assert not problems, "\n".join(problems)
    finally:
        context.close()

"""The sitemap lists every page, not only the pages an incremental build wrote.

sphinx-sitemap (2.9) collects a page's address as the page is written and
writes ``sitemap.xml`` from what it collected at the end of the build: after
an incremental build that wrote 3 pages of 1,000, the sitemap listed those 3.
Just before it writes, every document's address is made as sphinx-sitemap
itself makes it (``add_html_link``), and the queue it writes from is given
back with each address once: the documents in order of their names, then the
other pages written (an index, a search page).  Pages written in ``-j``
worker processes are in that queue too (a manager's queue), so it is read
whole rather than tracked here.
"""

from __future__ import annotations

import queue
from typing import Any

from sphinx.application import Sphinx


def _drain(links: Any) -> list[tuple[str, Any]]:
    items = []
    while True:
        try:
            items.append(links.get_nowait())
        except queue.Empty:
            return items


def _complete(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or "sphinx_sitemap" not in app.extensions:
        return
    links = getattr(app.env.app, "sitemap_links", None)
    if links is None:  # sphinx-sitemap saw no HTML builder: it collected nothing
        return
    import sphinx_sitemap

    written = _drain(links)
    if not written:  # nothing written (a build with no change): no sitemap, as before
        return
    for docname in sorted(app.env.all_docs):
        sphinx_sitemap.add_html_link(app, docname, "page.html", {}, None)
    documents = _drain(links)
    updated = dict(written)
    ordered = [(link, updated.get(link) or last) for link, last in documents]
    known = {link for link, _ in ordered}
    ordered += [(link, last) for link, last in written if link not in known]
    for item in ordered:
        links.put(item)


def setup(app: Sphinx) -> dict[str, Any]:
    # before sphinx-sitemap's own build-finished handler (priority 500)
    app.connect("build-finished", _complete, priority=400)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}

"""furo's two <aside> landmarks get names from the extension itself (render/landmarks.py).

Any project using ``sphinx_transcripts`` under furo gets them, with or without
a ``page.html`` of its own; the browser tests' axe scans check the result in
Chromium (tests/browser/test_player.py, test_reader.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

CONF = 'extensions = ["myst_parser", "sphinx_transcripts"]\nhtml_theme = {theme!r}\n'
INDEX = "# A show\n\n```{toctree}\nepisode\n```\n"
EPISODE = "# An episode\n\n## First part\n\nWords.\n\n## Second part\n\nMore words.\n"
#: a project's own page.html, as furo's documentation shows: it must still apply
OWN_PAGE = (
    '{% extends "!page.html" %}\n'
    '{% block body %}<p id="own-page">ours</p>{{ super() }}{% endblock %}\n'
)


def build(srcdir: Path, theme: str = "furo", own_page: bool = False) -> Path:
    srcdir.mkdir(parents=True)
    conf = CONF.format(theme=theme)
    if own_page:
        (srcdir / "_templates").mkdir()
        (srcdir / "_templates" / "page.html").write_text(OWN_PAGE, encoding="utf-8")
        conf += 'templates_path = ["_templates"]\n'
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
    (srcdir / "episode.md").write_text(EPISODE, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app._warning.getvalue() == ""
    return Path(app.outdir)


def asides(page: Path) -> list[str | None]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [aside.get("aria-label") for aside in soup.select("aside.sidebar-drawer, aside.toc-drawer")]


@pytest.mark.parametrize("own_page", [False, True], ids=["furo", "own-page.html"])
def test_furos_asides_are_named_on_every_page(tmp_path: Path, own_page: bool) -> None:
    out = build(tmp_path / "src", own_page=own_page)
    for name in ("index", "episode", "genindex", "search"):
        assert asides(out / f"{name}.html") == ["Site navigation", "On this page"], name
    episode = BeautifulSoup((out / "episode.html").read_text(encoding="utf-8"), "html.parser")
    assert (episode.select_one("#own-page") is not None) == own_page
    # the page is furo's whole: its table of contents lists both parts
    assert len(episode.select("aside.toc-drawer a.reference")) >= 2


def test_other_themes_are_left_alone(tmp_path: Path) -> None:
    out = build(tmp_path / "src", theme="alabaster")
    html = (out / "episode.html").read_text(encoding="utf-8")
    assert "Site navigation" not in html
    assert "First part" in html

"""Sharing: link previews, sitemap and 404 page, off and on Read the Docs.

Page descriptions come from the site layer (_ext/site_layer/descriptions.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SITE_LAYER_CONF

RTD_URL = "https://practitioners.readthedocs.io/en/latest/"


def build(out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
         str(ROOT), str(out)],
        capture_output=True, text=True, check=False, env={**environ, **env},
    )


def test_local_build_has_previews_and_a_root_404_but_no_sitemap(tmp_path: Path) -> None:
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    page = (tmp_path / "interviews" / "sylvain-gugger.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="Sylvain Gugger on fast.ai and the Top-Down Approach" />' in page
    assert '<meta name="twitter:card" content="summary" />' in page
    # the front matter's summary is the description
    assert '<meta property="og:description" content="Sylvain Gugger on building the fastai library' in page
    assert page.count('name="description"') == 1
    assert 'rel="canonical"' not in page
    assert not (tmp_path / "sitemap.xml").exists()
    notfound = (tmp_path / "404.html").read_text(encoding="utf-8")
    # served from the root of a local server, at any depth
    assert 'href="/_static/styles/furo.css' in notfound
    assert 'href="/people.html"' in notfound


def test_read_the_docs_build_has_sitemap_canonical_links_and_absolute_404(tmp_path: Path) -> None:
    result = build(tmp_path, READTHEDOCS="True", READTHEDOCS_CANONICAL_URL=RTD_URL)
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{RTD_URL}interviews/sylvain-gugger.html</loc>" in sitemap
    assert f"<loc>{RTD_URL}people.html</loc>" in sitemap
    assert "/en/latest/en/" not in sitemap
    for excluded in ("404.html", "search.html", "genindex.html"):
        assert f"{RTD_URL}{excluded}<" not in sitemap
    page = (tmp_path / "people.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{RTD_URL}people.html"' in page
    assert f'<meta property="og:url" content="{RTD_URL}people.html" />' in page
    notfound = (tmp_path / "404.html").read_text(encoding="utf-8")
    assert 'href="/en/latest/_static/styles/furo.css' in notfound
    assert 'href="/en/latest/people.html"' in notfound


def test_description_comes_from_front_matter_without_the_transcripts_extension(make_app, tmp_path: Path) -> None:
    """The site layer reads a page's summary from its metadata, not from an extension."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        SITE_LAYER_CONF
        + 'extensions = ["myst_parser", "sphinxext.opengraph", "site_layer"]\n'
        'ogp_site_url = "https://example.org/"\nogp_enable_meta_description = True\n'
        'ogp_social_cards = {"enable": False}\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "---\nsummary: Two people talk about \"quotes\".\n---\n\n# A page\n\n"
        "The first paragraph.\n\n```{toctree}\nplain\n```\n",
        encoding="utf-8",
    )
    (src / "plain.md").write_text("# No summary\n\nIts own first paragraph.\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    summary = "Two people talk about &quot;quotes&quot;."
    assert f'<meta name="description" content="{summary}" />' in page
    assert f'<meta property="og:description" content="{summary}" />' in page
    assert page.count('name="description"') == 1
    plain = (Path(app.outdir) / "plain.html").read_text(encoding="utf-8")
    # without a summary, opengraph's own description (the first paragraph) stays
    assert '<meta property="og:description" content="Its own first paragraph." />' in plain

"""The books are a volume: the PDF, EPUB and single page hold one season (the
latest, or the one conf.py names) and read no page of the others; the HTML
holds them all.  Built as Read the Docs builds (one environment for every
format, in its order), each book build reads only what it must."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from archive_site import write_archive
from sphinx.testing.util import SphinxTestApp

SEASONS = {2024: 3, 2025: 3, 2026: 3}
#: the pages outside every season
COMMON = ["about", "index", "people"]


def season(year: int) -> list[str]:
    return [f"seasons/{year}/{n:03d}" for n in range(1, 4)] + [f"seasons/{year}/index"]


@pytest.fixture
def src(rootdir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-archive", src)
    write_archive(src, SEASONS)
    return src


def build(src: Path, builder: str, *, doctrees: Path | None = None, warnings: str = "",
          **overrides: object) -> tuple[SphinxTestApp, list[str]]:
    """Build; return the app and the documents read.  The build warns of
    nothing but *warnings*."""
    read: list[str] = []
    app = SphinxTestApp(builder, srcdir=src, freshenv=doctrees is None,
                        confoverrides=overrides or None,
                        **({"builddir": doctrees} if doctrees else {}))
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings in app.warning.getvalue()
    if not warnings:
        assert app.warning.getvalue() == ""
    return app, sorted(read)


def test_the_pdf_is_the_latest_season(src: Path) -> None:
    app, read = build(src, "latex")
    assert read == sorted([*COMMON, *season(2026)])
    tex = (app.outdir / "long-archive.tex").read_text(encoding="utf-8")
    assert r"\detokenize{seasons/2026/001::doc}" in tex
    assert "seasons/2025" not in tex and "seasons/2024" not in tex


def test_the_publisher_chooses_the_volume(src: Path) -> None:
    _, read = build(src, "epub", transcripts_volume="2024")
    assert read == sorted([*COMMON, *season(2024)])
    _, read = build(src, "singlehtml", transcripts_volume="all")
    assert read == sorted([*COMMON, *season(2024), *season(2025), *season(2026)])


def test_the_html_holds_every_season(src: Path) -> None:
    app, read = build(src, "html")
    assert read == sorted([*COMMON, *season(2024), *season(2025), *season(2026)])
    assert all((app.outdir / f"{doc}.html").is_file() for doc in read)


def test_a_season_that_is_not_there_is_a_warning(src: Path) -> None:
    _, read = build(src, "latex", transcripts_volume="1999",
                    warnings="transcripts_volume = '1999': no such season in seasons/ "
                             "(seasons: 2024, 2025, 2026)")
    assert len(read) == 3 + 3 * 4  # every season


def test_read_the_docs_order_reads_each_page_once_more_at_most(src: Path, tmp_path: Path) -> None:
    """html, singlehtml (the zip), latex (the PDF), epub on one environment,
    as Read the Docs runs them: the book builds drop the other seasons and
    read only the pages that list the seasons; an HTML build after them
    finds the other seasons again."""
    doctrees = tmp_path / "build"
    _, read = build(src, "html", doctrees=doctrees)
    assert len(read) == 3 + 3 * 4
    _, read = build(src, "singlehtml", doctrees=doctrees)
    assert read == ["index", "seasons/2026/index"]  # their glob toctrees lost pages
    assert build(src, "latex", doctrees=doctrees)[1] == []
    assert build(src, "epub", doctrees=doctrees)[1] == []
    app, read = build(src, "html", doctrees=doctrees)
    assert read == sorted(["index", "seasons/2026/index", *season(2024), *season(2025)])
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert all(f"seasons/{year}/index.html" in html for year in SEASONS)


def test_a_link_to_another_season_goes_to_the_site(src: Path) -> None:
    page = src / "seasons" / "2026" / "001.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nAs we said {doc}`last year <../2025/002>`.\n", encoding="utf-8")
    app, _ = build(src, "latex")
    tex = (app.outdir / "long-archive.tex").read_text(encoding="utf-8")
    assert r"As we said \DUrole{xref}{\DUrole{std}{\DUrole{std-doc}{last year}}}." in tex  # the text
    app, _ = build(src, "latex", html_baseurl="https://show.example.org/en/latest/")
    tex = (app.outdir / "long-archive.tex").read_text(encoding="utf-8")
    assert (r"As we said \sphinxhref{https://show.example.org/en/latest/seasons/2025/002.html}"
            r"{\DUrole{xref}{\DUrole{std}{\DUrole{std-doc}{last year}}}}.") in tex


def test_a_term_only_other_seasons_mention_is_not_unused_in_the_book(src: Path) -> None:
    """The glossary is in every book; a term that only a season left out
    mentions is used all the same (the HTML says so if it is not)."""
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('extensions.append("sphinx_transcripts.glossary")\n')
    (src / "glossary.md").write_text(
        "# Glossary\n\n```{glossary}\nflux capacitor\n  What makes the show run.\n```\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("about\n", "about\nglossary\n"), encoding="utf-8")
    page = src / "seasons" / "2024" / "001.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "and nothing else.", "and the flux capacitor."), encoding="utf-8")
    app, read = build(src, "latex")
    assert "glossary" in read and "seasons/2024/001" not in read
    app, _ = build(src, "html")
    assert 'href="../../glossary.html#term-flux-capacitor"' in (app.outdir / "seasons/2024/001.html").read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("the flux capacitor", "nothing"), encoding="utf-8")
    build(src, "html", warnings="glossary term 'flux capacitor' is not mentioned in any document")

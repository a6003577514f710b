"""The real site: it builds with -n -W, and its automatic glossary links are reviewed.

Every automatic link on the built site is listed as (page, linked text, term)
and compared with ``tests/data/autoglossary-links.tsv``, so a new link, a lost
one or a false positive shows up as a diff in review.  After a deliberate
change, rewrite the table with::

    UPDATE_LINK_TABLE=1 .venv/bin/python -m pytest tests/site/test_site.py
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

TABLE = ROOT / "tests" / "data" / "autoglossary-links.tsv"
PAGES = sorted(p.relative_to(ROOT).with_suffix("").as_posix()
               for p in [ROOT / "index.md", ROOT / "people.md", ROOT / "glossary.md", ROOT / "reference.md",
                         *(ROOT / "interviews").glob("*.md")])

#: the four terms the mission names, in every spelling the texts use
CORE_TERMS = {
    "Keras": re.compile(r"(?<![\w.-])Keras(?![\w-]|\.io)"),
    "PyTorch": re.compile(r"(?<![\w.-])(?:py|pi) ?torch(?![\w-])", re.I),
    "NeRF": re.compile(r"(?<![\w.-])NeRFs?(?![\w-])"),
    "fastai": re.compile(r"(?<![\w.-])(?:fast\.?ai|fast AI)(?![\w-])", re.I),
}


def main_of(site: Path, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article[role=main]")
    assert main is not None, page
    return main


def glossary_terms(site: Path) -> dict[str, str]:
    """Anchor id of each glossary entry -> the term as the glossary writes it."""
    soup = BeautifulSoup((site / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    terms = {}
    for dt in soup.select("dl.glossary dt[id]"):
        for link in dt.select("a.headerlink"):
            link.decompose()
        terms[dt["id"]] = " ".join(dt.get_text().split())
    return terms


def automatic_links(site: Path) -> list[tuple[str, str, str]]:
    """(page, linked text, glossary term) for every automatic link, in page order."""
    terms = glossary_terms(site)
    rows = []
    for page in PAGES:
        for span in main_of(site, page).select("a > span.autoglossary-link"):
            href = span.parent["href"]
            anchor = unquote(href.partition("#")[2])
            assert anchor in terms, f"{page}: automatic link to {href}, not a glossary entry"
            rows.append((page, " ".join(span.get_text().split()), terms[anchor]))
    return rows


def as_tsv(rows: list[tuple[str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["page", "text", "term"])
    writer.writerows(rows)
    return out.getvalue()


def test_every_page_is_written(site: Path) -> None:
    for page in PAGES:
        assert (site / f"{page}.html").is_file(), page


def test_automatic_links_match_the_reviewed_table(site: Path) -> None:
    actual = as_tsv(automatic_links(site))
    if os.environ.get("UPDATE_LINK_TABLE") == "1":
        TABLE.write_text(actual, encoding="utf-8")
    expected = TABLE.read_text(encoding="utf-8")
    assert actual.splitlines() == expected.splitlines()


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith("interviews/")])
def test_every_mention_of_a_core_term_reaches_the_glossary(site: Path, page: str) -> None:
    main = main_of(site, page)
    for tip in main.select("[role=tooltip]"):
        tip.decompose()
    text = main.get_text(" ")
    linked = {term for p, _, term in automatic_links(site) if p == page}
    for term, spelling in CORE_TERMS.items():
        if spelling.search(text):
            assert term in linked, f"{page} mentions {term} but does not link it"


def test_a_parallel_build_writes_the_same_pages(site: Path, tmp_path: Path) -> None:
    """-j 2 reads and writes in two processes; every page must come out the same."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-j", "2", "-b", "html", "-n", "-W", "--keep-going",
         "-q", str(ROOT), str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    serial = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    parallel = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.html"))
    assert parallel == serial
    different = [str(p) for p in serial if (site / p).read_bytes() != (tmp_path / p).read_bytes()]
    assert different == []


@pytest.mark.parametrize("page", PAGES)
def test_sidebar_captions_are_headings_with_a_level(site: Path, page: str) -> None:
    """The site layer (_ext/site_layer/navigation.py) gives furo's toctree captions a level."""
    soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    captions = soup.select(".sidebar-tree p.caption")
    assert captions, page
    assert all(c.get("role") == "heading" and c.get("aria-level") == "2" for c in captions)


@pytest.mark.parametrize("page", [*PAGES, "404", "search", "genindex"])
def test_landmarks_have_names_that_tell_them_apart(site: Path, page: str) -> None:
    """furo's two <aside> drawers (render/landmarks.py) and every search form (_templates/) are named, each apart."""
    soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    landmarks = [("complementary" if el.name == "aside" else "search", el.get("aria-label"))
                 for el in soup.select("aside, form[role=search]")]
    assert ("complementary", "Site navigation") in landmarks
    assert ("complementary", "On this page") in landmarks
    assert ("search", "Site search") in landmarks
    assert all(label for _, label in landmarks), landmarks
    assert len(set(landmarks)) == len(landmarks), landmarks

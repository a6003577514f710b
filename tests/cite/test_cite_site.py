"""Every builder shows the page's citation, escaped for its output.

A small project whose page title and people are hostile (braces, a
backslash, quotes, ``</script>``, TeX's specials) is built with html,
dirhtml, singlehtml, epub, text and latex: the HTML's "Cite this ..." block
holds the APA reference, the BibTeX entry and the CSL-JSON exactly as
:mod:`sphinx_transcripts.cite` writes them, as text (no element of the
data's), with the page's address; without a published address the address is
the page's own, for the script to make absolute; the text builders print
"Citation —", the PDF's opening "Cite as:".  A page without a transcript has no
citation.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx_transcripts.cite import Contributor, Work, apa, bibtex, csl

TITLE = 'Braces {a}} \\end "q" </script><b>bold</b> 100% & _^~#'
TRANSCRIPT = """\
Ada Brace: Hello {there} \\o/ and welcome.

Zed O'Neil: Thanks for having me.
"""
BASE = "https://pods.example.org/show/"


def make(srcdir: Path, base: str) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        "project = 'Pods {of} \\\\ us'\nextensions = ['myst_parser', 'sphinx_transcripts']\n"
        f"html_baseurl = {base!r}\nsmartquotes = False\nlatex_engine = 'lualatex'\n"
        "version = '1'\ncopyright = '2026, tests'\n",
        encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Pods\n\n```{toctree}\nepisode\nplain\n```\n", encoding="utf-8")
    title = TITLE.replace("\\", "\\\\").replace("<", "\\<").replace("*", "\\*")
    (srcdir / "episode.md").write_text(
        f"---\ndate: 2026-03-04\n---\n\n# {title}\n\nAn introduction.\n\n"
        f"```{{transcript}}\n:host: Ada Brace\n:guests: Zed O'Neil\n\n{TRANSCRIPT}```\n",
        encoding="utf-8")
    (srcdir / "plain.md").write_text("# Plain\n\nNo transcript here.\n", encoding="utf-8")


def build(tmp: Path, builder: str, base: str = BASE) -> Path:
    make(tmp / "src", base)
    out = tmp / builder
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q",
         "-d", str(tmp / "doctrees"), str(tmp / "src"), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return out


def expected(url: str) -> Work:
    return Work(title=TITLE, site="Pods {of} \\ us", url=url,
                people=(Contributor("Ada Brace", "host"), Contributor("Zed O'Neil", "guest")),
                date=dt.date(2026, 3, 4))


PAGE = {"html": "episode.html", "dirhtml": "episode/index.html", "singlehtml": "index.html"}


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_the_html_citation_is_the_formats_as_text_with_the_pages_address(
    tmp_path: Path, builder: str
) -> None:
    out = build(tmp_path, builder)
    page = BeautifulSoup((out / PAGE[builder]).read_text(encoding="utf-8"), "html.parser")
    [block] = page.select("details.transcript-cite")
    assert block.summary.get_text(strip=True) == "Cite this interview"
    # the page's own address under the site's: as the builder writes it
    url = BASE + {"html": "episode.html", "dirhtml": "episode/", "singlehtml": "episode.html"}[builder]
    work = expected(url)
    formats = {f["data-format"]: f.select_one(".transcript-cite-text") for f in block.select(".transcript-cite-format")}
    assert formats["apa"].get_text() == apa.text(work)
    assert [em.get_text() for em in formats["apa"].find_all("em")] == [TITLE]
    assert formats["bibtex"].get_text() == bibtex.entry(work)
    assert json.loads(formats["csl"].get_text()) == json.loads(csl.dumps(work))
    # nothing of the data is an element: the only elements are the block's own
    assert {tag.name for tag in block.find_all(True)} <= {"summary", "span", "div", "p", "em", "pre", "code"}
    assert not page.select("plain") and "<b>bold" not in str(block)
    for span in block.select(".transcript-cite-url"):
        assert not span.has_attr("data-resolve")


def test_without_the_sites_address_the_citation_has_the_pages_own_for_the_script(tmp_path: Path) -> None:
    out = build(tmp_path, "html", base="")
    page = BeautifulSoup((out / "episode.html").read_text(encoding="utf-8"), "html.parser")
    spans = page.select("details.transcript-cite .transcript-cite-url")
    assert len(spans) == 3
    assert {span["data-resolve"] for span in spans} == {"episode.html"}
    assert not BeautifulSoup((out / "plain.html").read_text(encoding="utf-8"), "html.parser").select(
        ".transcript-cite")


def test_an_epub_has_the_citation_with_the_published_address(tmp_path: Path) -> None:
    out = build(tmp_path, "epub")
    page = BeautifulSoup((out / "episode.xhtml").read_text(encoding="utf-8"), "html.parser")
    [block] = page.select("details.transcript-cite")
    assert block.select_one('[data-format="apa"] .transcript-cite-text').get_text() == \
        apa.text(expected(BASE + "episode.html"))


def test_the_text_builder_prints_the_citation(tmp_path: Path) -> None:
    out = build(tmp_path, "text")
    text = (out / "episode.txt").read_text(encoding="utf-8")
    # the text builder's emphasis: *title*
    reference = "".join(f"*{t}*" if italic else t for t, italic in apa.segments(expected(BASE + "episode.html")))
    assert "Citation \u2014 " + reference in " ".join(text.split())
    assert "Citation" not in (out / "plain.txt").read_text(encoding="utf-8")


def test_the_latex_opening_prints_cite_as_escaped(tmp_path: Path) -> None:
    out = build(tmp_path, "latex")
    [tex] = out.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert source.count("Cite as: ") == 1
    line = source[source.index("Cite as: "):].split("\n\n")[0]
    # the data's braces and backslash are printed, never TeX's own
    assert r"\{a\}\}" in line and r"\textbackslash{}end" in line
    assert r"\sphinxhref{https://pods.example.org/show/episode.html}" in line or \
        r"\sphinxnolinkurl{https://pods.example.org/show/episode.html}" in line or \
        "https://pods.example.org/show/episode.html" in line

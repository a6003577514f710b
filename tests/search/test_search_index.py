"""The archive's search index, as each builder writes it (sphinx_transcripts.search).

The test-search root has a timed episode (WebVTT), a typed one whose words
would be markup if shown as HTML, and a glossary term with aliases.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from sphinx_transcripts.search import bundle
from sphinx_transcripts.search.records import Record

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

MARKUP_WARNING = "raw HTML ('<script>') in a transcript is shown as written"


def records(app: SphinxTestApp) -> dict[str, list[Record]]:
    path = Path(app.doctreedir) / f"transcripts-search-{app.builder.name}.pickle"
    with path.open("rb") as file:
        found: dict[str, list[Record]] = pickle.load(file)
    return found


def turn_ids(app: SphinxTestApp, page: str) -> list[str]:
    soup = BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")
    return [str(div["id"]) for div in soup.select("div.transcript-turn")]


def only_expected_warnings(app: SphinxTestApp) -> None:
    # the typed page's markup warning, when the page is read (a later builder
    # of the same sources may find them read already)
    lines = [line for line in app.warning.getvalue().splitlines() if line.strip()]
    assert all(MARKUP_WARNING in line for line in lines), lines


@pytest.mark.sphinx("html", testroot="search")
def test_a_record_per_turn_with_speaker_episode_time_and_the_turns_own_address(
    app: SphinxTestApp,
) -> None:
    app.build()
    only_expected_warnings(app)
    found = records(app)
    timed = found["timed"]
    # the addresses are the ids the page gives its turns, whatever they are
    assert [r.url for r in timed] == [f"timed.html#{i}" for i in turn_ids(app, "timed.html")]
    assert [(r.speaker, r.time, r.episode) for r in timed] == [
        ("Mara Quill", "0:01", "Grafting in the Rain"),
        ("Otto Brenn", "1:02", "Grafting in the Rain"),
        ("Mara Quill", "1:07", "Grafting in the Rain"),
    ]
    # the cue's line break is a space: a snippet never keeps the source's lines
    assert timed[1].text == "We grafted the quince onto hawthorn rootstock while it rained."
    typed = found["typed"]
    assert [r.time for r in typed] == ["", "", ""]
    assert typed[1].speaker == "Otto Brenn"
    assert "\n" not in typed[1].text
    assert typed[1].text.startswith('It said <script>alert("pear")</script> and <b>keep out</b>')
    # prose and glossary entries are records too, at their own anchors
    assert [r.url for r in found["index"]] == ["index.html#orchard-talk"]
    assert found["index"][0].text == "Conversations about fruit trees."
    assert [(r.url, r.section) for r in found["glossary"]] == [("glossary.html#term-Malus", "Malus")]


@pytest.mark.sphinx("html", testroot="search")
def test_the_bundle_replaces_sphinxs_index_and_the_glossary_gives_the_synonyms(
    app: SphinxTestApp,
) -> None:
    app.build()
    out = Path(app.outdir)
    assert not (out / "searchindex.js").exists()
    assert (out / "_search" / "pagefind.js").is_file()
    assert (out / "_search" / "pagefind-entry.json").is_file()
    # Pagefind's own interfaces are not published: the site has its own page
    assert not (out / "_search" / "pagefind-ui.js").exists()
    assert json.loads((out / "_search" / "synonyms.json").read_text(encoding="utf-8")) == [
        ["apple tree", "apple trees", "Malus"]
    ]
    page = BeautifulSoup((out / "search.html").read_text(encoding="utf-8"), "html.parser")
    results = page.select_one("#search-results")
    assert results is not None and results["data-bundle"] == "_search/"
    scripts = [str(s.get("src", "")) for s in page.select("script")]
    assert any("transcript-search.js" in s for s in scripts)
    assert not any("searchindex.js" in s or "searchtools.js" in s for s in scripts)
    assert page.select_one('meta[name="robots"][content="noindex"]') is not None
    # every page lands: the landing script is on the episode's page
    episode = BeautifulSoup((out / "timed.html").read_text(encoding="utf-8"), "html.parser")
    assert any("transcript-search-landing.js" in str(s.get("src", ""))
               for s in episode.select("script"))


def test_a_records_words_reach_pagefind_as_text_never_markup() -> None:
    record = Record(url='typed.html#turn-2"><script>', text='It said <script>alert("pear")</script> & more',
                    episode="<i>Pruning</i>", speaker="Otto <b>Brenn</b>", time="1:02")
    page = bundle.record_html(record, "en")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;pear&quot;)&lt;/script&gt; &amp; more" in page
    assert 'data-pagefind-meta="speaker">Otto &lt;b&gt;Brenn&lt;/b&gt;<' in page
    assert 'data-pagefind-filter="title">&lt;i&gt;Pruning&lt;/i&gt;<' in page


@pytest.mark.sphinx("dirhtml", testroot="search")
def test_dirhtml_records_use_its_addresses(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    assert [r.url for r in records(app)["timed"]] == [
        f"timed/#{i}" for i in turn_ids(app, "timed/index.html")
    ]
    assert (Path(app.outdir) / "search" / "index.html").is_file()
    assert (Path(app.outdir) / "_search" / "pagefind.js").is_file()


@pytest.mark.sphinx("singlehtml", testroot="search")
def test_the_single_page_has_a_search_page_and_its_own_ids(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    found = records(app)
    # one written document, holding every other: each turn keeps its episode
    assert list(found) == ["index"]
    ids = turn_ids(app, "index.html")
    urls = [r.url for r in found["index"] if r.speaker]
    assert urls == [f"index.html#{i}" for i in ids]
    assert len(set(urls)) == len(urls) == 6
    assert {r.episode for r in found["index"] if r.speaker} == {"Grafting in the Rain", "Pruning Notes"}
    assert (Path(app.outdir) / "search.html").is_file()
    assert (Path(app.outdir) / "_search" / "pagefind.js").is_file()


@pytest.mark.sphinx("epub", testroot="search")
def test_epub_has_no_search(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    assert not (Path(app.outdir) / "_search").exists()
    assert not (Path(app.outdir) / "search.html").exists()


@pytest.mark.sphinx("html", testroot="search", srcdir="search-off",
                    confoverrides={"transcripts_search": False})
def test_switched_off_sphinxs_own_search_stays(app: SphinxTestApp) -> None:
    app.build()
    only_expected_warnings(app)
    assert (Path(app.outdir) / "searchindex.js").is_file()
    assert not (Path(app.outdir) / "_search").exists()
    page = (Path(app.outdir) / "search.html").read_text(encoding="utf-8")
    assert "searchtools.js" in page and "transcript-search.js" not in page


@pytest.mark.sphinx("html", testroot="search", srcdir="search-incremental")
def test_an_incremental_build_keeps_the_pages_it_did_not_write(app: SphinxTestApp) -> None:
    app.build()
    entry = Path(app.outdir) / "_search" / "pagefind-entry.json"
    written = entry.stat().st_mtime_ns
    # nothing changed: the bundle is kept, not indexed again
    app.build()
    assert entry.stat().st_mtime_ns == written
    typed = Path(app.srcdir) / "typed.md"
    typed.write_text(typed.read_text(encoding="utf-8").replace("Malus man", "Malus woman"),
                     encoding="utf-8")
    app.build()
    found = records(app)
    assert set(found) == {"index", "timed", "typed", "glossary"}
    assert found["typed"][2].text == "We call him the Malus woman."
    assert len(found["timed"]) == 3
    # a changed record: the bundle is written again
    assert entry.stat().st_mtime_ns != written

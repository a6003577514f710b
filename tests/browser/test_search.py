"""Search lands on the turn, checked in Chromium (sphinx_transcripts.search).

On the real site: five phrases from different turns of the three interviews
(two deep in the long podcast) each give a result naming the speaker, and
following it shows the page with the phrase in the viewport and its words
highlighted, on a desktop in light and dark and on a 375 px phone;
"Torch7" lands on the turn that says "torch seven"; the results page passes
axe with results shown, and the keyboard reaches and follows a result.

On the test-search root (no furo: another theme's page): a timed turn's
result gives its time; what a transcript says that looks like markup is
shown as text; a glossary alias and its term find each other.

Screenshots of the results and the landings go to ``_build/screenshots/``.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest
from conftest import ROOT

from browser.conftest import serve
from browser.pages import opened

#: (phrase, page): each from a different turn; the turn and its speaker are read
#: from the page itself, whatever its turns' addresses are
PHRASES = [
    ("submitted our NeRF implementation", "interviews/aritra-roy-gosthipaty.html"),
    ("How can one contribute to data science", "interviews/aritra-roy-gosthipaty.html"),
    # deep in the long podcast: the middle of a 2,900-character turn, and its 76th turn
    ("no good plan survives contact with the enemy", "interviews/deep-learning-with-pytorch.html"),
    ("Kaggle is the easiest platform to team up on", "interviews/deep-learning-with-pytorch.html"),
    ("randomly reading an article in the New York Times", "interviews/sylvain-gugger.html"),
]
MODES = {"light": (1280, False), "dark": (1280, True), "phone": (375, False)}

# the turn holding a phrase: its id and speaker, as the page shows them
FIND_TURN = """phrase => {
    const want = phrase.toLowerCase();
    for (const turn of document.querySelectorAll('div.transcript-turn')) {
        const copy = turn.cloneNode(true);
        copy.querySelectorAll('.autoglossary-tip, .transcript-turn-header').forEach(e => e.remove());
        if (copy.textContent.replace(/\\s+/g, ' ').toLowerCase().includes(want)) {
            return [turn.id, turn.querySelector('.transcript-speaker').textContent.trim()];
        }
    }
    return null;
}"""

# where the phrase is in the landed turn, and which of its words are highlighted
PHRASE_IN_VIEW = """([id, phrase]) => {
    const turn = document.getElementById(id);
    const walker = document.createTreeWalker(turn, NodeFilter.SHOW_TEXT, {acceptNode: n =>
        n.parentElement.closest('.autoglossary-tip, .transcript-turn-header')
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    const parts = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { parts.push([n, text.length]); text += n.data; }
    const words = phrase.split(/\\s+/).map(w => w.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&'));
    const match = new RegExp(words.join('\\\\s+'), 'i').exec(text);
    if (!match) return null;
    const locate = at => {
        for (let i = parts.length - 1; i >= 0; i--) if (parts[i][1] <= at) return [parts[i][0], at - parts[i][1]];
    };
    const range = document.createRange();
    range.setStart(...locate(match.index));
    const [endNode, endOffset] = locate(match.index + match[0].length - 1);
    range.setEnd(endNode, endOffset + 1);
    const box = range.getBoundingClientRect();
    const marks = CSS.highlights.get('transcript-search');
    const marked = marks ? [...marks].filter(r =>
        range.compareBoundaryPoints(Range.START_TO_END, r) > 0 &&
        range.compareBoundaryPoints(Range.END_TO_START, r) < 0).map(r => r.toString().toLowerCase()) : [];
    return {top: box.top, bottom: box.bottom, height: window.innerHeight, marked};
}"""


@contextlib.contextmanager
def searched(browser: Any, base_url: str, query: str, mode: str = "light", *, clean: bool = True
             ) -> Iterator[Any]:
    """:func:`~browser.pages.opened` at the search page, its results for ``query`` shown."""
    width, dark = MODES[mode]
    with opened(browser, f"{base_url}search.html?q={quote_plus(query)}", dark=dark, width=width,
                clean=clean) as page:
        page.wait_for_function(
            "document.querySelector('#search-results .search-summary')?.textContent.length > 0",
            timeout=20000)
        yield page


def result_for(page: Any, turn_id: str) -> Any:
    """The result that links to ``turn_id``, by the fragment of its address."""
    links = page.locator("#search-results a.transcript-search-link")
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href") or ""
        if href.endswith(f"#{turn_id}"):
            return links.nth(index)
    raise AssertionError(f"no result links to #{turn_id}: {page.inner_text('#search-results')[:600]}")


def land(page: Any, link: Any, turn_id: str) -> None:
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.documentElement.dataset.searchLanded === id",
                           arg=turn_id, timeout=20000)


def assert_in_view_and_highlighted(page: Any, turn_id: str, phrase: str) -> None:
    where = page.evaluate(PHRASE_IN_VIEW, [turn_id, phrase])
    assert where is not None, f"{phrase!r} is not in #{turn_id}"
    assert where["top"] >= 0 and where["bottom"] <= where["height"], where
    words = {w.strip(".,;:!?\"'").lower() for w in phrase.split()}
    assert words <= set(where["marked"]), where["marked"]


def turn_of(browser: Any, base_url: str, page_name: str, phrase: str) -> tuple[str, str]:
    with opened(browser, base_url + page_name, clean=False) as page:
        found = page.evaluate(FIND_TURN, phrase)
    assert found is not None, f"{phrase!r} is not on {page_name}"
    return found[0], found[1]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("phrase", "page_name"), PHRASES)
def test_a_result_names_the_speaker_and_lands_on_the_phrase_highlighted(
    browser: Any, base_url: str, screenshots: Path, phrase: str, page_name: str, mode: str
) -> None:
    turn_id, speaker = turn_of(browser, base_url, page_name, phrase)
    with searched(browser, base_url, phrase, mode) as page:
        link = result_for(page, turn_id)
        item = link.locator("xpath=ancestor::li[1]")
        assert speaker in link.inner_text()
        snippet = item.locator("p.context").inner_text()
        assert "\n" not in snippet
        assert item.locator("p.context mark").count() > 0
        if phrase == PHRASES[2][0]:
            page.screenshot(path=str(screenshots / f"search-results-{mode}.png"))
        land(page, link, turn_id)
        assert page.url.split("?")[0].endswith(page_name)
        assert_in_view_and_highlighted(page, turn_id, phrase)
        if phrase == PHRASES[2][0]:
            page.screenshot(path=str(screenshots / f"search-landing-{mode}.png"))


@pytest.mark.parametrize("mode", list(MODES))
def test_torch7_lands_on_the_turn_that_says_torch_seven(
    browser: Any, base_url: str, screenshots: Path, mode: str
) -> None:
    page_name = "interviews/deep-learning-with-pytorch.html"
    turn_id, speaker = turn_of(browser, base_url, page_name, "went to the torch seven")
    with searched(browser, base_url, "Torch7", mode) as page:
        link = result_for(page, turn_id)
        assert speaker in link.inner_text()
        page.screenshot(path=str(screenshots / f"search-torch7-results-{mode}.png"))
        land(page, link, turn_id)
        assert_in_view_and_highlighted(page, turn_id, "torch seven")
        page.screenshot(path=str(screenshots / f"search-torch7-landing-{mode}.png"))


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_results_page_passes_axe(browser: Any, base_url: str, axe_script: Path, mode: str) -> None:
    with searched(browser, base_url, "PyTorch", mode) as page:
        assert page.locator("#search-results li.transcript-search-result").count() == 10
        assert page.locator("button.transcript-search-more").count() == 1
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [
            f"{v['id']} ({v['impact']}) at {n['target']}: {n['failureSummary']}"
            for v in result["violations"] for n in v["nodes"]
        ]
        assert not found, "\n".join(found)


def test_the_keyboard_reaches_the_results_and_more_of_them(browser: Any, base_url: str) -> None:
    with searched(browser, base_url, "PyTorch") as page:
        first = page.locator("#search-results a.transcript-search-link").first
        reached = False
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('transcript-search-link')"):
                reached = True
                break
        assert reached, "Tab never reached a result"
        assert page.evaluate("document.activeElement") == first.evaluate("e => e")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        # "More results" by the keyboard: ten more, and the focus on the first of them
        page.focus("button.transcript-search-more")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.querySelectorAll('#search-results li.transcript-search-result').length === 20")
        page.wait_for_function(
            "document.activeElement === document.querySelectorAll('a.transcript-search-link')[10]")


# -- the test-search root -------------------------------------------------------


@pytest.fixture(scope="session")
def search_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("search-root")
    out = base / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-q", "-d", str(base / "doctrees"),
         str(ROOT / "tests" / "roots" / "test-search"), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    # the typed episode's <script> is shown as written (a warning), and nothing else
    assert [line for line in result.stderr.splitlines() if line] == [
        line for line in result.stderr.splitlines() if "transcript.markup" in line
    ]
    with serve(out) as url:
        yield url


def test_a_timed_turn_gives_its_time(browser: Any, search_root: str) -> None:
    with searched(browser, search_root, "quince hawthorn", clean=False) as page:
        item = page.locator("#search-results li.transcript-search-result").first
        assert item.locator("a").inner_text() == "Otto Brenn, Grafting in the Rain"
        assert item.locator(".transcript-search-time").inner_text().strip() == "at 1:02"
        land(page, item.locator("a"), item.locator("a").get_attribute("href").split("#")[1])


def test_what_looks_like_markup_is_shown_as_text(browser: Any, search_root: str) -> None:
    with searched(browser, search_root, "alert pear") as page:
        snippet = page.locator("#search-results li p.context").first.inner_text()
        assert '<script>alert("pear")</script>' in snippet
        assert "<b>keep out</b>" in snippet
        assert page.locator("#search-results script, #search-results b").count() == 0
        assert "<script" not in page.inner_html("#search-results")


@pytest.mark.parametrize(
    ("query", "says"),
    [
        # the term finds the turn that says only its alias ...
        ("Malus", "apple tree man"),
        # ... and the alias the turn that says only the term
        ("apple tree", "Malus man"),
    ],
)
def test_a_term_and_its_aliases_find_each_other(
    browser: Any, search_root: str, query: str, says: str
) -> None:
    with searched(browser, search_root, query, clean=False) as page:
        snippets = page.locator("#search-results li p.context").all_inner_texts()
        assert any(says in s for s in snippets), snippets
        # the glossary's entry is named by its term
        links = page.locator("#search-results a.transcript-search-link").all_inner_texts()
        assert "Glossary — Malus" in links


def first_query(browser: Any, base_url: str, query: str, results: int) -> list[str]:
    """What the search page fetches for its first query, from the site's root."""
    # not browser.pages.opened: every request is recorded, from before the page opens
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.removeprefix(base_url).split("?")[0]))
    try:
        page.goto(f"{base_url}search.html?q={quote_plus(query)}", wait_until="networkidle")
        page.wait_for_function(
            f"document.querySelectorAll('#search-results li.transcript-search-result').length === {results}")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return fetched


def test_a_first_query_downloads_only_the_chunks_of_its_words(
    browser: Any, base_url: str, site: Path
) -> None:
    """Not the archive's whole index: for a word, one chunk of each shard's
    index, the fragments of the ten results shown, one copy of Pagefind's
    code, never Sphinx's searchindex.js."""
    shards = json.loads((site / "_search" / "shards.json").read_text(encoding="utf-8"))
    # the site's root pages and its interviews/ folder
    assert len(shards) == 2
    chunks = len(list((site / "_search" / shards[1] / "index").iterdir()))
    fragments = len(list((site / "_search" / shards[1] / "fragment").iterdir()))
    assert chunks > 1 and fragments > 10
    # a word no glossary spelling holds: one search
    fetched = first_query(browser, base_url, "book", 10)
    index = [u for u in fetched if "/index/" in u]
    shown = [u for u in fetched if "/fragment/" in u]
    assert sorted(u.split("/")[1] for u in index) == sorted(shards), index
    assert len(shown) == 10, shown
    # Pagefind's code and WebAssembly once, from the first shard, however many are merged
    code = [u for u in fetched if u.endswith((".pagefind", "pagefind.js", "pagefind-worker.js"))]
    assert sorted(code) == sorted(f"_search/{shards[0]}/{name}" for name in
                                  ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")), code
    assert not [u for u in fetched if "searchindex" in u]


# -- an archive of many folders: twenty shards merged --------------------------------------


@pytest.fixture(scope="session")
def seasons_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Twenty folders of two pages each, and the root's: twenty-one shards."""
    base = tmp_path_factory.mktemp("seasons-root")
    src = base / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_transcripts"]\nproject = "Seasons"\n',
                                 encoding="utf-8")
    (src / "index.rst").write_text(
        "Seasons\n=======\n\nThe orchard's seasons.\n\n.. toctree::\n   :glob:\n\n   */*\n",
        encoding="utf-8")
    for season in range(1, 21):
        for page in (1, 2):
            folder = src / f"season{season:02d}"
            folder.mkdir(exist_ok=True)
            title = f"Season {season} page {page}"
            words = f"The cider of season {season} page {page} was pressed. Pearmain{season}x{page} sang."
            (folder / f"p{page}.rst").write_text(f"{title}\n{'=' * len(title)}\n\n{words}\n",
                                                 encoding="utf-8")
    out = base / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-q", "-d", str(base / "doctrees"),
         str(src), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr
    with serve(out) as url:
        yield url, out


def test_twenty_shards_are_searched_as_one(browser: Any, seasons_root: tuple[str, Path]) -> None:
    url, out = seasons_root
    shards = json.loads((out / "_search" / "shards.json").read_text(encoding="utf-8"))
    assert len(shards) == 21
    # a word of every folder: results from many shards, ten shown, Pagefind's code once
    fetched = first_query(browser, url, "cider", 10)
    code = [u for u in fetched if u.endswith((".pagefind", "pagefind.js", "pagefind-worker.js"))]
    assert sorted(code) == sorted(f"_search/{shards[0]}/{name}" for name in
                                  ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")), code
    assert len([u for u in fetched if "/fragment/" in u]) == 10
    # a word of one page, in the last shard merged: found, and it lands
    with searched(browser, url, "Pearmain20x2") as page:
        link = page.locator("#search-results a.transcript-search-link")
        assert link.count() == 1
        assert link.first.inner_text() == "Season 20 page 2"
        assert (link.first.get_attribute("href") or "").startswith("season20/p2.html")

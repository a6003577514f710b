"""Word fidelity of the real site: every page shows its source's words, in order.

The site is built once per session.  For each of the five texts, the words in
the page's main article (minus our own editorial blocks, the turn headers,
the byline and heading permalinks) must equal the words of the seed's body
(tests/seeds.py) minus the speaker labels the transcript format consumes.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, need
from seeds import SEED_FOR_PAGE, SEEDS_DIR, body_text

_TOKEN = re.compile(r"\w+|[^\w\s]")


def words(text: str) -> list[str]:
    """Runs of word characters, plus every emoji or other symbol character."""
    return [
        token
        for token in _TOKEN.findall(text)
        if token[0].isalnum() or token[0] == "_" or unicodedata.category(token)[0] == "S"
    ]


@pytest.fixture(scope="session")
def seeds_present() -> None:
    need(SEEDS_DIR.is_dir(), f"the seed texts are not in {SEEDS_DIR}")


def article(site: Path, docname: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article[role=main]")
    assert main is not None
    return main


def directive_names(docname: str) -> list[str]:
    """The speakers a page's transcript directive declares (host and guests)."""
    page = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    names: list[str] = []
    for option in re.findall(r"^:(?:host|guests): *(.+)$", page, flags=re.M):
        names += [n.strip() for n in option.split(",") if n.strip()]
    return names


def labels_for(docname: str) -> list[str]:
    """Every label the page's transcript accepts: names, their aliases, Unknown."""
    registry = tomllib.loads((ROOT / "interviews" / "speakers.toml").read_text(encoding="utf-8"))
    labels = ["Unknown"]
    for name in directive_names(docname):
        labels.append(name)
        for entry in registry.get("speaker", []):
            if entry["name"] == name:
                labels += entry.get("aliases", [])
    return sorted(set(labels), key=len, reverse=True)


def source_words(docname: str) -> list[str]:
    """The seed body's words, without the speaker labels at line starts."""
    text = body_text(SEED_FOR_PAGE[docname])
    labels = labels_for(docname)
    if len(labels) > 1:
        pattern = re.compile(r"^(?:" + "|".join(map(re.escape, labels)) + r"):", flags=re.M)
        text = pattern.sub(" ", text)
    return words(text)


def page_words(site: Path, docname: str) -> list[str]:
    main = article(site, docname)
    # glossary tooltips (role=tooltip) are shown on hover only; they are the
    # glossary's words, not the source's; the citation ("Cite this episode") is ours
    selectors = [".editorial", ".transcript-turn-header", ".transcript-byline", "a.headerlink",
                 "[role=tooltip]", ".transcript-cite"]
    if main.select_one("div.transcript"):
        selectors.append("h1")  # an interview's title is ours, not the source's
    for selector in selectors:
        for element in main.select(selector):
            element.decompose()
    return words(main.get_text(" "))


def first_difference(expected: list[str], actual: list[str]) -> str:
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            return (
                f"{tag}: source {expected[max(0, i1 - 5):i2 + 5]} "
                f"vs page {actual[max(0, j1 - 5):j2 + 5]}"
            )
    return "no difference"


@pytest.mark.parametrize("docname", sorted(SEED_FOR_PAGE))
def test_the_page_shows_the_words_of_its_source_in_order(
    seeds_present: None, site: Path, docname: str
) -> None:
    expected, actual = source_words(docname), page_words(site, docname)
    assert len(expected) > 300  # the whole text, not an empty page against an empty seed
    assert actual == expected, first_difference(expected, actual)


def test_the_tokeniser_keeps_words_and_emoji_and_drops_punctuation() -> None:
    assert words("Hey there! It’s 1.0 — 🦕 & 👋🏻 “ok”") == [
        "Hey", "there", "It", "s", "1", "0", "🦕", "👋", "🏻", "ok",
    ]


# -- structure of the real pages ------------------------------------------------


def turns_by_speaker(site: Path, docname: str) -> Counter[str]:
    main = article(site, docname)
    return Counter(
        turn.select_one(".transcript-turn-header .transcript-speaker").get_text()
        for turn in main.select("div.transcript-turn")
    )


def test_turns_per_speaker_in_the_podcast_match_the_labels_of_the_source(
    seeds_present: None, site: Path
) -> None:
    docname = "interviews/deep-learning-with-pytorch"
    seed = (SEEDS_DIR / SEED_FOR_PAGE[docname]).read_text(encoding="utf-8")
    expected = Counter(
        re.findall(r"^(" + "|".join(map(re.escape, labels_for(docname))) + r"):", seed, flags=re.M)
    )
    assert set(expected) == {*directive_names(docname), "Unknown"}
    assert turns_by_speaker(site, docname) == expected


def test_turns_in_the_blog_interview_match_the_labels_of_the_source(
    seeds_present: None, site: Path
) -> None:
    docname = "interviews/sylvain-gugger"
    body = body_text(SEED_FOR_PAGE[docname])
    expected = Counter(re.findall(r"^(Sanyam Bhutani|Sylvain Gugger):", body, flags=re.M))
    assert turns_by_speaker(site, docname) == expected


def test_questions_and_answers_alternate_in_the_newsletter_interview(site: Path) -> None:
    docname = "interviews/aritra-roy-gosthipaty"
    transcript = (ROOT / "interviews" / "transcripts" / "aritra-roy-gosthipaty.txt").read_text(
        encoding="utf-8"
    )
    questions = len(re.findall(r"^Q: ", transcript, flags=re.M))
    main = article(site, docname)
    roles = [turn["class"][1] for turn in main.select("div.transcript-turn")]
    assert roles == ["transcript-host", "transcript-guest"] * questions


@pytest.mark.parametrize("docname", sorted(SEED_FOR_PAGE))
def test_every_turn_has_its_avatar_and_a_unique_id(site: Path, docname: str) -> None:
    main = article(site, docname)
    ids = [element["id"] for element in main.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for turn in main.select("div.transcript-turn"):
        name = turn.select_one(".transcript-turn-header .transcript-speaker").get_text()
        img = turn.find("img", recursive=False)
        assert img["alt"] == name
        assert (site / Path(docname).parent / img["src"]).resolve().is_file()
        assert turn.select_one("a.transcript-permalink")["href"] == f"#{turn['id']}"

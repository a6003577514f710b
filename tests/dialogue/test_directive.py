"""The transcript directive in MyST and in reST: the same structure from both.

Each test builds one of two roots whose pages say the same thing, one in
Markdown (test-myst) and one in reStructuredText (test-rst).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag


@pytest.fixture
def built(markup_root):
    """Each root built with the html builder, from a fresh copy."""
    return markup_root[1]


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def turns(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("div.transcript > div.transcript-turn")


def speaker(turn: Tag) -> str:
    return turn.select_one(".transcript-turn-header .transcript-speaker").get_text()


def paragraphs(turn: Tag) -> list[str]:
    """The text of each top-level block of a turn's body, whitespace-normalised."""
    body = turn.select_one(".transcript-turn-body")
    return [
        " ".join(child.get_text(" ").split())
        for child in body.find_all(recursive=False)
        if "transcript-turn-header" not in child.get("class", [])
    ]


def test_the_build_is_clean(built) -> None:
    assert built.warning.getvalue() == ""


def test_inline_turns_speakers_roles_and_paragraphs(built) -> None:
    found = turns(page(built, "inline"))
    assert [(speaker(t), t["class"][1]) for t in found] == [
        ("Sanyam Bhutani", "transcript-host"),
        ("Thomas Viehmann", "transcript-guest"),  # written "Tom:", an alias
        ("Ada Lovelace", "transcript-guest"),  # declared, not in the registry
        ("Unknown", "transcript-unattributed"),
        ("Sanyam Bhutani", "transcript-host"),  # written "Sanyam:"
    ]
    assert [t.select_one(".transcript-role").get_text() for t in found] == [
        "host", "guest", "guest", "unattributed", "host",
    ]
    # hard-wrapped lines join into one paragraph; a blank line starts another
    assert paragraphs(found[0]) == [
        "Welcome to the show, Tom.",
        "This second paragraph belongs to the same turn.",
    ]
    # a label mid-line is text; the unlabeled paragraph stays with Tom
    assert paragraphs(found[1])[-1] == "An unlabeled paragraph continues the turn of Tom."
    assert paragraphs(found[4]) == ["The word Thomas: in the middle of a line is no label."]
    # the label itself is not printed in the text in HTML (the header names the speaker)
    assert "Tom:" not in found[1].select_one(".transcript-turn-body p").get_text()


def test_a_paragraph_is_one_flowing_paragraph_not_one_per_line(built) -> None:
    first = turns(page(built, "inline"))[0]
    body = first.select_one(".transcript-turn-body")
    assert len(body.find_all("p")) == 2
    assert body.find("br") is None


def test_inline_markup_and_lists_survive_in_a_turn(built) -> None:
    tom = turns(page(built, "inline"))[1]
    assert tom.select_one("em").get_text() == "having"
    link = tom.select_one("a.reference.external")
    assert (link["href"], link.get_text()) == ("https://example.org/book", "the book")
    assert tom.select_one("code").get_text() == "torch.nn"
    assert [li.get_text(" ", strip=True) for li in tom.select("ul > li")] == [
        "first item", "second item",
    ]


def test_a_transcript_file_relative_to_the_page_with_a_region(built) -> None:
    soup = page(built, "file")
    found = turns(soup)
    assert [speaker(t) for t in found] == ["Sanyam Bhutani", "Eli Stevens", "Luca Antiga"]
    assert paragraphs(found[0]) == ["Inside the region, first line wrapped."]
    assert paragraphs(found[2]) == ["Luca adds a remark. and a wrapped second line of the remark."]
    text = soup.select_one("div.transcript").get_text()
    assert "Podcast chrome" not in text  # before start-after
    assert "START" not in text and "END" not in text  # the marker lines themselves
    assert "Outside the region" not in text  # after end-before


def test_qa_format(built) -> None:
    soup = page(built, "qa")
    found = turns(soup)
    assert [(speaker(t), paragraphs(t)) for t in found] == [
        ("Derrick Mwiti", ["First question wrapped over two lines?"]),
        ("Aritra Roy Gosthipaty", ["First answer paragraph.", "Second answer paragraph."]),
        ("Derrick Mwiti", ["Second question?", "A follow-up question."]),
        ("Aritra Roy Gosthipaty", ["Final answer."]),
    ]
    assert [t["class"][1] for t in found] == ["transcript-host", "transcript-guest"] * 2
    preamble = soup.select_one("div.transcript > .transcript-preamble")
    assert preamble.get_text(strip=True) == "An introduction before the first question."
    assert "Q:" not in soup.select_one("div.transcript").get_text()


def test_every_turn_has_avatar_name_role_anchor_and_permalink(built) -> None:
    for name in ("inline", "file", "qa", "gallery"):
        soup = page(built, name)
        found = turns(soup)
        assert found
        ids = [t["id"] for t in found]
        assert len(ids) == len(set(ids)), name
        for turn in found:
            who = speaker(turn)
            img = turn.find("img", recursive=False)
            assert "transcript-avatar" in img["class"]
            assert img["alt"] == who
            assert (built.outdir / img["src"]).is_file()
            assert turn.select_one(".transcript-role").get_text() in {"host", "guest", "unattributed"}
            permalink = turn.select_one("a.transcript-permalink")
            assert permalink["href"] == f"#{turn['id']}"
            # an address that says what the turn is, never its place
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", turn["id"])
            assert not re.fullmatch(r"(t\d+-)?turn-\d+", turn["id"])


def test_turn_ids_say_who_speaks_and_how_and_keep_their_old_numbers(built) -> None:
    found = turns(page(built, "inline"))
    assert [t["id"] for t in found][:2] == [
        "sanyam-bhutani-welcome-to-the-show-tom", "thomas-viehmann-thanks-for-having-me-see"]
    # the page has no map of old addresses: the old ones stay, by position, inside their turn
    assert [[s["id"] for s in t.select("span.transcript-alias")] for t in found] == [
        [f"turn-{n}"] for n in range(1, 6)]
    # a second transcript on a page has its own prefix, for both
    gallery = turns(page(built, "gallery"))
    assert [t.select_one("span.transcript-alias")["id"] for t in gallery] == [
        "turn-1", "turn-2", "turn-3", "turn-4", "t2-turn-1", "t2-turn-2"]
    assert all(t["id"].startswith("t2-") for t in gallery[4:])
    assert not any(t["id"].startswith("t2-") for t in gallery[:4])


def test_the_author_of_an_essay_has_avatar_name_role_and_bio(built) -> None:
    author, translator = page(built, "byline").select("div.transcript-byline")
    assert author.select_one("img.transcript-avatar")["alt"] == "Aritra Roy Gosthipaty"
    text = " ".join(author.get_text(" ").split())
    assert text == "By Aritra Roy Gosthipaty — Deep learning educator."
    # a role other than author is said; someone not in the registry has no bio
    assert " ".join(translator.get_text(" ").split()) == "By Ada Lovelace (translator)"


@pytest.mark.parametrize("testroot", ["myst", "rst"])
def test_the_text_builder_reads_name_colon_text(make_app, rootdir, tmp_path, testroot) -> None:
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{testroot}", srcdir)
    app = make_app("text", srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    inline = (app.outdir / "inline.txt").read_text(encoding="utf-8")
    starts = [line for line in inline.splitlines() if re.match(r"^[A-Z][\w ]+: ", line)]
    assert starts == [
        "Sanyam Bhutani: Welcome to the show, Tom.",
        "Thomas Viehmann: Thanks for *having* me, see the book and \"torch.nn\".",
        "Ada Lovelace: I am not in the registry.",
        "Unknown: Nobody knows who said this.",
        "Sanyam Bhutani: The word Thomas: in the middle of a line is no label.",
    ]
    assert "This second paragraph belongs to the same turn." in inline
    qa = (app.outdir / "qa.txt").read_text(encoding="utf-8")
    assert "Derrick Mwiti: First question wrapped over two lines?" in qa
    assert "Aritra Roy Gosthipaty: Final answer." in qa


def test_the_file_is_found_relative_to_the_page_not_the_project(built) -> None:
    # nested/page reads "transcripts/talk.txt": nested/transcripts/talk.txt, while
    # the project's own transcripts/talk.txt says something else
    found = turns(page(built, "nested/page"))
    assert paragraphs(found[0]) == ["This file sits next to the nested page."]
    assert [speaker(t) for t in found] == ["Sanyam Bhutani", "Eli Stevens"]


def test_bullet_glyphs_become_a_list(built) -> None:
    (tom,) = turns(page(built, "bullets"))
    body = tom.select_one(".transcript-turn-body")
    assert [li.get_text(" ", strip=True) for li in body.select("ul > li")] == [
        "Part 1: the basics.", "Part 2: a real project.", "Part 3: deployment.",
    ]
    assert paragraphs(tom)[0] == "The book has three parts:"
    assert paragraphs(tom)[-1] == "And that is all of it."
    assert "•" not in body.get_text()

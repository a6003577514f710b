"""People page, person role and landing-page cards (testroot ``people``).

The facts behind them are gathered per document, so these tests also build
in parallel and incrementally and expect the same pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def _html(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def _section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    end = html.find('id="person-', start + 1)
    return html[start : end if end != -1 else len(html)]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.sphinx("html", testroot="people")
def test_people_page_lists_every_person_with_their_texts(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = _html(app, "people.html")
    ben = _text(_section(html, "person-ben-guest"))
    assert "Answers them, and writes essays." in ben
    assert "Also called Ben in the texts." in ben
    assert '<a class="reference external" href="https://example.org/ben">' in _section(
        html, "person-ben-guest"
    )
    assert "Roles: author guest" in ben
    assert "A talk — 2 turns" in ben
    assert "An essay — author" in ben
    assert 'href="pages/talk.html"' in _section(html, "person-ben-guest")
    ada = _text(_section(html, "person-ada-host"))
    assert "Role: host" in ada and "A talk — 2 turns" in ada and "essay" not in ada
    assert "Not in any published text yet." in _text(_section(html, "person-cy-quiet"))
    # the avatar beside the name says who it is
    assert 'alt="Ben Guest"' in _section(html, "person-ben-guest")
    # someone who speaks but is not in the registry gets a section too
    dee = _section(html, "person-dee-visitor")
    assert "<h2>Dee Visitor" in dee and 'alt="Dee Visitor"' in dee
    assert "Mentions — 1 turn" in _text(dee)


@pytest.mark.sphinx("html", testroot="people")
def test_person_role_and_speaker_names_link_to_the_people_page(app) -> None:
    app.build()
    index = _html(app, "index.html")
    assert re.search(r'<a class="reference internal" href="people.html#person-ben-guest">.*?Ben<', index)
    assert re.search(r'href="people.html#person-ada-host">.*?Ada<', index)
    mentions = _html(app, "pages/mentions.html")
    assert 'href="../people.html#person-ben-guest"' in mentions
    talk = _html(app, "pages/talk.html")
    assert ('<a class="transcript-speaker-link reference internal" '
            'href="../people.html#person-ben-guest"') in talk
    essay = _html(app, "pages/essay.html")  # the byline names its author
    assert re.search(
        r'<p class="transcript-byline-text">By <strong class="transcript-speaker">'
        r'<a class="transcript-speaker-link reference internal" '
        r'href="\.\./people\.html#person-ben-guest"[^>]*>(?:<span[^>]*>)?Ben Guest', essay
    )


@pytest.mark.sphinx("html", testroot="people", srcdir="people-typo")
def test_unknown_person_is_a_located_warning(app) -> None:
    (Path(app.srcdir) / "pages" / "typo.md").write_text(
        "---\norphan: true\n---\n\n# Typo\n\nText.\n\nSee {person}`Ben Gest`.\n", encoding="utf-8"
    )
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(r"pages/typo\.md:\d+: WARNING: unknown person 'Ben Gest'", warnings), warnings
    assert "[transcript.person]" in warnings
    assert "Ben Gest" in _text(_html(app, "pages/typo.html"))


@pytest.mark.sphinx("html", testroot="people")
def test_landing_page_cards_come_from_the_pages(app) -> None:
    app.build()
    index = _html(app, "index.html")
    cards = index.split('class="sd-card ')[1:]
    assert len(cards) == 2
    talk, essay = (_text(card) for card in cards)
    assert "A talk" in talk and "Ada and Ben talk about tests." in talk
    assert "Interview · 1 min read · with Ada Host and Ben Guest" in talk
    assert "Essay · 1 min read · by Ben Guest" in essay
    assert re.search(r'class="reference internal" href="pages/talk.html"><span class="doc">A talk<', cards[0])
    # faces next to the names they show are decorative
    assert cards[0].count('alt=""') == 2
    # the hidden toctree keeps the navigation
    assert app.env.toctree_includes["index"][:2] == ["pages/talk", "pages/essay"]


@pytest.mark.sphinx("text", testroot="people")
def test_other_builders_get_plain_lists(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    index = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "A talk: Ada and Ben talk about tests. (Interview · 1 min read" in index
    people = (Path(app.outdir) / "people.txt").read_text(encoding="utf-8")
    assert "A talk — 2 turns" in people


@pytest.mark.sphinx("html", testroot="people", parallel=2)
def test_parallel_build_gives_the_same_people_page(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    ben = _text(_section(_html(app, "people.html"), "person-ben-guest"))
    assert "A talk — 2 turns" in ben and "An essay — author" in ben


@pytest.mark.sphinx("html", testroot="people", srcdir="people-incremental", freshenv=True)
def test_changing_a_transcript_updates_the_aggregate_pages(app) -> None:
    app.build()
    talk = Path(app.srcdir) / "pages" / "talk.md"
    talk.write_text(
        talk.read_text(encoding="utf-8").replace(
            "Ben Guest: Then I look at them.",
            "Ben Guest: Then I look at them.\n\nBen Guest: And fix them.",
        ),
        encoding="utf-8",
    )
    added, changed, removed = app.env.get_outdated_files(config_changed=False)
    assert changed == {"pages/talk"}
    again = app.emit("env-get-outdated", app.env, added, changed, removed)
    # the pages that show aggregates are not re-read: they are written again
    assert {doc for docs in again for doc in docs} - changed == set()
    read: list[str] = []
    written: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    app.connect("doctree-resolved", lambda _app, _tree, docname: written.append(docname))
    app.build()
    assert app.warning.getvalue() == ""
    assert read == ["pages/talk"]
    assert sorted(written) == ["index", "pages/talk", "people"]
    assert "A talk — 3 turns" in _text(_section(_html(app, "people.html"), "person-ben-guest"))


@pytest.mark.sphinx("html", testroot="people", srcdir="people-unseen-edit", freshenv=True)
def test_an_edit_the_aggregate_pages_do_not_show_leaves_the_people_page_alone(app) -> None:
    app.build()
    talk = Path(app.srcdir) / "pages" / "talk.md"
    talk.write_text(
        talk.read_text(encoding="utf-8").replace("Then I look at them.", "Then I look at each."),
        encoding="utf-8",
    )
    written: list[str] = []
    app.connect("doctree-resolved", lambda _app, _tree, docname: written.append(docname))
    app.build()
    assert app.warning.getvalue() == ""
    # "index" lists the page in its toctree, so Sphinx writes it; "people" shows nothing that changed
    assert sorted(written) == ["index", "pages/talk"]


def _person_links(html: str) -> list[str]:
    return re.findall(r'href="[^"]*#person-[^"]*"', html)


@pytest.mark.sphinx("html", testroot="people", srcdir="people-deleted", freshenv=True)
def test_deleting_the_people_page_rewrites_every_page_that_linked_it(app) -> None:
    """Turn headers, bylines and {person} are one kind of link: when the
    people page goes, every page that linked it is written again, with the
    names as plain text and no warning; when it comes back, so do the links."""
    app.build()
    for page in ("pages/talk.html", "pages/essay.html", "index.html"):
        assert _person_links(_html(app, page)), page
    people = Path(app.srcdir) / "people.md"
    kept = people.read_text(encoding="utf-8")
    people.unlink()
    index = Path(app.srcdir) / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\npeople\n", "\n"), encoding="utf-8")
    app.build()
    assert app.warning.getvalue() == ""
    for page in ("pages/talk.html", "pages/essay.html", "pages/mentions.html", "index.html"):
        html = _html(app, page)
        assert _person_links(html) == [], page
    talk = _html(app, "pages/talk.html")
    assert '<span class="transcript-speaker">Ben Guest</span>' in talk
    # the role's name, as Sphinx shows a reference it cannot resolve
    assert 'of <span class="xref std std-ref">Ben Guest</span> in prose' in _html(app, "pages/mentions.html")
    assert "By <strong class=\"transcript-speaker\">Ben Guest</strong>" in _html(app, "pages/essay.html")
    # and back
    people.write_text(kept, encoding="utf-8")
    index.write_text(index.read_text(encoding="utf-8").replace("\n:hidden:\n\n", "\n:hidden:\n\npeople\n"),
                     encoding="utf-8")
    app.build()
    assert app.warning.getvalue() == ""
    assert 'href="../people.html#person-ben-guest"' in _html(app, "pages/talk.html")
    assert 'href="../people.html#person-ben-guest"' in _html(app, "pages/essay.html")


@pytest.mark.sphinx("latex", testroot="people", freshenv=True)
def test_person_links_are_hyperlinks_in_the_pdf(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxtranscriptheader{{\hyperref[\detokenize{people:person-ben-guest}]" in tex


@pytest.mark.sphinx("html", testroot="people", srcdir="people-cards-anonymous", freshenv=True)
def test_a_card_keeps_its_titles_emphasis_and_an_unnamed_author_is_a_silhouette(app) -> None:
    src = Path(app.srcdir)
    (src / "pages" / "essay.md").write_text(
        "---\nsummary: Nobody signs this.\n---\n\n# Notes on *Slow Tests*\n\n"
        "```{byline}\n```\n\nSome words by someone.\n", encoding="utf-8")
    app.build()
    assert app.warning.getvalue() == ""
    essay_card = _html(app, "index.html").split('class="sd-card ')[2]
    # the title's emphasis, as the sidebar shows it, inside the card's one link
    assert re.search(r'href="pages/essay.html"><span class="doc">Notes on <em>Slow Tests</em></span></a>',
                     essay_card), essay_card
    # no "?" face: a head and shoulders on grey, the same on the essay's byline
    avatars = re.findall(r'src="(_images/avatar-[0-9a-f]+\.svg)"', essay_card)
    assert len(avatars) == 1
    svg = (Path(app.outdir) / avatars[0]).read_text(encoding="utf-8")
    assert ">?<" not in svg and "<path" in svg and "Unnamed author" in svg
    byline = _html(app, "pages/essay.html")
    assert avatars[0].removeprefix("_images/") in byline
    assert "Author not named in the source" in _text(byline)

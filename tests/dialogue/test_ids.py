"""Ids in every script: people, chapters and turns each have an address of
their own, whatever the script of their names or how often a title repeats,
and every link reaches what it names (testroot ``ids``).  Also the located
warnings of what the extension used to pass in silence: markup in a chapter
title or a bio, a label mapped twice by ``:speaker-map:``."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT as REPO
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.anchors import Anchors, anchor, hashed, name_hash, slug, slug_says
from sphinx_transcripts.people.registry import parse_registry

ROOT = REPO / "tests" / "roots" / "test-ids"

# -- the scheme (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ben Guest", "ben-guest"),
        ("Zoë Ång", "zoe-ang"),  # accents only: the slug says the name
        ("Łukasz Żółć", "lukasz-zolc"),  # Latin letters Unicode does not decompose
        ("Ad break", "ad-break"),
        ("Þóra Ørsted-Æbelø", "thora-orsted-aebelo"),
        ("李明", name_hash("李明")),  # another script: the hash alone
        ("Дмитрий Петров", name_hash("Дмитрий Петров")),
        ("Κεφάλαιο", name_hash("Κεφάλαιο")),
        ("Dr. 李", "dr-" + name_hash("Dr. 李")),  # the Latin part, and the hash
        ("٣ things", "things-" + name_hash("٣ things")),  # a digit of another script
    ],
)
def test_an_id_is_the_slug_when_it_says_the_name_else_slug_and_hash(name: str, expected: str) -> None:
    assert anchor(name) == expected
    assert anchor(name).isascii()


def test_the_hash_is_the_same_on_every_build_and_machine() -> None:
    # BLAKE2b of the NFC name: no salt, no PYTHONHASHSEED
    assert name_hash("李明") == "def6a74c"
    assert name_hash("Zoe Ang") == "cb47dfe3"
    # a name typed decomposed is the same name
    assert name_hash("Zoe\u0308 A\u030ang") == name_hash("Zoë Ång")
    assert slug("第一章") == "" and not slug_says("第一章")
    assert slug_says("Zoë Ång") and slug_says("O'Brien-Smith 🚀")
    assert hashed("第一章") == name_hash("第一章")


def test_people_ids_depend_on_their_own_name_when_slugs_meet() -> None:
    ids = Anchors("person-")
    assert ids.named("Zoë Ång") == "person-zoe-ang"
    assert ids.named("Zoe Ang") == "person-zoe-ang-" + name_hash("Zoe Ang")
    assert ids.named("李明") == "person-" + name_hash("李明")
    assert ids.named("王芳") == "person-" + name_hash("王芳")
    # a hash already given (1 in 4 billion, or the same name twice): counted on
    assert ids.named("Zoe Ang") == "person-zoe-ang-" + name_hash("Zoe Ang") + "-2"


def test_chapter_ids_count_a_title_met_again_and_skip_the_taken() -> None:
    ids = Anchors("t2-chapter-", {"t2-chapter-intro"})
    assert [ids.numbered(t) for t in ["Intro", "Ad break", "Ad break", "Ad break 2", "第一章", "第一章"]] == [
        "t2-chapter-intro-2", "t2-chapter-ad-break", "t2-chapter-ad-break-2", "t2-chapter-ad-break-2-2",
        "t2-chapter-" + name_hash("第一章"), "t2-chapter-" + name_hash("第一章") + "-2",
    ]


REGISTRY = """\
[[speaker]]
name = "Zoë Ång"

[[speaker]]
name = "Zoe Ang"

[[speaker]]
name = "李明"

[[speaker]]
name = "Дмитрий Петров"
"""


def test_every_registered_person_has_a_key_of_their_own() -> None:
    registry, problems = parse_registry(REGISTRY)
    assert problems == []
    assert [s.key for s in registry] == [
        "zoe-ang", "zoe-ang-" + name_hash("Zoe Ang"), name_hash("李明"), name_hash("Дмитрий Петров")]


def test_a_name_registered_twice_is_a_located_problem_and_one_person() -> None:
    registry, problems = parse_registry(
        '[[speaker]]\nname = "Ada"\nbio = "one"\n\n[[speaker]]\nname = "Ada"\nbio = "two"\n')
    assert [(s.name, s.key, s.bio) for s in registry] == [("Ada", "ada", "one")]
    assert registry.resolve("Ada").bio == "one"
    assert [(p.lineno, p.message) for p in problems] == [
        (6, "'Ada' is registered twice (first at line 2); this entry is ignored")]


def test_adding_an_unrelated_person_anywhere_changes_no_ones_key() -> None:
    before = {s.name: s.key for s in parse_registry(REGISTRY)[0]}
    grown = '[[speaker]]\nname = "张伟"\n\n[[speaker]]\nname = "Ada Host"\n\n' + REGISTRY
    grown += '\n[[speaker]]\nname = "Анна Петрова"\n'
    after = {s.name: s.key for s in parse_registry(grown)[0]}
    assert {name: after[name] for name in before} == before
    assert len(set(after.values())) == len(after) == 7


# -- on the site ----------------------------------------------------------------------------


def build(srcdir: Path, builder: str = "html") -> SphinxTestApp:
    app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp("ids") / "src"
    shutil.copytree(ROOT, srcdir)
    return build(srcdir)


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


PAGES = ["index", "people", "chapters", "episode", "mapped", "named"]


def main(soup: BeautifulSoup) -> BeautifulSoup:
    found = soup.select_one("div.body") or soup.select_one("[role=main]") or soup
    return found


@pytest.mark.parametrize("name", PAGES)
def test_no_id_is_on_two_elements(html: SphinxTestApp, name: str) -> None:
    ids = Counter(element["id"] for element in page(html, name).select("[id]"))
    assert [i for i, count in ids.items() if count > 1] == []


@pytest.mark.parametrize("name", PAGES)
def test_every_link_of_a_page_reaches_an_element(html: SphinxTestApp, name: str) -> None:
    base = f"https://site.invalid/{name}.html"
    soups = {other: page(html, other) for other in PAGES}
    checked = 0
    for link in page(html, name).select("a[href*='#']"):
        url = urljoin(base, link["href"])
        if not url.startswith("https://site.invalid/"):
            continue
        path, _, fragment = url.removeprefix("https://site.invalid/").partition("#")
        target = path.removesuffix(".html")
        if target not in soups or not fragment:
            continue
        assert soups[target].find(id=unquote(fragment)) is not None, f"{link} on {name}"
        checked += 1
    assert checked


def person_sections(html: SphinxTestApp) -> dict[str, tuple[str, str]]:
    """By id: the name in the section's title, and its bio."""
    out = {}
    for section in page(html, "people").select("section.transcript-person"):
        bio = section.select_one(".transcript-bio")
        out[section["id"]] = (section.find("h2").get_text().rstrip("¶#").strip(),
                              bio.get_text() if bio else "")
    return out


def test_every_person_has_a_section_of_their_own(html: SphinxTestApp) -> None:
    sections = person_sections(html)
    assert {name: ident for ident, (name, _) in sections.items()} == {
        "Zoë Ång": "person-zoe-ang",
        "Zoe Ang": "person-zoe-ang-" + name_hash("Zoe Ang"),
        "李明": "person-" + name_hash("李明"),
        "王芳": "person-" + name_hash("王芳"),
        "Дмитрий Петров": "person-" + name_hash("Дмитрий Петров"),
        "Анна Петрова": "person-" + name_hash("Анна Петрова"),
        # the unmapped label of episode.vtt: a section, never a registered person's address
        "Zoe-Ang": "person-zoe-ang-" + name_hash("Zoe-Ang"),
    }


def landing(html: SphinxTestApp, href: str) -> tuple[str, str]:
    """The name and bio of the people page's section a link lands on."""
    assert href.startswith("people.html#") or href.startswith("#"), href
    return person_sections(html)[href.partition("#")[2]]


def test_each_name_links_to_its_own_person(html: SphinxTestApp) -> None:
    # turn headers
    for name in ("chapters", "episode"):
        for turn in page(html, name).select("div.transcript-turn"):
            speaker = turn.select_one(".transcript-speaker")
            link = speaker.find("a")
            if speaker.get_text() == "Zoe-Ang":  # the unmapped label: no link, no one's address
                assert link is None
                continue
            assert landing(html, link["href"])[0] == speaker.get_text().strip()
    # {person} in prose
    links = main(page(html, "index")).select("p a[href^='people.html#person-']")
    assert [landing(html, a["href"])[0] for a in links] == ["Zoë Ång", "Zoe Ang", "李明", "Анна Петрова"]
    # the bee keeper's link is hers, not the lighthouse keeper's, nor the impostor's
    bees = landing(html, links[1]["href"])
    assert bees == ("Zoe Ang", "Another person altogether, who keeps bees.")


def test_chapter_ids_are_unique_in_every_script_and_for_every_repeat(html: SphinxTestApp) -> None:
    chapters = page(html, "chapters").select("section.transcript-chapter")
    assert [(s.find("h2").get_text().rstrip("¶#"), s["id"]) for s in chapters] == [
        ("第一章", "chapter-" + name_hash("第一章")),
        ("第二章", "chapter-" + name_hash("第二章")),
        ("Κεφάλαιο", "chapter-" + name_hash("Κεφάλαιο")),
        ("Ad break", "chapter-ad-break"),
        ("Ad break", "chapter-ad-break-2"),
        ("Ad break 2", "chapter-ad-break-2-2"),
        ("<script>alert(1)</script>", "chapter-script-alert-1-script"),
    ]
    # "On this page" reaches each of them: one entry per chapter, each its own address
    toc = html.env.tocs["chapters"]
    assert [n["anchorname"] for n in toc.findall(lambda n: n.tagname == "reference")][1:] == [
        "#" + s["id"] for s in chapters]
    # a heading of the page already has "chapter-welcome": the chapter takes the next
    episode = page(html, "episode")
    assert [s["id"] for s in episode.select("section.transcript-chapter")] == [
        "chapter-welcome-2", "chapter-" + name_hash("第一章"), "chapter-wind-and-more"]
    assert episode.select_one("section#chapter-welcome > h2").get_text().startswith("Chapter: Welcome")


def test_a_name_in_another_script_prefixes_its_transcript_s_anchors(html: SphinxTestApp) -> None:
    named = page(html, "named")
    prefix = name_hash("第二部")
    assert [t["id"] for t in named.select("div.transcript-turn")] == [
        # a speaker the slug cannot say is its hash; the words say themselves
        f"{name_hash('李明')}-the-first-part", f"{name_hash('王芳')}-still-the-first-part",
        f"{prefix}-{name_hash('李明')}-the-second-part-named-in",
        f"{prefix}-{name_hash('王芳')}-its-turns-have-addresses-of"]
    assert [a["id"] for a in named.select("div.transcript-turn > span.transcript-alias")] == [
        "turn-1", "turn-2", f"{prefix}-turn-1", f"{prefix}-turn-2"]
    assert [s["id"] for s in named.select("section.transcript-chapter")] == [
        f"{prefix}-chapter-{prefix}"]


def test_a_heading_above_with_a_turn_s_id_is_a_warning_one_after_takes_another(
    html: SphinxTestApp,
) -> None:
    headings = page(html, "headings")
    ids = Counter(element["id"] for element in headings.select("[id]"))
    # every id is one element's: the heading above keeps "turn-2", the second
    # turn goes without that old address (warned, see below)
    assert [i for i, count in ids.items() if count > 1] == []
    assert headings.select_one("#turn-2").name == "section"
    assert [[a["id"] for a in t.select("span.transcript-alias")]
            for t in headings.select("div.transcript-turn")] == [["turn-1"], []]
    after = next(h for h in headings.select("h2") if h.get_text().startswith("Turn 1"))
    assert after.parent["id"] not in ("turn-1", "turn-2")


def test_the_unmapped_label_keeps_its_turns_and_its_own_section(html: SphinxTestApp) -> None:
    sections = person_sections(html)
    impostor = sections["person-zoe-ang-" + name_hash("Zoe-Ang")]
    assert impostor == ("Zoe-Ang", "")
    # the registered people keep their sections, bios and addresses
    assert sections["person-zoe-ang"] == ("Zoë Ång", "Hosts the show from a lighthouse.")


def test_the_warnings_are_exactly_these_each_at_its_file_and_line(html: SphinxTestApp) -> None:
    src = Path(html.srcdir)
    warnings = strip_escape_sequences(html.warning.getvalue()).splitlines()
    assert warnings == [
        f"{src / 'speakers.toml'}:21: WARNING: raw HTML ('<script>') in the bio of 'Дмитрий Петров' "
        "is shown as written, not run [transcript.markup]",
        f"{src / 'speakers.toml'}:25: WARNING: a substitution ('{{{{ braces }}}}') in the bio of "
        "'Анна Петрова' is shown as written, not run [transcript.markup]",
        f"{src / 'speakers.toml'}:26: WARNING: link to 'javascript:void(0' is shown as written: "
        "links in the bio of 'Анна Петрова' must be http, https or mailto URLs [transcript.link]",
        f"{src / 'transcripts' / 'chapters.txt'}:21: WARNING: raw HTML ('<script>') in a chapter title "
        "is shown as written, not run [transcript.markup]",
        f"{src / 'transcripts' / 'episode.chapters.json'}:6: WARNING: a substitution ('{{{{ and }}}}') "
        "in a chapter title is shown as written, not run [transcript.markup]",
        f"{src / 'transcripts' / 'episode.vtt'}:6: WARNING: speaker label 'Zoe-Ang' (1 turn) maps to "
        "nobody: its turns are shown under the label itself; did you mean 'Zoe Ang'? "
        "[transcript.unmapped-label]",
        f"{src / 'headings.md'}:7: WARNING: a heading or target above the transcript has the id "
        "'turn-2', the old address of one of its turns: old links to that turn would reach the "
        "heading; give the heading another id [transcript.option]",
        f"{src / 'mapped.md'}:3: WARNING: :speaker-map: maps 'SPEAKER_00' to 'Zoe Ang' and again to "
        "'Zoë Ång'; it is read as 'Zoe Ang': map each label once [transcript.option]",
        f"{src / 'mapped.md'}:3: WARNING: :speaker-map: maps 'SPEAKER_01' to '李明' twice, as "
        "'speaker_01'; map each label once [transcript.option]",
    ]


def test_a_label_mapped_twice_keeps_its_first_person(html: SphinxTestApp) -> None:
    speakers = [t.select_one(".transcript-speaker").get_text()
                for t in page(html, "mapped").select("div.transcript-turn")]
    assert speakers == ["Zoe Ang", "李明", "Zoe Ang"]


def test_titles_and_bios_with_markup_are_shown_as_written(html: SphinxTestApp) -> None:
    chapters = page(html, "chapters")
    assert "<script>alert(1)</script>" in [h.get_text().rstrip("¶#") for h in chapters.select("h2")]
    assert not [s for s in chapters.select("script") if "alert" in s.get_text()]
    people = page(html, "people")
    assert "Writes compilers <script>document.title = 1</script> for fun." in people.get_text()
    assert not [s for s in people.select("script") if "document.title" in s.get_text()]


def test_ids_are_the_same_on_every_build_and_when_someone_is_added(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    first = person_sections(build(srcdir))
    again = person_sections(build(srcdir))
    assert again == first
    registry = srcdir / "speakers.toml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text('[[speaker]]\nname = "张伟"\n\n[[speaker]]\nname = "Ada Host"\n\n'
                        + text.split("\n", 1)[1], encoding="utf-8")
    grown = person_sections(build(srcdir))
    assert {ident: grown[ident] for ident in first} == first
    assert len(grown) == len(first) + 2


@pytest.mark.parametrize("builder", ["latex", "epub", "singlehtml"])
def test_other_builders_take_the_ids_without_a_warning_of_their_own(tmp_path: Path, builder: str) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    app = build(srcdir, builder)
    # the same nine warnings of the input as the HTML build, and nothing about ids
    warnings = strip_escape_sequences(app.warning.getvalue()).splitlines()
    assert len(warnings) == 9, warnings
    assert not [w for w in warnings if "uplicate" in w or "[docutils]" in w]

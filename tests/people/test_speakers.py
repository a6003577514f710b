"""The speaker registry: its TOML format (pure) and its use by every page of a build."""

from __future__ import annotations

import shutil
from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup
from sphinx_transcripts.anchors import name_hash
from sphinx_transcripts.people.avatars import NEUTRAL_BACKGROUND, generated_avatar
from sphinx_transcripts.people.registry import UNATTRIBUTED, Speaker, parse_registry

REGISTRY = """\
# a comment
[[speaker]]
name = "Thomas Viehmann"
bio = "Mathematician."
aliases = ["Tom", "Thomas"]
avatar = "avatars/thomas.png"

[[speaker]]
name = "Eli Stevens"
bio = "  Engineer.  "
"""


def test_names_bios_aliases_and_avatar_paths() -> None:
    registry, problems = parse_registry(REGISTRY, PurePosixPath("people"))
    assert problems == []
    assert [s.name for s in registry] == ["Thomas Viehmann", "Eli Stevens"]
    tom = registry.get("Thomas Viehmann")
    assert tom == Speaker(
        "Thomas Viehmann", "Mathematician.", ("Tom", "Thomas"), "people/avatars/thomas.png"
    )
    assert registry.get("Eli Stevens").bio == "Engineer."
    assert registry.get("Eli Stevens").avatar is None


def test_resolve_by_name_by_alias_and_unregistered() -> None:
    registry, _ = parse_registry(REGISTRY)
    assert registry.resolve("Tom").name == "Thomas Viehmann"
    assert registry.resolve("Thomas").name == "Thomas Viehmann"
    assert registry.resolve("Thomas Viehmann").unregistered is False
    stranger = registry.resolve("Ada Lovelace")
    assert (stranger.name, stranger.unregistered, stranger.bio, stranger.avatar) == (
        "Ada Lovelace", True, "", None,
    )


def test_unknown_is_the_unattributed_speaker() -> None:
    assert UNATTRIBUTED == "Unknown"
    assert Speaker("Unknown").unattributed
    assert not Speaker("Unknowne").unattributed


def test_keys() -> None:
    assert Speaker("Luca Antiga").key == "luca-antiga"
    assert Speaker("Zoë O'Brien-Smith").key == "zoe-o-brien-smith"
    # a name the slug cannot say is its hash, never a shared "speaker" (tests/dialogue/test_ids.py)
    assert Speaker("李").key == name_hash("李")


@pytest.mark.parametrize(
    ("text", "lineno", "message"),
    [
        (
            '[[speaker]]\nname = "A B"\nphoto = "x.png"\n',
            3,
            "speaker 'A B': unknown field 'photo' (known: aliases, avatar, bio, name, url)",
        ),
        (
            '[[speaker]]\nname = "A B"\navatar = "a.gif"\n',
            3,
            "speaker 'A B': avatar 'a.gif' must be a png, jpg, jpeg, svg, webp image; "
            "a generated avatar is used",
        ),
        (
            '[[speaker]]\nname = "A B"\naliases = ["Al"]\n\n'
            '[[speaker]]\nname = "C D"\naliases = ["Al"]\n',
            7,  # where the second claim is, not the first
            "'Al' names both 'A B' and 'C D'; it stays with 'A B'",
        ),
        (
            '[[speaker]]\nname = "A B"\nbio = "Has no photo."\n\n'
            '[[speaker]]\nname = "C D"\nphoto = "c.png"\n',
            7,
            "speaker 'C D': unknown field 'photo' (known: aliases, avatar, bio, name, url)",
        ),
        (
            '[[speaker]]\nname = "A B"\nbio = "Once drew same.gif."\n\n'
            '[[speaker]]\nname = "C D"\navatar = "same.gif"\n',
            7,
            "speaker 'C D': avatar 'same.gif' must be a png, jpg, jpeg, svg, webp image; "
            "a generated avatar is used",
        ),
        ('[[speaker]]\nbio = "nameless"\n', 0, "speaker #1 has no 'name'; it is ignored"),
        ("speaker = [\"Ada\"]\n", 0, "speaker #1 is not a table ([[speaker]]); it is ignored"),
    ],
)
def test_registry_problems_carry_their_line(text: str, lineno: int, message: str) -> None:
    _, problems = parse_registry(text)
    assert [(p.lineno, p.message) for p in problems] == [(lineno, message)]


def test_bad_toml_is_a_problem_at_its_line() -> None:
    registry, problems = parse_registry('[[speaker]]\nname = "A"\nbio = \n')
    assert len(registry) == 0
    assert [p.lineno for p in problems] == [3]


# -- one registry for every page of a build -------------------------------------


@pytest.fixture
def built(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-myst", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    return app


def avatars(app, page: str) -> dict[str, str]:
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return {img["alt"]: img["src"] for img in soup.select("img.transcript-avatar")}


def test_the_registry_is_shared_by_all_pages(built) -> None:
    inline, gallery = avatars(built, "inline"), avatars(built, "gallery")
    # Thomas' registry image is used on both pages ("Tom:" on one, full name on the other)
    assert inline["Thomas Viehmann"] == gallery["Thomas Viehmann"]
    assert inline["Thomas Viehmann"].endswith(".png")
    # the same generated avatar for the host wherever he speaks
    assert inline["Sanyam Bhutani"] == gallery["Sanyam Bhutani"] == avatars(built, "file")[
        "Sanyam Bhutani"
    ]
    # the essay byline takes the bio from the registry
    byline = BeautifulSoup(
        (built.outdir / "byline.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one(".transcript-bio")
    assert byline.get_text() == "Deep learning educator."


def test_a_speaker_missing_from_the_registry_gets_a_generated_avatar(built) -> None:
    src = avatars(built, "inline")["Ada Lovelace"]
    svg = (built.outdir / src).read_text(encoding="utf-8")
    assert ">AL</text>" in svg
    assert generated_avatar("Ada Lovelace").background in svg


def test_unknown_renders_unattributed_with_the_neutral_avatar(built) -> None:
    soup = BeautifulSoup((built.outdir / "inline.html").read_text(encoding="utf-8"), "html.parser")
    (turn,) = soup.select('div.transcript-turn[data-speaker="unknown"]')
    assert "transcript-unattributed" in turn["class"]
    assert "transcript-host" not in turn["class"] and "transcript-guest" not in turn["class"]
    assert turn.select_one(".transcript-role").get_text() == "unattributed"
    svg = (built.outdir / turn.img["src"]).read_text(encoding="utf-8")
    assert f'fill="{NEUTRAL_BACKGROUND}"' in svg and ">?</text>" in svg

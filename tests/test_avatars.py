"""Avatars: registry images copied and used; generated ones deterministic and legible."""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx_transcripts.people.avatars import (
    AA_CONTRAST,
    NEUTRAL_BACKGROUND,
    WHITE,
    colour_for,
    contrast_ratio,
    generated_avatar,
    initials,
)


def many_names(count: int = 600) -> list[str]:
    """Names of many shapes: ASCII, accented, non-Latin, one word, four words."""
    rng = random.Random(20260101)
    alphabets = [
        string.ascii_letters,
        "ÀÉÎÕÜàéîõüßçñøå",
        "абвгдежзиклмнопрстуфхцч",
        "李王张刘陈杨赵黄周吴",
        "αβγδεζηθικλμνξοπρστυφχψω",
    ]
    names = ["Eli Stevens", "Luca Antiga", "Thomas Viehmann", "Sanyam Bhutani", "A", "Ada"]
    while len(names) < count:
        letters = rng.choice(alphabets)
        words = [
            "".join(rng.choice(letters) for _ in range(rng.randint(1, 10))).capitalize()
            for _ in range(rng.randint(1, 4))
        ]
        names.append(" ".join(words))
    return names


# -- the colour -----------------------------------------------------------------


def test_contrast_ratio_matches_known_wcag_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" grey (4.54:1)
    assert contrast_ratio("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", WHITE) < AA_CONTRAST


def test_white_initials_reach_aa_contrast_for_every_name() -> None:
    failing = {
        name: round(contrast_ratio(colour_for(name), WHITE), 2)
        for name in many_names()
        if contrast_ratio(generated_avatar(name).background, generated_avatar(name).foreground)
        < AA_CONTRAST
    }
    assert failing == {}
    assert all(generated_avatar(n).foreground == WHITE for n in many_names(50))


def test_the_neutral_avatar_also_reaches_aa_contrast() -> None:
    neutral = generated_avatar("Unknown", neutral=True)
    assert (neutral.background, neutral.foreground, neutral.initials) == (
        NEUTRAL_BACKGROUND, WHITE, "?",
    )
    assert contrast_ratio(neutral.background, neutral.foreground) >= AA_CONTRAST


def test_the_colour_is_deterministic_and_depends_on_the_name() -> None:
    names = many_names(300)
    first = [colour_for(n) for n in names]
    assert first == [colour_for(n) for n in names]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in first)
    # a hash, not a constant: 300 names spread over many colours
    assert len(set(first)) > 200


def test_initials() -> None:
    assert initials("Luca Antiga") == "LA"
    assert initials("Aritra Roy Gosthipaty") == "AG"
    assert initials("eli") == "E"
    assert initials("Jean-Luc Picard") == "JP"
    assert initials("  ") == "?"


def test_the_svg_shows_initials_on_the_colour_and_is_content_addressed() -> None:
    avatar = generated_avatar("Ada Lovelace")
    svg = avatar.svg("Ada Lovelace")
    assert f'fill="{colour_for("Ada Lovelace")}"' in svg
    assert f'fill="{WHITE}">AL</text>' in svg
    assert "<title>Ada Lovelace</title>" in svg
    assert avatar.filename("Ada Lovelace") == generated_avatar("Ada Lovelace").filename(
        "Ada Lovelace"
    )
    assert avatar.filename("Ada Lovelace") != generated_avatar("Ada Byron").filename("Ada Byron")
    assert generated_avatar('A <b> & "c"').svg('A <b> & "c"').count("<b>") == 0


# -- in a build -----------------------------------------------------------------


def avatars_by_name(app, page: str) -> dict[str, str]:
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return {img["alt"]: img["src"] for img in soup.select("img.transcript-avatar")}


@pytest.mark.parametrize(
    ("speaker", "image"),
    [
        ("Thomas Viehmann", "thomas.png"),
        ("Eli Stevens", "eli.jpg"),
        ("Luca Antiga", "luca.svg"),
        ("Sylvain Gugger", "sylvain.webp"),
    ],
)
@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_a_registry_image_is_copied_into_the_output_and_used(
    app, warning, speaker: str, image: str
) -> None:
    app.build()
    assert warning.getvalue() == ""
    src = avatars_by_name(app, "gallery")[speaker]
    assert src.startswith("_images/") and src.endswith(Path(image).suffix)
    copied = app.outdir / src
    assert copied.read_bytes() == (app.srcdir / "avatars" / image).read_bytes()


@pytest.mark.sphinx("latex", testroot="myst", freshenv=True)
def test_latex_includes_png_and_jpg_images_and_draws_initials_for_svg_and_webp(
    app, warning
) -> None:
    app.build()
    assert warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    for image in ("thomas.png", "eli.jpg"):
        data = (app.srcdir / "avatars" / image).read_bytes()
        copied = [p for p in app.outdir.glob(f"avatar-*{Path(image).suffix}")
                  if p.read_bytes() == data]
        assert len(copied) == 1
        assert rf"\sphinxtranscriptimage{{{copied[0].name}}}" in tex
    # LaTeX cannot include SVG or WebP: Luca and Sylvain get their initials
    assert "{LA}}\n\\sphinxtranscriptheader{Luca Antiga}" in tex
    assert "{SG}}\n\\sphinxtranscriptheader{Sylvain Gugger}" in tex
    assert not list(app.outdir.glob("avatar-*.svg")) and not list(app.outdir.glob("avatar-*.webp"))


@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_a_speaker_without_image_gets_the_generated_svg(app, warning) -> None:
    app.build()
    assert warning.getvalue() == ""
    # Sanyam is registered without image; Ada Lovelace is not registered at all
    for name in ("Sanyam Bhutani", "Ada Lovelace"):
        src = avatars_by_name(app, "inline")[name]
        svg = (app.outdir / src).read_text(encoding="utf-8")
        assert svg == generated_avatar(name).svg(name)
        assert src == f"_images/{generated_avatar(name).filename(name)}"
    unknown = (app.outdir / avatars_by_name(app, "inline")["Unknown"]).read_text(encoding="utf-8")
    assert f'fill="{NEUTRAL_BACKGROUND}"' in unknown and ">?</text>" in unknown


def build_images(make_app, srcdir: Path, builddir: Path) -> dict[str, bytes]:
    app = make_app("html", srcdir=srcdir, builddir=builddir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()  # two apps in one test: reset docutils' global node registry
    assert app.warning.getvalue() == ""
    images = app.outdir / "_images"
    return {p.name: p.read_bytes() for p in sorted(images.iterdir())}


def test_avatars_are_identical_on_every_build(make_app, rootdir: Path, tmp_path: Path) -> None:
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-myst", srcdir)
    first = build_images(make_app, srcdir, tmp_path / "build-1")
    second = build_images(make_app, srcdir, tmp_path / "build-2")
    assert first == second
    # generated ones for Sanyam, Ada, Derrick, Aritra and the neutral one, plus 4 images
    assert len([n for n in first if n.endswith(".svg")]) >= 6

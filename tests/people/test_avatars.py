"""Avatars: registry images re-drawn and used; generated ones deterministic and legible.

A registry's image is published as a re-drawing: an SVG written anew from
an allow-list (tests/people/test_svg_safety.py), a PNG, JPEG or WebP encoded anew
by Pillow (here).  A root whose registry names the hostile avatars of issue
18 and ordinary ones is built once: each hostile one is a warning at its
registry line with a generated avatar in its place, and nothing of it is
published; each ordinary one is published re-drawn.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import string
import struct
import tracemalloc
from pathlib import Path

import pytest
from avatar_attacks import (
    ATTACKS,
    DRAWINGS,
    MARK,
    PICTURE_ATTACKS,
    avatar_files,
    drawing_problems,
    person,
    photo,
    write_root,
)
from bs4 import BeautifulSoup
from PIL import Image, ImageChops, ImageCms, ImageStat
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.people.avatars import (
    AA_CONTRAST,
    MAX_FILE_BYTES,
    NEUTRAL_BACKGROUND,
    WHITE,
    colour_for,
    contrast_ratio,
    generated_avatar,
    image_problem,
    initials,
    published_image,
    redraw,
)
from sphinx_transcripts.people.raster_safety import MAX_SIDE
from sphinx_transcripts.people.svg_safety import ATTRIBUTES, DRAWING


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
def test_a_registry_image_is_re_drawn_into_the_output_and_used(
    app, warning, speaker: str, image: str
) -> None:
    app.build()
    assert warning.getvalue() == ""
    src = avatars_by_name(app, "gallery")[speaker]
    assert src.startswith("_images/avatar-") and src.endswith(Path(image).suffix)
    published = (app.outdir / src).read_bytes()
    source = (app.srcdir / "avatars" / image).read_bytes()
    # the re-drawing, named by a hash of what is published
    assert published == redraw(source, Path(image).suffix).data
    assert src == f"_images/avatar-{hashlib.sha256(published).hexdigest()[:16]}{Path(image).suffix}"
    if image.endswith(".svg"):
        assert published.startswith(b"<svg ") and b'fill="#204060"' in published
    else:
        before, after = Image.open(io.BytesIO(source)), Image.open(io.BytesIO(published))
        assert (after.format, after.size) == (before.format, before.size)
        # the same picture (JPEG and lossy WebP within their losses)
        difference = ImageChops.difference(before.convert("RGB"), after.convert("RGB"))
        assert max(ImageStat.Stat(difference).mean) < 4


@pytest.mark.sphinx("latex", testroot="myst", freshenv=True)
def test_latex_includes_png_and_jpg_images_and_draws_initials_for_svg_and_webp(
    app, warning
) -> None:
    app.build()
    assert warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    for image in ("thomas.png", "eli.jpg"):
        published = published_image(app.srcdir / "avatars" / image)
        assert (app.outdir / published.name).read_bytes() == published.data
        assert rf"\sphinxtranscriptimage{{{published.name}}}" in tex
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


# -- pictures are published re-drawn -----------------------------------------------------


def chunks_of(png: bytes) -> list[bytes]:
    """The kinds of a PNG's chunks, in order."""
    kinds, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kinds.append(png[at + 4:at + 8])
        at += 12 + length
    return kinds


def jpeg_markers(jpeg: bytes) -> list[int]:
    """The markers of a JPEG's segments up to its image data."""
    markers, at = [], 2
    while at < len(jpeg) and jpeg[at] == 0xFF and jpeg[at + 1] != 0xDA:
        markers.append(jpeg[at + 1])
        at += 2 + struct.unpack(">H", jpeg[at + 2:at + 4])[0]
    return markers


def test_a_png_holding_a_page_is_published_as_its_pixels_only() -> None:
    polyglot = PICTURE_ATTACKS["png-with-a-page-inside"].data
    assert b"<script>" in polyglot and b"onload" in polyglot
    published = redraw(polyglot, ".png")
    assert published.problem == "" and published.name.endswith(".png")
    assert published.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert chunks_of(published.data) == [b"IHDR", b"IDAT", b"IEND"]
    assert MARK.encode() not in published.data
    before, after = Image.open(io.BytesIO(polyglot)), Image.open(io.BytesIO(published.data))
    assert ImageChops.difference(before.convert("RGB"), after.convert("RGB")).getbbox() is None


@pytest.mark.parametrize("attack", [k for k, a in PICTURE_ATTACKS.items() if a.refusal])
def test_what_is_no_picture_of_its_kind_is_refused(attack: str) -> None:
    published = redraw(PICTURE_ATTACKS[attack].data, Path(PICTURE_ATTACKS[attack].file).suffix)
    assert published.problem.startswith(PICTURE_ATTACKS[attack].refusal), published.problem
    assert published.data == b"" and published.name == ""


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    tracemalloc.start()
    try:
        for attack in ("a-decompression-bomb", "a-smaller-bomb"):
            assert redraw(PICTURE_ATTACKS[attack].data, ".png").problem
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000  # decoded, the smaller one alone is 108 MB


def test_a_picture_of_another_kind_than_its_name_is_refused_with_the_right_name() -> None:
    assert redraw(photo(), ".png").problem == "is a JPEG picture, not a PNG one: give it the ending .jpg"
    assert redraw(photo(kind="PNG"), ".webp").problem == (
        "is a PNG picture, not a WebP one: give it the ending .png")
    assert redraw(photo(kind="GIF"), ".png").problem == "is a GIF picture, not a PNG one: save it as PNG"


def test_a_photo_is_upright_small_and_without_its_metadata() -> None:
    image = Image.open(io.BytesIO(photo((600, 400))))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to show
    exif[0x010F] = "A camera maker"
    source = io.BytesIO()
    image.save(source, "JPEG", exif=exif.tobytes(), comment=b"<script>alert(1)</script>",
               icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    published = redraw(source.getvalue(), ".jpg")
    assert published.name.endswith(".jpg")
    after = Image.open(io.BytesIO(published.data))
    # turned upright (400 wide, 600 high), then shrunk to MAX_SIDE on its longer side
    assert after.size == (round(MAX_SIDE * 400 / 600), MAX_SIDE)
    # no EXIF (APP1), no colour profile (APP2), no comment (COM): JFIF and the image only
    assert 0xE1 not in jpeg_markers(published.data) and 0xE2 not in jpeg_markers(published.data)
    assert 0xFE not in jpeg_markers(published.data) and b"script" not in published.data
    assert b"camera" not in published.data


def test_transparency_and_format_are_kept() -> None:
    clear = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    clear.paste((200, 40, 40, 255), (8, 8, 24, 24))
    for kind, ending in (("PNG", ".png"), ("WEBP", ".webp")):
        source = io.BytesIO()
        clear.save(source, kind)
        published = redraw(source.getvalue(), ending)
        after = Image.open(io.BytesIO(published.data))
        assert after.format == kind and after.mode == "RGBA"
        assert after.getpixel((0, 0))[3] == 0 and after.getpixel((16, 16))[3] == 255


def test_the_re_drawing_is_the_same_on_every_run() -> None:
    for data, ending in ((photo(), ".jpg"), (photo(kind="PNG"), ".png"), (photo(kind="WEBP"), ".webp"),
                         (DRAWINGS["figma"], ".svg")):
        first, second = redraw(data, ending), redraw(data, ending)
        assert first == second and first.problem == ""
        assert first.name == f"avatar-{hashlib.sha256(first.data).hexdigest()[:16]}{ending}"


def test_a_file_larger_than_an_avatar_needs_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    assert image_problem(big) == "is larger than 20 MB, more than an avatar needs"


# -- a registry of hostile avatars, built ------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """test-avatars, built once: every attack and every drawing of tests/avatar_attacks.py."""
    srcdir = write_root(rootdir / "test-avatars", tmp_path_factory.mktemp("avatars") / "src")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def published_avatars(app: SphinxTestApp) -> dict[str, bytes]:
    """Each person's published avatar file, by registry name."""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {img["alt"]: (app.outdir / img["src"]).read_bytes()
            for img in soup.select("img.transcript-avatar")}


REFUSED = {**ATTACKS, **{k: a for k, a in PICTURE_ATTACKS.items() if a.refusal}}


@pytest.mark.parametrize("attack", REFUSED)
def test_a_hostile_avatar_is_a_located_warning_and_a_generated_avatar(
    hostile: SphinxTestApp, attack: str
) -> None:
    registry = hostile.srcdir / "speakers.toml"
    file = REFUSED[attack].file
    line = registry.read_text(encoding="utf-8").splitlines().index(f'avatar = "avatars/{file}"') + 1
    warnings = strip_escape_sequences(hostile.warning.getvalue()).splitlines()
    expected = (f"{registry}:{line}: WARNING: avatar image of {person(attack)!r} (avatars/{file}) "
                f"{REFUSED[attack].refusal}")
    assert [w for w in warnings if w.startswith(expected)], "\n".join(warnings)
    assert warnings[[w.startswith(expected) for w in warnings].index(True)].endswith(
        "; a generated avatar is used [transcript.avatar]")
    name = person(attack)
    assert published_avatars(hostile)[name] == generated_avatar(name).svg(name).encode()


def test_nothing_of_a_hostile_avatar_is_published(hostile: SphinxTestApp) -> None:
    """Every file of the output's image folder is a generated avatar or a
    re-drawing: no payload, no outside address, no processing instruction."""
    generated = {generated_avatar(n).svg(n).encode() for n in map(person, avatar_files())}
    for path in sorted((hostile.outdir / "_images").iterdir()):
        data = path.read_bytes()
        assert MARK.encode() not in data and b"attacker.invalid" not in data, path.name
        if path.suffix == ".svg" and data not in generated:
            assert drawing_problems(data, elements=DRAWING, attributes=ATTRIBUTES) == [], path.name
        elif path.suffix == ".png":
            assert chunks_of(data) == [b"IHDR", b"IDAT", b"IEND"], path.name


@pytest.mark.parametrize("key", [k for k in avatar_files() if k.startswith(("drawing-", "photo-"))]
                         + ["png-with-a-page-inside"])
def test_an_ordinary_avatar_is_published_re_drawn(hostile: SphinxTestApp, key: str) -> None:
    file, data = avatar_files()[key]
    published = published_avatars(hostile)[person(key)]
    assert published == redraw(data, Path(file).suffix).data
    assert f"({file})" not in hostile.warning.getvalue()


def test_a_sixteen_bit_grey_picture_keeps_its_greys() -> None:
    source = io.BytesIO()
    Image.new("I;16", (8, 8), 40_000).save(source, "PNG")
    after = Image.open(io.BytesIO(redraw(source.getvalue(), ".png").data))
    assert after.convert("L").getpixel((0, 0)) == 40_000 // 256

"""Bad input: a located warning, the rest of the build goes on, and -W fails.

test-bad-input has one page per kind of bad input and one good page;
test-bad-registry has a registry whose avatar image is missing.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.readers import FORMATS

BAD_PAGES = [
    "empty-inline", "empty-file", "missing", "unreadable", "outside", "nonsense",
    "undeclared", "undeclared-inline", "undeclared-inline-rst", "region",
]


def copy_root(rootdir: Path, name: str, dest: Path) -> Path:
    srcdir = dest / "src"
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    # the file "../outside.txt" names exists: it is refused for where it is
    (dest / "outside.txt").write_text("Sanyam Bhutani: outside.\n", encoding="utf-8")
    return srcdir


def build(srcdir: Path, **kwargs) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def bad(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The bad-input root, built once (warnings not fatal)."""
    yield build(copy_root(rootdir, "bad-input", tmp_path_factory.mktemp("bad")))


def warnings_of(app: SphinxTestApp) -> list[str]:
    return strip_escape_sequences(app.warning.getvalue()).splitlines()


def line_of(path: Path, start: str) -> int:
    """1-based number of the first line of ``path`` starting with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(start))


BOB = (
    "'Bob Smith' looks like a speaker label but is not a declared speaker; "
    "the line is kept as text of the previous turn. If it is not a speaker, add 'Bob Smith' "
    "to :not-speakers: [transcript.undeclared-label]"
)

#: what each bad page must say, after "<file>:<line>: WARNING: "
MESSAGES = {
    "empty-inline": "the transcript is empty [transcript.empty]",
    "empty-file": "transcript file 'transcripts/empty.txt' is empty [transcript.empty]",
    "missing": "transcript file 'transcripts/nope.txt' not found ({nope}) [transcript.source]",
    "unreadable": "the file is not UTF-8 (byte 0xe9 on this line); it is read as Windows-1252 "
    "(Latin-1): save it as UTF-8 to be sure every character is right [transcript.encoding]",
    "outside": "transcript file '../outside.txt' is outside the project; keep transcripts "
    "inside the source directory [transcript.source]",
    "nonsense": f"unknown transcript format 'nonsense'; use one of: {', '.join(FORMATS)} "
    "[transcript.option]",
    "undeclared": BOB,
    "undeclared-inline": BOB,
    "undeclared-inline-rst": BOB,
    "region": "start-after text 'NO SUCH MARKER' not found in 'transcripts/nomarker.txt' "
    "[transcript.region]",
}


def expected_warning(src: Path, page: str) -> str:
    """The exact warning a bad page must give, located at its file and line."""
    doc = src / (f"{page}.rst" if page.endswith("-rst") else f"{page}.md")
    if page == "undeclared":  # located in the transcript file, at Bob's line
        where = src / "transcripts" / "undeclared.txt"
        lineno = line_of(where, "Bob Smith:")
    elif page == "unreadable":  # in the transcript file, at the line of the odd byte
        where, lineno = src / "transcripts" / "latin1.txt", 1
    elif page.startswith("undeclared-inline"):  # inline: at Bob's line in the page
        where, lineno = doc, line_of(doc, "Bob Smith:")
    else:  # at the directive
        where, lineno = doc, line_of(doc, ("```{transcript}", ".. transcript::"))
    message = MESSAGES[page].format(nope=src / "transcripts" / "nope.txt")
    return f"{where}:{lineno}: WARNING: {message}"


@pytest.mark.parametrize("page", BAD_PAGES)
def test_bad_input_warns_with_file_and_line(bad: SphinxTestApp, page: str) -> None:
    assert expected_warning(bad.srcdir, page) in warnings_of(bad)


def test_no_other_warning(bad: SphinxTestApp) -> None:
    expected = sorted(expected_warning(bad.srcdir, page) for page in BAD_PAGES)
    assert sorted(warnings_of(bad)) == expected


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail, rather than hang, a test whose build would wait on a named pipe."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("the build waited on a named pipe")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_transcript_file_that_is_a_named_pipe_is_refused_not_waited_for(
    rootdir: Path, tmp_path: Path, alarm: None
) -> None:
    src = copy_root(rootdir, "bad-input", tmp_path)
    pipe = src / "transcripts" / "latin1.txt"
    pipe.unlink()
    os.mkfifo(pipe)
    doc = src / "unreadable.md"
    warning = (
        f"{doc}:{line_of(doc, '```{transcript}')}: WARNING: transcript file "
        "'transcripts/latin1.txt' is not a regular file (a named pipe, socket or device) "
        "[transcript.source]"
    )
    assert warning in warnings_of(build(src))


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_a_latin1_file_is_read_with_every_word(bad: SphinxTestApp) -> None:
    turns = page(bad, "unreadable").select("div.transcript-turn")
    assert "café in Latin-1, not UTF-8." in turns[0].get_text()
    assert "Déjà vu." in turns[1].get_text()


def test_the_good_page_in_the_same_root_still_builds(bad: SphinxTestApp) -> None:
    turns = page(bad, "good").select("div.transcript-turn")
    assert [t.select_one(".transcript-speaker").get_text() for t in turns] == [
        "Sanyam Bhutani", "Eli Stevens",
    ]
    assert "It builds whatever the other pages do." in turns[1].get_text()


@pytest.mark.parametrize("name", BAD_PAGES)
def test_every_bad_page_is_still_written(bad: SphinxTestApp, name: str) -> None:
    assert page(bad, name).select_one("h1") is not None


def test_an_undeclared_label_is_kept_as_text_of_the_previous_turn(bad: SphinxTestApp) -> None:
    turns = page(bad, "undeclared").select("div.transcript-turn")
    assert [t.select_one(".transcript-speaker").get_text() for t in turns] == [
        "Sanyam Bhutani", "Eli Stevens",
    ]
    assert "Bob Smith: I was never declared." in " ".join(turns[1].get_text().split())


@pytest.mark.parametrize("name", [*BAD_PAGES, None])
def test_warnings_as_errors_fail_the_build(rootdir: Path, tmp_path: Path, name: str | None) -> None:
    """With -W, each bad page alone fails the build; with none of them, it passes."""
    srcdir = copy_root(rootdir, "bad-input", tmp_path)
    others = [f"{p}.rst" if p.endswith("-rst") else f"{p}.md" for p in BAD_PAGES if p != name]
    app = build(srcdir, warningiserror=True, confoverrides={"exclude_patterns": others})
    assert app.statuscode == (0 if name is None else 1), app.warning.getvalue()
    assert (app.outdir / "good.html").is_file()


# -- the registry -----------------------------------------------------------------


@pytest.fixture
def bad_registry(rootdir: Path, tmp_path: Path) -> Path:
    return copy_root(rootdir, "bad-registry", tmp_path)


def test_a_missing_avatar_image_warns_at_the_registry_line(bad_registry: Path) -> None:
    app = build(bad_registry)
    registry = bad_registry / "speakers.toml"
    lines = registry.read_text(encoding="utf-8").splitlines()
    eli = lines.index('name = "Eli Stevens"')
    lineno = next(n for n, line in enumerate(lines, 1) if n > eli and line.startswith("avatar ="))
    assert warnings_of(app) == [
        f"{registry}:{lineno}: WARNING: avatar image of 'Eli Stevens' "
        "(avatars/eli-missing.png) does not exist; a generated avatar is used "
        "[transcript.avatar]"
    ]
    # Eli still appears, with the generated avatar; the other page builds too
    talk = page(app, "talk")
    eli_img = talk.select_one('div.transcript-turn[data-speaker="eli-stevens"] img')
    assert eli_img["alt"] == "Eli Stevens" and eli_img["src"].endswith(".svg")
    assert len(page(app, "other").select("div.transcript-turn")) == 2


def test_a_missing_avatar_image_fails_the_build_with_warnings_as_errors(bad_registry: Path) -> None:
    assert build(bad_registry, warningiserror=True).statuscode == 1
    (bad_registry / "avatars").mkdir()
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "#3a6ea5").save(picture, "PNG")
    (bad_registry / "avatars" / "eli-missing.png").write_bytes(picture.getvalue())
    assert build(bad_registry, warningiserror=True).statuscode == 0


def test_an_avatar_that_is_no_picture_is_a_warning_and_fails_the_build(bad_registry: Path) -> None:
    # a PNG's signature and nothing else: no picture to publish
    (bad_registry / "avatars").mkdir()
    (bad_registry / "avatars" / "eli-missing.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert [w.split(": WARNING: ", 1)[1] for w in warnings_of(build(bad_registry))] == [
        "avatar image of 'Eli Stevens' (avatars/eli-missing.png) is not a PNG, JPEG or WebP picture "
        "(no decoder recognises it); a generated avatar is used [transcript.avatar]"
    ]
    assert build(bad_registry, warningiserror=True).statuscode == 1


def test_an_avatar_path_that_is_a_folder_says_so(bad_registry: Path) -> None:
    (bad_registry / "avatars" / "eli-missing.png").mkdir(parents=True)
    assert [w.split(": WARNING: ", 1)[1] for w in warnings_of(build(bad_registry))] == [
        "avatar image of 'Eli Stevens' (avatars/eli-missing.png) is a folder, not an image; "
        "a generated avatar is used [transcript.avatar]"
    ]


def test_an_avatar_path_that_is_a_named_pipe_says_so(bad_registry: Path, alarm: None) -> None:
    (bad_registry / "avatars").mkdir()
    os.mkfifo(bad_registry / "avatars" / "eli-missing.png")
    assert [w.split(": WARNING: ", 1)[1] for w in warnings_of(build(bad_registry))] == [
        "avatar image of 'Eli Stevens' (avatars/eli-missing.png) is not a regular file; "
        "a generated avatar is used [transcript.avatar]"
    ]


def test_an_svg_avatar_with_a_script_is_not_published(bad_registry: Path) -> None:
    registry = bad_registry / "speakers.toml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("eli-missing.png", "eli.svg"),
                        encoding="utf-8")
    (bad_registry / "avatars").mkdir()
    (bad_registry / "avatars" / "eli.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
        encoding="utf-8")
    app = build(bad_registry)
    assert [w.split(": WARNING: ", 1)[1] for w in warnings_of(app)] == [
        "avatar image of 'Eli Stevens' (avatars/eli.svg) holds a <script> element, which "
        "runs script; a generated avatar is used [transcript.avatar]"
    ]
    eli = page(app, "talk").select_one('div.transcript-turn[data-speaker="eli-stevens"] img')
    assert eli["alt"] == "Eli Stevens" and eli["src"].endswith(".svg")
    published = [path for path in app.outdir.rglob("*.svg") if "alert(" in path.read_text()]
    assert published == []
    # the generated avatar is what the page shows: it is published
    assert (app.outdir / "talk.html").parent.joinpath(eli["src"]).is_file()


def test_a_registry_saved_with_a_byte_order_mark_is_read(bad_registry: Path) -> None:
    registry = bad_registry / "speakers.toml"
    registry.write_bytes(b"\xef\xbb\xbf" + registry.read_bytes().replace(b"\navatar = ", b"\n#"))
    app = build(bad_registry)
    assert warnings_of(app) == []
    # the registry's speakers are known: Eli's turn carries his registry name and avatar
    eli = page(app, "talk").select_one('div.transcript-turn[data-speaker="eli-stevens"]')
    assert eli is not None and eli.select_one("img")["alt"] == "Eli Stevens"

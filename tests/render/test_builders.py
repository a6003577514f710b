"""The real site with every other builder users use: clean under -n -W, dialogue readable.

The builds run side by side in one session fixture (each is its own Sphinx
process with its own doctrees), so the file costs about as much as the
slowest build.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

BUILDERS = ("singlehtml", "dirhtml", "epub", "text", "man", "texinfo")
#: builder -> (output directory, exit status, stderr)
Builds = dict[str, tuple[Path, int, str]]


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    base = tmp_path_factory.mktemp("builders")
    running = {
        builder: subprocess.Popen(
            [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q",
             "-d", str(base / "doctrees" / builder), str(ROOT), str(base / builder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for builder in BUILDERS
    }
    done: Builds = {}
    for builder, process in running.items():
        _, stderr = process.communicate(timeout=600)
        done[builder] = (base / builder, process.returncode, stderr)
    return done


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("builder", BUILDERS)
def test_builds_without_warnings(builds: Builds, builder: str) -> None:
    _, status, stderr = builds[builder]
    assert status == 0, stderr
    assert stderr == ""


def output(builds: Builds, builder: str) -> Path:
    out, status, stderr = builds[builder]
    assert status == 0, stderr
    return out


def test_text_prints_name_colon_text_turn_after_turn(builds: Builds) -> None:
    page = (output(builds, "text") / "interviews" / "deep-learning-with-pytorch.txt").read_text(
        encoding="utf-8"
    )
    lines = page.splitlines()
    assert "Eli Stevens: Sure, I'll go ahead and start uh, my name is Eli Stevens." in lines
    # One labeled paragraph per turn, in order: the host's introduction first.
    labels = [m[1] for line in lines if (m := re.match(r"^([A-Z][\w ]+?): ", line))]
    assert labels[:5] == ["Sanyam Bhutani", "Eli Stevens", "Luca Antiga", "Thomas Viehmann",
                          "Sanyam Bhutani"]
    qa = (output(builds, "text") / "interviews" / "aritra-roy-gosthipaty.txt").read_text(
        encoding="utf-8"
    )
    assert re.search(r"^Derrick Mwiti: ", qa, re.M)
    assert re.search(r"^Aritra Roy Gosthipaty: ", qa, re.M)


def test_man_page_prints_name_colon_text(builds: Builds) -> None:
    page = (output(builds, "man") / "practitioners-conversations.7").read_text(encoding="utf-8")
    # man escapes the apostrophe as \(aq
    assert re.search(r"^Eli Stevens: Sure, I\\\(aqll go ahead", page, re.M)
    assert re.search(r"^Sylvain Gugger: ", page, re.M)


def test_texinfo_prints_name_colon_text(builds: Builds) -> None:
    page = (output(builds, "texinfo") / "practitioners-conversations.texi").read_text(
        encoding="utf-8"
    )
    assert "Eli Stevens: Sure, I'll go ahead" in squeeze(page)


SPEAKER_ELI = re.compile(
    r'<span class="transcript-speaker">(?:<a [^>]*href="([^"]+)"[^>]*>)?'
    r'(?:<span class="std std-ref">)?Eli Stevens(?:</span>)?(?:</a>)?</span>'
)


@pytest.mark.parametrize("builder", ["singlehtml", "dirhtml"])
def test_html_builders_show_turns_with_avatars(builds: Builds, builder: str) -> None:
    out = output(builds, builder)
    page = (
        out / "index.html"
        if builder == "singlehtml"
        else out / "interviews" / "deep-learning-with-pytorch" / "index.html"
    ).read_text(encoding="utf-8")
    speaker = SPEAKER_ELI.search(page)
    assert speaker
    # the name links to the person's section, wherever this builder put it
    people = out / ("index.html" if builder == "singlehtml" else "people/index.html")
    base = out / "interviews" / "deep-learning-with-pytorch" if builder == "dirhtml" else out
    target, _, anchor = speaker[1].partition("#")
    assert anchor == "person-eli-stevens"
    assert not target or (base / target).resolve() in {people, people.parent}
    assert f'id="{anchor}"' in people.read_text(encoding="utf-8")
    assert "Sure, I&#x27;ll go ahead" in page or "Sure, I'll go ahead" in page
    for src in re.findall(r'<img class="transcript-avatar" src="([^"]+)"', page):
        base = out / "interviews" / "deep-learning-with-pytorch" if builder == "dirhtml" else out
        assert (base / src).resolve().is_file(), src


def test_singlehtml_links_point_at_ids_on_the_page(builds: Builds) -> None:
    """Cross-document links and repeated ids, fixed by sphinx_transcripts.render.singlehtml.

    (The sidebar's table of contents, drawn by the theme from Sphinx's toctree,
    still carries ``#document-x#section`` links: outside our doctrees.)
    """
    page = (output(builds, "singlehtml") / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    ids = set(re.findall(r' id="([^"]+)"', page))
    fragments = [f for f in re.findall(r'href="#([^"]*)"', article) if f]
    assert "term-PyTorch" in fragments  # glossary links reach their entry
    assert "sanyam-bhutani-youve-worked-as-a-math" in fragments  # a later interview's quote
    # every interview had a turn-3: the later ones' old addresses are renamed
    assert {"turn-3", "interviews-sylvain-gugger-turn-3"} <= ids
    assert [f for f in fragments if f not in ids] == []
    duplicated = sorted({i for i in re.findall(r' id="([^"]+)"', page)
                         if page.count(f' id="{i}"') > 1})
    assert duplicated == []


def test_epub_holds_the_dialogue_and_its_avatars(builds: Builds) -> None:
    out = output(builds, "epub")
    with zipfile.ZipFile(out / "practitioners-conversations.epub") as book:
        names = set(book.namelist())
        page = book.read("interviews/deep-learning-with-pytorch.xhtml").decode("utf-8")
        manifest = book.read("content.opf").decode("utf-8")
    assert SPEAKER_ELI.search(page)
    avatars = set(re.findall(r'src="\.\./(_images/avatar-[^"]+)"', page))
    assert avatars and avatars <= names
    for avatar in avatars:
        assert f'href="{avatar}"' in manifest  # declared, with a media type
    assert not any(name.startswith(".doctrees") or name.endswith(".sty") for name in names)

"""The extensions are one installable distribution, named as it installs, usable in any project.

A wheel is built from a copy of the checkout (what ``pip install .`` and
``pip install git+https://…`` build), installed into a folder of its own,
and a small reST project written here, with none of this site's
configuration, is built with only that folder on the path.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import sphinx_transcripts
from bs4 import BeautifulSoup
from conftest import ROOT
from packaging.requirements import Requirement
from sphinx.testing.util import SphinxTestApp

PACKAGES = ("sphinx_transcripts",)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NAME = PYPROJECT["project"]["name"]
#: what a checkout holds that a build never reads
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "_build", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", "_readthedocs", "node_modules",
)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Installed:
    wheel: Path
    site: Path


def pip(*args: str, cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel, built offline from a copy of the checkout (an in-tree build
    leaves build/ and an .egg-info behind), and installed with --target."""
    work = tmp_path_factory.mktemp("install")
    checkout = work / "checkout"
    shutil.copytree(ROOT, checkout, ignore=NOT_COPIED)
    pip("wheel", "--no-build-isolation", "--no-deps", "-w", str(work / "wheels"), str(checkout), cwd=work)
    [wheel] = (work / "wheels").glob("*.whl")
    pip("install", "--no-deps", "--no-index", "--target", str(work / "site"), str(wheel), cwd=work)
    return Installed(wheel, work / "site")


def package_files() -> set[str]:
    """Every file of the package in the checkout, as the wheel names it."""
    return {
        path.relative_to(ROOT / "_ext").as_posix()
        for package in PACKAGES
        for path in (ROOT / "_ext" / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def test_the_wheel_holds_the_package_with_its_data(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = {name for name in wheel.namelist() if ".dist-info/" not in name}
    # every module and every file an extension loads from its folder
    assert names == package_files()
    for data in ("sphinx_transcripts/render/static/transcripts.css",
                 "sphinx_transcripts/render/static/transcripts.js",
                 "sphinx_transcripts/render/texinputs/transcripts.sty",
                 "sphinx_transcripts/player/static/player.js",
                 "sphinx_transcripts/render/static/quote.js",
                 "sphinx_transcripts/render/singlehtml.py",
                 "sphinx_transcripts/glossary/static/autoglossary.css",
                 "sphinx_transcripts/glossary/static/autoglossary.js"):
        assert data in names
    # one top-level name, the distribution's; the site's own layer is not part of it
    assert {name.split("/")[0] for name in names} == {"sphinx_transcripts"}


def third_party_imports() -> set[str]:
    """Top-level names of everything the packages import but do not own."""
    found: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / "_ext" / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - set(PACKAGES)


def test_the_metadata_declares_every_dependency(installed: Installed) -> None:
    [dist] = importlib.metadata.distributions(path=[str(installed.site)])
    assert canonical(dist.metadata["Name"]) == canonical(NAME) == "sphinx-transcripts"
    # the version is written once, in the package; the metadata reads it
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert dist.version == sphinx_transcripts.__version__
    assert dist.metadata["Requires-Python"] == ">=3.11"
    requires = {canonical(Requirement(line).name): Requirement(line) for line in dist.requires or []}
    assert {"sphinx", "docutils", "markdown-it-py", "linkify-it-py", "sphinx-design",
            "webvtt-py", "srt"} <= set(requires)
    # ranges, not pins and not open-ended: a major release is a new decision
    for requirement in requires.values():
        operators = {spec.operator for spec in requirement.specifier}
        assert {">=", "<"} <= operators, requirement
    assert requires["sphinx"].specifier.contains("9.0.4")
    assert not requires["sphinx"].specifier.contains("10.0")
    # whatever the packages import is declared: the module's distribution, here
    owners = importlib.metadata.packages_distributions()
    for module in third_party_imports():
        assert {canonical(d) for d in owners[module]} & set(requires), module
    # the versions installed here satisfy the declared ranges
    for name, requirement in requires.items():
        assert requirement.specifier.contains(importlib.metadata.version(name)), name


CONF = """\
# Nothing but the installed distribution: no sys.path, no _ext.
extensions = ["sphinx_transcripts", "sphinx_transcripts.glossary"]
html_theme = "alabaster"
transcripts_speakers = "speakers.toml"
autoglossary_scope_classes = ["transcript-turn"]
latex_documents = [("index", "project.tex", "A project", "Someone", "manual")]
"""

SPEAKERS = """\
[[speaker]]
name = "Ada Host"
bio = "Asks the questions."
aliases = ["Ada"]

[[speaker]]
name = "Ben Guest"
bio = "Answers them."
avatar = "ben.svg"
"""

AVATAR = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48">'
    '<rect width="48" height="48" fill="#246"/></svg>\n'
)

PAGES = {
    "index.rst": """\
        A project
        =========

        .. toctree::

           interview
           second
           glossary
        """,
    "interview.rst": """\
        An interview
        ============

        .. transcript::
           :host: Ada Host
           :guests: Ben Guest

           Ada: Why did you write a tokenizer?

           Ben Guest: Because every tokenizer we tried split words badly.
           So I wrote my own.

           Ada: Thank you.
        """,
    "second.rst": """\
        A second interview
        ==================

        .. transcript::
           :host: Ada Host
           :guests: Ben Guest

           Ada: Back again?

           Ben Guest: Yes.
        """,
    "glossary.rst": """\
        Glossary
        ========

        .. glossary::

           tokenizer
              Splits text into tokens.

        .. glossary-aliases::

           tokenizer: tokeniser
        """,
}

#: runs in a fresh interpreter: with PYTHONSAFEPATH and PYTHONPATH=<site> only
BUILD = """\
import sys
from pathlib import Path

site, ext, src, out = (Path(arg) for arg in sys.argv[1:5])
# `make` installs this checkout into its .venv in editable mode, which puts
# its _ext/ on the path of every interpreter of that venv: take it off, so
# that only the wheel can be imported
sys.path[:] = [entry for entry in sys.path if Path(entry).resolve() != ext.resolve()]
assert str(site) in sys.path, sys.path
from sphinx.cmd.build import build_main

for builder in ("html", "latex", "singlehtml"):
    code = build_main(["-b", builder, "-n", "-W", "--keep-going", "-q", "-E",
                       str(src), str(out / builder)])
    if code:
        sys.exit(code)
import sphinx_transcripts
import sphinx_transcripts.glossary
import sphinx_transcripts.render.singlehtml

for module in (sphinx_transcripts, sphinx_transcripts.glossary, sphinx_transcripts.render.singlehtml):
    assert Path(module.__file__).is_relative_to(site), module.__file__
"""


def write_project(src: Path) -> None:
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "speakers.toml").write_text(SPEAKERS, encoding="utf-8")
    (src / "ben.svg").write_text(AVATAR, encoding="utf-8")
    for name, text in PAGES.items():
        (src / name).write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="module")
def project(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built (html, latex, singlehtml) by the installed extensions alone."""
    work = tmp_path_factory.mktemp("elsewhere")
    write_project(work / "src")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "SPHINX"))}
    env.update(PYTHONPATH=str(installed.site), PYTHONSAFEPATH="1", PYTHONNOUSERSITE="1")
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(installed.site), str(ROOT / "_ext"),
         str(work / "src"), str(work / "out")],
        cwd=work, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    return work / "out"


def test_a_project_of_its_own_gets_dialogue_avatars_and_glossary_links(project: Path) -> None:
    html = project / "html"
    soup = BeautifulSoup((html / "interview.html").read_text(encoding="utf-8"), "html.parser")
    turns = soup.select("div.transcript > div.transcript-turn")
    assert [t.select_one(".transcript-speaker").get_text() for t in turns] == [
        "Ada Host", "Ben Guest", "Ada Host",
    ]
    avatars = soup.select("img.transcript-avatar")
    assert len(avatars) == 3
    for avatar in avatars:
        assert (html / avatar["src"]).is_file(), avatar["src"]
    assert {Path(a["src"]).suffix for a in avatars} == {".svg"}
    # the first mention in each turn links to the glossary entry
    links = soup.select('div.transcript-turn a[href*="#term-"]')
    assert [a["href"] for a in links] == ["glossary.html#term-tokenizer"] * 2
    assert (html / "_static" / "transcripts.css").is_file()
    assert (html / "_static" / "autoglossary.js").is_file()


def test_a_project_of_its_own_gets_the_latex_style(project: Path) -> None:
    latex = project / "latex"
    assert (latex / "transcripts.sty").is_file()
    assert r"\usepackage{transcripts}" in (latex / "project.tex").read_text(encoding="utf-8")


def test_a_project_of_its_own_gets_a_single_page_without_repeated_ids(project: Path) -> None:
    """Both interviews have a turn-1: on the single page each id is one element's."""
    page = (project / "singlehtml" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert len(soup.select("div.transcript-turn")) == 5
    links = soup.select('div.body a[href^="#"]')
    assert links
    for link in links:
        assert soup.find(id=link["href"][1:]) is not None, link["href"]


@pytest.mark.sphinx("html", testroot="latex-escaping")
def test_the_extensions_report_the_distributions_one_version(app: SphinxTestApp) -> None:
    extension = app.extensions["sphinx_transcripts"]
    assert extension.version == sphinx_transcripts.__version__
    assert app.extensions["sphinx_transcripts.glossary"].version == sphinx_transcripts.__version__
    assert app.extensions["sphinx_transcripts.render.singlehtml"].version == sphinx_transcripts.__version__
    assert extension.metadata["env_version"] == sphinx_transcripts.ENV_VERSION
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True

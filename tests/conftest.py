"""Shared pytest set-up: Sphinx's testing fixtures and our test roots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent
ON_CI = os.environ.get("CI") == "true"

#: conf.py lines that make the site's own layer (_ext/site_layer/, not part of
#: the distribution) importable by its name ``site_layer``, as the site's
#: conf.py does, without putting _ext/ (and so the distribution's packages)
#: on sys.path
SITE_LAYER_CONF = f"""\
import importlib.util, sys
_spec = importlib.util.spec_from_file_location(
    "site_layer", {str(ROOT / "_ext" / "site_layer" / "__init__.py")!r},
    submodule_search_locations=[{str(ROOT / "_ext" / "site_layer")!r}])
sys.modules["site_layer"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sys.modules["site_layer"])
"""

# Sphinx colours its messages when CI=true, even into a pipe: the tests read
# the messages of the builds they run as text
os.environ["NO_COLOR"] = "1"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def need(condition: bool, reason: str) -> None:
    """Skip loudly when a system tool is missing, but fail under CI=true."""
    if condition:
        return
    if ON_CI:
        pytest.fail(f"{reason} (CI=true: a missing tool is a failure, not a skip)")
    pytest.skip(f"MISSING SYSTEM TOOL: {reason}")


#: what a PDF test needs: the build, and the text of the PDF
LATEX_TOOLS = ("latexmk", "lualatex", "pdftotext")


def need_latex() -> None:
    missing = [tool for tool in LATEX_TOOLS if shutil.which(tool) is None]
    need(not missing, f"{', '.join(missing)} not installed; run .ci/system-deps --install")


def latexmk(outdir: Path, texname: str) -> subprocess.CompletedProcess[str]:
    """Run latexmk the way Read the Docs does, with the rc file Sphinx wrote."""
    return subprocess.run(
        ["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
         "-halt-on-error", texname],
        cwd=outdir, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with ``-n -W --keep-going``."""
    out = tmp_path_factory.mktemp("site") / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
         str(ROOT), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return out


@pytest.fixture(params=["myst", "rst"])
def markup_root(request, make_app, rootdir, tmp_path_factory):
    """(markup, app): test-myst or test-rst, the same pages in two markups,
    built with the html builder from a fresh copy."""
    srcdir = tmp_path_factory.mktemp(f"root-{request.param}") / "src"
    shutil.copytree(rootdir / f"test-{request.param}", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    return request.param, app

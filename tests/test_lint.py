"""Code quality is part of the suite: ruff and mypy as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "_ext", "tests", "benchmarks", "conf.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_stylesheet_closes_what_it_opens() -> None:
    """A rule left open swallows every rule after it, silently (a merge once did)."""
    import re

    sheets = [*ROOT.glob("_ext/**/*.css"), *ROOT.glob("_static/*.css")]
    assert sheets
    for sheet in sheets:
        depth = 0
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for lineno, line in enumerate(text.splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet}:{lineno}: '}}' closes nothing"
        assert depth == 0, f"{sheet}: {depth} rule(s) never closed"

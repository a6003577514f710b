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


def test_the_tests_carry_no_type_ignore_that_nothing_checks() -> None:
    """mypy checks _ext (pyproject.toml), not tests/: an ignore comment there silences nothing."""
    marker = "type: " + "ignore"
    found = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "tests").rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line]
    assert found == []

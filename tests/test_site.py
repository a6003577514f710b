"""The real site is a test too: it builds with -n -W for the builders users use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.parametrize("builder", ["html"])
def test_site_builds_without_warnings(builder: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q",
         str(ROOT), str(tmp_path / builder)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

"""Sphinx's own test fixtures, pointed at this folder's test roots."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

sys.path.insert(0, str(Path(__file__).parent.parent / "_ext"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"

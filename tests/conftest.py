"""Shared pytest set-up: Sphinx's testing fixtures and our test roots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent
ON_CI = os.environ.get("CI") == "true"


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

"""Problems of a transcript become Sphinx log records, each at its place.

A problem with a line is located in the transcript's own file (or in the
page, for inline content); one without a line (an option, a whole-file
problem) at the directive.  Warnings have type ``transcript`` and the
problem's kind as subtype, so ``suppress_warnings = ["transcript.markup"]``
silences a kind; notes (``level="info"``) are shown in the build log.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx.util import logging

from .model import Problem

logger = logging.getLogger(__name__)


def report(problems: Iterable[Problem], source: str, fallback: str) -> None:
    """Log ``problems`` of the transcript read from ``source``; ``fallback``
    is the directive's location, for problems without a line."""
    for problem in problems:
        where = f"{source}:{problem.lineno}" if problem.lineno else fallback
        if problem.level == "info":
            logger.info(f"note: {problem.message}", location=where)
        else:
            logger.warning(problem.message, location=where, type="transcript",
                           subtype=problem.kind)

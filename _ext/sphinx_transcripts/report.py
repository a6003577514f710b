"""Problems of a transcript become Sphinx log records, each at its place.

A problem with a line is located in the transcript's own file (or in the
page, for inline content); one without a line (an option, a whole-file
problem) at the directive.  Warnings have type ``transcript`` and the
problem's kind as subtype, so ``suppress_warnings = ["transcript.markup"]``
silences a kind; notes (``level="info"``) are shown in the build log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from sphinx.util import logging

from .model import Problem

if TYPE_CHECKING:
    from .translations import Translations

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


def report_translation(problems: Iterable[Problem], catalogue: Translations, msgid: str,
                       fallback: str) -> None:
    """Log the problems of the translation of ``msgid`` at the line of its
    ``msgstr`` in the catalogue's ``.po`` file; without a ``.po``, at the
    ``.mo`` file, naming the message (``fallback`` when neither is known)."""
    path, line = catalogue.where(msgid)
    if line:
        report([replace(problem, lineno=line) for problem in problems], path, fallback)
        return
    note = f" (catalogue {path}, message {msgid[:60]!r})" if path else ""
    # "file:" is how Sphinx writes a place without a line (a bare name would be a document's)
    report([replace(problem, lineno=0, message=problem.message + note) for problem in problems],
           path, f"{path}:" if path else fallback)

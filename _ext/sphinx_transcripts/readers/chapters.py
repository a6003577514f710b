"""An episode's chapters: read from a chapters file.

Pure Python.  Two files are read (``:chapters:`` of the directive):

- Podcasting 2.0 JSON chapters (``{"version": "1.2.0", "chapters":
  [{"startTime": 0, "title": "…", "img": "…", "url": "…", "toc": false}]}``);
- WebVTT chapters: a WebVTT file whose cues' text are the titles.

A transcript can also mark chapters in its own text (``labeled`` and ``qa``):
a line of its own ``[chapter] Title``, or ``[chapter 12:30] Title`` with the
time it starts; see :mod:`.labeled`.

Where each chapter is shown among the turns is :mod:`..dialogue.chapters`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..limits import load_json
from ..model import Chapter, Problem
from ..source import clean_chapters
from ..urls import web_url
from . import webvtt as vtt
from ._timecode import number_seconds
from .podcast_json import segment_lines


def read(lines: Sequence[str], suffix: str) -> tuple[list[Chapter], list[Problem]]:
    """The chapters of a chapters file (``.json`` or ``.vtt``), and its problems
    (control characters its escapes held are removed, as from a transcript)."""
    text = "\n".join(lines)
    if suffix == ".vtt" or text.lstrip("\ufeff").startswith("WEBVTT"):
        found, problems = read_vtt(lines)
    else:
        found, problems = read_json(text)
    chapters, removed = clean_chapters(found)
    return list(chapters), sorted([*problems, *removed], key=lambda p: p.lineno)


def read_vtt(lines: Sequence[str]) -> tuple[list[Chapter], list[Problem]]:
    cues, problems = vtt.read_cues(lines, 1)
    chapters = []
    for start, text, lineno in cues:
        title = " ".join(text.split())
        if start is None or not title:
            problems.append(Problem(lineno, "chapter", "this chapter has no time or no title; "
                                                       "it is not shown"))
            continue
        chapters.append(Chapter(start, title, lineno))
    return chapters, problems


def read_json(text: str) -> tuple[list[Chapter], list[Problem]]:
    data, trouble = load_json(text)
    if trouble is not None:
        message = trouble.message.replace("the file", "the chapters file", 1)
        return [], [Problem(max(trouble.lineno, 1), "chapter", message)]
    if not isinstance(data, dict) or not isinstance(data.get("chapters"), list):
        return [], [Problem(1, "chapter", "a chapters file is an object with a \"chapters\" list "
                                          "(Podcasting 2.0 JSON chapters)")]
    chapters: list[Chapter] = []
    problems: list[Problem] = []
    starts = segment_lines(text, 1, "chapters")  # one pass, not one per chapter
    for index, item in enumerate(data["chapters"]):
        lineno = starts[index] if index < len(starts) else 1
        chapter = _chapter(item, index, lineno, problems)
        if chapter is not None:
            chapters.append(chapter)
    return chapters, problems


def _chapter(item: object, index: int, lineno: int, problems: list[Problem]) -> Chapter | None:
    """The ``index``-th (from 0) chapter of the file, or None; its problems
    name it as a reader counts (from 1) and by its title."""
    if not isinstance(item, dict):
        problems.append(Problem(lineno, "chapter",
                                f"chapter {index + 1} is not an object ({{...}}); it is not shown"))
        return None
    title = item.get("title")
    title = " ".join(title.split()) if isinstance(title, str) else ""
    where = named(index + 1, title)
    silent = item.get("toc") is False
    start = number_seconds(item.get("startTime"))
    if start is None:
        problems.append(Problem(lineno, "chapter",
                                f"{where} has no valid \"startTime\" (seconds from the start of "
                                "the episode); it is not shown"))
        return None
    if not title and not silent:
        problems.append(Problem(lineno, "chapter",
                                f"chapter {index + 1} has no \"title\"; it is not shown (a chapter without a "
                                "title is a silent one: \"toc\": false)"))
        return None
    links = {}
    for key in ("url", "img"):
        value = item.get(key)
        if value is None:
            continue
        if isinstance(value, str) and web_url(value):
            links[key] = value
        else:
            problems.append(Problem(lineno, "chapter", f"{where}: \"{key}\" must be an http or "
                                                       "https URL; it is left out"))
    return Chapter(
        start, title, lineno, links.get("url", ""), links.get("img", ""),
        not silent, number_seconds(item.get("endTime")),
    )


def named(number: int, title: str) -> str:
    """``chapter 3 ('Hearing Aids')``: a chapter as its problems name it."""
    return f"chapter {number} ({title!r})" if title else f"chapter {number} (no title)"

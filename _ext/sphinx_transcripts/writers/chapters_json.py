"""An episode's chapters as Podcasting 2.0 JSON chapters, version 1.2.0 (pure).

``{"version": "1.2.0", "chapters": [{"startTime", "title", "img", "url",
"toc", "endTime"}]}``: ``startTime`` always, ``title`` but for a silent
chapter without one, in ascending
order of ``startTime``; ``img`` and ``url`` when they are absolute http(s)
URLs (a feed's reader has no page to resolve a relative one against);
``toc: false`` for a silent chapter; ``endTime`` when it is known.
"""

from __future__ import annotations

import json

from ..model import Transcript
from ..urls import web_url

VERSION = "1.2.0"


def write(transcript: Transcript) -> str:
    chapters = []
    for chapter in sorted(transcript.chapters, key=lambda c: c.start):
        entry: dict[str, object] = {"startTime": round(chapter.start, 3)}
        if chapter.title:  # a silent chapter may have none
            entry["title"] = chapter.title
        if chapter.img and web_url(chapter.img):
            entry["img"] = chapter.img
        if chapter.url and web_url(chapter.url):
            entry["url"] = chapter.url
        if not chapter.toc:
            entry["toc"] = False
        if chapter.end is not None and chapter.end > chapter.start:
            entry["endTime"] = round(chapter.end, 3)
        chapters.append(entry)
    return json.dumps({"version": VERSION, "chapters": chapters}, indent=2, ensure_ascii=False) + "\n"

"""The episode as CSL-JSON, what Zotero, Pandoc and citeproc read.

An episode is a ``broadcast`` (genre "Podcast episode", its hosts and guests
as CSL 1.0.2's ``host`` and ``guest``); a transcript without its recording
is an ``interview`` (the interviewee its ``author``, the host its
``interviewer``).  Names are ``family``/``given`` as :func:`~.split_name`
guesses them, a one-word name a ``literal``.  ``json.dumps`` escapes the
text for JSON; whoever embeds it in HTML escapes it for HTML.
"""

from __future__ import annotations

import json
from typing import Any

from . import Work, clean, split_name
from .bibtex import key


def person(name: str) -> dict[str, str]:
    family, given = split_name(name)
    return {"family": family, "given": given} if given else {"literal": family}


def item(work: Work) -> dict[str, Any]:
    """One CSL item."""
    data: dict[str, Any] = {"id": key(work)}
    hosts = [person(n) for n in work.hosts if clean(n)]
    guests = [person(n) for n in work.guests if clean(n)]
    if work.kind:
        data["type"] = "broadcast"
        data["genre"] = "Podcast episode"
        data["medium"] = work.kind.capitalize()
        if hosts:
            data["author"] = hosts
            data["host"] = hosts
        if guests:
            data["guest"] = guests
    else:
        data["type"] = "interview"
        data["genre"] = "Interview transcript"
        if guests:
            data["author"] = guests
        if hosts:
            data["interviewer"] = hosts
    data["title"] = clean(work.title) or "Untitled"
    if clean(work.site):
        data["container-title"] = clean(work.site)
    if clean(work.publisher):
        data["publisher"] = clean(work.publisher)
    if work.episode:
        data["number"] = str(work.episode)
    if work.date is not None:
        data["issued"] = {"date-parts": [[work.date.year, work.date.month, work.date.day]]}
    if work.url:
        data["URL"] = work.url
    return data


def dumps(work: Work) -> str:
    """A CSL-JSON document (an array of one item): a field a line, each
    value on its line as compact JSON (people and dates stay readable)."""
    fields = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False, separators=(', ', ': '))}"
              for k, v in item(work).items()]
    return "[\n  {\n" + ",\n".join(fields) + "\n  }\n]"

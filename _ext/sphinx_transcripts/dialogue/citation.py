"""The episode's citation node: what a reference to the page needs, under its title.

After a page with a transcript is read (``doctree-read``, after the episode
collector has put the episode's details under the title), an
:class:`~.elements.episode_citation` node goes right after those details (or
after the title).  It carries the page's title, its people and their roles
(from its turns and casts), and, from the page's
:class:`~..feed.episodes.Episode` record in the State, its date, media kind,
season and episode: everything :mod:`..render.cite` needs, so that no
renderer reads the State.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..feed.details import parse_date
from ..model import UNATTRIBUTED
from ..state import state
from . import elements

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def place(app: Sphinx, doctree: nodes.document) -> None:
    """Put the page's citation node under its title (pages with a transcript)."""
    dialogues = list(doctree.findall(elements.dialogue))
    title = doctree.next_node(nodes.title)
    section = title.parent if title is not None else None
    if not dialogues or not isinstance(section, nodes.section):
        return
    docname = app.env.docname
    people: list[tuple[str, str]] = []
    for dialogue in dialogues:
        for turn in dialogue.findall(elements.turn):
            if turn["speaker"] != UNATTRIBUTED:
                people.append((str(turn["speaker"]), str(turn["role"])))
        people += [(str(name), str(role)) for name, _key, role in dialogue.get("cast", ())]
    seen: dict[str, str] = {}
    for name, role in people:
        seen.setdefault(name, role)
    ordered = [(n, r) for n, r in seen.items() if r == "host"] + \
              [(n, r) for n, r in seen.items() if r != "host"]
    record = state(app.env).episodes.get(docname)
    when: dt.datetime | None = record.date if record is not None else None
    if when is None and "date" in app.env.metadata.get(docname, {}):
        when = parse_date(app.env.metadata[docname]["date"])
    node = elements.episode_citation(
        "", docname=docname, title=title.astext(), people=ordered,
        date=when.date().isoformat() if when is not None else "",
        kind=record.kind if record is not None else "",
        season=record.season if record is not None else None,
        episode=record.episode if record is not None else None,
    )
    # after the episode's details (an ``only`` node the episode collector put there)
    at = 1
    if len(section.children) > 1 and isinstance(section[1], addnodes.only):
        at = 2
    section.insert(at, node)


def setup(app: Sphinx) -> None:
    # after the episode collector (an env collector, at the default priority)
    app.connect("doctree-read", place, priority=600)

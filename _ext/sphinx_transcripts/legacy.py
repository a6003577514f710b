"""The addresses turns had before they were named: ``#turn-37`` kept landing.

Turns were once addressed by their place (``turn-37``, ``t2-turn-4``: the
37th turn of the page's transcript), and such links are out in the world.
Now a turn's id says what it is (:func:`.anchors.turn_ids`); its old
address stays on the page as a second id of the turn, so an old link lands
on the turn it meant when it was shared, with no script.

Which turn an old address meant is frozen once per page in a small file
next to it, ``<page>.anchors.toml`` (written by ``python -m
sphinx_transcripts.freeze``, see :mod:`.freeze`)::

    # written by `python -m sphinx_transcripts.freeze`: ...
    [turns]
    "turn-1" = "sanyam-bhutani-hey-this-is-sanyam-bhutani"
    "turn-2" = "eli-stevens-hi-thanks-for-having"

The build reads it as data (never markup): each entry must be an old
address (``turn-<n>``, a transcript's prefix in front) and a turn id; what
is not is a warning at its line, and the entry is left out.  An entry
whose turn is no longer on the page (it was removed) lands on the turn that
came after it when the map was frozen (the next entry whose turn is still
there), else the one before: never a dead anchor.

A page with no map keeps the old addresses by position (``turn-<n>`` on
the n-th turn): right for a page published before turns were named and not
edited since.  Freeze its map before editing its transcript.

Pure Python: no Sphinx here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .limits import load_toml
from .model import Problem

#: the file next to a page (``interviews/episode.md``) that holds its map
SUFFIX = ".anchors.toml"
#: an old address: a transcript's prefix (its ``:name:``'s id, ``t2``), ``turn-<n>``
LEGACY = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?turn-[1-9][0-9]{0,8}")
#: a turn's id as :func:`.anchors.turn_ids` makes them
TURN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: a map's most entries: an old page had fewer turns
MOST = 200_000

HEADER = """\
# The addresses this page's turns had when they were numbered (#turn-37), and the
# turn each one meant then: old links land there.  Written by
# `python -m sphinx_transcripts.freeze` (README, "Find and cite a quote");
# read by the build as data.  Keep the entries when you edit the transcript.
"""


@dataclass(frozen=True)
class LegacyMap:
    """A page's frozen map: ``(old address, turn id, line)``, in file order."""

    entries: tuple[tuple[str, str, int], ...] = ()
    problems: tuple[Problem, ...] = field(default=())


def _lines_of_keys(text: str) -> dict[str, int]:
    """The line of each ``"key" =`` or ``key =`` (TOML keeps no lines)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""", line)
        if match:
            found.setdefault(next(g for g in match.groups() if g is not None), number)
    return found


def parse(text: str) -> LegacyMap:
    """The map in ``text`` (a ``.anchors.toml``); what is wrong is a problem at its line."""
    data, trouble = load_toml(text)
    if trouble is not None:
        return LegacyMap((), (Problem(trouble.lineno, "anchors", (
            f"this map of old turn addresses cannot be read ({trouble.message}); it is "
            "ignored, and the turns keep their old addresses by position")),))
    problems: list[Problem] = []
    lines = _lines_of_keys(text)
    turns = data.get("turns")
    for key in data:
        if key != "turns":
            problems.append(Problem(lines.get(key, 0), "anchors", (
                f"unknown key {key!r} in a map of old turn addresses: it has one table, "
                "[turns]; it is ignored")))
    if not isinstance(turns, Mapping):
        if turns is not None:
            problems.append(Problem(lines.get("turns", 0), "anchors",
                                    "'turns' must be a table ([turns]); it is ignored"))
        return LegacyMap((), tuple(problems))
    entries: list[tuple[str, str, int]] = []
    for old, new in turns.items():
        line = lines.get(old, 0)
        if len(entries) >= MOST:
            problems.append(Problem(line, "anchors", (
                f"more than {MOST:,} old turn addresses: the rest are ignored")))
            break
        if not LEGACY.fullmatch(old):
            problems.append(Problem(line, "anchors", (
                f"{old[:60]!r} is not an old turn address (turn-<n>, or <name>-turn-<n> for a "
                "transcript with a :name:); the entry is ignored")))
        elif not isinstance(new, str) or not TURN_ID.fullmatch(new) or LEGACY.fullmatch(new):
            problems.append(Problem(line, "anchors", (
                f"{old} = {str(new)[:60]!r}: the value must be a turn's id, as the page's "
                "'#' link shows it (letters, digits and dashes); the entry is ignored")))
        else:
            entries.append((old, new, line))
    return LegacyMap(tuple(entries), tuple(sorted(problems, key=lambda p: p.lineno)))


def resolve(legacy: LegacyMap, prefix: str, ids: Sequence[str]) -> tuple[dict[str, str], list[Problem]]:
    """Each old address of the transcript with ``prefix`` and the id of the turn it lands on.

    An entry whose turn is gone lands on the next entry's turn that is still
    among ``ids``, else the previous one's (the map's order is the page's
    order when it was frozen).  An old address that is already a turn's id
    is a problem.
    """
    own = re.compile(rf"{re.escape(prefix)}turn-[1-9][0-9]*")
    mine = [(old, new, line) for old, new, line in legacy.entries if own.fullmatch(old)]
    present = set(ids)
    live = [new in present for _, new, _ in mine]
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for index, (old, new, line) in enumerate(mine):
        if old in present:
            problems.append(Problem(line, "anchors", (
                f"{old} is the id of a turn of this page: the entry is ignored")))
            continue
        if not live[index]:
            later = next((mine[i][1] for i in range(index + 1, len(mine)) if live[i]), None)
            earlier = next((mine[i][1] for i in range(index - 1, -1, -1) if live[i]), None)
            new = later or earlier or ""
        if new:
            out[old] = new
    return out, problems


def positional(prefix: str, ids: Sequence[str]) -> dict[str, str]:
    """The old addresses by position: ``<prefix>turn-<n>`` for the n-th turn."""
    return {f"{prefix}turn-{n}": ident for n, ident in enumerate(ids, 1)}


def dump(mapping: Sequence[tuple[str, str]]) -> str:
    """A map's file: the header and ``"old" = "id"`` a line, in order."""
    body = "".join(f'"{old}" = "{new}"\n' for old, new in mapping)
    return f"{HEADER}\n[turns]\n{body}"

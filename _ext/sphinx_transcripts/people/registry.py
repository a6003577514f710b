"""The speaker registry: who people are, shared by every page.

Read from a TOML file (``transcripts_speakers`` in conf.py), one
``[[speaker]]`` table per person::

    [[speaker]]
    name = "Thomas Viehmann"
    bio = "Co-author of Deep Learning with PyTorch."
    aliases = ["Tom", "Thomas"]
    avatar = "avatars/thomas.png"   # optional, relative to this file

Pure Python: problems come back as :class:`RegistryProblem` values with the
line they concern, and the caller reports them.  A TOML escape can spell a
control character (``"\\u001b"``): the fields are cleaned as a transcript's
text is (:func:`..source.strip_controls`), each removal a warning at the
field's line, and a name or alias is made one line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..anchors import Anchors, anchor
from ..limits import load_toml, toml_tables
from ..model import UNATTRIBUTED
from ..source import one_line, removed, strip_controls
from ..urls import SCHEMES, safe_url
from ..warning_types import TranscriptKind

AVATAR_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp")

_FIELDS = {"name", "bio", "aliases", "avatar", "url"}


@dataclass(frozen=True)
class Speaker:
    """A person who speaks or writes in the collection."""

    name: str
    bio: str = ""
    aliases: tuple[str, ...] = ()
    #: image path relative to the project's source directory (POSIX), or None
    avatar: str | None = None
    url: str = ""
    #: True when the speaker is not in the registry (seen only on a page)
    unregistered: bool = False
    #: what ids and data attributes name them by: "Luca Antiga" -> "luca-antiga",
    #: "李明" -> "3f2a9c1e" (see :mod:`.anchors`); the registry makes it unique
    #: among its people (:func:`parse_registry`), else it is the name's own
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", anchor(self.name))

    @property
    def unattributed(self) -> bool:
        return self.name == UNATTRIBUTED


@dataclass(frozen=True)
class RegistryProblem:
    """Something wrong in the registry file, at a line (0 when unknown)."""

    lineno: int
    message: str
    #: the warning's subtype (``markup`` and ``link``: a bio, as in a transcript)
    kind: TranscriptKind = "registry"


class _Places:
    """Where things are in a registry's text (TOML readers give no positions).

    Made once per text: its lines, the lines of each speaker's table
    (:func:`..limits.toml_tables`) and, for the quoted strings and keys that
    are looked for many times (names, aliases, fields), the lines they are
    on.  A problem of one speaker is looked for in that speaker's table
    only: searching the whole file once per speaker was quadratic in the
    number of speakers.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")  # not splitlines: U+2028 ends no line
        end = len(self.lines) + 1
        data, _ = load_toml(text)
        entries = data.get("speaker")
        entries = entries if isinstance(entries, list) else []
        starts = toml_tables(text, "speaker")
        if len(starts) == len(entries):  # each table runs to the next
            stops = [*starts[1:], end]
        else:  # the scan read the file otherwise than the decoder: all of it, then
            starts, stops = [1] * len(entries), [end] * len(entries)
        #: the lines of each speaker's table, by name (the first table of a name)
        self.tables: dict[str, tuple[int, int]] = {}
        for entry, first, stop in zip(entries, starts, stops, strict=True):
            name = entry.get("name") if isinstance(entry, dict) else None
            if isinstance(name, str):
                self.tables.setdefault(name.strip(), (first, stop))
        #: quoted strings and keys as written ('"Ada"', 'photo') -> the lines they are on
        self.tokens: dict[str, list[int]] = {}
        for lineno, line in enumerate(self.lines, start=1):
            if '"' in line:
                for quoted in _QUOTED.findall(line):
                    if len(quoted) > 1 and quoted.endswith('"'):
                        self.tokens.setdefault(quoted, []).append(lineno)
            key = _KEY.match(line)
            if key:
                self.tokens.setdefault(key.group(1), []).append(lineno)

    def table(self, name: str | None) -> tuple[int, int]:
        return self.tables.get(name, (1, len(self.lines) + 1)) if name is not None else (
            1, len(self.lines) + 1)

    def find(self, needle: str, start: int = 1, name: str | None = None, *, key: bool = False) -> int:
        """The first line from ``start`` on containing ``needle``, in the table
        of the speaker ``name`` (the whole file without one), or 0.

        A quoted string (``'"Ada"'``) or, with ``key``, a field's name is
        looked up, not searched: those are looked for once per alias or
        field, and a search each time would read a speaker's table as many
        times.  Anything else (an avatar's path, ``url``, a bio's first
        words) is looked for once per speaker, in the speaker's lines.
        """
        first, stop = self.table(name)
        start = first if key else max(start, first)  # a field may come before the name
        if key or (len(needle) > 1 and needle[0] == needle[-1] == '"'):
            lines = self.tokens.get(needle, [])
            at = bisect_left(lines, start)
            return lines[at] if at < len(lines) and lines[at] < stop else 0
        for lineno in range(start, stop):
            if needle in self.lines[lineno - 1]:
                return lineno
        return 0


#: a double-quoted TOML string as written, to its closing quote or its line's end
#: (read on from there, not from each quote inside an unclosed one)
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*+"?')
#: a line's key (its first part, for a dotted one)
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*[.=]")
_PLACES: list[_Places] = []  # the last text's, kept: one registry is read many times a build


def _places(text: str) -> _Places:
    if not _PLACES or (_PLACES[0].text is not text and _PLACES[0].text != text):
        _PLACES[:] = [_Places(text)]
    return _PLACES[0]


def _line_of(
    text: str, needle: str, start: int = 1, name: str | None = None, *, key: bool = False
) -> int:
    """First line from ``start`` on containing ``needle``, in the table of
    the speaker ``name`` when given (TOML parsers give no positions); 0 if
    none.  See :meth:`_Places.find`."""
    return _places(text).find(needle, start, name, key=key)


_TABLE = re.compile(r"^\s*\[")


def value_line(text: str, name: str, field: str, value: str) -> int:
    """The line where the text ``value`` of ``field`` starts, in the table of
    the speaker called ``name`` (a multi-line string's first line of text);
    0 when it cannot be found."""
    places = _places(text)
    lines = places.lines
    first, stop = places.table(name)
    entry = places.find(f'"{name}"', name=name)
    # the table's fields may come before its name: from its header on
    start = next((n for n in range(entry, first - 1, -1) if _TABLE.match(lines[n - 1])), entry)
    key = re.compile(rf"^\s*{re.escape(field)}\s*=")
    head = value.split("\n", 1)[0]
    found = 0
    for lineno in range(max(start, 1), stop):
        line = lines[lineno - 1]
        if lineno > start and _TABLE.match(line):
            break
        if not found and key.match(line):
            found = lineno
        if found and head in line:
            return lineno
    # escapes make the text as written differ from the value: the key's line
    return found or places.find(head, first, name)


class Registry:
    """Speakers by name and by alias.

    ``broken``: the registry file is named but cannot be read as a whole (bad
    TOML, no such file): its error is the one message, and pages do not add
    one for every person they name (they would all be "unknown").
    """

    def __init__(self, speakers: tuple[Speaker, ...] = (), broken: bool = False) -> None:
        self.speakers = speakers
        self.broken = broken
        self._by_name = {s.name: s for s in speakers}

    def get(self, name: str) -> Speaker | None:
        return self._by_name.get(name)

    def resolve(self, name: str) -> Speaker:
        """The registered speaker, or a plain one generated from the name."""
        found = self._by_name.get(name)
        if found is not None:
            return found
        for speaker in self.speakers:
            if name in speaker.aliases:
                return speaker
        return Speaker(name=name, unregistered=True)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.speakers)

    def __len__(self) -> int:
        return len(self.speakers)


def parse_registry(
    text: str, base: PurePosixPath | None = None
) -> tuple[Registry, list[RegistryProblem]]:
    """Parse the TOML registry; ``base`` is its folder relative to the project.

    Image paths are returned relative to the project; whether the files exist
    is for the caller to check.
    """
    entries, problems = _entries(text)
    speakers: list[Speaker] = []
    seen: dict[str, str] = {}  # every name and alias so far -> whose it is
    lines: dict[str, int] = {}  # every name so far -> its line
    tables = _table_lines(text)
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            at = tables[number - 1] if number <= len(tables) else 0
            entry = _cleaned(entry, text, at, problems)
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, str) and name.strip() in lines:
            # one person, one section: a second entry would be a second "Ada" on the people page
            first = lines[name.strip()]
            problems.append(RegistryProblem(
                _line_of(text, f'"{name.strip()}"', first + 1) if first else 0,
                f"{name.strip()!r} is registered twice (first at line {first}); "
                "this entry is ignored"))
            continue
        speaker = _speaker(entry, number, text, base or PurePosixPath(), seen, problems)
        if speaker is not None:
            speakers.append(speaker)
            lines[speaker.name] = _line_of(text, f'"{speaker.name}"', name=speaker.name)
    # unique keys, so every person has a section of their own on the people page
    # and links reach them: "Zoe Ang" after "Zoë Ång" is zoe-ang-<hash of the name>
    keys = Anchors()
    speakers = [replace(speaker, key=keys.named(speaker.name)) for speaker in speakers]
    return Registry(tuple(speakers), broken=not entries and bool(problems)), problems


def _entries(text: str) -> tuple[list[dict], list[RegistryProblem]]:
    """The ``[[speaker]]`` tables of the file, or none and why."""
    data, trouble = load_toml(text)
    if trouble is not None:
        return [], [RegistryProblem(trouble.lineno, trouble.message)]
    entries = data.get("speaker", [])
    if not isinstance(entries, list):
        return [], [RegistryProblem(0, "'speaker' must be an array of tables ([[speaker]])")]
    return entries, []


_SPEAKER_TABLE = re.compile(r"[ \t]*\[\[[ \t]*speaker[ \t]*\]\]")


def _table_lines(text: str) -> list[int]:
    """The line of each ``[[speaker]]`` header, in order."""
    return [n for n, line in enumerate(text.split("\n"), start=1) if _SPEAKER_TABLE.match(line)]


def _field_line(text: str, name: str, start: int) -> int:
    """The line, from ``start`` on, where the field ``name`` is set (``start`` if none is)."""
    key = re.compile(rf"[ \t]*\"?{re.escape(name)}\"?[ \t]*=")
    for lineno, line in enumerate(text.split("\n"), start=1):
        if lineno >= start and key.match(line):
            return lineno
    return start


def _cleaned(entry: dict, text: str, at: int, problems: list[RegistryProblem]) -> dict:
    """The entry with control characters out of its text fields (a warning at
    each field's line), and its name and aliases one line each."""
    out = dict(entry)
    for name in ("name", "bio", "url", "avatar", "aliases"):
        value = entry.get(name)
        values = value if isinstance(value, list) else [value]
        found: list[str] = []
        cleaned = []
        for item in values:
            if isinstance(item, str):
                item, gone = strip_controls(item)
                found += gone
                if name in ("name", "aliases"):
                    item = one_line(item)
            cleaned.append(item)
        if found:
            problems.append(RegistryProblem(_field_line(text, name, at), removed(found), "encoding"))
        out[name] = cleaned if isinstance(value, list) else cleaned[0]
    return {k: v for k, v in out.items() if k in entry}


def _speaker(
    entry: dict,
    number: int,
    text: str,
    base: PurePosixPath,
    seen: dict[str, str],
    problems: list[RegistryProblem],
) -> Speaker | None:
    """One table as a speaker (None without a name); its problems go to ``problems``."""
    if not isinstance(entry, dict):
        problems.append(RegistryProblem(0, f"speaker #{number} is not a table ([[speaker]]); "
                                           "it is ignored"))
        return None
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(RegistryProblem(0, f"speaker #{number} has no 'name'; it is ignored"))
        return None
    name = name.strip()
    lineno = _line_of(text, f'"{name}"', name=name)
    problems.extend(_unknown_fields(entry, name, text, lineno))
    return Speaker(
        name=name,
        bio=str(entry.get("bio", "")).strip(),
        aliases=_aliases(entry, name, text, lineno, seen, problems),
        avatar=_avatar(entry, name, text, lineno, base, problems),
        url=_url(entry, name, text, lineno, problems),
    )


def _unknown_fields(entry: dict, name: str, text: str, lineno: int) -> list[RegistryProblem]:
    return [
        RegistryProblem(
            _line_of(text, unknown, lineno, name, key=True) or lineno,
            f"speaker {name!r}: unknown field {unknown!r} "
            f"(known: {', '.join(sorted(_FIELDS))})",
        )
        for unknown in sorted(set(entry) - _FIELDS)
    ]


def _aliases(
    entry: dict, name: str, text: str, lineno: int,
    seen: dict[str, str], problems: list[RegistryProblem],
) -> tuple[str, ...]:
    """The aliases no earlier speaker has claimed; the name is claimed too."""
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(RegistryProblem(lineno, f"speaker {name!r}: 'aliases' must be a list of strings"))
        aliases = []
    kept = []
    for label in [name, *aliases]:
        if label in seen and seen[label] != name:
            problems.append(
                RegistryProblem(
                    _line_of(text, f'"{label}"', lineno, name) or lineno,
                    f"{label!r} names both {seen[label]!r} and {name!r}; "
                    f"it stays with {seen[label]!r}",
                )
            )
        else:
            seen[label] = name
            if label != name:
                kept.append(label)
    return tuple(kept)


def _avatar(
    entry: dict, name: str, text: str, lineno: int,
    base: PurePosixPath, problems: list[RegistryProblem],
) -> str | None:
    """The image path relative to the project, or None (none given, or not an image)."""
    avatar = entry.get("avatar")
    if avatar is None:
        return None
    if not isinstance(avatar, str) or not avatar.lower().endswith(AVATAR_SUFFIXES):
        problems.append(
            RegistryProblem(
                _line_of(text, str(avatar), lineno, name) or lineno,
                f"speaker {name!r}: avatar {avatar!r} must be a "
                + ", ".join(s.lstrip(".") for s in AVATAR_SUFFIXES)
                + " image; a generated avatar is used",
            )
        )
        return None
    return str(base / avatar)


def _url(
    entry: dict, name: str, text: str, lineno: int, problems: list[RegistryProblem]
) -> str:
    """The web or mail address, or "" when there is none or it is not one."""
    url = str(entry.get("url", "")).strip()
    if url and not safe_url(url):
        problems.append(
            RegistryProblem(
                _line_of(text, "url", lineno, name, key=True) or lineno,
                f"speaker {name!r}: url {url[:80]!r} is not a web or mail address "
                f"({', '.join(sorted(SCHEMES))}); it is not linked",
            )
        )
        return ""
    return url

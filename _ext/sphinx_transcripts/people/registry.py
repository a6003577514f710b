"""The speaker registry: who people are, shared by every page.

Read from a TOML file (``transcripts_speakers`` in conf.py), one
``[[speaker]]`` table per person::

    [[speaker]]
    name = "Thomas Viehmann"
    bio = "Co-author of Deep Learning with PyTorch."
    aliases = ["Tom", "Thomas"]
    avatar = "avatars/thomas.png"   # optional, relative to this file

Pure Python: problems come back as :class:`RegistryProblem` values with the
line they concern, and the caller reports them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..limits import load_toml
from ..model import UNATTRIBUTED
from ..urls import SCHEMES, safe_url

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

    @property
    def key(self) -> str:
        """A slug for ids and CSS classes: "Luca Antiga" -> "luca-antiga"."""
        return slugify(self.name)

    @property
    def unattributed(self) -> bool:
        return self.name == UNATTRIBUTED


@dataclass(frozen=True)
class RegistryProblem:
    """Something wrong in the registry file, at a line (0 when unknown)."""

    lineno: int
    message: str


def slugify(text: str) -> str:
    """ASCII slug: accents folded, runs of other characters become one dash."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "speaker"


def _line_of(text: str, needle: str, start: int = 1) -> int:
    """First line from ``start`` on containing ``needle`` (TOML parsers give no positions)."""
    for lineno, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 ends no line
        if lineno >= start and needle in line:
            return lineno
    return 0


class Registry:
    """Speakers by name and by alias."""

    def __init__(self, speakers: tuple[Speaker, ...] = ()) -> None:
        self.speakers = speakers
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
    for number, entry in enumerate(entries, start=1):
        speaker = _speaker(entry, number, text, base or PurePosixPath(), seen, problems)
        if speaker is not None:
            speakers.append(speaker)
    return Registry(tuple(speakers)), problems


def _entries(text: str) -> tuple[list[dict], list[RegistryProblem]]:
    """The ``[[speaker]]`` tables of the file, or none and why."""
    data, trouble = load_toml(text)
    if trouble is not None:
        return [], [RegistryProblem(trouble.lineno, trouble.message)]
    entries = data.get("speaker", [])
    if not isinstance(entries, list):
        return [], [RegistryProblem(0, "'speaker' must be an array of tables ([[speaker]])")]
    return entries, []


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
    lineno = _line_of(text, f'"{name}"')
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
            _line_of(text, unknown, lineno) or lineno,
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
                    _line_of(text, f'"{label}"', lineno) or lineno,
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
                _line_of(text, str(avatar), lineno) or lineno,
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
                _line_of(text, "url", lineno) or lineno,
                f"speaker {name!r}: url {url[:80]!r} is not a web or mail address "
                f"({', '.join(sorted(SCHEMES))}); it is not linked",
            )
        )
        return ""
    return url

"""An episode's citation: APA, BibTeX and CSL-JSON (pure, no Sphinx).

:class:`Work` holds what a reference needs of a transcript page: its title,
the site it is published on, its people and their roles, its date, whether
it is an audio or video episode or a transcript, and its address.  The
modules format it: :mod:`.apa` (the reference as styled segments, so each
renderer sets the episode or site name in italics its own way), :mod:`.bibtex`
and :mod:`.csl` (CSL-JSON).  Everything in a :class:`Work` is data (names from
the registry, titles from pages): each format escapes it for its own syntax.

The Sphinx side (:mod:`..render.cite`) fills a :class:`Work` from the node
the page carries and renders the three formats per builder.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Contributor", "Work", "clean", "split_name"]

#: control characters (a C0/C1 control or a Unicode format character would
#: break a BibTeX line or hide text) and runs of white space become one space
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` on one line: controls removed, white space runs made one space."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return _SPACE.sub(" ", kept).strip()


@dataclass(frozen=True)
class Contributor:
    """A person of the episode: ``role`` is "host" or "guest" (as the
    transcript directive's ``:host:`` and ``:guests:`` say)."""

    name: str
    role: str = "guest"


@dataclass(frozen=True)
class Work:
    """What a reference needs of one episode or transcript page."""

    title: str
    #: the site (or show) the page is published on
    site: str
    #: the page's address; "" when the build does not know the site's address
    url: str = ""
    people: tuple[Contributor, ...] = ()
    date: dt.date | None = None
    #: "audio" or "video" for an episode, "" for a transcript without media
    kind: str = ""
    season: int | None = None
    episode: int | None = None
    #: who publishes the show, when not the site itself ("" otherwise)
    publisher: str = ""

    @property
    def hosts(self) -> list[str]:
        return [p.name for p in self.people if p.role == "host"]

    @property
    def guests(self) -> list[str]:
        return [p.name for p in self.people if p.role != "host"]

    @property
    def medium(self) -> str:
        """"Audio podcast episode", "Video podcast episode" or "Interview transcript"."""
        if self.kind in ("audio", "video"):
            return f"{self.kind.capitalize()} podcast episode"
        return "Interview transcript"

    @property
    def number(self) -> str:
        """"Season 1, Episode 3", "Episode 3", "Season 1" or ""."""
        if self.season and self.episode:
            return f"Season {self.season}, Episode {self.episode}"
        if self.episode:
            return f"Episode {self.episode}"
        if self.season:
            return f"Season {self.season}"
        return ""


def split_name(name: str) -> tuple[str, str]:
    """``(family, given)`` of a name as written: the last word is the family
    name ("Eli Stevens" -> ("Stevens", "Eli")); a one-word name, or one
    already written "Family, Given", is kept as it is (("Plato", "")).
    A guess, as a name's parts are not in the registry; it is never wrong
    about which words are in the name, only about which one is the family's."""
    name = clean(name)
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    words = name.split(" ")
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])

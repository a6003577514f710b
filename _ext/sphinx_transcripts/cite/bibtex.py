"""A BibTeX entry (``@misc``, as both BibTeX and biblatex read it).

Every value is data: :func:`escape` writes each character TeX gives a
meaning to as a command that prints it.  Braces are written as
``\\textbraceleft{}``, never ``\\{``: BibTeX counts a backslashed brace too,
and one unbalanced brace in a title would end the field (or swallow the
entry).  Names are "Family, Given" joined by ``and``; a name with a comma
or the word "and" of its own is braced whole, so BibTeX reads it as one
name, and the title is double-braced to keep its capitals.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from . import Work, clean, split_name

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(text: str) -> str:
    """``text`` as BibTeX prints it, on one line."""
    return "".join(_SPECIAL.get(ch, ch) for ch in clean(text))


def url(address: str) -> str:
    """An address as a ``url`` field holds it: characters TeX or BibTeX would
    read (braces, backslash, spaces, ``%`` of no escape) percent-encoded."""
    return quote(clean(address), safe=":/?#[]@!$&'()*+,;=-._~%")


def name(person: str) -> str:
    family, given = split_name(person)
    if re.search(r"\band\b", person, re.IGNORECASE) or "," in clean(person):
        return "{" + escape(person) + "}"
    return f"{escape(family)}, {escape(given)}" if given else "{" + escape(family) + "}"


def key(work: Work) -> str:
    """``stevens2026authors``: ASCII letters and digits only."""
    def ascii_word(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]", "", folded.lower())

    people = work.hosts + work.guests
    first = ascii_word(split_name(people[0])[0]) if people else ""
    year = str(work.date.year) if work.date else ""
    words = [ascii_word(w) for w in clean(work.title).split(" ")]
    word = next((w for w in words if len(w) > 3 and w not in {"with", "from", "into", "that"}),
                next((w for w in words if w), ""))
    return (first + year + word)[:60] or "episode"


def entry(work: Work) -> str:
    """The ``@misc`` entry, fields aligned."""
    fields: list[tuple[str, str]] = []
    people = [p for p in (work.hosts + work.guests) if clean(p)]
    if people:
        fields.append(("author", "{" + " and ".join(name(p) for p in people) + "}"))
    fields.append(("title", "{{" + escape(work.title or "Untitled") + "}}"))
    where = ", ".join(x for x in (work.medium, clean(work.site)) if x)
    fields.append(("howpublished", "{" + escape(where) + "}"))
    if work.publisher and clean(work.publisher) != clean(work.site):
        fields.append(("publisher", "{" + escape(work.publisher) + "}"))
    if work.date is not None:
        fields.append(("year", "{" + str(work.date.year) + "}"))
        fields.append(("month", _MONTHS[work.date.month - 1]))
        fields.append(("date", "{" + work.date.isoformat() + "}"))
    notes = []
    if work.number:
        notes.append(work.number)
    if work.hosts:
        notes.append(("Host" if len(work.hosts) == 1 else "Hosts") + ": " + ", ".join(work.hosts))
    if work.guests:
        label = "Guest" if work.kind else "Interviewee"
        notes.append((label if len(work.guests) == 1 else label + "s") + ": " + ", ".join(work.guests))
    if notes:
        fields.append(("note", "{" + escape(". ".join(notes)) + "}"))
    if work.url:
        fields.append(("url", "{" + url(work.url) + "}"))
    width = max(len(f) for f, _ in fields)
    body = ",\n".join(f"  {f.ljust(width)} = {v}" for f, v in fields)
    return f"@misc{{{key(work)},\n{body}\n}}"

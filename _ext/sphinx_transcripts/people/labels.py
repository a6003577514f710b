"""Speaker labels: how a label written in a source is compared with the
declared speakers, and what counts as a label at all.  Pure Python.

Labels are compared after Unicode normalisation (NFC), with zero-width
characters removed, runs of spacing made one space, and case ignored, so
``Ada Host :``, ``Ada<TAB>Host:`` and a name with a zero-width joiner in it
are all Ada Host.  When that is not enough, two *guesses* are tried: a
parenthesised suffix is dropped (Zoom's ``Daniel Reyes (he/him)``) and a
directory name ``Last, First`` is turned round (Teams' ``Reyes, Daniel``).
A match that needed anything beyond the exact spelling says how, so the
build log can note it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

#: Characters that take no space and are dropped before comparing labels.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

_SPACES = re.compile(r"\s+")
#: from the start of a run of spacing only: the leftmost match starts there anyway, and
#: tried from every space of a long run, ``\s*`` read the run again each time
_SUFFIX = re.compile(r"(?<!\s)\s*\([^()]{1,40}\)\s*$")

#: Something that looks like a speaker label at the start of a line: one to
#: four words starting with a letter (initials, hyphens, apostrophes), an
#: optional parenthesised suffix, optional spacing, a colon, then text.  Used
#: only to warn about labels that match nobody, through :func:`label_like`,
#: which also wants every word capitalised, in any script ("Élodie", "Łukasz").
LABEL_LIKE = re.compile(
    r"^(?P<label>[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3}(?:[ \t]*\([^()\n]{1,40}\))?)"
    r"[ \t]*:[ \t]+\S"
)


def label_like(line: str) -> str | None:
    """The label ``line`` seems to open with (normalised), if it looks like one.

    Only at the very start: an indented line is quoted text.
    """
    found = LABEL_LIKE.match(unicodedata.normalize("NFC", line.translate(ZERO_WIDTH)))
    if not found:
        return None
    label = normalize(found["label"])
    return label if all(word[0].isupper() for word in _SUFFIX.sub("", label).split()) else None


def normalize(label: str) -> str:
    """NFC, no zero-width characters, one space between words, trimmed."""
    # zero-width characters out first: one between a letter and its accent
    # would keep the pair from composing
    text = unicodedata.normalize("NFC", label.translate(ZERO_WIDTH))
    return _SPACES.sub(" ", text).strip()


def key(label: str) -> str:
    """What two labels are compared by: normalised and case-folded."""
    return normalize(label).casefold()


def guesses(label: str) -> Iterator[tuple[str, str]]:
    """Other spellings of ``label`` worth trying, each with what was changed."""
    text = normalize(label)
    bare = _SUFFIX.sub("", text)
    if bare and bare != text:
        yield bare, f"the suffix {text[len(bare):].strip()!r} dropped"
    if bare.count(",") == 1:
        last, first = (part.strip() for part in bare.split(","))
        if last and first:
            yield f"{first} {last}", f"{bare!r} read as '{first} {last}'"


@dataclass(frozen=True)
class LabelMatch:
    """A label found in a source: who it is and how it was recognised.

    ``how`` is "" for an exact match, else what was needed ("spelled
    'Ada  Host'", "the suffix '(he/him)' dropped").
    """

    speaker: str
    written: str
    how: str = ""


class LabelTable:
    """Every accepted label (names and aliases) and the speaker it stands for."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = dict(labels)
        self._by_key: dict[str, str] = {}
        for label, speaker in labels.items():
            self._by_key.setdefault(key(label), speaker)

    def lookup(self, written: str) -> LabelMatch | None:
        """The speaker ``written`` names, exactly, by normalisation or by a guess."""
        exact = self.labels.get(written.strip())
        if exact is not None:
            return LabelMatch(exact, written)
        found = self._by_key.get(key(written))
        if found is not None:
            return LabelMatch(found, written, f"spelled {written!r}")
        for other, how in guesses(written):
            found = self._by_key.get(key(other))
            if found is not None:
                return LabelMatch(found, written, how)
        return None

    def match_line(self, line: str) -> tuple[LabelMatch, str] | None:
        """``(match, rest of the line)`` if ``line`` opens with an accepted label.

        The label is what stands before the line's first colon, so
        "https://…" or "10:30" open no turn (nobody is called "https").
        """
        colon = line.find(":", 0, 80)
        if colon <= 0 or line[0] in " \t":  # an indented label is quoted text
            return None
        found = self.lookup(line[:colon])
        if found is None:
            return None
        return found, line[colon + 1 :].lstrip()

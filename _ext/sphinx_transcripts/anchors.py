"""Ids made from names: a person's section, a chapter, a transcript's turns.  Pure Python.

An id is the ASCII slug of the name when the slug still says the name:
folding it loses only accents, case, spacing and punctuation ("Zoë Ång"
gives ``zoe-ang``, "Łukasz Nowak" ``lukasz-nowak``, "Ad break"
``ad-break``).  A name the slug cannot say, because it holds letters or
digits of another script ("李明", "Дмитрий Петров", "Κεφάλαιο", "Dr. 李"),
gets the slug of what it has in Latin letters, if anything, then eight hex
digits of a hash of the name itself: ``3f2a9c1e``, ``dr-5b07d1aa``.  The
hash is of the name alone (NFC, UTF-8, BLAKE2b), so it is the same on every
build and on every machine, and names of other people do not change it.

Ids stay ASCII, as docutils makes them: every builder takes them as they
are (an HTML fragment, a LaTeX label, an EPUB navigation point).

Two names can still give one id ("Zoë Ång" and "Zoe Ang"; two chapters
called "Ad break"); :class:`Anchors` hands out ids in order and never the
same twice.  :meth:`Anchors.named`, for people, adds the hash of the name to
an id already taken, so a person's id depends on no one but those whose
names slug alike and come before; :meth:`Anchors.numbered`, for chapters,
adds ``-2``, ``-3`` by order, as a reader counts them down the page.

A turn's id says what the turn is, not where it is (:func:`turn_ids`), so a
link to it holds when other turns are added, removed or corrected:

- a timed turn, by when it starts: ``t-12m34s``, ``t-1h02m03s`` (the
  second it starts in, whatever the episode's length); a second turn in the
  same second adds its speaker (``t-12m34s-eli-stevens``), then ``-2``…;
- an untimed turn, by who speaks and how it opens: the speaker's id and the
  first words' (``sanyam-bhutani-hey-this-is-sanyam``); the same opening
  met again takes more words, then the hash of the whole turn's text, so it
  still depends on no other turn; only an identical turn is counted on.

Turns of a page's second transcript have its prefix in front (``t2-``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

#: Latin letters that Unicode does not decompose into an ASCII letter and an accent.
_LATIN = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ĸ": "k", "ŋ": "ng", "Ŋ": "NG",
})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """The ASCII slug of ``text``: accents folded, runs of anything else one dash ("" if none)."""
    folded = unicodedata.normalize("NFKD", text.translate(_LATIN)).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("-", folded.lower()).strip("-")


def slug_says(text: str) -> bool:
    """Does the slug keep every letter and digit of ``text`` (it loses only
    accents, case, spacing, punctuation and symbols)?"""
    for char in unicodedata.normalize("NFKD", text.translate(_LATIN)):
        if char.isascii() or unicodedata.combining(char) or not char.isalnum():
            continue
        return False
    return True


def name_hash(text: str) -> str:
    """Eight hex digits that stand for ``text`` (its NFC spelling): the same on every build."""
    data = unicodedata.normalize("NFC", text).encode("utf-8")
    return hashlib.blake2b(data, digest_size=4).hexdigest()


def hashed(text: str) -> str:
    """The slug and the hash of ``text``: ``dr-5b07d1aa``, or the hash alone."""
    return "-".join(part for part in (slug(text), name_hash(text)) if part)


def anchor(text: str) -> str:
    """The id ``text`` gives on its own: its slug if that says it, else :func:`hashed`."""
    plain = slug(text)
    return plain if plain and slug_says(text) else hashed(text)


class Anchors:
    """Unique ids, handed out in order: ``prefix`` + an id made from a name.

    ``taken`` says which ids are taken already (a document's ``ids``, say);
    the ids handed out are taken too.
    """

    def __init__(self, prefix: str = "", taken: Callable[[str], bool] | Iterable[str] = ()) -> None:
        self.prefix = prefix
        self._given: set[str] = set()
        self._taken = taken if callable(taken) else set(taken).__contains__
        #: the number each counted base was last given: the next one is looked for
        #: from there, not from 2 again (fifty thousand "Ad break" chapters)
        self._counts: dict[str, int] = {}

    def free(self, candidate: str) -> bool:
        return candidate not in self._given and not self._taken(candidate)

    def _give(self, candidate: str) -> str:
        self._given.add(candidate)
        return candidate

    def _counted(self, base: str) -> str:
        # ids are only ever taken, never freed: the numbers before the last one
        # given are still taken
        number = self._counts.get(base, 2)
        while not self.free(f"{base}-{number}"):
            number += 1
        self._counts[base] = number
        return self._give(f"{base}-{number}")

    def named(self, name: str) -> str:
        """The id of a person: :func:`anchor`, else with the name's hash (people
        are no sequence: their ids must not depend on who else there is)."""
        for candidate in (self.prefix + anchor(name), self.prefix + hashed(name)):
            if self.free(candidate):
                return self._give(candidate)
        return self._counted(self.prefix + hashed(name))  # a hash shared: 1 in 4 billion

    def numbered(self, name: str) -> str:
        """The id of a chapter: :func:`anchor`, else ``-2``, ``-3``… by order."""
        base = self.prefix + anchor(name)
        return self._give(base) if self.free(base) else self._counted(base)


#: the words of an untimed turn its id takes: a few, then more where two turns open alike
_FIRST_WORDS = (5, 12)
#: the most characters of those words an id keeps (cut at a word)
_WORDS_CHARS = 40
#: what of a turn's text names no word of it: a link's address, a bare URL, markup
_NOT_WORDS = re.compile(r"\]\([^)\s]*\)|<?https?://\S+|[*_`\[\]]")


@dataclass(frozen=True)
class TurnKey:
    """What a turn's id is made from: when it starts (None untimed), who
    speaks (their name, "" for nobody in particular) and its text."""

    start: float | None
    speaker: str
    text: str


def time_id(seconds: float) -> str:
    """``t-12m34s`` (``t-0m05s``), ``t-1h02m03s`` from an hour on: the second it is in."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"t-{hours}h{minutes:02d}m{secs:02d}s" if hours else f"t-{minutes}m{secs:02d}s"


def _opening(text: str, count: int) -> str:
    """The id of the first ``count`` words of ``text``, at most ``_WORDS_CHARS``
    characters when it is a slug (cut at a word)."""
    # "I'll" is one word: "ill", not "i-ll"
    words = _NOT_WORDS.sub(" ", text).replace("'", "").replace("\u2019", "").split()[:count]
    said = anchor(" ".join(words)) if words else ""
    if len(said) > _WORDS_CHARS and slug_says(" ".join(words)):
        said = said[:_WORDS_CHARS + 1].rsplit("-", 1)[0]
    return said


def turn_ids(turns: Sequence[TurnKey], prefix: str = "",
             taken: Callable[[str], bool] | Iterable[str] = ()) -> list[str]:
    """Each turn's id, in order: ``prefix`` and what the turn is (see the module)."""
    ids = Anchors(prefix, taken)

    def first_free(candidates: Iterable[str]) -> str | None:
        for candidate in candidates:
            if candidate and ids.free(prefix + candidate):
                return ids._give(prefix + candidate)
        return None

    out: list[str] = []
    for turn in turns:
        who = anchor(turn.speaker) if turn.speaker else ""
        if turn.start is not None:
            base = time_id(turn.start)
            candidates = [base, f"{base}-{who}" if who else ""]
        else:
            # "said-": a source that names nobody ("turn-" would read as an old address)
            who = who or "said"
            base = "-".join(filter(None, (who, _opening(turn.text, _FIRST_WORDS[0]))))
            candidates = [base, "-".join(filter(None, (who, _opening(turn.text, _FIRST_WORDS[1])))),
                          f"{base}-{name_hash(turn.text)}"]
        given = first_free(candidates)
        if given is None:  # the same time and speaker, or the same text, again: counted on
            given = ids._counted(prefix + next(c for c in reversed(candidates) if c))
        out.append(given)
    return out

"""Find mentions of glossary phrases in plain text, in one pass.

This module knows nothing of Sphinx or docutils: it turns a list of
``(phrase, key)`` pairs into a :class:`TermMatcher` whose :meth:`finditer`
walks a string once and yields the non-overlapping mentions, leftmost first
and, at one position, longest first.

How a phrase matches
--------------------
* **Whole words on both sides.**  A mention may not be glued to other word
  characters, directly or through ``-``, ``.``, ``/`` or ``@``: ``KerasCV``,
  ``nerfstudio``, ``keras-io``, ``keras.io``, ``wandb/client`` and
  ``@huggingface`` are names of their own and do not mention Keras, NeRF,
  wandb or Hugging Face.  A mention may be followed by punctuation that ends
  a clause (``PyTorch.``, ``PyTorch's``, ``(NeRF)``).
* **Case.**  A phrase that is written mostly in capitals (more upper- than
  lower-case letters and at least two capitals: ``CUDA``, ``MOOC``,
  ``DINO``, ``NeRF``, ``ViT``) is an abbreviation and matches with exactly
  that case, so the ordinary word "dino" is left alone.  Every other phrase
  ignores case: ``PyTorch`` matches "Pytorch" and "pytorch".
* **Spacing.**  Words of a phrase may be separated by any run of white space,
  line breaks included (transcripts are often hard-wrapped).
* **Plurals.**  A phrase that ends in a letter other than "s" also matches
  with a trailing "s" (``NeRFs``, ``ViTs``, ``GPUs``).
* **Longest wins.**  Where several phrases start at the same place the
  longest one is taken ("Hugging Face Transformers" over "Hugging Face").

Why it is fast
--------------
All phrases are merged into one trie of *atoms* (a literal character, a
case-folded letter class, or a white-space run) and the trie is written out
as a single regular expression whose alternations branch only where phrases
differ.  Python's regular-expression engine then scans the text once in C;
at each position it follows at most one path per distinct prefix, so the
cost grows with the length of the text and the depth of the trie, not with
the number of phrases.  Sub-tries are ordered deepest first and a terminal
is tried after its children, so the first successful path is the longest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

__all__ = [
    "Mention",
    "PhraseConflict",
    "PhraseSet",
    "TermMatcher",
    "fingerprint",
    "is_abbreviation",
    "normalize",
    "overlaps",
]

# A mention must not touch a word character, nor be joined to one by one of
# these glue characters (compound names such as keras-io or keras.io).
_GLUE = r"\-./@"
_LEFT = rf"(?<![\w@])(?<!\w[{_GLUE}])"
_RIGHT = rf"(?!\w)(?![{_GLUE}]\w)"
_SPACE_ATOM = r"\s+"


def fingerprint(*parts: object) -> str:
    """A short, stable digest of *parts* (their ``repr``).

    It names a set of phrases (and the settings they are used with), so that
    a compiled matcher is reused and pages are re-linked only when it changes.
    """
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def is_abbreviation(phrase: str) -> bool:
    """Return True when *phrase* is written mostly in capitals.

    Such phrases (``CUDA``, ``NeRF``, ``ViT``) match case-sensitively.
    """
    upper = sum(1 for ch in phrase if ch.isupper())
    lower = sum(1 for ch in phrase if ch.islower())
    return upper >= 2 and upper > lower


def normalize(text: str) -> str:
    """Collapse runs of white space to one space and strip the ends."""
    return " ".join(text.split())


def overlaps(first: str, second: str) -> bool:
    """Return True when two phrases would match some of the same text.

    Two case-insensitive phrases overlap when they are equal ignoring case;
    an abbreviation overlaps a case-insensitive phrase with the same letters;
    two abbreviations overlap only when identical.
    """
    a, b = normalize(first), normalize(second)
    if a.casefold() != b.casefold():
        return False
    if is_abbreviation(a) and is_abbreviation(b):
        return a == b
    return True


@dataclass(frozen=True)
class Mention:
    """One match: ``text[start:end]`` mentions the entry called *key*."""

    start: int
    end: int
    key: str
    phrase: str


@dataclass(frozen=True)
class PhraseConflict:
    """A phrase that was dropped because an earlier phrase overlaps it."""

    phrase: str
    key: str
    kept_phrase: str
    kept_key: str


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terminal: bool = False
    plural: str | None = None
    depth: int = 0

    def add(self, atoms: list[str], plural: str | None) -> None:
        node = self
        for atom in atoms:
            node = node.children.setdefault(atom, _Node())
        node.terminal = True
        if plural is not None and node.plural is None:
            node.plural = plural

    def finish(self) -> int:
        """Compute the depth of every sub-trie (used to order alternatives)."""
        self.depth = max((child.finish() + 1 for child in self.children.values()), default=0)
        return self.depth

    def to_regex(self) -> str:
        ordered = sorted(self.children.items(), key=lambda item: (-item[1].depth, item[0]))
        alts = [atom + child.to_regex() for atom, child in ordered]
        if self.terminal:
            if self.plural is not None:
                alts.append(self.plural)
            return f"(?:{'|'.join(alts)})?" if alts else ""
        if len(alts) == 1:
            return alts[0]
        return f"(?:{'|'.join(alts)})"


def _atoms(phrase: str, fold: bool) -> list[str]:
    atoms: list[str] = []
    for index, word in enumerate(phrase.split()):
        if index:
            atoms.append(_SPACE_ATOM)
        for ch in word:
            lower, upper = ch.lower(), ch.upper()
            if fold and lower != upper and len(lower) == 1 and len(upper) == 1:
                atoms.append(f"[{re.escape(lower)}{re.escape(upper)}]")
            else:
                atoms.append(re.escape(ch))
    return atoms


def _plural(phrase: str, fold: bool) -> str | None:
    last = phrase[-1]
    if not last.isalpha() or last in "sS":
        return None
    return "[sS]" if fold else "s"


def _compile(phrases: Iterable[tuple[str, str]]) -> re.Pattern[str] | None:
    """One pattern for all *phrases*, written from their trie."""
    root = _Node()
    for phrase, _key in phrases:
        fold = not is_abbreviation(phrase)
        root.add(_atoms(phrase, fold), _plural(phrase, fold))
    if not root.children:
        return None  # an empty alternation would match the empty string everywhere
    root.finish()
    return re.compile(f"{_LEFT}(?:{root.to_regex()}){_RIGHT}")


class PhraseSet:
    """Phrases the matcher can tell apart, in the order they were offered.

    This is the one check for clashing phrases: :meth:`add` refuses a phrase
    that :func:`overlaps` one accepted before.  The matcher uses it on its
    input, and the catalogue uses it to turn clashes into warnings.
    """

    def __init__(self) -> None:
        self.phrases: list[tuple[str, str]] = []
        self._by_fold: dict[str, list[tuple[str, str]]] = {}

    def add(self, raw: str, key: str) -> PhraseConflict | None:
        """Accept *raw* as a phrase for *key* unless it overlaps one accepted.

        Returns the conflict when the phrase it overlaps reaches another key.
        A phrase that overlaps one of the same key (a variant the matcher
        already finds) and an empty phrase are dropped quietly.
        """
        phrase = normalize(raw)
        if not phrase:
            return None
        similar = self._by_fold.setdefault(phrase.casefold(), [])
        for kept, kept_key in similar:
            if overlaps(phrase, kept):
                return None if kept_key == key else PhraseConflict(phrase, key, kept, kept_key)
        similar.append((phrase, key))
        self.phrases.append((phrase, key))
        return None


class TermMatcher:
    """A one-pass matcher for a fixed set of phrases.

    *phrases* is an iterable of ``(phrase, key)`` pairs; several phrases may
    share a key (a headword and its variants).  A phrase that overlaps one
    given earlier for another key is dropped (see :class:`PhraseSet`) and
    reported in :attr:`conflicts`.
    """

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        accepted = PhraseSet()
        self.conflicts: list[PhraseConflict] = [
            conflict for raw, key in phrases if (conflict := accepted.add(raw, key)) is not None
        ]
        self.phrases: tuple[tuple[str, str], ...] = tuple(accepted.phrases)
        self._exact: dict[str, tuple[str, str]] = {}
        self._folded: dict[str, tuple[str, str]] = {}
        for phrase, key in self.phrases:
            if is_abbreviation(phrase):
                self._exact[phrase] = (phrase, key)
            else:
                self._folded[phrase.casefold()] = (phrase, key)
        self.pattern: re.Pattern[str] | None = _compile(self.phrases)

    @property
    def fingerprint(self) -> str:
        """A stable digest of the phrases and keys this matcher knows."""
        return fingerprint(self.phrases)

    def _lookup(self, matched: str) -> tuple[str, str] | None:
        text = normalize(matched)
        candidates = [text]
        if text[-1:] in ("s", "S"):
            candidates.append(text[:-1])
        for candidate in candidates:
            hit = self._exact.get(candidate) or self._folded.get(candidate.casefold())
            if hit is not None:
                return hit
        return None

    def finditer(self, text: str) -> Iterator[Mention]:
        """Yield the mentions in *text*, left to right, without overlaps."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            hit = self._lookup(match.group())
            if hit is not None:
                yield Mention(match.start(), match.end(), hit[1], hit[0])

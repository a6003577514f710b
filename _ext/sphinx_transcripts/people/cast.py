"""Who speaks in a transcript: the directive's people, their labels, and the
resolution of every turn's label to a person.  Pure Python.

The cast is built from ``:host:``, ``:guests:`` and ``:speaker-map:`` and the
registry: each person's name and aliases, and each source label the map
names, become labels of one :class:`~.labels.LabelTable`.  After parsing,
:func:`resolve` gives every turn whose format could not tell its speaker
a person, by the same table (with its normalisation and guesses, each
noted at info level with how many turns carry it); a label that maps to
nobody stays the turn's speaker, under its own name, and is a warning naming
how many turns carry it.  This is the one place where a label becomes a
person, whatever the format: a format that recognises labels (``labeled``)
leaves the turn's speaker to this step too.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field, replace

from ..model import UNATTRIBUTED, Problem, Transcript
from .labels import LabelMatch, LabelTable
from .labels import key as label_key
from .registry import Registry, Speaker


def names(option: str) -> list[str]:
    """``"A, B"`` -> ``["A", "B"]``."""
    return [name.strip() for name in option.split(",") if name.strip()]


def speaker_map(option: str) -> tuple[dict[str, str], list[Problem]]:
    """``"SPEAKER_00 = Maya Okafor; Speaker 3 = Daniel"`` -> a dict, and the
    problems of the option: an entry that cannot be read, a label mapped
    again (labels are compared as sources are read: ``Speaker 1`` is
    ``speaker  1``), which keeps its first person, as a label claimed twice
    does (:func:`make_cast`)."""
    mapping: dict[str, str] = {}
    first: dict[str, str] = {}  # label's key -> the label as first written
    problems: list[Problem] = []
    for entry in option.split(";"):
        if not entry.strip():
            continue
        label, sep, person = (part.strip() for part in entry.partition("="))
        if not sep or not label or not person:
            problems.append(Problem(0, "option", f":speaker-map: entry {entry.strip()!r} is not "
                                                 "'Label = Person'"))
            continue
        before = first.setdefault(label_key(label), label)
        if before in mapping:
            kept = mapping[before]
            spelled = "" if before == label else f", as {label!r},"
            problems.append(Problem(0, "option", (
                f":speaker-map: maps {before!r} to {kept!r} twice{spelled[:-1]}; map each label once"
                if person == kept else
                f":speaker-map: maps {before!r} to {kept!r} and again{spelled} to {person!r}; "
                f"it is read as {kept!r}: map each label once")))
            continue
        mapping[label] = person
    return mapping, problems


@dataclass
class Cast:
    """The people of one transcript, by canonical name, and their labels."""

    labels: LabelTable
    speakers: dict[str, Speaker]
    roles: dict[str, str]
    #: problems of the options, reported at the directive
    problems: list[Problem] = field(default_factory=list)
    #: who speaks in a source without speaker labels (:speaker:)
    single: str = UNATTRIBUTED
    #: a name of the options that is most likely a slip -> the registered person meant
    slips: dict[str, str] = field(default_factory=dict)

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(n for n, r in self.roles.items() if r == "host")

    @property
    def guests(self) -> tuple[str, ...]:
        return tuple(n for n, r in self.roles.items() if r == "guest")

    def speaker(self, name: str) -> Speaker:
        return self.speakers.get(name) or Speaker(name, unregistered=True)

    def role(self, speaker: Speaker) -> str:
        return "unattributed" if speaker.unattributed else self.roles.get(speaker.name, "guest")


def make_cast(
    registry: Registry,
    hosts: list[str],
    guests: list[str],
    mapping: dict[str, str] | None = None,
    single: str = "",
) -> Cast:
    """The label table of the declared people, from the options and the registry."""
    labels: dict[str, str] = {UNATTRIBUTED: UNATTRIBUTED}
    speakers = {UNATTRIBUTED: Speaker(UNATTRIBUTED)}
    roles: dict[str, str] = {}
    problems: list[Problem] = []

    def claim(label: str, name: str) -> None:
        owner = labels.setdefault(label, name)
        if owner != name:
            problems.append(Problem(0, "speaker", f"label {label!r} could mean {owner!r} or "
                                                  f"{name!r}; it is read as {owner!r}"))

    for role, people in (("host", hosts), ("guest", guests)):
        for name in people:
            speaker = registry.resolve(name)
            speakers[speaker.name] = speaker
            roles.setdefault(speaker.name, role)
            for label in (name, speaker.name, *speaker.aliases):
                claim(label, speaker.name)
    declared = set(labels)
    checked: dict[str, str | None] = {}
    for role, people in (("host", hosts), ("guest", guests)):
        for name in people:
            problems.extend(_stranger(name, f":{role if role == 'host' else 'guests'}: names", registry,
                                      declared, checked, declared_ok=True))
    for label, person in (mapping or {}).items():
        speaker = registry.resolve(person)
        problems.extend(_stranger(person, f":speaker-map: maps {label!r} to", registry, declared,
                                  checked))
        if speaker.name not in speakers and person not in labels:
            speakers[speaker.name] = speaker
            roles.setdefault(speaker.name, "guest")
        claim(label, labels.get(person, speaker.name))
    one = UNATTRIBUTED
    if single:
        speaker = registry.resolve(single)
        if single != UNATTRIBUTED:
            problems.extend(_stranger(single, ":speaker: names", registry, declared, checked))
        one = labels.get(single, speaker.name)
        if one not in speakers:
            speakers[one] = speaker
            roles.setdefault(one, "guest")
    slips = {name: registry.resolve(near).name for name, near in checked.items() if near is not None}
    return Cast(LabelTable(labels), speakers, roles, problems, one, slips)


def _stranger(
    name: str, said: str, registry: Registry, declared: set[str], checked: dict[str, str | None],
    *, declared_ok: bool = False,
) -> list[Problem]:
    """A problem when an option credits someone the registry does not know.

    In :host: or :guests: (``declared_ok``), an unregistered person is
    welcome (a generated avatar), unless the name is one letter or two from a
    registered one: then it is most often that person misspelt, and their
    turns would go to a stranger.  Elsewhere (:speaker-map:, :speaker:), the
    person must be declared on the page or registered: anyone else is unknown.
    """
    if name in checked or registry.broken or (name in declared and not declared_ok):
        return []
    checked[name] = None
    if not registry.resolve(name).unregistered:
        return []
    # a declared person is no slip for another declared one (two guests may be alike)
    near = _near(name, registry, set() if declared_ok else declared, cutoff=0.8 if declared_ok else 0.6)
    checked[name] = near
    if declared_ok and near is None:
        return []
    message = f"{said} {name!r}, who is "
    message += ("not in the speaker registry" if declared_ok
                else "in neither :host: nor :guests: nor the speaker registry")
    if near is not None:
        message += f": did you mean {near!r}? (someone else: add {name!r} to the registry)"
    else:
        message += ": name them in :guests: (or add them to the registry)"
    return [Problem(0, "speaker", message, name)]


def _near(name: str, registry: Registry, declared: set[str], cutoff: float) -> str | None:
    """The registered or declared name (or alias) closest to ``name``, if close.

    The registry's entries are read, not looked up (a page that looked up every
    entry would be read again at every change of the registry): its own
    look-up of ``name`` is what makes it read again when that name changes.
    """
    known = [*sorted(declared - {UNATTRIBUTED, name}),
             *(label for speaker in registry.speakers for label in (speaker.name, *speaker.aliases))]
    close = difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def resolve(transcript: Transcript, cast: Cast) -> Transcript:
    """Every turn with a person: the parser's, or its label's through the cast."""
    if all(turn.speaker for turn in transcript.turns):
        return transcript
    problems = list(transcript.problems)
    unknown: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    noted: set[str] = set()
    #: labels read through a guess: label -> (match, first line, turns)
    spelled: dict[str, tuple[LabelMatch, int, int]] = {}
    turns = []
    for turn in transcript.turns:
        if turn.speaker:
            turns.append(turn)
            continue
        if not turn.label:  # the source names no speakers
            if "" not in noted:
                noted.add("")
                problems.append(Problem(turn.lineno, "no-speakers",
                                        f"the source names no speakers: every turn is {cast.single!r}"
                                        + ("" if cast.single != UNATTRIBUTED else
                                           " (name the speaker with :speaker:)"), level="info"))
            turns.append(turn.with_speaker(cast.single))
            continue
        match = cast.labels.lookup(turn.label)
        if match is None:
            unknown[turn.label] += 1
            first_line.setdefault(turn.label, turn.lineno)
            turns.append(turn.with_speaker(turn.label))
            continue
        if match.how:
            seen = spelled.get(turn.label)
            spelled[turn.label] = (match, seen[1], seen[2] + 1) if seen else (match, turn.lineno, 1)
        turns.append(turn.with_speaker(match.speaker))
    for label, (match, lineno, count) in spelled.items():
        turns_of = "" if count == 1 else f" ({count} turns)"
        problems.append(Problem(lineno, "label-spelling",
                                f"label {label!r} is read as {match.speaker!r}: {match.how}{turns_of}",
                                label, level="info"))
    for label, count in unknown.items():
        near = near_label(label, cast.labels)
        fix = (f"did you mean {near!r}?" if near is not None else
               "name the person in :host: or :guests:, or map the label with "
               f":speaker-map: {label} = Full Name")
        problems.append(Problem(
            first_line[label], "unmapped-label",
            f"speaker label {label!r} ({count} turn{'s' if count != 1 else ''}) maps to nobody: its "
            f"turns are shown under the label itself; {fix}",
            label,
        ))
    problems.sort(key=lambda p: p.lineno)
    return replace(transcript, turns=tuple(turns), problems=tuple(problems))


def near_label(label: str, table: LabelTable) -> str | None:
    """The declared label ``label`` is most likely a slip for (``Kwam`` for
    ``Kwame``), or a declared name whose first word it is close to."""
    if any(c.isdigit() for c in label):
        return None  # SPEAKER_02 is another voice than SPEAKER_01, not a slip
    people = {written: speaker for written, speaker in table.labels.items() if speaker != UNATTRIBUTED}
    candidates = {written: written for written in people}
    for speaker in people.values():
        candidates.setdefault(speaker.split()[0], speaker)  # "Kwame" of "Kwame Mensah": say the name
    close = difflib.get_close_matches(label, list(candidates), n=1, cutoff=0.75)
    return candidates[close[0]] if close else None


def declare_hint(label: str, registry: Registry, table: LabelTable | None = None) -> str:
    """How to make ``label`` a speaker, or say that it is not one."""
    speaker = registry.resolve(label)
    if speaker.unregistered:
        near = near_label(label, table) if table is not None else None
        if near is not None:
            return (f". Did you mean {near!r}? If {label!r} is not a speaker, add it to "
                    ":not-speakers:")
        return f". If it is not a speaker, add {label!r} to :not-speakers:"
    what = "a name" if speaker.name == label else "an alias"
    return f". It is {what} of {speaker.name!r} in the registry: name that person in :host: or :guests:"


def names_nobody(transcript: Transcript) -> bool:
    """Whether the source names no speaker at all (plain Whisper, YouTube
    captions): its turns are unattributed, or ``:speaker:``'s."""
    return not any(turn.label and turn.label != UNATTRIBUTED for turn in transcript.turns)


def silent(cast: Cast, transcript: Transcript, registry: Registry) -> list[Problem]:
    """A declared guest who never speaks, or an unregistered host who never
    does: most often a misspelt name (a registered host may introduce an
    excerpt without a word).  In a source that names nobody, nobody is
    heard by name: the declared people are the episode's cast, and fine."""
    if names_nobody(transcript):
        return []
    speaking = set(transcript.speakers)
    problems = []
    for name, role in cast.roles.items():
        if name in speaking or (role == "host" and registry.get(name) is not None):
            continue
        option = "guests" if role == "guest" else role
        message = f"{name!r} is in :{option}: but never speaks in the transcript"
        if registry.get(name) is None:
            close = difflib.get_close_matches(name, [s.name for s in registry], n=1)
            if close:
                message += f"; did you mean {close[0]!r}?"
        problems.append(Problem(0, "speaker", message, name))
    return problems

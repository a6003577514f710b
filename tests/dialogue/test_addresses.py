"""Addresses that last: a turn's id says what it is, not where it is.

The derivation is pure (:func:`sphinx_transcripts.anchors.turn_ids`): a
timed turn's id is its time, an untimed one's its speaker and opening
words; both hold when other turns are added, removed or corrected (checked
on the real podcast's transcript, read, never edited).  Old ``#turn-<n>``
addresses stay as second ids, from a page's frozen map
(:mod:`sphinx_transcripts.legacy`), whose bad entries are warnings at their
lines; ``python -m sphinx_transcripts.freeze`` writes the maps.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts import freeze, legacy
from sphinx_transcripts.anchors import TurnKey, name_hash, time_id, turn_ids
from sphinx_transcripts.people import cast
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import ParseContext, choose

PODCAST = ROOT / "interviews" / "transcripts" / "deep-learning-with-pytorch.txt"

# -- the derivation (pure) -------------------------------------------------------------


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, "t-0m00s"), (5.9, "t-0m05s"), (754.5, "t-12m34s"), (3599.99, "t-59m59s"),
    (3600, "t-1h00m00s"), (3723.4, "t-1h02m03s"), (36000, "t-10h00m00s"),
])
def test_a_timed_turn_is_addressed_by_the_second_it_starts_in(seconds: float, expected: str) -> None:
    assert time_id(seconds) == expected


def test_turns_in_the_same_second_take_their_speaker_then_a_number() -> None:
    keys = [TurnKey(754.2, "Ines Marlow", "Wait."), TurnKey(754.7, "Tobias Renn", "Go on."),
            TurnKey(754.9, "Tobias Renn", "Sorry."), TurnKey(3723, "", "An hour in.")]
    assert turn_ids(keys) == ["t-12m34s", "t-12m34s-tobias-renn", "t-12m34s-tobias-renn-2",
                              "t-1h02m03s"]
    # the first of the second's turns removed: the others keep their ids but one
    assert turn_ids(keys[1:])[2] == "t-1h02m03s"


def test_an_untimed_turn_is_its_speaker_and_first_words_in_ascii() -> None:
    keys = [
        TurnKey(None, "Ines Marlow", "Welcome back to the *workshop* hour. Today, lathes."),
        TurnKey(None, "Tobias Renn", "I'll say it: [this](https://example.org/x) one."),
        TurnKey(None, "Zoë Ång", "Ça va très bien"),
        TurnKey(None, "李明", "The first part."),
        TurnKey(None, "Ines Marlow", "你好，世界"),
        TurnKey(None, "", "Nobody in particular says this."),
        TurnKey(None, "Ines Marlow", "Antidisestablishmentarianism pneumonoultramicroscopic "
                                     "supercalifragilistic words"),
    ]
    assert turn_ids(keys, "t2-") == [
        "t2-ines-marlow-welcome-back-to-the-workshop",
        "t2-tobias-renn-ill-say-it-this-one",  # no link address, "I'll" one word
        "t2-zoe-ang-ca-va-tres-bien",
        f"t2-{name_hash('李明')}-the-first-part",
        f"t2-ines-marlow-{name_hash('你好，世界')}",
        "t2-said-nobody-in-particular-says-this",
        "t2-ines-marlow-antidisestablishmentarianism",  # at most 40 characters of words, whole
    ]
    assert all(i.isascii() for i in turn_ids(keys))


def test_turns_that_open_alike_take_more_words_then_their_text_s_hash() -> None:
    keys = [TurnKey(None, "Ines", "Yes, I think so, and more: the lathe."),
            TurnKey(None, "Ines", "Yes, I think so, and also the drill."),
            TurnKey(None, "Ines", "Yes."), TurnKey(None, "Ines", "Yes."), TurnKey(None, "Ines", "Yes.")]
    ids = turn_ids(keys)
    assert ids == ["ines-yes-i-think-so-and", "ines-yes-i-think-so-and-also-the-drill",
                   "ines-yes", f"ines-yes-{name_hash('Yes.')}", f"ines-yes-{name_hash('Yes.')}-2"]
    # an id taken on the page (a heading) is never given
    assert turn_ids(keys[2:3], taken={"ines-yes"}) == [f"ines-yes-{name_hash('Yes.')}"]


def podcast_keys() -> list[TurnKey]:
    """The podcast's turns as its page reads them (the people its page declares)."""
    source = PODCAST.read_text(encoding="utf-8")
    people = cast.make_cast(Registry(), ["Sanyam Bhutani"],
                            ["Eli Stevens", "Luca Antiga", "Thomas Viehmann"])
    context = ParseContext(labels=people.labels, hosts=people.hosts, guests=people.guests)
    parsed = choose(source, ".txt", context).format.parse(source.splitlines(), 1, context)
    return [TurnKey(t.start, t.label, t.paragraphs[0].text) for t in parsed.turns]


def test_the_podcast_s_ids_hold_when_turns_are_removed_added_and_corrected() -> None:
    keys = podcast_keys()
    assert len(keys) > 80
    before = turn_ids(keys)
    assert len(set(before)) == len(before)
    # the first two turns removed, the fifth corrected (its opening and its words), a
    # new turn added before the tenth
    edited = keys[2:]
    edited[2] = replace(edited[2], text="Corrected: " + edited[2].text.replace("the", "a"))
    edited.insert(7, TurnKey(None, "Sanyam Bhutani", "A question added later."))
    after = turn_ids(edited)
    kept = {i for n, i in enumerate(before) if n not in (0, 1, 4)}
    assert kept <= set(after)
    assert before[4] not in after  # the corrected opening is a new address (the map keeps old ones)


# -- the map of old addresses (pure) --------------------------------------------------

MAP = """\
# frozen
[turns]
"turn-1" = "ines-welcome"
"turn-2" = "tobias-thanks"
"turn 3" = "ines-yes"
"turn-4" = "Ines Marlow!"
"turn-5" = 12
"t2-turn-1" = "t2-ines-hello"
"turn-6" = "turn-2"
colour = "blue"
"""


def test_a_map_s_bad_entries_are_problems_at_their_lines() -> None:
    read = legacy.parse(MAP)
    assert [(old, new) for old, new, _ in read.entries] == [
        ("turn-1", "ines-welcome"), ("turn-2", "tobias-thanks"), ("t2-turn-1", "t2-ines-hello")]
    assert [(p.lineno, p.kind) for p in read.problems] == [
        (5, "anchors"), (6, "anchors"), (7, "anchors"), (9, "anchors"), (10, "anchors")]
    assert "'turn 3' is not an old turn address" in read.problems[0].message
    assert "turn-4 = 'Ines Marlow!': the value must be a turn's id" in read.problems[1].message
    # a key after [turns] is one of its entries
    assert "'colour' is not an old turn address" in read.problems[4].message
    assert "unknown key 'x'" in legacy.parse('x = 1\n[turns]\n').problems[0].message
    broken = legacy.parse('[turns]\n"turn-1" = "unclosed\n')
    assert broken.entries == () and broken.problems[0].lineno == 2
    assert "closing quote" in broken.problems[0].message
    deep = legacy.parse("[turns]\nx = " + "[" * 100 + "]" * 100 + "\n")
    assert deep.entries == () and "nested" in deep.problems[0].message


def test_an_old_address_whose_turn_is_gone_lands_on_the_next_one_never_nowhere() -> None:
    read = legacy.parse('[turns]\n"turn-1" = "a"\n"turn-2" = "b"\n"turn-3" = "c"\n"turn-4" = "d"\n'
                        '"t2-turn-1" = "t2-x"\n')
    # b and c removed: their old addresses land on d, the turn that followed them
    found, problems = legacy.resolve(read, "", ["a", "d", "e"])
    assert found == {"turn-1": "a", "turn-2": "d", "turn-3": "d", "turn-4": "d"}
    assert problems == []
    # the last turns removed: the one before
    assert legacy.resolve(read, "", ["a"])[0] == dict.fromkeys(["turn-1", "turn-2", "turn-3", "turn-4"], "a")
    # the other transcript's entries are its own
    assert legacy.resolve(read, "t2-", ["t2-x"])[0] == {"t2-turn-1": "t2-x"}
    assert legacy.positional("t2-", ["t2-x", "t2-y"]) == {"t2-turn-1": "t2-x", "t2-turn-2": "t2-y"}
    assert legacy.parse(legacy.dump([("turn-1", "a"), ("turn-2", "b")])).entries == (
        ("turn-1", "a", 7), ("turn-2", "b", 8))


# -- in a build -----------------------------------------------------------------------


@pytest.fixture
def project(rootdir: Path, tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-addresses", srcdir)
    return srcdir


def build(srcdir: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def turns_of(app: SphinxTestApp, name: str) -> list[tuple[str, list[str]]]:
    soup = BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    return [(t["id"], [s["id"] for s in t.select("span.transcript-alias")])
            for t in soup.select("div.transcript-turn")]


def test_a_page_s_map_gives_its_turns_their_old_addresses_and_bad_entries_are_warned(
    project: Path,
) -> None:
    app = build(project)
    warnings = strip_escape_sequences(app.warning.getvalue()).splitlines()
    where = project / "episode.anchors.toml"
    assert [w.split(": WARNING: ")[0] for w in warnings] == [
        f"{where}:10", f"{where}:11", f"{where}:12", f"{where}:13"]
    assert all(w.endswith("[transcript.anchors]") for w in warnings)
    yes = f"ines-marlow-yes-{name_hash('Yes.')}"
    assert turns_of(app, "episode") == [
        ("ines-marlow-welcome-back-to-the-workshop", ["turn-1"]),
        ("tobias-renn-thanks-for-having-me-i", ["turn-2"]),
        ("ines-marlow-yes", ["turn-3"]),
        ("tobias-renn-yes-it-fits-on-a", ["turn-4"]),
        ("ines-marlow-how-long-did-it-take", ["turn-5"]),
        ("tobias-renn-about-a-year-of-evenings", ["turn-6"]),
        (yes, ["turn-7"]),
    ]
    # no map: the old addresses by position
    assert [a for _, a in turns_of(app, "fresh")] == [["turn-1"], ["turn-2"]]
    assert [i for i, _ in turns_of(app, "timed")] == [
        "t-0m01s", "t-12m34s", "t-12m34s-ines-marlow", "t-1h02m03s"]


def test_freeze_writes_the_maps_and_repoints_what_was_removed(project: Path) -> None:
    (project / "episode.anchors.toml").unlink()
    assert freeze.main([str(project)]) == 0
    written = legacy.parse((project / "episode.anchors.toml").read_text(encoding="utf-8"))
    assert written.problems == ()
    assert [old for old, _, _ in written.entries] == [f"turn-{n}" for n in range(1, 8)]
    assert (project / "fresh.anchors.toml").is_file()
    # the first two turns removed: their old addresses go to the turn that followed them
    page = project / "episode.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("Ines Marlow: Welcome")
    page.write_text(text[:start] + text[text.index("Ines Marlow: Yes."):], encoding="utf-8")
    assert freeze.main([str(project)]) == 0
    again = legacy.parse((project / "episode.anchors.toml").read_text(encoding="utf-8"))
    assert {old: new for old, new, _ in again.entries}["turn-1"] == "ines-marlow-yes"
    app = build(project)
    assert app.warning.getvalue() == ""
    assert turns_of(app, "episode")[0] == ("ines-marlow-yes", ["turn-1", "turn-2", "turn-3"])

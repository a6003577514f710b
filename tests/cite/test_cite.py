"""An episode's citation: APA, BibTeX and CSL-JSON from a :class:`Work` (pure).

The three formats of an episode and of a transcript without its recording,
and the same with hostile names and titles (braces, backslashes, quotes,
``</script>``, TeX's special characters, control characters): BibTeX stays
one entry with balanced braces whose every value prints the characters as
they were; CSL-JSON reads back to the exact names and title; APA keeps the
words as they are (its renderers escape them).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sphinx_transcripts.cite import Contributor, Work, apa, bibtex, clean, csl, split_name

EPISODE = Work(
    title="Listening to models", site="Small Batches",
    url="https://small-batches.example.org/episode.html",
    people=(Contributor("Ines Calder", "host"), Contributor("Owen Adeyemi", "guest"),
            Contributor("Tomas Brandt", "host")),
    date=dt.date(2026, 11, 2), kind="audio", season=1, episode=3,
    publisher="The Small Batches team",
)
TRANSCRIPT = Work(
    title="Mira Okafor on Gradient Notes", site="Practitioners' Conversations",
    url="https://example.org/interviews/mira.html",
    people=(Contributor("Jun Ito", "host"), Contributor("Mira Ana Okafor", "guest")),
)
HOSTILE_TITLE = 'Braces {a}} \\end{document} "quoted" </script><script>x</script> 100% & _^~#$'
HOSTILE_NAMES = ("Ro}bert \\Tables", 'Eve "Quote" {Brace', "Tom and Jerry", "O'Brien, Pat")
HOSTILE = Work(
    title=HOSTILE_TITLE + "\x00\u2028", site="Site {of} \\ hosts",
    url="https://example.org/a%20b/page.html",
    people=(Contributor(HOSTILE_NAMES[0], "host"),
            *(Contributor(name, "guest") for name in HOSTILE_NAMES[1:])),
    date=dt.date(2026, 1, 9), kind="video",
)


def test_apa_of_an_episode_names_hosts_and_guests_date_number_medium_show_and_url() -> None:
    assert apa.text(EPISODE) == (
        "Calder, I. (Host), Brandt, T. (Host), & Adeyemi, O. (Guest). (2026, November 2). "
        "Listening to models (Season 1, Episode 3) [Audio podcast episode]. In Small Batches. "
        "The Small Batches team. https://small-batches.example.org/episode.html"
    )
    # the show's name is the one italic part
    assert [text for text, italic in apa.segments(EPISODE) if italic] == ["Small Batches"]


def test_apa_of_a_transcript_italicises_its_title_and_has_no_date_when_none() -> None:
    assert apa.text(TRANSCRIPT) == (
        "Ito, J. (Interviewer), & Okafor, M. A. (Interviewee). (n.d.). Mira Okafor on Gradient "
        "Notes [Interview transcript]. Practitioners' Conversations. "
        "https://example.org/interviews/mira.html"
    )
    assert [text for text, italic in apa.segments(TRANSCRIPT) if italic] == ["Mira Okafor on Gradient Notes"]


def test_apa_with_nobody_named_starts_with_the_title() -> None:
    work = Work(title="Untold", site="Site", kind="audio")
    assert apa.text(work) == "Untold [Audio podcast episode]. (n.d.). In Site."


def test_apa_names_initials_and_long_author_lists() -> None:
    assert apa.author("Jean-Paul Sartre") == "Sartre, J.-P."
    assert apa.author("Plato") == "Plato"
    assert apa.author("Okafor, Mira") == "Okafor, M."
    many = Work(title="T", site="S", people=tuple(Contributor(f"Person N{i}", "guest") for i in range(25)),
                kind="audio")
    who = apa.authors(many)
    assert who.count("(Guest)") == 20 and ", . . . N24, P. (Guest)" in who


def test_split_name_guesses_the_family_name_and_never_loses_a_word() -> None:
    assert split_name("Mira Ana Okafor") == ("Okafor", "Mira Ana")
    assert split_name("  Ines\tCalder ") == ("Calder", "Ines")
    assert split_name("Okafor, Mira") == ("Okafor", "Mira")
    assert split_name("Plato") == ("Plato", "")


def test_bibtex_of_an_episode() -> None:
    entry = bibtex.entry(EPISODE)
    assert entry.startswith("@misc{calder2026listening,\n")
    assert "author       = {Calder, Ines and Brandt, Tomas and Adeyemi, Owen}" in entry
    assert "title        = {{Listening to models}}" in entry
    assert "howpublished = {Audio podcast episode, Small Batches}" in entry
    assert "month        = nov" in entry and "date         = {2026-11-02}" in entry
    assert "url          = {https://small-batches.example.org/episode.html}" in entry
    assert entry.endswith("\n}")


def _fields(entry: str) -> dict[str, str]:
    """The entry's fields as BibTeX reads them: a value runs to its balancing brace."""
    assert entry.startswith("@misc{") and entry.endswith("}")
    body = entry[entry.index(",") + 1:-1]
    fields: dict[str, str] = {}
    at = 0
    while True:
        match = re.compile(r"\s*(\w+)\s*=\s*").match(body, at)
        if not match:
            break
        name, at = match.group(1), match.end()
        if body[at] != "{":  # a macro (month)
            end = body.index(",", at) if "," in body[at:] else len(body)
            fields[name] = body[at:end].strip()
            at = end + 1
            continue
        depth = 0
        for position in range(at, len(body)):
            depth += {"{": 1, "}": -1}.get(body[position], 0)
            if depth == 0:
                break
        fields[name] = body[at + 1:position]
        at = position + 1
        assert body[at:at + 1] in (",", "\n", ""), f"text after {name}'s value: {body[at:at + 20]!r}"
        at += 1
    assert body[at:].strip() == "", f"unread: {body[at:]!r}"
    return fields


#: how TeX prints each escape back
_PRINTED = [(r"\textbackslash{}", "\\"), (r"\textbraceleft{}", "{"), (r"\textbraceright{}", "}"),
            (r"\textasciicircum{}", "^"), (r"\textasciitilde{}", "~"), ("\\#", "#"), ("\\$", "$"),
            ("\\%", "%"), ("\\&", "&"), ("\\_", "_")]


def printed(value: str) -> str:
    """A field's value as TeX prints it (the escapes this module writes)."""
    out, at = "", 0
    while at < len(value):
        for escape, char in _PRINTED:
            if value.startswith(escape, at):
                out, at = out + char, at + len(escape)
                break
        else:
            assert value[at] != "\\", f"a command the data made: {value[at:at + 20]!r}"
            out, at = out + value[at], at + 1
    return out


def test_bibtex_of_hostile_names_and_titles_is_one_entry_printing_them_as_they_were() -> None:
    entry = bibtex.entry(HOSTILE)
    fields = _fields(entry)
    assert set(fields) == {"author", "title", "howpublished", "year", "month", "date", "note", "url"}
    assert printed(fields["title"]) == "{" + clean(HOSTILE_TITLE) + "}"
    assert printed(fields["howpublished"]) == "Video podcast episode, Site {of} \\ hosts"
    # every brace the entry holds is one of its own: the data's are commands
    assert "\\{" not in entry and "\\}" not in entry
    assert entry.count("{") == entry.count("}")
    # the names: "Family, Given", and a name with a comma or "and" of its own braced whole
    authors = fields["author"].split(" and ")
    assert printed(authors[0]) == "\\Tables, Ro}bert"
    assert printed(authors[1]) == '{Brace, Eve "Quote"'
    assert printed(" and ".join(authors[2:])) == "{Tom and Jerry} and {O'Brien, Pat}"
    # a line per field: no control character of the data breaks one
    assert len(entry.splitlines()) == len(fields) + 2
    assert fields["url"] == "https://example.org/a%20b/page.html"


def test_bibtex_urls_and_keys_are_plain() -> None:
    assert bibtex.url("https://example.org/a b{c}\\d") == "https://example.org/a%20b%7Bc%7D%5Cd"
    assert re.fullmatch(r"[a-z0-9]+", bibtex.key(HOSTILE))
    assert bibtex.key(Work(title="Ça va", site="S", people=(Contributor("Zoë Ŋame"),))) == "ameca"  # letters with no ASCII form are left out
    assert bibtex.key(Work(title="", site="S")) == "episode"


def test_csl_json_of_an_episode_and_of_a_transcript() -> None:
    [episode] = json.loads(csl.dumps(EPISODE))
    assert episode == {
        "id": "calder2026listening", "type": "broadcast", "genre": "Podcast episode", "medium": "Audio",
        "author": [{"family": "Calder", "given": "Ines"}, {"family": "Brandt", "given": "Tomas"}],
        "host": [{"family": "Calder", "given": "Ines"}, {"family": "Brandt", "given": "Tomas"}],
        "guest": [{"family": "Adeyemi", "given": "Owen"}],
        "title": "Listening to models", "container-title": "Small Batches",
        "publisher": "The Small Batches team", "number": "3",
        "issued": {"date-parts": [[2026, 11, 2]]},
        "URL": "https://small-batches.example.org/episode.html",
    }
    [interview] = json.loads(csl.dumps(TRANSCRIPT))
    assert interview["type"] == "interview"
    assert interview["author"] == [{"family": "Okafor", "given": "Mira Ana"}]
    assert interview["interviewer"] == [{"family": "Ito", "given": "Jun"}]
    assert "issued" not in interview


def test_csl_json_of_hostile_names_and_titles_reads_back_exactly() -> None:
    text = csl.dumps(HOSTILE)
    [item] = json.loads(text)
    assert item["title"] == clean(HOSTILE_TITLE) == HOSTILE_TITLE
    assert item["container-title"] == "Site {of} \\ hosts"
    names = [p.get("literal") or f"{p['given']} {p['family']}" for p in item["host"] + item["guest"]]
    assert names == ["Ro}bert \\Tables", 'Eve "Quote" {Brace', "Tom and Jerry", "Pat O'Brien"]
    # a field a line: no value spills over a line
    assert all(line.strip() in "[]{}" or line.startswith('    "') for line in text.splitlines())


@pytest.mark.parametrize("work", [EPISODE, TRANSCRIPT, HOSTILE])
def test_every_format_is_one_line_per_field_with_no_control_character(work: Work) -> None:
    for text in (apa.text(work), bibtex.entry(work), csl.dumps(work)):
        assert not any(ord(ch) < 32 and ch != "\n" for ch in text)
        assert "\u2028" not in text
    assert "\n" not in apa.text(work)

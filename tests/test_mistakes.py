"""Mistakes get one message naming the cause and the fix, at its place.

Each page of the project below holds one mistake a publisher makes; its
build log must hold exactly one message for it (located, with "did you
mean" where a near name exists), and nothing may credit the wrong person
without saying so.  A second project has one unclosed quote in its speaker
registry: the registry's message is the only one, though its pages name
people the registry would have known.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fixtures import FIXTURES
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.people.registry import parse_registry
from sphinx_transcripts.readers import FORMATS, ParseContext, as_told, choose

REGISTRY = """\
[[speaker]]
name = "Kwame Mensah"
bio = "Builds weather models."
aliases = ["Kwame"]

[[speaker]]
name = "Ama Owusu"
bio = "Hosts the show."
aliases = ["Ama"]

[[speaker]]
name = "Maya Okafor"
bio = "Co-host of Gradient Notes."

[[speaker]]
name = "Priya Raman"
bio = "Co-host of Gradient Notes."

[[speaker]]
name = "Daniel Reyes"
bio = "Wrote a course chapter on NeRFs."
"""

DIARIZED = """\
SPEAKER_00: Welcome back, everyone, to a show about the weather.
SPEAKER_01: Thanks for having me, it is good to be here.
SPEAKER_00: Let us talk about rain, and how you forecast it.
"""

LABELED = """\
Ama: Good morning, and welcome.
Kwam: Morning to you, and to everyone listening.
Ama: Tell us about your models.
"""

#: page -> (its body, the one message it must give, after "WARNING: ")
PAGES = {
    "map-misspelt": (
        "```{transcript} transcripts/diarized.txt\n:host: Ama Owusu\n"
        ":speaker-map: SPEAKER_00 = Ama Owusu; SPEAKER_01 = Kwame Mensha\n```\n",
        ":speaker-map: maps 'SPEAKER_01' to 'Kwame Mensha', who is in neither :host: nor :guests: "
        "nor the speaker registry: did you mean 'Kwame Mensah'? (someone else: add 'Kwame Mensha' "
        "to the registry) [transcript.speaker]",
    ),
    "guest-misspelt": (
        "```{transcript} transcripts/diarized.txt\n:host: Ama Owusu\n:guests: Kwame Mensha\n"
        ":speaker-map: SPEAKER_00 = Ama Owusu; SPEAKER_01 = Kwame Mensha\n```\n",
        ":guests: names 'Kwame Mensha', who is not in the speaker registry: did you mean "
        "'Kwame Mensah'? (someone else: add 'Kwame Mensha' to the registry) [transcript.speaker]",
    ),
    "map-stranger": (
        "```{transcript} transcripts/diarized.txt\n:host: Ama Owusu\n"
        ":speaker-map: SPEAKER_00 = Ama Owusu; SPEAKER_01 = Jo Bloggs\n```\n",
        ":speaker-map: maps 'SPEAKER_01' to 'Jo Bloggs', who is in neither :host: nor :guests: nor "
        "the speaker registry: name them in :guests: (or add them to the registry) [transcript.speaker]",
    ),
    "wrong-format": (
        "```{transcript} transcripts/whisperx.json\n:format: webvtt\n:host: Maya Okafor, Priya Raman\n"
        ":guests: Daniel Reyes\n"
        ":speaker-map: SPEAKER_00 = Maya Okafor; SPEAKER_01 = Priya Raman; SPEAKER_02 = Daniel Reyes\n"
        "```\n",
        ":format: webvtt does not fit the transcript: it holds "
        f"{FORMATS['whisper-json'].title}, which is 'whisper-json'; it is read as 'whisper-json': "
        "set :format: whisper-json, or leave :format: out [transcript.format]",
    ),
    "label-slip": (
        "```{transcript} transcripts/labeled.txt\n:host: Ama Owusu\n:guests: Kwame Mensah\n```\n",
        "'Kwam' looks like a speaker label but is not a declared speaker; the line is kept as text "
        "of the previous turn. Did you mean 'Kwame'? If 'Kwam' is not a speaker, add it to "
        ":not-speakers: [transcript.undeclared-label]",
    ),
    "missing-file": (
        "```{transcript} transcripts/diarised.txt\n:host: Ama Owusu\n```\n",
        "transcript file 'transcripts/diarised.txt' not found ({path}); did you mean "
        "'transcripts/diarized.txt'? [transcript.source]",
    ),
    "start-after-comment": (
        "```{transcript}\n:start-after: ## Transcript\n:host: Ama Owusu\n:guests: Kwame Mensah\n\n"
        "Page chrome that is not the interview.\n\n## Transcript\n\n" + LABELED.replace("Kwam:", "Kwame:")
        + "```\n",
        ":start-after: ## Transcript is read by MyST as an empty option (in its YAML, '#' starts a "
        "comment): write the text in quotes, :start-after: \"## Transcript\"; it is read as "
        "'## Transcript' [transcript.option]",
    ),
}
#: where each message stands: (file, line) of the page's directive, its option, or the source
LINES = {"label-slip": ("transcripts/labeled.txt", 2), "start-after-comment": (None, 4)}


def make_project(srcdir: Path, registry: str, pages: dict[str, str]) -> None:
    (srcdir / "transcripts").mkdir(parents=True)
    (srcdir / "transcripts" / "diarized.txt").write_text(DIARIZED, encoding="utf-8")
    (srcdir / "transcripts" / "labeled.txt").write_text(LABELED, encoding="utf-8")
    shutil.copy(FIXTURES / "whisperx.json", srcdir / "transcripts" / "whisperx.json")
    (srcdir / "speakers.toml").write_text(registry, encoding="utf-8")
    for name, body in pages.items():
        (srcdir / f"{name}.md").write_text(f"# {name}\n\n{body}", encoding="utf-8")
    (srcdir / "people.md").write_text("# People\n\n```{people}\n```\n", encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Mistakes\n\n```{toctree}\n" + "\n".join([*pages, "people"]) + "\n```\n", encoding="utf-8")
    (srcdir / "conf.py").write_text(textwrap.dedent("""\
        extensions = ["myst_parser", "sphinx_transcripts"]
        project = "Mistakes"
        transcripts_speakers = "speakers.toml"
        exclude_patterns = ["transcripts"]
        nitpicky = True
        """), encoding="utf-8")


def build(srcdir: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def warnings_of(app: SphinxTestApp) -> list[str]:
    return strip_escape_sequences(app.warning.getvalue()).splitlines()


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    srcdir = tmp_path_factory.mktemp("mistakes") / "src"
    make_project(srcdir, REGISTRY, {name: body for name, (body, _) in PAGES.items()})
    yield build(srcdir)


def ours(app: SphinxTestApp, page: str) -> list[str]:
    """The warnings about ``page`` or its transcript, MyST's own left out."""
    transcript = PAGES[page][0].split("```{transcript}", 1)[1].split("\n", 1)[0].strip()
    return [w for w in warnings_of(app)
            if (f"/{page}.md:" in w or (transcript and f"/{transcript}:" in w))
            and "[myst." not in w]


@pytest.mark.parametrize("page", PAGES)
def test_a_mistake_gets_one_message_naming_cause_and_fix(mistakes: SphinxTestApp, page: str) -> None:
    message = PAGES[page][1].format(path=mistakes.srcdir / "transcripts" / "diarised.txt")
    [warning] = ours(mistakes, page)
    where, _, said = warning.partition(": WARNING: ")
    assert said == message
    file, line = LINES.get(page, (None, 3))
    assert where == f"{mistakes.srcdir / (file or f'{page}.md')}:{line}"


def test_myst_adds_its_own_note_on_a_comment_in_the_options(mistakes: SphinxTestApp) -> None:
    """MyST says so too (not ours to silence): one line, the same place."""
    theirs = [w for w in warnings_of(mistakes) if "[myst." in w]
    assert theirs == [f"{mistakes.srcdir / 'start-after-comment.md'}:4: WARNING: 'transcript': Directive "
                      "options has # comments, which may not be supported in future versions. "
                      "[myst.directive_comments]"]


def turns(app: SphinxTestApp, page: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return [(t.select_one(".transcript-speaker").get_text(),
             " ".join(p.get_text(" ", strip=True) for p in t.select(".transcript-turn-body p")))
            for t in soup.select("div.transcript-turn")]


def test_the_page_is_still_read_as_meant(mistakes: SphinxTestApp) -> None:
    """A file read as what it holds, a marker read as written: the page is right."""
    assert [who for who, _ in turns(mistakes, "wrong-format")][:3] == [
        "Maya Okafor", "Priya Raman", "Daniel Reyes"]
    assert turns(mistakes, "start-after-comment") == [
        ("Ama Owusu", "Good morning, and welcome."),
        ("Kwame Mensah", "Morning to you, and to everyone listening."),
        ("Ama Owusu", "Tell us about your models."),
    ]


def test_the_same_file_reads_without_a_word_when_format_fits() -> None:
    text = (FIXTURES / "whisperx.json").read_text(encoding="utf-8")
    assert as_told("whisper-json", text, ParseContext()).problem == ""
    # typed text forced on typed text is the publisher's call, said by the reader itself
    assert as_told("labeled", (FIXTURES / "rev.txt").read_text(encoding="utf-8"), ParseContext()).problem == ""


def test_a_file_whose_ending_says_another_format_is_a_warning() -> None:
    srt = (FIXTURES / "podcast.srt").read_text(encoding="utf-8")
    choice = choose(srt, ".vtt", ParseContext())
    assert choice.format.name == "srt"
    assert choice.problem.startswith("the file ends in '.vtt', but it holds SubRip captions")
    assert choose(srt, ".srt", ParseContext()).problem == ""
    assert choose(srt, ".txt", ParseContext()).problem == ""  # a text ending says little


# -- a registry that cannot be read --------------------------------------------------

BROKEN_PAGES = {
    "essay": "```{byline} Kwame Mensah\n```\n\nAs {person}`Kwame` and {person}`Ama Owusu` said.\n",
    "talk": "```{transcript} transcripts/labeled.txt\n:host: Ama Owusu\n:guests: Kwame Mensah\n```\n",
    "mapped": PAGES["map-misspelt"][0].replace("Mensha", "Mensah"),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    srcdir = tmp_path_factory.mktemp("broken") / "src"
    registry = REGISTRY.replace('bio = "Builds weather models."', 'bio = "Builds weather models.')
    make_project(srcdir, registry, {**BROKEN_PAGES, "fine": PAGES["label-slip"][0].replace("Kwam", "Kwame")})
    yield build(srcdir)


def test_an_unclosed_quote_in_the_registry_is_its_only_message(broken: SphinxTestApp) -> None:
    assert warnings_of(broken) == [
        f"{broken.srcdir / 'speakers.toml'}:3: WARNING: a string on this line has no closing quote, so "
        "the file cannot be read (TOML: Illegal character '\\n' (at line 3, column 30)): close the "
        "quote [transcript.registry]",
    ]


def test_once_the_registry_reads_again_the_pages_say_what_they_held_back(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """An incremental build after the quote is closed reads the pages again:
    a page's own mistake, held back while the registry could not be read, is
    said then."""
    srcdir = tmp_path_factory.mktemp("mended") / "src"
    # the page looks up one name, unknown before and after: only the registry's state changed
    stranger = {"stranger": "```{transcript}\n:speaker: Jo Bloggs\n\n1\n00:00:01,000 --> 00:00:03,000\n"
                            "Rain is coming later today.\n```\n"}
    make_project(srcdir, REGISTRY.replace('bio = "Hosts the show."', 'bio = "Hosts the show.'), stranger)
    first = build(srcdir)
    assert [w for w in warnings_of(first) if "[transcript.registry]" not in w] == []
    (srcdir / "speakers.toml").write_text(REGISTRY, encoding="utf-8")
    again = SphinxTestApp("html", srcdir=srcdir, freshenv=False)
    try:
        again.build()
    finally:
        again.cleanup()
    assert [w.partition(": WARNING: ")[2] for w in warnings_of(again)] == [
        ":speaker: names 'Jo Bloggs', who is in neither :host: nor :guests: nor the speaker registry: "
        "name them in :guests: (or add them to the registry) [transcript.speaker]"]


# -- the cast on its own -------------------------------------------------------------


def test_a_voice_close_to_a_declared_label_gets_did_you_mean() -> None:
    registry, _ = parse_registry(REGISTRY)
    cast = casting.make_cast(registry, ["Ama Owusu"], ["Kwame Mensah"])
    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ama>Good morning.\n\n"
            "00:00:02.000 --> 00:00:04.000\n<v Kwamee>Morning to you.\n")
    parsed = casting.resolve(FORMATS["webvtt"].parse(text.split("\n"), 1, ParseContext(cast.labels)), cast)
    [problem] = [p for p in parsed.problems if p.level == "warning"]
    assert (problem.lineno, problem.kind) == (6, "unmapped-label")
    assert problem.message.endswith("its turns are shown under the label itself; did you mean 'Kwame'?")


def test_another_diarized_voice_is_no_slip() -> None:
    """SPEAKER_02 is not a misspelt SPEAKER_01: the fix is to map it."""
    registry, _ = parse_registry(REGISTRY)
    cast = casting.make_cast(registry, ["Ama Owusu"], [], {"SPEAKER_01": "Ama Owusu"})
    parsed = casting.resolve(FORMATS["diarized"].parse(
        ["SPEAKER_01: Hello there.", "SPEAKER_02: Hi."], 1, ParseContext(cast.labels)), cast)
    [problem] = [p for p in parsed.problems if p.level == "warning"]
    assert "did you mean" not in problem.message
    assert problem.message.endswith(":speaker-map: SPEAKER_02 = Full Name")


def test_a_registered_or_new_declared_person_is_no_stranger() -> None:
    registry, _ = parse_registry(REGISTRY)
    cast = casting.make_cast(registry, ["Ama Owusu"], ["Zed Newcomer", "Kwame"],
                             {"SPEAKER_00": "Daniel Reyes", "SPEAKER_01": "Zed Newcomer"})
    assert cast.problems == [] and cast.slips == {}

"""What the tests share: the test episode, its fixtures, a fixture read the
way the directive reads it (the file, the format, the parser, the cast), and a
Sphinx project with a page per fixture (:func:`make_root`).

``tests/data/formats/`` holds one invented episode (``episode.json``: its
people, and each turn's speaker, start and text) as each tool writes it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from sphinx_transcripts.model import Transcript
from sphinx_transcripts.people import cast
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import FORMATS, ParseContext, choose
from sphinx_transcripts.source import Source, read_file

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "data" / "formats"
#: a real episode: three espeak-ng voices and their WebVTT (tests/data/audio/make_episode.py)
AUDIO = TESTS / "data" / "audio"
EPISODE = json.loads((FIXTURES / "episode.json").read_text(encoding="utf-8"))
_WORD = re.compile(r"[\w'’]+")

#: the fixtures of the Podcasting 2.0 and text-export formats, and their format
TEXT_FIXTURES = {
    "podcast.json": "podcast-json",
    "podcast-words.json": "podcast-json",
    "podcast.html": "podcast-html",
    "whisper.json": "whisper-json",
    "whisperx.json": "whisper-json",
    "whisper-cpp.json": "whisper-json",
    "whisper.tsv": "whisper-table",
    "whisper-cpp.csv": "whisper-table",
    "descript.txt": "descript",
    "rev.txt": "rev",
    "name-timecode.txt": "name-timecode",
    "otter.txt": "otter",
    "diarized.txt": "diarized",
    "youtube-panel.txt": "youtube-panel",
    "changelog.md": "markdown",
    "rev-archive.md": "markdown",
    "talk-python.txt": "timed-text",
}
TEXT_FORMATS = sorted(set(TEXT_FIXTURES.values()))
#: the diarizers' labels (WhisperX, pyannote) of the episode's people
DIARIZED_MAP = {"SPEAKER_00": "Maya Okafor", "SPEAKER_01": "Priya Raman", "SPEAKER_02": "Daniel Reyes"}


def episode_cast(mapping: dict[str, str] | None = None, single: str = "") -> cast.Cast:
    """The episode's people, as its page would declare them."""
    return cast.make_cast(Registry(), EPISODE["hosts"], EPISODE["guests"], mapping, single)


def context_of(people: cast.Cast, **options: object) -> ParseContext:
    return ParseContext(labels=people.labels, hosts=people.hosts, guests=people.guests, **options)


def words(text: str) -> list[str]:
    """The words of a text, markup aside; an ampersand is the word "and"."""
    return _WORD.findall(text.replace("&", " and "))


def transcript_words(transcript: Transcript) -> list[str]:
    return [w for turn in transcript.turns for p in turn.paragraphs for w in words(p.text)]


EPISODE_WORDS = [w for turn in EPISODE["turns"] for w in words(turn["text"])]
EPISODE_SPEAKERS = [turn["speaker"] for turn in EPISODE["turns"]]
EPISODE_STARTS = [turn["start"] for turn in EPISODE["turns"]]
#: the starts as tools that write whole seconds show them (they cut, not round)
EPISODE_SECONDS = [float(int(s)) for s in EPISODE_STARTS]


def text_of(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def read_source(name: str) -> Source:
    """The fixture ``name`` read as the directive reads a file (encodings, lines)."""
    return read_file(FIXTURES / name, FIXTURES, name)


def lines(text: str) -> list[str]:
    return text.split("\n")


def read(name: str, mapping: dict[str, str] | None = None, fmt: str = "") -> Transcript:
    """The fixture ``name`` parsed (by ``fmt``, or the format chosen) and resolved."""
    people = episode_cast(mapping)
    context = context_of(people)
    text = text_of(name)
    chosen = FORMATS[fmt] if fmt else choose(text, Path(name).suffix, context).format
    return cast.resolve(chosen.parse(text.splitlines(), 1, context), people)


def parse_fixture(name: str, fmt: str, mapping: dict[str, str] | None = None,
                  single: str = "", **options: object) -> Transcript:
    """The fixture read as a file, parsed by ``fmt`` and resolved by the episode's cast."""
    people = episode_cast(mapping, single)
    found = read_source(name)
    parsed = FORMATS[fmt].parse(found.lines, found.first_lineno, context_of(people, **options))
    return cast.resolve(parsed, people)


def parse(fmt: str, text: str, first: int = 1, mapping: dict[str, str] | None = None,
          resolve: bool = False) -> Transcript:
    """``text`` parsed by the format ``fmt`` with the episode's people."""
    people = episode_cast(mapping)
    parsed = FORMATS[fmt].parse(text.split("\n"), first, context_of(people))
    return cast.resolve(parsed, people) if resolve else parsed


def problems(transcript: Transcript) -> list[tuple[int, str, str]]:
    return [(p.lineno, p.kind, p.message) for p in transcript.problems]


def other_fixtures(own: Sequence[str]) -> list[str]:
    """Every fixture of tests/data/formats but the episode and ``own``."""
    return sorted(p.name for p in FIXTURES.iterdir()
                  if p.is_file() and p.name != "episode.json" and p.name not in own)


def check_choice(name: str, fmt: str, mapping: dict[str, str] | None = None) -> None:
    """The format's detector claims the fixture and choose() picks it, silently."""
    context = context_of(episode_cast(mapping))
    text = text_of(name)
    assert FORMATS[fmt].detect(text, context) >= 0.5
    choice = choose(text, Path(name).suffix, context)
    assert (choice.format.name, choice.problem) == (fmt, "")


def check_episode(name: str, fmt: str, starts: list[float] | None = None) -> None:
    """The fixture ``name`` is the whole episode, as ``fmt`` reads it: every
    turn's speaker, start (``starts``: whole seconds unless given) and word,
    no problem, and ``fmt`` is the format chosen for it."""
    parsed = read(name)
    assert [t.speaker for t in parsed.turns] == EPISODE_SPEAKERS
    assert [t.start for t in parsed.turns] == (EPISODE_SECONDS if starts is None else starts)
    assert transcript_words(parsed) == EPISODE_WORDS
    assert parsed.problems == ()
    check_choice(name, fmt)


# -- a project of every export: one page per fixture, as a publisher writes it --------

PEOPLE = ":host: Maya Okafor, Priya Raman\n:guests: Daniel Reyes\n"
DIARIZED = ":speaker-map: SPEAKER_00 = Maya Okafor; SPEAKER_01 = Priya Raman; SPEAKER_02 = Daniel Reyes\n"

#: fixture -> the directive's options a publisher writes for it
PAGES = {
    "webvtt-voices.vtt": PEOPLE,
    "webvtt-closed.vtt": PEOPLE,
    "zoom.vtt": PEOPLE,
    "teams.vtt": PEOPLE,
    "podcast.srt": PEOPLE,
    "podcast.json": PEOPLE,
    "podcast-words.json": PEOPLE,
    "podcast.html": PEOPLE,
    "descript.txt": PEOPLE,
    "rev.txt": PEOPLE,
    "name-timecode.txt": PEOPLE,
    "changelog.md": PEOPLE,
    "rev-archive.md": PEOPLE,
    "otter.txt": PEOPLE + ":speaker-map: Unknown Speaker = Priya Raman\n",
    "whisperx.srt": PEOPLE + DIARIZED,
    "whisperx.json": PEOPLE + DIARIZED,
    "diarized.txt": PEOPLE + DIARIZED,
    # a source that names nobody: the page declares its people all the same (the
    # episode's cast, on the people page), and the turns are unattributed
    "youtube.vtt": PEOPLE,
    "whisper.srt": PEOPLE,
    "whisper.json": PEOPLE,
    "whisper-cpp.json": PEOPLE,
    "whisper.tsv": PEOPLE,
    "whisper-cpp.csv": PEOPLE + ":speaker: Unknown\n",
    "youtube-panel.txt": PEOPLE,
    "talk-python.txt": PEOPLE,
}
#: exports whose tool writes no speakers, and those whose tool writes no times
NO_SPEAKERS = {"youtube.vtt", "whisper.srt", "whisper.json", "whisper-cpp.json", "whisper.tsv",
               "whisper-cpp.csv", "youtube-panel.txt", "talk-python.txt"}
NO_TIMES = {"diarized.txt"}
#: a turn that opens inside a cue holding two voices starts when the cue does
SHARED_CUE = {"webvtt-closed.vtt": {5: 57.1}}

GLOSSARY = """\
# Glossary

```{glossary}
NeRF
  A neural radiance field: a scene learnt from photographs.

PyTorch
  A deep learning library.

Keras
  A deep learning library.

fastai
  A library on top of PyTorch.
```
"""

REGISTRY = """\
[[speaker]]
name = "Maya Okafor"
bio = "Co-host of Gradient Notes."

[[speaker]]
name = "Priya Raman"
bio = "Co-host of Gradient Notes."

[[speaker]]
name = "Daniel Reyes"
bio = "Wrote a course chapter on NeRFs."
url = "https://example.org/daniel"
"""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def make_root(srcdir: Path) -> None:
    (srcdir / "transcripts").mkdir(parents=True)
    pages = []
    for name, options in PAGES.items():
        shutil.copy(FIXTURES / name, srcdir / "transcripts" / name)
        page = slug(name)
        pages.append(page)
        (srcdir / f"{page}.md").write_text(
            f"# {name}\n\n```{{transcript}} transcripts/{name}\n{options}```\n", encoding="utf-8"
        )
    (srcdir / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (srcdir / "people.md").write_text("# People\n\n```{people}\n```\n", encoding="utf-8")
    (srcdir / "speakers.toml").write_text(REGISTRY, encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Formats\n\n```{toctree}\n" + "\n".join([*pages, "glossary", "people"]) + "\n```\n",
        encoding="utf-8",
    )
    (srcdir / "conf.py").write_text(textwrap.dedent("""\
        extensions = ["myst_parser", "sphinx_transcripts", "sphinx_transcripts.glossary"]
        project = "Formats"
        transcripts_speakers = "speakers.toml"
        autoglossary_scope_classes = ["transcript-turn"]
        nitpicky = True
        latex_engine = "lualatex"
        latex_documents = [("index", "formats.tex", project, "tests", "howto")]
        latex_elements = {"fontpkg": r"\\setmainfont{Noto Serif}\\setsansfont{Noto Sans}"}
        """), encoding="utf-8")


# -- the test-player project: the real episode published with its audio ---------------

def player_root(dest: Path) -> Path:
    srcdir = dest / "src"
    shutil.copytree(TESTS / "roots" / "test-player", srcdir)
    (srcdir / "media").mkdir()
    for name in ("episode.ogg", "episode.vtt"):
        shutil.copyfile(AUDIO / name, srcdir / "media" / name)
    return srcdir


def sphinx(builder: str, srcdir: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q",
         "-d", str(out.parent / f".doctrees-{out.name}"), *extra, str(srcdir), str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )

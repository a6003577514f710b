"""The detectors of the Podcasting 2.0 and text-export formats claim only
their own files: not another format's fixture, not the typed transcripts of
the test projects, not the site's seed transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from fixtures import FIXTURES, TEXT_FIXTURES, TEXT_FORMATS, context_of, episode_cast
from sphinx_transcripts.readers import CONFIDENT, FORMATS

SEEDS = ROOT / "interviews" / "transcripts"
# The .txt transcripts of the test roots are typed text, but for these, which are
# a tool's output of another shape (their test asserts the format claims them)
NOT_TYPED = {"test-ids/transcripts/mapped.txt": "diarized"}
TYPED = sorted(p for p in (ROOT / "tests" / "roots").glob("*/**/transcripts/*.txt")
               if p.relative_to(ROOT / "tests" / "roots").as_posix() not in NOT_TYPED)
OTHERS = sorted(p for p in FIXTURES.iterdir()
                if p.name != "episode.json" and p.is_file())


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_no_detector_claims_another_formats_fixture(fmt: str, path: Path) -> None:
    if TEXT_FIXTURES.get(path.name) == fmt:
        return  # its own fixture: claimed in its test
    context = context_of(episode_cast())
    assert FORMATS[fmt].detect(_text(path), context) < CONFIDENT


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("path", [*TYPED, *sorted(SEEDS.glob("*.txt"))], ids=lambda p: p.name)
def test_no_detector_claims_typed_transcripts(fmt: str, path: Path) -> None:
    assert FORMATS[fmt].detect(_text(path), context_of(episode_cast())) < CONFIDENT


@pytest.mark.parametrize("name", sorted(NOT_TYPED))
def test_the_roots_other_text_transcripts_are_claimed_by_their_format(name: str) -> None:
    text = _text(ROOT / "tests" / "roots" / name)
    assert FORMATS[NOT_TYPED[name]].detect(text, context_of(episode_cast())) >= CONFIDENT


def test_the_seed_transcripts_are_there() -> None:
    assert len(sorted(SEEDS.glob("*.txt"))) >= 3
    assert len(TYPED) >= 5


@pytest.mark.parametrize("name", sorted(TEXT_FIXTURES))
def test_labeled_and_qa_claim_none_of_them(name: str) -> None:
    context = context_of(episode_cast({"SPEAKER_00": "Maya Okafor", "Unknown Speaker": "Priya Raman"}))
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert FORMATS["labeled"].detect(text, context) < CONFIDENT
    assert FORMATS["qa"].detect(text, context) < CONFIDENT

"""The site's real glossary.md: well formed, and every entry used by the seeds."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import ROOT, need
from sphinx_transcripts.glossary.aliases import parse_alias_line
from sphinx_transcripts.glossary.matcher import TermMatcher

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

REPO = ROOT
GLOSSARY = REPO / "glossary.md"
SEEDS = REPO.parent / "shared" / "seeds"


def fenced_block(text: str, directive: str) -> list[str]:
    match = re.search(rf"^```\{{{directive}\}}\n(.*?)^```$", text, re.S | re.M)
    assert match, directive
    return match.group(1).splitlines()


def parse_glossary() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Headword -> definition text, and (phrase, headword) pairs."""
    text = GLOSSARY.read_text(encoding="utf-8")
    definitions: dict[str, list[str]] = {}
    current = None
    for line in fenced_block(text, "glossary"):
        if line.startswith(":") or not line.strip():
            if current and not line.strip():
                definitions[current].append("")
            continue
        if not line[0].isspace():
            current = line.strip()
            definitions[current] = []
        elif current:
            definitions[current].append(line.strip())
    phrases = [(word, word) for word in definitions]
    for line in fenced_block(text, "glossary-aliases"):
        parsed = parse_alias_line(line)
        assert parsed, line
        term, aliases = parsed
        assert term in definitions, term
        phrases.extend((alias, term) for alias in aliases)
    return {k: "\n".join(v).strip() for k, v in definitions.items()}, phrases


def test_glossary_has_enough_short_entries() -> None:
    definitions, phrases = parse_glossary()
    assert len(definitions) >= 25
    for required in ("Keras", "PyTorch", "NeRF", "fastai"):
        assert required in definitions
    for term, definition in definitions.items():
        summary = definition.split("\n\n")[0]
        sentences = re.findall(r"[.!?](?:\s|$)", summary)
        assert 1 <= len(sentences) <= 3, term
    assert TermMatcher(phrases).conflicts == []


def test_every_entry_is_mentioned_in_the_seed_texts() -> None:
    need(SEEDS.is_dir(), f"the seed texts are not in {SEEDS}")
    definitions, phrases = parse_glossary()
    matcher = TermMatcher(phrases)
    counts: Counter[str] = Counter()
    for seed in sorted(SEEDS.glob("*.txt")):
        for mention in matcher.finditer(seed.read_text(encoding="utf-8")):
            counts[mention.key] += 1
    unused = sorted(set(definitions) - set(counts))
    assert unused == []
    # The spellings the seeds actually use reach their entries.
    spelled = {
        seed_phrase: key
        for seed in sorted(SEEDS.glob("*.txt"))
        for m in matcher.finditer(seed.read_text(encoding="utf-8"))
        for seed_phrase, key in [(m.phrase, m.key)]
    }
    for phrase, key in [
        ("pi torch", "PyTorch"),
        ("torch seven", "Torch7"),
        ("fast.ai", "fastai"),
        ("Weights and Biases", "Weights & Biases"),
        ("wandb", "Weights & Biases"),
        ("HuggingFace", "Hugging Face"),
        ("🤗 transformers", "Hugging Face Transformers"),
        ("tensor flow", "TensorFlow"),
    ]:
        assert spelled.get(phrase) == key, phrase


def test_glossary_page_builds_cleanly(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = tmp_path / "site"
    src.mkdir()
    shutil.copy(GLOSSARY, src / "index.md")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_transcripts.glossary"]\n'
        'suppress_warnings = ["autoglossary.unused"]\n'
        "nitpicky = True\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('<dt id="term-') >= 25
    assert "pi torch" not in html  # aliases stay hidden

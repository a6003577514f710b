"""Benchmark autoglossary on a large generated corpus.

Run from the repository root:

    .venv/bin/python benchmarks/bench_autoglossary.py [--pages 150] [--paragraphs 40]

It generates a corpus of MyST pages (paragraphs of filler words with
glossary terms mixed in), then measures in the same run:

1. the matcher alone over the whole corpus text, with 10 and with 1,000
   terms (each term also has one alias, so 20 and 2,000 phrases);
2. whole Sphinx HTML builds of the corpus (fresh environment, serial) with
   linking switched off (``autoglossary_enabled = False``), with 10 terms
   and with 1,000 terms.  The glossary page always holds all 1,000 entries,
   so the builds differ only in what the extension links.

and prints the figures and their ratios.  Timings are the best of
``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sphinx_transcripts.glossary.matcher import TermMatcher

REPO = Path(__file__).resolve().parent.parent

SYLLABLES = ["ka", "ro", "mi", "tu", "ne", "sa", "lo", "vi", "da", "pe", "zu", "fo", "ga", "ri", "mo", "te"]
FILLER = ["the", "model", "was", "trained", "on", "a", "large", "data", "set", "and", "we", "looked", "at", "how", "the", "loss", "went", "down", "while", "the", "team", "kept", "reading", "papers", "about", "new", "ideas", "in", "deep", "learning"]


def make_terms(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(headword, alias) pairs: capitalised pseudo-words, some two-word."""
    terms: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(terms) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if rng.random() < 0.3:
            word += " " + "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        if word.lower() in seen:
            continue
        seen.add(word.lower())
        alias = word.lower().replace(" ", "") + " lib"
        terms.append((word, alias))
    return terms


def make_paragraph(terms: list[tuple[str, str]], rng: random.Random) -> str:
    words = [rng.choice(FILLER) for _ in range(70)]
    for _ in range(3):
        headword, alias = rng.choice(terms)
        words.insert(rng.randrange(len(words)), rng.choice([headword, alias, headword + "s"]))
    return " ".join(words).capitalize() + "."


def write_corpus(root: Path, terms: list[tuple[str, str]], pages: int, paragraphs: int, seed: int,
                 linked: int) -> str:
    """Write the project; mentions use the first *linked* terms. Returns all text."""
    rng = random.Random(seed)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_transcripts.glossary"]\n'
        'suppress_warnings = ["autoglossary.unused"]\n',
        encoding="utf-8",
    )
    names = [f"page{index:04d}" for index in range(pages)]
    (root / "index.md").write_text(
        "# Corpus\n\n```{toctree}\n" + "\n".join(names + ["glossary"]) + "\n```\n",
        encoding="utf-8",
    )
    lines = ["# Glossary", "", "```{glossary}"]
    for headword, _alias in terms:
        lines += [headword, f"  The definition of {headword}. It is short.", ""]
    lines += ["```", "", "```{glossary-aliases}"]
    lines += [f"{headword}: {alias}" for headword, alias in terms]
    lines += ["```", ""]
    (root / "glossary.md").write_text("\n".join(lines), encoding="utf-8")
    texts = []
    for name in names:
        body = [make_paragraph(terms[:linked], rng) for _ in range(paragraphs)]
        texts.extend(body)
        (root / f"{name}.md").write_text(f"# {name}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return "\n\n".join(texts)


def time_build(root: Path, overrides: list[str]) -> float:
    out = root / "_build"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(root), str(out / "html"),
               *overrides]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def best(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    return min(function() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    rng = random.Random(1)
    terms = make_terms(1000, rng)
    workdir = Path(tempfile.mkdtemp(prefix="autoglossary-bench-"))
    try:
        # The corpus mentions the first 10 terms only, so that the 10-term
        # and 1,000-term runs link exactly the same mentions: the difference
        # is the cost of a larger vocabulary, not of more links.
        project = workdir / "corpus"
        text = write_corpus(project, terms, args.pages, args.paragraphs, seed=2, linked=10)
        print(f"corpus: {args.pages} pages x {args.paragraphs} paragraphs, "
              f"{len(text) / 1e6:.2f} MB of text, {len(text.split()):,} words")
        print(f"machine: {platform.processor() or platform.machine()}, "
              f"Python {platform.python_version()}, {platform.system()}")

        print(f"\n1. matcher alone, whole corpus (best of {args.repeat})")
        results = {}
        for count in (10, 1000):
            phrases = [(h, h) for h, _ in terms[:count]] + [(a, h) for h, a in terms[:count]]
            start = time.perf_counter()
            matcher = TermMatcher(phrases)
            compile_time = time.perf_counter() - start
            found = 0

            def scan(m: TermMatcher = matcher) -> float:
                nonlocal found
                start = time.perf_counter()
                found = sum(1 for _ in m.finditer(text))
                return time.perf_counter() - start

            results[count] = best(scan, args.repeat)
            print(f"   {count:>5} terms: compile {compile_time * 1000:7.1f} ms, "
                  f"scan {results[count]:6.3f} s, {found:,} mentions, "
                  f"{len(text) / results[count] / 1e6:5.1f} MB/s")
        print(f"   ratio 1000/10 terms: {results[1000] / results[10]:.2f}")

        print(f"\n2. whole HTML build, fresh environment, serial (best of {args.repeat})")
        glossary_words = [h for h, _ in terms]
        builds = {}
        builds["off"] = best(lambda: time_build(project, ["-D", "autoglossary_enabled=0"]), args.repeat)
        print(f"   linking off      : {builds['off']:6.2f} s")
        builds[1000] = best(lambda: time_build(project, []), args.repeat)
        print(f"   1000 terms       : {builds[1000]:6.2f} s")
        # Same corpus, a glossary of only the 10 mentioned terms.
        small = workdir / "small"
        write_corpus(small, terms[:10], args.pages, args.paragraphs, seed=2, linked=10)
        builds["off10"] = best(lambda: time_build(small, ["-D", "autoglossary_enabled=0"]), args.repeat)
        builds[10] = best(lambda: time_build(small, []), args.repeat)
        print(f"   10 terms         : {builds[10]:6.2f} s (linking off, same glossary: "
              f"{builds['off10']:6.2f} s)")
        print(f"   ratio 1000 terms / off : {builds[1000] / builds['off']:.2f}")
        print(f"   ratio 10 terms / off   : {builds[10] / builds['off10']:.2f}")
        print(f"   ratio 1000 / 10 terms linking overhead: "
              f"{(builds[1000] - builds['off']) / max(builds[10] - builds['off10'], 1e-9):.2f}")
        del glossary_words
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark what an incremental build costs after one glossary edit.

Run from the repository root (about two minutes at 500 pages):

    .venv/bin/python benchmarks/bench_autoglossary_incremental.py [--pages 500] [--terms 50] [--ext DIR]

It generates a MyST site of ``--pages`` pages of ten paragraphs each, page
*i* mentioning glossary term *i* mod ``--terms``, builds it (serial HTML),
then edits the definition of the first term and builds again, and prints
both times and how many HTML files the second build wrote.  The extensions
are the installed ones; ``--ext`` puts another copy first on the built site's
path (an older checkout's ``_ext``, say) to compare.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FILLER = ["the", "model", "was", "trained", "on", "a", "large", "data", "set", "and", "we", "looked", "at", "how", "the", "loss", "went", "down"]


def write_site(root: Path, ext: Path | None, pages: int, terms: list[str]) -> None:
    rng = random.Random(1)
    (root / "pages").mkdir(parents=True)
    (root / "conf.py").write_text(
        (f"import sys\nsys.path.insert(0, {str(ext)!r})\n" if ext else "")
        + "extensions = ['myst_parser', 'sphinx_transcripts.glossary']\nexclude_patterns = ['_build']\n",
        encoding="utf-8",
    )
    (root / "index.md").write_text("# Index\n\n```{toctree}\n:glob:\n\nglossary\npages/*\n```\n", encoding="utf-8")
    entries = "".join(f"{term}\n  Definition of {term}.\n\n" for term in terms)
    (root / "glossary.md").write_text(f"# Glossary\n\n```{{glossary}}\n{entries}```\n", encoding="utf-8")
    for number in range(pages):
        term = terms[number % len(terms)]
        paragraphs = (" ".join(rng.choice(FILLER) for _ in range(60)) + f" {term}." for _ in range(10))
        text = f"# Page {number}\n\n" + "\n\n".join(paragraphs) + "\n"
        (root / "pages" / f"p{number:04}.md").write_text(text, encoding="utf-8")


def build(root: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(root), str(root / "_build")],
        capture_output=True, text=True, check=False,
    )
    if result.returncode:
        sys.exit(result.stderr)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--terms", type=int, default=50)
    parser.add_argument("--ext", type=Path, default=None)
    args = parser.parse_args()
    terms = [f"Term{chr(65 + n // 26)}{chr(65 + n % 26)}" for n in range(args.terms)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_site(root, args.ext.resolve() if args.ext else None, args.pages, terms)
        print(f"fresh build, {args.pages} pages: {build(root):.2f} s")
        glossary = root / "glossary.md"
        glossary.write_text(
            glossary.read_text(encoding="utf-8").replace(f"Definition of {terms[0]}.", "Edited."),
            encoding="utf-8",
        )
        later = time.time() + 5
        os.utime(glossary, (later, later))
        before = {path: path.stat().st_mtime_ns for path in (root / "_build").rglob("*.html")}
        seconds = build(root)
        written = sum(path.stat().st_mtime_ns != mtime for path, mtime in before.items())
        print(f"after editing one definition: {seconds:.2f} s, {written} HTML files written")


if __name__ == "__main__":
    main()

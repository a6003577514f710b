"""Write the search bundle: Pagefind's chunked index of the records, and the synonyms.

Pagefind's binary (PyPI ``pagefind-bin``) runs here as a local process, with
no network; it writes a static folder the browser reads in pieces: a small
entry file, the WebAssembly search code, then only the index chunks of the
words searched for and the fragments of the results shown (BENCHMARKS.md,
"Search": why not Sphinx's single ``searchindex.js``).

Each :class:`~.records.Record` is handed to Pagefind as a small HTML file in a
temporary folder (never published): its text, escaped, is the indexed body
(what is searched, and what a result's snippet is cut from); its address,
episode, time and section are Pagefind "filters", outside the body, returned
with a result and never searched; its speaker is a "meta" value, searched too
(:func:`record_html`).  The search page reads all of them
as text (``static/transcript-search.js``).  Pagefind's Python API
(``pagefind``) would take records directly, but it reads one answer of its
service every tenth of a second: ten records a second, against thousands a
second for the binary over files (BENCHMARKS.md).

``synonyms.json`` holds the glossary's groups of spellings (a term and its
aliases): the search page searches each spelling a query contains under
every other spelling of its group too.  The file is as large as the glossary,
not the archive.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .records import Record

#: the bundle's folder under the HTML output
FOLDER = "_search"


def executable() -> Path | None:
    """Pagefind's binary, from the ``pagefind-bin`` wheel; None if it is not installed."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return Path(get_executable())
    except FileNotFoundError:
        return None


def available() -> bool:
    """Pagefind's binary is installed."""
    return executable() is not None


def record_html(record: Record, language: str) -> str:
    """One record as the page Pagefind reads: every value escaped, the text its body.

    The speaker is a "meta" value, which Pagefind 1.5 searches ("Viehmann"
    finds his turns); the address, episode, time and section are "filters",
    returned with a result and never searched (an episode titled "... PyTorch
    ..." would otherwise match "torch" in every turn, a turn's address its number).
    """
    filters = {"url": record.url, "title": record.episode, "time": record.time,
               "section": record.section}
    fields = "".join(
        f'<span data-pagefind-filter="{key}">{html.escape(value)}</span>'
        for key, value in filters.items() if value
    )
    if record.speaker:
        fields += f'<span data-pagefind-meta="speaker">{html.escape(record.speaker)}</span>'
    return (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"<title></title></head><body>{fields}"
        f"<p data-pagefind-body>{html.escape(record.text)}</p></body></html>"
    )


def write_bundle(records: Sequence[Record], synonyms: Iterable[Sequence[str]],
                 outdir: Path, language: str = "en") -> None:
    """Write the bundle of ``records`` into ``outdir`` (replaced whole).

    *language* is an ISO 639-1 code: Pagefind stems the words of that
    language.  Raises :class:`RuntimeError` when Pagefind is missing or fails.
    """
    binary = executable()
    if binary is None:
        raise RuntimeError("Pagefind's binary is not installed (pip install pagefind-bin)")
    code = language.replace("_", "-").split("-")[0].lower() or "en"
    if outdir.exists():
        shutil.rmtree(outdir)
    with tempfile.TemporaryDirectory(prefix="transcripts-search-") as temp:
        pages = Path(temp, "r")
        pages.mkdir()
        for number, record in enumerate(records):
            (pages / f"{number}.html").write_text(record_html(record, code), encoding="utf-8")
        done = subprocess.run(
            [str(binary), "--site", temp, "--output-path", str(outdir.resolve()),
             "--force-language", code, "--silent"],
            capture_output=True, text=True, check=False, cwd=temp,
        )
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {(done.stderr or done.stdout).strip()[:500]}")
    groups = [sorted(set(group), key=str.lower) for group in synonyms]
    (outdir / "synonyms.json").write_text(
        json.dumps([g for g in groups if len(g) > 1], ensure_ascii=False), encoding="utf-8")
    # Pagefind's own interfaces and their styles: the site has its own page
    for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                 "pagefind-modular-ui.css", "pagefind-component-ui.js",
                 "pagefind-component-ui.css", "pagefind-highlight.js"):
        (outdir / name).unlink(missing_ok=True)

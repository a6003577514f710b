"""Write the search bundle: Pagefind's chunked index of the records, a shard at a time.

Pagefind's binary (PyPI ``pagefind-bin``) runs here as a local process, with
no network; it writes a static folder the browser reads in pieces: a small
entry file, the WebAssembly search code, then only the index chunks of the
words searched for and the fragments of the results shown (BENCHMARKS.md,
"Search": why not Sphinx's single ``searchindex.js``).

**Shards.**  The archive is not indexed in one Pagefind process: its memory
grows with the words indexed (some 520 bytes a word: 4.7 GB for a thousand
hour-long episodes), and one edit would index everything again.  Each
document belongs to a shard, its folder (``seasons/2011/001`` to
``seasons/2011``; the root's documents to the root shard), and each shard is
a Pagefind bundle of its own under ``_search/<slug>/`` (:func:`slug`); the
search page reads ``_search/shards.json``, opens the first bundle and merges
the others into it with Pagefind's ``mergeIndex``.  A folder of more than
:data:`SPLIT_OVER` documents (a flat archive: 1,000 episodes in one folder)
is split into sub-shards of its sorted documents (:func:`shard_keys`): a new
one begins at a document whose name hashes to a multiple of
:data:`SPLIT_EVERY`, or after :data:`SPLIT_MOST` documents since the last
such one.  The boundaries hang on the documents' names, not on their
positions or sizes, so adding or removing an episode changes the sub-shard
it falls in, never the others (a split by count would move every later
boundary; a split by words cannot be known before the pages are written,
and the search starts indexing while they are).  Documents, not words,
because they are known when the writing starts; 100 hour-long episodes are
some 0.9 M words, 470 MB for Pagefind.

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

Every shard's bundle holds Pagefind's runtime (``pagefind.js``, its worker,
``wasm.<lang>.pagefind``), as Pagefind writes it, so any shard can be the
first; the browser fetches the first's alone: Pagefind 1.5's ``mergeIndex``
initialises a merged index without loading its WebAssembly (the primary's
runs every index), which tests/browser/test_search.py checks.

``_search/synonyms.json`` holds the glossary's groups of spellings (a term
and its aliases): the search page searches each spelling a query contains
under every other spelling of its group too.  The file is as large as the
glossary, not the archive.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .records import Record

#: the bundles' folder under the HTML output
FOLDER = "_search"
#: the list of the shards' folders, under FOLDER: the search page's first read
MANIFEST = "shards.json"
#: a folder of more documents than this is split into sub-shards
SPLIT_OVER = 100
#: a sub-shard begins, on average, every SPLIT_EVERY documents ...
SPLIT_EVERY = 64
#: ... and at the latest after SPLIT_MOST
SPLIT_MOST = 128

#: the shared-memory filesystem: where a shard's records (and the bundle that
#: updates an existing one) are written first, when it has room
SCRATCH = Path("/dev/shm")
#: what a small file takes in it at least (a page)
_PAGE = 4096
#: the file a bundle is opened by: written last when a bundle is updated
ENTRY = "pagefind-entry.json"

_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")


def folder_of(docname: str) -> str:
    """A document's folder: ``seasons/2011/001`` is in ``seasons/2011``, ``index`` in ``""``."""
    return docname.rpartition("/")[0]


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def shard_keys(docnames: Iterable[str]) -> dict[str, str]:
    """Each document's shard: its folder, or a sub-shard of a large folder.

    A sub-shard's key is its folder and its first document
    (``episodes@episodes/0001``); a shard's key never changes while its
    first document is there (see the module's docstring).
    """
    by_folder: dict[str, list[str]] = {}
    for name in docnames:
        by_folder.setdefault(folder_of(name), []).append(name)
    keys: dict[str, str] = {}
    for folder, names in by_folder.items():
        if len(names) <= SPLIT_OVER:
            keys.update(dict.fromkeys(names, folder))
            continue
        key, since = "", 0
        for name in sorted(names):
            if not key or since >= SPLIT_MOST or _hash(name) % SPLIT_EVERY == 0:
                key, since = f"{folder}@{name}", 0
            keys[name] = key
            since += 1
    return keys


def slug(key: str) -> str:
    """A shard's folder name: readable, and unique by a hash of its key."""
    readable = _UNSAFE.sub("-", key.rpartition("@")[2] if "@" in key else key).strip("-")
    return f"{readable[:40] or 'root'}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"


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


def language_code(language: str) -> str:
    """The ISO 639-1 code Pagefind stems by: ``pt_BR`` is ``pt``."""
    return language.replace("_", "-").split("-")[0].lower() or "en"


def scratch_dir(size: int) -> str | None:
    """Where to write some *size* bytes of short-lived small files: :data:`SCRATCH`
    when it is there, writable and has room for twice as much; otherwise the
    system's temporary folder (None, :mod:`tempfile`'s choice), and always
    that when ``TMPDIR`` names one.

    A shard is thousands of small files (a file a turn, and Pagefind's
    fragment a turn).  Creating a file on this machine's disk costs some
    0.3 ms, in memory some 0.02 ms: a season's 5,900 records are 1.9 s
    against 0.12 s (BENCHMARKS.md, "The edited episode").  A container's
    small ``/dev/shm`` (Docker gives 64 MB) is not filled: the shard goes
    to the disk instead.
    """
    if os.environ.get("TMPDIR"):
        return None
    try:
        stat = os.statvfs(SCRATCH)
    except OSError:
        return None
    if not os.access(SCRATCH, os.W_OK | os.X_OK) or stat.f_bavail * stat.f_frsize < 2 * size:
        return None
    return str(SCRATCH)


def _room(records: Sequence[Record]) -> int:
    """What a shard's record files and Pagefind's bundle of them take, at most."""
    return sum(2 * (_PAGE + 4 * len(r.text.encode("utf-8")) + 1024) for r in records)


def update_folder(built: Path, outdir: Path) -> None:
    """Make *outdir* hold *built*'s files, touching only what differs.

    Pagefind names its index chunks, fragments, filters and metadata by
    their content: one of those already in *outdir* is the same file and is
    not even read, so an edit writes a few files of a shard's thousands.
    Those are written first, the files of fixed names (its code, its
    WebAssembly) after them when they differ, :data:`ENTRY` (which names the
    chunks of the index) last, and the files no longer there are removed at
    the end.  Every file is written beside its place and renamed into it,
    so a file there is whole (a build stopped halfway leaves no truncated
    chunk that a later update would take for the same), and a browser
    reading the folder meanwhile finds the old bundle or the new one.
    """
    wanted = {path.relative_to(built) for path in built.rglob("*") if path.is_file()}
    fixed = {name for name in wanted if len(name.parts) == 1 and not name.name.endswith(".pf_meta")}
    entry = {name for name in fixed if name.name == ENTRY}
    for name in sorted(wanted - fixed) + sorted(fixed - entry) + sorted(entry):
        target = outdir / name
        if name not in fixed and target.is_file():
            continue  # named by its content: the same file
        data = (built / name).read_bytes()
        if name in fixed and target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.new")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    for path in sorted(outdir.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(outdir) not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def write_bundle(records: Sequence[Record], outdir: Path, language: str = "en", *,
                 running: Callable[[subprocess.Popen[str] | None], None] | None = None,
                 cancelled: threading.Event | None = None) -> None:
    """Write the bundle of ``records`` into ``outdir``, never half written.

    *language* is an ISO 639-1 code: Pagefind stems the words of that
    language.  *running* is told of Pagefind's process when it starts (and
    None when it ends), so that a build stopped meanwhile can end it; once
    *cancelled* is set, no process starts.  The records are written where
    files are made fast (:func:`scratch_dir`).  A new bundle is written
    beside ``outdir`` and moved there when Pagefind is done; an existing one
    is written in the scratch folder and ``outdir`` updated from it
    (:func:`update_folder`): an edited episode rewrites its own fragments and
    the shard's index, not the thousands of others.  Raises
    :class:`RuntimeError` when Pagefind is missing or fails.
    """
    binary = executable()
    if binary is None:
        raise RuntimeError("Pagefind's binary is not installed (pip install pagefind-bin)")
    code = language_code(language)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    update = outdir.is_dir()
    scratch = scratch_dir(_room(records))
    with contextlib.ExitStack() as stack:
        temp = stack.enter_context(tempfile.TemporaryDirectory(prefix="transcripts-search-", dir=scratch))
        pages = Path(temp, "r")
        pages.mkdir()
        for number, record in enumerate(records):
            (pages / f"{number}.html").write_text(record_html(record, code), encoding="utf-8")
        if cancelled is not None and cancelled.is_set():
            raise RuntimeError("the build stopped")
        fresh = stack.enter_context(
            tempfile.TemporaryDirectory(prefix="transcripts-search-", dir=scratch) if update
            else tempfile.TemporaryDirectory(prefix=f".{outdir.name}-", dir=outdir.parent))
        built = Path(fresh, "bundle")
        _pagefind(binary, temp, built, code, running)
        # Pagefind's own interfaces and their styles: the site has its own page
        for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                     "pagefind-modular-ui.css", "pagefind-component-ui.js",
                     "pagefind-component-ui.css", "pagefind-highlight.js"):
            (built / name).unlink(missing_ok=True)
        if update:
            update_folder(built, outdir)
        else:
            built.rename(outdir)


def _pagefind(binary: Path, site: str, built: Path, code: str,
              running: Callable[[subprocess.Popen[str] | None], None] | None) -> None:
    """Pagefind over the record pages in *site*, its bundle into *built*."""
    process = subprocess.Popen(
        [str(binary), "--site", site, "--output-path", str(built.resolve()),
         "--force-language", code, "--silent"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=site,
    )
    if running is not None:
        running(process)
    try:
        out, err = process.communicate()
    finally:
        if process.poll() is None:  # the build stopped while Pagefind ran
            process.kill()
            process.wait()
        if running is not None:
            running(None)
    if process.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {(err or out).strip()[:500]}")


def write_synonyms(synonyms: Iterable[Sequence[str]], folder: Path) -> None:
    """The glossary's groups of spellings, as ``synonyms.json`` in *folder*."""
    groups = [sorted(set(group), key=str.lower) for group in synonyms]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "synonyms.json").write_text(
        json.dumps([g for g in groups if len(g) > 1], ensure_ascii=False), encoding="utf-8")

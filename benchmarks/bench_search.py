"""Benchmark the archive's search: Pagefind's chunked index against Sphinx's searchindex.js.

Run from the repository root (the figures in BENCHMARKS.md, "Search", come from it):

    PYTHONPATH=_ext .venv/bin/python benchmarks/bench_search.py --episodes 50 1000

What it does, in one temporary directory:

1. Generates a synthetic archive of ``--episodes`` episodes of ``--words``
   words each (9,000: an hour of speech), cut into turns of 20 to 400 words
   by one of a few hundred speakers.  The words are drawn from the seed
   transcripts' own words at their own frequencies, and one word in fifty is
   a new name or term from a pool that grows with the archive (a real
   archive's vocabulary keeps growing: Heaps' law), so the index of a larger
   archive holds more distinct words, not only more of the same ones.
2. Writes Pagefind's bundle of one record per turn with the extension's own
   code (:func:`sphinx_transcripts.search.bundle.write_bundle`), and Sphinx's
   ``searchindex.js`` of the same words with Sphinx's own ``IndexBuilder``
   (one document per episode, a paragraph per turn, the English stemmer), and
   times both.
3. Serves each from a local server and, in Chromium (Debian's, as the tests),
   runs the search page's first query as the site's page runs it (Pagefind:
   ``synonyms.json``, ``pagefind.js``, its WebAssembly, the entry and meta
   files, the index chunks of the words, the fragments of the first ten
   results; Sphinx: ``searchindex.js``, which its page loads whole before a
   query, with ``searchtools.js``, ``language_data.js`` and the scripts they
   need), counting every byte the browser receives (neither theme's own files).  Sphinx's page then also downloads each result
   page's whole HTML to cut its summary; that is not counted here.

Sizes are as served by ``python -m http.server`` (no compression), and with
gzip where a host compresses text (Read the Docs does): Pagefind's index and
fragments are gzip files already, so only its JavaScript and JSON shrink.

It is a benchmark, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx_transcripts.search.bundle import write_bundle
from sphinx_transcripts.search.records import Record

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "interviews"
CHROMIUM = "/usr/bin/chromium"
#: the first queries: a common word, a rarer one, a phrase, a name from the growing pool
QUERIES = ["data", "library", "the book was written", "zorvexa"]


def seed_words() -> Counter[str]:
    """The seed transcripts' words and how often each is said."""
    words: Counter[str] = Counter()
    for path in [*SEED.glob("*.md"), *SEED.glob("transcripts/*")]:
        words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']+", path.read_text("utf-8")))
    return words


def pseudo_word(rng: random.Random) -> str:
    syllables = ["ka", "zor", "vex", "lin", "mar", "tu", "qua", "ris", "sel", "don", "bri", "na"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def archive(episodes: int, words: int, seed: int = 22) -> list[Record]:
    """One record per turn of a generated archive."""
    rng = random.Random(seed)
    counts = seed_words()
    vocabulary = list(counts)
    weights = [counts[w] for w in vocabulary]
    speakers = [f"{pseudo_word(rng).title()} {pseudo_word(rng).title()}" for _ in range(300)]
    pool = ["zorvexa"]
    records: list[Record] = []
    for number in range(1, episodes + 1):
        title = f"Episode {number}: " + " ".join(rng.choices(vocabulary, weights, k=5))
        cast = rng.sample(speakers, 3)
        said = 0
        turn = 0
        while said < words:
            length = min(rng.randint(20, 400), words - said)
            text = rng.choices(vocabulary, weights, k=length)
            for i in range(length):
                if rng.random() < 0.02:  # a name or term: new ones keep coming
                    if rng.random() < 0.3:
                        pool.append(pseudo_word(rng))
                    text[i] = rng.choice(pool)
            turn += 1
            seconds = said * 0.4  # 150 words a minute
            records.append(Record(
                url=f"episodes/episode-{number}.html#turn-{turn}", text=" ".join(text) + ".",
                episode=title, speaker=cast[turn % 3],
                time=f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}",
            ))
            said += length
    return records


def cpu() -> float:
    """CPU seconds of this process and of the children it waited for (Pagefind's binary)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pages_matching(records: list[Record], query: str) -> int:
    """Episodes holding every word of ``query``: the pages Sphinx's search lists for it
    (and whose whole HTML its page downloads, one after another, to cut summaries)."""
    words = set(query.lower().split())
    found: dict[str, set[str]] = {}
    for record in records:
        found.setdefault(record.url.split("#")[0], set()).update(
            words & set(record.text.lower().split()))
    return sum(1 for held in found.values() if held == words)


def sphinx_index(records: list[Record], out: Path, *, per_turn: bool = False
                 ) -> tuple[float, float]:
    """Write Sphinx's searchindex.js of the same words; returns the seconds it took
    (wall, CPU).  *per_turn*: Sphinx's index extended to land on turns, each turn
    a document of its own (the only unit its index keeps word by word)."""
    from sphinx.search import IndexBuilder, js_index

    env: Any = SimpleNamespace(
        domains=SimpleNamespace(sorted=list), version={},
        _search_index_titles={}, _search_index_filenames={}, _search_index_mapping={},
        _search_index_title_mapping={}, _search_index_all_titles={},
        _search_index_index_entries={}, _search_index_objtypes={}, _search_index_objnames={},
    )
    start = time.perf_counter()
    start_cpu = cpu()
    builder = IndexBuilder(env, "en", {}, "")
    settings = get_default_settings(Parser)
    by_page: dict[str, list[Record]] = {}
    for record in records:
        by_page.setdefault(record.url if per_turn else record.url.split("#")[0], []).append(record)
    for page, turns in by_page.items():
        document = new_document(page, settings)
        section = nodes.section(ids=["top"])
        section += nodes.title(text=turns[0].episode)
        for record in turns:
            section += nodes.paragraph(text=f"{record.speaker}: {record.text}")
        document += section
        name = page.replace(".html#", "/").removesuffix(".html")
        builder.feed(name, page, turns[0].episode, document)
    with (out / "searchindex.js").open("w", encoding="utf-8") as file:
        builder.dump(file, js_index)
    return time.perf_counter() - start, cpu() - start_cpu


def tree_size(folder: Path) -> tuple[int, int, int]:
    """Bytes, gzip-served bytes and files under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    served = sum(
        p.stat().st_size if p.suffix in {".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter",
                                         ".pagefind"}
        else len(gzip.compress(p.read_bytes(), 6))
        for p in files
    )
    return raw, served, len(files)


def sphinx_scripts(folder: Path) -> Path:
    """The scripts Sphinx's own search page loads, from a one-page build: its folder."""
    from sphinx.cmd.build import build_main

    source = folder / "src"
    source.mkdir(parents=True)
    (source / "conf.py").write_text('project = "x"\nhtml_theme = "basic"\n', encoding="utf-8")
    (source / "index.rst").write_text("x\n=\n\nx\n", encoding="utf-8")
    build_main(["-b", "html", "-q", str(source), str(folder / "out")])
    scripts = folder / "scripts"
    scripts.mkdir()
    for name in ("documentation_options.js", "doctools.js", "sphinx_highlight.js",
                 "language_data.js", "searchtools.js"):
        shutil.copyfile(folder / "out" / "_static" / name, scripts / name)
    return scripts


PAGEFIND_PAGE = """<!doctype html><html lang="en"><body><script type="module">
const bundle = new URL("_search/", location.href);
await (await fetch(new URL("synonyms.json", bundle))).json();
const pagefind = await import(new URL("pagefind.js", bundle).href);
await pagefind.options({ excerptLength: 30 });
const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
const shown = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
window.DONE = [search.results.length, shown.length];
</script></body></html>"""

SPHINX_PAGE = """<!doctype html><html lang="en"><body>
<script src="documentation_options.js"></script><script src="doctools.js"></script>
<script src="sphinx_highlight.js"></script>
<script src="language_data.js"></script><script src="searchtools.js"></script>
<script>window.DONE = [0, 0];</script><script src="searchindex.js"></script>
</body></html>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_query_bytes(site: Path, page: str, query: str) -> tuple[int, int, int, list[int]]:
    """Bytes Chromium receives to show the first query's results, and the same
    files gzip-served; (bytes, gzip bytes, requests, done)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            tab = browser.new_page()
            received: list[tuple[str, int]] = []
            tab.on("requestfinished",
                   lambda r: received.append((r.url, r.sizes()["responseBodySize"])))
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{page}?q={query}")
            tab.wait_for_function("window.DONE && document.readyState === 'complete'", timeout=600_000)
            tab.wait_for_load_state("networkidle")
            done = tab.evaluate("window.DONE")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    served = 0
    for url, size in received:
        path = site / url.split("?")[0].split("/", 3)[3]
        text = path.suffix in {".js", ".json", ".html"}
        served += len(gzip.compress(path.read_bytes(), 6)) if text and path.is_file() else size
    return sum(size for _, size in received), served, len(received), done


def mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, nargs="+", default=[50, 1000])
    parser.add_argument("--words", type=int, default=9000)
    parser.add_argument("--no-browser", action="store_true", help="sizes and times only")
    parser.add_argument("--sphinx-per-turn", action="store_true",
                        help="also Sphinx's index with a document per turn")
    args = parser.parse_args()
    import sphinx

    print(f"Python {sys.version.split()[0]}, Sphinx {sphinx.__version__}, words per episode {args.words}")
    for episodes in args.episodes:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as temp:
            root = Path(temp)
            records = archive(episodes, args.words)
            words = sum(len(r.text.split()) for r in records)
            distinct = len({w for r in records for w in r.text.lower().split()})
            print(f"\n## {episodes} episodes: {len(records):,} turns, {words:,} words, "
                  f"{distinct:,} distinct")
            pagefind_site = root / "pagefind"
            pagefind_site.mkdir()
            start = time.perf_counter()
            start_cpu = cpu()
            write_bundle(records, pagefind_site / "_search")
            pagefind_time = time.perf_counter() - start
            pagefind_cpu = cpu() - start_cpu
            raw, served, files = tree_size(pagefind_site / "_search")
            print(f"Pagefind bundle: {mb(raw)} in {files:,} files ({mb(served)} gzip-served), "
                  f"written in {pagefind_time:.1f} s ({pagefind_cpu:.1f} s of CPU)")
            sphinx_site = root / "sphinx"
            sphinx_site.mkdir()
            sphinx_time, sphinx_cpu = sphinx_index(records, sphinx_site)
            index = sphinx_site / "searchindex.js"
            print(f"Sphinx searchindex.js: {mb(index.stat().st_size)} "
                  f"({mb(len(gzip.compress(index.read_bytes(), 6)))} gzip-served), "
                  f"indexed in {sphinx_time:.1f} s ({sphinx_cpu:.1f} s of CPU; stemming and dump, "
                  "not the rest of a build)")
            if args.sphinx_per_turn:
                turns_site = root / "sphinx-turns"
                turns_site.mkdir()
                turns_time, turns_cpu = sphinx_index(records, turns_site, per_turn=True)
                by_turn = turns_site / "searchindex.js"
                print(f"Sphinx searchindex.js, a document per turn: {mb(by_turn.stat().st_size)} "
                      f"({mb(len(gzip.compress(by_turn.read_bytes(), 6)))} gzip-served), "
                      f"indexed in {turns_time:.1f} s ({turns_cpu:.1f} s of CPU)")
            if args.no_browser:
                continue
            (pagefind_site / "search.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
            (sphinx_site / "search.html").write_text(SPHINX_PAGE, encoding="utf-8")
            for path in sphinx_scripts(root / "tiny").iterdir():
                shutil.copyfile(path, sphinx_site / path.name)
            sphinx_bytes, sphinx_gzip, sphinx_requests, _ = first_query_bytes(
                sphinx_site, "search.html", "data")
            print(f"Sphinx first query (any words): {mb(sphinx_bytes)} ({mb(sphinx_gzip)} gzip-served) "
                  f"in {sphinx_requests} requests, before the result pages it fetches for summaries")
            for query in QUERIES:
                received, gzipped, requests, done = first_query_bytes(
                    pagefind_site, "search.html", query)
                print(f"Pagefind first query {query!r}: {mb(received)} ({mb(gzipped)} gzip-served) "
                      f"in {requests} requests ({done[0]:,} results, {done[1]} shown); "
                      f"Sphinx lists {pages_matching(records, query):,} pages for it")
    print(json.dumps({"done": True}))


if __name__ == "__main__":
    main()

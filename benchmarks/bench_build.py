"""Benchmark whole Sphinx builds of the site's extensions against plain MyST.

Run from the repository root (the figures in BENCHMARKS.md come from it):

    .venv/bin/python benchmarks/bench_build.py --pages 50 200 500 \\
        --builder html latex --jobs 1 2 --repeat 3

Quick check that everything works (a minute or two):

    .venv/bin/python benchmarks/bench_build.py --pages 10 --repeat 1 --long-turns 2000

What it does, all in one temporary directory and one run:

1. Reads the real turns of the seed transcripts (``interviews/*.md`` name
   them, with their ``:host:``, ``:guests:``, ``:format:`` and region
   options) with the extension's own parser, and cuts them into pages of
   ``--turns-per-page`` consecutive turns (25: 50 pages are about 1,250
   turns), so glossary terms appear at the density the real texts have.
2. Writes two projects from the same words: **ext** (the site's settings:
   furo, myst_parser, sphinx_design, transcripts, autoglossary; the site's
   ``glossary.md`` and ``speakers.toml``, a people page with ``{people}``,
   an index whose ``{collection}`` lists the pages, each page one
   ``{transcript}`` directive with inline ``Name: text`` turns) and **plain**
   (the same pages as ``**Name:** text`` paragraphs, the same glossary as a
   plain Sphinx glossary, the registry's names and bios as prose, a toctree
   for the index; furo and sphinx_design, no transcripts or autoglossary).
3. Builds each project with every ``--builder`` and ``--jobs``, ``--repeat``
   times, alternating ext and plain (and which of them goes first), each
   build in a fresh subprocess with a fresh output and doctree directory,
   ``-n -q``, no ``-W``, its modules loaded from their bytecode cache (the
   extensions are compiled first, as pip compiled the installed packages).  It records wall time, the peak resident memory of
   the build (``os.wait4``'s rusage: the process and the workers it waited
   for), the size of the output and the number of warnings.  It reports
   medians, ext/plain ratios (of the medians, and of the two builds of each
   repeat) and the ``-j 2`` speedup of each project, and
   compares the HTML output of ``-j 1`` and ``-j 2`` byte for byte.
4. Incremental builds of the ext project (HTML, ``-j 1``) after a full build:
   one speaker's bio edited in the registry, one glossary definition edited,
   a page added (and listed in the collection), one transcript page edited.
   A probe extension (see :data:`PROBE`) logs the documents Sphinx re-reads
   (``env-before-read-docs``, after every other handler) and writes
   (``Builder.write_doc``); the report compares them with what the change
   should touch.
5. One page holding a ``--long-turns`` turn transcript (the seeds' turns
   repeated) against the same words as plain prose, with every builder:
   time and peak memory ratios.

It is a benchmark, not a test: nothing fails when a ratio is over its target.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import sphinx_transcripts
from _common import conf_head
from sphinx_transcripts.dialogue.markup import markdown_lines as markup_lines
from sphinx_transcripts.model import Paragraph
from sphinx_transcripts.people.labels import LabelTable
from sphinx_transcripts.people.registry import UNATTRIBUTED, parse_registry
from sphinx_transcripts.readers import FORMATS, ParseContext
from sphinx_transcripts.source import select_region

REPO = Path(__file__).resolve().parent.parent

PYTHON = sys.executable
PROJECTS = ("ext", "plain")

# -- the seeds -----------------------------------------------------------------


@dataclass
class Seed:
    name: str
    hosts: list[str]
    guests: list[str]
    #: each turn: (speaker, [paragraph lines as written in the source])
    turns: list[tuple[str, list[list[str]]]] = field(default_factory=list)


_DIRECTIVE = re.compile(r"^```\{transcript\} (?P<arg>\S+)\n(?P<opts>(?::[\w-]+:.*\n)*)```", re.M)


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


def load_seeds() -> tuple[list[Seed], dict[str, tuple[str, list[str]]]]:
    """The seed transcripts' turns, read as the site reads them, and the registry
    (name -> (bio, aliases))."""
    registry, _ = parse_registry((REPO / "interviews" / "speakers.toml").read_text(encoding="utf-8"))
    people = {s.name: (s.bio, list(s.aliases)) for s in registry}
    seeds = []
    for page in sorted((REPO / "interviews").glob("*.md")):
        match = _DIRECTIVE.search(page.read_text(encoding="utf-8"))
        if not match:
            continue
        opts = dict(re.findall(r"^:([\w-]+):\s*(.*)$", match["opts"], re.M))
        hosts, guests = _names(opts.get("host", "")), _names(opts.get("guests", ""))
        labels = {UNATTRIBUTED: UNATTRIBUTED}
        for name in hosts + guests:
            labels[name] = name
            for alias in people.get(name, ("", []))[1]:
                labels.setdefault(alias, name)
        text = (page.parent / match["arg"]).read_text(encoding="utf-8-sig")
        lines, first = select_region(text.splitlines(), opts.get("start-after"), opts.get("end-before"))
        table = LabelTable(labels)
        context = ParseContext(table, hosts=tuple(hosts), guests=tuple(guests))
        parsed = FORMATS[opts.get("format", "labeled")].parse(lines, first, context)
        seed = Seed(page.stem, hosts, guests)
        for turn in parsed.turns:
            paragraphs = [list(p.lines) for p in turn.paragraphs if p.lines]
            # a format that does not resolve its labels leaves that to the cast (as the directive does)
            match = None if turn.speaker else table.lookup(turn.label)
            speaker = turn.speaker or (match.speaker if match else turn.label)
            if paragraphs and speaker:
                seed.turns.append((speaker, paragraphs))
        seeds.append(seed)
    return seeds, people


@dataclass
class Page:
    docname: str
    title: str
    seed: Seed
    turns: list[tuple[str, list[list[str]]]]

    @property
    def speakers(self) -> set[str]:
        return {s for s, _ in self.turns}

    def words(self) -> str:
        return "\n".join(line for _, paras in self.turns for para in paras for line in para)


def make_pages(seeds: list[Seed], count: int, per_page: int, start: int = 0) -> list[Page]:
    """``count`` pages of ``per_page`` consecutive turns of one seed each.

    Each seed is cut into windows of ``per_page`` turns (the last one wraps
    round to the seed's start); the windows of all seeds are interleaved and
    the pages take them in turn, so a seed contributes in proportion to its
    length and the glossary terms come at the seeds' own density.
    """
    windows: list[tuple[Seed, int]] = []
    per_seed = [[(s, i) for i in range(0, len(s.turns), per_page)] for s in seeds]
    for row in range(max(len(w) for w in per_seed)):
        windows += [w[row] for w in per_seed if row < len(w)]
    pages = []
    for index in range(start, start + count):
        seed, first = windows[index % len(windows)]
        turns = [seed.turns[(first + k) % len(seed.turns)] for k in range(per_page)]
        pages.append(Page(f"pages/p{index:04d}", f"Conversation {index + 1} ({seed.name})", seed, turns))
    return pages


def make_long_page(seeds: list[Seed], turns: int) -> Page:
    pool = [t for s in seeds for t in s.turns]
    hosts = list(dict.fromkeys(h for s in seeds for h in s.hosts))
    guests = list(dict.fromkeys(g for s in seeds for g in s.guests if g not in hosts))
    every = Seed("all seeds", hosts, guests)
    return Page("long", f"A {turns:,}-turn transcript", every, [pool[k % len(pool)] for k in range(turns)])


# -- the two projects ------------------------------------------------------------

#: after the head all generated projects share (_common.CONF_HEAD)
LATEX_CONF = '''\
latex_engine = "lualatex"
latex_use_xindy = False
latex_documents = [("index", "bench.tex", project, author, "manual")]
latex_elements = {"papersize": "a4paper", "pointsize": "11pt"}
'''

EXT_CONF = '''\
extensions = ["myst_parser", "sphinx_design", "sphinx_transcripts", "sphinx_transcripts.glossary", "benchprobe"]
transcripts_speakers = "speakers.toml"
autoglossary_scope_classes = ["transcript-turn"]
# the essays are not in the corpus: the terms only they mention go unused
suppress_warnings = ["autoglossary.unused"]
'''

PLAIN_CONF = '''\
extensions = ["myst_parser", "sphinx_design", "benchprobe"]
'''

#: Logs, when BENCH_PROBE_LOG names a file, every document Sphinx reads (on
#: source-read, which fires however the reading was started, even by an
#: extension) and every document a builder writes.  Lines are appended
#: whole, so parallel readers and writers do not mix them.
PROBE = '''\
"""Benchmark probe: which documents a build reads and writes."""
import os

def setup(app):
    log = os.environ.get("BENCH_PROBE_LOG")
    if log:
        def note(kind, name):
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, f"{kind}\\t{name}\\n".encode())
            finally:
                os.close(fd)

        def read(app, docname, source):
            note("read", docname)

        def inited(app):
            write_doc = app.builder.write_doc

            def logged(docname, doctree, *args, **kwargs):
                note("write", docname)
                return write_doc(docname, doctree, *args, **kwargs)

            app.builder.write_doc = logged

        app.connect("source-read", read)
        app.connect("builder-inited", inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def fence_for(lines: list[str]) -> str:
    longest = max((len(m) for line in lines for m in re.findall(r"`{3,}", line)), default=2)
    return "`" * max(4, longest + 1)


def ext_page(page: Page) -> str:
    body: list[str] = []
    for speaker, paragraphs in page.turns:
        for number, para in enumerate(paragraphs):
            lines = list(para)
            if number == 0:
                lines[0] = f"{speaker}: {lines[0]}"
            body += lines + [""]
    fence = fence_for(body)
    options = [f":host: {', '.join(page.seed.hosts)}"]
    if page.seed.guests:
        options.append(f":guests: {', '.join(page.seed.guests)}")
    return (
        f"---\nsummary: Turns from the {page.seed.name} seed, generated for the build benchmark.\n---\n\n"
        f"# {page.title}\n\n{fence}{{transcript}}\n" + "\n".join(options) + "\n\n"
        + "\n".join(body).rstrip("\n") + f"\n{fence}\n"
    )


def plain_page(page: Page) -> str:
    body: list[str] = []
    for speaker, paragraphs in page.turns:
        for number, para in enumerate(paragraphs):
            # the lines the directive hands to MyST (bullet glyphs as list items)
            lines = [line for _, line in markup_lines(Paragraph(1, tuple(para)))]
            if number == 0:
                lines[0] = f"**{speaker}:** {lines[0]}"
            body += lines + [""]
    return (
        f"---\nsummary: Turns from the {page.seed.name} seed, generated for the build benchmark.\n---\n\n"
        f"# {page.title}\n\n" + "\n".join(body)
    )


INDEX_HEAD = "# Practitioners' Conversations (benchmark)\n\nGenerated pages made of the seed transcripts' turns.\n\n"
INDEX_TAIL = "\n```{toctree}\n:hidden:\n:caption: Reference\n\npeople\nglossary\n```\n"
PEOPLE_HEAD = (
    "# People\n\nEveryone who speaks or writes in the collection, with the texts they appear\n"
    "in and how many turns they take in each.\n\n"
)


def index_page(project: str, docnames: list[str]) -> str:
    directive = "collection" if project == "ext" else "toctree"
    return INDEX_HEAD + f"```{{{directive}}}\n:caption: Interviews\n\n" + "\n".join(docnames) + "\n```\n" + INDEX_TAIL


def plain_glossary(text: str) -> str:
    """The site's glossary without the autoglossary directive (its lines as a list)."""
    def as_list(match: re.Match) -> str:
        return "\n".join(f"- {line}" for line in match["body"].splitlines() if line.strip())

    return re.sub(r"```\{glossary-aliases\}\n(?P<body>.*?)```", as_list, text, flags=re.S)


def write_project(root: Path, project: str, pages: list[Page], people: dict) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "pages").mkdir(parents=True)
    shutil.copytree(REPO / "_static", root / "_static")
    shutil.copytree(REPO / "_templates", root / "_templates")
    (root / "benchprobe.py").write_text(PROBE, encoding="utf-8")
    conf = conf_head(str(root), "Practitioners' Conversations (benchmark)", ["_build", "speakers.toml"])
    conf += LATEX_CONF + (EXT_CONF if project == "ext" else PLAIN_CONF)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    glossary = (REPO / "glossary.md").read_text(encoding="utf-8")
    if project == "ext":
        shutil.copy(REPO / "interviews" / "speakers.toml", root / "speakers.toml")
        (root / "glossary.md").write_text(glossary, encoding="utf-8")
        (root / "people.md").write_text(PEOPLE_HEAD + "```{people}\n```\n", encoding="utf-8")
    else:
        (root / "glossary.md").write_text(plain_glossary(glossary), encoding="utf-8")
        (root / "people.md").write_text(
            PEOPLE_HEAD + "".join(f"## {name}\n\n{bio}\n\n" for name, (bio, _) in people.items()),
            encoding="utf-8",
        )
    render = ext_page if project == "ext" else plain_page
    for page in pages:
        (root / f"{page.docname}.md").write_text(render(page), encoding="utf-8")
    (root / "index.md").write_text(index_page(project, [p.docname for p in pages]), encoding="utf-8")


# -- running Sphinx ----------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    maxrss_mb: float
    output_mb: float
    warnings: int
    returncode: int
    #: user + system CPU seconds of the build and its workers: far steadier
    #: than the wall time on a machine that other jobs share
    cpu: float = 0.0
    hashes: dict[str, str] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def sphinx(src: Path, out: Path, doctrees: Path, builder: str, jobs: int, *, hashes: bool = False,
           probe: Path | None = None) -> Run:
    """One build in a subprocess: wall time, and peak RSS from ``wait4``.

    ``wait4``'s ``ru_maxrss`` is the largest of the process and the
    descendants it waited for (the ``-j`` workers), in kilobytes on Linux.
    """
    cmd = [PYTHON, "-m", "sphinx", "-b", builder, "-n", "-q", "-j", str(jobs), "-d", str(doctrees),
           str(src), str(out)]
    env = dict(os.environ)
    env.pop("BENCH_PROBE_LOG", None)
    # as on a user's machine: modules load from their bytecode cache (see main)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if probe is not None:
        probe.unlink(missing_ok=True)
        env["BENCH_PROBE_LOG"] = str(probe)
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    run = Run(seconds, usage.ru_maxrss / 1024, tree_bytes(out) / 1e6, errors.count("WARNING:"),
              proc.returncode, cpu=usage.ru_utime + usage.ru_stime)
    if proc.returncode:
        print(f"  ! {' '.join(cmd)} exited {proc.returncode}:\n{errors[-2000:]}", file=sys.stderr)
    if hashes:
        run.hashes = tree_hashes(out)
    if probe is not None and probe.exists():
        for line in probe.read_text(encoding="utf-8").splitlines():
            kind, _, name = line.partition("\t")
            (run.read if kind == "read" else run.written).append(name)
    return run


def fresh_build(work: Path, src: Path, builder: str, jobs: int, hashes: bool = False) -> Run:
    out = work / "out"
    for d in (out, work / "doctrees"):
        shutil.rmtree(d, ignore_errors=True)
    run = sphinx(src, out, work / "doctrees", builder, jobs, hashes=hashes)
    for d in (out, work / "doctrees"):
        shutil.rmtree(d, ignore_errors=True)
    return run


# -- the measurements ------------------------------------------------------------------


def median(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def full_builds(work: Path, seeds: list[Seed], people: dict, args) -> tuple[dict, dict]:
    """results[(pages, builder, jobs, project)] = [Run...]; identical[(pages, project)] = diff."""
    results: dict[tuple, list[Run]] = {}
    identical: dict[tuple, list[str] | None] = {}
    for count in args.pages:
        pages = make_pages(seeds, count, args.turns_per_page)
        turns = sum(len(p.turns) for p in pages)
        for project in PROJECTS:
            write_project(work / project, project, pages, people)
        print(f"{count} pages, {turns:,} turns", flush=True)
        last_html: dict[tuple, dict[str, str]] = {}
        for rep in range(args.repeat):
            for builder in args.builder:
                for jobs in args.jobs:
                    order = PROJECTS if rep % 2 == 0 else PROJECTS[::-1]
                    for project in order:
                        keep = builder == "html"
                        run = fresh_build(work / "build", work / project, builder, jobs, hashes=keep)
                        results.setdefault((count, builder, jobs, project), []).append(run)
                        if keep:
                            last_html[(project, jobs)] = run.hashes
                            run.hashes = {}
                        print(f"  [{rep + 1}/{args.repeat}] {builder:5} -j {jobs} {project:5} "
                              f"{run.seconds:7.2f} s {run.cpu:7.2f} s CPU {run.maxrss_mb:5.0f} MB {run.warnings:4} warnings",
                              flush=True)
        if len(args.jobs) > 1 and "html" in args.builder:
            low, high = min(args.jobs), max(args.jobs)
            for project in PROJECTS:
                a, b = last_html[(project, low)], last_html[(project, high)]
                identical[(count, project)] = sorted(
                    name for name in set(a) | set(b) if a.get(name) != b.get(name)
                )
    return results, identical


@dataclass
class Case:
    name: str
    seconds: float
    read: list[str]
    written: list[str]
    expect_read: set[str]
    expect_written: set[str]
    note: str = ""
    cpu: float = 0.0

    @classmethod
    def of(cls, run: Run, name: str, expect_read: set[str], expect_written: set[str],
           note: str = "") -> Case:
        return cls(name, run.seconds, run.read, run.written, expect_read, expect_written, note,
                   run.cpu)


def mentions(text: str, words: list[str]) -> bool:
    """Whether ``text`` names one of ``words`` (a phrase may wrap over lines)."""
    def pattern(phrase: str) -> str:
        return r"\s+".join(re.escape(part) for part in phrase.split())

    return any(re.search(rf"(?<!\w){pattern(w)}s?(?!\w)", text, re.I) for w in words)


def incremental(work: Path, seeds: list[Seed], people: dict, args) -> tuple[Run, list[Case]]:
    count = args.incremental_pages
    pages = make_pages(seeds, count, args.turns_per_page)
    src = work / "incremental"
    write_project(src, "ext", pages, people)
    out, doctrees, probe = work / "inc-out", work / "inc-doctrees", work / "probe.log"
    for d in (out, doctrees):
        shutil.rmtree(d, ignore_errors=True)

    def build() -> Run:
        time.sleep(1.1)  # mtimes: an edit must be newer than the last build's files
        return sphinx(src, out, doctrees, "html", 1, probe=probe)

    full = sphinx(src, out, doctrees, "html", 1, probe=probe)
    cases = []

    # (1) one speaker's bio in the registry: the speaker on fewest pages
    appears = {name: {p.docname for p in pages if name in p.speakers} for name in people}
    speaker = min((n for n in appears if appears[n]), key=lambda n: (len(appears[n]), n))
    registry = src / "speakers.toml"
    text = registry.read_text(encoding="utf-8")
    block = re.compile(rf'(name = "{re.escape(speaker)}"\n(?:[^\[\n][^\n]*\n)*?bio = ".*)"$', re.M)
    registry.write_text(block.sub(r'\1 Edited."', text, count=1), encoding="utf-8")
    assert registry.read_text(encoding="utf-8") != text, "bio not found in the registry"
    run = build()
    # "index" lists every page in its toctree: Sphinx writes it with any page it lists
    cases.append(Case.of(run, f"bio of {speaker} edited (speaks on {len(appears[speaker])} of {count} pages)",
                      appears[speaker] | {"people"}, appears[speaker] | {"people", "index"},
                      "Sphinx writes `index` again with the pages its toctree lists"))

    # (2) one glossary definition: the term mentioned on the fewest pages (at least one)
    glossary = src / "glossary.md"
    text = glossary.read_text(encoding="utf-8")
    entries = re.findall(r"^(\S[^\n]*)\n  (\S[^\n]*)$", text.split("```{glossary-aliases}")[0], re.M)
    aliases = dict(re.findall(r"^([^:\n]+): (.+)$", text.split("```{glossary-aliases}")[1], re.M))
    best = None
    for term, first_line in entries:
        if term.startswith(":"):
            continue
        words = [term, *[a.strip() for a in aliases.get(term, "").split(",") if a.strip()]]
        where = {p.docname for p in pages if mentions(p.words(), words)}
        if where and (best is None or len(where) < len(best[2])):
            best = (term, first_line, where)
    term, first_line, where = best
    glossary.write_text(text.replace(f"{term}\n  {first_line}", f"{term}\n  {first_line} Edited.", 1),
                        encoding="utf-8")
    run = build()
    cases.append(Case.of(run, f"definition of {term!r} edited (mentioned on {len(where)} of {count} pages)",
                      {"glossary"}, where | {"glossary", "index"},
                      "pages that mention it: found by a text search of the turns; "
                      "Sphinx writes `index` again with the glossary, which its toctree lists"))

    # (3) a page added and listed in the collection
    new = make_pages(seeds, 1, args.turns_per_page, start=count)[0]
    (src / f"{new.docname}.md").write_text(ext_page(new), encoding="utf-8")
    (src / "index.md").write_text(index_page("ext", [p.docname for p in pages] + [new.docname]),
                                  encoding="utf-8")
    run = build()
    listing = {new.docname, "index"}
    cases.append(Case.of(run, "page added to the collection",
                      listing, listing | {"people", pages[-1].docname, "glossary"},
                      "what lists a page: the index (its toctree and cards); written too: the people "
                      "page (it lists the new page's speakers' texts), the glossary (its entries list "
                      "the pages that mention them) and the previous page (its 'next' link)"))

    # (4) one word of one transcript page
    target = pages[len(pages) // 2]
    path = src / f"{target.docname}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(": ", ": Well, ", 1), encoding="utf-8")
    run = build()
    cases.append(Case.of(run, f"one turn of {target.docname} edited",
                      {target.docname}, {target.docname, "index"},
                      "Sphinx writes `index` again with the page (its toctree lists it; its card shows "
                      "the reading time); the people page only if a turn count changed"))
    return full, cases


def long_builds(work: Path, seeds: list[Seed], people: dict, args) -> dict:
    page = make_long_page(seeds, args.long_turns)
    for project in PROJECTS:
        write_project(work / f"long-{project}", project, [page], people)
    words = len(page.words().split())
    print(f"long transcript: {args.long_turns:,} turns, {words:,} words", flush=True)
    results: dict[tuple, list[Run]] = {}
    for rep in range(args.long_repeat):
        for builder in args.builder:
            order = PROJECTS if rep % 2 == 0 else PROJECTS[::-1]
            for project in order:
                run = fresh_build(work / "build", work / f"long-{project}", builder, 1)
                results.setdefault((builder, project), []).append(run)
                print(f"  [{rep + 1}/{args.long_repeat}] {builder:5} {project:5} {run.seconds:7.2f} s "
                      f"{run.cpu:7.2f} s CPU {run.maxrss_mb:7.0f} MB", flush=True)
    return {"turns": args.long_turns, "words": words, "results": results}


# -- the report ---------------------------------------------------------------------------


def machine() -> str:
    import docutils
    import myst_parser
    import sphinx as sphinx_pkg

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        ram = "RAM unknown"
    try:
        from importlib.metadata import version
        furo = version("furo")
    except Exception:  # noqa: BLE001
        furo = "?"
    return (f"{platform.platform()}; {os.cpu_count()} CPUs ({cpu or platform.processor() or '?'}), {ram}; "
            f"Python {platform.python_version()}, Sphinx {sphinx_pkg.__version__}, docutils "
            f"{docutils.__version__}, myst-parser {myst_parser.__version__}, furo {furo}")


def fmt_list(names: list[str] | set[str], limit: int = 6) -> str:
    names = sorted(set(names))
    if not names:
        return "none"
    shown = ", ".join(f"`{n}`" for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def report(args, results, identical, inc, long) -> str:
    lines = [
        f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} with:",
        "",
        "    " + " ".join(["python", "benchmarks/bench_build.py", *map(shlex.quote, sys.argv[1:])]),
        "",
        f"Machine: {machine()}.",
        "",
        f"Medians of {args.repeat}: wall time of the `sphinx-build` process, start-up included (ratio: of "
        "the medians; paired ratios: of the ext and plain builds of each repeat, which run one after "
        "the other, so a machine that slows down between repeats shows as spread, not bias); CPU = its "
        "user + system time, workers included (steadier than wall time when other jobs share the "
        "machine); peak RSS of the build and its `-j` workers (the largest, not the sum). ext = transcripts + autoglossary; plain = the same words as "
        f"MyST paragraphs. {args.turns_per_page} turns per page. `-n -q`, no `-W`.",
        "",
    ]
    if results:
        lines += [
            "| pages | builder | -j | ext | plain | **ratio** | paired ratios | ext CPU | plain CPU | **CPU ratio** | ext peak RSS | plain peak RSS | RSS ratio | ext output | plain output | warnings ext/plain |",
            "|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for count in args.pages:
            for builder in args.builder:
                for jobs in args.jobs:
                    e, p = results[(count, builder, jobs, "ext")], results[(count, builder, jobs, "plain")]
                    te, tp = median(e, "seconds"), median(p, "seconds")
                    me, mp = median(e, "maxrss_mb"), median(p, "maxrss_mb")
                    ce, cp = median(e, "cpu"), median(p, "cpu")
                    # each repeat builds ext and plain one after the other: their ratio
                    # is free of the machine's drift from one repeat to the next
                    paired = ", ".join(f"{a.seconds / b.seconds:.2f}" for a, b in zip(e, p, strict=True))
                    lines.append(
                        f"| {count} | {builder} | {jobs} | {te:.2f} s | {tp:.2f} s | **{te / tp:.2f}** | {paired} | "
                        f"{ce:.2f} s | {cp:.2f} s | **{ce / cp:.2f}** | "
                        f"{me:.0f} MB | {mp:.0f} MB | {me / mp:.2f} | {median(e, 'output_mb'):.1f} MB | "
                        f"{median(p, 'output_mb'):.1f} MB | {e[-1].warnings}/{p[-1].warnings} |"
                    )
        if len(args.jobs) > 1:
            low, high = min(args.jobs), max(args.jobs)
            lines += ["", f"`-j {high}` speedup (median `-j {low}` time / median `-j {high}` time), "
                      f"and HTML output of `-j {low}` and `-j {high}` compared byte for byte:", "",
                      f"| pages | builder | ext speedup | plain speedup | ext HTML -j {low} = -j {high} | plain HTML -j {low} = -j {high} |",
                      "|---:|---|---:|---:|---|---|"]
            for count in args.pages:
                for builder in args.builder:
                    cells = []
                    for project in PROJECTS:
                        slow = median(results[(count, builder, low, project)], "seconds")
                        fast = median(results[(count, builder, high, project)], "seconds")
                        cells.append(f"{slow / fast:.2f}x")
                    same = []
                    for project in PROJECTS:
                        if builder != "html":
                            same.append("–")
                            continue
                        diff = identical.get((count, project), [])
                        same.append("identical" if not diff else f"{len(diff)} files differ: {fmt_list(diff, 4)}")
                    lines.append(f"| {count} | {builder} | {cells[0]} | {cells[1]} | {same[0]} | {same[1]} |")
    if inc:
        full, cases = inc
        lines += ["", f"Incremental HTML builds of the ext project ({args.incremental_pages} pages, `-j 1`), "
                  f"each after the one before; the full build took {full.seconds:.2f} s and read "
                  f"{len(full.read)} documents.", "",
                  "| change | time | CPU | re-read | should re-read | written | should write |",
                  "|---|---:|---:|---|---|---|---|"]
        notes_all: list[str] = []
        for c in cases:
            extra_r = set(c.read) - c.expect_read
            extra_w = set(c.written) - c.expect_written
            lines.append(
                f"| {c.name} | {c.seconds:.2f} s | {c.cpu:.2f} s | {len(set(c.read))}: {fmt_list(c.read, 3)} | "
                f"{len(c.expect_read)}: {fmt_list(c.expect_read, 3)} | {len(set(c.written))}: "
                f"{fmt_list(c.written, 3)} | {len(c.expect_written)}: {fmt_list(c.expect_written, 3)} |"
            )
            missing = (c.expect_read - set(c.read)) | (c.expect_written - set(c.written))
            notes = []
            if extra_r:
                notes.append(f"{len(extra_r)} re-read beyond the target")
            if extra_w:
                notes.append(f"{len(extra_w)} written beyond the target")
            if missing:
                notes.append(f"expected but not touched: {fmt_list(missing, 4)}")
            if c.note:
                notes.append(c.note)
            notes_all.append(f"*{c.name}*: " + ("; ".join(notes) or "on target"))
        lines += [""] + [f"- {n}" for n in notes_all]
    if long:
        lines += ["", f"One page of {long['turns']:,} turns ({long['words']:,} words), "
                  f"median of {args.long_repeat}, `-j 1`:", "",
                  "| builder | ext | plain | **time ratio** | ext CPU | plain CPU | **CPU ratio** | ext peak RSS | plain peak RSS | **RSS ratio** |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for builder in args.builder:
            e, p = long["results"][(builder, "ext")], long["results"][(builder, "plain")]
            te, tp = median(e, "seconds"), median(p, "seconds")
            me, mp = median(e, "maxrss_mb"), median(p, "maxrss_mb")
            ce, cp = median(e, "cpu"), median(p, "cpu")
            lines.append(f"| {builder} | {te:.2f} s | {tp:.2f} s | **{te / tp:.2f}** | {ce:.2f} s | "
                         f"{cp:.2f} s | **{ce / cp:.2f}** | {me:.0f} MB | "
                         f"{mp:.0f} MB | **{me / mp:.2f}** |")
    return "\n".join(lines) + "\n"


def parse_report(repeat: int) -> str:
    """The 3-hour episode of bench_parse.py, parsed in this same run."""
    sys.path.insert(0, str(Path(__file__).parent))
    import bench_parse

    text = bench_parse.episode(3000)
    ours = bench_parse.median_seconds(bench_parse.ours, text, max(repeat, 3))
    floor = bench_parse.median_seconds(bench_parse.library, text, max(repeat, 3))
    return (
        "\nA 3-hour episode, 3,000 WebVTT cues (`benchmarks/bench_parse.py`), median of "
        f"{max(repeat, 3)}: detected, parsed and its speakers resolved in **{ours:.3f} s** "
        f"(target: under 1 s); webvtt-py alone reads its captions in {floor:.3f} s "
        f"(ratio {ours / floor:.2f}).\n"
    )


START, END = "<!-- bench_build:start -->", "<!-- bench_build:end -->"


def write_report(path: Path, text: str) -> None:
    """Put the report between the markers in ``path``: replace what they hold,
    or append a marked section if the file has none (or write a new file)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        head, rest = old.split(START, 1)
        new = head + START + "\n" + text + END + rest.split(END, 1)[1]
    else:
        new = (old.rstrip("\n") + "\n\n" if old else "") + START + "\n" + text + END + "\n"
    path.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--builder", nargs="+", default=["html"], choices=["html", "latex"])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--turns-per-page", type=int, default=25)
    parser.add_argument("--incremental-pages", type=int, default=None,
                        help="size of the incremental cases (default: the first --pages; 0 skips them)")
    parser.add_argument("--long-turns", type=int, default=100_000, help="0 skips the long transcript")
    parser.add_argument("--long-repeat", type=int, default=1)
    parser.add_argument("--write", type=Path, help="write the Markdown report here (replacing the "
                        f"section between {START} and {END} if the file has them)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args()
    if args.incremental_pages is None:
        args.incremental_pages = args.pages[0] if args.pages else 0

    # pip compiled the installed packages (Sphinx, MyST, furo…) when it
    # installed them; compile the extensions too, so that neither project's
    # builds compile modules from source (a machine may set
    # PYTHONDONTWRITEBYTECODE, which the builds' environment leaves out)
    compileall.compile_dir(Path(sphinx_transcripts.__file__).parent, quiet=1)
    seeds, people = load_seeds()
    print("seeds: " + ", ".join(f"{s.name} ({len(s.turns)} turns)" for s in seeds), flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        results, identical = full_builds(work, seeds, people, args)
        inc = incremental(work, seeds, people, args) if args.incremental_pages else None
        long = long_builds(work, seeds, people, args) if args.long_turns else None
    finally:
        if args.keep:
            print(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = report(args, results, identical, inc, long) + parse_report(args.repeat)
    print()
    print(text)
    if args.write:
        write_report(args.write, text)


if __name__ == "__main__":
    main()

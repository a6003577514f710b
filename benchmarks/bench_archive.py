"""Benchmark a podcast archive: a thousand hour-long episodes, built as the site is built.

Run from the repository root (the figures in BENCHMARKS.md come from it):

    .venv/bin/python benchmarks/bench_archive.py --episodes 250 500 1000 --words 9000 --rtd --incremental

A quick check that everything works (a minute or two):

    .venv/bin/python benchmarks/bench_archive.py --episodes 20 --words 1000

What it does, all in one temporary directory and one run:

1. Generates an archive of ``--episodes`` episodes of about ``--words``
   words each from the real turns of the seed transcripts (read with the
   extension's own parser, as ``bench_build.py`` reads them: consecutive
   turns of one seed, wrapping round to its start).  Every episode has a
   host and one or two guests from a registry of ``--people`` people (the
   seeds' own people and invented ones, each with a bio); the seed's
   speakers are renamed to the episode's.  Episodes come in seasons of
   ``--season-size``: a folder per season (``seasons/<year>/``), its page
   ``index.md`` listing its episodes, each episode's front matter a
   ``summary``, ``date``, ``duration``, ``season`` and ``episode``, its
   transcript an ``:audio:`` URL (so it is an episode: player, feed files).
2. Writes two projects of the same words and pages: **ext**, the site's real
   configuration (its ``conf.py``, ``_static``, ``_templates``, the site layer
   in ``_ext/site_layer``, ``glossary.md``; OpenGraph social cards, sitemap,
   404 page: ``READTHEDOCS_CANONICAL_URL`` is set for every build, as Read
   the Docs sets it, so the sitemap is written), with the ``archive``
   directive for the seasons when the extension has it (the ``collection``
   directive otherwise); and **plain**, the floor: Sphinx + furo + MyST
   (+ sphinx_design) of the same pages as ``**Name:** text`` paragraphs, the
   same glossary as a plain Sphinx glossary, the registry as prose, toctrees.
3. Builds each size's two projects ``--repeat`` times, ext and plain
   alternating (and taking turns at going first), each a fresh
   ``sphinx-build -b html -n -q -j 1`` subprocess with fresh output and
   doctrees, the disk synced before each.  It records the wall time, the CPU time of the process tree,
   the peak memory of the process tree (the sum of the proportional set
   size of the build and every process under it, sampled twice a second:
   pages a forked helper shares with the build are counted once; plus what
   the tree keeps in ``/dev/shm``; and ``wait4``'s largest resident
   process), the time of each page, the CPU of each helper process (the
   card worker, Pagefind) and, by a probe loaded last in the ext builds
   (:data:`EXTRAS_PROBE`), the time the site's extras take on the build's
   path.
4. ``--extras PAIRS``: the ext project without the site's extras (social
   cards, sitemap, 404 page), PAIRS times, alternating with builds with
   them, at ``--extras-at`` episodes (the largest size by default): what
   they cost, as the difference of the medians (which a noisy machine
   blurs, hence the pairs; the probe's figure is the build's own).
5. ``--incremental``: on the largest ext project, after a full build and
   the disk synced, one turn of one episode edited, then ``sphinx-build``
   again: its time and what it read and wrote.
6. ``--rtd``: the largest ext project built as Read the Docs builds it,
   with ``../shared/tools/rtd-sim`` (HTML, zip, PDF through latexmk, EPUB;
   no ``-j``), timed end to end, with the peak memory of its process tree.
   ``--rtd-timeout`` stops it (Read the Docs stops at 900 s).
7. ``--profile FILE``: a cProfile of the smallest ext build, in-process, to FILE.

It is a benchmark, not a test: nothing fails when a figure misses its target.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

import bench_build  # noqa: E402
import sphinx_transcripts  # noqa: E402
from _common import conf_head  # noqa: E402
from bench_build import PROBE, Seed, ext_page, load_seeds, machine, plain_glossary, plain_page  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RTD_SIM = REPO.parent / "shared" / "tools" / "rtd-sim"
CANONICAL = "https://bench-archive.readthedocs.io/en/latest/"
PROJECTS = ("ext", "plain")

# -- the archive ------------------------------------------------------------------------

# Invented names for the registry (first and family names combined).
FIRST = ["Ada", "Bram", "Cleo", "Dario", "Esme", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kira",
         "Lars", "Mina", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Sami", "Tove", "Ugo", "Vera",
         "Wren", "Xavi", "Yara", "Zeno"]
FAMILY = ["Abara", "Brenner", "Castell", "Dufort", "Ekwall", "Fiorin", "Galloway", "Haldane",
          "Iversen", "Jaramillo", "Kovac", "Lindqvist", "Moreau"]
TOPICS = ["training loops", "data pipelines", "compilers for tensors", "model serving",
          "evaluation", "notebooks", "open-source maintenance", "teaching", "hardware"]


@dataclass
class Person:
    name: str
    bio: str


@dataclass
class Episode:
    docname: str
    title: str
    season: int
    number: int
    date: dt.date
    minutes: int
    host: str
    guests: list[str]
    #: (speaker, paragraphs of lines), speakers renamed to the episode's people
    turns: list[tuple[str, list[list[str]]]] = field(default_factory=list)

    @property
    def seed(self) -> Seed:
        # what bench_build's page writers read: the episode's people
        return Seed(self.title, [self.host], self.guests)


def registry(seeds: list[Seed], seed_people: dict, count: int) -> tuple[list[Person], list[Person]]:
    """The hosts and the guests: the seeds' own people first, invented ones after."""
    hosts = [Person(n, seed_people.get(n, ("A host.", []))[0])
             for n in dict.fromkeys(h for s in seeds for h in s.hosts)]
    guests = [Person(n, seed_people.get(n, ("A guest.", []))[0])
              for n in dict.fromkeys(g for s in seeds for g in s.guests) if n not in {h.name for h in hosts}]
    number = 0
    while len(hosts) + len(guests) < count:
        name = f"{FIRST[number % len(FIRST)]} {FAMILY[number // len(FIRST) % len(FAMILY)]}"
        if number >= len(FIRST) * len(FAMILY):
            name += f" {number // (len(FIRST) * len(FAMILY)) + 1}"
        topic = TOPICS[number % len(TOPICS)]
        person = Person(name, f"Invented guest of the benchmark archive, who works on {topic}.")
        (hosts if len(hosts) < 8 else guests).append(person)
        number += 1
    return hosts, guests


def make_archive(seeds: list[Seed], hosts: list[Person], guests: list[Person], episodes: int,
                 words: int, season_size: int) -> list[Episode]:
    """``episodes`` episodes of at least ``words`` words of consecutive seed turns.

    Episode *i* takes seed *i* mod 5, starting at a turn that moves on with
    *i*, so the episodes differ; the seed's hosts become the episode's host,
    its guests the episode's guests (one or two, taken round the registry).
    """
    out = []
    for index in range(episodes):
        seed = seeds[index % len(seeds)]
        season, number = divmod(index, season_size)
        host = hosts[index % len(hosts)].name
        chosen = [guests[(index * 7 + k) % len(guests)].name for k in range(1 + index % 2)]
        rename = {name: host for name in seed.hosts}
        for k, name in enumerate(seed.guests):
            rename[name] = chosen[k % len(chosen)]
        start = (index * 13) % len(seed.turns)
        turns: list[tuple[str, list[list[str]]]] = []
        count = 0
        k = 0
        while count < words:
            speaker, paragraphs = seed.turns[(start + k) % len(seed.turns)]
            turns.append((rename.get(speaker, speaker), paragraphs))
            count += sum(len(line.split()) for para in paragraphs for line in para)
            k += 1
        speakers = {s for s, _ in turns}
        year = 2001 + season
        out.append(Episode(
            f"seasons/{year}/{number + 1:03d}", f"Episode {index + 1}: {seed.name} ({k} turns)", season + 1,
            number + 1, dt.date(year, 1, 1) + dt.timedelta(days=7 * number), 40 + index % 40, host,
            [g for g in chosen if g in speakers] or chosen[:1], turns))
    return out


def front_matter(episode: Episode) -> str:
    return (f"---\nsummary: Episode {episode.number} of season {episode.season}, turns of the seed "
            f"transcripts generated for the archive benchmark.\ndate: {episode.date.isoformat()}\n"
            f"duration: {episode.minutes}:00\nseason: {episode.season}\nepisode: {episode.number}\n---\n\n")


def ext_episode(episode: Episode) -> str:
    page = ext_page(episode)  # type: ignore[arg-type]  # a Page's shape
    body = page.split("---\n\n", 1)[1]
    audio = f":audio: https://media.example.org/archive/{episode.docname.replace('/', '-')}.mp3\n"
    body = re.sub(r"(\{transcript\}\n)", lambda m: m[1] + audio, body, count=1)
    return front_matter(episode) + body


def plain_episode(episode: Episode) -> str:
    return front_matter(episode) + plain_page(episode).split("---\n\n", 1)[1]  # type: ignore[arg-type]


def has_archive() -> bool:
    try:
        import sphinx_transcripts.collection.archive  # noqa: F401
    except ImportError:
        return False
    return True


def season_page(project: str, year: int, docnames: list[str]) -> str:
    names = "\n".join(d.rsplit("/", 1)[1] for d in docnames)
    if project == "ext" and has_archive():
        body = "```{archive}\n```\n"
    else:
        directive = "collection" if project == "ext" else "toctree"
        body = f"```{{{directive}}}\n:caption: Episodes of {year}\n\n{names}\n```\n"
    return f"# Season {year}\n\nThe episodes of {year}.\n\n{body}"


def index_page(project: str, years: list[int]) -> str:
    head = "# An archive (benchmark)\n\nA thousand hour-long episodes made of the seed transcripts' turns.\n\n"
    seasons = "\n".join(f"seasons/{y}/index" for y in reversed(years))
    if project == "ext" and has_archive():
        listing = "```{archive}\n:caption: Seasons\n:glob:\n:reversed:\n\nseasons/*/index\n```\n"
    else:
        directive = "collection" if project == "ext" else "toctree"
        listing = f"```{{{directive}}}\n:caption: Seasons\n\n{seasons}\n```\n"
    return head + listing + "\n```{toctree}\n:hidden:\n:caption: Reference\n\npeople\nglossary\n```\n"


def registry_toml(people: list[Person]) -> str:
    def q(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    return "".join(f'[[speaker]]\nname = "{q(p.name)}"\nbio = "{q(p.bio)}"\n\n' for p in people)


#: after the head all generated projects share (_common.CONF_HEAD)
PLAIN_EXTENSIONS = '''\
extensions = ["myst_parser", "sphinx_design", "benchprobe"]
'''

#: Times, in the build's own process, what the site's extras do on the
#: build's path: every event handler of sphinxext-opengraph (with the social
#: cards it hands the card worker, and its wait for them at the end),
#: sphinx-sitemap, sphinx-notfound-page and the site layer's modules for them
#: (cards, sitemap, descriptions), and the writing of the 404 page.  Loaded
#: last (its setup runs after every other extension's), it wraps their
#: listeners; at the end it appends "<seconds>\t<calls>\t<what>" lines to
#: BENCH_EXTRAS_LOG.
EXTRAS_PROBE = '''\
"""Benchmark probe: the wall time of the site's extras in the build's process."""
import os
import time
from collections import defaultdict

EXTRAS = ("sphinxext.opengraph", "sphinx_sitemap", "notfound", "site_layer.cards",
          "site_layer.sitemap", "site_layer.descriptions")
spent = defaultdict(float)
calls = defaultdict(int)


def timed(handler, what):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[what] += time.perf_counter() - start
            calls[what] += 1
    return wrapper


def setup(app):
    log = os.environ.get("BENCH_EXTRAS_LOG")
    if not log:
        return {"parallel_read_safe": True, "parallel_write_safe": True}
    for event, listeners in app.events.listeners.items():
        for index, listener in enumerate(listeners):
            module = getattr(listener.handler, "__module__", "") or ""
            if module.startswith(EXTRAS):
                name = getattr(listener.handler, "__name__", "?")
                listeners[index] = listener._replace(
                    handler=timed(listener.handler, f"{module}.{name} ({event})"))

    def wrap_404(app):
        page = getattr(app.config, "notfound_pagename", None)
        handle_page = getattr(app.builder, "handle_page", None)
        if page is None or handle_page is None:
            return

        def handle(pagename, *args, **kwargs):
            if pagename != page:
                return handle_page(pagename, *args, **kwargs)
            return timed(handle_page, "the 404 page written")(pagename, *args, **kwargs)
        app.builder.handle_page = handle

    def report(app, exception):
        with open(log, "a", encoding="utf-8") as file:
            for what, seconds in sorted(spent.items(), key=lambda item: -item[1]):
                file.write(f"{seconds:.3f}\\t{calls[what]}\\t{what}\\n")

    app.connect("builder-inited", wrap_404)
    app.connect("build-finished", report, priority=10000)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

#: the site's conf.py, with the benchmark's probes; without the site's extras for --extras
EXT_CONF_TAIL = '''
sys.path.insert(0, {here!r})
extensions.append("benchprobe")
extensions.append("benchextras")
# the essays are not in the archive: terms only they mention go unused
suppress_warnings = ["autoglossary.unused"]
if os.environ.get("BENCH_NO_EXTRAS"):
    extensions.remove("sphinxext.opengraph")
    extensions.remove("notfound.extension")
    if "sphinx_sitemap" in extensions:
        extensions.remove("sphinx_sitemap")
'''


def write_project(root: Path, project: str, episodes: list[Episode], people: list[Person]) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(REPO / "_static", root / "_static")
    shutil.copytree(REPO / "_templates", root / "_templates")
    (root / "benchprobe.py").write_text(PROBE, encoding="utf-8")
    (root / "benchextras.py").write_text(EXTRAS_PROBE, encoding="utf-8")
    glossary = (REPO / "glossary.md").read_text(encoding="utf-8")
    people_head = "# People\n\nEveryone who speaks in the archive.\n\n"
    if project == "ext":
        shutil.copytree(REPO / "_ext" / "site_layer", root / "_ext" / "site_layer",
                        ignore=shutil.ignore_patterns("__pycache__"))
        (root / "conf.py").write_text((REPO / "conf.py").read_text(encoding="utf-8")
                                      + EXT_CONF_TAIL.format(here=str(root)), encoding="utf-8")
        # what Read the Docs (and rtd-sim) looks for: its config and the files it names
        shutil.copy(REPO / ".readthedocs.yaml", root / ".readthedocs.yaml")
        shutil.copy(REPO / "requirements.txt", root / "requirements.txt")
        (root / "interviews").mkdir()
        (root / "interviews" / "speakers.toml").write_text(registry_toml(people), encoding="utf-8")
        (root / "glossary.md").write_text(glossary, encoding="utf-8")
        (root / "people.md").write_text(people_head + "```{people}\n```\n", encoding="utf-8")
    else:
        conf = conf_head(str(root), "Practitioners' Conversations", ["_build", "_readthedocs"])
        (root / "conf.py").write_text(conf + PLAIN_EXTENSIONS, encoding="utf-8")
        (root / "glossary.md").write_text(plain_glossary(glossary), encoding="utf-8")
        (root / "people.md").write_text(
            people_head + "".join(f"## {p.name}\n\n{p.bio}\n\n" for p in people), encoding="utf-8")
    render = ext_episode if project == "ext" else plain_episode
    seasons: dict[int, list[str]] = {}
    for episode in episodes:
        path = root / f"{episode.docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(episode), encoding="utf-8")
        seasons.setdefault(episode.date.year, []).append(episode.docname)
    for year, docnames in seasons.items():
        (root / "seasons" / str(year) / "index.md").write_text(season_page(project, year, docnames),
                                                               encoding="utf-8")
    (root / "index.md").write_text(index_page(project, sorted(seasons)), encoding="utf-8")


# -- running and measuring -----------------------------------------------------------------


_TICK = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, float]]:
    """Every process: its parent and the CPU it has used (user + system)."""
    found: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command may hold spaces and parentheses: the fields follow the last ")"
        fields = stat[stat.rindex(b")") + 2:].split()
        found[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    return found


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


#: the shared-memory filesystem: what the build keeps there is its memory too
SHM = "/dev/shm"


def _shm_kb() -> int:
    try:
        stat = os.statvfs(SHM)
    except OSError:
        return 0
    return (stat.f_blocks - stat.f_bfree) * stat.f_frsize // 1024


def _pss_kb(pid: int) -> int:
    """A process's proportional set size: its resident memory, the pages it
    shares with others (a forked helper's, say) counted by share, so that the
    sum over a tree is the memory the tree holds."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """The largest sum of the memory of a process and all under it (and of
    what it keeps in ``/dev/shm``), sampled; and the CPU each process of the
    tree had used when last seen (:meth:`cpu_by_kind`)."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.pid, self.every, self.peak_kb = pid, every, 0
        self.shm_start_kb = _shm_kb()
        #: pid: (command, CPU seconds when last seen)
        self.seen: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            processes = _processes()
            tree: dict[int, list[int]] = {}
            for pid, (ppid, _) in processes.items():
                tree.setdefault(ppid, []).append(pid)
            todo, total = [self.pid], max(0, _shm_kb() - self.shm_start_kb)
            while todo:
                pid = todo.pop()
                total += _pss_kb(pid)
                if pid in processes:
                    command = self.seen[pid][0] if pid in self.seen else _command(pid)
                    self.seen[pid] = (command, processes[pid][1])
                todo += tree.get(pid, [])
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.every)

    def cpu_by_kind(self) -> dict[str, float]:
        """CPU seconds of the tree's processes other than the build's own, by
        kind (as last sampled: up to half a second of each is missed)."""
        kinds: dict[str, float] = {}
        for pid, (command, seconds) in self.seen.items():
            if pid == self.pid:
                continue
            kind = ("card worker" if "multiprocessing" in command else
                    "Pagefind" if "pagefind" in command else command.split(" ")[0].rsplit("/", 1)[-1])
            kinds[kind] = kinds.get(kind, 0.0) + seconds
        return kinds

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


@dataclass
class Run:
    seconds: float
    cpu: float
    tree_mb: float
    maxrss_mb: float
    returncode: int
    warnings: int = 0
    output_mb: float = 0.0
    stderr: str = ""
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    #: CPU seconds of the build's helper processes, by kind (TreeMemory.cpu_by_kind)
    helpers: dict[str, float] = field(default_factory=dict)
    #: (seconds, calls, what) of the site's extras in the build's process (EXTRAS_PROBE)
    extras: list[tuple[float, int, str]] = field(default_factory=list)


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None, timeout: float | None = None) -> Run:
    """One command in a subprocess: wall, CPU and tree memory."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=err, stderr=subprocess.STDOUT,
                                start_new_session=True)
        memory = TreeMemory(proc.pid)
        timer = None
        if timeout:
            def stop() -> None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, 15)
            timer = threading.Timer(timeout, stop)
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        tree = memory.stop()
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, tree, usage.ru_maxrss / 1024,
               os.waitstatus_to_exitcode(status), text.count("WARNING:"), stderr=text,
               helpers=memory.cpu_by_kind())


def build_env(probe: Path | None = None, extras: bool = True, timing: Path | None = None) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("BENCH_PROBE_LOG", None)
    env.pop("BENCH_NO_EXTRAS", None)
    env.pop("BENCH_EXTRAS_LOG", None)
    env["READTHEDOCS_CANONICAL_URL"] = CANONICAL
    if probe is not None:
        probe.unlink(missing_ok=True)
        env["BENCH_PROBE_LOG"] = str(probe)
    if timing is not None:
        timing.unlink(missing_ok=True)
        env["BENCH_EXTRAS_LOG"] = str(timing)
    if not extras:
        env["BENCH_NO_EXTRAS"] = "1"
    return env


def sphinx(src: Path, out: Path, doctrees: Path, *, probe: Path | None = None, extras: bool = True) -> Run:
    cmd = [PYTHON, "-m", "sphinx", "-b", "html", "-n", "-q", "-j", "1", "-d", str(doctrees), str(src), str(out)]
    timing = out.parent / f"{out.name}-extras.log"
    result = run(cmd, env=build_env(probe, extras, timing if extras else None))
    if timing.exists():
        for line in timing.read_text(encoding="utf-8").splitlines():
            seconds, calls, what = line.split("\t", 2)
            result.extras.append((float(seconds), int(calls), what))
        timing.unlink()
    result.output_mb = bench_build.tree_bytes(out) / 1e6 if out.exists() else 0.0
    if result.returncode:
        print(f"  ! {shlex.join(cmd)} exited {result.returncode}:\n{result.stderr[-3000:]}", file=sys.stderr)
    if probe is not None and probe.exists():
        for line in probe.read_text(encoding="utf-8").splitlines():
            kind, _, name = line.partition("\t")
            (result.read if kind == "read" else result.written).append(name)
    return result


def fresh(work: Path, src: Path, keep: bool = False, **kwargs) -> Run:
    """A build with a fresh output and doctree folder; ``keep``: they are kept
    (in ``inc-out`` and ``inc-doctrees``) for the incremental build after it."""
    out, doctrees = work / "out", work / "doctrees"
    for d in (out, doctrees):
        shutil.rmtree(d, ignore_errors=True)
    # the last build's output written back and its removal done before this
    # one starts: each build is timed on a settled disk, not on the last one's
    os.sync()
    result = sphinx(src, out, doctrees, probe=work.parent / "probe.log" if keep else None, **kwargs)
    for d, kept in ((out, "inc-out"), (doctrees, "inc-doctrees")):
        if keep:
            shutil.rmtree(work.parent / kept, ignore_errors=True)
            d.rename(work.parent / kept)
        else:
            shutil.rmtree(d, ignore_errors=True)
    return result


def show(label: str, r: Run) -> None:
    print(f"  {label:28} {r.seconds:8.1f} s {r.cpu:8.1f} s CPU {r.tree_mb:6.0f} MB tree "
          f"({r.maxrss_mb:.0f} MB largest) {r.warnings} warnings{'' if not r.returncode else ' FAILED'}"
          f"  load {os.getloadavg()[0]:.1f}", flush=True)


# -- the report ------------------------------------------------------------------------------


def med(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def report(args, sizes: dict, results: dict, extras: dict, inc, rtd, loads: list[str]) -> str:
    largest = max(args.episodes)
    lines = [
        f"Run {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC with:", "",
        "    " + shlex.join(["python", "benchmarks/bench_archive.py", *sys.argv[1:]]), "",
        f"Machine: {machine()}.", "",
        "Load of the machine (`uptime`'s 1-minute load average, 2 cores) before each build: "
        + "; ".join(loads) + ".", "",
        f"Medians of {args.repeat}; `sphinx-build -b html -n -q -j 1`, fresh output and doctrees; wall time, "
        "CPU (user + system of the process tree), peak memory of the process tree (sum of the proportional "
        "set size of every process, shared pages counted once, sampled every 0.5 s). ext = the site's configuration; plain = "
        "Sphinx + furo + MyST of the same words and pages.", "",
        "| episodes | words | ext | plain | **time ratio** | ext CPU | plain CPU | ext per page | plain per page "
        "| ext memory | plain memory | **memory ratio** | ext output | plain output | warnings ext/plain |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in args.episodes:
        if (n, "ext") not in results:
            continue
        e, p = results[(n, "ext")], results.get((n, "plain"))
        te, ce, me = med(e, "seconds"), med(e, "cpu"), med(e, "tree_mb")
        if p:
            tp, cp, mp = med(p, "seconds"), med(p, "cpu"), med(p, "tree_mb")
            lines.append(
                f"| {n:,} | {sizes[n]:,} | {te:.1f} s | {tp:.1f} s | **{te / tp:.2f}** | {ce:.1f} s | {cp:.1f} s | "
                f"{1000 * te / n:.0f} ms | {1000 * tp / n:.0f} ms | {me:.0f} MB | {mp:.0f} MB | **{me / mp:.2f}** | "
                f"{med(e, 'output_mb'):.0f} MB | {med(p, 'output_mb'):.0f} MB | {e[-1].warnings}/{p[-1].warnings} |")
        else:
            lines.append(
                f"| {n:,} | {sizes[n]:,} | {te:.1f} s | – | – | {ce:.1f} s | – | {1000 * te / n:.0f} ms | – | "
                f"{me:.0f} MB | – | – | {med(e, 'output_mb'):.0f} MB | – | {e[-1].warnings}/– |")
    if extras:
        lines += ["", "The site's extras (OpenGraph social cards, sitemap, 404 page): the ext build with and "
                  "without them, alternating (with first), medians:", "",
                  "| episodes | builds with / without | with | without | **share of the wall time** | with, CPU "
                  "| without, CPU | share of the CPU | each build with; without |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for n, (withs, withouts) in extras.items():
            tw, to, cw, co = med(withs, "seconds"), med(withouts, "seconds"), med(withs, "cpu"), med(withouts, "cpu")
            each = (", ".join(f"{r.seconds:.1f}" for r in withs) + " s; "
                    + ", ".join(f"{r.seconds:.1f}" for r in withouts) + " s")
            lines.append(f"| {n:,} | {len(withs)} / {len(withouts)} | {tw:.1f} s | {to:.1f} s | "
                         f"**{(tw - to) / tw:.1%}** | {cw:.1f} s | {co:.1f} s | {(cw - co) / cw:.0%} | {each} |")
    timed = [(n, runs[0]) for (n, project), runs in results.items() if project == "ext" and runs[0].extras]
    if timed:
        lines += ["", "The extras timed inside each ext build (`benchextras`, a probe loaded last: the wall "
                  "time of every event handler of sphinxext-opengraph, sphinx-sitemap, sphinx-notfound-page "
                  "and the site layer's cards, sitemap and descriptions, in the build's process, with the "
                  "cards' wait for their worker at the end, plus the writing of the 404 page, whose "
                  "handlers are then counted twice); and the CPU of the build's helper processes, on the "
                  "machine's other core:", "",
                  "| episodes | build | **extras on the build's path** | **share** | card worker CPU "
                  "| Pagefind CPU | largest parts |", "|---:|---:|---:|---:|---:|---:|---|"]
        for n, r in timed:
            spent = sum(seconds for seconds, _, _ in r.extras)
            parts = "; ".join(f"{what} {seconds:.1f} s" for seconds, _, what in r.extras[:3])
            lines.append(f"| {n:,} | {r.seconds:.1f} s | **{spent:.1f} s** | **{spent / r.seconds:.1%}** | "
                         f"{r.helpers.get('card worker', 0.0):.1f} s | {r.helpers.get('Pagefind', 0.0):.1f} s | "
                         f"{parts} |")
    if inc:
        full, edit, target = inc
        lines += ["", f"Incremental HTML build of the {largest:,}-episode ext project after one turn of "
                  f"`{target}` was edited (`-j 1`; the full build before it took {full.seconds:.1f} s): "
                  f"**{edit.seconds:.1f} s** ({edit.cpu:.1f} s CPU, {edit.tree_mb:.0f} MB; the disk "
                  f"synced before it); read "
                  f"{len(set(edit.read))}: {bench_build.fmt_list(edit.read, 4)}; written {len(set(edit.written))}: "
                  f"{bench_build.fmt_list(edit.written, 4)}."]
    if rtd:
        r, summary = rtd
        lines += ["", f"Read the Docs' commands (`../shared/tools/rtd-sim`, no `-j`: HTML, zip, PDF, EPUB) "
                  f"on the {largest:,}-episode ext project: **{r.seconds / 60:.1f} min**, peak memory of the "
                  f"process tree **{r.tree_mb:.0f} MB** (largest process {r.maxrss_mb:.0f} MB), exit "
                  f"{r.returncode}: `{summary}`."]
    return "\n".join(lines) + "\n"


START, END = "<!-- bench_archive:start -->", "<!-- bench_archive:end -->"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--episodes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--words", type=int, default=9000)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--season-size", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--projects", nargs="+", default=list(PROJECTS), choices=PROJECTS,
                        help="which projects to build (both: the ratio; one: run two invocations side by side)")
    parser.add_argument("--extras", type=int, nargs="?", const=1, default=0, metavar="PAIRS",
                        help="the ext build without the extras, PAIRS times, alternating with builds with them")
    parser.add_argument("--extras-at", type=int, metavar="EPISODES",
                        help="the size the extras are measured at (the largest by default)")
    parser.add_argument("--incremental", action="store_true")
    parser.add_argument("--rtd", action="store_true")
    parser.add_argument("--rtd-timeout", type=float, default=3600)
    parser.add_argument("--profile", type=Path, help="cProfile of the smallest ext build to this file")
    parser.add_argument("--write", type=Path, help="write the report between the bench_archive markers")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    compileall.compile_dir(Path(sphinx_transcripts.__file__).parent, quiet=1)
    seeds, seed_people = load_seeds()
    hosts, guests = registry(seeds, seed_people, args.people)
    work = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    print(f"work in {work}; archive directive: {has_archive()}", flush=True)
    sizes: dict[int, int] = {}
    results: dict[tuple, list[Run]] = {}
    extras: dict[int, tuple[list[Run], list[Run]]] = {}
    extras_at = args.extras_at or max(args.episodes)
    loads: list[str] = []
    inc = rtd = None
    try:
        for n in args.episodes:
            episodes = make_archive(seeds, hosts, guests, n, args.words, args.season_size)
            sizes[n] = sum(len(line.split()) for e in episodes for _, ps in e.turns for p in ps for line in p)
            for project in PROJECTS:
                write_project(work / f"{project}-{n}", project, episodes, hosts + guests)
            print(f"{n} episodes, {sizes[n]:,} words", flush=True)
            if args.profile and n == min(args.episodes):
                profile(work / f"ext-{n}", work, args.profile)
            for rep in range(args.repeat):
                order = PROJECTS if rep % 2 == 0 else PROJECTS[::-1]
                for project in order:
                    if project not in args.projects:
                        continue
                    loads.append(f"{n} {project} {os.getloadavg()[0]:.1f}")
                    keep = args.incremental and project == "ext" and n == max(args.episodes) and rep == 0
                    r = fresh(work / "build", work / f"{project}-{n}", keep=keep)
                    results.setdefault((n, project), []).append(r)
                    show(f"[{rep + 1}/{args.repeat}] {n} {project}", r)
            if args.extras and n == extras_at:
                # with, without, with, without, ...: the first with is the table's build
                withs, withouts = [results[(n, "ext")][0]], []
                for pair in range(args.extras):
                    loads.append(f"{n} ext without extras {os.getloadavg()[0]:.1f}")
                    withouts.append(fresh(work / "build", work / f"ext-{n}", extras=False))
                    show(f"[{pair + 1}/{args.extras}] {n} ext without extras", withouts[-1])
                    if pair + 1 < args.extras:
                        loads.append(f"{n} ext with extras {os.getloadavg()[0]:.1f}")
                        withs.append(fresh(work / "build", work / f"ext-{n}"))
                        show(f"[{pair + 2}/{args.extras}] {n} ext with extras", withs[-1])
                extras[n] = (withs, withouts)
            if n != max(args.episodes) and not args.keep:
                for project in PROJECTS:
                    shutil.rmtree(work / f"{project}-{n}", ignore_errors=True)
        n = max(args.episodes)
        if args.incremental:
            inc = incremental(work, work / f"ext-{n}", results[(n, "ext")][0])
        if args.rtd:
            rtd = read_the_docs(work / f"ext-{n}", args.rtd_timeout)
    finally:
        if args.keep:
            print(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = report(args, sizes, results, extras, inc, rtd, loads)
    print()
    print(text)
    if args.write:
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        if START in old and END in old:
            head, rest = old.split(START, 1)
            new = head + START + "\n" + text + END + rest.split(END, 1)[1]
        else:
            new = old.rstrip("\n") + "\n\n" + START + "\n" + text + END + "\n"
        args.write.write_text(new, encoding="utf-8")


def incremental(work: Path, src: Path, full: Run) -> tuple[Run, Run, str]:
    """One turn of one episode edited after the timed full build (kept)."""
    out, doctrees, probe = work / "inc-out", work / "inc-doctrees", work / "probe.log"
    pages = sorted(p for p in (src / "seasons").rglob("*.md") if p.name != "index.md")
    target = pages[len(pages) // 2]
    # the full build's gigabyte of output written out to the disk first, as
    # the kernel has by the time a writer edits an episode (it writes dirty
    # pages back within 30 s): the edit is timed on its own, not on that
    os.sync()
    time.sleep(1.1)  # mtimes: the edit must be newer than the build's files
    text = target.read_text(encoding="utf-8")
    # a turn's words, after the front matter (whose "summary: " would match first)
    head, _, body = text.partition("---\n\n")
    edited = re.sub(r"\n([^\n:`]+): ", r"\n\1: Well, ", body, count=1)
    assert edited != body, "no turn to edit"
    target.write_text(f"{head}---\n\n{edited}", encoding="utf-8")
    edit = sphinx(src, out, doctrees, probe=probe)
    show("incremental: one turn edited", edit)
    return full, edit, str(target.relative_to(src).with_suffix(""))


def read_the_docs(src: Path, timeout: float) -> tuple[Run, str]:
    env = build_env()
    env.pop("READTHEDOCS_CANONICAL_URL")
    env["RTD_SIM_PYTHON"] = PYTHON
    env["PATH"] = str(Path(PYTHON).parent) + os.pathsep + env["PATH"]
    shutil.rmtree(src / "_readthedocs", ignore_errors=True)
    r = run([str(RTD_SIM)], cwd=src, env=env, timeout=timeout)
    summary = next((line for line in reversed(r.stderr.splitlines()) if line.startswith("rtd-sim: ")), "")
    show("rtd-sim", r)
    print(r.stderr[-3000:], flush=True)
    return r, summary


def profile(src: Path, work: Path, out: Path) -> None:
    """cProfile of one fresh build, in a subprocess (``-m cProfile``)."""
    build, doctrees = work / "prof-out", work / "prof-doctrees"
    for d in (build, doctrees):
        shutil.rmtree(d, ignore_errors=True)
    cmd = [PYTHON, "-m", "cProfile", "-o", str(out), "-m", "sphinx", "-b", "html", "-n", "-q", "-j", "1",
           "-d", str(doctrees), str(src), str(build)]
    r = run(cmd, env=build_env())
    show("profiled build", r)


if __name__ == "__main__":
    main()

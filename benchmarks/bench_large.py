"""How long one page holding a 20 MB transcript takes to build, and its memory.

Run from the repository root (the figures in BENCHMARKS.md come from it):

    .venv/bin/python benchmarks/bench_large.py --mb 20 --format labeled webvtt podcast-json

Each run writes a one-page project in a temporary directory: ``index.md``
with a ``{transcript}`` directive naming a generated transcript file of
about ``--mb`` megabytes, two declared speakers, the HTML builder with
``-n -q`` (no ``-W``: the point is the time), in a fresh subprocess.  It
reports the wall time, the peak resident memory of the build
(``os.wait4``'s rusage) and the number of warnings.  The transcripts:

- ``labeled``: typed ``Name: text`` turns of sixty words, two speakers in
  turn, a blank line between turns (some 50,000 turns: within the
  150,000 paragraphs a page shows, :data:`sphinx_transcripts.limits.MAX_PARAGRAPHS`);
- ``webvtt``: one cue per phrase with a ``<v>`` voice on each;
- ``podcast-json``: a Podcasting 2.0 JSON transcript of one-word segments
  (word-level timing, as Podcasting 2.0 hosts publish it), the worst case
  of the old line counting.

``--ext DIR`` builds with the extension found in another ``_ext`` folder
(for a before/after comparison against an older checkout: the package is
``sphinx_transcripts`` or, before issue 20, ``transcripts``).  ``--timeout``
stops a build that runs longer, and reports it as such.

It is a benchmark, not a test: nothing fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAMES = ("Maya Okafor", "Daniel Reyes")
WORDS = ["so", "the", "first", "model", "we", "trained", "took", "a", "whole", "weekend", "on",
         "one", "GPU", "and", "it", "looked", "like", "fog", "with", "a", "chair", "inside", "which",
         "is", "when", "we", "rewrote", "the", "sampler"]


def phrase(number: int, length: int = 12) -> str:
    words = [WORDS[(number * 7 + k) % len(WORDS)] for k in range(length)]
    return " ".join(words).capitalize() + "."


def stamp(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, rest = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{rest:06.3f}"


def transcript(kind: str, size: int) -> tuple[str, str]:
    """The file name and text of a transcript of about ``size`` characters."""
    out: list[str] = []
    total = 0
    number = 0
    if kind == "labeled":
        while total < size:
            said = " ".join(phrase(number * 5 + k) for k in range(5))
            line = f"{NAMES[number % 2]}: {said}\n\n"
            out.append(line)
            total += len(line)
            number += 1
        return "episode.txt", "".join(out)
    if kind == "webvtt":
        out.append("WEBVTT\n\n")
        while total < size:
            start = number * 3.0
            cue = (f"{stamp(start)} --> {stamp(start + 2.9)}\n"
                   f"<v {NAMES[(number // 4) % 2]}>{phrase(number)}\n\n")
            out.append(cue)
            total += len(cue)
            number += 1
        return "episode.vtt", "".join(out)
    if kind == "podcast-json":
        segments = []
        while total < size:
            word = WORDS[number % len(WORDS)] + ("." if number % 12 == 11 else "")
            segment = {"speaker": NAMES[(number // 60) % 2], "startTime": round(number * 0.3, 3),
                       "endTime": round(number * 0.3 + 0.25, 3), "body": word}
            segments.append(segment)
            total += len(json.dumps(segment)) + 4
            number += 1
        return "episode.json", json.dumps({"version": "1.0.0", "segments": segments}, indent=1)
    raise SystemExit(f"unknown --format {kind!r}")


def project(root: Path, kind: str, size: int, ext: Path) -> Path:
    src = root / "src"
    src.mkdir()
    package = "sphinx_transcripts" if (ext / "sphinx_transcripts").is_dir() else "transcripts"
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ext)!r})\n"
        f"extensions = ['myst_parser', {package!r}]\n"
        "project = 'Large'\n", encoding="utf-8")
    name, text = transcript(kind, size)
    (src / name).write_text(text, encoding="utf-8")
    (src / "index.md").write_text(
        f"# A long episode\n\n```{{transcript}} {name}\n:host: {NAMES[0]}\n:guests: {NAMES[1]}\n```\n",
        encoding="utf-8")
    return src


def build(src: Path, out: Path, timeout: float) -> tuple[float, float, int, str]:
    """Wall seconds, peak memory (MB), warnings, and "ok" or what went wrong."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-q", str(src), str(out)]
    started = time.perf_counter()
    with open(out.parent / "stderr.txt", "w") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                return time.perf_counter() - started, 0.0, 0, f"stopped after {timeout:.0f} s"
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    stderr = (out.parent / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    warnings = stderr.count("WARNING")
    state = "ok" if os.waitstatus_to_exitcode(status) == 0 else "failed: " + stderr[-300:]
    return seconds, usage.ru_maxrss / 1024, warnings, state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the transcript, in megabytes")
    parser.add_argument("--format", nargs="+", default=["labeled", "webvtt", "podcast-json"])
    parser.add_argument("--ext", type=Path, default=REPO / "_ext", help="the _ext folder to build with")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds before a build is stopped")
    args = parser.parse_args()
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"{'format':14s} {'MB':>6s} {'seconds':>9s} {'peak MB':>9s} {'warnings':>9s}  state")
    for kind in args.format:
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
                src = project(Path(tmp), kind, int(args.mb * 1_000_000), args.ext.resolve())
                size = sum(f.stat().st_size for f in src.iterdir() if f.suffix != ".py") / 1e6
                seconds, peak, warnings, state = build(src, Path(tmp) / "html", args.timeout)
                print(f"{kind:14s} {size:6.1f} {seconds:9.1f} {peak:9.0f} {warnings:9d}  {state}",
                      flush=True)


if __name__ == "__main__":
    main()

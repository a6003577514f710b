"""How long a 3-hour episode takes to parse: about 3,000 WebVTT cues.

The target (issue "Fast at a thousand episodes") is under a second for the
whole read: format detection, parsing into turns and speaker resolution.
The baseline, measured in the same run, is webvtt-py reading the same file
into captions and nothing more, the floor any WebVTT reader stands on.

    .venv/bin/python benchmarks/bench_parse.py [--cues 3000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

import webvtt
from sphinx_transcripts.people import cast
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import ParseContext, choose

REPO = Path(__file__).resolve().parent.parent

PEOPLE = ["Maya Okafor", "Priya Raman", "Daniel Reyes"]
WORDS = ["so", "the", "first", "model", "we", "trained", "took", "a", "whole", "weekend", "on", "one", "GPU", "and", "it", "looked", "like", "fog", "with", "a", "chair", "inside", "which", "is", "when", "we", "rewrote", "the", "sampler"]


def timecode(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, rest = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{rest:06.3f}"


def episode(cues: int) -> str:
    """A podcast-style WebVTT file: a voice when the speaker changes, 3.6 s cues."""
    out = ["WEBVTT", ""]
    for number in range(cues):
        start = number * 3.6
        voice = f"<v {PEOPLE[(number // 5) % 3]}>" if number % 5 == 0 else ""
        words = " ".join(WORDS[(number + k) % len(WORDS)] for k in range(9))
        out += [str(number + 1), f"{timecode(start)} --> {timecode(start + 3.5)}",
                f"{voice}{words.capitalize()}.", ""]
    return "\n".join(out)


def ours(text: str) -> int:
    people = cast.make_cast(Registry(), PEOPLE[:2], PEOPLE[2:])
    context = ParseContext(people.labels, hosts=people.hosts, guests=people.guests)
    chosen = choose(text, ".vtt", context).format
    return len(cast.resolve(chosen.parse(text.splitlines(), 1, context), people).turns)


def library(text: str) -> int:
    return len(webvtt.from_buffer(io.StringIO(text)).captions)


def median_seconds(function, text: str, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = episode(args.cues)
    hours = args.cues * 3.6 / 3600
    ours_s = median_seconds(ours, text, args.repeat)
    floor_s = median_seconds(library, text, args.repeat)
    print(f"{args.cues} cues ({hours:.1f} h, {len(text) / 1e6:.2f} MB), median of {args.repeat}:")
    print("| read | seconds | ratio |")
    print("|---|---:|---:|")
    print(f"| webvtt-py captions only (baseline) | {floor_s:.3f} | 1.00 |")
    print(f"| detect + parse + speakers, {ours(text)} turns | {ours_s:.3f} | {ours_s / floor_s:.2f} |")
    print(f"target: under 1 s: {'met' if ours_s < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()

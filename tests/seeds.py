"""Where the source texts live and which part of each one is the body.

The site publishes five source documents ("seeds").  Every page reproduces
one of them, minus the page chrome of the site the text was collected from
(bylines, reading times, "Table of Contents", newsletter and subscription
footers, tags, author-bio footers).  The word-fidelity test compares the
words a rendered page shows with the words of :func:`body_text` for its
seed, in order, so the chrome removed here must be exactly the chrome the
pages leave out:

* the interview pages select their region with the ``transcript``
  directive's ``:start-after:`` / ``:end-before:`` options; the same markers
  are used below, with the same rules (the region starts on the line after
  the first line containing *start_after* and stops before the first line
  after that containing *end_before*);
* the essay pages are hand-marked Markdown copies of their seed; the lines
  they leave out are listed below as explicit line ranges.

For the essays the title line is body text (it becomes the page's
``# Title``).  For the interviews the source's own title and series header
lines are chrome: those pages carry a title of our own, kept in the page
heading, and an editorial introduction that the test leaves out.

Nothing in the returned text is changed otherwise: typos, transcription
errors, emoji, curly quotes, list bullets ("•") and the blank-line layout are
all kept.  Markup the pages add (``#`` headings, ``-`` list markers, code
fences, the ``Q:`` prefixes of the Q&A transcript) is not in the seeds.

This module is plain Python (no Sphinx) so the test can import it cheaply.
The seeds directory is taken from the ``TRANSCRIPTS_SEEDS_DIR`` environment
variable, or defaults to ``<repo>/../shared/seeds``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SEEDS_DIR", "SEED_FOR_PAGE", "body_text"]

REPO_ROOT = Path(__file__).resolve().parent.parent

SEEDS_DIR = Path(
    os.environ.get("TRANSCRIPTS_SEEDS_DIR") or REPO_ROOT.parent / "shared" / "seeds"
)

# Page docname -> seed file name.
SEED_FOR_PAGE: dict[str, str] = {
    "interviews/aritra-roy-gosthipaty": "000_3c2081b55deb371e.txt",
    "interviews/deep-learning-with-pytorch": "001_e3a6dc852eeda75e.txt",
    "interviews/my-keras-chronicles": "002_fb628d2916bcc4ea.txt",
    "interviews/sylvain-gugger": "003_1c3a47f31abedd07.txt",
    "interviews/one-year-using-pytorch": "004_2c60830199b8c91d.txt",
}

# Seeds whose body is chosen with markers, exactly as on the interview page:
# seed -> (start_after, end_before).
_MARKERS: dict[str, tuple[str, str]] = {
    # 000: lines 1-7 are the newsletter title ("007 Aritra Roy Gosthipaty -
    # ..."), the byline printed twice, "8 min read" and "Table of Contents".
    # The body starts after "Table of Contents" (with the interviewer's intro
    # paragraph "In today's interview, ...") and stops before the footer that
    # begins "🧡 Enjoy this newsletter?" (line 138 to the end: subscribe
    # prompts, "Derrick Mwiti Twitter", "Community guidelines").
    "000_3c2081b55deb371e.txt": ("Table of Contents", "Enjoy this newsletter?"),
    # 003: lines 1-4 are the series header ("Part 15 of The series ...",
    # "Index and about the series...") ending with the line "You can find me
    # on twitter @bhutanisanyam1"; the same line comes back at line 103 and
    # starts the footer (it and the "Subscribe to my Newsletter ..." line are
    # chrome).  The intro prose "Today, I'm honored ..." and the "About the
    # Series:" paragraphs are body.
    "003_1c3a47f31abedd07.txt": (
        "You can find me on twitter @bhutanisanyam1",
        "You can find me on twitter @bhutanisanyam1",
    ),
}

# Seeds whose chrome is given as line ranges: seed -> list of
# (first, last, expected text of the first line), 1-based and inclusive.
# The expected text guards against a seed being edited under us.
_DROP_LINES: dict[str, list[tuple[int, int, str]]] = {
    # 001: the whole transcript is body (no page chrome; the host's spoken
    # intro and outro are part of the episode).
    "001_e3a6dc852eeda75e.txt": [],
    # 002: line 1 is the title (body).  Lines 3-5 are the byline block
    # "Aritra Roy Gosthipaty" / "Google Developer Experts" / "8 min readMay 17".
    # Lines 185-188 are the author footer: name, "Google Developer Experts",
    # a blank line and the bio line "Learning with a LR of 1e-10 ...".
    "002_fb628d2916bcc4ea.txt": [
        (3, 5, "Aritra Roy Gosthipaty"),
        (185, 188, "Aritra Roy Gosthipaty"),
    ],
    # 004: line 1 is the title (body); line 4, "Deep Learning", is a tag.
    "004_2c60830199b8c91d.txt": [
        (4, 4, "Deep Learning"),
    ],
}


def _read_lines(seed_filename: str) -> list[str]:
    text = (SEEDS_DIR / seed_filename).read_text(encoding="utf-8")
    # Split on "\n" only: str.splitlines() would also break on characters
    # such as U+2028 or form feeds, which are not line ends in these files.
    return text.split("\n")


def _between(lines: list[str], start_after: str, end_before: str) -> list[str]:
    """The lines strictly between the two marker lines (literalinclude rules)."""
    start = next((i for i, line in enumerate(lines) if start_after in line), None)
    if start is None:
        raise ValueError(f"start-after marker not found: {start_after!r}")
    end = next(
        (i for i in range(start + 1, len(lines)) if end_before in lines[i]), None
    )
    if end is None:
        raise ValueError(f"end-before marker not found: {end_before!r}")
    return lines[start + 1 : end]


def body_text(seed_filename: str) -> str:
    """Return the text of *seed_filename* with exactly its page chrome removed.

    Lines are joined with ``"\\n"``; everything else is byte-for-byte the
    seed's text.
    """
    lines = _read_lines(seed_filename)
    if seed_filename in _MARKERS:
        start_after, end_before = _MARKERS[seed_filename]
        return "\n".join(_between(lines, start_after, end_before))
    if seed_filename in _DROP_LINES:
        drop: set[int] = set()
        for first, last, expected in _DROP_LINES[seed_filename]:
            actual = lines[first - 1]
            if actual != expected:
                raise ValueError(
                    f"{seed_filename}: line {first} is {actual!r}, "
                    f"expected {expected!r}; update the chrome ranges"
                )
            drop.update(range(first, last + 1))
        return "\n".join(
            line for number, line in enumerate(lines, 1) if number not in drop
        )
    raise KeyError(f"unknown seed: {seed_filename!r}")

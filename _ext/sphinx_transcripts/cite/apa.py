"""An APA-style (7th edition) reference of a podcast episode or an interview transcript.

A podcast episode::

    Bhutani, S. (Host), & Stevens, E. (Guest). (2026, November 2). The title
    (Season 1, Episode 3) [Audio podcast episode]. In *Show*. Publisher. URL

A transcript without its recording (an interview published as text)::

    Mwiti, D. (Interviewer), & Gosthipaty, A. R. (Interviewee). (n.d.).
    *The title* [Interview transcript]. Site. URL

APA names the host as the author of an episode; the guests are who a
reader of this site cites, so they follow, with their role.  The
reference comes as :data:`Segment` pairs (text, italic) so that each
renderer sets italics its own way, and escapes the text for its output.
"""

from __future__ import annotations

from . import Work, clean, split_name

#: (text, italic)
Segment = tuple[str, bool]

#: APA lists up to 20 authors; past that, the first 19, an ellipsis and the last
MAX_AUTHORS = 20


def initials(given: str) -> str:
    """"Aritra Roy" -> "A. R."; "Jean-Paul" -> "J.-P."; a part with no
    letter to abbreviate is kept as it is."""
    parts = []
    for word in given.split(" "):
        pieces = [p for p in word.split("-")]
        shown = []
        for piece in pieces:
            letter = next((ch for ch in piece if ch.isalpha()), "")
            shown.append(f"{letter.upper()}." if letter else piece)
        parts.append("-".join(shown))
    return " ".join(p for p in parts if p)


def author(name: str) -> str:
    """"Eli Stevens" -> "Stevens, E."; a one-word name as it is."""
    family, given = split_name(name)
    return f"{family}, {initials(given)}" if given else family


def _roles(work: Work) -> list[tuple[str, str]]:
    episode = bool(work.kind)
    named = [(n, "Host" if episode else "Interviewer") for n in work.hosts]
    named += [(n, "Guest" if episode else "Interviewee") for n in work.guests]
    return [(clean(n), r) for n, r in named if clean(n)]


def authors(work: Work) -> str:
    """The author element: "A, B., & C, D."; "" when nobody is named."""
    named = [f"{author(n)} ({r})" for n, r in _roles(work)]
    if len(named) > MAX_AUTHORS:
        return ", ".join(named[: MAX_AUTHORS - 1]) + ", . . . " + named[-1]
    if len(named) <= 1:
        return "".join(named)
    return ", ".join(named[:-1]) + ", & " + named[-1]


def date(work: Work) -> str:
    """"(2026, November 2)" or "(n.d.)"."""
    if work.date is None:
        return "(n.d.)"
    return f"({work.date.year}, {work.date:%B} {work.date.day})"


def _end(text: str) -> str:
    """A sentence-like element ends with one full stop (a title may end in "?")."""
    return text if text.endswith((".", "?", "!")) else text + "."


def segments(work: Work) -> list[Segment]:
    """The reference as (text, italic) pieces."""
    title = clean(work.title) or "Untitled"
    site = clean(work.site)
    out: list[Segment] = []
    who = authors(work)
    number = f" ({work.number})" if work.number else ""
    described = f"{number} [{work.medium}]"
    # with no author, the title and its description take the author's place
    if who:
        out.append((f"{_end(who)} {date(work)}. ", False))
    if work.kind:
        out.append((f"{title}{described}. ", False))
    else:
        out += [(title, True), (f"{described}. ", False)]
    if not who:
        out.append((f"{date(work)}. ", False))
    if site:
        out += [("In ", False), (site, True), (". ", False)] if work.kind else [(f"{_end(site)} ", False)]
    publisher = clean(work.publisher)
    if publisher and publisher != site:
        out.append((f"{_end(publisher)} ", False))
    if work.url:
        out.append((work.url, False))
    text = "".join(t for t, _ in out)
    if text.endswith(" "):
        last, italic = out[-1]
        out[-1] = (last.rstrip(), italic)
    return out


def text(work: Work) -> str:
    """The reference as plain text (no italics)."""
    return "".join(t for t, _ in segments(work))

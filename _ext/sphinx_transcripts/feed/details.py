"""An episode's details from a page's front matter and its media (pure).

A page is an episode when its transcript has ``:audio:`` or ``:video:``
(or, with a source feed, when the feed gives it its audio: :mod:`.source`).
Its details come from the front matter::

    ---
    summary: One line on the card and in the feed.
    date: 2026-11-02            # or 2026-11-02T18:30:00+01:00 (RFC 3339)
    season: 2
    episode: 7
    duration: 41:30             # only when neither the media nor the transcript can tell
    explicit: false
    image: media/ep7.png        # png or jpg, relative to the page
    guid: 6b1e0f4c-…            # the item's guid; see feed/guids in the README
    length: 31457280            # bytes of a URL episode's file (a file in the project is measured)
    ---

The duration is the media file's, read by mutagen when the file is in the
project; else the transcript's last time; else the front matter's.  Every
value that cannot be read is a :class:`~..model.Problem` at its line of the
front matter, and left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Problem

__all__ = ["Details", "Problem", "read"]

#: the front-matter keys this module reads
KEYS = ("date", "season", "episode", "duration", "explicit", "image", "guid", "length")

_DURATION = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$|^(\d+(?:\.\d+)?)$")
#: endings of the media files mutagen reads the duration of: one it cannot read
#: is a warning; the others (WebM, QuickTime) take the transcript's last time
MUTAGEN_READS = {".mp3", ".m4a", ".mp4", ".m4v", ".aac", ".ogg", ".oga", ".opus", ".ogv",
                 ".flac", ".wav"}
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@dataclass
class Details:
    """What the front matter and the media say of an episode."""

    #: publication time, timezone-aware (a bare date is midnight UTC)
    date: dt.datetime | None = None
    season: int | None = None
    episode: int | None = None
    #: seconds, and where they came from: "media", "transcript", "front matter"
    duration: float | None = None
    duration_from: str = ""
    explicit: bool | None = None
    #: the episode image, relative to the source directory (POSIX)
    image: str = ""
    guid: str = ""
    length: int | None = None
    problems: list[Problem] = field(default_factory=list)


def front_matter_lines(text: str) -> dict[str, int]:
    """The line of each top-level key of a ``---`` front matter block."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            found.setdefault(match.group(1), number)
    return found


def parse_date(value: object) -> dt.datetime | None:
    """A front-matter date (YAML's date, or ISO 8601 text) as an aware datetime."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def parse_duration(value: object) -> float | None:
    """``41:30``, ``1:02:03``, ``2490`` (seconds) -> seconds."""
    match = _DURATION.match(str(value).strip())
    if not match:
        return None
    if match.group(4):
        return float(match.group(4))
    hours, minutes, seconds = match.group(1), match.group(2), match.group(3)
    if int(minutes) >= 60 and hours or float(seconds) >= 60:
        return None
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def _count(value: object, minimum: int) -> int | None:
    text = str(value).strip()
    if not re.fullmatch(r"\d{1,9}", text) or int(text) < minimum:
        return None
    return int(text)


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return {"true": True, "yes": True, "false": False, "no": False}.get(text)


def media_length(path: Path) -> float | None:
    """The media file's duration in seconds (mutagen), or None when it cannot tell."""
    import mutagen  # only episodes with a file in the project need it

    try:
        found = mutagen.File(str(path))
    except Exception:  # noqa: BLE001  (mutagen raises many kinds on a broken file)
        return None
    length = getattr(getattr(found, "info", None), "length", None)
    return float(length) if isinstance(length, int | float) and length > 0 else None


def read(meta: dict[str, object], lines: dict[str, int], media_path: Path | None,
         last_time: float | None, page_dir: Path, srcdir: Path) -> Details:
    """The details of an episode page: ``meta`` its front matter, ``lines`` the
    line of each key, ``media_path`` its media file in the project (or None)."""
    out = Details()

    def bad(key: str, message: str) -> None:
        out.problems.append(Problem(lines.get(key, 0), "episode", message))

    if "date" in meta:
        out.date = parse_date(meta["date"])
        if out.date is None:
            bad("date", f"date {meta['date']!s:.60} is not a date (2026-11-02, or "
                            "2026-11-02T18:30:00+01:00); the episode has no date")
    for key, minimum in (("season", 1), ("episode", 1), ("length", 1)):
        if key in meta:
            number = _count(meta[key], minimum)
            if number is None:
                bad(key, f"{key} {meta[key]!s:.60} is not a whole number of at least "
                             f"{minimum}; it is left out")
            setattr(out, key, number)
    if "explicit" in meta:
        out.explicit = _flag(meta["explicit"])
        if out.explicit is None:
            bad("explicit", f"explicit {meta['explicit']!s:.60} is not true or false; "
                                "the channel's setting is used")
    if "guid" in meta:
        guid = str(meta["guid"]).strip()
        if not guid or len(guid) > 200 or any(c.isspace() for c in guid):
            bad("guid", "guid must be one word (a UUID, say) of at most 200 characters; "
                            "the guid is derived from the media instead")
        else:
            out.guid = guid
    if "image" in meta:
        out.image = image_path(str(meta["image"]).strip(), page_dir, srcdir, bad)
    given = None
    if "duration" in meta:
        given = parse_duration(meta["duration"])
        if given is None:
            bad("duration", f"duration {meta['duration']!s:.60} is not a duration "
                                "(41:30, 1:02:03 or seconds); it is left out")
    if media_path is not None:
        out.duration = media_length(media_path)
        out.duration_from = "media" if out.duration is not None else ""
    if out.duration is None and last_time:
        out.duration, out.duration_from = last_time, "transcript"
    if out.duration is None and given is not None:
        out.duration, out.duration_from = given, "front matter"
    return out


def image_path(value: str, page_dir: Path, srcdir: Path, bad: Callable[[str, str], None]) -> str:
    """An episode image in the project (png or jpg), relative to the source
    directory; "" (and a problem) when it is not one."""
    root = srcdir.resolve()
    path = (srcdir / value.lstrip("/")) if value.startswith("/") else page_dir / value
    resolved = path.resolve()
    if not resolved.is_relative_to(root) or not resolved.is_file():
        bad("image", f"image {value!r} is not a file in the project; the episode has "
                         "no image of its own")
        return ""
    if resolved.suffix.lower() not in _IMAGE_TYPES:
        bad("image", f"image {value!r} is not a png or jpg (what podcast apps show); "
                         "the episode has no image of its own")
        return ""
    return resolved.relative_to(root).as_posix()


def image_type(path: str) -> str:
    return _IMAGE_TYPES.get(Path(path).suffix.lower(), "")


def clock(seconds: float) -> str:
    """``2490.4`` -> ``"41:30"``; ``"1:02:03"`` past an hour (itunes:duration)."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken(seconds: float) -> str:
    """``2490`` -> ``"41 min"``, ``35`` -> ``"35 s"``, ``4000`` -> ``"1 h 7 min"``."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes = round(whole / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def shown_date(date: dt.datetime) -> str:
    """``2 November 2026``: the date as the page and card show it."""
    return f"{date.day} {date:%B %Y}"

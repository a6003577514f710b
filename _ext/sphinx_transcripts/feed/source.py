"""An existing feed as the source of the episodes' details.

A podcaster whose host already publishes the feed names a local copy of it
in ``conf.py``::

    transcripts_podcast_source = "feed/show.xml"

Every page with a transcript then takes, from its ``<item>``: the date
(``pubDate``), the audio (``enclosure``: its URL, exact length and type;
the page gets the player when it has no ``:audio:`` of its own), the
duration (``itunes:duration``), season and episode, the guid and the
description (the page's ``summary`` wins).  The page's front matter wins
over the feed for each of them.  A page finds its item by the first of
these it has: its front matter's ``guid``; its ``:audio:`` URL (the
enclosure's); its title.  A page that matches no item or two is a warning
at the page.  A file that is not an RSS feed is a warning at the setting.

:func:`read_feed` is pure (defusedxml: no entities, no outside files);
the rest are the build's steps.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from docutils import nodes
from sphinx.util import logging

from ..dialogue import elements
from ..player.media import TYPES
from ..urls import web_url
from . import details as dd

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
#: a feed larger than this is not read (a real one of 1,000 episodes is a few MB)
MAX_BYTES = 64 << 20


class FeedError(Exception):
    """The file is not an RSS feed; the message says why, ``line`` where."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Item:
    """What a source feed says of one episode."""

    title: str
    guid: str
    url: str
    length: int | None
    mime: str
    date: dt.datetime | None
    duration: float | None
    season: int | None
    episode: int | None
    description: str


def _text(item: Element, tag: str) -> str:
    found = item.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _number(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d{1,9}", text) and int(text) > 0 else None


def _date(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def read_feed(data: bytes) -> list[Item]:
    """The items of an RSS 2.0 feed."""
    if len(data) > MAX_BYTES:
        raise FeedError(f"the file is larger than {MAX_BYTES >> 20} MB")
    try:
        root = SafeET.fromstring(data)
    except Exception as exc:  # noqa: BLE001  (ParseError, and defusedxml's refusals)
        position = getattr(exc, "position", None)
        raise FeedError(f"it is not well-formed XML ({exc})",
                        position[0] if position else 1) from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise FeedError(f"its root is <{root.tag.rpartition('}')[2]}>, not an RSS feed's <rss><channel>")
    items = []
    for item in channel.findall("item"):
        enclosure = item.find("enclosure")
        url = length = mime = None
        if enclosure is not None:
            url = (enclosure.get("url") or "").strip()
            length = _number((enclosure.get("length") or "").strip())
            mime = (enclosure.get("type") or "").strip()
        if url and not web_url(url):
            url = ""  # only http(s) media are published
        items.append(Item(
            title=_text(item, "title"), guid=_text(item, "guid"), url=url or "",
            length=length, mime=mime or "", date=_date(_text(item, "pubDate")),
            duration=dd.parse_duration(_text(item, f"{{{ITUNES}}}duration") or "x"),
            season=_number(_text(item, f"{{{ITUNES}}}season")),
            episode=_number(_text(item, f"{{{ITUNES}}}episode")),
            description=re.sub(r"<[^>]*>", "", _text(item, "description"))[:4000].strip(),
        ))
    return items


@functools.lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int, size: int) -> list[Item] | tuple[str, int]:
    try:
        return read_feed(Path(path).read_bytes())
    except FeedError as exc:
        return str(exc), exc.line
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})", 1


def feed_path(app: Sphinx) -> Path | None:
    setting = app.config.transcripts_podcast_source
    return (Path(app.confdir) / setting) if setting else None


def items(app: Sphinx) -> list[Item] | tuple[str, int]:
    """The source feed's items, or why there are none and at which line."""
    path = feed_path(app)
    if path is None:
        return []
    try:
        stat = path.stat()
    except OSError:
        return "no such file next to conf.py", 0
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


def check(app: Sphinx) -> None:
    """Warn once per build of a source feed that cannot be read."""
    found = items(app)
    if isinstance(found, tuple):
        from .publish import conf_location

        path = feed_path(app)
        why, line = found
        logger.warning(
            f"transcripts_podcast_source = {app.config.transcripts_podcast_source!r}: {why}; "
            "no page takes its details from it",
            location=f"{path}:{line}" if line else conf_location(app, "transcripts_podcast_source"),
            type="transcript", subtype="feed",
        )


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_page(app: Sphinx, doctree: nodes.document) -> Item | None:
    """The source feed's item of the page being read (pages with a transcript),
    or None; a page that matches no item or two is a warning at the page."""
    found = items(app)
    if not found or isinstance(found, tuple) or doctree.next_node(elements.dialogue) is None:
        return None
    env = app.env
    path = feed_path(app)
    assert path is not None
    env.note_dependency(str(path))
    meta = env.metadata.get(env.docname, {})
    media = doctree.next_node(elements.media)
    title = doctree.next_node(nodes.title)
    if str(meta.get("guid", "")).strip():
        how, key = "guid", str(meta["guid"]).strip()
        matches = [item for item in found if item.guid == key]
    elif isinstance(media, elements.media) and elements.is_url(media["uri"]):
        how, key = "enclosure URL", media["uri"]
        matches = [item for item in found if item.url == key]
    else:
        how, key = "title", title.astext() if title is not None else ""
        matches = [item for item in found if _norm(item.title) == _norm(key) and key]
    if len(matches) == 1:
        return matches[0]
    where = str(doctree.get("source") or env.doc2path(env.docname))
    if how == "guid":
        line = dd.front_matter_lines(Path(where).read_text(encoding="utf-8")).get("guid")
    elif how == "enclosure URL" and isinstance(media, elements.media):
        line = media.line
    else:
        line = title.line if title is not None else None
    count = "no item" if not matches else f"{len(matches)} items"
    logger.warning(
        f"{count} of the source feed ({app.config.transcripts_podcast_source}) "
        f"{'has' if not matches else 'have'} this page's {how} {key[:80]!r}; the page takes "
        "nothing from the feed (give it the item's guid in its front matter)",
        location=f"{where}:{line}" if line else where, type="transcript", subtype="feed",
    )
    return None


def media_kind(item: Item) -> tuple[str, str] | None:
    """``(kind, mime)`` of the item's enclosure: its type, else its URL's ending."""
    for kind, types in TYPES.items():
        if item.mime in types.values():
            return kind, item.mime
    suffix = PurePosixPath(unquote(urlsplit(item.url).path)).suffix.lower()
    for kind, types in TYPES.items():
        if suffix in types:
            return kind, types[suffix]
    return None


def insert_player(doctree: nodes.document, item: Item) -> elements.media | None:
    """The page's player of the item's enclosure, before its first dialogue
    (as ``:audio:`` would have put it), its times linked into it."""
    known = media_kind(item)
    dialogue = doctree.next_node(elements.dialogue)
    if dialogue is None or dialogue.parent is None:
        return None
    if known is None:
        logger.warning(
            f"the source feed's enclosure {item.url[:120]!r} has a type ({item.mime or 'none'!r}) "
            "and an ending no browser player is known to play; the page has no player",
            location=dialogue, type="transcript", subtype="feed",
        )
        return None
    kind, mime = known
    node = elements.media("", kind=kind, uri=item.url, path="", mime=mime,
                    classes=["transcript-episode"], last_time=None)
    para = nodes.paragraph("", f"Episode {kind}: ", translatable=False)
    para += nodes.reference(item.url, item.url, refuri=item.url)
    node += para
    node.source, node.line = dialogue.source, dialogue.line
    # with chapters the dialogue is in a section: the player goes before the first one
    anchor: nodes.Element = dialogue
    while isinstance(anchor.parent, nodes.section) and anchor.parent.parent is not None \
            and anchor.parent.get("ids", [""])[0].startswith("chapter"):
        anchor = anchor.parent
    parent = anchor.parent
    assert parent is not None
    parent.insert(parent.index(anchor), node)
    for each in doctree.findall(elements.dialogue):
        each["media"] = item.url
    for stamp in doctree.findall(elements.timestamp):
        stamp["media"] = item.url
    times = [stamp["seconds"] for stamp in doctree.findall(elements.timestamp)]
    node["last_time"] = max(times) if times else None
    return node


def fill(details: dd.Details, item: Item, meta: dict[str, object]) -> None:
    """What the front matter does not say, from the item."""
    if "date" not in meta and item.date is not None:
        details.date = item.date
    if details.duration_from != "media" and item.duration:
        details.duration, details.duration_from = item.duration, "feed"
    for key in ("season", "episode", "length"):
        if key not in meta and getattr(item, key) is not None:
            setattr(details, key, getattr(item, key))

"""The podcast feed as XML: RSS 2.0 with Apple's and the Podcasting 2.0 namespaces (pure).

:func:`write` takes a :class:`Channel` and its :class:`Item` s, every URL
already absolute, and returns the feed's bytes.  Every text goes through
:mod:`xml.etree.ElementTree`, which escapes it: no XML is put together
from strings.  Tags and attributes are those of Apple's "Podcast RSS feed
requirements" and of the namespace's ``docs/tags/`` (guid, locked,
transcript, chapters, person, season, episode).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"

for _prefix, _uri in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
    ET.register_namespace(_prefix, _uri)


@dataclass
class Person:
    name: str
    role: str  # the namespace's taxonomy: "host", "guest"
    img: str = ""
    href: str = ""


@dataclass
class Item:
    title: str
    link: str
    guid: str
    description: str
    url: str
    length: int
    mime: str
    date: dt.datetime | None = None
    duration: float | None = None
    season: int | None = None
    episode: int | None = None
    explicit: bool | None = None
    image: str = ""
    #: (url, type, language, rel): the file's language ("" for the channel's);
    #: rel "captions" for the timed caption formats
    transcripts: list[tuple[str, str, str, str]] = field(default_factory=list)
    chapters: str = ""
    people: list[Person] = field(default_factory=list)


@dataclass
class Channel:
    title: str
    link: str
    description: str
    language: str
    author: str
    feed_url: str
    guid: str
    owner_name: str = ""
    owner_email: str = ""
    image: str = ""
    categories: list[str] = field(default_factory=list)
    explicit: bool = False
    locked: bool = False
    copyright: str = ""


#: what XML 1.0 cannot hold, escaped or not (ElementTree writes it as it is,
#: and the feed would not parse): control characters, lone surrogates, U+FFFE/F
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {key: clean(value) for key, value in attrib.items()})
    if text is not None:
        node.text = clean(text)
    return node


def _it(tag: str) -> str:
    return f"{{{ITUNES}}}{tag}"


def _pc(tag: str) -> str:
    return f"{{{PODCAST}}}{tag}"


def duration(seconds: float) -> str:
    """itunes:duration: ``HH:MM:SS`` (Apple's form; every reader takes it)."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def _categories(channel: ET.Element, categories: list[str]) -> None:
    for category in categories:
        top, _, sub = (part.strip() for part in category.partition("/"))
        node = _sub(channel, _it("category"), text=top)
        if sub:
            _sub(node, _it("category"), text=sub)


def _item(channel: ET.Element, item: Item, language: str) -> None:
    node = _sub(channel, "item")
    _sub(node, "title", item.title)
    _sub(node, _it("title"), item.title)
    _sub(node, "link", item.link)
    _sub(node, "guid", item.guid, isPermaLink="false")
    if item.date is not None:
        _sub(node, "pubDate", email.utils.format_datetime(item.date.astimezone(dt.UTC), usegmt=True))
    _sub(node, "description", item.description or item.title)
    _sub(node, "enclosure", url=item.url, length=str(item.length), type=item.mime)
    if item.duration:
        _sub(node, _it("duration"), duration(item.duration))
    if item.season:
        _sub(node, _it("season"), str(item.season))
        _sub(node, _pc("season"), str(item.season))
    if item.episode:
        _sub(node, _it("episode"), str(item.episode))
        _sub(node, _pc("episode"), str(item.episode))
    _sub(node, _it("episodeType"), "full")
    if item.explicit is not None:
        _sub(node, _it("explicit"), "true" if item.explicit else "false")
    if item.image:
        _sub(node, _it("image"), href=item.image)
    for url, mime, own, rel in item.transcripts:
        attrib = {"url": url, "type": mime, "language": own or language}
        if rel:
            attrib["rel"] = rel
        _sub(node, _pc("transcript"), **attrib)
    if item.chapters:
        _sub(node, _pc("chapters"), url=item.chapters, type="application/json+chapters")
    for person in item.people:
        attrib = {"role": person.role}
        if person.img:
            attrib["img"] = person.img
        if person.href:
            attrib["href"] = person.href
        _sub(node, _pc("person"), person.name, **attrib)


def write(channel: Channel, items: list[Item]) -> bytes:
    """The feed's bytes (UTF-8, with its XML declaration)."""
    rss = ET.Element("rss", {"version": "2.0"})
    # ElementTree declares only the namespaces it uses: all three are
    chan = _sub(rss, "channel")
    _sub(chan, f"{{{ATOM}}}link", href=channel.feed_url, rel="self", type="application/rss+xml")
    _sub(chan, "title", channel.title)
    _sub(chan, "link", channel.link)
    _sub(chan, "description", channel.description)
    _sub(chan, "language", channel.language)
    if channel.copyright:
        _sub(chan, "copyright", channel.copyright)
    _sub(chan, "generator", "sphinx-transcripts")
    if channel.image:
        image = _sub(chan, "image")
        _sub(image, "url", channel.image)
        _sub(image, "title", channel.title)
        _sub(image, "link", channel.link)
        _sub(chan, _it("image"), href=channel.image)
    _sub(chan, _it("author"), channel.author)
    if channel.owner_name or channel.owner_email:
        owner = _sub(chan, _it("owner"))
        if channel.owner_name:
            _sub(owner, _it("name"), channel.owner_name)
        if channel.owner_email:
            _sub(owner, _it("email"), channel.owner_email)
    _categories(chan, channel.categories)
    _sub(chan, _it("explicit"), "true" if channel.explicit else "false")
    _sub(chan, _it("type"), "episodic")
    _sub(chan, _pc("guid"), channel.guid)
    locked = {"owner": channel.owner_email} if channel.owner_email else {}
    _sub(chan, _pc("locked"), "yes" if channel.locked else "no", **locked)
    for item in items:
        _item(chan, item, channel.language)
    ET.indent(rss, space="  ")
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"

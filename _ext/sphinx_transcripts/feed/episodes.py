"""Episodes: the pages whose transcript has its audio or video, and their details.

:class:`EpisodeCollector` keeps an :class:`Episode` for each such page,
once it is read: its media, details (:mod:`.details`, the front matter and
the media file), feed files, people and guid.  The same step puts the
details under the page's title, gives the landing page's cards and the
people page what they show (:class:`~..people.appearances.DocFacts`), and
the page's ``og:type``/``og:audio`` (sphinxext-opengraph reads ``og:``
keys of the page's metadata).  The feed (:mod:`.publish`) and the JSON-LD
are written from the records.

An item's guid never changes once published.  It is, in this order: the
front matter's ``guid``; the matching item's guid of a source feed
(:mod:`.source`); else derived from the media itself, never from the title
or the page's name: a UUIDv5 of the SHA-1 of the file's bytes, or of the
URL (without its scheme) for a URL episode.  Replacing the recording (or
moving the URL) would give a new guid, so before doing that a podcaster
copies the guid the feed shows into the page's front matter.  Two episodes
with one guid are a warning at the later page, which the feed leaves out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ..dialogue import elements
from ..model import UNATTRIBUTED
from ..people.appearances import facts
from ..state import PerDocumentCollector, state
from . import details as dd

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: the Podcasting 2.0 namespace's UUIDv5 namespace (docs/tags/guid.md)
PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


@dataclass
class Person:
    name: str
    key: str
    role: str


@dataclass
class Episode:
    """What the feed, the JSON-LD and the cards need of an episode page."""

    docname: str
    title: str
    summary: str
    kind: str  # "audio" or "video"
    mime: str
    #: the media's published path under the output directory, or its URL
    uri: str
    #: the file in the project, relative to the source directory ("" for a URL)
    path: str
    length: int | None
    date: dt.datetime | None
    season: int | None
    episode: int | None
    duration: float | None
    explicit: bool | None
    image: str
    guid: str
    #: feed files: (stem, suffix, mime, language), in the folder of the page
    files: list[tuple[str, str, str, str]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    #: where the page is, for warnings: its source file and the line of the guid
    source: str = ""
    guid_line: int = 0


def episodes(env: BuildEnvironment) -> dict[str, Episode]:
    """Every episode read so far, by document name."""
    return state(env).episodes


def derived_guid(path: Path | None, url: str) -> str:
    """A guid made from the media itself (see the module's docstring)."""
    if path is not None:
        digest = hashlib.sha1(usedforsecurity=False)
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return str(uuid.uuid5(PODCAST_NAMESPACE, "sha1:" + digest.hexdigest()))
    return str(uuid.uuid5(PODCAST_NAMESPACE, url.split("://", 1)[-1]))


def published_base(config: object) -> str:
    """The site's published address, ending in ``/``: the configured
    ``transcripts_podcast_url``, else ``html_baseurl`` (which the site sets
    from Read the Docs' canonical URL); "" when neither is set."""
    base = str(getattr(config, "transcripts_podcast_url", "") or getattr(config, "html_baseurl", ""))
    base = base.strip()
    return base if not base or base.endswith("/") else base + "/"


def line_text(details: dd.Details) -> str:
    """"2 November 2026 · Season 2, episode 7 · 41 min · Explicit"."""
    parts = []
    if details.date:
        parts.append(dd.shown_date(details.date))
    if details.season and details.episode:
        parts.append(f"Season {details.season}, episode {details.episode}")
    elif details.episode:
        parts.append(f"Episode {details.episode}")
    elif details.season:
        parts.append(f"Season {details.season}")
    if details.duration:
        parts.append(dd.spoken(details.duration))
    if details.explicit:
        parts.append("Explicit")
    return " · ".join(parts)


def _title_section(doctree: nodes.document) -> nodes.section | None:
    section = doctree.next_node(nodes.section)
    return section if isinstance(section, nodes.section) else None


def show_details(env: BuildEnvironment, doctree: nodes.document, details: dd.Details,
                 kind: str) -> None:
    """The details under the page's title, as a paragraph every builder prints,
    and the episode's image beside them."""
    text = line_text(details)
    section = _title_section(doctree)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    para = nodes.paragraph(text, "", classes=["transcript-episode-details"], translatable=False)
    para += nodes.inline(kind.capitalize(), kind.capitalize(), classes=["transcript-media-kind"])
    if text:
        para += nodes.Text(" · " + text)
    # HTML only: the PDF opens each transcript with its people, date and length
    # (render/latex.py), and would say it twice
    shown = addnodes.only(expr="html")
    shown += para
    section.insert(1, shown)
    if details.image:
        # Sphinx's image collector has run (its collectors read the doctree
        # first): the image is noted as it would have noted it, so every
        # builder copies it; it is the episode's artwork, decoration beside the title
        image = nodes.image(uri=details.image, alt="", candidates={"*": details.image},
                            classes=["transcript-episode-image"])
        env.images.add_file(env.docname, details.image)
        env.note_dependency(details.image)
        shown.insert(0, image)


class EpisodeCollector(PerDocumentCollector):
    """Collect an :class:`Episode` for every page with a transcript's media."""

    records = "episodes"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        from . import source  # the source feed may give a page its media

        media = doctree.next_node(elements.media)
        matched = source.match_page(app, doctree)
        if media is None and matched is not None and matched.url:
            media = source.insert_player(doctree, matched)
        if not isinstance(media, elements.media):
            return
        page = Path(doctree.get("source") or env.doc2path(docname))
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        lines = dd.front_matter_lines(text)
        meta = dict(env.metadata.get(docname, {}))
        srcdir = Path(env.srcdir)
        media_path = (srcdir / media["path"]) if media["path"] else None
        details = dd.read(meta, lines, media_path, media.get("last_time"), page.parent, srcdir)
        if matched is not None:
            source.fill(details, matched, meta)
        if (media_path is not None and details.duration_from != "media"
                and media_path.suffix.lower() in dd.MUTAGEN_READS):
            details.problems.append(dd.Problem(0, "episode", (
                f"the media file {media['path']!r} cannot be read as {media['kind']} (mutagen "
                "knows no such file): is it the recording? its duration is "
                + ("the transcript's last time" if details.duration else "unknown"))))
        url_length = media_path is None and details.length is None
        if url_length and app.config.transcripts_podcast_feed:
            details.problems.append(dd.Problem(lines.get("length", 0), "episode", (
                f"the length of {media['uri'][:120]!r} is not known (a feed gives each file's "
                "exact size in bytes): give it as 'length:' in the front matter; the feed "
                "leaves the episode out")))
        # a problem of no front-matter key is the directive's (the media's line)
        directive_line = media.line or 1
        for problem in details.problems:
            where = f"{page}:{problem.lineno or directive_line}"
            logger.warning(problem.message, location=where, type="transcript", subtype="episode")
        url = media["uri"] if elements.is_url(media["uri"]) else ""
        length = details.length
        if media_path is not None:
            length = media_path.stat().st_size
        guid = details.guid or (matched.guid if matched is not None else "")
        if not guid:
            guid = derived_guid(media_path, url)
        title = doctree.next_node(nodes.title)
        record = Episode(
            docname=docname,
            title=title.astext() if title is not None else docname,
            summary=str(meta.get("summary", "")).strip() or (matched.description if matched else ""),
            kind=media["kind"], mime=media["mime"], uri=media["uri"], path=media["path"],
            length=length, date=details.date, season=details.season, episode=details.episode,
            duration=details.duration, explicit=details.explicit, image=details.image,
            guid=guid, source=str(page), guid_line=lines.get("guid", 0) or directive_line,
        )
        for exports in doctree.findall(elements.exports):
            record.files += [(exports["stem"], file[2], file[3], exports.get("language", ""))
                             for file in exports["files"]]
        seen: dict[str, Person] = {}
        for turn in doctree.findall(elements.turn):
            if turn["speaker"] != UNATTRIBUTED and turn["speaker"] not in seen:
                seen[turn["speaker"]] = Person(turn["speaker"], turn["speaker_key"], turn["role"])
        record.people = list(seen.values())
        episodes(env)[docname] = record
        show_details(env, doctree, details, record.kind)
        found = facts(env).get(docname)
        if found is not None:  # the cards' and people page's view of the page
            found.date = details.date.isoformat() if details.date else ""
            found.duration = details.duration
            found.listen = record.kind
        self.open_graph(app, record)

    @staticmethod
    def open_graph(app: Sphinx, record: Episode) -> None:
        """``og:type`` and ``og:audio`` (or ``og:video``) in the page's metadata,
        where sphinxext-opengraph takes per-page tags from.  OpenGraph has no
        type for an episode: a page of text with its recording is an article."""
        meta = app.env.metadata.setdefault(record.docname, {})
        meta["og:type"] = "video.other" if record.kind == "video" else "article"
        base = published_base(app.config)
        uri = record.uri if elements.is_url(record.uri) else (base + record.uri if base else "")
        if uri:
            meta[f"og:{record.kind}"] = uri
            meta[f"og:{record.kind}:type"] = record.mime


def warn_guid_collisions(app: Sphinx, env: BuildEnvironment) -> None:
    """Two episodes with one guid: a warning at the later page (the feed keeps the first)."""
    first: dict[str, str] = {}
    for docname in sorted(episodes(env)):
        record = episodes(env)[docname]
        other = first.setdefault(record.guid, docname)
        if other != docname:
            where = f"{record.source}:{record.guid_line}"
            logger.warning(
                f"the episode's guid {record.guid!r} is the guid of page {other!r} too (the "
                "same media file, or the same front-matter guid): podcast apps would take them "
                "for one episode; the feed leaves this one out; give it a guid of its own",
                location=where, type="transcript", subtype="episode",
            )


def kept(env: BuildEnvironment) -> list[Episode]:
    """The episodes the feed lists: one per guid (the first page's), newest first."""
    out: dict[str, Episode] = {}
    for docname in sorted(episodes(env)):
        record = episodes(env)[docname]
        out.setdefault(record.guid, record)
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(out.values(), key=lambda e: (e.date or oldest, e.docname), reverse=True)


def setup(app: Sphinx) -> None:
    app.add_env_collector(EpisodeCollector)
    app.connect("env-check-consistency", warn_guid_collisions)

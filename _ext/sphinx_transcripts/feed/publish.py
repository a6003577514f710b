"""The site's podcast feed, and what episode pages tell apps and search engines.

With ``transcripts_podcast_feed = "podcast.xml"`` in ``conf.py``, the HTML
builders (html, dirhtml, singlehtml) write the feed of the site's episodes
(:mod:`.episodes`) once the pages are written: RSS 2.0 with Apple's and
the Podcasting 2.0 tags (:mod:`.rss`), every URL absolute from the
published address (:func:`.episodes.published_base`).  A site without
episodes writes no feed; one without a published address gets a warning at
the setting and no feed (a feed of relative links reaches no app).

Every episode page carries schema.org ``PodcastEpisode`` JSON-LD and the
root page ``PodcastSeries`` (``html-page-context``), with the same URLs.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..dialogue import elements
from ..people.appearances import people_page
from ..people.links import person_id
from ..people.load import get_registry
from ..player.media import published_name
from ..urls import web_url
from . import details as dd
from . import rss
from .episodes import PODCAST_NAMESPACE, Episode, kept, published_base

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: Apple Podcasts' top-level categories; a subcategory follows a "/"
APPLE_CATEGORIES = (
    "Arts", "Business", "Comedy", "Education", "Fiction", "Government", "History",
    "Health & Fitness", "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality",
    "Science", "Society & Culture", "Sports", "Technology", "True Crime", "TV & Film",
)
#: the transcript formats podcast apps show as captions (the namespace's rel="captions")
CAPTIONS = {"text/vtt", "application/x-subrip"}
BUILDERS = ("html", "dirhtml", "singlehtml")


def conf_location(app: Sphinx, key: str) -> str:
    """``conf.py:<line>`` of the setting ``key`` (line 1 when it is not there)."""
    path = Path(app.confdir) / "conf.py"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, one in enumerate(lines, 1) if re.match(rf"{key}\s*[:=]", one)), 1)
    return f"{path}:{line}"


def check(app: Sphinx, config: Config) -> None:
    """Warn at start-up of channel settings that cannot be meant."""
    def warn(message: str) -> None:
        key = message.split(" ", 1)[0].rstrip(":")
        logger.warning(message, location=conf_location(app, key), type="transcript", subtype="feed")

    name = config.transcripts_podcast_feed
    if name and (not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(xml|rss)", name)
                 or ".." in name.split("/")):
        warn(f"transcripts_podcast_feed = {name!r} is not a file name in the output "
             "ending .xml or .rss (e.g. 'podcast.xml'); no feed is written")
        config.transcripts_podcast_feed = ""
    for category in config.transcripts_podcast_categories:
        top = str(category).partition("/")[0].strip()
        if top not in APPLE_CATEGORIES:
            close = [c for c in APPLE_CATEGORIES if c.lower().startswith(top.lower()[:3])]
            hint = f"; did you mean {close[0]!r}?" if close else ""
            warn(f"transcripts_podcast_categories: {category!r} is not one of Apple Podcasts' "
                 f"categories{hint}")
    email = config.transcripts_podcast_email
    if email and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", email):
        warn(f"transcripts_podcast_email = {email!r} is not an email address")
        config.transcripts_podcast_email = ""
    image = config.transcripts_podcast_image
    if image:
        path = Path(app.confdir) / image
        if not path.is_file() or dd.image_type(image) == "":
            warn(f"transcripts_podcast_image = {image!r} is not a png or jpg file next to "
                 "conf.py; the feed has no artwork")
            config.transcripts_podcast_image = ""
    url = config.transcripts_podcast_url
    if url and not re.match(r"^https?://[^/\s]+", url):
        warn(f"transcripts_podcast_url = {url!r} is not an http(s) address; "
             "html_baseurl is used")
        config.transcripts_podcast_url = ""


def publish_file(builder: Builder, path: Path) -> str:
    """Copy a file of the project to ``_media/`` under its content-addressed
    name (as the episode's media); return that path under the output."""
    name = published_name(path)
    target = Path(builder.outdir, name)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return name


def page_url(builder: Builder, base: str, docname: str) -> str:
    return base + builder.get_target_uri(docname)


def files_folder(builder: Builder, docname: str) -> str:
    """Where a page's feed files are under the output (see ``html.visit_exports``)."""
    page = builder.get_target_uri(docname)
    return posixpath.dirname(docname if "#" in page else page)


def media_url(base: str, uri: str) -> str:
    return uri if elements.is_url(uri) else base + uri


def person_img(builder: Builder, name: str) -> str:
    """The avatar's path under the output, as the pages publish it."""
    from ..render.html import avatar_name

    speaker = get_registry(builder.env).resolve(name)
    return posixpath.join(builder.imagedir, avatar_name(builder, elements.avatar_for(speaker)))


def people_of(builder: Builder, base: str, episode: Episode) -> list[rss.Person]:
    registry = get_registry(builder.env)
    page = people_page(builder.env)
    out = []
    for person in episode.people:
        speaker = registry.resolve(person.name)
        href = speaker.url if web_url(speaker.url) else ""
        if not href and page and not speaker.unregistered:
            href = page_url(builder, base, page) + "#" + person_id(speaker.key)
        out.append(rss.Person(person.name, person.role if person.role in ("host", "guest") else "guest",
                              base + person_img(builder, person.name), href))
    return out


def item_of(builder: Builder, base: str, episode: Episode) -> rss.Item:
    config = builder.config
    folder = files_folder(builder, episode.docname)
    transcripts = []
    chapters = ""
    for stem, suffix, mime, language in episode.files:
        url = base + posixpath.join(folder, f"{stem}.{suffix}")
        if suffix == "chapters.json":
            chapters = chapters or url
        else:
            transcripts.append((url, mime, language, "captions" if mime in CAPTIONS else ""))
    image = ""
    if episode.image:
        image = base + publish_file(builder, Path(builder.srcdir, episode.image))
    return rss.Item(
        title=episode.title, link=page_url(builder, base, episode.docname), guid=episode.guid,
        description=episode.summary, url=media_url(base, episode.uri), length=episode.length or 0,
        mime=episode.mime, date=episode.date, duration=episode.duration, season=episode.season,
        episode=episode.episode,
        explicit=config.transcripts_podcast_explicit if episode.explicit is None else episode.explicit,
        image=image, transcripts=transcripts, chapters=chapters,
        people=people_of(builder, base, episode),
    )


def channel_of(builder: Builder, base: str) -> rss.Channel:
    config = builder.config
    feed_url = base + config.transcripts_podcast_feed
    # the namespace's guid: UUIDv5 of the feed's URL without scheme and trailing slashes
    guid = config.transcripts_podcast_guid or str(
        uuid.uuid5(PODCAST_NAMESPACE, feed_url.split("://", 1)[-1].rstrip("/")))
    image = ""
    if config.transcripts_podcast_image:
        image = base + publish_file(builder, Path(builder.confdir, config.transcripts_podcast_image))
    return rss.Channel(
        title=config.transcripts_podcast_title or config.project,
        link=page_url(builder, base, config.root_doc),
        description=config.transcripts_podcast_description or config.project,
        language=config.transcripts_podcast_language or config.language or "en",
        author=config.transcripts_podcast_author or config.author or config.project,
        feed_url=feed_url, guid=guid,
        owner_name=config.transcripts_podcast_owner or config.transcripts_podcast_author or config.author,
        owner_email=config.transcripts_podcast_email, image=image,
        categories=list(config.transcripts_podcast_categories),
        explicit=config.transcripts_podcast_explicit, locked=config.transcripts_podcast_locked,
        copyright=config.copyright,
    )


def write_feed(app: Sphinx, exception: BaseException | None) -> None:
    """Write the feed once the pages are written (html, dirhtml, singlehtml)."""
    builder = app.builder
    name = app.config.transcripts_podcast_feed
    if exception is not None or not name or builder.name not in BUILDERS:
        return
    found = [e for e in kept(app.env) if e.length]
    if not found:
        return
    base = published_base(app.config)
    if not base:
        logger.warning(
            f"transcripts_podcast_feed = {name!r}: the site has {len(found)} episode(s) but no "
            "published address, and a feed needs absolute URLs; set transcripts_podcast_url "
            "or html_baseurl (Read the Docs gives READTHEDOCS_CANONICAL_URL); no feed is written",
            location=conf_location(app, "transcripts_podcast_feed"), type="transcript",
            subtype="feed",
        )
        return
    config = app.config
    # what Apple Podcasts refuses a show without (Podcast Index takes it)
    missing = [key for key, value in (("description", config.transcripts_podcast_description),
                                      ("image", config.transcripts_podcast_image),
                                      ("categories", config.transcripts_podcast_categories),
                                      ("email", config.transcripts_podcast_email)) if not value]
    if missing:
        names = ", ".join(f"transcripts_podcast_{key}" for key in missing)
        logger.warning(
            f"the podcast feed has no {names}: Apple Podcasts refuses a show without them "
            "(the feed is written)",
            location=conf_location(app, "transcripts_podcast_feed"), type="transcript",
            subtype="feed",
        )
    data = rss.write(channel_of(builder, base), [item_of(builder, base, e) for e in found])
    target = Path(builder.outdir, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


# -- JSON-LD ------------------------------------------------------------------


def json_script(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">``; ``<``, ``>`` and ``&`` as
    JSON escapes, so no text can close the script or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def series(builder: Builder, base: str) -> dict[str, Any]:
    config = builder.config
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "PodcastSeries",
        "name": config.transcripts_podcast_title or config.project,
        "description": config.transcripts_podcast_description or config.project,
        "inLanguage": config.transcripts_podcast_language or config.language or "en",
    }
    if base:
        data["url"] = page_url(builder, base, config.root_doc)
        if config.transcripts_podcast_feed:
            data["webFeed"] = base + config.transcripts_podcast_feed
    author = config.transcripts_podcast_author or config.author
    if author:
        data["author"] = {"@type": "Organization", "name": author}
    return data


def episode_data(builder: Builder, base: str, episode: Episode) -> dict[str, Any]:
    item = item_of(builder, base, episode) if base else None
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "PodcastEpisode", "name": episode.title,
    }
    if episode.summary:
        data["description"] = episode.summary
    if episode.date:
        data["datePublished"] = episode.date.isoformat()
    if episode.duration:
        data["duration"] = _iso(episode.duration)
    if episode.episode:
        data["episodeNumber"] = episode.episode
    if item is not None:
        data["url"] = item.link
        media: dict[str, Any] = {"@type": "AudioObject" if episode.kind == "audio" else "VideoObject",
                                 "contentUrl": item.url, "encodingFormat": episode.mime}
        if episode.duration:
            media["duration"] = _iso(episode.duration)
        if item.transcripts:  # schema.org: a media object's transcript
            media["transcript"] = item.transcripts[0][0]
        data["associatedMedia"] = media
        data["actor"] = [{"@type": "Person", "name": p.name, "roleName": p.role,
                          **({"url": p.href} if p.href else {}), "image": p.img}
                         for p in item.people]
    else:
        data["associatedMedia"] = {"@type": "AudioObject" if episode.kind == "audio" else "VideoObject",
                                   "encodingFormat": episode.mime}
        data["actor"] = [{"@type": "Person", "name": p.name, "roleName": p.role} for p in episode.people]
    data["partOfSeries"] = {k: v for k, v in series(builder, base).items() if k != "@context"}
    if episode.season:
        data["partOfSeason"] = {"@type": "PodcastSeason", "seasonNumber": episode.season}
    return data


def _iso(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return out + (f"{secs}S" if secs or out == "PT" else "")


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
    """PodcastEpisode JSON-LD on an episode page, PodcastSeries on the root page."""
    builder = app.builder
    if builder.name not in BUILDERS:
        return
    from .episodes import episodes

    base = published_base(app.config)
    if not episodes(app.env):
        return
    episode = episodes(app.env).get(pagename)
    tags = ""
    feed = app.config.transcripts_podcast_feed
    if feed and base:
        # every page names the feed, so that apps and browsers find it from any page
        title = html.escape(app.config.transcripts_podcast_title or app.config.project)
        tags += (f'<link rel="alternate" type="application/rss+xml" title="{title}" '
                 f'href="{html.escape(base + feed)}" />\n')
    if episode is not None:
        tags += json_script(episode_data(builder, base, episode))
    elif pagename == app.config.root_doc:
        tags += json_script(series(builder, base))
    context["metatags"] = context.get("metatags", "") + tags


def setup(app: Sphinx) -> None:
    text = frozenset({str})
    # the feed's file in the output ("" writes none); the published address
    app.add_config_value("transcripts_podcast_feed", "", "html", types=text)
    app.add_config_value("transcripts_podcast_url", "", "env", types=text)
    # the channel: empty values fall back to project, author, language
    for key in ("title", "description", "author", "owner", "email", "image", "language", "guid"):
        app.add_config_value(f"transcripts_podcast_{key}", "", "html", types=text)
    app.add_config_value("transcripts_podcast_categories", [], "html", types=frozenset({list, tuple}))
    app.add_config_value("transcripts_podcast_explicit", False, "html", types=frozenset({bool}))
    app.add_config_value("transcripts_podcast_locked", False, "html", types=frozenset({bool}))
    # an existing feed (a local RSS file) the pages take their details from
    app.add_config_value("transcripts_podcast_source", "", "env", types=text)
    app.connect("config-inited", check)
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", page_context)

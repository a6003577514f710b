"""The episode a transcript belongs to: its ``:audio:`` or ``:video:``.

The option names an http(s) URL, or a file in the project, relative to the
page (or to the source directory when it starts with ``/``), as the
transcript file is.  A file is accepted only inside the project (symbolic
links are followed first, so a link cannot lead out); it is published
under a name made of its stem and a hash of its bytes,
``_media/<stem>-<sha1[:12]><suffix>``, so a new recording never hides
behind a reader's cached copy of the old one.  The kind of media comes from
the file's ending; an ending the browsers' own players cannot be trusted
with is refused.

:func:`resolve` and :func:`published_name` are pure (pathlib and hashlib
only); :func:`player` is the directive's step: it reports a bad value as a
warning at the directive and returns the :class:`~.nodes.media` node, or
nothing; :func:`copy` is the HTML builder's, which writes the file.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from docutils import nodes

from ..dialogue import elements
from ..model import Problem
from ..report import report
from ..urls import web_url

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

#: where published media files go, under the output directory
FOLDER = "_media"

#: file ending -> MIME type, for each kind; what the browsers' players play
TYPES = {
    "audio": {
        ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac",
        ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg",
        ".wav": "audio/wav", ".flac": "audio/flac", ".weba": "audio/webm",
    },
    "video": {
        ".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm",
        ".ogv": "video/ogg", ".mov": "video/quicktime",
    },
}

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_UNSAFE_STEM = re.compile(r"[^A-Za-z0-9._-]+")


class MediaError(Exception):
    """The option's value cannot be published; the message says why."""


@dataclass(frozen=True)
class Media:
    """An episode's audio or video: ``url`` (http/https) or ``path`` (a file
    in the project, resolved), never both."""

    kind: str
    mime: str
    url: str = ""
    path: Path | None = None


def _mime(kind: str, suffix: str, shown: str) -> str:
    suffix = suffix.lower()
    if suffix in TYPES[kind]:
        return TYPES[kind][suffix]
    other = "video" if kind == "audio" else "audio"
    if suffix in TYPES[other]:
        raise MediaError(f":{kind}: {shown!r} is {other} ({suffix}); use :{other}: for it")
    known = ", ".join(TYPES[kind])
    raise MediaError(f":{kind}: {shown!r} is not a known {kind} file (ending {suffix or 'none'!r}); "
                     f"use one of: {known}")


def resolve(value: str, kind: str, page_dir: Path, srcdir: Path) -> Media:
    """The media that ``value`` (the option, as written) names."""
    shown = value.strip()
    if not shown:
        raise MediaError(f":{kind}: needs a URL or a file")
    if _SCHEME.match(shown):
        if not web_url(shown):
            raise MediaError(f":{kind}: {shown!r} is not an http or https URL nor a file; "
                             "only http(s) links are published")
        parts = urlsplit(shown)
        if parts.fragment:
            raise MediaError(f":{kind}: {shown!r} has a fragment (#{parts.fragment}); "
                             "remove it, the timestamps add their own")
        mime = _mime(kind, PurePosixPath(unquote(parts.path)).suffix, shown)
        return Media(kind, mime, url=shown)
    root = srcdir.resolve()
    path = (srcdir / shown.lstrip("/")) if shown.startswith("/") else page_dir / shown
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        raise MediaError(f":{kind}: file {shown!r} is outside the project; keep media "
                         "inside the source directory")
    if not resolved.exists():
        raise MediaError(f":{kind}: file {shown!r} not found ({resolved})")
    if not resolved.is_file():
        raise MediaError(f":{kind}: {shown!r} is not a file")
    return Media(kind, _mime(kind, resolved.suffix, shown), path=resolved)


@functools.lru_cache(maxsize=64)
def _sha1(path: str, mtime_ns: int, size: int) -> str:
    # keyed by modification time and size too: a replaced file is hashed anew
    digest = hashlib.sha1(usedforsecurity=False)
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


def published_name(path: Path) -> str:
    """``_media/<stem>-<sha1[:12]><suffix>``: where the file is published."""
    stat = path.stat()
    stem = _UNSAFE_STEM.sub("-", path.stem).strip("-.") or "media"
    return posixpath.join(FOLDER, f"{stem}-{_sha1(str(path), stat.st_mtime_ns, stat.st_size)}"
                                  f"{path.suffix.lower()}")


def player(directive: SphinxDirective) -> elements.media | None:
    """The media node of the directive's ``:audio:`` or ``:video:``, or None."""
    given = [kind for kind in ("audio", "video") if kind in directive.options]
    if not given:
        return None
    location = directive.get_location()
    if len(given) > 1:
        report([Problem(0, "media", "give :audio: or :video:, not both; no player is shown")],
               "", location)
        return None
    kind = given[0]
    env = directive.env
    srcdir = Path(env.srcdir)
    page_dir = Path(env.doc2path(env.docname)).parent
    try:
        media = resolve(directive.options[kind], kind, page_dir, srcdir)
        if media.path is not None:
            uri = published_name(media.path)
            source = media.path.relative_to(srcdir.resolve()).as_posix()
            env.note_dependency(str(media.path))
        else:
            uri, source = media.url, ""
    except (MediaError, OSError) as exc:
        message = str(exc) if isinstance(exc, MediaError) else (
            f":{kind}: {directive.options[kind]!r} cannot be read: {exc.strerror}")
        report([Problem(0, "media", f"{message}; no player is shown")], "", location)
        return None
    node = elements.media("", kind=kind, uri=uri, path=source, mime=media.mime,
                    classes=["transcript-episode"])
    if media.url:
        # what builders without a player print: where to listen
        para = nodes.paragraph("", f"Episode {kind}: ", translatable=False)
        para += nodes.reference(media.url, media.url, refuri=media.url)
        node += para
    return node

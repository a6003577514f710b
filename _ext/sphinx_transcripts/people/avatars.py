"""Generated avatars: initials on a colour derived from the speaker's name.

No Sphinx here.  The colour comes from a hash of the name, so the
same person gets the same avatar on every build and every machine; its
lightness is lowered until white initials reach the WCAG AA contrast ratio
for normal text (4.5:1).  The SVG is named by a hash of its own bytes, so a
file is written once and never changes under the same name.

A registry's avatar image is never published as it is: what the site
publishes is a re-drawing (:func:`published_image`), an SVG written anew
from an allow-list of drawing (:mod:`.svg_safety`) or a PNG, JPEG or WebP
encoded anew by Pillow (:mod:`.raster_safety`), named by a hash of the
re-drawing's bytes.  An image that cannot be re-drawn has a ``problem``,
which the registry gives as a warning at the avatar's line
(:func:`image_problem`); :func:`copy_image` writes the re-drawing into the
output, the one function here that writes files.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .raster_safety import ENDINGS, FORMATS, Refused, redraw_raster
from .svg_safety import redraw_svg

#: WCAG 2.x AA minimum contrast for normal-size text.
AA_CONTRAST = 4.5

#: Background of the avatar of a speaker nobody could name.
NEUTRAL_BACKGROUND = "#5f6368"
WHITE = "#ffffff"


@dataclass(frozen=True)
class GeneratedAvatar:
    """Initials and colours of a generated avatar."""

    initials: str
    background: str
    foreground: str

    def svg(self, title: str) -> str:
        """An SVG image of the avatar, 64×64 units, titled for assistive tech.

        No initials: a silhouette (head and shoulders), nobody in particular."""
        if not self.initials:
            return (
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" '
                f'width="64" height="64" role="img" aria-label={quoteattr(title)}>'
                f"<title>{escape(title)}</title>"
                f'<circle cx="32" cy="32" r="32" fill="{self.background}"/>'
                f'<g fill="{self.foreground}" fill-opacity="0.85">'
                '<circle cx="32" cy="25" r="10"/>'
                '<path d="M14 52c0-10 8-16 18-16s18 6 18 16z"/></g></svg>\n'
            )
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" '
            f'width="64" height="64" role="img" aria-label={quoteattr(title)}>'
            f"<title>{escape(title)}</title>"
            f'<circle cx="32" cy="32" r="32" fill="{self.background}"/>'
            '<text x="32" y="32" dy=".35em" text-anchor="middle" '
            'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" '
            f'font-size="{26 if len(self.initials) > 1 else 30}" font-weight="600" '
            f'fill="{self.foreground}">{escape(self.initials)}</text></svg>\n'
        )

    def filename(self, title: str) -> str:
        """Content-addressed file name for :meth:`svg`."""
        return _svg_name(self, title)


@functools.lru_cache(maxsize=4096)
def _svg_name(avatar: GeneratedAvatar, title: str) -> str:
    # every turn of a speaker has the same avatar: drawn and hashed once
    digest = hashlib.sha256(avatar.svg(title).encode("utf-8")).hexdigest()[:16]
    return f"avatar-{digest}.svg"


def initials(name: str) -> str:
    """Up to two initials: first and last word ("Luca Antiga" -> "LA")."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted(
        (relative_luminance(first), relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


@functools.lru_cache(maxsize=1024)
def colour_for(name: str) -> str:
    """A deterministic background colour for ``name`` with AA contrast on white
    (worked out once per name and process: every turn of a speaker asks)."""
    digest = hashlib.sha256(name.strip().casefold().encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    saturation = 0.45 + digest[2] / 255 * 0.25
    lightness = 0.42
    while True:
        colour = _hex(*colorsys.hls_to_rgb(hue, lightness, saturation))
        if contrast_ratio(colour, WHITE) >= AA_CONTRAST or lightness <= 0.1:
            return colour
        lightness -= 0.02


def anonymous() -> GeneratedAvatar:
    """The avatar of nobody in particular: a silhouette on the neutral grey."""
    return GeneratedAvatar("", NEUTRAL_BACKGROUND, WHITE)


def generated_avatar(name: str, *, neutral: bool = False) -> GeneratedAvatar:
    """The avatar for ``name``; ``neutral`` gives the grey question mark."""
    if neutral:
        return GeneratedAvatar("?", NEUTRAL_BACKGROUND, WHITE)
    return GeneratedAvatar(initials(name), colour_for(name), WHITE)


#: what each ending a registry may give an avatar image says the image is
KINDS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp", ".svg": "svg"}
#: the largest avatar file read: a photo straight from a camera is smaller
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class PublishedImage:
    """What the site publishes for a registry's avatar image: ``data`` under
    ``name``, or, when it cannot be re-drawn, why not (``problem``, in words
    that complete "the avatar image …")."""

    name: str = ""
    data: bytes = b""
    problem: str = ""


def redraw(data: bytes, suffix: str) -> PublishedImage:
    """The re-drawing of an avatar image's bytes, by the ending of its name."""
    kind = KINDS.get(suffix.lower())
    try:
        if kind is None:
            raise Refused("is not a png, jpg, svg or webp image")
        if kind == "svg":
            published, ending = redraw_svg(data), "svg"
        else:
            picture = redraw_raster(data, kind)
            published, ending = picture.data, ENDINGS[FORMATS[picture.kind]]
    except Refused as refused:
        return PublishedImage(problem=str(refused))
    digest = hashlib.sha256(published).hexdigest()[:16]
    return PublishedImage(f"avatar-{digest}.{ending}", published)


@functools.lru_cache(maxsize=32)
def _published(path: str, mtime_ns: int, size: int) -> PublishedImage:
    # keyed by modification time and size too: a replaced image is drawn anew
    if size > MAX_FILE_BYTES:
        return PublishedImage(problem=f"is larger than {MAX_FILE_BYTES // 2**20} MB, "
                                      "more than an avatar needs")
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return PublishedImage(problem=f"cannot be read ({exc.strerror})")
    if len(data) > MAX_FILE_BYTES:  # it grew since it was looked at
        return PublishedImage(problem=f"is larger than {MAX_FILE_BYTES // 2**20} MB, "
                                      "more than an avatar needs")
    return redraw(data, Path(path).suffix)


@functools.lru_cache(maxsize=4096)
def _verdict(path: str, mtime_ns: int, size: int) -> tuple[str, str]:
    # the name or the problem of every avatar stays known without its bytes:
    # every turn of a speaker asks, and the bytes are needed once per output
    published = _published(path, mtime_ns, size)
    return published.name, published.problem


def published_image(source: Path) -> PublishedImage:
    """What the site publishes for the avatar image ``source`` (re-drawn
    once per version of the file and kept while it is asked for)."""
    try:
        stat = source.stat()
    except OSError as exc:
        return PublishedImage(problem=f"cannot be read ({exc.strerror})")
    return _published(str(source), stat.st_mtime_ns, stat.st_size)


def image_problem(source: Path) -> str:
    """Why the avatar image ``source`` is not published ("" when it is)."""
    try:
        stat = source.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    return _verdict(str(source), stat.st_mtime_ns, stat.st_size)[1]


def copy_image(source: Path, outdir: Path) -> str | None:
    """Write the re-drawing of a registry image into ``outdir`` under its
    content-addressed name, once; return the name, or None when the image
    cannot be re-drawn (the registry has warned: a generated avatar stands in).
    """
    try:
        stat = source.stat()
    except OSError:
        return None
    name, problem = _verdict(str(source), stat.st_mtime_ns, stat.st_size)
    if problem:
        return None
    target = outdir / name
    if not target.exists():
        published = _published(str(source), stat.st_mtime_ns, stat.st_size)
        if published.problem:
            return None
        outdir.mkdir(parents=True, exist_ok=True)
        (outdir / published.name).write_bytes(published.data)
        return published.name
    return name

"""Generated avatars: initials on a colour derived from the speaker's name.

No Sphinx here.  The colour comes from a hash of the name, so the
same person gets the same avatar on every build and every machine; its
lightness is lowered until white initials reach the WCAG AA contrast ratio
for normal text (4.5:1).  The SVG is named by a hash of its own bytes, so a
file is written once and never changes under the same name; a registry image
is copied into the output under a hash of its bytes in the same way
(:func:`copy_image`, the one function here that touches files).
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

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
        """An SVG image of the avatar, 64×64 units, titled for assistive tech."""
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


def generated_avatar(name: str, *, neutral: bool = False) -> GeneratedAvatar:
    """The avatar for ``name``; ``neutral`` gives the grey question mark."""
    if neutral:
        return GeneratedAvatar("?", NEUTRAL_BACKGROUND, WHITE)
    return GeneratedAvatar(initials(name), colour_for(name), WHITE)


@functools.lru_cache(maxsize=256)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    # keyed by modification time and size too: a replaced image is hashed anew
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def copy_image(source: Path, outdir: Path) -> str:
    """Copy a registry image into ``outdir`` under a content-addressed name.

    Every turn of a speaker shows the same picture: the file is read and
    hashed once per version of it, and copied once.  Returns the file name.
    """
    stat = source.stat()
    name = f"avatar-{_digest(str(source), stat.st_mtime_ns, stat.st_size)}{source.suffix.lower()}"
    target = outdir / name
    if not target.exists():
        outdir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return name

"""A registry's PNG, JPEG or WebP avatar, re-drawn by Pillow (pure).

The site never publishes the bytes a registry names: a file called
``ada.png`` may hold HTML, or be a PNG whose text chunks hold a page or a
style sheet that another file's ``<?xml-stylesheet?>`` names by its
published address (content-addressed, so computable), and a server that
guesses types from content, an old browser or a mail client may show it as
a document.  So the picture is decoded and encoded anew: what is published
holds the pixels and nothing else (no text chunk, EXIF, XMP, comment or
colour profile), starts with its format's signature, and is of the format
its name says.  The picture is turned upright by its EXIF orientation (a
phone's photo would lie on its side once EXIF is gone), its colours are
converted to sRGB when it carries a profile, and it is shrunk to at most
:data:`MAX_SIDE` pixels a side: an avatar is drawn at 64 CSS pixels at most.

What Pillow cannot read, a picture of another format than its name says, or
one larger than :data:`MAX_PIXELS` (a decompression bomb is a few kilobytes)
is :class:`Refused`, in words that complete "the avatar image …".
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

#: the longest side of a published picture: four times the largest avatar
#: (64 CSS pixels on the people page), for screens of 3 and 4 device pixels a pixel
MAX_SIDE = 256
#: the most pixels a picture may have: 25 million (5000 × 5000) decode into
#: 100 MB; an avatar needs less than a thousandth of that
MAX_PIXELS = 25_000_000

#: Pillow's name of each format an avatar may be, by the name the site uses
FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP", "gif": "GIF"}
#: the format a picture is published in (a GIF only comes embedded in an SVG)
PUBLISHED_AS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "GIF": "png"}
#: how each format is named where a person reads it
SPOKEN = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF"}
#: the ending a registry gives each format it takes
ENDINGS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


class Refused(ValueError):
    """Why an avatar image is not published, in words that complete
    "the avatar image …" ("is not a PNG image Pillow can read")."""


@dataclass(frozen=True)
class Picture:
    """A re-drawn picture: its bytes, its format (``png``, ``jpeg`` or
    ``webp``), and how many pixels its source had (what decoding it cost)."""

    data: bytes
    kind: str
    pixels: int


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """The picture in ``data``, its header read (the pixels not yet)."""
    try:
        with warnings.catch_warnings():
            # above MAX_IMAGE_PIXELS Pillow only warns; here that is a refusal too
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(FORMATS.values()))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(f"has more pixels than an avatar may have (at most {max_pixels:,}): "
                      "scale it down") from None
    except UnidentifiedImageError:
        raise Refused("is not a PNG, JPEG or WebP picture (no decoder recognises it)") from None
    except Exception as exc:  # a decoder's error on bytes nobody checked: any type
        raise Refused(f"is not a PNG, JPEG or WebP picture that can be read ({_said(exc)})") from None
    width, height = image.size
    if width * height > max_pixels:
        raise Refused(f"is {width} × {height} pixels, more than an avatar may have "
                      f"(at most {max_pixels:,}): scale it down")
    return image


def _said(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__


def _in_srgb(image: Image.Image) -> Image.Image:
    """``image`` in sRGB when it carries a colour profile (a photo of a
    recent phone: Display P3), so dropping the profile keeps its colours."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    mode = "RGBA" if image.has_transparency_data else "RGB"
    try:
        converted = ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"),
            outputMode=mode,
        )
    except Exception:  # a profile LittleCMS cannot use, or one for another mode: drawn as if sRGB
        return image
    return converted if converted is not None else image


def redraw_raster(data: bytes, kind: str | None = None, *, max_pixels: int = MAX_PIXELS) -> Picture:
    """``data`` decoded and encoded anew (see the module's docstring).

    ``kind``: the format the file's name says (``png``, ``jpeg``, ``webp``);
    None takes any of them or GIF (a picture embedded in an SVG).
    """
    image = _open(data, max_pixels)
    found = image.format or ""
    if kind is not None and found != FORMATS[kind]:
        named = SPOKEN[FORMATS[kind]]
        fix = f"give it the ending .{ENDINGS[found]}" if found in ENDINGS else f"save it as {named}"
        raise Refused(f"is a {SPOKEN[found]} picture, not a {named} one: {fix}")
    out_kind = PUBLISHED_AS[found]
    pixels = image.size[0] * image.size[1]
    try:
        if found == "JPEG":
            # decode at 1/2, 1/4 or 1/8 of the size when that is still large enough
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
        image.load()
        if image.mode in ("I", "I;16", "I;16B", "I;16L"):
            # a 16-bit grey PNG: to 8 bits by its range (a plain convert would clip at 255)
            image = image.convert("I").point(lambda value: value / 256).convert("L")
        elif image.mode in ("P", "1"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        # smaller first: what follows works on an avatar's pixels, not a photo's
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        image = ImageOps.exif_transpose(image)
        image = _in_srgb(image)
        alpha = out_kind != "jpeg" and image.has_transparency_data
        image = image.convert("RGBA" if alpha else "RGB")
        # nothing of the source but its pixels: no profile, EXIF, text or comment
        image.info = {}
        out = io.BytesIO()
        if out_kind == "png":
            image.save(out, "PNG")
        elif out_kind == "jpeg":
            image.save(out, "JPEG", quality=92, subsampling=0)  # 4:4:4: no colour bleeds at edges
        else:
            image.save(out, "WEBP", quality=90, method=4)
    except Exception as exc:  # a truncated or corrupt file fails here, in any decoder's words
        raise Refused(f"is a {SPOKEN.get(found, found)} picture that cannot be read ({_said(exc)})") from None
    return Picture(out.getvalue(), out_kind, pixels)

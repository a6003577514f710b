"""Avatar images a hostile registry could name, legitimate drawings, and the
check that what the site publishes for an avatar is a drawing only.

Each attack is an image a publisher's pull request could add to the avatar
folder: one that runs script when a reader opens its address, or makes the
browser fetch from another host.  The payload marks what it reached: a
console message, a dialog and a window flag, each named :data:`MARK`; every
outside address is on a host of its own under ``.invalid``, so a request
names its attack.  The drawings are what drawing programs write (the same
shapes in the styles of Inkscape, Illustrator and Figma), made up here.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring
from PIL import Image, ImageDraw, PngImagePlugin

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
#: what a payload leaves behind when it runs
MARK = "AVATAR-SCRIPT-RAN"
SCRIPT = f"window.avatarScriptRan=1;console.log('{MARK}');alert('{MARK}')"
OPEN = f'<svg xmlns="{SVG}" xmlns:xlink="{XLINK}" viewBox="0 0 64 64" width="64" height="64">'


def outside(name: str) -> str:
    """An address on a host of the attack's own (``.invalid`` never resolves)."""
    return f"http://{name}.attacker.invalid/x"


def svg(body: str) -> bytes:
    return f'{OPEN}<rect width="64" height="64" fill="#345"/>{body}</svg>'.encode()


def utf16(text: str) -> bytes:
    """``text`` in UTF-16 with a byte order mark: no ASCII spelling survives."""
    return text.encode("utf-16")


def published_name_before(data: bytes) -> str:
    """The name the site gave an SVG avatar when it published the file as it
    was (a hash of its bytes): what an attacker computes to name another
    avatar's address."""
    return f"avatar-{hashlib.sha256(data).hexdigest()[:16]}.svg"


@dataclass(frozen=True)
class Attack:
    """A hostile avatar: its file name, its bytes, what the build says."""

    file: str
    data: bytes
    #: the words of the registry's warning (after "avatar image of … (…) ")
    refusal: str


#: an SVG that is also an XSLT style sheet (a literal result element): applied
#: to another document it writes an SVG with a script in it
XSLT = (
    f'<?xml version="1.0"?>\n<svg xmlns="{SVG}" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
    'xsl:version="1.0" viewBox="0 0 64 64" width="64" height="64">'
    f'<rect width="64" height="64" fill="#345"/><xsl:element name="script">{SCRIPT}</xsl:element></svg>'
).encode()

ATTACKS: dict[str, Attack] = {
    "xslt": Attack("xslt.svg", XSLT, "holds XSLT (<xsl:element>)"),
    "xslt-applied": Attack(
        "applies-xslt.svg",
        utf16('<?xml version="1.0" encoding="UTF-16"?>\n'
              f'<?xml-stylesheet type="text/xsl" href="{published_name_before(XSLT)}"?>\n'
              f'{OPEN}<rect width="64" height="64"/></svg>'),
        "names a style sheet to fetch and apply (<?xml-stylesheet?>)"),
    "style-split": Attack(
        "style-split.svg", svg(f"<style>svg {{ background: u<g/>rl({outside('style-split')}) }}</style>"),
        "has CSS that loads other content (url())"),
    "css-escape": Attack(
        "css-escape.svg", svg(rf"<style>svg {{ background: u\72 l({outside('css-escape')}) }}</style>"),
        "has CSS that loads other content (url())"),
    "image-set": Attack(
        "image-set.svg",
        svg(f'<style>svg {{ background-image: image-set("{outside("image-set")}" 1x) }}</style>'),
        "has CSS that loads other content (image-set())"),
    "import-escape": Attack(
        "import-escape.svg", svg(rf'<style>@\69mport "{outside("import-escape")}";</style>'),
        "has CSS that loads other content (@import)"),
    "css-stylesheet-utf16": Attack(
        "css-pi.svg",
        utf16('<?xml version="1.0" encoding="UTF-16"?>\n'
              f'<?xml-stylesheet type="text/css" href="{outside("css-pi")}"?>\n'
              f'{OPEN}<rect width="64" height="64"/></svg>'),
        "names a style sheet to fetch and apply (<?xml-stylesheet?>)"),
    "script": Attack("script.svg", svg(f"<script>{SCRIPT}</script>"),
                     "holds a <script> element, which runs script"),
    "event-handler": Attack(
        "onload.svg", f'<svg xmlns="{SVG}" viewBox="0 0 64 64" onload="{SCRIPT}"><rect/></svg>'.encode(),
        "has an event handler (onload), which runs script"),
    "foreign-object": Attack(
        "foreign.svg",
        svg('<foreignObject width="64" height="64"><div xmlns="http://www.w3.org/1999/xhtml">'
            f'<img src="{outside("foreign")}" onerror="{SCRIPT}"/></div></foreignObject>'),
        "holds HTML (<div>)"),
    "xlink-href": Attack("xlink.svg", svg(f'<image width="64" height="64" xlink:href="{outside("xlink")}"/>'),
                         f"refers to '{outside('xlink')}'"),
    "use-href": Attack("use.svg", svg(f'<use href="{outside("use")}.svg#shape"/>'),
                       f"refers to '{outside('use')}.svg#shape'"),
    "animated-href": Attack(
        "animate.svg",
        svg(f'<a href="#shape"><set attributeName="href" to="javascript:{SCRIPT}"/>'
            '<rect id="shape" width="64" height="64" fill="#a33"/></a>'),
        "has an animation (<set>) that changes href"),
    "billion-laughs": Attack(
        "laughs.svg",
        ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a0 "ha">\n'
         + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">\n' for i in range(1, 10))
         + f']>\n<svg xmlns="{SVG}"><text>&a9;</text></svg>').encode(),
        "declares entities (<!ENTITY>)"),
}

def png_chunks(*chunks: tuple[bytes, bytes]) -> bytes:
    """A PNG file of these chunks, as a hand (or an attacker) writes one."""
    written = b"".join(struct.pack(">I", len(data)) + kind + data
                       + struct.pack(">I", zlib.crc32(kind + data)) for kind, data in chunks)
    return b"\x89PNG\r\n\x1a\n" + written


def png_header(width: int, height: int) -> bytes:
    return struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)


def polyglot_png() -> bytes:
    """A real 8 × 8 picture whose text chunks hold a page and a style sheet."""
    pixels = zlib.compress(b"".join(b"\x00" + b"\x20\x40\x80" * 8 for _ in range(8)))
    return png_chunks(
        (b"IHDR", png_header(8, 8)),
        (b"tEXt", f"Comment\x00<html><script>{SCRIPT}</script></html>".encode()),
        (b"iTXt", f"XML:com.adobe.xmp\x00\x00\x00\x00\x00<svg onload=\"{SCRIPT}\"/>".encode()),
        (b"IDAT", pixels), (b"IEND", b""),
    )


#: pictures that are more than pictures: published re-drawn, or refused
PICTURE_ATTACKS: dict[str, Attack] = {
    "png-with-a-page-inside": Attack("polyglot.png", polyglot_png(), ""),
    "a-page-named-png": Attack("page.png", f"<html><script>{SCRIPT}</script></html>".encode(),
                               "is not a PNG, JPEG or WebP picture (no decoder recognises it)"),
    "an-svg-named-png": Attack("drawing.png", svg(f"<script>{SCRIPT}</script>"),
                               "is not a PNG, JPEG or WebP picture (no decoder recognises it)"),
    "a-decompression-bomb": Attack(
        "bomb.png", png_chunks((b"IHDR", png_header(40_000, 40_000)),
                               (b"IDAT", zlib.compress(b"\x00" * 1_000_000)), (b"IEND", b"")),
        "has more pixels than an avatar may have (at most 25,000,000)"),
    "a-smaller-bomb": Attack(
        "small-bomb.png", png_chunks((b"IHDR", png_header(6_000, 6_000)),
                                     (b"IDAT", zlib.compress(b"\x00" * 1_000_000)), (b"IEND", b"")),
        "is 6000 × 6000 pixels, more than an avatar may have (at most 25,000,000)"),
}


def photo(size: tuple[int, int] = (600, 400), kind: str = "JPEG") -> bytes:
    """A made-up portrait: a sky, a face and a body."""
    image = Image.new("RGB", size, "#1e5aa8")
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse((width * 0.35, height * 0.2, width * 0.65, height * 0.6), fill="#ffe0bd")
    draw.rectangle((width * 0.2, height * 0.7, width * 0.8, height), fill="#2b7a3d")
    out = io.BytesIO()
    image.save(out, kind, **({"pnginfo": PngImagePlugin.PngInfo()} if kind == "PNG" else {}))
    return out.getvalue()


#: the same portrait as drawing programs write it: gradients, paths, circles, text
DRAWINGS: dict[str, bytes] = {
    "inkscape": (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!-- Created with Inkscape (http://www.inkscape.org/) -->\n'
        f'<svg xmlns="{SVG}" xmlns:xlink="{XLINK}" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'width="64" height="64" viewBox="0 0 64 64" version="1.1" id="svg8" '
        'inkscape:version="1.3 (0e150ed, 2023-07-21)" sodipodi:docname="portrait.svg">'
        '<sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="8"/>'
        '<metadata id="metadata5"><rdf:RDF><rdf:Description><dc:title>Portrait</dc:title>'
        '</rdf:Description></rdf:RDF></metadata>'
        '<defs id="defs2"><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">'
        '<stop offset="0" style="stop-color:#1e5aa8;stop-opacity:1"/>'
        '<stop offset="1" style="stop-color:#f29e4c;stop-opacity:1"/></linearGradient>'
        '<radialGradient id="face" inkscape:collect="always" xlink:href="#skin" cx="32" cy="28" r="14" '
        'gradientUnits="userSpaceOnUse"/>'
        '<linearGradient id="skin"><stop offset="0" stop-color="#ffe0bd"/>'
        '<stop offset="1" stop-color="#d99a6c"/></linearGradient></defs>'
        '<g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">'
        '<circle cx="32" cy="32" r="32" style="fill:url(#sky);stroke:none" id="bg"/>'
        '<path d="M 10,64 C 12,46 52,46 54,64 Z" style="fill:#2b7a3d;fill-opacity:1" id="body"/>'
        '<circle cx="32" cy="28" r="13" style="fill:url(#face)" id="head"/>'
        '<text x="32" y="60" style="font-size:9px;font-family:\'DejaVu Sans\', sans-serif;'
        'text-anchor:middle;fill:#ffffff;-inkscape-font-specification:\'DejaVu Sans Bold\'" '
        'xml:space="preserve" id="label"><tspan sodipodi:role="line" id="tspan1" '
        'style="font-weight:bold">AL</tspan></text></g></svg>\n'
    ).encode(),
    "illustrator": (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!-- Generator: Adobe Illustrator 28.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        f'<svg version="1.1" id="Layer_1" xmlns="{SVG}" xmlns:xlink="{XLINK}" x="0px" y="0px" '
        'viewBox="0 0 64 64" style="enable-background:new 0 0 64 64;" xml:space="preserve">\n'
        '<style type="text/css">\n\t.st0{fill:url(#SVGID_1_);}\n\t.st1{fill:#2B7A3D;}\n'
        '\t.st2{fill:url(#SVGID_2_);}\n\t.st3{fill:#FFFFFF;font-family:\'DejaVuSans-Bold\', sans-serif;'
        'font-size:9px;}\n</style>\n'
        '<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="32" y1="0" x2="32" y2="64">\n'
        '\t<stop  offset="0" style="stop-color:#1E5AA8"/>\n\t<stop  offset="1" style="stop-color:#F29E4C"/>\n'
        '</linearGradient>\n<circle class="st0" cx="32" cy="32" r="32"/>\n'
        '<path class="st1" d="M10,64c2-18,42-18,44,0H10z"/>\n'
        '<radialGradient id="SVGID_2_" cx="32" cy="28" r="13" gradientUnits="userSpaceOnUse">\n'
        '\t<stop  offset="0" style="stop-color:#FFE0BD"/>\n\t<stop  offset="1" style="stop-color:#D99A6C"/>\n'
        '</radialGradient>\n<circle class="st2" cx="32" cy="28" r="13"/>\n'
        '<text transform="matrix(1 0 0 1 25.5 60)" class="st3">AL</text>\n</svg>\n'
    ).encode(),
    "figma": (
        f'<svg width="64" height="64" viewBox="0 0 64 64" fill="none" xmlns="{SVG}">\n'
        '<circle cx="32" cy="32" r="32" fill="url(#paint0_linear_1_2)"/>\n'
        '<path d="M10 64C12 46 52 46 54 64H10Z" fill="#2B7A3D"/>\n'
        '<g filter="url(#filter0_d_1_2)"><circle cx="32" cy="28" r="13" fill="url(#paint1_radial_1_2)"/></g>\n'
        '<text x="32" y="60" fill="white" font-family="DejaVu Sans" font-size="9" font-weight="bold" '
        'text-anchor="middle">AL</text>\n<defs>\n'
        '<filter id="filter0_d_1_2" x="15" y="13" width="34" height="34" filterUnits="userSpaceOnUse" '
        'color-interpolation-filters="sRGB">\n<feFlood flood-opacity="0" result="BackgroundImageFix"/>\n'
        '<feColorMatrix in="SourceAlpha" type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 127 0" '
        'result="hardAlpha"/>\n<feOffset dy="2"/>\n<feGaussianBlur stdDeviation="1"/>\n'
        '<feBlend mode="normal" in="SourceGraphic" in2="BackgroundImageFix" result="shape"/>\n</filter>\n'
        '<linearGradient id="paint0_linear_1_2" x1="32" y1="0" x2="32" y2="64" gradientUnits="userSpaceOnUse">\n'
        '<stop stop-color="#1E5AA8"/>\n<stop offset="1" stop-color="#F29E4C"/>\n</linearGradient>\n'
        '<radialGradient id="paint1_radial_1_2" cx="0" cy="0" r="1" gradientUnits="userSpaceOnUse" '
        'gradientTransform="translate(32 28) rotate(90) scale(13)">\n'
        '<stop stop-color="#FFE0BD"/>\n<stop offset="1" stop-color="#D99A6C"/>\n</radialGradient>\n'
        '</defs>\n</svg>\n'
    ).encode(),
}


# -- what a published avatar may hold ----------------------------------------------------

#: elements that run script, show a document or animate: never in a published avatar,
#: whatever the allow-list says
NEVER = {"script", "foreignObject", "iframe", "object", "embed", "a", "animate", "set",
         "animateMotion", "animateTransform", "discard", "feImage", "handler", "listener"}
_URL = re.compile(r"url\s*\(", re.IGNORECASE)
_FRAGMENT_URL = re.compile(r"url\(#[\w.-]+\)")
_HREF = re.compile(r"#[\w.-]+|data:image/(?:png|jpeg|webp);base64,[A-Za-z0-9+/=]+")


def css_reaches_out(css: str) -> list[str]:
    """What in CSS text could fetch or hide what it says: a ``url(`` that is not
    ``url(#id)``, an escape, an at-rule, a loading function."""
    found = []
    if len(_URL.findall(css)) != len(_FRAGMENT_URL.findall(css)):
        found.append(f"url() of another document in {css[:80]!r}")
    for sign in ("\\", "@", "image-set", "image(", "src(", "cross-fade", "element(", "expression"):
        if sign in css.lower():
            found.append(f"{sign!r} in {css[:80]!r}")
    return found


def drawing_problems(data: bytes, *, elements: frozenset[str], attributes: frozenset[str]) -> list[str]:
    """Why the published ``data`` is more than a drawing of ``elements`` and
    ``attributes`` (the allow-list): an empty list when it is not."""
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["not UTF-8"]
    if "<?" in text:
        problems.append("a processing instruction or XML declaration")
    if "<!" in text:
        problems.append("a document type, entity, comment or CDATA section")
    root = fromstring(data, forbid_dtd=True)
    if root.tag != f"{{{SVG}}}svg":
        problems.append(f"its root is {root.tag}")
    for element in root.iter():
        assert isinstance(element.tag, str)
        namespace, _, local = element.tag[1:].partition("}")
        if namespace != SVG or local not in elements or local in NEVER:
            problems.append(f"element {element.tag}")
        if local == "style":
            if len(element):
                problems.append("an element inside <style>")
            problems += css_reaches_out(element.text or "")
        for name, value in element.attrib.items():
            written = (name.replace(f"{{{XLINK}}}", "xlink:").replace(f"{{{XML}}}", "xml:"))
            if written not in attributes or written.lower().startswith("on"):
                problems.append(f"attribute {written} on <{local}>")
            if written in ("href", "xlink:href") and not _HREF.fullmatch(value):
                problems.append(f"a reference to {value[:80]!r}")
            problems += css_reaches_out(value)
    return problems


def parse(data: bytes) -> ElementTree.Element:
    """The tree of a drawing (a plain document type is read, entities not)."""
    return fromstring(data)


# -- a project whose registry names them all ---------------------------------------------------


def person(key: str) -> str:
    """The registry name of the person whose avatar is ``key``."""
    return f"Avatar {key}"


def avatar_files() -> dict[str, tuple[str, bytes]]:
    """Every avatar of the test root by key: (file name, bytes)."""
    files = {key: (attack.file, attack.data) for key, attack in {**ATTACKS, **PICTURE_ATTACKS}.items()}
    files |= {f"drawing-{key}": (f"{key}.svg", data) for key, data in DRAWINGS.items()}
    files["photo-jpeg"] = ("photo.jpg", photo())
    files["photo-png"] = ("photo.png", photo((300, 300), "PNG"))
    return files


def write_root(template: Path, srcdir: Path) -> Path:
    """The test-avatars root at ``srcdir``: its pages, a registry of one
    person per avatar, and the avatar files (which no editor writes)."""
    shutil.copytree(template, srcdir)
    (srcdir / "avatars").mkdir()
    entries = []
    for key, (file, data) in avatar_files().items():
        (srcdir / "avatars" / file).write_bytes(data)
        entries.append(f'[[speaker]]\nname = "{person(key)}"\nbio = "Has the avatar {key}."\n'
                       f'avatar = "avatars/{file}"\n')
    (srcdir / "speakers.toml").write_text("\n".join(entries), encoding="utf-8")
    return srcdir

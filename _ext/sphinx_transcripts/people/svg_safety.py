"""Whether an SVG avatar is a drawing and nothing more (pure).

A registry's avatar image is published on the site as it is.  A PNG or JPEG
is only ever shown as a picture, but an SVG is a document: opened at its
own address it runs the script it holds, on the site's origin, and shown in
an ``<img>`` it can still fetch from elsewhere through its CSS.  So an SVG
avatar is published only when it holds nothing but drawing: the elements
of static SVG graphics, references to its own parts (``#id``), embedded
PNG, JPEG, GIF or WebP data, and CSS that loads nothing.  Anything else is
refused, not cleaned: :func:`svg_problem` says what was found, the registry
warns at the avatar's line and the speaker gets a generated avatar.

Elements of other namespaces (an editor's metadata: Inkscape, Sodipodi, RDF,
Dublin Core) are not SVG and are neither rendered nor run, except XHTML and
MathML, which a browser would render: those are refused too.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
#: namespaces whose elements a browser renders inside an SVG document
RENDERED = frozenset({SVG, "http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML"})

#: the SVG elements of a static drawing; not here, among others: script,
#: foreignObject, a, iframe, and the animation elements (``set`` and
#: ``animate`` can change a reference into a script URL)
DRAWING = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "textPath", "image", "linearGradient", "radialGradient", "stop", "pattern", "clipPath",
    "mask", "marker", "filter", "feBlend", "feColorMatrix", "feComponentTransfer",
    "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
    "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})

#: what a reference may point at: a part of the drawing, or embedded raster data
_LOCAL_OR_RASTER = re.compile(r"\s*(#|data:image/(png|jpeg|gif|webp)[;,])", re.IGNORECASE)
#: what a CSS ``url()`` holds
_CSS_URL = re.compile(r"url\(([^)]*)", re.IGNORECASE)
#: a document type declaration (where entities are declared)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
#: a style sheet the browser would fetch and apply (CSS or XSLT)
_STYLESHEET = re.compile(rb"<\?xml-stylesheet", re.IGNORECASE)


def _css_loads(css: str) -> bool:
    """Whether CSS (or a presentation attribute) loads something: ``@import``,
    or a ``url()`` other than ``url(#id)``."""
    if "@import" in css.lower():
        return True
    return any(not url.strip(" \t\n'\"").startswith("#") for url in _CSS_URL.findall(css))


def _split(name: str) -> tuple[str, str]:
    """``{namespace}local`` as ``(namespace, local)``."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def svg_problem(data: bytes) -> str | None:
    """What makes ``data`` more than a drawing, in words, or None if it is one.

    The words complete "the avatar image … ": "holds a <script> element".
    """
    if _DOCTYPE.search(data):
        return "has a document type declaration, which a drawing does not need"
    if _STYLESHEET.search(data):
        return "names a style sheet to fetch (<?xml-stylesheet?>)"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"is not a well-formed SVG file ({exc})"
    if _split(root.tag) != (SVG, "svg"):
        return "is not an SVG drawing (its root is not an <svg> element of the SVG namespace)"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        namespace, local = _split(element.tag)
        if namespace in RENDERED and (namespace != SVG or local not in DRAWING):
            return f"holds a <{local}> element, which can run script or show other content"
        if local == "style" and _css_loads(element.text or ""):
            return "has CSS that loads other content (url() or @import)"
        for name, value in element.attrib.items():
            attribute_namespace, attribute = _split(name)
            if attribute.lower().startswith("on"):
                return f"has an event handler ({attribute}), which runs script"
            reference = attribute == "href" and attribute_namespace in ("", XLINK)
            if reference and not _LOCAL_OR_RASTER.match(value):
                return (f"refers to {value[:60]!r}: a drawing may only refer to its own "
                        "parts (#id) or embed PNG, JPEG, GIF or WebP data")
            if _css_loads(value):  # style="…", fill="url(…)", filter="url(…)"…
                return "has CSS that loads other content (url() or @import)"
    return None

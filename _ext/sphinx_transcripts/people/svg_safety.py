r"""A registry's SVG avatar, re-drawn from an allow-list (pure).

An SVG is a document: opened at its own address it runs the script it
holds on the site's origin, and even shown in an ``<img>`` its CSS can fetch
from elsewhere.  A look at the file's bytes cannot tell: an encoding
(UTF-16), an escape in CSS (``u\72 l(``), a style sheet split by an element
(``u<g/>rl(``) or a processing instruction naming another avatar's address
as XSLT walk past any spelling it looks for.  So the site never publishes
the registry's file.  :func:`redraw_svg` parses it (defusedxml: no entity is
expanded, no outside DTD read) and writes a new SVG, in UTF-8, of what a
static drawing is made of, each value written anew from what was parsed:

- elements: shapes, paths, text, groups, ``<use>`` and ``<symbol>``,
  gradients, patterns, clip paths, masks, markers, filter primitives (not
  ``feImage``), ``<title>``, ``<desc>``, ``<style>`` (:data:`DRAWING`); a
  link ``<a>`` becomes a group;
- attributes: geometry, transforms, ids and classes, and SVG's presentation
  attributes (:data:`CSS_PROPERTIES`);
- references (``href``, ``url()``) only to the drawing's own parts, as
  ``#id``; an ``<image>`` only of embedded PNG, JPEG, GIF or WebP data,
  itself re-drawn by Pillow (:mod:`.raster_safety`);
- CSS (``<style>``, ``style=``, presentation attributes) written anew from
  its tokens (tinycss2, which decodes escapes before anything looks at a
  name): simple selectors, the properties above, values made of names,
  numbers, colours, quoted font names, a few functions (``rgb()``,
  ``rotate()``…) and ``url(#id)``; no at-rule, no escape, no other function;
- no processing instruction, document type, entity or comment.

What is more than a drawing is of two kinds.  What would run script, fetch
something or hide what it is (a ``<script>``, an event handler, HTML or
MathML, XSLT, a reference outside the drawing, CSS that loads, an animation
of a reference, an ``<?xml-stylesheet?>``, declared entities) is
:class:`~.raster_safety.Refused`: no drawing program writes it, so the
publisher is told at the avatar's line and the person gets a generated
avatar.  What is only not drawing (an editor's metadata and attributes,
comments, animations, ``<foreignObject>`` without HTML, CSS properties and
elements no avatar needs) is left out without a word: drawing programs
write it.  The safety of what is published does not rest on that first
list: whatever it misses, the second step writes only the allow-list.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Sequence
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import tinycss2
from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .raster_safety import MAX_PIXELS, Refused, redraw_raster

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
#: namespaces of what a browser would show or run inside an SVG document,
#: other than SVG's own: refused wherever they stand
FOREIGN = {
    "http://www.w3.org/1999/xhtml": ("HTML", ""),
    "http://www.w3.org/1998/Math/MathML": ("MathML", ""),
    "http://www.w3.org/1999/XSL/Transform": ("XSLT", "xsl:"),
}

#: most elements and deepest nesting an avatar may have: a portrait drawn
#: in Inkscape or Illustrator has a few hundred elements, a dozen levels deep
MAX_ELEMENTS = 50_000
MAX_DEPTH = 100

#: the SVG elements of a static drawing, written out
DRAWING = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "image",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
    "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur",
    "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})
#: SVG elements written as another: a link is drawn as the group it is
RENAMED = {"a": "g"}
#: SVG elements that run script: refused
SCRIPT = frozenset({"script", "handler", "listener"})
#: SVG's animation elements: left out, and refused when they change a
#: reference or an event handler (``<set attributeName="href" to="javascript:…">``)
ANIMATION = frozenset({"animate", "animateMotion", "animateTransform", "animateColor", "set", "discard"})
#: elements whose ``href`` is written: a reference to a part, or an image's picture
REFERRING = frozenset({"use", "textPath", "image", "linearGradient", "radialGradient", "pattern", "filter"})
#: elements whose own text is part of the drawing
TEXT = frozenset({"text", "tspan", "textPath"})
WITH_TEXT = TEXT | {"title", "desc"}

#: CSS properties kept, in a style sheet, a style attribute or as SVG's
#: presentation attributes: how a drawing is painted, nothing that loads
CSS_PROPERTIES = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "color", "display", "visibility", "overflow",
    "clip-path", "clip-rule", "mask", "mask-type", "filter", "marker", "marker-start",
    "marker-mid", "marker-end", "stop-color", "stop-opacity", "flood-color", "flood-opacity",
    "lighting-color", "color-interpolation", "color-interpolation-filters", "paint-order",
    "vector-effect", "shape-rendering", "text-rendering", "image-rendering", "isolation",
    "mix-blend-mode", "font", "font-family", "font-size", "font-weight", "font-style",
    "font-variant", "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline",
    "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode",
    "direction", "unicode-bidi", "white-space", "transform", "transform-origin", "transform-box",
})
#: presentation attributes (``fill="…"``): the properties, less those whose
#: attribute has a syntax of its own (``transform``) or is no attribute
PRESENTATION = CSS_PROPERTIES - {"transform", "font", "white-space", "transform-box"}
#: attributes of numbers, lengths, path data, names of filter results and keywords
GEOMETRY = frozenset({
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "z",
    "width", "height", "d", "points", "viewBox", "preserveAspectRatio", "pathLength",
    "offset", "gradientUnits", "spreadMethod", "patternUnits", "patternContentUnits",
    "clipPathUnits", "maskUnits", "maskContentUnits", "refX", "refY", "markerWidth",
    "markerHeight", "markerUnits", "orient", "dx", "dy", "rotate", "textLength",
    "lengthAdjust", "startOffset", "method", "spacing", "side", "version",
    "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "type",
    "values", "operator", "k1", "k2", "k3", "k4", "tableValues", "slope", "intercept",
    "amplitude", "exponent", "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles",
    "scale", "xChannelSelector", "yChannelSelector", "order", "kernelMatrix", "divisor",
    "bias", "targetX", "targetY", "edgeMode", "preserveAlpha", "surfaceScale",
    "diffuseConstant", "specularConstant", "specularExponent", "kernelUnitLength",
    "azimuth", "elevation", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle",
})
#: attributes of SVG's transform lists
TRANSFORMS = frozenset({"transform", "gradientTransform", "patternTransform"})
#: every attribute that may be written, as written
ATTRIBUTES = (GEOMETRY | TRANSFORMS | PRESENTATION
              | {"id", "class", "style", "xlink:href", "xml:space", "xml:lang", "lang"})

#: a geometry value: no parenthesis, quote, colon, slash, semicolon or markup
_SIMPLE = re.compile(r"[\w\s.,+%#-]*")
_TRANSFORM = re.compile(
    r"\s*(?:(?:matrix|translate|scale|rotate|skewX|skewY)\s*\([\d\s.,eE+-]*\)[\s,]*)*"
)
_ID = re.compile(r"[\w.-]+")
_LANGUAGE = re.compile(r"[A-Za-z0-9-]*")
#: a reference to a part of the drawing
_FRAGMENT = re.compile(r"\s*#([\w.-]+)\s*")
#: a picture embedded in the file
_DATA = re.compile(r"\s*data:image/(png|jpeg|jpg|gif|webp)\s*;\s*base64\s*,(.*)", re.IGNORECASE | re.DOTALL)
#: CSS names, numbers and font names as they may be written
_IDENT = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_FONT_NAME = re.compile(r"[\w .-]*")
#: CSS functions that compute a colour or a transform: kept with their arguments
_CSS_FUNCTIONS = frozenset({
    "rgb", "rgba", "hsl", "hsla", "matrix", "translate", "translatex", "translatey",
    "scale", "scalex", "scaley", "rotate", "skew", "skewx", "skewy",
})
#: CSS functions and at-rules that load something from an address
_CSS_LOADING_FUNCTIONS = frozenset({
    "url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade",
    "element", "-moz-element",
})
_CSS_LOADING_AT_RULES = frozenset({"import", "font-face"})
#: what a selector is made of: names, ``#id``, ``.class``, ``*``, combinators, pseudo-classes
_SELECTOR_LITERALS = frozenset({".", "*", ">", "+", "~", ",", ":"})


def _split(name: str) -> tuple[str, str]:
    """``{namespace}local`` as ``(namespace, local)``."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


# -- reading -------------------------------------------------------------------------


class _Builder(TreeBuilder):
    """The tree, within :data:`MAX_ELEMENTS` and :data:`MAX_DEPTH`, and a
    refusal of ``<?xml-stylesheet?>`` (in whatever encoding it was written:
    the parser has decoded it)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        self.count += 1
        self.depth += 1
        if self.count > MAX_ELEMENTS:
            raise Refused(f"has more than {MAX_ELEMENTS:,} elements, more than a drawing of a face needs")
        if self.depth > MAX_DEPTH:
            raise Refused(f"nests elements more than {MAX_DEPTH} deep, deeper than a drawing needs")
        return super().start(tag, attrs)

    def end(self, tag: str) -> Element:
        self.depth -= 1
        return super().end(tag)

    def pi(self, target: str, text: str | None = None) -> Element:
        if target.strip().lower() == "xml-stylesheet":
            raise Refused("names a style sheet to fetch and apply (<?xml-stylesheet?>), "
                          "which can make it a document that runs script")
        # any other processing instruction (an editor's <?xpacket?>) is left out
        return Element("pi")


def _parse(data: bytes) -> Element:
    builder = _Builder()
    # no entity is expanded (a billion laughs is a refusal, not a hang) and no
    # outside DTD or entity is read; a plain <!DOCTYPE svg PUBLIC …> is read and left out
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    try:
        parser.feed(data)
        root: Element = parser.close()
    except Refused:
        raise  # the builder's: too large, too deep, a style sheet to apply
    except EntitiesForbidden:
        raise Refused("declares entities (<!ENTITY>), which a drawing does not need") from None
    except DefusedXmlException:
        raise Refused("refers to an outside document type or entity") from None
    except (ParseError, ValueError, LookupError) as exc:
        raise Refused(f"is not a well-formed SVG file ({exc})") from None
    return root


# -- CSS -----------------------------------------------------------------------------


def _fragment(value: str) -> str | None:
    """The id ``value`` refers to when it is ``#id``, else None."""
    match = _FRAGMENT.fullmatch(value)
    return match.group(1) if match else None


def _css_loads(nodes: Iterable[Any]) -> str | None:
    """What in these CSS nodes would load something ("url()", "@import"), or None."""
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind == "url" and _fragment(node.value) is None:
            return "url()"
        if kind == "function":
            name = node.lower_name
            if name in ("url", "src"):
                arguments = [a for a in node.arguments if a.type not in ("whitespace", "comment")]
                if not (len(arguments) == 1 and arguments[0].type == "string"
                        and _fragment(arguments[0].value) is not None):
                    return f"{name}()"
            elif name in _CSS_LOADING_FUNCTIONS:
                return f"{name}()"
            found = _css_loads(node.arguments)
        elif kind == "at-keyword" and node.lower_value in _CSS_LOADING_AT_RULES:
            return f"@{node.lower_value}"
        elif kind == "at-rule" and node.lower_at_keyword in _CSS_LOADING_AT_RULES:
            return f"@{node.lower_at_keyword}"
        elif kind == "at-rule":
            found = _css_loads([*node.prelude, *(node.content or [])])
        elif kind == "qualified-rule":
            found = _css_loads([*node.prelude, *node.content])
        elif kind == "declaration":
            found = _css_loads(node.value)
        elif kind in ("() block", "[] block", "{} block"):
            found = _css_loads(node.content)
        else:
            continue
        if found:
            return found
    return None


def _refuse_loading(nodes: Sequence[Any]) -> None:
    found = _css_loads(nodes)
    if found:
        raise Refused(f"has CSS that loads other content ({found})")


def _css_value(tokens: Iterable[Any]) -> str | None:
    """A CSS value written anew from its tokens, or None when any token is
    not one a drawing's value is made of."""
    parts: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "whitespace":
            parts.append(" ")
        elif kind == "comment":
            continue
        elif kind == "ident" and _IDENT.fullmatch(token.value):
            parts.append(token.value)
        elif kind in ("number", "percentage", "dimension") and _NUMBER.fullmatch(token.representation):
            unit = {"number": "", "percentage": "%"}.get(kind, getattr(token, "unit", ""))
            if unit and not _IDENT.fullmatch(unit) and unit != "%":
                return None
            parts.append(token.representation + unit)
        elif kind == "hash" and re.fullmatch(r"[A-Za-z0-9_-]+", token.value):
            parts.append("#" + token.value)
        elif kind == "literal" and token.value in (",", "/"):
            parts.append(token.value)
        elif kind == "string" and _FONT_NAME.fullmatch(token.value):
            parts.append(f'"{token.value}"')
        elif kind == "url" and _fragment(token.value):
            parts.append(f"url(#{_fragment(token.value)})")
        elif kind == "function" and token.lower_name == "url":
            arguments = [a for a in token.arguments if a.type not in ("whitespace", "comment")]
            if len(arguments) != 1 or arguments[0].type != "string" or not _fragment(arguments[0].value):
                return None
            parts.append(f"url(#{_fragment(arguments[0].value)})")
        elif kind == "function" and token.lower_name in _CSS_FUNCTIONS:
            inner = _css_value(token.arguments)
            if inner is None:
                return None
            parts.append(f"{token.lower_name}({inner})")
        else:
            return None
    return "".join(parts).strip() or None


def _declarations(content: str | Sequence[Any]) -> str:
    """A declaration list (``fill: red; stroke: url(#g)``) written anew: the
    properties of :data:`CSS_PROPERTIES` whose values are a drawing's."""
    nodes = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    _refuse_loading(nodes)
    kept = []
    for node in nodes:
        if node.type == "declaration" and node.lower_name in CSS_PROPERTIES:
            value = _css_value(node.value)
            if value is not None:
                kept.append(f"{node.lower_name}:{value}")
    return ";".join(kept)


def _selector(tokens: Sequence[Any]) -> str | None:
    """A selector written anew, or None when it is more than names, ids,
    classes, ``*``, combinators and pseudo-classes."""
    parts: list[str] = []
    for token in tokens:
        if token.type == "whitespace":
            parts.append(" ")
        elif token.type == "ident" and _IDENT.fullmatch(token.value):
            parts.append(token.value)
        elif token.type == "hash" and _IDENT.fullmatch(token.value):
            parts.append("#" + token.value)
        elif token.type == "literal" and token.value in _SELECTOR_LITERALS:
            parts.append(token.value)
        elif token.type != "comment":
            return None
    return "".join(parts).strip() or None


def _style_sheet(css: str) -> str:
    """A ``<style>`` element's CSS written anew: rules of simple selectors
    and kept declarations; at-rules are left out (those that load refused)."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    _refuse_loading(rules)
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selector = _selector(rule.prelude)
            declarations = _declarations(rule.content)
            if selector and declarations:
                kept.append(f"{selector}{{{declarations}}}")
    return "".join(kept)


# -- writing -------------------------------------------------------------------------


def _escape(text: str, *, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = (text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
                .replace("\t", "&#9;"))
    return text


class _Redrawing:
    """The SVG written anew, element by element (:func:`redraw_svg`)."""

    def __init__(self, max_pixels: int) -> None:
        self.out: list[str] = []
        self.pixels_left = max_pixels

    def element(self, element: Element, *, keep: bool, root: bool = False) -> None:
        """Check ``element`` and what it holds; write it when ``keep``.

        What is left out is still checked: a ``<script>`` inside an editor's
        metadata is refused like one anywhere else.
        """
        if not isinstance(element.tag, str):
            return
        namespace, tag = _split(element.tag)
        if namespace in FOREIGN:
            language, prefix = FOREIGN[namespace]
            raise Refused(f"holds {language} (<{prefix}{tag}>), "
                          "which can run script or show other content")
        if namespace == SVG and tag in SCRIPT:
            raise Refused(f"holds a <{tag}> element, which runs script")
        if namespace == SVG and tag in ANIMATION:
            animated = element.get("attributeName", "").strip().rpartition(":")[2].lower()
            if animated == "href" or animated.startswith("on"):
                raise Refused(f"has an animation (<{tag}>) that changes {animated}, "
                              "which can make it run script")
        tag = RENAMED.get(tag, tag)
        keep = keep and namespace == SVG and tag in DRAWING
        attributes = self.attributes(tag, element) if namespace == SVG else {}
        if tag == "style" and element.get("type", "text/css").strip().lower() not in ("", "text/css"):
            keep = False  # a style sheet in another language: no browser applies it
        if not keep:
            for child in element:
                self.element(child, keep=False)
            return
        if root:
            attributes = {"xmlns": SVG, "xmlns:xlink": XLINK, **attributes}
        self.out.append(f"<{tag}" + "".join(
            f' {name}="{_escape(value, attribute=True)}"' for name, value in attributes.items()
        ))
        if tag == "style":
            # the CSS a browser reads is the text of the element's own text
            # nodes: u<g/>rl( is "url(" to it, and so to this
            css = (element.text or "") + "".join(child.tail or "" for child in element)
            for child in element:
                self.element(child, keep=False)
            self.out.append(f">{_escape(_style_sheet(css))}</style>")
            return
        body_at = len(self.out)
        if tag in WITH_TEXT and element.text:
            self.out.append(_escape(element.text))
        for child in element:
            self.element(child, keep=True)
            if tag in TEXT and child.tail:
                # the text after a <tspan> is its parent's, kept or not
                self.out.append(_escape(child.tail))
        if len(self.out) == body_at:
            self.out.append("/>")
        else:
            self.out.insert(body_at, ">")
            self.out.append(f"</{tag}>")

    def attributes(self, tag: str, element: Element) -> dict[str, str]:
        """The attributes of an SVG element to write (its checks done)."""
        kept: dict[str, str] = {}
        plain_href = False
        for name, value in element.attrib.items():
            namespace, local = _split(name)
            if not namespace and local.lower().startswith("on"):
                raise Refused(f"has an event handler ({local}), which runs script")
            if local == "href" and namespace in ("", XLINK):
                written = self.reference(tag, value)
                # SVG 2: href wins over xlink:href
                if written is not None and tag in REFERRING and (not namespace or not plain_href):
                    kept["xlink:href"] = written
                    plain_href = plain_href or not namespace
                continue
            if namespace == XML and local in ("space", "lang"):
                if _LANGUAGE.fullmatch(value):
                    kept[f"xml:{local}"] = value
                continue
            if namespace:
                continue  # an editor's (inkscape:label, sodipodi:…), or xlink:title
            if local == "style":
                written = _declarations(value)
            elif local in PRESENTATION:
                nodes = tinycss2.parse_component_value_list(value, skip_comments=True)
                _refuse_loading(nodes)
                written = _css_value(nodes) or ""
            elif local in TRANSFORMS:
                written = value if _TRANSFORM.fullmatch(value) else ""
            elif local == "id":
                written = value if _ID.fullmatch(value) else ""
            elif local == "class":
                written = " ".join(word for word in value.split() if _IDENT.fullmatch(word))
            elif local == "lang":
                written = value if _LANGUAGE.fullmatch(value) else ""
            elif local in GEOMETRY:
                written = value if _SIMPLE.fullmatch(value) else ""
            else:
                continue
            if written:
                kept[local] = written
        return kept

    def reference(self, tag: str, value: str) -> str | None:
        """What an ``href`` is written as: ``#id``, or an ``<image>``'s picture
        re-drawn; None to leave it out.  Anything else is refused."""
        target = _fragment(value)
        if target is not None:
            return f"#{target}"
        embedded = _DATA.fullmatch(value)
        if embedded is None:
            shown = value.strip()
            raise Refused(f"refers to {shown[:60]!r}: a drawing may only refer to its own "
                          "parts (#id) or embed PNG, JPEG, GIF or WebP data")
        if tag != "image":
            return None
        try:
            data = base64.b64decode("".join(embedded.group(2).split()), validate=True)
        except (binascii.Error, ValueError):
            raise Refused("embeds a picture whose data is not base64") from None
        try:
            picture = redraw_raster(data, None, max_pixels=max(self.pixels_left, 0))
        except Refused as exc:
            raise Refused(f"embeds a picture that {exc}") from None
        self.pixels_left -= picture.pixels
        return f"data:image/{picture.kind};base64,{base64.b64encode(picture.data).decode('ascii')}"


def redraw_svg(data: bytes, *, max_pixels: int = MAX_PIXELS) -> bytes:
    """The SVG in ``data`` written anew as a drawing only (see the module's
    docstring), in UTF-8; :class:`~.raster_safety.Refused` says why not.

    ``max_pixels``: how many pixels the pictures it embeds may have in all.
    """
    root = _parse(data)
    if _split(root.tag) != (SVG, "svg"):
        raise Refused("is not an SVG drawing (its root is not an <svg> element of the SVG namespace)")
    drawing = _Redrawing(max_pixels)
    drawing.element(root, keep=True, root=True)
    return ("".join(drawing.out) + "\n").encode("utf-8")


def svg_problem(data: bytes) -> str | None:
    """Why ``data`` is not published as a drawing, in words that complete
    "the avatar image …", or None when it is."""
    try:
        redraw_svg(data)
    except Refused as exc:
        return str(exc)
    return None

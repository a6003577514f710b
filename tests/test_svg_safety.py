"""An SVG avatar is published only when it is a drawing: no script, nothing fetched.

Each refused file is one an attacker could put in a registry's avatar
folder; each accepted one is what drawing programs write.
"""

from __future__ import annotations

import pytest
from sphinx_transcripts.people.svg_safety import svg_problem

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64">'


def svg(body: str) -> bytes:
    return f"{SVG_OPEN}{body}</svg>".encode()


ACCEPTED = {
    "shapes": svg('<rect width="64" height="64" fill="#204060"/><circle cx="32" cy="32" r="9"/>'),
    "a gradient it refers to": svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
        '<rect width="64" height="64" fill="url(#g)" style="fill: url( \'#g\' )"/>'),
    "its own symbol, by href and xlink:href": svg(
        '<symbol id="s"><path d="M0 0h8v8z"/></symbol><use href="#s"/><use xlink:href="#s"/>'),
    "an embedded PNG": svg('<image width="64" height="64" href="data:image/png;base64,iVBORw0KGgo="/>'),
    "a title, a comment and a style sheet that loads nothing": svg(
        "<title>Ada</title><!-- drawn by hand --><style>rect { fill: #123456 }</style><rect/>"),
    "an editor's metadata": (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" inkscape:version="1.3">'
        b"<metadata><rdf:RDF><rdf:Description/></rdf:RDF></metadata>"
        b'<g inkscape:label="Layer 1"><path d="M1 1L9 9"/></g></svg>'),
}

REFUSED = {
    "a script": (svg("<script>alert(document.domain)</script>"),
                 "holds a <script> element, which can run script or show other content"),
    "an event handler": (svg('<rect width="8" height="8" onclick="alert(1)"/>'),
                         "has an event handler (onclick), which runs script"),
    "an event handler on the root": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "has an event handler (onload), which runs script"),
    "a link": (svg('<a href="javascript:alert(1)"><rect/></a>'),
               "holds a <a> element, which can run script or show other content"),
    "foreign HTML": (svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
                     "holds a <foreignObject> element"),
    "an XHTML script outside foreignObject": (
        svg('<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>'),
        "holds a <script> element"),
    "an animation that sets a reference": (
        svg('<use href="#s"><set attributeName="href" to="javascript:alert(1)"/></use>'),
        "holds a <set> element"),
    "an outside image": (svg('<image href="https://tracker.example/p.png"/>'),
                         "refers to 'https://tracker.example/p.png'"),
    "an outside symbol through xlink": (svg('<use xlink:href="https://example.org/x.svg#s"/>'),
                                        "refers to 'https://example.org/x.svg#s'"),
    "an embedded SVG": (svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'),
                        "refers to 'data:image/svg+xml;base64,PHN2Zz4='"),
    "CSS that fetches": (svg("<style>@import url(https://example.org/x.css);</style>"),
                         "has CSS that loads other content"),
    "a fill that fetches": (svg('<rect fill="url(https://example.org/x.svg#g)"/>'),
                            "has CSS that loads other content"),
    "a style attribute that fetches": (svg('<rect style="background: url(//example.org/p)"/>'),
                                       "has CSS that loads other content"),
    "entities": (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
                 "has a document type declaration"),
    "a style sheet to fetch": (
        b'<?xml-stylesheet type="text/xsl" href="https://example.org/x.xsl"?>'
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        "names a style sheet to fetch"),
    "not XML": (b"<svg><rect></svg>", "is not a well-formed SVG file"),
    "HTML, not SVG": (b"<html><body><script>alert(1)</script></body></html>",
                      "is not an SVG drawing"),
    "an svg without the SVG namespace": (b"<svg><rect/></svg>", "is not an SVG drawing"),
}


@pytest.mark.parametrize("data", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_a_drawing_is_accepted(data: bytes) -> None:
    assert svg_problem(data) is None


@pytest.mark.parametrize(("data", "words"), REFUSED.values(), ids=REFUSED.keys())
def test_more_than_a_drawing_is_refused_and_said(data: bytes, words: str) -> None:
    problem = svg_problem(data)
    assert problem is not None and problem.startswith(words)

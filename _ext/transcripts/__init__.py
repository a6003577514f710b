"""Transcripts as dialogue: a Sphinx extension.

Where things live:

- :mod:`.parsing`   -- transcript text to turns (pure, no Sphinx)
- :mod:`.speakers`  -- the speaker registry format (pure)
- :mod:`.avatars`   -- generated avatars: initials, colours, SVG (pure)
- :mod:`.registry`  -- loading the registry into a build
- :mod:`.directive` -- the ``transcript`` and ``byline`` directives: turns become nodes
- :mod:`.nodes`     -- the doctree nodes
- :mod:`.html`, :mod:`.latex`, :mod:`.text` -- a node becomes output, per builder
- :mod:`.config`    -- configuration values and their checks
- :mod:`.collector` -- who appears where, word counts, summaries (per document)
- :mod:`.people`    -- the ``people`` directive and the ``person`` role
- :mod:`.collection` -- the ``collection`` directive: a toctree shown as cards
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import collection, collector, config, html, latex, people, registry, text
from .directive import BylineDirective, TranscriptDirective

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"
# Kept out of STATIC, which HTML builders copy whole: an .sty file in an EPUB
# is an unknown media type (a warning, so an error under -W).
TEXINPUTS = Path(__file__).parent / "texinputs"


def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("transcripts.css")
        app.add_js_file("transcripts.js", defer="defer")
    elif app.builder.format == "latex":
        app.config.latex_additional_files.append(str(TEXINPUTS / "transcripts.sty"))
        app.add_latex_package("transcripts")


def setup(app: Sphinx) -> dict[str, Any]:
    config.setup(app)
    for node in html.HANDLERS:
        app.add_node(
            node,
            html=html.HANDLERS[node],
            latex=latex.HANDLERS[node],
            text=text.HANDLERS[node],
            man=text.HANDLERS[node],
            texinfo=text.HANDLERS[node],
        )
    app.add_directive("transcript", TranscriptDirective)
    app.add_directive("byline", BylineDirective)
    app.connect("env-before-read-docs", registry.on_env_before_read_docs)
    app.connect("builder-inited", _add_assets)
    collector.setup(app)
    people.setup(app)
    collection.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

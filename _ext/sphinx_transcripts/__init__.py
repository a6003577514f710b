"""Transcripts as dialogue: a Sphinx extension (the ``sphinx-transcripts`` distribution).

A transcript flows one way, each step in a folder or module named for its job::

    source.py -> readers/ -> model.py -> people/cast.py -> dialogue/ -> render/
    (read)       (parse)     (turns)     (who)             (nodes)      (output, per builder)

- :mod:`.directive`    -- the ``transcript`` directive: runs the steps above
- :mod:`.source`       -- where a transcript is read: a file or the content; region, paths,
  encodings; :mod:`.transcript_files` keeps the files read out of the project's pages
- :mod:`.readers`      -- the format table; one Sphinx-free module per input format, named
  as :mod:`.writers` names the same format (``webvtt``, ``srt``, ``podcast_json``);
  ``chapters`` reads chapters files; ``_``-modules are what the readers share
- :mod:`.model`        -- the transcript model every reader returns (pure)
- :mod:`.people`       -- where labels become people and people are shown: the registry
  (``registry`` its format, ``load`` into the build, ``lookups`` per page), ``labels`` and
  ``cast`` (who each label is: the one place), ``avatars``, ``svg_safety``,
  ``raster_safety``, ``links``, ``byline``, ``bios``, ``appearances``, ``page`` (the people
  page and ``{person}``)
- :mod:`.dialogue`     -- where a turn becomes a node: ``elements`` (the doctree nodes),
  ``doctree``, ``chapters`` (where chapters go), ``markup`` and ``markdown_subset`` (the
  inert subset of a turn's text), ``messages`` (its catalogue messages)
- :mod:`.render`       -- a node becomes output, per builder: ``html``, ``latex``, ``text``,
  ``singlehtml`` (links and unique ids on the single page); ``static/``, ``texinputs/``
- :mod:`.player`       -- the episode's audio or video (``:audio:``/``:video:``), ``player.js``
- :mod:`.writers`      -- the transcript in the feed's formats: VTT, SRT, JSON, chapters (pure)
- :mod:`.feed`         -- what a page publishes for podcast apps, and the show's own feed
- :mod:`.collection`   -- the ``collection`` directive's ``cards``, the ``archive`` of a
  season; ``navigation`` (the site navigation of an archive); ``neighbours`` (pages
  whose navigation changed); ``volume`` (the season the PDF and EPUB hold)
- :mod:`.glossary`     -- automatic glossary links, an extension of its own
  (``extensions = ["sphinx_transcripts.glossary"]``)
- :mod:`.translations` -- text read as data is translated by its directive, never by Sphinx's Locale
- :mod:`.anchors`      -- the ids of people, chapters and turns, made from names in any script;
  :mod:`.legacy` and :mod:`.legacy_pages` keep old ``#turn-<n>`` links landing (``freeze``
  writes a page's map of them)
- :mod:`.limits`       -- JSON and TOML read within a depth limit, never a RecursionError (pure)
- :mod:`.report`       -- problems become located warnings; :mod:`.warning_types` lists them all
- :mod:`.urls`         -- the one rule for which links input may carry
- :mod:`.state`        -- everything kept in the environment, in one typed object
- :mod:`.config`       -- configuration values and their checks
"""

from __future__ import annotations

#: The distribution's one version: pyproject.toml reads it, and both extensions
#: (this one and :mod:`.glossary`) return it from ``setup()``.  Set before the
#: imports below, which reach :mod:`.glossary` while this package is loading.
__version__ = "0.2.0"

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from . import config, legacy_pages, transcript_files
from .collection import archive, cards, navigation, neighbours, volume
from .dialogue import citation
from .directive import TranscriptDirective
from .feed import episodes, publish
from .feed import exports as feed
from .feed import source as feed_source
from .people import appearances, links
from .people import load as registry
from .people import lookups as registry_use
from .people import page as people
from .people.byline import BylineDirective
from .render import book, cite, html, landmarks, latex, text

#: Bump when what this extension keeps in the environment changes shape
#: (DocFacts, the registry, the registry look-ups of each page) or the doctree
#: gains a node a page needs (the feed files' ``exports``) or the environment
#: what they publish: Sphinx then re-reads every document.  6: no text read as
#: data is one of Sphinx's messages (a doctree read before would still let a
#: catalogue's translation through the page's parser).  7: the transcript files
#: a page reads are kept out of the documents (:mod:`.transcript_files`).  8: what was
#: nine attributes of the environment is one :class:`.state.State`.  9: the
#: feed files say their language (``exports``' ``language``).  10: DocFacts
#: has an episode's date, duration and media kind; pages have episode records.
#: 11: the listings of the site navigation are kept (:mod:`.collection.navigation`).
#: 12: a page with a transcript has its citation node (dialogue/citation.py).
#: 13: a turn's id says what it is (its time, or its speaker and first words),
#: its old ``turn-<n>`` address is a second id.
ENV_VERSION = 13

STATIC = Path(__file__).parent / "render" / "static"
PLAYER_STATIC = Path(__file__).parent / "player" / "static"
# Kept out of STATIC, which HTML builders copy whole: an .sty file in an EPUB
# is an unknown media type (a warning, so an error under -W).
TEXINPUTS = Path(__file__).parent / "render" / "texinputs"


def _add_paths(app: Sphinx, config: Config) -> None:
    # at config-inited, so the pickled configuration has them too: added
    # later, every build would see "the configuration has changed" and
    # write every page again
    for static in (STATIC, PLAYER_STATIC):
        if str(static) not in config.html_static_path:
            config.html_static_path.append(str(static))
    if str(TEXINPUTS / "transcripts.sty") not in config.latex_additional_files:
        config.latex_additional_files.append(str(TEXINPUTS / "transcripts.sty"))


def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("transcripts.css")
        app.add_js_file("transcripts.js", defer="defer")
        app.add_js_file("player.js", defer="defer")
        app.add_js_file("quote.js", defer="defer")
    elif app.builder.format == "latex":
        app.add_latex_package("transcripts")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_design")
    # every page's turn-1 would repeat on the single page: part of using this extension
    app.setup_extension("sphinx_transcripts.render.singlehtml")
    # text read as data is translated by the directives, never by Sphinx's Locale
    app.setup_extension("sphinx_transcripts.translations")
    # the archive's search: a result per turn, landing on it (search/)
    app.setup_extension("sphinx_transcripts.search")
    config.setup(app)
    legacy_pages.setup(app)
    for node in html.HANDLERS:
        app.add_node(
            node,
            html=html.HANDLERS[node],
            latex=latex.HANDLERS[node],
            text=text.HANDLERS[node],
            man=text.HANDLERS[node],
            texinfo=text.HANDLERS[node],
        )
    app.add_post_transform(text.TurnLabels)
    book.setup(app)
    landmarks.setup(app)
    citation.setup(app)
    cite.setup(app)
    app.add_directive("transcript", TranscriptDirective)
    app.add_directive("byline", BylineDirective)
    app.connect("env-before-read-docs", registry.on_env_before_read_docs)
    app.connect("config-inited", _add_paths)
    app.connect("builder-inited", _add_assets)
    appearances.setup(app)
    registry_use.setup(app)
    links.setup(app)
    people.setup(app)
    cards.setup(app)
    archive.setup(app)
    feed.setup(app)
    episodes.setup(app)
    publish.setup(app)
    app.connect("builder-inited", feed_source.check)
    neighbours.setup(app)
    navigation.setup(app)
    volume.setup(app)
    transcript_files.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


__all__ = ["setup"]

"""Search that lands on the turn: the archive's index, written by the build itself.

Where to look:

* :mod:`.records` — what a result is (a turn, a glossary entry, a section's
  prose) and how it is read from a resolved doctree;
* :mod:`.bundle` — Pagefind's chunked index of the records, and the glossary's
  synonyms, written under ``_search/`` of the HTML output;
* ``static/transcript-search.js`` — the search page; ``static/transcript-search-landing.js``
  — every page: highlight the words found and scroll to them;
* BENCHMARKS.md, "Search" — why Pagefind rather than Sphinx's own index.

How it runs, for the HTML builders (html, dirhtml, singlehtml; other builders
have no search and see none of this):

1. ``builder-inited``: Sphinx's own index (``searchindex.js``, every word of
   every page stemmed in the main process and downloaded whole on the first
   query) is not built: ``builder.search`` is off.
2. ``doctree-resolved``: each written page's records are taken from its final
   doctree (after the single-page build has made its ids unique) and kept, per
   document, in a pickle next to the doctrees, so an incremental build indexes
   the pages it did not write again too.
3. ``html-collect-pages`` (``build-finished`` for singlehtml, which has no such
   event): the search page, the theme's own ``page.html`` around a results list.
4. ``build-finished``: the bundle is written from every document's records,
   unless they are those of the bundle already there (a digest beside the
   doctrees): Pagefind has no incremental mode.

With ``transcripts_search = False`` Sphinx's own search is left as it is.
If Pagefind is not installed the build warns (``transcript.search``) and keeps
Sphinx's own search.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from .. import __version__
from . import bundle
from .records import Record, records_from_doctree

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
#: the builders whose pages the index covers
BUILDERS = ("html", "dirhtml", "singlehtml")
_ON = "transcripts_search_on"
_RECORDS = "transcripts_search_records"


def _cache(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"transcripts-search-{app.builder.name}.pickle"


def _is_on(app: Sphinx) -> bool:
    return bool(getattr(app.builder, _ON, False))


def _add_path(app: Sphinx, config: Config) -> None:
    # at config-inited, as the extension's other static folders (see _add_paths)
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def _start(app: Sphinx) -> None:
    builder = app.builder
    if builder.name not in BUILDERS or not app.config.transcripts_search:
        return
    if not bundle.available():
        logger.warning(
            "the archive's search needs Pagefind's binary (pip install pagefind-bin; "
            "requirements.txt pins them); the site keeps Sphinx's own search",
            type="transcript", subtype="search",
        )
        return
    setattr(builder, _ON, True)
    # no searchindex.js: every word of every page stemmed, downloaded whole
    builder.search = False  # type: ignore[attr-defined]
    app.add_css_file("transcript-search.css")
    app.add_js_file("transcript-search-landing.js", defer="defer")
    records: dict[str, list[Record]] = {}
    try:
        with _cache(app).open("rb") as file:
            loaded = pickle.load(file)  # noqa: S301 - our own file, written below
        if isinstance(loaded, dict):
            records = loaded
    except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
        records = {}
    setattr(builder, _RECORDS, records)


def _collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not _is_on(app):
        return
    builder = app.builder
    page = builder.get_target_uri(docname).split("#")[0]
    if builder.name == "singlehtml":
        # every document is on the one page
        page = app.config.root_doc + builder.out_suffix  # type: ignore[attr-defined]
    titles = app.env.titles

    def title_of(name: str) -> str:
        return titles[name].astext() if name in titles else ""

    getattr(builder, _RECORDS)[docname] = records_from_doctree(doctree, page, title_of, docname)


def _search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if _is_on(app):
        yield ("search", {}, "page.html")


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: nodes.document | None) -> str | None:
    if pagename != "search" or not _is_on(app):
        return None
    app.add_js_file("transcript-search.js", defer="defer")
    context["title"] = _("Search")
    context["body"] = (
        f"<h1>{_('Search')}</h1>\n"
        "<noscript><div class=\"admonition error\">"
        f"<p class=\"admonition-title\">{_('Error')}</p>"
        f"<p>{_('Please activate JavaScript to enable the search functionality.')}</p>"
        "</div></noscript>\n"
        f'<div id="search-results" data-bundle="{bundle.FOLDER}/"></div>\n'
    )
    context["metatags"] = context.get("metatags", "") + '<meta name="robots" content="noindex" />\n'
    # no "On this page", no previous/next: the results are the page
    context["toc"] = ""
    context["display_toc"] = False
    context["prev"] = context["next"] = None
    return "page.html"


def _synonyms(app: Sphinx) -> list[list[str]]:
    """The glossary's spellings of each term (headwords and aliases), when it is used."""
    if "sphinx_transcripts.glossary" not in app.extensions:
        return []
    from ..glossary.store import get_store

    groups: dict[str, list[str]] = {}
    for phrase, key in get_store(app.env).catalogue.phrases:
        groups.setdefault(key, []).append(phrase)
    return list(groups.values())


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not _is_on(app):
        return
    builder = app.builder
    if builder.name == "singlehtml":
        builder.handle_page("search", {}, "page.html")  # type: ignore[attr-defined]
    records: dict[str, list[Record]] = getattr(builder, _RECORDS)
    for gone in set(records) - set(app.env.all_docs):
        del records[gone]
    try:
        with _cache(app).open("wb") as file:
            pickle.dump(records, file)
    except OSError:
        pass  # the next build indexes what it writes and finds no cache: no harm
    ordered = [record for docname in sorted(records) for record in records[docname]]
    synonyms = _synonyms(app)
    language = app.config.language or "en"
    outdir = Path(builder.outdir) / bundle.FOLDER
    # Pagefind indexes everything again each time (it has no incremental mode): an
    # incremental build whose records, synonyms and language are those of the bundle
    # already written keeps it (a build of 1,000 episodes saves some 50 s of CPU)
    digest = hashlib.sha256(
        pickle.dumps((ordered, sorted(map(sorted, synonyms)), language, __version__))
    ).hexdigest()
    stamp = Path(app.doctreedir) / f"transcripts-search-{builder.name}.digest"
    try:
        if (outdir / "pagefind-entry.json").is_file() and stamp.read_text("ascii") == digest:
            return
    except OSError:
        pass  # no stamp: written below
    try:
        bundle.write_bundle(ordered, synonyms, outdir, language)
    except (OSError, RuntimeError) as error:
        logger.warning(f"the search index could not be written: {error}",
                       type="transcript", subtype="search")
        return
    # without its stamp the next build writes the bundle again: no harm
    with contextlib.suppress(OSError):
        stamp.write_text(digest, encoding="ascii")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _add_path)
    app.connect("builder-inited", _start)
    # after the single-page build has made every id unique (render.singlehtml, 900)
    app.connect("doctree-resolved", _collect, priority=950)
    app.connect("html-collect-pages", _search_page)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _finish)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

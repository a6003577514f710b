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
2. ``write-started``: every document's shard is known (:func:`.bundle.shard_keys`:
   its folder, or part of a very large one) and, from Sphinx's sorted order
   of writing, the last document of each.
3. ``doctree-resolved``: each written page's records are taken from its final
   doctree (after the single-page build has made its ids unique).  Once the
   page written is past a shard's last document, every page of that shard
   this build writes has its records: the shard's job goes to a background
   thread (:mod:`.runner`), which indexes the shards one after the other
   while Sphinx writes the next ones.  (Sphinx 9 writes, and with ``-j``
   resolves, in sorted order; a page resolved out of that order is no harm:
   its shard is indexed again at the end.)  A job merges the shard's new records
   into its cache (a pickle per shard next to the doctrees, so an incremental
   build indexes the pages it did not write again too, and an edit touches
   one shard's file) and runs Pagefind when the shard's digest (its
   records, the synonyms, the language, this version) is not that of its
   bundle already written; a shard nothing changed in is not even loaded.
4. ``html-collect-pages`` (``build-finished`` for singlehtml, which has no such
   event): the search page, the theme's own ``page.html`` around a results list.
5. ``build-finished``: the shards not yet given (and any with records come
   late) are given to the thread, the build waits for it and warns of any
   failure; the folders of shards that are gone are deleted;
   ``_search/shards.json`` lists the bundles and ``_search/synonyms.json``
   the glossary's spellings.  A build that fails or is interrupted ends the
   thread's Pagefind process.

With ``transcripts_search = False`` Sphinx's own search is left as it is.
If Pagefind is not installed the build warns (``transcript.search``) and keeps
Sphinx's own search.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import pickle
import shutil
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
from .runner import Runner

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
#: the builders whose pages the index covers
BUILDERS = ("html", "dirhtml", "singlehtml")
_ON = "transcripts_search_on"
_SHARDS = "transcripts_search_shards"


def _cachedir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"transcripts-search-{app.builder.name}"


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


class _Shards:
    """One build's shards: who is in which, what is new, what is given to the thread."""

    def __init__(self, app: Sphinx) -> None:
        docnames = sorted(app.env.found_docs)
        self.keys = bundle.shard_keys(docnames)
        self.members: dict[str, list[str]] = {}
        for name in docnames:
            self.members.setdefault(self.keys[name], []).append(name)
        # Sphinx writes in sorted order: a shard is complete once the page
        # written is past its last document
        self.ends = sorted((names[-1], key) for key, names in self.members.items())
        self.next_end = 0
        self.pending: dict[str, dict[str, list[Record]]] = {}
        self.given: set[str] = set()
        self.synonyms = _synonyms(app)
        self.language = bundle.language_code(app.config.language or "en")
        self.settings = hashlib.sha256(pickle.dumps(
            (sorted(map(sorted, self.synonyms)), self.language, __version__, bundle.SPLIT_OVER,
             bundle.SPLIT_EVERY, bundle.SPLIT_MOST))).hexdigest()
        self.cachedir = _cachedir(app)
        self.outdir = Path(app.builder.outdir) / bundle.FOLDER
        self.runner = Runner()

    def key_of(self, docname: str) -> str:
        return self.keys.get(docname, bundle.folder_of(docname))

    def add(self, docname: str, records: list[Record]) -> None:
        self.pending.setdefault(self.key_of(docname), {})[docname] = records
        while self.next_end < len(self.ends) and self.ends[self.next_end][0] <= docname:
            self.give(self.ends[self.next_end][1])
            self.next_end += 1

    def give(self, key: str) -> None:
        """Hand the shard's new records to the thread, with a job to index it."""
        self.given.add(key)
        fresh = self.pending.pop(key, {})
        members = frozenset(self.members.get(key, ()))
        self.runner.submit(lambda: self.index(key, members, fresh))

    def index(self, key: str, members: frozenset[str], fresh: dict[str, list[Record]]) -> None:
        """In the thread: the shard's cache brought up to date, Pagefind run if it changed."""
        name = bundle.slug(key)
        cache = self.cachedir / f"{name}.pickle"
        stamp_file = self.cachedir / f"{name}.json"
        folder = self.outdir / name
        try:
            stamp = json.loads(stamp_file.read_text("utf-8"))
        except (OSError, ValueError):
            stamp = {}
        if not isinstance(stamp, dict):
            stamp = {}
        built = (folder / "pagefind-entry.json").is_file() or stamp.get("empty") is True
        if (not fresh and built and stamp.get("settings") == self.settings
                and set(stamp.get("docs", ())) <= members):
            return  # nothing of it changed: not even its cache is read
        records: dict[str, list[Record]] = {}
        try:
            with cache.open("rb") as file:
                loaded = pickle.load(file)  # noqa: S301 - our own file, written below
            if isinstance(loaded, dict):
                records = loaded
        except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
            records = {}
        records.update(fresh)
        for gone in set(records) - members:
            del records[gone]
        ordered = [record for docname in sorted(records) for record in records[docname]]
        digest = hashlib.sha256(pickle.dumps((ordered, self.settings))).hexdigest()
        self.cachedir.mkdir(parents=True, exist_ok=True)
        if fresh or set(stamp.get("docs", ())) != set(records):
            # no cache: the next build indexes only what it writes, no harm
            with contextlib.suppress(OSError), cache.open("wb") as file:
                pickle.dump(records, file)
        if built and stamp.get("digest") == digest:
            return
        if ordered:
            bundle.write_bundle(ordered, folder, self.language, running=self.runner.running,
                                cancelled=self.runner.cancelled)
        elif folder.exists():
            shutil.rmtree(folder)
        # without its stamp the next build indexes the shard again: no harm
        with contextlib.suppress(OSError):
            stamp_file.write_text(json.dumps({
                "key": key, "settings": self.settings, "digest": digest,
                "docs": sorted(records), "empty": not ordered,
            }), encoding="utf-8")

    def finish(self) -> None:
        """Every shard indexed; the gone ones removed; the manifest and the synonyms."""
        for key in sorted(set(self.members) - self.given | set(self.pending)):
            self.give(key)
        self.runner.finish()
        names = {bundle.slug(key): key for key in self.members}
        # what is not a shard of this build (a shard gone, a bundle of an
        # older layout, a bundle left half written) is not published
        if self.outdir.is_dir():
            for path in self.outdir.iterdir():
                if path.name in names or path.name in (bundle.MANIFEST, "synonyms.json"):
                    continue
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
        if self.cachedir.is_dir():
            for path in self.cachedir.iterdir():
                if path.stem not in names:
                    path.unlink(missing_ok=True)
        shards = [name for name, key in sorted(names.items(), key=lambda item: item[1])
                  if (self.outdir / name / "pagefind-entry.json").is_file()]
        self.outdir.mkdir(parents=True, exist_ok=True)
        bundle.write_synonyms(self.synonyms, self.outdir)
        (self.outdir / bundle.MANIFEST).write_text(json.dumps(shards), encoding="utf-8")


def _shards(app: Sphinx) -> _Shards:
    found: _Shards | None = getattr(app.builder, _SHARDS, None)
    if found is None:
        found = _Shards(app)
        setattr(app.builder, _SHARDS, found)
    return found


def _write_started(app: Sphinx, builder: Any) -> None:
    if _is_on(app):
        _shards(app)


def _collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # only pages this build writes: a doctree resolved after the build (an
    # extension's, a test's) starts no indexing runner that nothing would end
    shards: _Shards | None = getattr(app.builder, _SHARDS, None)
    if not _is_on(app) or shards is None:
        return
    builder = app.builder
    page = builder.get_target_uri(docname).split("#")[0]
    if builder.name == "singlehtml":
        # every document is on the one page
        page = app.config.root_doc + builder.out_suffix  # type: ignore[attr-defined]
    titles = app.env.titles

    def title_of(name: str) -> str:
        return titles[name].astext() if name in titles else ""

    shards.add(docname, records_from_doctree(doctree, page, title_of, docname))


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
    if not _is_on(app):
        return
    builder = app.builder
    shards: _Shards | None = getattr(builder, _SHARDS, None)
    if exception is not None:
        if shards is not None:
            shards.runner.cancel()
            delattr(builder, _SHARDS)
        return
    if builder.name == "singlehtml":
        builder.handle_page("search", {}, "page.html")  # type: ignore[attr-defined]
    shards = _shards(app)
    try:
        shards.finish()
    except (OSError, RuntimeError) as error:
        shards.runner.errors.append(str(error))
    except BaseException:
        shards.runner.cancel()
        raise
    finally:
        delattr(builder, _SHARDS)
    for message in shards.runner.errors:
        logger.warning(f"the search index could not be written: {message}",
                       type="transcript", subtype="search")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _add_path)
    app.connect("builder-inited", _start)
    app.connect("write-started", _write_started)
    # after the single-page build has made every id unique (render.singlehtml, 900)
    app.connect("doctree-resolved", _collect, priority=950)
    app.connect("html-collect-pages", _search_page)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _finish)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

"""The site navigation of an archive: the path to a page and its own season.

A theme's sidebar asks Sphinx for the whole table of contents on every page
(furo: ``toctree(collapse=False, titles_only=True, maxdepth=-1,
includehidden=True)``).  Sphinx builds that tree anew for each page from
every page's table of contents, so an archive of N episodes costs N links
on each of N pages: a build that grows as N squared, and 100 kB of links
per page (issue 25; furo #128, sphinx #5506).

When the theme asks for titles only, this module answers instead with the
tree a reader of an archive needs, in the HTML Sphinx writes for its own
tree (``toctree-lN`` items, ``current`` on the path, the captions of the
root's toctrees) so the theme styles it as its own:

- the root's entries (the seasons, the reference pages), each a link;
- the entries of every page on the path from the root to this page,
  expanded: an episode shows its season's episodes, a season page its own.

So a page costs the root's entries plus its season, never the archive.  A
theme that asks for sections too (``titles_only=False``) gets Sphinx's own
tree: only a titles-only tree can be cut this way.

What a page's tree shows is the :func:`listing` of each page on its path;
:mod:`.neighbours` compares those listings with the last build's and
writes again every page whose tree changed, so no page's navigation is
stale after an incremental build.

``transcripts_navigation = "full"`` in ``conf.py`` gives every page Sphinx's
whole tree again (the default is ``"archive"``).
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ..urls import toctree_address

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

logger = logging.getLogger(__name__)

#: What one page's toctrees list, in order: for each toctree its caption ("" for
#: none) and its entries, each (target, title): a document's name or a URL.
Listing = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

#: the characters docutils' HTML writer escapes in text (its ``encode``)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", ">": "&gt;", "@": "&#64;"})

#: the builders whose pages get the archive's tree; the single page and the
#: EPUB lay out every page at once and keep Sphinx's tree
BUILDERS = ("html", "dirhtml")


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _shown(node: nodes.Node, tags: Tags) -> bool:
    """False for a toctree inside an ``only`` block this builder leaves out."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only) and not tags.eval_condition(parent["expr"]):
            return False
        parent = parent.parent
    return True


def toctrees(env: BuildEnvironment, docname: str, tags: Tags) -> Iterator[addnodes.toctree]:
    """The toctrees of a page, from its table of contents (no doctree is read)."""
    toc = env.tocs.get(docname)
    if toc is None:
        return
    for node in toc.findall(addnodes.toctree):
        if _shown(node, tags):
            yield node


def listing(env: BuildEnvironment, docname: str, tags: Tags) -> Listing:
    """What the toctrees of *docname* list, with the titles a reader sees."""
    found: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for toctree in toctrees(env, docname, tags):
        entries: list[tuple[str, str]] = []
        for title, target in toctree["entries"]:
            if target == "self":
                target = docname
            if toctree_address(target):
                entries.append((target, title or target))
            elif target in env.all_docs:
                node = env.titles.get(target)
                entries.append((target, title or (node.astext() if node is not None else target)))
        found.append((str(toctree.get("caption") or ""), tuple(entries)))
    return tuple(found)


def path_to(parents: dict[str, str | None], docname: str, root: str) -> list[str]:
    """The pages from the root down to *docname* (the root alone for a page no
    toctree lists); a loop of toctrees ends where a page comes round again."""
    path: list[str] = []
    current: str | None = docname
    while current is not None and current != root:
        if current in path:
            return [root]
        path.append(current)
        current = parents.get(current)
    return [root, *reversed(path)] if current == root else [root]


def title_html(node: nodes.Node) -> str:
    """A title as Sphinx's tree writes it: emphasis, strong and code kept."""
    if isinstance(node, nodes.Text):
        return _escape(node.astext())
    inner = "".join(title_html(child) for child in node.children)
    if isinstance(node, nodes.emphasis):
        return f"<em>{inner}</em>"
    if isinstance(node, nodes.strong):
        return f"<strong>{inner}</strong>"
    if isinstance(node, nodes.literal):
        return f'<code class="docutils literal notranslate"><span class="pre">{inner}</span></code>'
    return inner


class ArchiveTree:
    """The archive's tree for the pages of one build (one per builder)."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.env = builder.env
        self.tags = builder.tags
        self.root = self.env.config.root_doc
        relations = getattr(builder, "relations", None) or self.env.collect_relations()
        self.parents: dict[str, str | None] = {doc: rel[0] for doc, rel in relations.items()}
        self._listings: dict[str, Listing] = {}
        self._titles: dict[str, str] = {}

    def listing(self, docname: str) -> Listing:
        if docname not in self._listings:
            self._listings[docname] = listing(self.env, docname, self.tags)
        return self._listings[docname]

    def title(self, target: str, explicit: str) -> str:
        """An entry's title as HTML: the page's title node, or the text the
        toctree gave it."""
        node = self.env.titles.get(target)
        if node is None or explicit != node.astext():
            return _escape(explicit)
        if target not in self._titles:
            self._titles[target] = title_html(node)
        return self._titles[target]

    def html(self, pagename: str, href: Callable[[str], str] | None = None) -> str:
        """The tree on *pagename*; *href* gives a document's address from it
        (the page's own relative addresses by default)."""
        path = path_to(self.parents, pagename, self.root)
        on_path = set(path[1:])
        if href is None:
            href = functools.partial(self.builder.get_relative_uri, pagename)
        out: list[str] = []
        for caption, entries in self.listing(self.root):
            if caption:
                out.append(f'<p class="caption" role="heading"><span class="caption-text">'
                           f"{_escape(caption)}</span></p>")
            out.append(self._list(pagename, entries, on_path, 1, {self.root}, href))
        return "\n".join(out) + "\n"

    def _list(self, pagename: str, entries: tuple[tuple[str, str], ...], on_path: set[str],
              depth: int, expanded: set[str], href: Callable[[str], str]) -> str:
        current = any(target in on_path for target, _ in entries)
        items = [self._item(pagename, target, title, on_path, depth, expanded, href)
                 for target, title in entries]
        return ('<ul class="current">\n' if current else "<ul>\n") + "".join(items) + "</ul>"

    def _item(self, pagename: str, target: str, title: str, on_path: set[str], depth: int,
              expanded: set[str], href: Callable[[str], str]) -> str:
        if toctree_address(target):
            return (f'<li class="toctree-l{depth}"><a class="reference external" '
                    f'href="{_escape(target)}">{_escape(title)}</a></li>\n')
        classes = f"toctree-l{depth}" + (" current" if target in on_path else "")
        if target == pagename:
            link = f'<a class="current reference internal" href="#">{self.title(target, title)}</a>'
        else:
            link = (f'<a class="reference internal" href="{_escape(href(target))}">'
                    f"{self.title(target, title)}</a>")
        children = ""
        if target in on_path and target not in expanded:
            below = tuple(entry for _, entries in self.listing(target) for entry in entries)
            if below:
                children = self._list(pagename, below, on_path, depth + 1, expanded | {target},
                                      href) + "\n"
        return f'<li class="{classes}">{link}{children}</li>\n'


#: one tree per builder, made when its first page is written
_TREES: weakref.WeakKeyDictionary[Builder, ArchiveTree] = weakref.WeakKeyDictionary()


def tree_for(builder: Builder) -> ArchiveTree:
    tree = _TREES.get(builder)
    if tree is None:
        tree = _TREES[builder] = ArchiveTree(builder)
    return tree


def use_archive_tree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: nodes.document | None) -> None:
    """Give the page's templates the archive's tree when they ask for titles only.

    Connected before the theme's own handler (furo's, at the default
    priority, calls ``toctree()`` at once) and after sphinx-notfound-page's
    (400), whose ``toctree()`` it wraps on the 404 page.

    A page made by the builder or an extension (the search page, the
    index, the 404 page) is in no toctree: it gets the root's entries, the
    seasons closed, as the landing page does, not the archive's thousand
    links (145 kB on each such page of 1,000 episodes).  Its links are made
    by the page's own ``pathto``, so that the 404 page, served at any
    address, links from the site's root as sphinx-notfound-page makes it.
    """
    if app.config.transcripts_navigation != "archive" or app.builder.name not in BUILDERS:
        return
    sphinx_toctree: Callable[..., str] | None = context.get("toctree")
    if sphinx_toctree is None:
        return
    tree = tree_for(app.builder)
    href = None if pagename in app.env.all_docs else (lambda target: context["pathto"](target))

    def toctree(**kwargs: Any) -> str:
        if not kwargs.get("titles_only", False):
            return sphinx_toctree(**kwargs)
        return tree.html(pagename, href)

    context["toctree"] = toctree


def forget_trees(app: Sphinx, env: BuildEnvironment) -> None:
    """A new read phase (sphinx-autobuild keeps the application): new trees."""
    _TREES.clear()


def setup(app: Sphinx) -> None:
    app.add_config_value("transcripts_navigation", "archive", "html",
                         types=frozenset({str}))
    app.connect("html-page-context", use_archive_tree, priority=450)
    app.connect("env-updated", forget_trees)

"""Working links in the single-page HTML build.

The singlehtml builder puts every document on one page, and two things
break there:

- Sphinx 9.0 addresses every document as ``#document-<name>`` and appends
  a target's id, so a reference to a glossary term comes out as
  ``#document-glossary#term-PyTorch``: a fragment no element has.  On one
  page the target's own id is the whole address, so only the last fragment
  is kept.
- ids are unique per document, not across documents: every interview has
  an old address ``turn-1``, two timed ones may have a ``t-0m00s``.  An id
  that an earlier document already used is renamed with the document's
  name in front (``interviews-sylvain-gugger-turn-1``), and
  the links inside that document follow.

Both run on ``doctree-resolved`` after every other handler (glossary
back-links among them) has made its links.  Both extensions of the
distribution (``sphinx_transcripts`` and ``sphinx_transcripts.glossary``)
set it up; it can also be enabled alone by this module's name.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .. import __version__


def _walk(node: nodes.Element, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element with the document it came from (start_of_file marks it)."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    yield node, docname
    for child in node.children:
        if isinstance(child, nodes.Element):
            yield from _walk(child, docname)


def _unique_ids(doctree: nodes.document, root: str) -> None:
    owner: dict[str, str] = {}
    renamed: dict[tuple[str, str], str] = {}
    elements = list(_walk(doctree, root))
    for element, docname in elements:
        for index, old in enumerate(element["ids"]):
            if owner.setdefault(old, docname) != docname:
                new = nodes.make_id(f"{docname}-{old}")
                element["ids"][index] = new
                renamed[docname, old] = new
                owner[new] = docname
    for element, docname in elements:
        if not isinstance(element, nodes.reference):
            continue
        if (docname, element.get("refid")) in renamed:
            element["refid"] = renamed[docname, element["refid"]]
        uri = element.get("refuri", "")
        if uri.startswith("#") and (docname, uri[1:]) in renamed:
            element["refuri"] = "#" + renamed[docname, uri[1:]]


def fix_single_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != "singlehtml":
        return
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri.startswith("#document-") and uri.count("#") > 1:
            ref["refuri"] = "#" + uri.rsplit("#", 1)[1]
    _unique_ids(doctree, docname)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-resolved", fix_single_page, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

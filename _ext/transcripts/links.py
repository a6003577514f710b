"""Links to a person's section of the people page: one mechanism for all.

Turn headers, bylines and the ``{person}`` role all make the same node: a
``pending_xref`` to the standard label ``person-<key>``, which the
``people`` directive defines for every registered person.  Sphinx resolves
it in every builder (an HTML link, a PDF hyperlink, an EPUB link) and checks
it under ``-n``.  A site without a people page gets the name as plain text,
with no warning; when the people page appears or goes away, every page
with such a link is written again, so none keeps a stale link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .appearances import facts, people_page
from .speakers import Speaker

#: the pending_xref attribute that marks a link to a person
PERSON = "transcripts_person"


def person_id(key: str) -> str:
    """The id (and label) of a person's section on the people page."""
    return f"person-{key}"


def person_link(speaker: Speaker, content: nodes.Node, docname: str,
                rawtext: str = "") -> nodes.Node:
    """``content`` linked to ``speaker``'s section, or alone for someone the
    registry does not know (the people page has no label for them)."""
    if speaker.unregistered or speaker.unattributed:
        return content
    ref = addnodes.pending_xref(
        rawtext, refdomain="std", reftype="ref", reftarget=person_id(speaker.key),
        refexplicit=True, refwarn=True, refdoc=docname, **{PERSON: speaker.name},
    )
    if isinstance(content, nodes.Element):
        content["classes"] += ["xref", "std", "std-ref"]
    ref += content
    return ref


def without_people_page(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Node
) -> nodes.Node | None:
    """A person link on a site with no people page is its plain text."""
    if node.get(PERSON) is not None and people_page(env) is None:
        return contnode
    return None  # Sphinx reports the broken link (-n)


def rewrite_on_people_page_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages with person links, to be written again when the people page comes or goes."""
    now = people_page(env)
    before = getattr(env, "transcripts_people_page", now)
    env.transcripts_people_page = now  # type: ignore[attr-defined]
    if now == before:
        return []
    return sorted(doc for doc, found in facts(env).items() if found.person_links)


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", without_people_page)
    app.connect("env-get-updated", rewrite_on_people_page_change)

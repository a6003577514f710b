"""Links to a person's section of the people page: one mechanism for all.

Turn headers, bylines and the ``{person}`` role all make the same node: an
internal ``reference`` to the standard label ``person-<key>``, which the
``people`` directive defines for every registered person.  Its address is
filled in when the page is resolved for a builder
(:func:`resolve_person_links`, on ``doctree-resolved``): an HTML link, a PDF
hyperlink, an EPUB link, the same node Sphinx's ``ref`` role resolves to.
A site without a people page gets the name as plain text, with no warning;
when the people page appears or goes away, every page with such a link is
written again, so none keeps a stale link.

Why not a ``pending_xref``
--------------------------
A dialogue has a link per turn.  Resolving a ``pending_xref`` copies its
content and builds a new reference, a score of new objects per turn, made in
the main process while every page of the site is in memory; on a site of
hundreds of pages that was enough to set off extra full garbage collections
(see BENCHMARKS.md).  Made at read time, the link costs nothing more when it
is written: it only gets its address.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util import logging

from ..state import state
from .appearances import facts, people_page
from .registry import Speaker

logger = logging.getLogger(__name__)

#: the reference attribute that marks a link to a person (their name)
PERSON = "transcripts_person"
#: how the name is shown when there is no link: "text", or "inline" (the role)
SHOWN_ALONE = "transcripts_alone"


def person_id(key: str) -> str:
    """The id (and label) of a person's section on the people page."""
    return f"person-{key}"


def person_link(speaker: Speaker, content: nodes.Node, docname: str,
                rawtext: str = "") -> nodes.Node:
    """``content`` linked to ``speaker``'s section, or alone for someone the
    registry does not know (the people page has no label for them)."""
    if speaker.unregistered or speaker.unattributed:
        return content
    text = content.astext()
    ref = nodes.reference(
        rawtext, "", internal=True, reftarget=person_id(speaker.key), refdoc=docname,
        **{PERSON: speaker.name, SHOWN_ALONE: "inline" if isinstance(content, nodes.Element) else "text"},
    )
    ref += nodes.inline(text, text, classes=["std", "std-ref"])
    return ref


def is_person_link(node: nodes.Node) -> bool:
    return isinstance(node, nodes.reference) and PERSON in node


def _alone(ref: nodes.reference) -> nodes.Node:
    """The name without its link, as a ``ref`` Sphinx cannot resolve shows it."""
    inline = ref[0]
    if ref[SHOWN_ALONE] == "inline":
        inline["classes"] = ["xref", "std", "std-ref"]
        return inline
    return inline[0]


def resolve_person_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each person link its address for this builder, or show the name alone."""
    links = list(doctree.findall(is_person_link))
    if not links:
        return
    page = people_page(app.env)
    labels = app.env.domains.standard_domain.anonlabels
    for ref in links:
        target = ref["reftarget"]
        todoc, labelid = labels.get(target, ("", ""))
        if not todoc:
            if page is not None:  # the people directive labels every registered person
                logger.warning(
                    f"{ref[PERSON]} has no section on the people page ({page}); "
                    "the name is shown without a link",
                    location=ref, type="transcript", subtype="person",
                )
            ref.replace_self(_alone(ref))
            continue
        fromdoc = ref["refdoc"]
        if todoc == fromdoc:
            ref["refid"] = labelid
        else:
            try:
                ref["refuri"] = app.builder.get_relative_uri(fromdoc, todoc) + "#" + labelid
            except NoUri:
                ref.replace_self(_alone(ref))
                continue
        for name in ("reftarget", "refdoc", SHOWN_ALONE):
            del ref[name]


def rewrite_on_people_page_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages with person links, to be written again when the people page comes or goes."""
    now = people_page(env)
    kept = state(env)
    before = kept.people_page if kept.people_page_known else now
    kept.people_page, kept.people_page_known = now, True
    if now == before:
        return []
    return sorted(doc for doc, found in facts(env).items() if found.person_links)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_person_links)
    app.connect("env-get-updated", rewrite_on_people_page_change)

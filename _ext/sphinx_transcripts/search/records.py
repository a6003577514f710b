"""What the search index holds: one record per turn, one per passage of prose.

A record is data, never markup: its text is the words of a turn (or of a
section's prose, or of a glossary entry) as plain characters with white space
collapsed (a source's hard line breaks become spaces), and its speaker,
episode and time are plain strings.  The search page shows them as text
nodes, so nothing a transcript says can become live HTML in the results.

Records are read from a resolved doctree, its nodes alone (no application):
:func:`records_from_doctree` walks it once.  A turn's address is the first
id of its node, whatever the directive made it; a record links to
``<page>#<id>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from docutils import nodes
from sphinx import addnodes

from ..dialogue import elements as tn

_SPACE = re.compile(r"\s+")

#: nodes whose text is no passage of the page (pictures, media, the feed files'
#: links, tables of contents, comments, raw output, targets, substitutions)
_SKIPPED: tuple[type[nodes.Node], ...] = (
    tn.media, tn.exports, tn.turn_header, tn.turn_label, tn.avatar, tn.byline,
    nodes.comment, nodes.raw, nodes.target, nodes.substitution_definition,
    nodes.system_message, nodes.image, nodes.title, nodes.field_list, nodes.docinfo,
)


@dataclass(frozen=True)
class Record:
    """One search result: where it lands and what it shows.

    *url* is relative to the site's root (``interviews/x.html#turn-3``);
    *text* the words, on one line; *episode* the page's title; *speaker* the
    turn's speaker ("" for prose); *time* the turn's start as shown on the
    page (``1:02``), "" when the source is not timed; *section* the heading
    of a passage of prose, or a glossary entry's term ("" for a turn).
    """

    url: str
    text: str
    episode: str
    speaker: str = ""
    time: str = ""
    section: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def clean(text: str) -> str:
    """``text`` on one line: every run of white space one space."""
    return _SPACE.sub(" ", text).strip()


def _text(node: nodes.Node, skip: tuple[type[nodes.Node], ...]) -> Iterator[str]:
    if isinstance(node, skip):
        return
    if isinstance(node, nodes.Text):
        yield str(node)
        return
    if isinstance(node, nodes.Element):
        for child in node.children:
            yield from _text(child, skip)
        # a block ends a word: "end.</p><p>Next" is two words, not "end.Next"
        if not isinstance(node, nodes.Inline):
            yield " "


def text_of(node: nodes.Element, skip: tuple[type[nodes.Node], ...] = ()) -> str:
    """The words of ``node`` on one line, leaving out what no reader reads as it
    and the descendants of the kinds in ``skip``."""
    kinds = _SKIPPED + skip
    return clean("".join(part for child in node.children for part in _text(child, kinds)))


def _turn_time(turn: tn.turn) -> str:
    for stamp in turn.findall(tn.timestamp):
        return stamp.label
    return ""


def records_from_doctree(
    doctree: nodes.Node, page_uri: str, title_of: Callable[[str], str], docname: str,
) -> list[Record]:
    """Every record of one written page.

    *page_uri* is the page's address from the site's root (``interviews/x.html``,
    ``interviews/x/``); *title_of* gives a document's title, *docname* is the
    page's document (a single-page build holds several: each turn's episode
    is the document it came from).
    """
    out: list[Record] = []
    _walk(doctree, page_uri, title_of, docname, "", out)
    return out


def _walk(node: nodes.Node, page: str, title_of: Callable[[str], str], docname: str,
          heading: str, out: list[Record]) -> None:
    if not isinstance(node, nodes.Element):
        return
    if node.tagname == "start_of_file":  # a single-page build: another document begins
        docname = node["docname"]
    if isinstance(node, tn.turn):
        text = text_of(node)
        if text and node["ids"]:
            out.append(Record(
                url=f"{page}#{node['ids'][0]}", text=text, episode=title_of(docname),
                speaker=str(node.get("speaker", "")), time=_turn_time(node),
            ))
        return
    if isinstance(node, nodes.definition_list_item):
        terms = [t for t in node.children if isinstance(t, nodes.term) and t["ids"]]
        if terms:  # a glossary entry: its headwords and definition, at its term
            text = text_of(node)
            if text:
                out.append(Record(url=f"{page}#{terms[0]['ids'][0]}", text=text,
                                  episode=title_of(docname), section=clean(terms[0].astext())))
            return
    if isinstance(node, nodes.section):
        titles = [t for t in node.children if isinstance(t, nodes.title)]
        heading = titles[0].astext() if titles else heading
        # the section's own prose, without its subsections, turns or glossary
        # entries (they are records of their own)
        prose = text_of(node, (nodes.section, tn.turn, addnodes.glossary))
        if prose and node["ids"]:
            out.append(Record(url=f"{page}#{node['ids'][0]}", text=prose,
                              episode=title_of(docname), section=heading))
    for child in node.children:
        _walk(child, page, title_of, docname, heading, out)

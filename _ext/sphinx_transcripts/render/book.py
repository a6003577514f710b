"""The PDF as a reader's book: title page, people in the index, each text's opening.

- **Title page.**  At ``write-started`` the LaTeX builder's preamble gets
  three macros: ``\\sphinxtranscriptsbooktitle`` (the project),
  ``\\sphinxtranscriptsbookdescription`` (the root document's ``summary``
  front matter) and ``\\sphinxtranscriptsbookpeople`` (everyone who speaks
  or writes in the book, in reading order).  ``transcripts.sty``'s
  ``\\sphinxtranscriptstitlepage`` sets them; a project uses it with
  ``latex_elements["maketitle"] = r"\\sphinxtranscriptstitlepage"``.
- **People in the index.**  Every named speaker and author gets an index
  entry ("Stevens, Eli") where they first speak in each text, so the book's
  index lists people beside the glossary's terms (with makeindex,
  ``latex_use_xindy = False``, as the site and Read the Docs use it).
- **A text's opening.**  Before a transcript's first turn: who is in it and
  in what role, its date (the page's ``date`` front matter, written as the
  page shows it: "2 November 2026"), how long the episode is (the media
  file's duration when the file is in the project and mutagen reads it, as
  the page and the feed say; else the end of its last timed turn) and where
  to listen (its ``:audio:``/``:video:`` URL, or the file under
  ``html_baseurl``), then how to cite it (the APA reference of
  :mod:`.cite`, with the page's web address when the site's is known).

Everything here is LaTeX-only (a post-transform for the latex format, and
the latex builder's context); names and dates are data, escaped by the
translator or by Sphinx's own ``texescape``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from ..dialogue import elements as tn
from ..feed import details
from ..model import format_time
from ..people.appearances import facts, reading_order
from . import cite


def index_name(name: str) -> str:
    """A person as a book's index lists them: "Stevens, Eli"; a one-word
    name, or one already written with a comma, as it is."""
    words = name.split()
    if len(words) < 2 or "," in name:
        return name
    return f"{words[-1]}, {' '.join(words[:-1])}"


def _index(name: str) -> addnodes.index:
    return addnodes.index(entries=[("single", index_name(name), "", "", None)], inline=True)


def shown_date(value: object) -> str:
    """A front matter's date as the page shows it ("2 November 2026"); text
    that is no date, as it is written."""
    if value is None or value == "":
        return ""
    parsed = details.parse_date(value)
    return details.shown_date(parsed) if parsed is not None else str(value).strip()


def _speaking(node: nodes.Node) -> bool:
    return isinstance(node, tn.turn | tn.byline)


def _docname_of(node: nodes.Node, default: str) -> str:
    # inline_all_toctrees marks every section of an included document with
    # its docname (the start_of_file around them is not their parent)
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file | nodes.section) and parent.get("docname"):
            return str(parent["docname"])
        parent = parent.parent
    return default


class BookTransform(SphinxPostTransform):
    """Index entries for people and an opening line for each transcript (LaTeX)."""

    default_priority = 20
    formats: tuple[str, ...] = ("latex",)

    def run(self, **kwargs: Any) -> None:
        self.index_people()
        self.openings()

    def index_people(self) -> None:
        # only where the index is made by makeindex: latexmk run as Read the
        # Docs runs it (no XINDYOPTS) fails on xindy's first entry, and a
        # project that never had one would lose its PDF to them
        if self.config.latex_use_xindy:
            return
        seen: set[tuple[str, str]] = set()
        for node in list(self.document.findall(_speaking)):
            name = str(node.get("speaker", ""))
            if isinstance(node, tn.turn):
                header = next(iter(node.findall(tn.turn_header)), None)
                unattributed = "transcript-unattributed" in node["classes"]
                name = "" if header is None or unattributed else str(header["speaker"])
            docname = _docname_of(node, self.env.docname)
            if not name or (docname, name) in seen:
                continue
            seen.add((docname, name))
            para = next(iter(node.findall(nodes.paragraph)), None)
            if para is not None:
                para.insert(0, _index(name))

    def openings(self) -> None:
        done: set[str] = set()
        for dialogue in list(self.document.findall(tn.dialogue)):
            docname = _docname_of(dialogue, self.env.docname)
            if docname in done:
                continue
            done.add(docname)
            # before the player's paragraph, or the first chapter holding the dialogue
            first: nodes.Element = dialogue
            while isinstance(first.parent, nodes.section) and \
                    "transcript-chapter" in first.parent["classes"]:
                first = first.parent
            previous = first.previous_sibling()
            if isinstance(previous, tn.media):
                first = previous
            opening = self.opening(docname, first.parent)
            if opening is not None:
                first.parent.insert(first.parent.index(first), opening)

    def opening(self, docname: str, where: nodes.Element) -> nodes.container | None:
        """"With A (host), B (guest) · date · 49:12 long · listen: URL"."""
        found = facts(self.env).get(docname)
        parts: list[nodes.Node] = []
        if found is not None and found.people:
            who = [f"{a.name} ({a.role})" if a.role else a.name for a in found.people.values()]
            parts.append(nodes.Text("With " + ", ".join(who)))
        date = shown_date(found.date if found is not None and found.date else
                          self.env.metadata.get(docname, {}).get("date", ""))
        if date:
            parts.append(nodes.Text(date))
        # an episode's duration as its page and feed give it (the media file's,
        # read by mutagen, when it is in the project); else the last turn's end
        length = found.duration if found is not None and found.duration else None
        if not length:
            ends = [float(turn.get("end") or turn.get("start") or 0) for turn in where.findall(tn.turn)]
            length = max(ends) if ends else None
        if length and length > 0:
            parts.append(nodes.Text(f"{format_time(length)} long"))
        media = next(iter(where.findall(tn.media)), None)
        if media is not None:
            address = str(media["uri"])
            if not tn.is_url(address) and self.config.html_baseurl:
                base = str(self.config.html_baseurl)
                address = (base if base.endswith("/") else base + "/") + address
            # a URL's player already prints "Episode audio: <URL>" under this line
            if tn.is_url(address) and not tn.is_url(str(media["uri"])):
                listen = nodes.inline()
                listen += nodes.Text("listen: ")
                listen += nodes.reference(address, address, refuri=address)
                parts.append(listen)
        citation = next((node for node in self.document.findall(tn.episode_citation)
                         if node["docname"] == docname), None)
        if not parts and citation is None:
            return None
        opening = nodes.container("", classes=["transcript-opening"])
        if parts:
            para = nodes.paragraph()
            for number, part in enumerate(parts):
                if number:
                    para += nodes.Text(" · ")
                para += part
            opening += para
        if citation is not None:
            # the page's address as the web has it, so the printed quote can be found online
            opening += nodes.paragraph("", "Cite as: ", *cite.reference_nodes(citation, self.config),
                                       classes=["transcript-cite"])
        # a container: Sphinx's LaTeX writer opens sphinxclass<class> for its class
        return opening


def book_macros(app: Sphinx, builder: Builder) -> None:
    """The title page's facts, as macros in the LaTeX preamble."""
    if builder.format != "latex":
        return
    env = app.env
    root = app.config.root_doc
    summary = str(env.metadata.get(root, {}).get("summary", "")).strip()
    names: list[str] = []
    found = facts(env)
    for docname in reading_order(env):
        for name in found[docname].people if docname in found else {}:
            if name not in names:
                names.append(name)
    people = r" \textperiodcentered{} ".join(r"\mbox{" + escape(n) + "}" for n in names)
    context: dict[str, Any] = builder.context  # type: ignore[attr-defined]
    context["preamble"] = context.get("preamble", "") + (
        "\n% the title page's facts (sphinx_transcripts.render.book)\n"
        f"\\def\\sphinxtranscriptsbooktitle{{{escape(str(app.config.project))}}}\n"
        f"\\def\\sphinxtranscriptsbookdescription{{{escape(summary)}}}\n"
        f"\\def\\sphinxtranscriptsbookpeople{{{people}}}\n"
    )


def setup(app: Sphinx) -> None:
    app.add_post_transform(BookTransform)
    app.connect("write-started", book_macros)

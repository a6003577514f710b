"""The episode's citation on its page: placed once the page is read, rendered per builder.

After a page with a transcript is read (``doctree-read``, after the episode
collector has put the episode's details under the title), an
:class:`~..dialogue.elements.episode_citation` node goes right after those
details (or after the title): it carries what a reference needs, from the
page's turns and its :class:`~..feed.episodes.Episode` record in the State
(title, people and roles, date, media kind, season and episode).  The
builders render it with :mod:`..cite`:

- HTML: a collapsed "Cite this episode" block (``<details>``) with the
  APA reference, the BibTeX entry and the CSL-JSON, each copyable
  (``static/quote.js`` adds the buttons; without it the text is there to
  select).  Without a published address (``html_baseurl``, or
  ``transcripts_podcast_url``) the URL is the page's relative address,
  marked ``data-resolve``, and the script writes it absolute from the page's
  own location.
- LaTeX: the APA reference closes the text's opening (:mod:`.book`); the
  node itself prints nothing under the title.
- text, man, texinfo: a paragraph "Citation — <APA reference>" (no colon:
  these builders print each turn as "Name: words", and "Cite as:" would
  read as one more speaker).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..cite import Contributor, Work, apa, bibtex, csl
from ..dialogue import elements as tn
from ..feed.details import parse_date
from ..feed.episodes import published_base
from ..model import UNATTRIBUTED
from ..state import state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

#: stands for the URL while a format is escaped, then becomes its element:
#: an address every format keeps as it is (no character any of them escapes)
_URL = "https://transcript-cite.invalid/the-page-address"


def place(app: Sphinx, doctree: nodes.document) -> None:
    """Put the page's citation node under its title (pages with a transcript)."""
    dialogues = list(doctree.findall(tn.dialogue))
    title = doctree.next_node(nodes.title)
    section = title.parent if title is not None else None
    if not dialogues or not isinstance(section, nodes.section):
        return
    docname = app.env.docname
    people: list[tuple[str, str]] = []
    for dialogue in dialogues:
        for turn in dialogue.findall(tn.turn):
            if turn["speaker"] != UNATTRIBUTED:
                people.append((str(turn["speaker"]), str(turn["role"])))
        people += [(str(name), str(role)) for name, _key, role in dialogue.get("cast", ())]
    seen: dict[str, str] = {}
    for name, role in people:
        seen.setdefault(name, role)
    ordered = [(n, r) for n, r in seen.items() if r == "host"] + \
              [(n, r) for n, r in seen.items() if r != "host"]
    record = state(app.env).episodes.get(docname)
    when: dt.datetime | None = record.date if record is not None else None
    if when is None and "date" in app.env.metadata.get(docname, {}):
        when = parse_date(app.env.metadata[docname]["date"])
    node = tn.episode_citation(
        "", docname=docname, title=title.astext(), people=ordered,
        date=when.date().isoformat() if when is not None else "",
        kind=record.kind if record is not None else "",
        season=record.season if record is not None else None,
        episode=record.episode if record is not None else None,
    )
    # after the episode's details (an ``only`` node the episode collector put there)
    at = 1
    if len(section.children) > 1 and isinstance(section[1], addnodes.only):
        at = 2
    section.insert(at, node)


def site_name(config: Config) -> str:
    return str(getattr(config, "transcripts_podcast_title", "") or config.project or "")


def work(node: tn.episode_citation, config: Config, url: str) -> Work:
    """The reference's data from the node and the configuration."""
    date = dt.date.fromisoformat(node["date"]) if node.get("date") else None
    return Work(
        title=str(node["title"]), site=site_name(config), url=url,
        people=tuple(Contributor(name, role) for name, role in node["people"]),
        date=date, kind=str(node.get("kind") or ""), season=node.get("season"),
        episode=node.get("episode"),
        publisher=str(getattr(config, "transcripts_podcast_author", "") or ""),
    )


def page_path(docname: str, config: Config) -> str:
    """The page's path under the site's address, as the html builder writes it."""
    return quote(docname + str(config.html_file_suffix or ".html"), safe="/")


def published_url(docname: str, config: Config) -> str:
    """The page's absolute address; "" when the build does not know the site's."""
    base = published_base(config)
    return base + page_path(docname, config) if base else ""


# -- HTML ------------------------------------------------------------------------


def _address(self: HTML5Translator, docname: str) -> tuple[str, bool]:
    """The page's URL as the citation shows it, and whether the page's
    script must make it absolute (no published address known)."""
    builder = self.builder
    base = published_base(self.config)
    target = builder.get_target_uri(docname) if builder.name in ("html", "dirhtml") \
        else page_path(docname, self.config)
    if base:
        return base + quote(target, safe="/#"), False
    here = builder.get_target_uri(builder.current_docname)
    # the page itself: its own file name ("" is no address to show), or "./"
    # (dirhtml); the single page holds every page and is its own address
    if "#" in here or here == target:
        return posixpath.basename(here.split("#")[0]) or "./", True
    return relative_uri(here, target), True


def _with_url(escaped: str, url: str, resolve: bool, shown: str | None = None) -> str:
    """``escaped`` (a format, HTML-escaped) with the URL in its place, as an
    element the page's script can make absolute; ``shown`` is the URL as the
    format writes it (BibTeX's and JSON's own escaping)."""
    attrs = f' data-resolve="{html.escape(url)}"' if resolve else ""
    text = html.escape(url if shown is None else shown)
    return escaped.replace(html.escape(_URL), f'<span class="transcript-cite-url"{attrs}>{text}</span>')


def visit_citation_html(self: HTML5Translator, node: tn.episode_citation) -> None:
    if self.builder.name.startswith("epub"):
        url, resolve = published_url(node["docname"], self.config), False
    else:
        url, resolve = _address(self, node["docname"])
    data = work(node, self.config, _URL if url else "")
    reference = "".join(
        f"<em>{html.escape(text)}</em>" if italic else html.escape(text)
        for text, italic in apa.segments(data)
    )
    label = "Cite this episode" if data.kind else "Cite this interview"
    formats = (
        ("bibtex", "BibTeX", html.escape(bibtex.entry(data)), bibtex.url(url)),
        ("csl", "CSL-JSON", html.escape(csl.dumps(data)), json.dumps(url, ensure_ascii=False)[1:-1]),
    )
    out = [
        '<details class="transcript-cite no-autolink">'
        f'<summary><span class="transcript-cite-label">{label}</span></summary>\n'
        '<div class="transcript-cite-body">\n'
        '<div class="transcript-cite-format" data-format="apa">'
        '<p class="transcript-cite-name">APA</p>'
        f'<p class="transcript-cite-text">{_with_url(reference, url, resolve)}</p></div>\n'
    ]
    for key, name, text, shown in formats:
        out.append(
            f'<div class="transcript-cite-format" data-format="{key}">'
            f'<p class="transcript-cite-name">{name}</p>'
            f'<pre class="transcript-cite-text">'
            f"<code>{_with_url(text, url, resolve, shown)}</code></pre></div>\n"
        )
    out.append("</div></details>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


# -- LaTeX: the opening prints it (book.py) ---------------------------------------------


def skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def reference_nodes(node: tn.episode_citation, config: Config) -> list[nodes.Node]:
    """The APA reference as inline nodes: italics as emphasis, the URL a link."""
    url = published_url(node["docname"], config)
    out: list[nodes.Node] = []
    for text, italic in apa.segments(work(node, config, _URL if url else "")):
        if italic:
            out.append(nodes.emphasis(text, text))
        elif _URL in text:
            before, _, after = text.partition(_URL)
            out += [nodes.Text(before), nodes.reference(url, url, refuri=url), nodes.Text(after)]
        else:
            out.append(nodes.Text(text))
    return out


class CitationText(SphinxPostTransform):
    """Text, man and texinfo: the citation node becomes "Citation — …"."""

    default_priority = 200
    builders = ("text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(tn.episode_citation)):
            para = nodes.paragraph("", "Citation \u2014 ", classes=["transcript-cite"])
            para += reference_nodes(node, self.config)
            node.replace_self(para)


def setup(app: Sphinx) -> None:
    # after the episode collector (an env collector, at the default priority)
    app.connect("doctree-read", place, priority=600)
    app.add_post_transform(CitationText)

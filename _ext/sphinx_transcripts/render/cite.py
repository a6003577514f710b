"""The episode's citation on its page, rendered per builder.

The :class:`~..dialogue.elements.episode_citation` node (put under the
page's title by :mod:`..dialogue.citation` once the page is read) carries
what a reference needs; the builders render it with :mod:`..cite`, from the
node and the configuration alone:

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
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..cite import Contributor, Work, apa, bibtex, csl
from ..dialogue import elements as tn
from ..feed.episodes import published_base

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

#: stands for the URL while a format is escaped, then becomes its element:
#: an address every format keeps as it is (no character any of them escapes)
_URL = "https://transcript-cite.invalid/the-page-address"


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
    app.add_post_transform(CitationText)

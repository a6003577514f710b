"""The ``glossary-aliases`` directive: hidden spellings of glossary terms.

Aliases are spellings that should link to an entry without being shown as
headwords: transcription mishearings ("pi torch"), informal spellings
("HuggingFace", "wandb"), abbreviations.  A publisher lists them next to the
glossary, one term per line, the term before the colon and its aliases
after it, separated by commas::

    ```{glossary-aliases}
    PyTorch: pi torch
    Torch7: torch seven, Torch 7, Torch
    Weights & Biases: Weights and Biases, wandb
    ```

(In reStructuredText: ``.. glossary-aliases::`` followed by the same lines,
indented.)  Case and plural variants need no alias: "Pytorch", "pytorch"
and "NeRFs" already reach their entries.  The directive renders nothing;
the declarations travel in an :class:`alias_declarations` node, are read
by the collector and the node is dropped before writing, for every builder.

Each line is a message of the glossary's catalogue: on a translated build
its translation ("Lernrate: Schrittweite") declares the translated term's
aliases, and its problems are located at the catalogue's line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..translations import extracting, message_node, translations_for
from .lines import content_line
from .matcher import normalize

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class alias_declarations(nodes.Element, nodes.Invisible):  # noqa: N801 - docutils naming
    """Carries ``[term, [alias, ...], line]`` triples in ``node['aliases']``."""


def parse_alias_line(line: str) -> tuple[str, list[str]] | None:
    """Split ``"Term: alias, alias"`` into the term and its aliases.

    Returns None when the line has no colon or no term.
    """
    term, sep, rest = line.partition(":")
    term = normalize(term)
    if not sep or not term:
        return None
    aliases = [normalize(part) for part in rest.split(",")]
    return term, [alias for alias in aliases if alias]


class GlossaryAliases(SphinxDirective):
    """Declare hidden aliases for glossary terms, one term per line."""

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        node = alias_declarations()
        self.set_source_info(node)
        first = content_line(self)
        # on a translated build, a line's translation in the page's catalogue
        # declares the translated term's aliases (see sphinx_transcripts.translations)
        catalogue = translations_for(self.env, self.env.docname)
        extract = extracting(self.env)
        page = str(self.env.doc2path(self.env.docname))
        out: list[nodes.Node] = [node]
        declarations: list[list[object]] = []
        for index, line in enumerate(self.content):
            msgid = line.strip()
            if not msgid:
                continue
            lineno, source = first + index, ""
            if extract:
                out.append(message_node(msgid, page, lineno))
            translated = catalogue.get(msgid) if catalogue is not None else None
            if catalogue is not None and translated and translated.strip():
                line = " ".join(translated.split())
                source, lineno = catalogue.where(msgid)
            parsed = self.parse_line(line, lineno, source)
            if parsed is not None:
                declarations.append([parsed[0], parsed[1], lineno, source])
        node["aliases"] = declarations
        return out

    def parse_line(self, line: str, lineno: int, source: str = "") -> tuple[str, list[str]] | None:
        """The term and aliases of one line, or None after a located warning.
        ``source`` is the catalogue the line's translation comes from, if any."""
        parsed = parse_alias_line(line)
        if parsed is None:
            logger.warning(
                "glossary-aliases: expected 'Term: alias, alias', got %r",
                line.strip(),
                location=where(self.env.docname, lineno, source),
                type="autoglossary",
                subtype="alias",
            )
        return parsed


def where(docname: str, lineno: int | None, source: str = "") -> str | tuple[str, int | None]:
    """A warning's location: the line of the document, or of ``source`` (a
    catalogue) when a translation said it (the file alone when no line is known)."""
    if source:  # "file:" is Sphinx's place without a line (a bare name is a document's)
        return f"{source}:{lineno}" if lineno else f"{source}:"
    return docname, lineno


class DropAliasDeclarations(SphinxPostTransform):
    """Remove the invisible declaration nodes before any builder sees them."""

    default_priority = 1

    def run(self, **kwargs: object) -> None:
        for node in list(self.document.findall(alias_declarations)):
            node.parent.remove(node)


def setup_aliases(app: Sphinx) -> None:
    """Register the directive, its node and the post-transform dropping it."""
    app.add_node(alias_declarations)
    app.add_directive("glossary-aliases", GlossaryAliases)
    app.add_post_transform(DropAliasDeclarations)

"""The ``byline`` directive: an essay's author, with avatar and a link to
the people page."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..dialogue import elements as tn
from .bios import bio, bio_message
from .links import person_link
from .lookups import registry_for


class BylineDirective(SphinxDirective):
    """``{byline} Name`` or, with no name, an unnamed author."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"role": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        registry = registry_for(self.env)
        role = self.options.get("role", "author")
        node = tn.byline("", role=role, classes=["transcript-byline", "no-autolink"])
        self.set_source_info(node)
        para = nodes.paragraph(classes=["transcript-byline-text"])
        if self.arguments:
            speaker = registry.resolve(self.arguments[0].strip())
            node["speaker"] = speaker.name
            node["speaker_key"] = speaker.key
            node += tn.avatar_for(speaker)
            para += nodes.Text("By ")
            name = nodes.strong("", classes=["transcript-speaker"])
            name += person_link(speaker, nodes.Text(speaker.name), self.env.docname)
            para += name
            if role != "author":  # "By ..." already says it
                para += nodes.Text(f" ({role})")
            shown = bio(self.env, speaker)
            if shown:
                para += nodes.Text(" — ")
                para += nodes.inline("", shown, classes=["transcript-bio"])
            carrier = bio_message(self.env, speaker)
            if carrier is not None:
                node += carrier
        else:
            node["speaker"] = ""
            node += tn.anonymous_avatar("Unnamed author")
            para += nodes.strong("", "Author not named in the source", classes=["transcript-speaker"])
            if role != "author":
                para += nodes.Text(f" ({role})")
        node += para
        # registry text: never a message Sphinx translates with the page's parser
        para["translatable"] = False
        return [node]

"""The people page and links to it: the ``people`` directive, the ``person`` role.

``people`` writes, at read time, one section per person of the speaker
registry (title, avatar, bio), each with the explicit label
``person-<key>``: the standard domain records it like any label, so the
``person`` role is an ordinary ``:ref:`` underneath and works in every
builder, checked under ``-n``.  Which texts a person appears in, with their
number of turns and their roles, is only known once every page is read: a
post-transform fills that in from :mod:`.collector`'s facts.

In prose::

    {person}`Thomas Viehmann` and {person}`Tom <Thomas Viehmann>`

An alias works too (``{person}`Tom```).  A name the registry does not know
is a warning located at the role.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..anchors import Anchors
from ..collection.cards import doc_link
from ..dialogue import elements as tn
from ..feed.details import shown_date
from .appearances import Appearance, facts, reading_order
from .bios import bio, bio_message
from .links import person_id, person_link
from .load import get_registry
from .lookups import registry_for
from .registry import Speaker

logger = logging.getLogger(__name__)

class PeopleDirective(SphinxDirective):
    """One section per person of the speaker registry."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        registry = registry_for(self.env)
        index = tn.people_index()
        self.set_source_info(index)
        out: list[nodes.Node] = [index]
        for speaker in registry:
            section = person_section(speaker, bio(self.env, speaker))
            # a label, so {person} references resolve as std:ref
            section["names"].append(person_id(speaker.key))
            self.state.document.note_explicit_target(section, section)
            carrier = bio_message(self.env, speaker)
            if carrier is not None:
                section += carrier
            out.append(section)
        return out


def person_section(speaker: Speaker, shown_bio: str | None = None) -> nodes.section:
    """A person's section of the people page: name, avatar, bio (``shown_bio``,
    the registry's unless translated), aliases, url, and a placeholder for
    the texts they appear in.

    Registry text is data: none of it is a message Sphinx translates (it
    would parse the translation with the page's parser); the bio is
    translated by :func:`.bios.bio`, as plain text.
    """
    section = nodes.section(classes=["transcript-person"])
    # Sphinx gives a title its section's source, which makes it a message of its own
    section += nodes.title(speaker.name, speaker.name, translatable=False)
    section += person_card(speaker, speaker.bio if shown_bio is None else shown_bio)
    return section


def person_card(speaker: Speaker, shown_bio: str) -> nodes.container:
    card = nodes.container(classes=["transcript-person-card", "no-autolink"])
    card += tn.avatar_for(speaker)
    body = nodes.container(classes=["transcript-person-body"])
    if shown_bio:
        body += nodes.paragraph(shown_bio, shown_bio, classes=["transcript-bio"], translatable=False)
    if speaker.aliases:
        text = "Also called " + ", ".join(speaker.aliases) + " in the texts."
        body += nodes.paragraph(text, text, classes=["transcript-aliases"], translatable=False)
    if speaker.url:  # checked: http, https or mailto (see .speakers)
        link = nodes.paragraph(classes=["transcript-url"], translatable=False)
        link += nodes.reference(speaker.url, speaker.url, refuri=speaker.url)
        body += link
    body += tn.person_appearances(speaker=speaker.name)
    card += body
    return card


class PersonRole(SphinxRole):
    """``{person}`Name``` links to the person's section of the people page."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _, title, target = split_explicit_title(self.text)
        registry = registry_for(self.env)
        speaker = registry.resolve(target.strip())
        if speaker.unregistered:
            if registry.broken:  # the registry's own error is the message; every name is unknown
                return [nodes.inline(self.rawtext, title, classes=["transcript-person-unknown"])], []
            logger.warning(
                f"unknown person {target.strip()!r}: no name or alias of the speaker registry "
                f"({registry.path or 'transcripts_speakers is not set'}) matches",
                location=self.get_location(), type="transcript", subtype="person",
            )
            return [nodes.inline(self.rawtext, title, classes=["transcript-person-unknown"])], []
        ref = person_link(speaker, nodes.inline(title, title), self.env.docname, self.rawtext)
        self.set_source_info(ref)
        return [ref], []


def _count(turns: int) -> str:
    return f"{turns} turn" if turns == 1 else f"{turns} turns"


class FillPeople(SphinxPostTransform):
    """Roles and appearances of each person, from every page's facts.

    Runs before the references are resolved (priority 10), so the links it
    writes are ordinary ``:doc:`` cross-references in every builder.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        if not any(True for _ in self.document.findall(tn.people_index)):
            return  # only the people page has anything to fill
        env = self.env
        order = reading_order(env)
        found = facts(env)
        by_person: dict[str, list[tuple[str, Appearance]]] = {}
        for docname in order:
            doc = found.get(docname)
            if doc is None:
                continue
            for appearance in doc.people.values():
                by_person.setdefault(appearance.name, []).append((docname, appearance))

        registry = get_registry(env)
        # an id no one on the page has: a label that maps to nobody may slug like a
        # registered name ("Zoe-Ang"), and must not take that person's address
        ids = Anchors(person_id(""), self.document.ids.__contains__)
        for index in list(self.document.findall(tn.people_index)):
            # people who speak somewhere but are not in the registry
            extra: list[nodes.Node] = []
            for name in sorted(set(by_person) - {s.name for s in registry}):
                section = person_section(Speaker(name, unregistered=True))
                section["ids"].append(ids.named(name))
                self.document.ids[section["ids"][0]] = section
                extra.append(section)
            index.replace_self(extra)

        for node in list(self.document.findall(tn.person_appearances)):
            node.replace_self(self.appearances(node, by_person.get(node["speaker"], [])))

    def appearances(
        self, node: nodes.Element, where: list[tuple[str, Appearance]]
    ) -> list[nodes.Node]:
        if not where:
            text = "Not in any published text yet."
            return [nodes.paragraph(text, text, classes=["transcript-person-none"])]
        roles = sorted({appearance.role for _, appearance in where})
        para = nodes.paragraph(classes=["transcript-person-roles"])
        para += nodes.Text("Role: " if len(roles) == 1 else "Roles: ")
        for number, role in enumerate(roles):
            if number:
                para += nodes.Text(" ")
            para += nodes.inline(role, role, classes=["transcript-role"])
        items = nodes.bullet_list(classes=["transcript-person-texts"])
        # newest first: dated pages (episodes) by date, then the others in reading order
        found = facts(self.env)
        dated = sorted((item for item in where if found[item[0]].date),
                       key=lambda item: found[item[0]].date, reverse=True)
        for docname, appearance in [*dated, *(item for item in where if not found[item[0]].date)]:
            ref = doc_link(docname, self.env.docname)
            detail = (
                f" — {_count(appearance.turns)}" if appearance.turns
                else f" — {appearance.role}"
            )
            para_item = nodes.paragraph()
            para_item += ref
            if found[docname].date:
                when = shown_date(dt.datetime.fromisoformat(found[docname].date))
                para_item += nodes.Text(" — ")
                para_item += nodes.inline(when, when, classes=["transcript-person-date"])
            para_item += nodes.Text(detail)
            items += nodes.list_item("", para_item)
        return [para, items]


def setup(app: Sphinx) -> None:
    app.add_directive("people", PeopleDirective)
    app.add_role("person", PersonRole())
    app.add_post_transform(FillPeople)

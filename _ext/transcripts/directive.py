"""The ``transcript`` and ``byline`` directives: where a turn becomes a node.

``transcript`` reads the text (its content, or a file relative to the page),
hands it to :mod:`.parsing`, resolves speakers through the registry and
builds :mod:`.nodes`.  Every problem is reported as a Sphinx warning with
the file and line it concerns (type ``transcript``, so users can silence a
subtype with ``suppress_warnings``); the build goes on with what could be
read, and no text is dropped to make a problem go away.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

from . import nodes as tn
from .nodes import avatar_for
from .parsing import (
    FORMATS,
    Paragraph,
    RegionError,
    Transcript,
    markup_lines,
    parse_labeled,
    parse_qa,
    select_region,
)
from .registry import get_registry
from .speakers import UNATTRIBUTED, Registry, Speaker

logger = logging.getLogger(__name__)


def _raw_as_text(node: nodes.Node) -> nodes.Node:
    """Raw markup parsed from a transcript, as the text it was written as.

    MyST reads ``<laughs>`` or ``<b>`` as raw HTML: the HTML page would hide
    or run it and every other builder would drop it.  In a transcript it is
    something somebody said or a web page held, so it is shown, not obeyed.
    """
    found = [node] if isinstance(node, nodes.raw) else list(node.findall(nodes.raw))
    for raw in found:
        text = nodes.Text(raw.astext().rstrip("\n"))
        if isinstance(raw.parent, nodes.TextElement):
            replacement: nodes.Node = text
        else:
            replacement = nodes.paragraph(raw.rawsource, "", text)
            replacement.source, replacement.line = raw.source, raw.line
        if raw is node:
            return replacement
        raw.replace_self(replacement)
    return node


def _names(argument: str) -> list[str]:
    return [name.strip() for name in argument.split(",") if name.strip()]


class TranscriptDirective(SphinxDirective):
    """Render a transcript as dialogue blocks.

    Usage (MyST)::

        ```{transcript} transcripts/interview.txt
        :host: Sanyam Bhutani
        :guests: Sylvain Gugger
        :start-after: You can find me on twitter
        :end-before: Subscribe to my Newsletter
        ```
    """

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict] = {
        "format": directives.unchanged_required,
        "not-speakers": directives.unchanged_required,
        "host": directives.unchanged_required,
        "guests": directives.unchanged_required,
        "start-after": directives.unchanged_required,
        "end-before": directives.unchanged_required,
        "name": directives.unchanged_required,
    }

    def warn(self, message: str, subtype: str, location: object | None = None) -> None:
        logger.warning(
            message, location=location or self.get_location(), type="transcript", subtype=subtype
        )

    # -- reading --------------------------------------------------------------

    def read_source(self) -> tuple[list[str], int, str] | None:
        """The lines of the transcript, the number of the first, and their file."""
        start_after = self.options.get("start-after")
        end_before = self.options.get("end-before")
        if self.arguments:
            if self.content:
                self.warn(
                    "transcript has both a file argument and content; the content is ignored, "
                    "use one or the other",
                    "source",
                )
            rel, abs_path = self.env.relfn2path(self.arguments[0], self.env.docname)
            path = Path(abs_path).resolve()
            if not path.is_relative_to(Path(self.env.srcdir).resolve()):
                self.warn(
                    f"transcript file {self.arguments[0]!r} is outside the project; "
                    "keep transcripts inside the source directory",
                    "source",
                )
                return None
            self.env.note_dependency(rel)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                self.warn(f"transcript file {self.arguments[0]!r} not found ({path})", "source")
                return None
            except (OSError, UnicodeDecodeError) as exc:
                self.warn(f"transcript file {self.arguments[0]!r} cannot be read: {exc}", "source")
                return None
            source = str(path)
            try:
                lines, first = select_region(text, start_after, end_before)
            except RegionError as exc:
                self.warn(f"{exc} in {self.arguments[0]!r}", "region")
                return None
        else:
            source = str(self.env.doc2path(self.env.docname))
            try:
                lines, first = select_region("\n".join(self.content), start_after, end_before)
            except RegionError as exc:
                self.warn(str(exc), "region")
                return None
            first += self.content_line() - 1
        return lines, first, source

    def content_line(self) -> int:
        """The 1-based line of the page on which the directive's content starts.

        docutils gives ``content_offset`` as the content's 0-based line in the
        document; MyST gives it relative to the directive's opening line.
        """
        if type(self.state).__module__.startswith("myst_parser."):
            return self.lineno + self.content_offset + 1
        return self.content_offset + 1

    # -- building -------------------------------------------------------------

    def run(self) -> list[nodes.Node]:
        fmt = self.options.get("format", "labeled").strip()
        if fmt not in FORMATS:
            self.warn(
                f"unknown transcript format {fmt!r}; use one of: {', '.join(FORMATS)}", "option"
            )
            return []
        not_speakers = _names(self.options.get("not-speakers", ""))
        hosts = _names(self.options.get("host", ""))
        guests = _names(self.options.get("guests", ""))
        if fmt == "qa" and (len(hosts) != 1 or len(guests) != 1):
            self.warn(
                "the qa format needs exactly one :host: (who asks the Q: questions) and one "
                f":guests: (who answers); got host={hosts!r} guests={guests!r}",
                "option",
            )
            return []

        registry = get_registry(self.env)
        registry.note_dependencies(self.env)
        roles: dict[str, str] = {}
        labels: dict[str, str] = {UNATTRIBUTED: UNATTRIBUTED}
        speakers: dict[str, Speaker] = {UNATTRIBUTED: Speaker(UNATTRIBUTED)}
        for role, names in (("host", hosts), ("guest", guests)):
            for name in names:
                speaker = registry.resolve(name)
                speakers[speaker.name] = speaker
                roles[speaker.name] = role
                for label in (name, speaker.name, *speaker.aliases):
                    owner = labels.setdefault(label, speaker.name)
                    if owner != speaker.name:
                        self.warn(
                            f"label {label!r} could mean {owner!r} or {speaker.name!r}; "
                            f"it is read as {owner!r}",
                            "speaker",
                        )

        read = self.read_source()
        if read is None:
            return []
        lines, first, source = read
        if fmt == "qa":
            # the people, not the words of the options: "Derrick" is Derrick Mwiti
            interviewer, guest = labels[hosts[0]], labels[guests[0]]
            transcript = parse_qa(lines, first, interviewer, guest, labels, not_speakers)
        else:
            transcript = parse_labeled(lines, first, labels, not_speakers)
        for problem in transcript.problems:
            where = f"{source}:{problem.lineno}" if problem.lineno else self.get_location()
            message = problem.message
            if problem.kind == "empty" and self.arguments:
                # no line to point at in an empty file: name the file instead
                message = f"transcript file {self.arguments[0]!r} is empty"
            elif problem.kind == "undeclared-label":
                message += self.declare_hint(problem.subject, registry)
            self.warn(message, problem.kind, where)
        if transcript.turns:
            self.check_silent(roles, transcript, registry)
        if not transcript.turns and transcript.preamble and not transcript.problems:
            self.warn(
                "no turn found in the transcript: no line starts with a declared speaker's label"
                if fmt == "labeled"
                else "no question found in the transcript: no paragraph starts with 'Q:'",
                "empty",
            )
        return [self.build(transcript, speakers, roles, source)]

    @staticmethod
    def declare_hint(label: str, registry: Registry) -> str:
        """How to make ``label`` a speaker, or say that it is not one."""
        speaker = registry.resolve(label)
        if speaker.unregistered:
            return f". If it is not a speaker, add {label!r} to :not-speakers:"
        what = "a name" if speaker.name == label else "an alias"
        return (
            f". It is {what} of {speaker.name!r} in the registry: name that person "
            "in :host: or :guests:"
        )

    def check_silent(
        self, roles: dict[str, str], transcript: Transcript, registry: Registry
    ) -> None:
        """A name of the options that is not in the registry and never speaks is
        most often misspelt (a registered person may be named for an excerpt
        they are silent in)."""
        speaking = set(transcript.speakers)
        for name, role in roles.items():
            if name in speaking or registry.get(name) is not None:
                continue
            option = "guests" if role == "guest" else role
            message = f"{name!r} is in :{option}: but never speaks in the transcript"
            close = difflib.get_close_matches(name, [s.name for s in registry], n=1)
            if close:
                message += f"; did you mean {close[0]!r}?"
            self.warn(message, "speaker")

    def parse_paragraphs(self, paragraphs: tuple[Paragraph, ...], source: str) -> list[nodes.Node]:
        content = StringList()
        for para in paragraphs:
            if content:
                content.append("", source, para.lineno - 1)
            for lineno, line in markup_lines(para):
                content.append(line, source, lineno - 1)
        parsed = nested_parse_to_nodes(
            self.state,
            content,
            source=source,
            offset=paragraphs[0].lineno - 1 if paragraphs else 0,
            allow_section_headings=False,
        )
        return [_raw_as_text(node) for node in parsed]

    def build(
        self,
        transcript: Transcript,
        speakers: dict[str, Speaker],
        roles: dict[str, str],
        source: str,
    ) -> tn.dialogue:
        serial = self.env.new_serialno("transcript")
        prefix = self.options.get("name") or ("" if serial == 0 else f"t{serial + 1}")
        prefix = f"{nodes.make_id(prefix)}-" if prefix else ""
        dialogue = tn.dialogue("", classes=["transcript"])
        self.set_source_info(dialogue)
        if transcript.preamble:
            preamble = nodes.container("", classes=["transcript-preamble"])
            preamble += self.parse_paragraphs(transcript.preamble, source)
            dialogue += preamble
        for number, parsed in enumerate(transcript.turns, start=1):
            speaker = speakers.get(parsed.speaker) or Speaker(parsed.speaker, unregistered=True)
            role = "unattributed" if speaker.unattributed else roles.get(speaker.name, "guest")
            turn = tn.turn(
                "",
                speaker=speaker.name,
                speaker_key=speaker.key,
                role=role,
                ids=[f"{prefix}turn-{number}"],
                classes=["transcript-turn", f"transcript-{role}"],
            )
            turn.source, turn.line = source, parsed.lineno
            turn += avatar_for(speaker)
            content = tn.turn_content()
            content += self.parse_paragraphs(parsed.paragraphs, source) if parsed.paragraphs else []
            label = tn.turn_label("", f"{speaker.name}: ", classes=["no-autolink"])
            if content.children and isinstance(content[0], nodes.paragraph):
                content[0].insert(0, label)
            else:
                content.insert(0, nodes.paragraph("", "", label))
            turn += content
            dialogue += turn
        return dialogue


class BylineDirective(SphinxDirective):
    """An essay's author: ``{byline} Name`` or, with no name, an unnamed author."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"role": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        registry = get_registry(self.env)
        registry.note_dependencies(self.env)
        role = self.options.get("role", "author")
        node = tn.byline("", role=role, classes=["transcript-byline", "no-autolink"])
        self.set_source_info(node)
        para = nodes.paragraph(classes=["transcript-byline-text"])
        if self.arguments:
            speaker = registry.resolve(self.arguments[0].strip())
            node["speaker"] = speaker.name
            node["speaker_key"] = speaker.key
            node += avatar_for(speaker)
            para += nodes.Text("By ")
            # linked to the people page, if the site has one, at write time
            para += nodes.strong("", speaker.name, classes=["transcript-speaker"],
                                 person="" if speaker.unregistered else speaker.name)
            if role != "author":  # "By ..." already says it
                para += nodes.Text(f" ({role})")
            if speaker.bio:
                para += nodes.Text(" — ")
                para += nodes.inline("", speaker.bio, classes=["transcript-bio"])
        else:
            node["speaker"] = ""
            node += avatar_for(Speaker("Unnamed author"), neutral=True)
            para += nodes.strong("", "Author not named in the source", classes=["transcript-speaker"])
            if role != "author":
                para += nodes.Text(f" ({role})")
        node += para
        return [node]

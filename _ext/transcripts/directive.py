"""The ``transcript`` directive: the pipeline that turns a source into dialogue.

Each step is a module of its own; this one only runs them in order::

    source.py     read the file or the content, the region, the encoding
    formats/      detect the format (or take :format:), parse into the model
    cast.py       the declared people and their labels; a person for every turn
    report.py     every problem as a warning at its file and line
    doctree.py    the model as nodes (text through markup.py, inert)

Usage (MyST)::

    ```{transcript} transcripts/interview.vtt
    :host: Maya Okafor, Priya Raman
    :guests: Daniel Reyes
    :speaker-map: SPEAKER_00 = Maya Okafor; Speaker 3 = Daniel Reyes
    ```
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import cast as casting
from . import markup
from .doctree import build_dialogue
from .formats import FORMATS, ParseContext, choose
from .model import Problem, Transcript
from .registry import get_registry
from .report import report
from .source import Source, SourceError, from_content, read_file


def content_line(directive: SphinxDirective) -> tuple[str, int]:
    """The file and 1-based line on which the directive's content starts.

    MyST gives ``content_offset`` relative to the directive's opening line.
    docutils gives it in its input, which is not the file: ``rst_prolog`` adds
    lines before the page's own; the content's first item says where it
    really comes from (the page, or a file the page includes).
    """
    page = str(directive.env.doc2path(directive.env.docname))
    if type(directive.state).__module__.startswith("myst_parser."):
        return page, directive.lineno + directive.content_offset + 1
    if directive.content and directive.content.items:
        where, offset = directive.content.items[0]
        return (where if where and Path(where).is_file() else page), offset + 1
    return page, directive.content_offset + 1


class TranscriptDirective(SphinxDirective):
    """Render a transcript as dialogue blocks."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict] = {
        "format": directives.unchanged_required,
        "host": directives.unchanged_required,
        "guests": directives.unchanged_required,
        "speaker-map": directives.unchanged_required,
        "speaker": directives.unchanged_required,
        "not-speakers": directives.unchanged_required,
        "start-after": directives.unchanged_required,
        "end-before": directives.unchanged_required,
        "name": directives.unchanged_required,
    }

    def problem(self, message: str, kind: str) -> list[nodes.Node]:
        report([Problem(0, kind, message)], "", self.get_location())
        return []

    def read(self) -> Source:
        start_after = self.options.get("start-after")
        end_before = self.options.get("end-before")
        if not self.arguments:
            return from_content(self.content, *content_line(self), start_after, end_before)
        if self.content:
            self.problem("transcript has both a file argument and content; the content is "
                         "ignored, use one or the other", "source")
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        return read_file(Path(path), Path(self.env.srcdir), self.arguments[0],
                         start_after, end_before)

    def run(self) -> list[nodes.Node]:
        registry = get_registry(self.env)
        registry.note_dependencies(self.env)
        mapping, bad = casting.speaker_map(self.options.get("speaker-map", ""))
        for entry in bad:
            self.problem(f":speaker-map: entry {entry!r} is not 'Label = Person'", "option")
        hosts = casting.names(self.options.get("host", ""))
        guests = casting.names(self.options.get("guests", ""))
        single = self.options.get("speaker", "").strip()
        cast = casting.make_cast(registry, hosts, guests, mapping, single)
        context = ParseContext(
            labels=cast.labels, hosts=cast.hosts, guests=cast.guests,
            not_speakers=frozenset(casting.names(self.options.get("not-speakers", ""))),
        )
        report(cast.problems, "", self.get_location())

        forced = self.options.get("format", "").strip()
        if forced and forced not in FORMATS:
            return self.problem(f"unknown transcript format {forced!r}; use one of: "
                                f"{', '.join(FORMATS)}", "option")
        try:
            source = self.read()
        except SourceError as exc:
            return self.problem(str(exc), exc.kind)
        report(source.problems, source.path, self.get_location())
        if forced:
            fmt = FORMATS[forced]
        else:
            choice = choose(source.text, source.suffix, context)
            fmt = choice.format
            if choice.problem:
                self.problem(choice.problem, "format")
        trouble = fmt.check(context)
        if trouble:
            return self.problem(trouble, "option")

        transcript = casting.resolve(fmt.parse(source.lines, source.first_lineno, context), cast)
        self.report(transcript, cast, source, fmt.name)
        serial = self.env.new_serialno("transcript")
        prefix = self.options.get("name") or ("" if serial == 0 else f"t{serial + 1}")
        prefix = f"{nodes.make_id(prefix)}-" if prefix else ""
        dialogue = build_dialogue(transcript, cast, source.path, self.env.docname, prefix)
        self.set_source_info(dialogue)
        return [dialogue]

    def report(self, transcript: Transcript, cast: casting.Cast, source: Source, fmt: str) -> None:
        registry = get_registry(self.env)
        problems = []
        for problem in transcript.problems:
            if problem.kind == "empty" and self.arguments:
                # no line to point at in an empty file: name the file instead
                problem = Problem(0, "empty", f"transcript file {self.arguments[0]!r} is empty")
            elif problem.kind == "undeclared-label":
                problem = Problem(problem.lineno, problem.kind,
                                  problem.message + casting.declare_hint(problem.subject, registry),
                                  problem.subject)
            problems.append(problem)
        for part in (*transcript.preamble, *(p for t in transcript.turns for p in t.paragraphs)):
            problems.extend(markup.suspicious(part))
        if transcript.turns:
            problems.extend(casting.silent(cast, transcript, registry))
        elif transcript.preamble and not transcript.problems:
            problems.append(Problem(0, "empty", (
                "no question found in the transcript: no paragraph starts with 'Q:'" if fmt == "qa"
                else "no turn found in the transcript: no line starts with a declared speaker's label"
            )))
        # the whole transcript's problems (no line, at the directive) after the located ones
        problems.sort(key=lambda p: (p.lineno == 0, p.lineno))
        report(problems, source.path, self.get_location())

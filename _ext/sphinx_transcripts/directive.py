"""The ``transcript`` directive: the pipeline that turns a source into dialogue.

Each step is a module of its own; this one only runs them in order::

    source.py              read the file or the content, the region, the encoding
    readers/               detect the format (or take :format:), parse into the model;
                           long typed paragraphs cut at sentence ends (readers/_sentences.py)
    people/cast.py         the declared people and their labels; a person for every turn
    report.py              every problem as a warning at its file and line
    dialogue/messages.py   the text in the page's language, from its catalogue (translated builds)
    dialogue/doctree.py    the model as nodes (text through dialogue/markup.py, inert)
    feed/exports.py        the transcript in the feed's formats (writers/), next to the page

Usage (MyST)::

    ```{transcript} transcripts/interview.vtt
    :host: Maya Okafor, Priya Raman
    :guests: Daniel Reyes
    :speaker-map: SPEAKER_00 = Maya Okafor; Speaker 3 = Daniel Reyes
    :audio: media/interview.mp3
    ```

``:audio:`` (or ``:video:``) puts the episode's player before the dialogue
(:mod:`.player.media`) and makes every timestamp a link into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .anchors import anchor, turn_ids
from .dialogue import chapters as placing
from .dialogue import elements, markup, messages
from .dialogue.doctree import build_dialogue, turn_keys
from .feed.exports import exports_node
from .glossary.lines import content_location
from .legacy_pages import aliases
from .limits import bounded
from .model import Chapter, Paragraph, Problem, Transcript
from .people import cast as casting
from .people.lookups import registry_for
from .player import media as episode
from .readers import FORMATS, Format, ParseContext, as_told, chapters, choose
from .readers._sentences import split_long
from .report import report, report_translation
from .source import Source, SourceError, clean_transcript, from_content, read_file
from .transcript_files import note_source
from .translations import extracting, translations_for
from .warning_types import TranscriptKind

#: the problems about who speaks, which need the registry to be told
PEOPLE_KINDS = frozenset({"speaker", "undeclared-label", "unmapped-label"})


def _marker(value: str | None) -> str:
    """A text marker option: empty is said by the directive (see ``marker``),
    not refused here, where the cause could not be told."""
    return (value or "").strip()


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
        "strict-voices": directives.flag,
        "chapters": directives.unchanged_required,
        "not-speakers": directives.unchanged_required,
        "start-after": _marker,
        "end-before": _marker,
        "name": directives.unchanged_required,
        "audio": directives.unchanged_required,
        "video": directives.unchanged_required,
    }

    def problem(self, message: str, kind: TranscriptKind) -> list[nodes.Node]:
        report([Problem(0, kind, message)], "", self.get_location())
        return []

    def marker(self, name: str) -> str | None:
        """The text of ``:start-after:`` or ``:end-before:``, if given.

        MyST reads directive options as YAML, where ``#`` after a space starts
        a comment: ``:start-after: ## Transcript`` is an empty option to it.
        The option line as written is in the directive's text: its value is
        read from there, and the problem names the cause and the fix.  An
        option really left empty is said, and ignored.
        """
        if name not in self.options:
            return None
        value = str(self.options[name] or "").strip()
        if value:
            return value
        offset, written = next(((index, found[1].strip())
                                for index, line in enumerate(self.block_text.splitlines())
                                if (found := re.match(rf"\s*:{name}:(.*)$", line))), (0, ""))
        if "#" in written:
            page = str(self.env.doc2path(self.env.docname))
            report([Problem(self.lineno + offset, "option", (
                f":{name}: {written} is read by MyST as an empty option (in its YAML, '#' starts a "
                f"comment): write the text in quotes, :{name}: \"{written}\"; it is read as {written!r}"
            ))], page, self.get_location())
            return written
        where = "after which the transcript starts" if name == "start-after" else "before which it ends"
        self.problem(f":{name}: is empty: give it the text of the line {where}; it is ignored",
                     "option")
        return None

    def read(self) -> Source:
        start_after = self.marker("start-after")
        end_before = self.marker("end-before")
        if not self.arguments:
            page = str(self.env.doc2path(self.env.docname))
            return from_content(self.content, *content_location(self, page), start_after, end_before)
        if self.content:
            self.problem("transcript has both a file argument and content; the content is "
                         "ignored, use one or the other", "source")
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        note_source(self, path)
        return read_file(Path(path), Path(self.env.srcdir), self.arguments[0],
                         start_after, end_before)

    def run(self) -> list[nodes.Node]:
        cast, context = self.people()
        forced = self.options.get("format", "").strip()
        if forced and forced not in FORMATS:
            return self.problem(f"unknown transcript format {forced!r}; use one of: "
                                f"{', '.join(FORMATS)}", "option")
        try:
            source = self.read()
        except SourceError as exc:
            return self.problem(str(exc), exc.kind)
        report(source.problems, source.path, self.get_location())
        context = replace(context, whole_file=bool(self.arguments) and source.first_lineno == 1)
        fmt = self.told(forced, source, context) if forced else self.detect(source, context)
        trouble = fmt.check(context)
        if trouble:
            return self.problem(trouble, "option")

        parsed = clean_transcript(fmt.parse(source.lines, source.first_lineno, context))
        transcript = casting.resolve(parsed, cast)
        # a long typed paragraph is cut at sentence ends, as the timed readers cut theirs
        transcript = split_long(transcript, context.paragraph_chars)
        transcript = self.with_chapters(transcript)
        # what a page can hold: past it, a warning and the rest not shown (limits)
        transcript, limited = bounded(transcript)
        transcript = replace(transcript, problems=(*transcript.problems, *limited))
        self.report(transcript, cast, source, fmt.name)
        # a turn's id is made from the words as written, in every language of the site
        return self.output(self.translated(transcript), cast, source, original=transcript)

    def translated(self, transcript: Transcript) -> Transcript:
        """The transcript in the page's language, when its catalogue has translations.

        Its text is read with the transcript's subset like the original's;
        what is wrong with a translation is a warning at its line in the
        catalogue (the ``.po`` file; the ``.mo`` and the message when there
        is no ``.po``).  See :mod:`.translations` for why Sphinx's
        own translation never touches a transcript.
        """
        catalogue = translations_for(self.env, self.env.docname)
        if catalogue is None:
            return transcript
        result = messages.translate(transcript, catalogue.get)
        for msgid, problem in result.problems:
            report_translation([problem], catalogue, msgid, self.get_location())
        return result.transcript

    def people(self) -> tuple[casting.Cast, ParseContext]:
        """The cast of the options and the registry, and what the parser is told."""
        mapping, trouble = casting.speaker_map(self.options.get("speaker-map", ""))
        report(trouble, "", self.get_location())
        cast = casting.make_cast(
            registry_for(self.env),
            casting.names(self.options.get("host", "")),
            casting.names(self.options.get("guests", "")),
            mapping,
            self.options.get("speaker", "").strip(),
        )
        report(cast.problems, "", self.get_location())
        context = ParseContext(
            labels=cast.labels, hosts=cast.hosts, guests=cast.guests,
            not_speakers=frozenset(casting.names(self.options.get("not-speakers", ""))),
            continue_voice="strict-voices" not in self.options,
            paragraph_chars=self.config.transcripts_paragraph_chars,
            paragraph_gap=self.config.transcripts_paragraph_gap,
        )
        return cast, context

    def told(self, name: str, source: Source, context: ParseContext) -> Format:
        choice = as_told(name, source.text, context)
        if choice.problem:
            self.problem(choice.problem, "format")
        return choice.format

    def detect(self, source: Source, context: ParseContext) -> Format:
        choice = choose(source.text, source.suffix, context)
        if choice.problem:
            self.problem(choice.problem, "format")
        return choice.format

    def output(self, transcript: Transcript, cast: casting.Cast, source: Source,
               original: Transcript | None = None) -> list[nodes.Node]:
        """The player, the dialogue (one per chapter, in its section) and the feed files.
        The turns' ids are made from ``original`` (the transcript before translation)."""
        placed, trouble_of_chapters = placing.place(transcript)
        report(trouble_of_chapters, self.chapters_file or source.path, self.get_location())
        serial = self.env.new_serialno("transcript")
        prefix = self.options.get("name") or ("" if serial == 0 else f"t{serial + 1}")
        # a :name: in any script gives a prefix (see anchors.py); make_id drops all but Latin
        prefix = f"{anchor(prefix)}-" if prefix else ""
        self.check_anchors_unique(prefix)
        taken = self.state.document.ids.__contains__
        ids = turn_ids(turn_keys(original or transcript, cast), prefix, taken)
        old = self.free_aliases(aliases(self.env, prefix, ids, self.get_location()))
        out: list[nodes.Element] = build_dialogue(
            transcript, cast, source.path, self.env.docname, prefix, placed, taken,
            chapters_source=self.chapters_file, extract=extracting(self.env), ids=ids,
            aliases=old)
        for node in out:
            if isinstance(node, nodes.section):
                self.state.document.note_implicit_target(node, node)
            else:
                self.set_source_info(node)
        self.note_turns(out)
        # the feed files follow the dialogue: the page reads first, the files are for
        # the feed; with chapters, at the end of the last one (nothing follows a section)
        files = exports_node(transcript, self.env.docname, self.options.get("name", ""), serial,
                             (self.config.language or "").replace("_", "-"))
        for node in files:
            self.set_source_info(node)
        if isinstance(out[-1], nodes.section):
            out[-1] += files
        else:
            out = [*out, *files]
        player = episode.player(self)
        if player is None:
            return list(out)
        # every dialogue (one per chapter) and timestamp links to the episode
        for node in out:
            for dialogue in node.findall(elements.dialogue):
                dialogue["media"] = player["uri"]
            for stamp in node.findall(elements.timestamp):
                stamp["media"] = player["uri"]
        # the transcript's last time: the episode's length when the media cannot tell
        # (see feed/episodes.py)
        times = [t for turn in transcript.turns for t in (turn.start, turn.end) if t is not None]
        player["last_time"] = max(times) if times else None
        self.set_source_info(player)
        return [player, *out]

    def check_anchors_unique(self, prefix: str) -> None:
        """Warn when another transcript of the page has the same anchors."""
        # the page's own record: Sphinx empties it when the next page is read
        document = self.env.current_document
        taken: dict[str, int] | None = document.setdefault("transcripts_anchors", {})
        assert taken is not None
        if prefix not in taken:
            taken[prefix] = self.lineno
            return
        # its turns' ids are told apart (-2), but not their old addresses (#turn-1)
        self.problem(f"the transcript at line {taken[prefix]} of this page has the same turn "
                     f"anchors (#{prefix}turn-1…): links to its turns would reach one of them only; "
                     "give this one another :name:", "option")

    def free_aliases(self, found: dict[str, str]) -> dict[str, str]:
        """The old addresses (:mod:`.legacy`) no element of the page has yet;
        one that a heading or target above has is a warning."""
        ids = self.state.document.ids
        clash = next((alias for alias in found
                      if alias in ids and not isinstance(ids[alias], elements.turn)), "")
        if clash:
            self.problem(f"a heading or target above the transcript has the id {clash!r}, the old "
                         "address of one of its turns: old links to that turn would reach the "
                         "heading; give the heading another id", "option")
        return {alias: ident for alias, ident in found.items() if alias not in ids}

    def note_turns(self, out: list[nodes.Element]) -> None:
        """Note every turn's ids (its own and its old addresses) on the page, so
        that a heading or target after the transcript takes another (docutils
        numbers it on: ``turn-1-1``)."""
        ids = self.state.document.ids
        for node in out:
            # a dialogue, or a chapter's section holding dialogues: no deeper walk
            for dialogue in [node] if isinstance(node, elements.dialogue) else node.children:
                if not isinstance(dialogue, elements.dialogue):
                    continue
                for turn in dialogue.children:
                    if isinstance(turn, elements.turn):
                        for ident in turn["ids"]:
                            ids.setdefault(ident, turn)

    chapters_file = ""

    def with_chapters(self, transcript: Transcript) -> Transcript:
        """The transcript with the chapters of ``:chapters:``, if given."""
        argument = self.options.get("chapters", "").strip()
        if not argument:
            return transcript
        rel, path = self.env.relfn2path(argument, self.env.docname)
        self.env.note_dependency(rel)
        try:
            read = read_file(Path(path), Path(self.env.srcdir), argument)
        except SourceError as exc:
            self.problem(str(exc).replace("transcript file", "chapters file"), "chapter")
            return transcript
        self.chapters_file = read.path
        found, problems = chapters.read(read.lines, read.suffix)
        problems = [*problems, *titles_suspicious(found)]
        problems.sort(key=lambda p: p.lineno)
        report([*read.problems, *problems], read.path, self.get_location())
        if transcript.chapters:
            self.problem("the transcript marks chapters in its text and :chapters: names a file; "
                         "the file's chapters are used", "chapter")
        return replace(transcript, chapters=tuple(found))

    def report(self, transcript: Transcript, cast: casting.Cast, source: Source, fmt: str) -> None:
        registry = registry_for(self.env)
        problems = []
        meant: set[str] = set()  # people a slip of a label was most likely meant for
        for problem in transcript.problems:
            if problem.kind == "undeclared-label" and registry.resolve(problem.subject).name in (
                cast.slips.values()
            ):
                continue  # the label of the person a misspelt option meant: that slip is the message
            if problem.kind == "empty" and self.arguments:
                # no line to point at in an empty file: name the file instead
                problem = Problem(0, "empty", f"transcript file {self.arguments[0]!r} is empty")
            elif problem.kind == "undeclared-label":
                near = casting.near_label(problem.subject, cast.labels)
                found = cast.labels.lookup(near) if near is not None else None
                if found is not None:
                    meant.add(found.speaker)
                problem = Problem(problem.lineno, problem.kind,
                                  problem.message + casting.declare_hint(problem.subject, registry,
                                                                         cast.labels),
                                  problem.subject)
            problems.append(problem)
        for part in (*transcript.preamble, *(p for t in transcript.turns for p in t.paragraphs),
                     *transcript.credits):
            problems.extend(markup.suspicious(part))
        if not self.chapters_file:  # a file's chapters were checked with the file
            problems.extend(titles_suspicious(transcript.chapters))
        if transcript.turns:
            # a guest whose only label was misspelt never speaks: the slip is the one message
            problems.extend(p for p in casting.silent(cast, transcript, registry)
                            if p.subject not in meant and p.subject not in cast.slips)
        elif transcript.preamble and not transcript.problems:
            problems.append(Problem(0, "empty", (
                "no question found in the transcript: no paragraph starts with 'Q:'" if fmt == "qa"
                else "no turn found in the transcript: no line starts with a declared speaker's label"
            )))
        if registry.broken:
            # who is who cannot be told without the registry (its aliases, who is in it):
            # its own error is the message, and this page adds none about people
            problems = [p for p in problems if p.kind not in PEOPLE_KINDS]
        # the whole transcript's problems (no line, at the directive) after the located ones
        problems.sort(key=lambda p: (p.lineno == 0, p.lineno))
        report(problems, source.path, self.get_location())


def titles_suspicious(found: Iterable[Chapter]) -> list[Problem]:
    """What looks like markup in chapter titles, at each chapter's line: a
    title is shown as plain text, and warned about like a turn."""
    return [
        problem for chapter in found
        for problem in markup.suspicious(Paragraph(chapter.lineno, (chapter.title,)), "a chapter title")
    ]

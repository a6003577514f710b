"""Where a turn becomes a node: the parsed transcript as a ``dialogue`` tree.

Takes the model (:mod:`..model`) and the cast (:mod:`..people.cast`) and builds the
nodes of :mod:`.elements`; the text of every paragraph goes through
:mod:`.markup`, so it is inert.  Speaker names link to the people page
through :mod:`..people.links`.

No text node of a dialogue is a message of Sphinx's own (``Locale`` would
parse its translation with the page's parser): the page translates the
model itself (:mod:`.messages`).  For the gettext builder (``extract``),
each paragraph and chapter title is preceded by a
:class:`..translations.message` carrying its message, located at
its line in the transcript.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from docutils import nodes

from ..anchors import Anchors, TurnKey, turn_ids
from ..model import Chapter, Paragraph, Transcript, Turn
from ..people.cast import Cast
from ..people.links import person_link
from ..translations import message_node
from . import elements, markup
from .chapters import Placed
from .messages import message


def paragraphs(items: Sequence[Paragraph], source: str, extract: bool = False) -> list[nodes.Element]:
    out: list[nodes.Element] = []
    for para in items:
        if extract and (msgid := message(para)):
            out.append(message_node(msgid, source, para.lineno))
        out.extend(markup.to_nodes(para, source))
    return out


def turn_keys(transcript: Transcript, cast: Cast) -> list[TurnKey]:
    """What each turn's id is made from (:func:`..anchors.turn_ids`): its start,
    its speaker's name as the page shows it, its first paragraph."""
    return [TurnKey(turn.start, cast.speaker(turn.speaker).name,
                    turn.paragraphs[0].text if turn.paragraphs else "")
            for turn in transcript.turns]


def build_dialogue(
    transcript: Transcript, cast: Cast, source: str, docname: str, prefix: str = "",
    placed: Sequence[Placed] = (), taken: Callable[[str], bool] = lambda _: False,
    *, chapters_source: str = "", extract: bool = False, ids: Sequence[str] | None = None,
    aliases: Mapping[str, str] = {},  # noqa: B006 (read only)
) -> list[nodes.Element]:
    """The dialogue node.  Each turn's id is its entry of ``ids``, else made
    from what it is (:func:`..anchors.turn_ids`, ``prefix`` in front, none
    ``taken``): its start time or its speaker and opening words; ``aliases``
    (old address -> a turn's id) are more ids of the turns they name, after
    their own (:mod:`..legacy`).  With chapters
    (``placed``, from :func:`.chapters.place`), the turns are cut into one
    dialogue per chapter, each in a section titled by the chapter, so
    chapters are real sections: in the page's contents, the PDF's, search.
    A chapter's id is ``<prefix>chapter-<its title's id>`` (:mod:`.anchors`),
    ``-2``, ``-3`` for a title met again, and never one ``taken`` on the page.
    ``chapters_source`` is the chapters file (else the transcript); with
    ``extract``, the messages' nodes are added for the gettext builder."""
    chapter_ids = Anchors(f"{prefix}chapter-", taken)
    if ids is None:
        ids = turn_ids(turn_keys(transcript, cast), prefix, taken)
    old: dict[str, list[str]] = {}
    for alias, ident in aliases.items():
        old.setdefault(ident, []).append(alias)
    last = max((t.end or t.start or 0.0 for t in transcript.turns), default=0.0)
    hours = last >= 3600
    cuts = sorted(placed, key=lambda p: p.turn)
    out: list[nodes.Element] = []
    # the people the page declares and no turn shows (a source that names
    # nobody): the episode's cast all the same, for the people page and the
    # cards (see appearances)
    speaking = set(transcript.speakers)
    silent = [(person.name, person.key, cast.role(person))
              for person in map(cast.speaker, (*cast.hosts, *cast.guests))
              if person.name not in speaking]

    def new_dialogue() -> elements.dialogue:
        dialogue = elements.dialogue("", classes=["transcript"])
        if silent:
            dialogue["cast"] = silent
        return dialogue

    dialogue = new_dialogue()
    if transcript.preamble:
        preamble = nodes.container("", classes=["transcript-preamble"])
        preamble += paragraphs(transcript.preamble, source, extract)
        dialogue += preamble
    cut = 0  # the next of ``cuts`` (an index: popping the list's head is a copy of the rest)
    for index in range(len(transcript.turns) + 1):
        while cut < len(cuts) and cuts[cut].turn <= index:
            if dialogue.children:
                out.append(dialogue)
            chapter = cuts[cut].chapter
            cut += 1
            # a translated title keeps the original's address, as Sphinx's own sections do
            ident = chapter_ids.numbered(chapter.original or chapter.title)
            section = chapter_section(chapter, ident, hours,
                                      chapters_source or source, extract)
            out.append(section)
            dialogue = new_dialogue()
        if index == len(transcript.turns):
            break
        parsed = transcript.turns[index]
        turn = build_turn(parsed, cast, source, docname, ids[index], hours, extract)
        turn["ids"].extend(old.get(ids[index], ()))
        dialogue += turn
    if transcript.credits:  # under the last turn
        credit = nodes.container("", classes=["transcript-credit"])
        credit += paragraphs(transcript.credits, source, extract)
        dialogue += credit
    if dialogue.children or not out:
        out.append(dialogue)
    # a chapter's turns go into its section
    nested: list[nodes.Element] = []
    for node in out:
        if nested and isinstance(nested[-1], nodes.section) and isinstance(node, elements.dialogue):
            nested[-1] += node
        else:
            nested.append(node)
    return nested


def chapter_section(
    chapter: Chapter, ident: str, hours: bool, source: str, extract: bool = False
) -> nodes.section:
    """A chapter's section: its title, and when it starts; ``ident`` is its id."""
    section = nodes.section("", ids=[ident], names=[], classes=["transcript-chapter"])
    section.source, section.line = source, chapter.lineno
    # Sphinx gives a title its section's source, which makes it a message of its own
    section += nodes.title(chapter.title, chapter.title, translatable=False)
    if extract and chapter.title:
        section += message_node(chapter.title, source, chapter.lineno)
    if chapter.turn is None:
        when = nodes.paragraph("", "", classes=["transcript-chapter-time", "no-autolink"],
                               translatable=False)
        when += elements.timestamp(seconds=chapter.start, hours=hours)
        section += when
    return section


def build_turn(
    parsed: Turn, cast: Cast, source: str, docname: str, anchor: str, hours: bool,
    extract: bool = False,
) -> elements.turn:
    speaker = cast.speaker(parsed.speaker)
    role = cast.role(speaker)
    turn = elements.turn_for(speaker, role, anchor)
    if parsed.start is not None:
        turn["start"] = parsed.start
    if parsed.end is not None:  # the book's opening says how long the episode is
        turn["end"] = parsed.end
    turn.source, turn.line = source, parsed.lineno
    header = elements.turn_header("", speaker=speaker.name, role=role, classes=["no-autolink"])
    name = elements.speaker_name()
    name += person_link(speaker, nodes.Text(speaker.name), docname)
    header += name
    if parsed.start is not None:
        header += elements.timestamp(seconds=parsed.start, hours=hours)
    turn += header
    # a paragraph that knows when it is spoken is marked, and its time is
    # the turn's, in order: the player seeks from a click on it and marks it
    starts: list[float] = []
    words: list[list[list[float | str]]] = []
    for para in parsed.paragraphs:
        made = paragraphs([para], source, extract)
        first = next((n for n in made if isinstance(n, nodes.paragraph | nodes.bullet_list)), None)
        if para.start is not None and first is not None:
            first["classes"].append("transcript-timed")
            starts.append(para.start)
            words.append([[round(t, 3), w] for t, w in para.words])
        turn += made
    if starts:
        turn["paragraph_starts"] = starts
    if any(words):
        turn["paragraph_words"] = words
    return turn

"""Unit tests of the Sphinx-free text formats (labeled, qa): text in, turns
and problems out; and of the region selection and the markup lines."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import pytest
from conftest import ROOT
from sphinx_transcripts.dialogue.markup import markdown_lines as markup_lines
from sphinx_transcripts.model import Paragraph, Transcript
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.people.cast import Cast
from sphinx_transcripts.people.labels import LabelTable
from sphinx_transcripts.readers import FORMATS, ParseContext
from sphinx_transcripts.source import SourceError as RegionError
from sphinx_transcripts.source import select_region as select_lines


def parse_labeled(lines: Sequence[str], first: int, labels: Mapping[str, str],
                  not_speakers: Collection[str] = ()) -> Transcript:
    """Parsed, and each label made a person, as the directive does."""
    table = LabelTable(labels)
    context = ParseContext(table, frozenset(not_speakers))
    return casting.resolve(FORMATS["labeled"].parse(lines, first, context), Cast(table, {}, {}))


def parse_qa(lines: Sequence[str], first: int, interviewer: str, guest: str,
             labels: Mapping[str, str] | None = None) -> Transcript:
    table = LabelTable(labels or {})
    context = ParseContext(table, hosts=(interviewer,), guests=(guest,))
    return casting.resolve(FORMATS["qa"].parse(lines, first, context), Cast(table, {}, {}))


def select_region(text: str, start: str | None = None, end: str | None = None) -> tuple[list[str], int]:
    return select_lines(text.split("\n"), start, end)

LABELS = {
    "Sanyam Bhutani": "Sanyam Bhutani",
    "Sanyam": "Sanyam Bhutani",
    "Thomas Viehmann": "Thomas Viehmann",
    "Tom": "Thomas Viehmann",
    "Thomas": "Thomas Viehmann",
    "Eli Stevens": "Eli Stevens",
    "Eli": "Eli Stevens",
    "Unknown": "Unknown",
}


def labeled(text: str, first: int = 1, labels: dict[str, str] = LABELS) -> Transcript:
    return parse_labeled(text.split("\n"), first, labels)


def summary(transcript: Transcript) -> list[tuple[str, list[str]]]:
    """Each turn as (speaker, [paragraph text])."""
    return [(t.speaker, [p.text for p in t.paragraphs]) for t in transcript.turns]


EXT = ROOT / "_ext" / "sphinx_transcripts"
#: the pipeline's Sphinx-free modules: every input format, and what they use
PURE = ["model.py", "people/labels.py", "people/cast.py", "source.py", "people/registry.py",
        "people/avatars.py", "people/svg_safety.py", "people/raster_safety.py", "urls.py",
        "dialogue/markdown_subset.py", "dialogue/chapters.py",
        *sorted(p.relative_to(EXT).as_posix() for p in (EXT / "readers").glob("*.py")),
        *sorted(p.relative_to(EXT).as_posix() for p in (EXT / "writers").glob("*.py"))]


@pytest.mark.parametrize("module", PURE)
def test_that_parsing_modules_do_not_import_sphinx_or_docutils(module: str) -> None:
    source = (EXT / module).read_text(encoding="utf-8")
    assert "import sphinx" not in source and "from sphinx" not in source
    assert "import docutils" not in source and "from docutils" not in source


# -- labeled turns -----------------------------------------------------------


def test_a_label_at_line_start_opens_a_turn_and_its_text_follows() -> None:
    parsed = labeled("Sanyam Bhutani: Hello there.\nEli Stevens: Hi.")
    assert summary(parsed) == [
        ("Sanyam Bhutani", ["Hello there."]),
        ("Eli Stevens", ["Hi."]),
    ]
    assert [t.label for t in parsed.turns] == ["Sanyam Bhutani", "Eli Stevens"]
    assert [t.lineno for t in parsed.turns] == [1, 2]
    assert parsed.problems == ()


def test_a_label_in_the_middle_of_a_line_is_text() -> None:
    parsed = labeled("Eli Stevens: As Tom: said, and as Sanyam Bhutani: asked.")
    assert summary(parsed) == [("Eli Stevens", ["As Tom: said, and as Sanyam Bhutani: asked."])]


def test_an_indented_label_is_not_at_line_start() -> None:
    parsed = labeled("Eli Stevens: First.\n  Tom: indented, so quoted text.")
    assert len(parsed.turns) == 1
    assert parsed.turns[0].paragraphs[0].lines[1] == "  Tom: indented, so quoted text."


def test_a_name_without_colon_or_not_declared_opens_no_turn() -> None:
    parsed = labeled("Eli Stevens: First.\nTom said hello.\nEliza: not Eli.", labels=LABELS)
    assert [t.speaker for t in parsed.turns] == ["Eli Stevens"]
    # "Eliza" starts with the declared label "Eli" but is another word
    assert parsed.turns[0].paragraphs[0].lines == ("First.", "Tom said hello.", "Eliza: not Eli.")


def test_hard_wrapped_lines_stay_one_paragraph() -> None:
    parsed = labeled("Sanyam Bhutani: Hey, this is\nSanyam Bhutani and you're\nlistening.")
    (turn,) = parsed.turns
    assert len(turn.paragraphs) == 1
    assert turn.paragraphs[0].lines == ("Hey, this is", "Sanyam Bhutani and you're", "listening.")
    assert turn.paragraphs[0].lineno == 1


def test_a_blank_line_starts_a_new_paragraph_of_the_same_turn() -> None:
    parsed = labeled("Eli Stevens: One\nstill one.\n\nTwo.\n\n\nThree.")
    assert summary(parsed) == [("Eli Stevens", ["One\nstill one.", "Two.", "Three."])]
    assert [p.lineno for p in parsed.turns[0].paragraphs] == [1, 4, 7]


def test_an_unlabeled_paragraph_continues_the_previous_speaker() -> None:
    parsed = labeled("Eli Stevens: Answer.\n\nMore of the answer.\nTom: Next.\n\nTom again.")
    assert summary(parsed) == [
        ("Eli Stevens", ["Answer.", "More of the answer."]),
        ("Thomas Viehmann", ["Next.", "Tom again."]),
    ]


def test_aliases_resolve_to_the_canonical_speaker_and_keep_the_written_label() -> None:
    parsed = labeled("Tom: a\nThomas: b\nThomas Viehmann: c\nSanyam: d")
    assert [t.speaker for t in parsed.turns] == [
        "Thomas Viehmann", "Thomas Viehmann", "Thomas Viehmann", "Sanyam Bhutani",
    ]
    assert [t.label for t in parsed.turns] == ["Tom", "Thomas", "Thomas Viehmann", "Sanyam"]
    assert parsed.speakers == ("Thomas Viehmann", "Sanyam Bhutani")


def test_the_longest_label_wins() -> None:
    labels = {"Eli": "Eli", "Eli Stevens": "Eli Stevens"}
    parsed = labeled("Eli Stevens: full name\nEli: short", labels=labels)
    assert summary(parsed) == [("Eli Stevens", ["full name"]), ("Eli", ["short"])]


def test_unknown_is_an_ordinary_label_for_an_unattributed_speaker() -> None:
    parsed = labeled("Eli Stevens: Hi.\nUnknown: Who said that?")
    assert summary(parsed)[-1] == ("Unknown", ["Who said that?"])
    assert parsed.problems == ()


def test_text_before_the_first_turn_is_the_preamble() -> None:
    parsed = labeled("An introduction\nwrapped.\n\nSecond intro paragraph.\n\nEli Stevens: Hi.")
    assert [p.text for p in parsed.preamble] == ["An introduction\nwrapped.", "Second intro paragraph."]
    assert summary(parsed) == [("Eli Stevens", ["Hi."])]


def test_a_label_alone_on_its_line_takes_the_next_lines_as_its_text() -> None:
    parsed = labeled("Eli Stevens:\nthe answer on the next line.")
    assert summary(parsed) == [("Eli Stevens", ["the answer on the next line."])]
    assert parsed.problems == ()


def test_line_numbers_count_from_the_first_line_given() -> None:
    parsed = labeled("Eli Stevens: a\n\nb\nTom: c", first=41)
    assert [t.lineno for t in parsed.turns] == [41, 44]
    assert [p.lineno for p in parsed.turns[0].paragraphs] == [41, 43]


# -- problems ---------------------------------------------------------------


def test_an_undeclared_label_like_line_is_a_problem_at_its_line_and_stays_text() -> None:
    parsed = labeled("Eli Stevens: Hello.\n\nBob Smith: I was never declared.", first=10)
    (problem,) = parsed.problems
    assert problem.lineno == 12
    assert problem.kind == "undeclared-label"
    assert problem.message == (
        "'Bob Smith' looks like a speaker label but is not a declared speaker; "
        "the line is kept as text of the previous turn"
    )
    # nothing dropped: the line is the text of Eli's turn
    assert summary(parsed) == [("Eli Stevens", ["Hello.", "Bob Smith: I was never declared."])]


def test_an_undeclared_label_before_any_turn_is_kept_in_the_introduction() -> None:
    parsed = labeled("Bob Smith: intro line.\nEli Stevens: Hi.")
    (problem,) = parsed.problems
    assert (problem.lineno, problem.kind) == (1, "undeclared-label")
    assert problem.message.endswith("kept as text of the introduction")
    assert [p.text for p in parsed.preamble] == ["Bob Smith: intro line."]


def test_ordinary_sentences_with_colons_are_not_label_like() -> None:
    parsed = labeled("Eli Stevens: The plan:\nthree steps: one, two.\nhttps://example.org: a link")
    assert parsed.problems == ()


def test_an_empty_turn_is_a_problem_at_the_label_line() -> None:
    parsed = labeled("Eli Stevens: Hi.\nTom:\nEli Stevens: Again.")
    (problem,) = parsed.problems
    assert (problem.lineno, problem.kind) == (2, "empty-turn")
    assert "'Thomas Viehmann'" in problem.message
    # the empty turn is still a turn (it is not silently merged away)
    assert [t.speaker for t in parsed.turns] == ["Eli Stevens", "Thomas Viehmann", "Eli Stevens"]
    assert parsed.turns[1].paragraphs == ()


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n"])
def test_empty_input_is_a_problem(text: str) -> None:
    parsed = labeled(text)
    assert parsed.turns == () and parsed.preamble == ()
    assert [(p.lineno, p.kind) for p in parsed.problems] == [(0, "empty")]
    qa = parse_qa(text.split("\n"), 1, "Host", "Guest")
    assert [(p.lineno, p.kind) for p in qa.problems] == [(0, "empty")]


# -- Q&A ----------------------------------------------------------------------


def qa(text: str, first: int = 1) -> Transcript:
    return parse_qa(text.split("\n"), first, "Derrick Mwiti", "Aritra Roy Gosthipaty")


def test_qa_questions_are_the_hosts_and_everything_else_the_guests() -> None:
    parsed = qa(
        "Intro.\n\nQ: First question\nwrapped?\n\nAnswer one.\n\nAnswer two.\n\n"
        "Q: Second?\n\nQ: Follow-up.\n\nLast answer."
    )
    assert [p.text for p in parsed.preamble] == ["Intro."]
    assert summary(parsed) == [
        ("Derrick Mwiti", ["First question\nwrapped?"]),
        ("Aritra Roy Gosthipaty", ["Answer one.", "Answer two."]),
        ("Derrick Mwiti", ["Second?", "Follow-up."]),
        ("Aritra Roy Gosthipaty", ["Last answer."]),
    ]
    assert [t.label for t in parsed.turns] == ["Q:", "", "Q:", ""]
    assert [t.lineno for t in parsed.turns] == [3, 6, 10, 14]
    assert parsed.problems == ()


def test_qa_marker_counts_only_at_a_paragraph_start() -> None:
    parsed = qa("Q: Question\nQ: still the same paragraph?\n\nAnswer with\nQ: inside it.")
    assert summary(parsed) == [
        ("Derrick Mwiti", ["Question\nQ: still the same paragraph?"]),
        ("Aritra Roy Gosthipaty", ["Answer with\nQ: inside it."]),
    ]
    # not silently: a question lost inside an answer is a problem at its line
    assert [(p.lineno, p.kind) for p in parsed.problems] == [(2, "question"), (5, "question")]
    assert "put a blank line before it" in parsed.problems[0].message


def test_qa_without_questions_is_all_preamble() -> None:
    parsed = qa("Just prose.\n\nMore prose.")
    assert parsed.turns == ()
    assert len(parsed.preamble) == 2


def test_qa_reports_undeclared_labels_with_their_line() -> None:
    parsed = qa("Q: Hi?\n\nBob Smith: not declared here.", first=5)
    assert [(p.lineno, p.kind) for p in parsed.problems] == [(7, "undeclared-label")]


def test_qa_honours_declared_labels_too() -> None:
    parsed = parse_qa(
        ["Q: Hi?", "", "Answer.", "", "Unknown: a voice from the back."],
        1, "Derrick Mwiti", "Aritra Roy Gosthipaty", {"Unknown": "Unknown"},
    )
    assert [t.speaker for t in parsed.turns] == [
        "Derrick Mwiti", "Aritra Roy Gosthipaty", "Unknown",
    ]


# -- region selection ---------------------------------------------------------


TEXT = "chrome\n=== START ===\nin one\nin two\n=== END ===\nafter"


def test_region_between_markers_and_its_first_line_number() -> None:
    assert select_region(TEXT, "=== START", "=== END") == (["in one", "in two"], 3)


def test_region_with_only_one_marker() -> None:
    assert select_region(TEXT, "START") == (["in one", "in two", "=== END ===", "after"], 3)
    assert select_region(TEXT, None, "END") == (["chrome", "=== START ===", "in one", "in two"], 1)
    assert select_region(TEXT) == (TEXT.split("\n"), 1)


def test_end_before_is_searched_after_the_start() -> None:
    text = "same\nbody\nsame\nfooter"
    assert select_region(text, "same", "same") == (["body"], 2)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("NOPE", None, "start-after text 'NOPE' not found"),
        (None, "NOPE", "end-before text 'NOPE' not found"),
        # the end marker exists, but only before the start
        ("=== END", "=== START", "end-before text '=== START' not found"),
    ],
)
def test_region_errors(start: str | None, end: str | None, message: str) -> None:
    with pytest.raises(RegionError) as info:
        select_region(TEXT, start, end)
    assert str(info.value) == message


def test_a_region_then_parsed_keeps_file_line_numbers() -> None:
    lines, first = select_region("x\nSTART\nEli Stevens: hi\nBob Smith: no", "START")
    parsed = parse_labeled(lines, first, LABELS)
    assert parsed.turns[0].lineno == 3
    assert [p.lineno for p in parsed.problems] == [4]


def test_paragraph_text_joins_its_lines() -> None:
    assert Paragraph(1, ("a", "b")).text == "a\nb"


def test_markup_lines_turn_bullet_glyphs_into_list_markers() -> None:
    para = Paragraph(10, ("Three parts:", "  • one", "• two", "text after"))
    assert markup_lines(para) == [
        (10, "Three parts:"), (11, ""), (11, "- one"), (12, "- two"),
        (13, ""), (13, "text after"),
    ]


def test_markup_lines_leave_other_lines_alone() -> None:
    para = Paragraph(1, ("- already a list", "  wrapped", "a • in the middle"))
    assert markup_lines(para) == [(1, "- already a list"), (2, "  wrapped"), (3, ""),
                                  (3, "a • in the middle")]


def test_markup_lines_drop_the_indentation_of_the_source() -> None:
    """Indented text would be a code block (MyST) or a block quote (reST)."""
    para = Paragraph(1, ("\tTabbed first line", "    and an indented one", "  • item",
                         "\t  wrapped item", "back to text"))
    assert markup_lines(para) == [
        (1, "Tabbed first line"), (2, "and an indented one"),
        (3, ""), (3, "- item"), (4, "  wrapped item"),
        (5, ""), (5, "back to text"),
    ]


def test_not_speakers_are_label_like_text_without_a_problem() -> None:
    text = "Tom: Hello.\nNote: recorded in 2019.\nUpdate: later."
    parsed = parse_labeled(text.split("\n"), 1, LABELS, not_speakers={"Note"})
    assert [t.speaker for t in parsed.turns] == ["Thomas Viehmann"]
    assert parsed.turns[0].paragraphs[0].lines == ("Hello.", "Note: recorded in 2019.", "Update: later.")
    assert [(p.lineno, p.subject) for p in parsed.problems] == [(3, "Update")]


#: what a renderer may import of the package: the nodes, the avatars it draws,
#: the Sphinx-free citation formats, and the site's published address (a
#: function of the configuration); never the State or what a reader collected
_RENDERER_MAY = ("dialogue:elements", "people.avatars:", "cite:", ":cite", "feed.episodes:published_base")


@pytest.mark.parametrize("renderer", ["render/html.py", "render/latex.py", "render/text.py",
                                      "render/cite.py"])
def test_renderers_import_only_the_nodes_and_the_avatars(renderer: str) -> None:
    """A renderer never reaches back into what was collected while reading."""
    import ast

    tree = ast.parse((EXT / renderer).read_text(encoding="utf-8"))
    ours = {
        f"{node.module or ''}:{alias.name}"
        for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level
        for alias in node.names
    }
    assert ours, renderer
    assert not [name for name in ours if not name.startswith(_RENDERER_MAY)], ours
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) and
                any(a.name.startswith("sphinx_transcripts") for a in n.names)]
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and
                (n.module or "").startswith("sphinx_transcripts")]


def test_whether_a_link_is_http_is_asked_of_urls_alone() -> None:
    """One rule for "is this an http(s) URL" (sphinx_transcripts/urls.py): no other
    module reads a URL's scheme or tests its prefix itself."""
    import ast

    for path in EXT.rglob("*.py"):
        if path.name == "urls.py" and path.parent == EXT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "scheme"], path
        prefixes = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                    and n.value.lower() in ("http://", "https://", "http", "https", "mailto:")]
        assert not prefixes, (path, prefixes)

"""The ``podcast-html`` format: Podcasting 2.0 HTML transcripts, read as data."""

from __future__ import annotations

from fixtures import (
    check_episode,
    context_of,
    episode_cast,
    parse,
    problems,
    read,
)
from sphinx_transcripts.readers import podcast_html


def test_the_fixture_gives_the_episode() -> None:
    check_episode("podcast.html", "podcast-html")


def test_two_paragraphs_after_one_cite_are_one_turn_of_two_paragraphs() -> None:
    parsed = read("podcast.html")
    assert parsed.turns[2].lineno == 7
    assert [p.lineno for p in parsed.turns[2].paragraphs] == [7, 10]
    assert parsed.turns[2].paragraphs[1].lines == ("It looked like fog with a chair inside.",)


def turns(html: str) -> list[tuple[str, float | None, list[str]]]:
    return [(t.label, t.start, [p.text for p in t.paragraphs]) for t in parse("podcast-html", html).turns]


def test_entities_are_decoded_and_markup_in_text_stays_text() -> None:
    html = ("<cite>Maya Okafor:</cite><time>0:00</time>"
            "<p>Q&amp;A &lt;b&gt;not bold&lt;/b&gt; &#8217; &eacute;t&eacute;</p>")
    assert turns(html) == [("Maya Okafor", 0.0, ["Q&A <b>not bold</b> ’ été"])]


def test_italic_and_bold_become_the_transcripts_emphasis_and_br_a_new_line() -> None:
    html = "<cite>Maya Okafor:</cite><p>An <i>open</i> <em>course</em>, <b>really</b><br>new <strong>line</strong></p>"
    assert turns(html) == [("Maya Okafor", None, ["An *open* *course*, **really**\nnew **line**"])]


def test_no_tag_or_attribute_reaches_the_text() -> None:
    html = ('<cite class="x" onclick="alert(1)">Maya <a href="javascript:alert(2)">Okafor</a>:</cite>\n'
            '<time datetime="PT5S">0:05</time>\n'
            '<p style="color:red" title="T">Hello <span data-x="y">there</span>'
            '<img src="x.png" alt="picture">.</p>')
    assert turns(html) == [("Maya Okafor", 5.0, ["Hello there."])]


def test_script_and_style_contents_are_not_text() -> None:
    html = ("<style>p { color: red }</style>\n<cite>Maya Okafor:</cite>\n"
            "<p>Hi<script>alert('no')</script> there.</p>")
    parsed = parse("podcast-html", html)
    assert [p.text for t in parsed.turns for p in t.paragraphs] == ["Hi there."]
    assert [(p.lineno, p.kind, p.message, p.level) for p in parsed.problems] == [
        (1, "html", "the content of <style> is not text: it is left out", "info"),
        (3, "html", "the content of <script> is not text: it is left out", "info"),
    ]


def test_text_the_reader_cannot_place_is_kept_and_reported() -> None:
    html = ("<html><head><title>Episode 1</title></head><body>\n<h1>Gradient Notes</h1>\n"
            "<cite>Maya Okafor:</cite><time>0:00</time><p>Hello.</p>\n"
            "<div>A note about the sponsor.</div>\n"
            "<cite>Daniel Reyes:</cite><time>0:04</time><p>Hi.</p></body></html>")
    parsed = parse("podcast-html", html, first=10)
    assert [p.text for p in parsed.preamble] == ["Gradient Notes"]
    assert [(t.label, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", ["Hello.", "A note about the sponsor."]), ("Daniel Reyes", ["Hi."]),
    ]
    assert problems(parsed) == [
        (11, "html", "text outside <cite>, <time> and <p> is kept as the introduction: 'Gradient Notes'"),
        (13, "html", "text outside <cite>, <time> and <p> is kept as the previous speaker's text: "
                     "'A note about the sponsor.'"),
    ]


def test_text_wrapped_over_lines_is_one_line_and_turns_start_at_their_cite() -> None:
    html = "<cite>\n  Maya Okafor:\n</cite>\n<time>1:02:03.5</time>\n<p>\n  Welcome\n  back.\n</p>\n"
    parsed = parse("podcast-html", html, first=3)
    assert [(t.label, t.lineno, t.start, [p.lines for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", 3, 3723.5, [("Welcome back.",)]),
    ]


def test_bad_time_and_cite_without_paragraph_are_problems_at_their_line() -> None:
    html = "<cite>Maya Okafor:</cite>\n<time>0:75</time>\n<p>Hello.</p>\n<cite>Daniel Reyes:</cite>\n"
    parsed = parse("podcast-html", html)
    assert problems(parsed) == [
        (2, "timing", "'0:75' is not a time; the paragraph after it has no time"),
        (4, "empty-cue", "this cue has no text"),
    ]
    assert [(t.label, t.start) for t in parsed.turns] == [("Maya Okafor", None)]


def test_paragraphs_without_cite_name_nobody_with_a_note() -> None:
    parsed = parse("podcast-html", "<p>Just text.</p>", resolve=True)
    assert [(t.label, t.speaker) for t in parsed.turns] == [("", "Unknown")]
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]


def test_an_empty_paragraph_after_each_cue_is_no_cue() -> None:
    # Data Driven's export: an empty <p></p> after every paragraph
    html = ("<cite>Maya Okafor:</cite>\n<time>00:00:00</time>\n<p>Welcome back to</p>\n<p></p>\n"
            "<cite>Maya Okafor:</cite>\n<time>00:00:04</time>\n<p>Gradient Notes.</p>\n<p> </p>\n")
    parsed = parse("podcast-html", html)
    assert turns(html) == [("Maya Okafor", 0.0, ["Welcome back to\nGradient Notes."])]
    assert problems(parsed) == []


def test_a_cite_that_names_nobody_is_no_speaker() -> None:
    html = "<cite>Speaker:</cite><time>0:00</time><p>Now for something else.</p>"
    parsed = parse("podcast-html", html, resolve=True)
    assert [(t.label, t.speaker) for t in parsed.turns] == [("", "Unknown")]
    assert [(p.kind, p.level) for p in parsed.problems] == [("no-speakers", "info")]


def test_paragraphs_that_are_times_time_the_paragraph_after_them() -> None:
    # an Otter export as HTML: a time, its text, an empty paragraph; no speakers
    html = ("<p>1:59  </p>\n<p>Okay, can you hear me</p>\n<p></p>\n<p>2:12  </p>\n<p>now?</p>\n<p></p>\n"
            "<p>1:02:03  </p>\n<p>Bye.</p>\n<p></p>\n")
    parsed = parse("podcast-html", html)
    assert [(p.start, p.end, p.text) for t in parsed.turns for p in t.paragraphs] == [
        (119.0, 3723.0, "Okay, can you hear me\nnow?\nBye.")]
    assert problems(parsed) == []
    assert podcast_html.detect(html, context_of(episode_cast())) >= 0.5


def test_changelog_s_escaped_time_marks_time_their_paragraph_and_leave_the_text() -> None:
    # Changelog's HTML is made of its Markdown: the escapes stay in
    html = ("<cite>Maya Okafor:</cite>\n<p>Welcome. \\[laughter\\]</p>\n"
            "<cite>Daniel Reyes:</cite>\n<p>\\[00:06:13.02\\] Thanks. It was \\[unintelligible 00:06:20.10\\] fun.</p>\n"
            "<p>\\[00:07:00.50\\] And then some.\n\n\\[00:07:10.00\\]</p>\n<cite>Maya Okafor:</cite>\n<p>Yes.</p>\n")
    parsed = parse("podcast-html", html)
    assert [(t.label, t.start, [(p.start, p.text) for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", None, [(None, "Welcome. [laughter]")]),
        ("Daniel Reyes", 373.02, [(373.02, "Thanks. It was [unintelligible 00:06:20.10] fun."),
                                  (420.5, "And then some.")]),
        ("Maya Okafor", 430.0, [(430.0, "Yes.")]),
    ]
    assert problems(parsed) == []


def test_detection_wants_cite_and_p() -> None:
    context = context_of(episode_cast())
    assert podcast_html.detect("<html><body><p>Text</p></body></html>", context) == 0
    assert podcast_html.detect("<CITE>Maya:</CITE><P>Hi</P>", context) >= 0.5


def test_a_blank_line_inside_a_paragraph_starts_a_paragraph_and_its_mark_times_it() -> None:
    # Changelog's HTML: a <p> holding two paragraphs of its Markdown, the second marked
    html = ("<cite>Maya Okafor:</cite>\n<p>The episodes I like making,\nand the others...\n\n"
            "\\[00:18:17.21\\] But traditionally, two kinds.</p>\n")
    parsed = parse("podcast-html", html, first=5)
    assert [(p.lineno, p.start, p.text) for t in parsed.turns for p in t.paragraphs] == [
        (5, None, "The episodes I like making, and the others..."),
        (9, 1097.21, "But traditionally, two kinds.")]
    assert problems(parsed) == []


def test_a_break_between_turns_is_an_aside_and_the_speaker_goes_on_after_it() -> None:
    html = ("<cite>Maya Okafor:</cite>\n<p>Go with the flow.\n\n**Break**: \\[00:23:37.18\\]</p>\n"
            "<p>Okay, where were we?</p>\n<cite>Daniel Reyes:</cite>\n<p>NeRFs.</p>\n")
    parsed = parse("podcast-html", html, resolve=True)
    assert [(t.speaker, t.start, [p.text for p in t.paragraphs]) for t in parsed.turns] == [
        ("Maya Okafor", None, ["Go with the flow."]), ("Unknown", 1417.18, ["*Break*"]),
        ("Maya Okafor", None, ["Okay, where were we?"]), ("Daniel Reyes", None, ["NeRFs."])]
    assert problems(parsed) == []


def test_comments_are_not_text_and_keep_the_lines_after_them() -> None:
    html = ("<cite>Maya Okafor:</cite>\n<!-- a note\nover two lines -->\n"
            "<time>0:05</time>\n<p>Hello <!-- aside --> there.</p>\n<p>x <b>y</p>")
    parsed = parse("podcast-html", html)
    assert [p.text for t in parsed.turns for p in t.paragraphs] == ["Hello there.", "x **y"]
    # the same lines as without the comments: the cite's, then the second paragraph's
    assert [p.lineno for t in parsed.turns for p in t.paragraphs] == [1, 6]
    assert parsed.turns[0].start == 5.0


def test_a_comment_never_closed_keeps_what_follows_as_text_and_says_where_it_opens() -> None:
    html = "<cite>Maya Okafor:</cite>\n<p>Before.</p>\n<p>Hello <!-- and then\nmore words</p>"
    parsed = parse("podcast-html", html)
    words = " ".join(p.text for t in parsed.turns for p in t.paragraphs)
    assert words.startswith("Before. Hello <!-- and then")
    assert "more words" in words
    assert [(p.lineno, p.message) for p in parsed.problems if p.kind == "html"] == [
        (3, "this comment is never closed with '-->': what follows it is kept as text")]


def test_marked_sections_are_comments_and_never_stop_the_reader() -> None:
    # the standard library failed (AssertionError) on a "<![" it could not name
    html = "<cite>Maya Okafor:</cite>\n<p>One <![<![ x]]> two <![CDATA[ y ]]> three.</p>"
    assert turns(html) == [("Maya Okafor", None, ["One two three."])]


def test_a_tag_that_never_closes_is_text() -> None:
    html = "<cite>Maya Okafor:</cite>\n<p>Last words</p>\n<p>and a </ broken <?tag"
    words = [p.text for t in parse("podcast-html", html).turns for p in t.paragraphs]
    assert words == ["Last words", "and a </ broken <?tag"]

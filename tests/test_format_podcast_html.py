"""The ``podcast-html`` format: Podcasting 2.0 HTML transcripts, read as data."""

from __future__ import annotations

from episode_check import (
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


def test_two_paragraphs_after_one_cite_are_one_turn() -> None:
    parsed = read("podcast.html")
    assert parsed.turns[2].lineno == 7
    assert [p.lineno for p in parsed.turns[2].paragraphs] == [7]
    assert parsed.turns[2].paragraphs[0].lines[-1] == "It looked like fog with a chair inside."


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
        ("Maya Okafor", ["Hello.\nA note about the sponsor."]), ("Daniel Reyes", ["Hi."]),
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


def test_paragraphs_without_cite_name_nobody() -> None:
    parsed = parse("podcast-html", "<p>Just text.</p>", resolve=True)
    assert [(t.label, t.speaker) for t in parsed.turns] == [("", "Unknown")]
    assert [p.kind for p in parsed.problems] == ["format", "no-speakers"]


def test_detection_wants_cite_and_p() -> None:
    context = context_of(episode_cast())
    assert podcast_html.detect("<html><body><p>Text</p></body></html>", context) == 0
    assert podcast_html.detect("<CITE>Maya:</CITE><P>Hi</P>", context) >= 0.5

"""The feed writers: a transcript published back as WebVTT, SRT, Podcasting 2.0
JSON and JSON chapters.

Every timed export of the test episode that names its speakers is read the
way the directive reads it, written in each format, and read back with
webvtt-py, srt and json: the same speakers, starts and words as the page.
The rest are the writers' rules one by one (styles, escaping, wrapping,
times) and the JSON formats' shape.
"""

from __future__ import annotations

import html
import io
import json
import re
from datetime import timedelta

import pytest
import srt
import webvtt
from fixtures import (
    DIARIZED_MAP,
    EPISODE_SPEAKERS,
    EPISODE_WORDS,
    NO_SPEAKERS,
    NO_TIMES,
    PAGES,
    read,
    transcript_words,
    words,
)
from sphinx_transcripts import source
from sphinx_transcripts.model import UNATTRIBUTED, Chapter, Paragraph, Transcript, Turn
from sphinx_transcripts.people import cast as casting
from sphinx_transcripts.people.registry import Registry
from sphinx_transcripts.readers import FORMATS, ParseContext
from sphinx_transcripts.writers import chapters_json, feed_files, podcast_json
from sphinx_transcripts.writers import srt as srt_writer
from sphinx_transcripts.writers import webvtt as vtt_writer
from sphinx_transcripts.writers._cues import TAIL, WIDTH

#: the exports that carry both speakers and times, and the map a publisher gives each
TIMED = {name: (DIARIZED_MAP if name in ("whisperx.srt", "whisperx.json") else
                {"Unknown Speaker": "Priya Raman"} if name == "otter.txt" else None)
         for name in PAGES if name not in NO_SPEAKERS | NO_TIMES}
#: a leading "Name: " in an SRT cue, as podcast apps read it
SRT_SPEAKER = re.compile(r"^([^:\n]{1,40}):\s")


def expected(transcript: Transcript) -> list[tuple[str, int | None, list[str]]]:
    """(speaker, start in ms, words) of each paragraph, as the page shows it; the
    start is None for a paragraph the source gives no time (a second <p> after
    one <cite>, a Markdown paragraph without a time mark)."""
    out: list[tuple[str, int | None, list[str]]] = []
    for turn in transcript.turns:
        for n, para in enumerate(turn.paragraphs):
            start = para.start if para.start is not None else turn.start if n == 0 else None
            out.append((turn.speaker, None if start is None else round(start * 1000), words(para.text)))
    return out


def from_vtt(text: str) -> list[tuple[str, int, list[str]]]:
    captions = webvtt.from_buffer(io.StringIO(text))
    return [(html.unescape(c.voice or ""), c.start_time.in_milliseconds(), words(html.unescape(c.text)))
            for c in captions]


def from_srt(text: str) -> list[tuple[str, int, list[str]]]:
    out = []
    speaker = ""
    for subtitle in srt.parse(text):
        content = subtitle.content
        named = SRT_SPEAKER.match(content)
        if named:
            speaker, content = named.group(1), content[named.end():]
        out.append((speaker, subtitle.start // timedelta(milliseconds=1), words(content)))
    return out


def from_json(text: str) -> list[tuple[str, int, list[str]]]:
    return [(s.get("speaker", ""), round(s["startTime"] * 1000), words(s["body"]))
            for s in json.loads(text)["segments"]]


READERS = {"vtt": from_vtt, "srt": from_srt, "json": from_json}


@pytest.mark.parametrize("suffix", READERS)
@pytest.mark.parametrize("name", TIMED)
def test_an_export_read_back_gives_the_speakers_times_and_words_of_the_page(name: str, suffix: str) -> None:
    transcript = read(name, TIMED[name])
    files = {f.suffix: f.text for f in feed_files(transcript)}
    back = READERS[suffix](files[suffix])
    want = expected(transcript)
    untimed = {n for n, (_, start, _) in enumerate(want) if start is None}
    assert len(untimed) == (name in ("podcast.html", "changelog.md"))
    assert [(sp, None if n in untimed else st, ws) for n, (sp, st, ws) in enumerate(back)] == want
    # and that is the episode: its people under their registered names, every word once
    turns = [speaker for n, (speaker, _, _) in enumerate(back) if n == 0 or back[n - 1][0] != speaker]
    assert turns[:10] == EPISODE_SPEAKERS
    assert [w for _, _, ws in back for w in ws][:len(EPISODE_WORDS)] == EPISODE_WORDS
    assert [w for _, _, ws in back for w in ws] == transcript_words(transcript)


@pytest.mark.parametrize("name", TIMED)
def test_cue_ends_are_the_sources_and_no_cue_is_empty_or_backwards(name: str) -> None:
    transcript = read(name, TIMED[name])
    paragraphs = [p for t in transcript.turns for p in t.paragraphs]
    captions = webvtt.from_buffer(io.StringIO(vtt_writer.write(transcript)))
    assert len(captions) == len(paragraphs)
    for para, caption in zip(paragraphs, captions, strict=True):
        if para.end is not None and para.end > (para.start or 0):
            assert caption.end_time.in_milliseconds() == round(para.end * 1000)
        assert caption.end_time.in_milliseconds() > caption.start_time.in_milliseconds()
    starts = [c.start_time.in_milliseconds() for c in captions]
    assert starts == sorted(starts)


def test_a_diarized_source_is_published_under_the_registered_names() -> None:
    transcript = read("whisperx.srt", DIARIZED_MAP)
    for export in feed_files(transcript):
        assert "SPEAKER_0" not in export.text, export.suffix
        assert "Daniel Reyes" in export.text, export.suffix


def test_an_untimed_transcript_publishes_nothing() -> None:
    assert feed_files(read("diarized.txt", DIARIZED_MAP)) == []


# -- the writers' rules, one by one ---------------------------------------------------


def timed(*turns: tuple[str, list[tuple[float | None, float | None, str]]],
          chapters: tuple[Chapter, ...] = ()) -> Transcript:
    """Turns of ``(speaker, [(start, end, text), ...])``."""
    out = []
    for n, (speaker, paras) in enumerate(turns):
        paragraphs = tuple(Paragraph(n + 1, tuple(text.split("\n")), start, end)
                           for start, end, text in paras)
        out.append(Turn(speaker, n + 1, paragraphs, speaker, paras[0][0], paras[-1][1]))
    return Transcript((), tuple(out), chapters=chapters)


def test_emphasis_is_italic_and_bold_in_webvtt_and_plain_elsewhere() -> None:
    transcript = timed(("Maya Okafor", [(0.0, 2.0, "It is *really* **very** `fast`, see [the docs](https://example.org).")]))
    vtt = vtt_writer.write(transcript)
    assert "<v Maya Okafor>It is <i>really</i> <b>very</b> fast, see the docs." in vtt
    srt_text = srt_writer.write(transcript)
    assert "Maya Okafor: It is really very fast, see the docs." in srt_text
    body = json.loads(podcast_json.write(transcript))["segments"][0]["body"]
    assert body == "It is really very fast, see the docs."


def test_angle_brackets_and_ampersands_are_character_references_in_webvtt() -> None:
    transcript = timed(("R&D <Team>", [(0.0, 2.0, "a < b && c > d --> e")]))
    vtt = vtt_writer.write(transcript)
    cue = vtt.split("\n\n")[1]
    assert cue.splitlines()[1] == "<v R&amp;D &lt;Team&gt;>a &lt; b &amp;&amp; c &gt; d --&gt; e"
    assert cue.count("-->") == 1  # only the timing line's
    caption = webvtt.from_buffer(io.StringIO(vtt))[0]
    assert html.unescape(caption.voice) == "R&D <Team>"
    assert html.unescape(caption.text) == "a < b && c > d --> e"
    # SubRip has no escapes: the characters are as they are, with an invisible word
    # joiner where they would be a tag or an arrow
    assert "R&D <\u2060Team>: a < b && c > d --\u2060> e" in srt_writer.write(transcript)


def test_lines_are_wrapped_for_captions() -> None:
    text = " ".join(["word"] * 60) + " *emphasised words here* " + " ".join(["more"] * 30)
    transcript = timed(("Maya Okafor", [(0.0, 30.0, text)]))
    for written in (vtt_writer.write(transcript), srt_writer.write(transcript)):
        cue = written.split("\n\n")[0 if written.startswith("1\n") else 1]
        payload = cue.splitlines()[2 if written.startswith("1\n") else 1:]
        visible = [re.sub(r"<[^>]+>", "", line).replace("Maya Okafor: ", "", 1) for line in payload]
        assert len(payload) > 3
        assert all(len(line) <= WIDTH for line in visible), visible
        assert words(" ".join(visible)) == words(text)
    vtt_lines = vtt_writer.write(transcript).splitlines()
    # a style split by a line break is closed at the end of the line and opened again
    assert all(line.count("<i>") == line.count("</i>") for line in vtt_lines[2:])


def test_bullets_and_line_breaks_of_the_text_are_kept_as_lines() -> None:
    transcript = timed(("Maya Okafor", [(0.0, 5.0, "Three things:\n- the sampler\n- the camera\nThat is all.")]))
    segment = json.loads(podcast_json.write(transcript))["segments"][0]
    assert segment["body"] == "Three things:\n- the sampler\n- the camera\nThat is all."
    assert "- the sampler\n- the camera" in vtt_writer.write(transcript)


def test_a_paragraph_without_an_end_ends_where_the_next_starts_or_a_little_after() -> None:
    transcript = timed(("Maya Okafor", [(0.0, None, "One."), (2.5, None, "Two.")]),
                       ("Daniel Reyes", [(61.25, None, "Three.")]))
    captions = webvtt.from_buffer(io.StringIO(vtt_writer.write(transcript)))
    assert [(c.start, c.end) for c in captions] == [
        ("00:00:00.000", "00:00:02.500"),
        ("00:00:02.500", "00:01:01.250"),
        ("00:01:01.250", f"00:01:0{1 + int(TAIL)}.250"),
    ]
    subtitles = list(srt.parse(srt_writer.write(transcript)))
    assert [s.end for s in subtitles] == [timedelta(seconds=2.5), timedelta(seconds=61.25),
                                          timedelta(seconds=61.25 + TAIL)]
    assert "00:00:02,500 --> 00:01:01,250" in srt_writer.write(transcript)


def test_srt_names_the_speaker_only_when_it_changes() -> None:
    transcript = timed(("Maya Okafor", [(0.0, 1.0, "One."), (1.0, 2.0, "Two.")]),
                       ("Daniel Reyes", [(2.0, 3.0, "Three.")]),
                       ("Maya Okafor", [(3.0, 4.0, "Four.")]))
    contents = [s.content for s in srt.parse(srt_writer.write(transcript))]
    assert contents == ["Maya Okafor: One.", "Two.", "Daniel Reyes: Three.", "Maya Okafor: Four."]
    voices = [c.voice for c in webvtt.from_buffer(io.StringIO(vtt_writer.write(transcript)))]
    assert voices == ["Maya Okafor", "Maya Okafor", "Daniel Reyes", "Maya Okafor"]


def test_a_source_that_names_nobody_is_published_without_speakers() -> None:
    transcript = timed((UNATTRIBUTED, [(0.0, 3.0, "welcome back"), (3.0, 6.0, "to the show")]))
    assert "<v" not in vtt_writer.write(transcript)
    assert [s.content for s in srt.parse(srt_writer.write(transcript))] == ["welcome back", "to the show"]
    assert all("speaker" not in s for s in json.loads(podcast_json.write(transcript))["segments"])
    # once somebody is named, an unattributed turn is "Unknown", as on the page
    mixed = timed(("Maya Okafor", [(0.0, 3.0, "Hello.")]), (UNATTRIBUTED, [(3.0, 6.0, "Transcribed by a robot")]))
    assert [c.voice for c in webvtt.from_buffer(io.StringIO(vtt_writer.write(mixed)))] == ["Maya Okafor", UNATTRIBUTED]


def test_times_past_an_hour_and_to_the_millisecond() -> None:
    transcript = timed(("Maya Okafor", [(3725.0417, 3727.5, "Late.")]))
    assert "01:02:05.042 --> 01:02:07.500" in vtt_writer.write(transcript)
    assert "01:02:05,042 --> 01:02:07,500" in srt_writer.write(transcript)
    assert json.loads(podcast_json.write(transcript))["segments"][0]["startTime"] == 3725.042


# -- the JSON formats ----------------------------------------------------------------


@pytest.mark.parametrize("name", TIMED)
def test_the_json_transcript_follows_podcasting_2_0(name: str) -> None:
    data = json.loads(podcast_json.write(read(name, TIMED[name])))
    assert set(data) == {"version", "segments"} and data["version"] == "1.0.0"
    assert data["segments"]
    for segment in data["segments"]:
        assert set(segment) == {"speaker", "startTime", "endTime", "body"}
        assert isinstance(segment["speaker"], str) and segment["speaker"]
        assert isinstance(segment["startTime"], float) and isinstance(segment["endTime"], float)
        assert segment["endTime"] > segment["startTime"]
        assert isinstance(segment["body"], str) and segment["body"].strip()
    starts = [s["startTime"] for s in data["segments"]]
    assert starts == sorted(starts)


def test_chapters_follow_the_json_chapters_format() -> None:
    chapters = (
        Chapter(95.0, "Teaching with fastai", url="https://example.org/fastai", toc=True),
        Chapter(0.0, "Welcome", img="https://example.org/welcome.png", end=15.2),
        Chapter(38.7, "Sponsor", toc=False),
        Chapter(59.0, "Classrooms", img="images/classroom.png", url="javascript:alert(1)"),
    )
    transcript = timed(("Maya Okafor", [(0.0, 1.0, "Hi.")]), chapters=chapters)
    data = json.loads(chapters_json.write(transcript))
    assert data == {"version": "1.2.0", "chapters": [
        {"startTime": 0.0, "title": "Welcome", "img": "https://example.org/welcome.png", "endTime": 15.2},
        {"startTime": 38.7, "title": "Sponsor", "toc": False},
        # a feed reader has no page to resolve a relative image against; no live script either
        {"startTime": 59.0, "title": "Classrooms"},
        {"startTime": 95.0, "title": "Teaching with fastai", "url": "https://example.org/fastai"},
    ]}
    exports = feed_files(transcript)
    assert [(e.group, e.label, e.suffix, e.mime) for e in exports] == [
        ("Transcript", "VTT", "vtt", "text/vtt"),
        ("Transcript", "SRT", "srt", "application/x-subrip"),
        ("Transcript", "JSON", "json", "application/json"),
        ("Chapters", "JSON", "chapters.json", "application/json+chapters"),
    ]


def test_an_untimed_transcript_with_chapters_publishes_only_the_chapters() -> None:
    transcript = Transcript((), (Turn("Maya Okafor", 1, (Paragraph(1, ("Hi.",)),), "Maya Okafor"),),
                            chapters=(Chapter(0.0, "Welcome"),))
    assert [e.suffix for e in feed_files(transcript)] == ["chapters.json"]


# -- exports read back with the project's own readers, whatever the text --------------------------

WRITERS = {"webvtt": vtt_writer.write, "srt": srt_writer.write, "podcast-json": podcast_json.write}


def our_reading(text: str, fmt: str, *people: str) -> list[tuple[str, float | None, str]]:
    """(speaker, start, text) of each paragraph the directive's reading of ``text`` gives."""
    cleaned, problems = source.clean(text)
    assert not problems
    cast = casting.make_cast(Registry(), list(people), [])
    parsed = FORMATS[fmt].parse(source.split_lines(cleaned), 1, ParseContext(cast.labels, hosts=cast.hosts))
    resolved = casting.resolve(source.clean_transcript(parsed), cast)
    return [(t.speaker, p.start, p.text) for t in resolved.turns for p in t.paragraphs]


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_paragraph_opening_like_a_label_stays_its_speakers(fmt: str) -> None:
    transcript = timed(("Maya Okafor", [(0.0, 2.0, "We ship containers."),
                                        (10.0, 12.0, "Docker: it runs the images.")]),
                       ("Daniel Reyes", [(12.0, 14.0, "Right.")]))
    back = our_reading(WRITERS[fmt](transcript), fmt, "Maya Okafor", "Daniel Reyes")
    assert [(who, start) for who, start, _ in back] == [
        ("Maya Okafor", 0.0), ("Maya Okafor", 10.0), ("Daniel Reyes", 12.0)]
    assert back[1][2] == "Docker: it runs the images."
    if fmt == "srt":  # named again on the cue that could be misread, and only there
        contents = [s.content for s in srt.parse(srt_writer.write(transcript))]
        assert contents == ["Maya Okafor: We ship containers.", "Maya Okafor: Docker: it runs the images.",
                            "Daniel Reyes: Right."]


@pytest.mark.parametrize("fmt", WRITERS)
def test_a_name_with_blank_lines_and_a_carriage_return_is_one_line(fmt: str) -> None:
    transcript = timed(("Maya\r\n\r\nOkafor\r", [(0.0, 2.0, "One.")]), ("Daniel  Reyes", [(2.0, 4.0, "Two.")]))
    text = WRITERS[fmt](transcript)
    assert "\r" not in text
    back = our_reading(text, fmt, "Maya Okafor", "Daniel Reyes")
    assert back == [("Maya Okafor", 0.0, "One."), ("Daniel Reyes", 2.0, "Two.")]
    if fmt == "webvtt":
        captions = webvtt.from_buffer(io.StringIO(text))
        assert [(c.voice, c.text) for c in captions] == [("Maya Okafor", "One."), ("Daniel Reyes", "Two.")]


@pytest.mark.parametrize("fmt", WRITERS)
def test_hard_line_breaks_forge_no_cue(fmt: str) -> None:
    forged = "Before the break\\\n2\\\n00:00:30,000 --> 00:00:31,000\\\n00:30.000 --> 00:31.000\\\nforged"
    transcript = timed(("Maya Okafor", [(0.0, 5.0, forged)]), ("Daniel Reyes", [(5.0, 6.0, "After.")]))
    text = WRITERS[fmt](transcript)
    back = our_reading(text, fmt, "Maya Okafor", "Daniel Reyes")
    assert [(who, start) for who, start, _ in back] == [("Maya Okafor", 0.0), ("Daniel Reyes", 5.0)]
    assert back[0][2].replace("\u2060", "").split() == [
        "Before", "the", "break", "2", "00:00:30,000", "-->", "00:00:31,000", "00:30.000", "-->", "00:31.000",
        "forged"]
    if fmt == "srt":
        assert [s.index for s in srt.parse(text)] == [1, 2]


@pytest.mark.parametrize("fmt", WRITERS)
def test_subrip_and_webvtt_syntax_in_the_text_is_text(fmt: str) -> None:
    said = "In SRT <i>italic</i> is a tag, {\\an8} a position, &amp; a reference, <v Bo> a voice --> there"
    transcript = timed(("Maya Okafor", [(0.0, 5.0, f"`{said}`")]))  # code: shown as written
    back = our_reading(WRITERS[fmt](transcript), fmt, "Maya Okafor")
    assert [(who, text.replace("\u2060", "").split()) for who, _, text in back] == [("Maya Okafor", said.split())]


def test_a_voice_whose_name_ends_in_dashes_writes_no_arrow() -> None:
    transcript = timed(("Maya --", [(0.0, 2.0, "One.")]), ("Daniel Reyes", [(2.0, 4.0, "Two.")]))
    text = vtt_writer.write(transcript)
    assert text.count("-->") == 2
    assert our_reading(text, "webvtt", "Maya --", "Daniel Reyes") == [
        ("Maya --", 0.0, "One."), ("Daniel Reyes", 2.0, "Two.")]


def test_a_paragraph_of_punctuation_is_not_glued_to_the_one_before_in_json() -> None:
    transcript = timed(("Maya Okafor", [(0.0, 1.0, "Well"), (1.0, 2.0, "…"), (2.0, 3.0, "right")]))
    text = podcast_json.write(transcript)
    assert [s["body"] for s in json.loads(text)["segments"]] == ["Well\n", "…", "right"]
    (back,) = our_reading(text, "podcast-json", "Maya Okafor")
    assert back[2].split() == ["Well", "…", "right"]


@pytest.mark.parametrize("fmt", ["webvtt", "srt"])
def test_a_source_that_names_nobody_reads_back_naming_nobody(fmt: str) -> None:
    transcript = timed((UNATTRIBUTED, [(0.0, 3.0, "Docker: the first line"), (3.0, 6.0, "the second")]))
    text = WRITERS[fmt](transcript)
    back = our_reading(text, fmt)
    assert [(who, start) for who, start, _ in back] == [(UNATTRIBUTED, 0.0)]
    assert back[0][2].split() == ["Docker:", "the", "first", "line", "the", "second"]


def test_roll_up_like_lines_are_not_dropped_from_webvtt() -> None:
    """Cues each opening with the line the one before ended with read as YouTube's rolling captions."""
    paragraphs = [(float(n), float(n + 1), f"line {n}\\\nline {n + 1}") for n in range(5)]
    transcript = timed((UNATTRIBUTED, paragraphs))
    back = our_reading(vtt_writer.write(transcript), "webvtt")
    words = [w for _, _, text in back for w in text.split()]
    assert words == [w for _, _, text in paragraphs for w in text.replace("\\", "").split()]


def test_a_chapter_link_no_url_parser_reads_is_left_out() -> None:
    transcript = Transcript((), (), chapters=(Chapter(0.0, "One", url="http://[x", img="https://example.org/i.png"),))
    (chapter,) = json.loads(chapters_json.write(transcript))["chapters"]
    assert chapter == {"startTime": 0.0, "title": "One", "img": "https://example.org/i.png"}


@pytest.mark.parametrize("fmt", ["webvtt", "srt"])
def test_a_list_in_a_source_that_names_nobody_is_no_change_of_speaker(fmt: str) -> None:
    """Captions that name nobody change speaker at a line opening with a dash."""
    transcript = timed((UNATTRIBUTED, [(0.0, 3.0, "Two things\n\n- one\n- two"), (3.0, 6.0, "Done.")]))
    back = our_reading(WRITERS[fmt](transcript), fmt)
    assert [(who, start) for who, start, _ in back] == [(UNATTRIBUTED, 0.0)]
    assert [w for _, _, text in back for w in text.split()] == ["Two", "things", "-", "one", "-", "two", "Done."]

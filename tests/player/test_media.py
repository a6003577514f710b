"""The transcript's ``:audio:`` and ``:video:``: what each builder makes of them.

The test-player root (its audio and WebVTT from tests/data/audio, made by
make_episode.py) is built with every builder under ``-n -W``: HTML builders
show the player and link every time into the media; EPUB keeps times as
text; LaTeX links a time to a URL's media; text builders print times as
text and a URL once.  Bad values are located warnings and no player.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import need
from fixtures import AUDIO, player_root, sphinx
from sphinx_transcripts.dialogue.elements import seek_uri
from sphinx_transcripts.player.media import MediaError, published_name, resolve

BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "text", "latex")
REMOTE = "https://media.example.org/small_batches/ep%201.ogg?feed=main&v=2"
STARTS = [
    int(h) * 3600 + int(m) * 60 + float(s)
    for h, m, s in re.findall(r"^(\d+):(\d+):([\d.]+) -->", (AUDIO / "episode.vtt").read_text(), re.M)
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("media")
    srcdir = player_root(base)
    running = {b: sphinx(b, srcdir, base / b) for b in BUILDERS}
    for builder, process in running.items():
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, f"{builder}: {stderr}"
        assert stderr == "", f"{builder}: {stderr}"
    return {"src": srcdir, **{b: base / b for b in BUILDERS}}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- the option's value --------------------------------------------------------


def test_an_http_url_or_a_file_in_the_project(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "ep.mp3").write_bytes(b"ID3")
    (tmp_path / "talk.webm").write_bytes(b"\x1aE")
    page_dir = tmp_path / "interviews"
    page_dir.mkdir()
    media = resolve(REMOTE, "audio", page_dir, tmp_path)
    assert (media.url, media.path, media.mime) == (REMOTE, None, "audio/ogg")
    media = resolve("../media/ep.mp3", "audio", page_dir, tmp_path)
    assert (media.path, media.mime) == ((tmp_path / "media" / "ep.mp3").resolve(), "audio/mpeg")
    # a leading slash is the source directory, as for the transcript file
    assert resolve("/media/ep.mp3", "audio", page_dir, tmp_path).path == media.path
    assert resolve("/talk.webm", "video", page_dir, tmp_path).mime == "video/webm"


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        ("javascript:alert(1)", "audio", "is not an http or https URL nor a file"),
        ("JavaScript:alert(1)//.mp3", "audio", "is not an http or https URL nor a file"),
        ("ftp://example.org/ep.mp3", "audio", "is not an http or https URL nor a file"),
        ("data:audio/ogg;base64,AAAA", "audio", "is not an http or https URL nor a file"),
        ("https://example.org/ep.mp3#t=10", "audio", "has a fragment"),
        ("https://example.org/feed", "audio", "is not a known audio file"),
        ("https://example.org/ep.exe", "audio", "is not a known audio file"),
        ("../outside.mp3", "audio", "is outside the project"),
        ("link.mp3", "audio", "is outside the project"),
        ("nope.mp3", "audio", "not found"),
        ("notes.txt", "audio", "is not a known audio file"),
        ("talk.webm", "audio", "is video (.webm); use :video: for it"),
        ("ep.mp3", "video", "is audio (.mp3); use :audio: for it"),
        ("folder.mp3", "audio", "is not a file"),
        ("  ", "audio", "needs a URL or a file"),
    ],
)
def test_what_is_refused_and_why(tmp_path: Path, value: str, kind: str, message: str) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (tmp_path / "outside.mp3").write_bytes(b"ID3")
    (srcdir / "link.mp3").symlink_to(tmp_path / "outside.mp3")
    (srcdir / "notes.txt").write_text("words", encoding="utf-8")
    (srcdir / "talk.webm").write_bytes(b"\x1aE")
    (srcdir / "ep.mp3").write_bytes(b"ID3")
    (srcdir / "folder.mp3").mkdir()
    with pytest.raises(MediaError, match=re.escape(message)):
        resolve(value, kind, srcdir, srcdir)


def test_the_published_name_is_the_stem_and_a_hash_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "Episode 12 (final).ogg"
    path.write_bytes(b"first take")
    digest = hashlib.sha1(b"first take").hexdigest()[:12]
    assert published_name(path) == f"_media/Episode-12-final-{digest}.ogg"
    path.write_bytes(b"second take, longer")
    assert published_name(path) != f"_media/Episode-12-final-{digest}.ogg"


def test_a_time_is_a_media_fragment() -> None:
    assert seek_uri("ep.ogg", 62.0) == "ep.ogg#t=62"
    assert seek_uri("ep.ogg", 5.296) == "ep.ogg#t=5.296"
    assert seek_uri("ep.ogg", 0.3) == "ep.ogg#t=0.3"


# -- HTML --------------------------------------------------------------------


def test_html_shows_the_player_and_links_every_time_into_the_published_file(built: dict[str, Path]) -> None:
    page = soup(built["html"] / "episode.html")
    players = page.select("div.transcript-player > audio")
    assert len(players) == 1
    audio = players[0]
    assert audio["controls"] == "" and audio["preload"] == "metadata"
    assert audio["aria-label"] == "Episode audio"
    digest = hashlib.sha1((AUDIO / "episode.ogg").read_bytes()).hexdigest()[:12]
    assert audio["src"] == f"_media/episode-{digest}.ogg"
    assert (built["html"] / audio["src"]).read_bytes() == (AUDIO / "episode.ogg").read_bytes()
    # the player comes before the dialogue
    assert audio.find_parent("div").find_next_sibling("div")["class"][0] == "transcript"
    links = page.select(".transcript-turn a.transcript-time")
    assert [float(a["href"].split("#t=")[1]) for a in links] == pytest.approx(STARTS, abs=0.001)
    assert {a["href"].split("#")[0] for a in links} == {audio["src"]}
    assert [a["aria-label"] for a in links[:3]] == ["Play from 0:00", "Play from 0:05", "Play from 0:10"]
    assert [a.time["datetime"] for a in links[:2]] == ["PT0S", "PT5S"]
    assert [t.parent.name for t in page.select(".transcript-turn time")] == ["a"] * len(STARTS)


def test_the_script_is_added_for_html_builders(built: dict[str, Path]) -> None:
    assert soup(built["html"] / "episode.html").select('script[src^="_static/player.js"]')
    assert (built["html"] / "_static" / "player.js").is_file()


def test_a_url_is_played_as_it_is_and_nothing_is_copied(built: dict[str, Path]) -> None:
    page = soup(built["html"] / "remote.html")
    assert page.select_one(".transcript-player audio")["src"] == REMOTE
    assert page.select(".transcript-turn a.transcript-time")[1]["href"] == REMOTE + "#t=5.296"
    assert "Episode audio:" not in page.select_one("article").get_text()
    # the one recording in the project; beside it only the feed's artwork (.png)
    assert sorted(p.name for p in (built["html"] / "_media").iterdir() if p.suffix != ".png") == [
        Path(soup(built["html"] / "episode.html").select_one("audio")["src"]).name
    ]


def test_untimed_shows_the_player_and_no_times_and_no_media_keeps_times_as_text(
    built: dict[str, Path],
) -> None:
    untimed = soup(built["html"] / "untimed.html")
    assert len(untimed.select(".transcript-player audio")) == 1
    assert not untimed.select(".transcript-time")
    plain = soup(built["html"] / "plain.html")
    assert not plain.select(".transcript-player, audio, a.transcript-time")
    assert len(plain.select("time.transcript-time")) == len(STARTS)


def test_other_html_builders_link_to_the_file_from_where_the_page_is(built: dict[str, Path]) -> None:
    page = soup(built["dirhtml"] / "episode" / "index.html")
    src = page.select_one(".transcript-player audio")["src"]
    assert src.startswith("../_media/episode-")
    assert (built["dirhtml"] / "episode" / src).resolve().is_file()
    single = soup(built["singlehtml"] / "index.html")
    sources = {a["src"] for a in single.select(".transcript-player audio")}
    assert REMOTE in sources
    local = (sources - {REMOTE}).pop()
    assert (built["singlehtml"] / local).is_file()
    assert single.select(f'a.transcript-time[href="{local}#t=5.296"]')


def test_epub_keeps_times_as_text_and_names_a_url(built: dict[str, Path]) -> None:
    pages = {p.stem: p.read_text(encoding="utf-8") for p in built["epub"].glob("*.xhtml")}
    assert all("<audio" not in text and "transcript-player" not in text for text in pages.values())
    assert not (built["epub"] / "_media").exists()
    episode = BeautifulSoup(pages["episode"], "html.parser")
    assert len(episode.select("time.transcript-time")) == len(STARTS)
    assert not episode.select("a.transcript-time")
    remote = BeautifulSoup(pages["remote"], "html.parser")
    assert remote.select_one(".transcript-episode a")["href"] == REMOTE


# -- LaTeX and text ------------------------------------------------------------


def test_latex_links_a_time_to_a_urls_media_escaped_and_prints_it_otherwise(built: dict[str, Path]) -> None:
    tex = (built["latex"] / "small-batches.tex").read_text(encoding="utf-8")
    escaped = r"https://media.example.org/small\_batches/ep\%201.ogg?feed=main\&v=2"
    assert (r"\sphinxtranscriptheader{Tomas Brandt}{host}"
            rf"{{\sphinxhref{{{escaped}\#t=5.296}}{{0:05}}}}") in tex
    assert rf"Episode audio: \sphinxurl{{{escaped}}}" in tex
    # a file in the project: the time is text (a PDF has no player)
    assert tex.count(r"\sphinxtranscriptheader{Tomas Brandt}{host}{0:05}") == 2  # episode, plain
    assert "_media" not in tex and "episode-" not in tex


def test_text_prints_times_as_text_and_the_url_once(built: dict[str, Path]) -> None:
    episode = (built["text"] / "episode.txt").read_text(encoding="utf-8")
    assert "[0:05] Tomas Brandt: Our guest builds speech tools" in episode
    assert "_media" not in episode and "Episode audio" not in episode
    remote = (built["text"] / "remote.txt").read_text(encoding="utf-8")
    assert remote.count(REMOTE) == 1
    assert "Episode audio:" in remote


def test_the_pdf_links_each_time_to_the_episode(built: dict[str, Path]) -> None:
    need(shutil.which("latexmk") is not None and shutil.which("lualatex") is not None,
         "latexmk and lualatex (.ci/system-deps --install)")
    need(shutil.which("pdftohtml") is not None, "pdftohtml (apt-get install poppler-utils)")
    latex = built["latex"]
    subprocess.run(["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error",
                    "small-batches.tex"], cwd=latex, capture_output=True, check=True, timeout=600)
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(latex / "small-batches.pdf")],
                         capture_output=True, text=True, check=True).stdout
    links = re.findall(r'href="(https://[^"]*)"', xml)
    expected = [REMOTE.replace("&", "&amp;") + f"#t={t:.3f}".rstrip("0").rstrip(".") for t in STARTS]
    assert [link for link in links if "#t=" in link] == expected
    assert REMOTE.replace("&", "&amp;") in links


# -- bad values ----------------------------------------------------------------

BAD = {
    "script": ("javascript:alert(1)", "audio", ":audio: 'javascript:alert(1)' is not an http or https URL"),
    "missing": ("media/nope.ogg", "audio", ":audio: file 'media/nope.ogg' not found"),
    "outside": ("../../outside.ogg", "audio", ":audio: file '../../outside.ogg' is outside the project"),
    "unknown": ("media/episode.vtt", "audio", ":audio: 'media/episode.vtt' is not a known audio file"),
    "wrongkind": ("media/episode.ogg", "video", ":video: 'media/episode.ogg' is audio (.ogg)"),
}


def test_a_bad_value_is_a_located_warning_and_no_player(tmp_path: Path) -> None:
    srcdir = player_root(tmp_path)
    (tmp_path / "outside.ogg").write_bytes((AUDIO / "episode.ogg").read_bytes())
    pages = ["both", *BAD]
    for name, (value, kind, _) in BAD.items():
        (srcdir / f"{name}.md").write_text(
            f"# {name}\n\n```{{transcript}} media/episode.vtt\n:host: Ines Calder, Tomas Brandt\n"
            f":guests: Owen Adeyemi\n:{kind}: {value}\n```\n", encoding="utf-8")
    (srcdir / "both.md").write_text(
        "# both\n\n```{transcript} media/episode.vtt\n:host: Ines Calder, Tomas Brandt\n"
        ":guests: Owen Adeyemi\n:audio: media/episode.ogg\n:video: media/episode.ogg\n```\n",
        encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("plain\n", "plain\n" + "\n".join(pages) + "\n"),
                     encoding="utf-8")
    process = sphinx("html", srcdir, tmp_path / "html")
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 1
    warnings = [line for line in stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == len(pages), stderr
    for name in pages:
        said = [w for w in warnings if w.startswith(f"{srcdir / name}.md:3: WARNING: ")]
        assert len(said) == 1, (name, warnings)
        message = BAD[name][2] if name in BAD else "give :audio: or :video:, not both"
        assert message in said[0]
        assert said[0].endswith("; no player is shown [transcript.media]")
        page = soup(tmp_path / "html" / f"{name}.html")
        # the transcript is there, its times as text; no player, no link anywhere
        assert len(page.select(".transcript-turn")) == len(STARTS)
        assert not page.select(".transcript-player, audio, video, a.transcript-time")
        assert "javascript:" not in str(page.select_one("article"))


def test_a_new_recording_rebuilds_the_page_under_a_new_name(tmp_path: Path) -> None:
    srcdir = player_root(tmp_path)
    out = tmp_path / "html"
    assert sphinx("html", srcdir, out).communicate(timeout=600)[1] == ""
    first = soup(out / "episode.html").select_one("audio")["src"]
    audio = srcdir / "media" / "episode.ogg"
    audio.write_bytes(audio.read_bytes() + b"\0")
    # not a fresh build: the page is read again because its audio changed
    assert sphinx("html", srcdir, out).communicate(timeout=600)[1] == ""
    second = soup(out / "episode.html").select_one("audio")["src"]
    assert second != first
    assert (out / second).read_bytes() == audio.read_bytes()
    assert soup(out / "episode.html").select(f'a.transcript-time[href^="{second}#t="]')


# -- the committed test episode ---------------------------------------------------


def ogg_opus_seconds(data: bytes) -> float:
    """Length of an Ogg Opus file: the last page's granule position, less the
    pre-skip the OpusHead packet declares, at Opus's 48 kHz."""
    head = data.index(b"OpusHead")
    pre_skip = struct.unpack_from("<H", data, head + 10)[0]
    last = data.rindex(b"OggS")
    granule = struct.unpack_from("<q", data, last + 6)[0]
    return (granule - pre_skip) / 48000


def test_the_committed_episode_is_real_audio_its_cues_fit() -> None:
    data = (AUDIO / "episode.ogg").read_bytes()
    assert data.startswith(b"OggS") and b"OpusHead" in data
    assert len(data) < 200_000
    vtt = (AUDIO / "episode.vtt").read_text(encoding="utf-8")
    cues = re.findall(r"^([\d:.]+) --> ([\d:.]+)\n<v ([^>]+)>", vtt, re.M)
    assert 6 <= len(cues) <= 8
    assert len({voice for *_, voice in cues}) == 3

    def seconds(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    spans = [(seconds(a), seconds(b)) for a, b, _ in cues]
    # each turn a few seconds, a short silence between turns
    assert all(2 <= end - start <= 8 for start, end in spans)
    assert all(0.3 <= nxt[0] - cur[1] <= 1.5 for cur, nxt in zip(spans, spans[1:], strict=False))
    # the audio ends where the last cue does: the times are the recording's
    assert ogg_opus_seconds(data) == pytest.approx(spans[-1][1], abs=0.1)


def test_the_word_by_word_take_is_real_audio_its_words_fit() -> None:
    data = (AUDIO / "episode-words.ogg").read_bytes()
    assert data.startswith(b"OggS") and b"OpusHead" in data
    assert len(data) < 200_000
    take = json.loads((AUDIO / "episode-words.whisperx.json").read_text(encoding="utf-8"))
    words = take["word_segments"]
    # the same dialogue as the turn-by-turn take, every word timed, in order, never overlapping
    vtt = (AUDIO / "episode.vtt").read_text(encoding="utf-8")
    said = re.findall(r"^<v [^>]+>(.*)$", vtt, re.M)
    assert [s["text"].strip() for s in take["segments"]] == said
    assert [w["word"] for w in words] == " ".join(said).split()
    assert all(0.05 < w["end"] - w["start"] < 1.5 for w in words)
    assert all(a["end"] < b["start"] for a, b in zip(words, words[1:], strict=False))
    # the audio ends where the last word does (Chromium checks each word: test_player)
    assert ogg_opus_seconds(data) == pytest.approx(words[-1]["end"], abs=0.1)


def test_a_video_gets_the_video_player_and_the_same_links(tmp_path: Path) -> None:
    srcdir = player_root(tmp_path)
    (srcdir / "media" / "talk.webm").write_bytes(b"\x1aE\xdf\xa3 not really a video")
    (srcdir / "video.md").write_text(
        "# video\n\n```{transcript} media/episode.vtt\n:host: Ines Calder, Tomas Brandt\n"
        ":guests: Owen Adeyemi\n:video: media/talk.webm\n```\n", encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("plain\n", "plain\nvideo\n"),
                     encoding="utf-8")
    assert sphinx("html", srcdir, tmp_path / "html").communicate(timeout=600)[1] == ""
    page = soup(tmp_path / "html" / "video.html")
    video = page.select_one("div.transcript-player > video")
    assert video["aria-label"] == "Episode video"
    assert video["src"].startswith("_media/talk-") and video["src"].endswith(".webm")
    assert "playsinline" in video.attrs and "controls" in video.attrs
    assert video.a["type"] == "video/webm"
    assert page.select(f'a.transcript-time[href="{video["src"]}#t=5.296"]')


def test_latex_opens_each_episode_with_its_people_length_and_where_to_listen(
    built: dict[str, Path],
) -> None:
    tex = (built["latex"] / "small-batches.tex").read_text(encoding="utf-8")
    openings = re.findall(r"\\begin\{sphinxuseclass\}\{transcript-opening\}(.*?)\\end\{sphinxuseclass\}",
                          tex, re.S)
    # episode (a file, no html_baseurl: no address to print), remote (a URL), untimed, plain
    assert len(openings) == 4, openings
    people = "With Ines Calder (host), Tomas Brandt (host), Owen Adeyemi (guest)"
    assert all(people in " ".join(o.split()) for o in openings)
    # the episode ends where its last cue ends (the committed WebVTT)
    last_end = re.findall(r"--> (\d+):(\d+):(\d+)", (built["src"] / "media" / "episode.vtt").read_text())[-1]
    length = f"{int(last_end[1])}:{int(last_end[2]):02d} long"
    # the timed ones, and the untimed one with its audio file (mutagen reads its length)
    assert sum(length in o for o in openings) == 4
    # the date as the page shows it, not as the front matter writes it
    assert sum("2 November 2026" in o for o in openings) == 1
    assert sum("5 October 2026" in o for o in openings) == 1
    assert not any("2026-11-02" in o or "2026-10-05" in o for o in openings)
    # where to listen: the player's line, right under the opening (a file has
    # no address without html_baseurl)
    # (the opening holds the people line and the citation; nothing else comes between)
    assert re.search(r"transcript-opening\}(?:(?!\\end\{sphinxuseclass\}).)*\\end\{sphinxuseclass\}"
                     r"\s*\\sphinxAtStartPar\s*"
                     r"Episode audio: \\sphinxurl\{https://media\.example\.org/", tex, re.S)
    # the people are in the index, once per text
    assert tex.count(r"\index{Adeyemi, Owen@\spxentry{Adeyemi, Owen}}") == 4


def test_the_latex_opening_gives_the_recordings_length_and_a_written_date(tmp_path: Path) -> None:
    srcdir = player_root(tmp_path)
    vtt = (srcdir / "media" / "episode.vtt").read_text(encoding="utf-8")
    # the first two turns only: the transcript ends at 0:09, the recording at 0:35
    (srcdir / "media" / "start.vtt").write_text(vtt.split("\n\n00:00:10")[0] + "\n", encoding="utf-8")
    (srcdir / "start.md").write_text(
        "---\ndate: 2026-12-24\nguid: small-batches-start\n---\n\n# The start\n\n"
        "```{transcript} media/start.vtt\n:host: Ines Calder, Tomas Brandt\n:audio: media/episode.ogg\n```\n",
        encoding="utf-8")
    # no recording: the last turn's end; a date that is no date, as it is written
    (srcdir / "notes.md").write_text(
        "---\ndate: spring 2026\n---\n\n# Notes\n\n"
        "```{transcript} media/start.vtt\n:host: Ines Calder, Tomas Brandt\n```\n", encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("plain\n", "plain\nstart\nnotes\n"),
                     encoding="utf-8")
    process = sphinx("latex", srcdir, tmp_path / "latex")
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0 and stderr == "", stderr
    tex = (tmp_path / "latex" / "small-batches.tex").read_text(encoding="utf-8")
    openings = {
        " ".join(o.split()) for o in re.findall(
            r"\\begin\{sphinxuseclass\}\{transcript-opening\}(.*?)\\end\{sphinxuseclass\}", tex, re.S)}
    start = next(o for o in openings if "24 December 2026" in o)
    assert "0:35 long" in start and "0:09" not in start, start
    notes = next(o for o in openings if "spring 2026" in o)
    assert "0:09 long" in notes, notes


def test_latex_prints_a_chapters_time_under_its_heading(tmp_path: Path) -> None:
    srcdir = player_root(tmp_path)
    (srcdir / "media" / "episode.chapters.json").write_text(json.dumps({"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "Welcome"}, {"startTime": 12.5, "title": "Birds at dawn"}]}),
        encoding="utf-8")
    page = srcdir / "episode.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ":audio:", ":chapters: media/episode.chapters.json\n:audio:"), encoding="utf-8")
    process = sphinx("latex", srcdir, tmp_path / "latex")
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0 and stderr == "", stderr
    tex = (tmp_path / "latex" / "small-batches.tex").read_text(encoding="utf-8")
    # "Birds at dawn" starts inside a turn (12.5 s, in the turn of 10.5 s): its time is
    # its own, printed under its heading; "Welcome" starts with a turn, whose header has it
    assert re.search(r"\{Birds at dawn\}.{0,300}?\\sphinxtranscripttime\{0:12\}", tex, re.S), tex[-3000:]

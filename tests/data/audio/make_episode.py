"""Make the audio test episode: a short invented dialogue, spoken for real.

    python tests/data/audio/make_episode.py        # writes both takes here
    python tests/data/audio/make_episode.py words  # only the word-by-word take

Three speakers, each an espeak-ng voice, say the turns of :data:`TURNS`
one after another.  Every turn is synthesised to its own WAV file and its
real length measured (``soxi -D``); sox joins the pieces with a short
silence between them, and the WebVTT file gets one cue per turn, with the
speaker's ``<v Name>`` voice and the times where that turn really is in the
audio.  ffmpeg encodes the result as Ogg Opus (mono, 24 kbit/s), which
Chromium, Firefox and Safari play, and which keeps the file small.

The second take, word by word (:func:`make_words`), says the same turns
with the same voices one word at a time: each word is synthesised on its
own, its silence before and after trimmed by sox, and the words joined
with sox (a short pause between words, a longer one after a comma or a
full stop, the same gap between turns).  Each word's start and end are
where the joining put it, from the measured lengths of the pieces before
it, so ``episode-words.whisperx.json`` (WhisperX's shape: segments with
their ``speaker`` and ``words``) holds the times the words really have in
``episode-words.ogg``.  The player's word highlight is tested against it.

The outputs are committed, so the tests need none of the tools; run this
again only to change the dialogue.  Needs espeak-ng, sox and ffmpeg
(Debian: ``apt-get install espeak-ng sox ffmpeg``).  The times depend on
the espeak-ng version (1.51 made the committed files); the tests check the
committed pair against each other, not against a fresh run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: name -> espeak-ng voice (language + variant: different pitch and timbre)
VOICES = {
    "Ines Calder": "en+f2",
    "Tomas Brandt": "en+m3",
    "Owen Adeyemi": "en+m7",
}

#: (speaker, words): an invented episode of an invented show
TURNS = [
    ("Ines Calder", "Welcome to Small Batches. Today we talk about listening to models."),
    ("Tomas Brandt", "Our guest builds speech tools for field recordings. Owen, welcome."),
    ("Owen Adeyemi", "Thanks. I record birds at dawn, and the wind is my worst enemy."),
    ("Ines Calder", "How do you keep the wind out of a transcript?"),
    ("Owen Adeyemi", "A foam cover first, then a filter that ignores everything below eighty hertz."),
    ("Tomas Brandt", "So the cheap fix comes before the clever one."),
    ("Owen Adeyemi", "Always. A model cannot hear what the microphone never caught."),
    ("Ines Calder", "That is our show. Thank you for listening."),
]

#: silence before the first turn and between turns, in seconds
LEAD_IN = 0.3
GAP = 0.6
RATE = 22050  # espeak-ng's own sample rate


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def duration(wav: Path) -> float:
    """The real length of a WAV file, in seconds (sox measures it)."""
    return float(run("soxi", "-D", str(wav)))


def stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def silence(path: Path, seconds: float) -> Path:
    run("sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(path), "trim", "0", f"{seconds}")
    return path


def make(out: Path) -> list[tuple[float, float, str, str]]:
    """Write ``episode.ogg`` and ``episode.vtt`` into ``out``; return the cues."""
    for tool in ("espeak-ng", "sox", "soxi", "ffmpeg"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install espeak-ng sox ffmpeg")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lead = silence(work / "lead.wav", LEAD_IN)
        gap = silence(work / "gap.wav", GAP)
        pieces: list[Path] = [lead]
        cues = []
        clock = duration(lead)
        for number, (speaker, words) in enumerate(TURNS, start=1):
            wav = work / f"turn-{number}.wav"
            run("espeak-ng", "-v", VOICES[speaker], "-s", "165", "-w", str(wav), words)
            length = duration(wav)
            cues.append((clock, clock + length, speaker, words))
            pieces.append(wav)
            clock += length
            if number < len(TURNS):
                pieces.append(gap)
                clock += duration(gap)
        joined = work / "episode.wav"
        run("sox", *map(str, pieces), str(joined))
        # the joined file is as long as its pieces: the times above hold
        assert abs(duration(joined) - clock) < 0.01, (duration(joined), clock)
        encode(joined, out / "episode.ogg")
    lines = ["WEBVTT", "", "NOTE", "Small Batches, the audio test episode: made by make_episode.py",
             "(espeak-ng voices; times measured with soxi).", ""]
    for start, end, speaker, words in cues:
        lines += [f"{stamp(start)} --> {stamp(end)}", f"<v {speaker}>{words}", ""]
    (out / "episode.vtt").write_text("\n".join(lines), encoding="utf-8")
    return cues


#: the word-by-word take: the pause after a word, and after one that ends a
#: clause (espeak-ng's own pause is trimmed with the word's silence)
WORD_GAP = 0.08
CLAUSE_GAP = 0.3
#: what sox's silence effect takes as silence: under 0.5 % of full scale
#: for 10 ms, at the start (and, reversed, at the end) of a word
TRIM = ("silence", "1", "0.01", "0.5%", "reverse", "silence", "1", "0.01", "0.5%", "reverse")
#: the speakers' labels, as a diarized WhisperX run writes them
LABELS = {name: f"SPEAKER_{number:02d}" for number, name in enumerate(VOICES)}


def encode(wav: Path, ogg: Path) -> None:
    """Ogg Opus, mono, 24 kbit/s, without metadata (the Ogg stream serial differs per run)."""
    run("ffmpeg", "-v", "error", "-y", "-i", str(wav), "-ac", "1", "-c:a", "libopus",
        "-b:a", "24k", "-application", "voip", "-fflags", "+bitexact",
        "-flags:a", "+bitexact", "-map_metadata", "-1", str(ogg))


def make_words(out: Path) -> dict[str, object]:
    """Write ``episode-words.ogg`` and ``episode-words.whisperx.json``; return the JSON."""
    for tool in ("espeak-ng", "sox", "soxi", "ffmpeg"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install espeak-ng sox ffmpeg")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pauses = {seconds: silence(work / f"pause-{seconds}.wav", seconds)
                  for seconds in (LEAD_IN, GAP, WORD_GAP, CLAUSE_GAP)}
        pieces: list[Path] = [pauses[LEAD_IN]]
        clock = duration(pauses[LEAD_IN])
        segments: list[dict[str, object]] = []
        every_word: list[dict[str, object]] = []
        for number, (speaker, text) in enumerate(TURNS, start=1):
            words = text.split()
            timed: list[dict[str, object]] = []
            for index, word in enumerate(words):
                raw, trimmed = work / f"raw-{number}-{index}.wav", work / f"word-{number}-{index}.wav"
                run("espeak-ng", "-v", VOICES[speaker], "-s", "165", "-w", str(raw), word)
                run("sox", str(raw), str(trimmed), *TRIM)
                length = duration(trimmed)
                timed.append({"word": word, "start": round(clock, 3), "end": round(clock + length, 3),
                              "score": 1.0, "speaker": LABELS[speaker]})
                pieces.append(trimmed)
                clock += length
                if index < len(words) - 1:
                    pause = pauses[CLAUSE_GAP if word[-1] in ",.?!;:" else WORD_GAP]
                    pieces.append(pause)
                    clock += duration(pause)
            every_word += timed
            segments.append({"start": timed[0]["start"], "end": timed[-1]["end"], "text": " " + text,
                             "speaker": LABELS[speaker], "words": timed})
            if number < len(TURNS):
                pieces.append(pauses[GAP])
                clock += duration(pauses[GAP])
        joined = work / "episode-words.wav"
        run("sox", *map(str, pieces), str(joined))
        # the joined file is as long as its pieces: the times above hold
        assert abs(duration(joined) - clock) < 0.01, (duration(joined), clock)
        encode(joined, out / "episode-words.ogg")
    data: dict[str, object] = {"segments": segments, "word_segments": every_word, "language": "en"}
    (out / "episode-words.whisperx.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    if sys.argv[1:] != ["words"]:
        for start, end, speaker, _ in make(HERE):
            print(f"{stamp(start)} --> {stamp(end)}  {speaker}")
        print(f"wrote {HERE / 'episode.ogg'} ({(HERE / 'episode.ogg').stat().st_size} bytes)")
    make_words(HERE)
    words = json.loads((HERE / "episode-words.whisperx.json").read_text(encoding="utf-8"))["word_segments"]
    print(f"{len(words)} words, the last ending at {stamp(words[-1]['end'])}")
    print(f"wrote {HERE / 'episode-words.ogg'} ({(HERE / 'episode-words.ogg').stat().st_size} bytes)")

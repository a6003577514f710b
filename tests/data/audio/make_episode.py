"""Make the audio test episode: a short invented dialogue, spoken for real.

    python tests/data/audio/make_episode.py        # writes episode.ogg and episode.vtt here

Three speakers, each an espeak-ng voice, say the turns of :data:`TURNS`
one after another.  Every turn is synthesised to its own WAV file and its
real length measured (``soxi -D``); sox joins the pieces with a short
silence between them, and the WebVTT file gets one cue per turn, with the
speaker's ``<v Name>`` voice and the times where that turn really is in the
audio.  ffmpeg encodes the result as Ogg Opus (mono, 24 kbit/s), which
Chromium, Firefox and Safari play, and which keeps the file small.

Both outputs are committed, so the tests need none of the tools; run this
again only to change the dialogue.  Needs espeak-ng, sox and ffmpeg
(Debian: ``apt-get install espeak-ng sox ffmpeg``).  The times depend on
the espeak-ng version (1.51 made the committed files); the tests check the
committed pair against each other, not against a fresh run.
"""

from __future__ import annotations

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
        run("ffmpeg", "-v", "error", "-y", "-i", str(joined), "-ac", "1", "-c:a", "libopus",
            "-b:a", "24k", "-application", "voip", "-fflags", "+bitexact",
            "-flags:a", "+bitexact", "-map_metadata", "-1", str(out / "episode.ogg"))
    lines = ["WEBVTT", "", "NOTE", "Small Batches, the audio test episode: made by make_episode.py",
             "(espeak-ng voices; times measured with soxi).", ""]
    for start, end, speaker, words in cues:
        lines += [f"{stamp(start)} --> {stamp(end)}", f"<v {speaker}>{words}", ""]
    (out / "episode.vtt").write_text("\n".join(lines), encoding="utf-8")
    return cues


if __name__ == "__main__":
    for start, end, speaker, _ in make(HERE):
        print(f"{stamp(start)} --> {stamp(end)}  {speaker}")
    print(f"wrote {HERE / 'episode.ogg'} ({(HERE / 'episode.ogg').stat().st_size} bytes)")

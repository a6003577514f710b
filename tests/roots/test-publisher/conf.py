"""Test root: transcripts as a new publisher writes them (MyST)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))

extensions = ["myst_parser", "transcripts"]
transcripts_speakers = "speakers.toml"

"""Test root: two pages reading two transcript files, for incremental builds."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))

extensions = ["myst_parser", "transcripts"]
transcripts_speakers = "speakers.toml"

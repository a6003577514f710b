"""Test root: the transcript directive written in reStructuredText."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))

extensions = ["transcripts"]
transcripts_speakers = "speakers.toml"
smartquotes = False

"""Test root: files nested too deep for Python's readers, and a good page beside them.

The deep files are written by tests/test_bounded.py (2 kB of brackets are
clearer made than read); the registry it writes is deep or good.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))

extensions = ["myst_parser", "transcripts"]
transcripts_speakers = "speakers.toml"

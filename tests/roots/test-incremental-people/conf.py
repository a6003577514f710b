"""Test root: a registry of three people and the pages that use it, for
incremental builds (which pages does editing one entry re-read?)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))

extensions = ["myst_parser", "sphinx_design", "transcripts"]
transcripts_speakers = "speakers.toml"
nitpicky = True
exclude_patterns = ["_build"]

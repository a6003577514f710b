import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["myst_parser", "sphinx_design", "transcripts"]
transcripts_speakers = "speakers.toml"
nitpicky = True
exclude_patterns = ["_build"]

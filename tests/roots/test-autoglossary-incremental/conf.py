import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "_ext"))

extensions = ["myst_parser", "autoglossary"]
project = "autoglossary-incremental"
exclude_patterns = ["_build"]

"""Sphinx configuration of the interviews site."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Practitioners' Conversations"
author = "The interviews project"
copyright = "2026, the interviews project; texts © their authors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "transcripts",
]

# Warnings are errors in every build, wherever it runs (`make` adds -W).
nitpicky = True

# People's words are printed as the sources have them: no typographic
# rewriting of their straight quotes, "--" or "...".
smartquotes = False

myst_enable_extensions = ["colon_fence", "deflist", "linkify"]
myst_linkify_fuzzy_links = False

exclude_patterns = ["_build", "_readthedocs", ".venv", "README.md", "BENCHMARKS.md",
                    "tests", "benchmarks", "**/transcripts/*.txt"]

# -- transcripts extension ---------------------------------------------------
transcripts_speakers = "interviews/speakers.toml"

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

"""Sphinx configuration of the interviews site."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Practitioners' Conversations"
author = "The interviews project"
copyright = "2026, the interviews project; texts © their authors"
language = "en"
# The EPUB 3 metadata needs a version; the site's is the project's own.
version = release = tomllib.loads(
    (Path(__file__).parent / "pyproject.toml").read_text(encoding="utf-8")
)["project"]["version"]

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

# -- LaTeX / PDF -------------------------------------------------------------
# LuaLaTeX with OpenType fonts prints every character of the texts: Noto Serif
# and Noto Sans have the accents, curly quotes, dashes, hair and no-break
# spaces; emoji come from Noto Color Emoji through luaotfload's fallback
# (HarfBuzz mode renders its colour bitmaps).  DejaVu Sans Mono has the arrows
# Sphinx draws where it wraps a long code line.  Debian/Ubuntu packages:
# fonts-noto-core, fonts-noto-color-emoji, fonts-dejavu-core (.ci/system-deps).
latex_engine = "lualatex"
# makeindex, not xindy: Read the Docs runs latexmk without the XINDYOPTS that
# Sphinx's Makefile passes, and xindy then builds a broken index.  Our index
# entries (glossary terms) are plain words that makeindex sorts fine.
latex_use_xindy = False
latex_documents = [
    ("index", "practitioners-conversations.tex", project, author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # fancyhdr asks for this much with Noto Sans in the running heads; a
    # word hyphenated at the foot of a page is hard to read (and to search).
    "preamble": r"""
\setlength{\headheight}{14pt}
\brokenpenalty=10000
""",
    "fontpkg": r"""
\directlua{luaotfload.add_fallback("sphinxemoji", {"NotoColorEmoji:mode=harf;"})}
\setmainfont{Noto Serif}[RawFeature={fallback=sphinxemoji}]
\setsansfont{Noto Sans}[RawFeature={fallback=sphinxemoji}]
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase, RawFeature={fallback=sphinxemoji}]
""",
}

# -- other builders ----------------------------------------------------------
man_pages = [("index", "practitioners-conversations", project, [author], 7)]
texinfo_documents = [
    ("index", "practitioners-conversations", project, author,
     "practitioners-conversations", "Interviews and essays by deep learning practitioners.",
     "Miscellaneous"),
]
epub_basename = "practitioners-conversations"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright

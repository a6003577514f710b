"""Test root: an archive of seasons, each a folder with its ``archive`` page.

The episodes are written by the tests (tests/archive_site.py):
a hundred and twenty small ones in three seasons, enough to tell a
navigation that grows with the season from one that grows with the archive.
"""

project = "The Long Archive"
extensions = ["myst_parser", "sphinx_design", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
html_theme = "furo"
html_title = project
nitpicky = True
smartquotes = False
exclude_patterns = ["_build"]
# the books (PDF, EPUB, single page) hold one season: the latest by default
transcripts_seasons = "seasons"
version = "1"
copyright = "2026, the test show"
latex_engine = "lualatex"
latex_use_xindy = False
latex_documents = [("index", "long-archive.tex", project, "Test", "manual")]
latex_elements = {
    "fontpkg": r"\setmainfont{DejaVu Serif}\setsansfont{DejaVu Sans}\setmonofont{DejaVu Sans Mono}",
}

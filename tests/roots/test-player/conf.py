"""Test root: an episode published with its audio (the transcript's :audio:).

The audio and its WebVTT come from tests/data/audio/ (made by
make_episode.py); the tests copy them into media/ of a copy of this root.
"""

project = "Small Batches"
extensions = ["myst_parser", "sphinx_transcripts"]
smartquotes = False
html_theme = "furo"
html_title = project
latex_engine = "lualatex"
latex_documents = [("index", "small-batches.tex", project, "Test", "howto")]
latex_elements = {
    "fontpkg": r"\setmainfont{DejaVu Serif}\setsansfont{DejaVu Sans}\setmonofont{DejaVu Sans Mono}",
}
version = "1"
copyright = "2026, the test show"
html_static_path = ["_static"]
# a favicon: Chromium asks for one, and a 404 is a console error in the tests
html_favicon = "_static/favicon.svg"
# as the site: no "view source" link (furo puts it outside every landmark)
html_show_sourcelink = False

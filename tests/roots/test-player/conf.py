"""Test root: an episode published with its audio (the transcript's :audio:).

The audio and its WebVTT come from tests/data/audio/ (made by
make_episode.py); the tests copy them into media/ of a copy of this root.
"""

project = "Small Batches"
extensions = ["myst_parser", "sphinx_transcripts", "sphinxext.opengraph"]
smartquotes = False
html_theme = "furo"
html_title = project
latex_engine = "lualatex"
# as the site: the book indexes its people, and latexmk run as Read the Docs
# runs it (no XINDYOPTS) only builds an index with makeindex
latex_use_xindy = False
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

# OpenGraph tags (og:audio of an episode); no preview images to draw
ogp_site_url = "https://small-batches.example.org/"
ogp_social_cards = {"enable": False}

# -- the podcast feed (tests/feed/test_podcast_feed.py) ------------------------------
transcripts_podcast_feed = "podcast.xml"
transcripts_podcast_url = "https://small-batches.example.org/"
transcripts_podcast_description = "Conversations about listening, recorded at dawn."
transcripts_podcast_author = "The Small Batches team"
transcripts_podcast_email = "show@small-batches.example.org"
transcripts_podcast_image = "_static/cover.png"
transcripts_podcast_categories = ["Technology", "Science/Natural Sciences"]

"""Test root: the transcript directive written in MyST Markdown."""

extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
smartquotes = False

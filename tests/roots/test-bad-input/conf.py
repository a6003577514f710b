"""Test root: one page per kind of bad input, and one good page."""

extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"

"""Test root: a registry whose avatar image is missing."""

extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"

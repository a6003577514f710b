"""Test root: transcripts as a new publisher writes them (MyST)."""

extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"

"""Test root: two pages reading two transcript files, for incremental builds."""

extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"

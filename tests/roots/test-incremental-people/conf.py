"""Test root: a registry of three people and the pages that use it, for
incremental builds (which pages does editing one entry re-read?)."""

extensions = ["myst_parser", "sphinx_design", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
nitpicky = True
exclude_patterns = ["_build"]

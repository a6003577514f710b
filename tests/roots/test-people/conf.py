extensions = ["myst_parser", "sphinx_design", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
nitpicky = True
exclude_patterns = ["_build"]

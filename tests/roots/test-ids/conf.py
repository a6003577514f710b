extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
nitpicky = True
exclude_patterns = ["_build", "transcripts"]
project = "Names in every script"
copyright = "the tests"
version = "1"

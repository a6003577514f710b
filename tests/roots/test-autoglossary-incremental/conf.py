extensions = ["myst_parser", "sphinx_transcripts.glossary"]
project = "autoglossary-incremental"
exclude_patterns = ["_build"]

extensions = ["myst_parser", "sphinx_transcripts.glossary"]
project = "autoglossary-myst"
exclude_patterns = ["_build"]

extensions = ["sphinx_transcripts.glossary"]
project = "autoglossary-rst"
exclude_patterns = ["_build"]

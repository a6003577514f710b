extensions = ["sphinx_transcripts.glossary"]
project = "autoglossary-warnings"
exclude_patterns = ["_build"]

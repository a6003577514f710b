"""Test root: the archive's search (sphinx_transcripts.search).

A timed episode (WebVTT) and a typed one whose words would be markup if a
result showed them as HTML; a glossary with aliases, the synonyms.
"""

extensions = ["myst_parser", "sphinx_transcripts", "sphinx_transcripts.glossary"]
nitpicky = True
smartquotes = False
exclude_patterns = ["_build", "transcripts"]
project = "Orchard Talk"
copyright = "the tests"
version = "1"

"""Test root: files nested too deep for Python's readers, and a good page beside them.

The deep files are written by tests/readers/test_bounded.py (2 kB of brackets are
clearer made than read); the registry it writes is deep or good.
"""

extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"

"""Test root: the transcript directive written in reStructuredText."""

extensions = ["sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
smartquotes = False

"""Test root: a people page whose registry names hostile and ordinary avatars
(the fixture writes speakers.toml and avatars/, tests/avatar_attacks.py)."""

extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
exclude_patterns = ["_build"]

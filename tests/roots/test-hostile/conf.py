"""Test root: hostile transcripts, one page per case (see tests/test_hostile.py).

The page markup around the transcripts is as permissive as MyST allows
(math, substitutions, HTML images, colon fences), so that anything a
transcript's text managed to make live would show up in the output.
"""

project = "Hostile"
extensions = ["myst_parser", "sphinx_transcripts"]
transcripts_speakers = "speakers.toml"
smartquotes = False
exclude_patterns = ["_build"]

myst_enable_extensions = ["dollarmath", "amsmath", "substitution", "html_image", "colon_fence",
                          "attrs_inline", "deflist"]
myst_substitutions = {"secret": "SUBSTITUTED-hostile"}
rst_prolog = ".. |secret| replace:: SUBSTITUTED-hostile\n"

latex_documents = [("index", "hostile.tex", project, "tests", "howto")]

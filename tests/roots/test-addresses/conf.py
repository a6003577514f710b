extensions = ["myst_parser", "sphinx_transcripts"]
nitpicky = True
exclude_patterns = ["_build"]
project = "Addresses that last"
copyright = "the tests"
version = "1"

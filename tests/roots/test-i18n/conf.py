"""Test root: a site and its German catalogues (see tests/test_i18n.py).

Built in English (the default) and with ``language = "de"``: the catalogues
in locales/de/LC_MESSAGES/ translate the interview's turns, its chapters,
the people page's bios and the glossary (terms, definitions, aliases);
hostile.po is a translator's file written to run what a transcript may not.
Sphinx compiles the .po files to .mo itself (gettext_auto_build).
"""

project = "Werkstatt"
author = "tests"
copyright = "2026, tests"
version = "1"
extensions = ["myst_parser", "sphinx_transcripts", "sphinx_transcripts.glossary"]
transcripts_speakers = "speakers.toml"
autoglossary_scope_classes = ["transcript-turn"]
smartquotes = False
exclude_patterns = ["_build"]
locale_dirs = ["locales"]
# the page markup around the transcripts is as permissive as MyST allows: what a
# translation managed to make live would show
myst_enable_extensions = ["dollarmath", "substitution", "html_image", "colon_fence"]
myst_substitutions = {"secret": "SUBSTITUTED-i18n"}

latex_engine = "lualatex"
# makeindex, as the site: xindy is not installed with TeX Live by default
latex_use_xindy = False
latex_documents = [("index", "werkstatt.tex", project, author, "howto")]
latex_elements = {
    "fontpkg": r"\setmainfont{DejaVu Serif}\setsansfont{DejaVu Sans}\setmonofont{DejaVu Sans Mono}",
}

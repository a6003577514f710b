"""A speaker and a turn made of LaTeX's special characters, a term link and a URL."""

extensions = ["sphinx_transcripts", "sphinx_transcripts.glossary"]
project = "Escaping"
nitpicky = True
smartquotes = False

latex_engine = "lualatex"
latex_use_xindy = False
latex_documents = [("index", "escaping.tex", project, "tests", "howto")]
latex_elements = {
    # The site's text fonts (fonts-noto-core), without the emoji fallback.
    "fontpkg": r"\setmainfont{Noto Serif}\setsansfont{Noto Sans}\setmonofont{DejaVu Sans Mono}",
    # Uncompressed objects, so the test can find the link annotations in the file.
    "preamble": r"\pdfvariable compresslevel=0 \pdfvariable objcompresslevel=0",
}

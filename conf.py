"""Sphinx configuration of the interviews site."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import sphinx_transcripts
from sphinx.application import Sphinx
from sphinx.builders.latex.util import ExtBabel
from sphinx.config import Config

# The extensions come from the installed distribution (`make html` installs
# this checkout into .venv, editable; Read the Docs installs it too), exactly
# as another project gets them: nothing of _ext/ is put on sys.path, so a file
# the distribution forgot to ship fails this build too.  The site's own layer
# (_ext/site_layer/) is not part of the distribution: it is loaded from its
# folder under its own name, and only it, so that `extensions` can name it.
_SITE_LAYER = Path(__file__).parent / "_ext" / "site_layer"
_spec = importlib.util.spec_from_file_location(
    "site_layer", _SITE_LAYER / "__init__.py", submodule_search_locations=[str(_SITE_LAYER)]
)
assert _spec is not None and _spec.loader is not None
sys.modules["site_layer"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sys.modules["site_layer"])

project = "Practitioners' Conversations"
author = "The interviews project"
copyright = "2026, the interviews project; texts © their authors"
language = "en"
# Translations: `make gettext`, then `sphinx-intl update -p _build/gettext -l de`
# writes locales/de/LC_MESSAGES/*.po; `make html SPHINXOPTS="-n -W --keep-going -D language=de"`
# builds the site in German (README, "Translate the site").
locale_dirs = ["locales"]
# The EPUB 3 metadata needs a version; the site's is the project's own (the
# version of the extensions' distribution, sphinx_transcripts.__version__).  The
# release stays empty: "Release 0.1.0" on the PDF's title page and in every
# running head would read like software documentation, not a collection.
version = sphinx_transcripts.__version__
release = ""

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxext.opengraph",
    "notfound.extension",
    # the distribution's two extensions; sphinx_transcripts also repairs the
    # single-page build (sphinx_transcripts.render.singlehtml)
    "sphinx_transcripts",
    "sphinx_transcripts.glossary",
    # this site's own layer on furo and the extensions: _ext/site_layer/
    "site_layer",
]

# Warnings are errors in every build, wherever it runs (`make` adds -W).
nitpicky = True

# People's words are printed as the sources have them: no typographic
# rewriting of their straight quotes, "--" or "...".
smartquotes = False

myst_enable_extensions = ["colon_fence", "deflist", "linkify"]
myst_linkify_fuzzy_links = False

exclude_patterns = ["_build", "build", "_readthedocs", ".venv", "README.md", "BENCHMARKS.md",
                    "tests", "benchmarks", "**/transcripts/*.txt"]

# -- transcripts extension ---------------------------------------------------
transcripts_speakers = "interviews/speakers.toml"
# An archive's seasons go in seasons/<year>/ (README, "An archive of seasons"):
# the PDF, EPUB and zip Read the Docs serves are then the latest season
# (transcripts_volume), the HTML every season.  None yet: the books hold every text.
transcripts_seasons = "seasons"

# -- automatic glossary links ------------------------------------------------
# A dialogue turn is one scope: with the default density ("paragraph") a term
# links once per turn, not in every paragraph of a long answer.
autoglossary_scope_classes = ["transcript-turn"]

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
templates_path = ["_templates"]
# The page's Markdown source is no use to a reader; furo's "view source" icon
# also sits outside every landmark.
html_show_sourcelink = False
html_css_files = ["site.css"]
# also spares every page a failed request for /favicon.ico
html_favicon = "_static/favicon.svg"

# -- sharing: canonical URL, OpenGraph/Twitter tags, sitemap, 404 page ---------
# Read the Docs sets READTHEDOCS_CANONICAL_URL to the full URL of the version
# being built (e.g. https://<project>.readthedocs.io/en/latest/).  A local
# build has no such URL: pages then get no <link rel="canonical"> and no
# sitemap, since both would only advertise addresses nobody serves.
canonical_url = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
if canonical_url and not canonical_url.endswith("/"):
    canonical_url += "/"
html_baseurl = canonical_url

# OpenGraph needs absolute URLs even locally; the default is where the site
# is published on Read the Docs, so a local build previews the real tags.
ogp_site_url = canonical_url or "https://practitioners-conversations.readthedocs.io/en/latest/"
ogp_site_name = project
# Preview images for link cards, drawn with matplotlib at build time.  DejaVu
# Sans ships with matplotlib, so no system font is needed (and none is
# warned about); the mini logo is the favicon rendered to PNG.
ogp_social_cards = {"enable": True, "font": "DejaVu Sans", "image_mini": "_static/logo.png"}
ogp_enable_meta_description = True
# Summary-style link previews: og:title/og:description are read by Twitter/X
# too; only the card type is Twitter's own.
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary" />']

if canonical_url:
    extensions.append("sphinx_sitemap")
    # The canonical URL already holds the language and version; the default
    # scheme "{lang}{version}{link}" would add "en/" a second time.
    sitemap_url_scheme = "{link}"
    sitemap_excludes = ["404.html", "search.html", "genindex.html"]

# The 404 page is served by Read the Docs for any missing URL at any depth, so
# its links must be absolute from the site's root: the path of the canonical
# URL ("/en/latest/", "/" for a single-version project, "/en/123/" for a pull
# request build).  Off Read the Docs the site is previewed from the root of a
# local server (`python -m http.server -d _build/html`), so the prefix is "/"
# (not the extension's default "/en/latest/", which would break the preview).
notfound_urls_prefix = urlsplit(canonical_url).path if canonical_url else "/"
_root = notfound_urls_prefix
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>\n"
        "<p>There is no page at this address: it may have moved, or the link has a typo.</p>\n"
        f'<p>Every interview and essay is listed on the <a href="{_root}index.html">home page</a>; '
        f'everyone who speaks or writes here is on the <a href="{_root}people.html">people page</a>. '
        "Or search for a word someone said:</p>\n"
        # furo's search box is behind the menu button on a phone: one here too,
        # named apart from the sidebar's ("Site search", _templates/sidebar/search.html)
        f'<form class="notfound-search" action="{_root}search.html" method="get" role="search" '
        'aria-label="Search the texts">'
        '<input type="search" name="q" aria-label="Search the texts" '
        'placeholder="a word or a name" autocomplete="off" />'
        '<button type="submit">Search</button></form>'
    ),
}


# -- LaTeX / PDF -------------------------------------------------------------
# LuaLaTeX with OpenType fonts prints every character of the texts: Noto Serif
# and Noto Sans have the accents, curly quotes, dashes, hair and no-break
# spaces; Chinese, Japanese and Korean names and words come from Noto CJK,
# and emoji from Noto Color Emoji, through luaotfload's fallback (HarfBuzz
# mode renders its colour bitmaps).  DejaVu Sans Mono has the arrows
# Sphinx draws where it wraps a long code line.  Debian/Ubuntu packages:
# fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji, fonts-dejavu-core
# (.ci/system-deps).
latex_engine = "lualatex"
# makeindex, not xindy: Read the Docs runs latexmk without the XINDYOPTS that
# Sphinx's Makefile passes, and xindy then builds a broken index.  Our index
# entries (glossary terms) are plain words that makeindex sorts fine.
latex_use_xindy = False
# The reader's book: the texts, the people, the glossary.  The publisher's
# reference is the site's only (index.md lists it in an `only: html`
# toctree): one .tex file, since Read the Docs builds no PDF from several.
latex_documents = [
    ("index", "practitioners-conversations.tex", project, author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # a book read on screen or printed single-sided: no blank page before a chapter
    "extraclassoptions": "openany,oneside",
    # the collection's name, description (index.md's summary) and people
    # (transcripts.sty, sphinx_transcripts.render.book); no date, no blank page
    "maketitle": r"\sphinxtranscriptstitlepage",
    # fancyhdr asks for this much with Noto Sans in the running heads; a
    # word hyphenated at the foot of a page is hard to read (and to search).
    "preamble": r"""
\setlength{\headheight}{14pt}
\brokenpenalty=10000
% "figure-caption" containers (a caption whose image was lost): set apart
% from the body text as in HTML, smaller, italic and muted, indented.
% Sphinx wraps each container class in sphinxuseclass, which opens the
% environment sphinxclass<class> when it exists.
\definecolor{sitemuted}{HTML}{5F6368}
% The index (people and glossary terms) in the text face, not monospace.
\renewcommand{\sphinxstyleindexentry}[1]{#1}
\renewcommand{\sphinxstyleindexextra}[1]{ \emph{(#1)}}
% Running heads: the text being read (its section) and the part it is in.
\makeatletter
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[L]{{\py@HeaderFamily\small\nouppercase{\rightmark}}}%
  \fancyhead[R]{{\py@HeaderFamily\small\nouppercase{\leftmark}}}%
  \fancyfoot[C]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0pt}}
\renewcommand{\chaptermark}[1]{\markboth{#1}{}}
\renewcommand{\sectionmark}[1]{\markright{#1}}
\makeatother
\newenvironment{sphinxclassfigure-caption}{%
  \begin{list}{}{\setlength{\leftmargin}{1.5em}\setlength{\rightmargin}{1.5em}%
    \setlength{\topsep}{0.6em}\setlength{\partopsep}{0pt}}%
  \item\relax\small\itshape\color{sitemuted}}
  {\end{list}}
""",
    "fontpkg": r"""
\directlua{luaotfload.add_fallback("siteserif",
  {"Noto Serif CJK SC:mode=harf;", "NotoColorEmoji:mode=harf;"})}
\directlua{luaotfload.add_fallback("sitesans",
  {"Noto Sans CJK SC:mode=harf;", "NotoColorEmoji:mode=harf;"})}
\directlua{luaotfload.add_fallback("sitemono",
  {"Noto Sans Mono CJK SC:mode=harf;", "NotoColorEmoji:mode=harf;"})}
\setmainfont{Noto Serif}[RawFeature={fallback=siteserif}]
\setsansfont{Noto Sans}[RawFeature={fallback=sitesans}]
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase, RawFeature={fallback=sitemono}]
""",
}

# Sphinx names the table of contents after the root page's first toctree
# caption ("Interviews", the landing page's first collection): the PDF keeps
# the name LaTeX gives it in the build's language.  The language is final
# only once `-D language=de` is applied, at config-inited (see setup below).
LATEX_CONTENTS_NAME = {"english": "Contents", "german": "Inhaltsverzeichnis"}


def _latex_contents_name(app: Sphinx, config: Config) -> None:
    # the name polyglossia (LuaLaTeX's default) knows the language by: "german"
    language = ExtBabel(config.language or "en", use_polyglossia=True).get_language()
    name = LATEX_CONTENTS_NAME.get(language)
    if name:
        config.latex_elements["preamble"] += (
            rf"\addto\captions{language}{{\renewcommand{{\contentsname}}{{{name}}}}}" + "\n")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _latex_contents_name)


# -- other builders ----------------------------------------------------------
man_pages = [("index", "practitioners-conversations", project, [author], 7)]
texinfo_documents = [
    ("index", "practitioners-conversations", project, author,
     "practitioners-conversations", "Interviews and essays by deep learning practitioners.",
     "Miscellaneous"),
]
epub_basename = "practitioners-conversations"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright

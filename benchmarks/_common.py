"""What the benchmarks' generated projects share: the head of their conf.py.

``bench_build.py`` (its two projects, then their extensions and LaTeX
settings) and ``bench_archive.py`` (its plain project) write the same furo +
MyST settings as the site's conf.py, so the projects they compare differ only
where a benchmark says they do.
"""

from __future__ import annotations

#: a generated project's conf.py, up to its extensions: the benchmark's probe
#: (benchprobe.py) is beside conf.py, the extensions are the installed ones
CONF_HEAD = '''\
import sys
sys.path.insert(0, {here!r})
project = {project!r}
author = "The interviews project"
language = "en"
nitpicky = True
smartquotes = False
myst_enable_extensions = ["colon_fence", "deflist", "linkify"]
myst_linkify_fuzzy_links = False
exclude_patterns = {exclude!r}
html_theme = "furo"
html_title = project
html_static_path = ["_static"]
templates_path = ["_templates"]
html_show_sourcelink = False
html_css_files = ["site.css"]
html_favicon = "_static/favicon.svg"
'''


def conf_head(here: str, project: str, exclude: list[str]) -> str:
    """The head of a generated project's conf.py (:data:`CONF_HEAD`), filled in."""
    return CONF_HEAD.format(here=here, project=project, exclude=exclude)

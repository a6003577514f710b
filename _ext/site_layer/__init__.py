"""The site's own layer: what this site adds on top of its theme and extensions.

The ``transcripts`` and ``autoglossary`` extensions work in any Sphinx
project with any theme; what is particular to this site (furo, link
previews from front matter) lives here, next to ``conf.py``, ``_static/``
and ``_templates/``.

- :mod:`.cards`        -- link-preview cards drawn once per content, kept
  beside the doctrees
- :mod:`.descriptions` -- a page's front-matter summary as its description
  in link previews
- :mod:`.garbage`      -- what lives for the whole build is frozen out of the
  garbage collector's full collections
- :mod:`.memory`       -- an archive's pages are not all held in memory
  between reading and writing
- :mod:`.navigation`   -- furo's sidebar navigation: toctree captions get a
  heading level
- :mod:`.sitemap`      -- the sitemap lists every page after an incremental
  build too
- :mod:`.printing`     -- the page's title at the top of every printed sheet
- :mod:`.print_button` -- a printer button on the page of every text
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import cards, descriptions, garbage, memory, navigation, print_button, printing, sitemap


def setup(app: Sphinx) -> dict[str, Any]:
    cards.setup(app)
    descriptions.setup(app)
    memory.setup(app)
    garbage.setup(app)
    navigation.setup(app)
    printing.setup(app)
    print_button.setup(app)
    sitemap.setup(app)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}

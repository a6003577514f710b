"""The books are a volume: one season of the archive, not the whole of it.

A site's HTML holds every season; its PDF, EPUB and single page (the zip
Read the Docs serves) hold one, the volume the publisher chooses::

    transcripts_seasons = "seasons"    # seasons/<season>/index.md and its episodes
    transcripts_volume = "latest"      # or a season's folder name ("2025"), or "all"

The latest season is the last of the season folders in the order of their
names, numbers compared as numbers (``season-10`` after ``season-9``).  A
thousand hour-long episodes are some twenty thousand printed pages; a
season of fifty is a book.

The other seasons are not read at all by those builders: when the builder
is one of :data:`BUILDERS`, their folders are added to ``exclude_patterns``
as the builder starts, before Sphinx looks for source files, and put back
once every page is read, so the environment is saved with the project's
own configuration (a later HTML build on the same environment, as Read the
Docs runs them, finds the other seasons again as new pages and reads them;
the next book build finds them excluded again and drops them).  A glossary
term that only other seasons mention is not "unused" in a book.  The pages
that list the seasons (an ``archive`` with ``:glob:``) list the volume's; a
``{doc}`` link from the volume to a page of another season becomes a link
to the published site (``html_baseurl``), or its text when the site has no
address, never a broken reference.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from ..state import state

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: the builders that make a book of the volume; HTML builds the whole site
BUILDERS = ("latex", "epub", "singlehtml")

def _natural(name: str) -> list[Any]:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", name) if part]


def seasons(srcdir: Path, folder: str) -> list[str]:
    """The season folders of the archive (each with a page of its own,
    ``index.*``), in order: numbers in their names compared as numbers."""
    root = srcdir / folder
    if not folder or not root.is_dir():
        return []
    found = [path.name for path in root.iterdir()
             if path.is_dir() and any(path.glob("index.*"))]
    return sorted(found, key=_natural)


def volume(srcdir: Path, folder: str, chosen: str) -> tuple[str, list[str]]:
    """The volume's season ("" for the whole site) and the seasons left out."""
    names = seasons(srcdir, folder)
    if not names or chosen == "all":
        return "", []
    season = names[-1] if chosen == "latest" else chosen
    if season not in names:
        return "", []
    return season, [name for name in names if name != season]


def check(app: Sphinx, config: Any) -> None:
    """A volume that names no season is a warning; the books then hold every
    season.  An archive with no season yet (no folder, or none with a page)
    is no mistake: its books hold every page."""
    folder, chosen = config.transcripts_seasons, config.transcripts_volume
    names = seasons(Path(app.srcdir), folder)
    if names and chosen not in ("latest", "all", *names):
        logger.warning(
            f"transcripts_volume = {chosen!r}: no such season in {folder}/ "
            f"(seasons: {', '.join(names)}); the PDF and EPUB hold every season",
            type="transcript", subtype="config",
        )


def leave_out_other_seasons(app: Sphinx) -> None:
    """As a book builder starts: the other seasons' folders are excluded."""
    config = app.config
    kept = state(app.env)
    kept.left_out = []
    if app.builder.name not in BUILDERS:
        return
    folder = config.transcripts_seasons
    _, others = volume(Path(app.srcdir), folder, config.transcripts_volume)
    kept.left_out = [f"{folder}/{name}/" for name in others]
    if not others:
        return
    config.exclude_patterns = [*config.exclude_patterns, *(f"{name}**" for name in kept.left_out)]


def restore_configuration(app: Sphinx, env: BuildEnvironment) -> None:
    """Once every page is read, before the environment is saved: the
    project's own ``exclude_patterns`` again."""
    added = {f"{name}**" for name in state(env).left_out}
    if added:
        app.config.exclude_patterns = [
            pattern for pattern in app.config.exclude_patterns if pattern not in added
        ]


def quiet_unused_terms(app: Sphinx, env: BuildEnvironment) -> None:
    """A glossary term that only the other seasons mention is not unused: the
    site's HTML build says so if it is.  The glossary reports at this event;
    this handler runs first, after the environment is saved (suppress_warnings
    is compared with the saved configuration, as exclude_patterns is)."""
    if state(env).left_out and "autoglossary.unused" not in app.config.suppress_warnings:
        app.config.suppress_warnings = [*app.config.suppress_warnings, "autoglossary.unused"]


def left_out(env: BuildEnvironment, docname: str) -> bool:
    """True for a document of a season this book leaves out."""
    return any(docname.startswith(folder) for folder in state(env).left_out)


def link_to_the_site(app: Sphinx, env: BuildEnvironment, node: pending_xref,
                     contnode: nodes.TextElement) -> nodes.Node | None:
    """A ``{doc}`` link to another season: to that page on the site."""
    if node.get("reftype") != "doc" or not state(env).left_out:
        return None
    target = str(node.get("reftarget", ""))
    base = str(node.get("refdoc", ""))
    docname = target.lstrip("/") if target.startswith("/") else \
        posixpath.normpath(posixpath.join(posixpath.dirname(base), target))
    if not left_out(env, docname):
        return None
    site = str(app.config.html_baseurl or "")
    if not site:
        return contnode
    link = nodes.reference("", "", internal=False,
                           refuri=site.rstrip("/") + "/" + docname + ".html")
    link += contnode
    return link


def setup(app: Sphinx) -> None:
    # the folder whose sub-folders are the seasons ("" for none: the books hold every page)
    app.add_config_value("transcripts_seasons", "", "env", types=frozenset({str}))
    # the season the PDF, EPUB and single page hold: "latest", a season's folder name, "all"
    app.add_config_value("transcripts_volume", "latest", "env", types=frozenset({str}))
    app.connect("config-inited", check)
    app.connect("builder-inited", leave_out_other_seasons)
    # before the transcripts' and people's handlers see the pages (priority 500)
    app.connect("env-updated", restore_configuration, priority=100)
    app.connect("env-check-consistency", quiet_unused_terms, priority=100)
    app.connect("missing-reference", link_to_the_site)

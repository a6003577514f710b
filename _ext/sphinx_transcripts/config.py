"""Configuration values of the transcripts extension, and their checks."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)


def check(app: Sphinx, config: Config) -> None:
    """Warn at start-up about a registry path that points nowhere, and about
    paragraph settings that cannot be meant."""
    if config.transcripts_paragraph_chars < 1 or config.transcripts_paragraph_gap <= 0:
        logger.warning(
            "transcripts_paragraph_chars must be at least 1 and transcripts_paragraph_gap more "
            "than 0; the defaults (600 characters, 4.0 seconds) are used",
            type="transcript", subtype="config",
        )
        config.transcripts_paragraph_chars = 600
        config.transcripts_paragraph_gap = 4.0
    setting = config.transcripts_speakers
    if setting and not (Path(app.confdir) / setting).is_file():
        logger.warning(
            f"transcripts_speakers = {setting!r}: no such file next to conf.py; "
            "speakers get generated avatars and no bios",
            type="transcript", subtype="config",
        )


def setup(app: Sphinx) -> None:
    # path of the TOML speaker registry, relative to conf.py ("" for none)
    app.add_config_value("transcripts_speakers", "", "env", types=frozenset({str}))
    # a turn of a timed source (captions, cues) gets a new paragraph at a sentence
    # end past this many characters, and at a pause longer than this many seconds
    app.add_config_value("transcripts_paragraph_chars", 600, "env", types=frozenset({int}))
    app.add_config_value("transcripts_paragraph_gap", 4.0, "env", types=frozenset({float, int}))
    # the archive's search (sphinx_transcripts.search, Pagefind) instead of
    # Sphinx's searchindex.js, for the HTML builders
    app.add_config_value("transcripts_search", True, "html", types=frozenset({bool}))
    app.connect("config-inited", check)

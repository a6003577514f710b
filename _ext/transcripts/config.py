"""Configuration values of the transcripts extension, and their checks."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)


def check(app: Sphinx, config: Config) -> None:
    """Warn at start-up about a registry path that points nowhere."""
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
    app.connect("config-inited", check)

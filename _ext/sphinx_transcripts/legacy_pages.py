"""A page's map of old turn addresses, in the build (see :mod:`.legacy`).

The directive asks :func:`aliases` for the old addresses of its turns: from
the page's ``<page>.anchors.toml`` when there is one (read once per page,
its problems warned about once, at their lines), else by position.

With ``transcripts_freeze_anchors`` on (``python -m sphinx_transcripts.freeze``
sets it for one build), every page with transcripts gets its map written at
the end of the build: a page with none, today's addresses by position; a
page with one, its entries with those whose turn is gone pointed at the
turn they now land on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import legacy
from .limits import read_bounded, too_large
from .model import Problem
from .report import report


def map_path(env: BuildEnvironment, docname: str) -> Path:
    """Where a page's map is: beside its source, ``<page>.anchors.toml``."""
    page = Path(env.doc2path(docname))
    return page.with_name(page.stem + legacy.SUFFIX)


def page_map(env: BuildEnvironment, fallback: str) -> legacy.LegacyMap | None:
    """The current page's map, or None when it has none (read once per page;
    its problems are warnings at their lines, ``fallback`` for the file's own)."""
    document = env.current_document
    kept: dict[str, legacy.LegacyMap | None] | None = document.setdefault("transcripts_legacy", {})
    assert kept is not None
    if "map" in kept:
        return kept["map"]
    path = map_path(env, env.docname)
    found: legacy.LegacyMap | None = None
    if path.is_file():
        env.note_dependency(str(path))
        shown = str(path)
        data = read_bounded(path)
        if data is None:
            report([Problem(0, "anchors", f"this map of old turn addresses "
                            f"{too_large(path.stat().st_size)}")], shown, f"{shown}:")
        else:
            try:
                found = legacy.parse(data.decode("utf-8"))
            except UnicodeDecodeError:
                found = legacy.LegacyMap((), (Problem(0, "anchors", (
                    "this map of old turn addresses is not UTF-8; it is ignored")),))
            report(found.problems, shown, f"{shown}:")
    kept["map"] = found
    return found


def aliases(env: BuildEnvironment, prefix: str, ids: Sequence[str], fallback: str) -> dict[str, str]:
    """Old address -> the id of the turn it lands on, for the transcript whose
    turns have ``ids`` (in order) and whose old addresses start ``prefix``."""
    frozen = page_map(env, fallback)
    if frozen is None:
        out = legacy.positional(prefix, ids)
    else:
        out, problems = legacy.resolve(frozen, prefix, ids)
        report(problems, str(map_path(env, env.docname)), fallback)
    if env.config.transcripts_freeze_anchors:
        pending: dict[str, list[tuple[str, str]]] = env.__dict__.setdefault(
            "transcripts_freezing", {})
        pending.setdefault(env.docname, []).extend(out.items())
    return out


def write_maps(app: Sphinx, exception: Exception | None) -> None:
    """With ``transcripts_freeze_anchors``: each page's map, written beside it."""
    if exception is not None or not app.config.transcripts_freeze_anchors:
        return
    pending: dict[str, list[tuple[str, str]]] = app.env.__dict__.get("transcripts_freezing", {})
    for docname, entries in sorted(pending.items()):
        path = map_path(app.env, docname)
        text = legacy.dump(entries)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(entries)} old addresses)")


def setup(app: Sphinx) -> None:
    # set by `python -m sphinx_transcripts.freeze` for the one build that writes the maps
    app.add_config_value("transcripts_freeze_anchors", False, "", types=frozenset({bool}))
    app.connect("build-finished", write_maps)

"""Run first by the process that draws the cards (``cards.Worker``), with
:func:`runpy.run_path`: the site layer is not on ``sys.path`` (conf.py loads
it from its folder, under its own name), so the worker loads its card
module the same way, under the names the jobs are pickled with
(``site_layer.cards``), and nothing else of the layer.

Given in its globals: ``SITE_LAYER`` (the layer's folder) and ``HOOK`` (a
function and its arguments to run next, or None: tests count the drawings).
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any


def _load(folder: Path) -> None:
    package = types.ModuleType("site_layer")
    package.__path__ = [str(folder)]
    sys.modules.setdefault("site_layer", package)
    spec = importlib.util.spec_from_file_location("site_layer.cards", folder / "cards.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["site_layer.cards"] = module
    spec.loader.exec_module(module)


_load(Path(globals()["SITE_LAYER"]))
_hook: tuple[Any, tuple[Any, ...]] | None = globals()["HOOK"]
if _hook is not None:
    _hook[0](*_hook[1])

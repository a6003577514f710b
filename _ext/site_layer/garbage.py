"""Garbage collection: what lives for the whole build is not scanned again and again.

CPython's cyclic garbage collector walks every container object it tracks in
a full collection: a build of a few hundred pages runs one every second or
so, each over the modules, the configuration and the environment (some
hundred thousand objects that live until the build ends) as well as over the
pages read or written since the last one.  That was a sixth of a
60-episode build's CPU (3.6 s of 22 s, of which 2.9 s in full collections).

The objects alive when the pages start being read (``env-before-read-docs``:
the modules, the configuration, the registry, the environment an
incremental build loaded) and those alive when every page is read
(``env-updated``, after :mod:`.memory` dropped the pages: the environment)
are moved out of the collector's sight with :func:`gc.freeze`; the pages
themselves, read, written and dropped one by one, are collected as before.
When the build ends (``build-finished``) they are given back to the
collector, so that a process that runs several builds (the tests) frees
what an earlier one left.  Nothing of the output depends on when garbage is
collected.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    gc.freeze()


def after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # the pages read are garbage now (memory.py dropped them): collected
    # once, not frozen with the environment
    gc.collect()
    gc.freeze()
    return []


def build_finished(app: Sphinx, exception: BaseException | None) -> None:
    gc.unfreeze()


def setup(app: Sphinx) -> None:
    # after every other handler: memory.py's, the extensions' (which may drop what they held)
    app.connect("env-before-read-docs", before_reading, priority=900)
    app.connect("env-updated", after_reading, priority=900)
    app.connect("build-finished", build_finished, priority=900)

"""Pagefind beside Sphinx's writing: one background thread, one shard at a time.

Sphinx writes the pages on one core, one after the other; Pagefind indexes
a shard (:mod:`.bundle`) in a process of its own.  A :class:`Runner` runs
the shards' jobs in a background thread, in the order they are given, so
that a shard is indexed on the machine's other core as soon as its pages
are written, and at most one Pagefind process lives at a time: the memory
is that of the largest shard, not the archive's.

A job is any callable; what it raises is kept and reported by the build
(:attr:`Runner.errors`), never lost in the thread.  When the build stops
(an exception, Ctrl-C, the interpreter's exit) :meth:`Runner.cancel` kills
the running Pagefind process and waits for the thread, whose temporary
folders are then removed by their own ``with`` blocks.
"""

from __future__ import annotations

import atexit
import queue
import subprocess
import threading
import weakref
from collections.abc import Callable

#: every runner whose thread may still run: ended at the interpreter's exit
_LIVE: weakref.WeakSet[Runner] = weakref.WeakSet()


class Runner:
    """A queue of jobs run one after the other in a background thread."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        #: set when the build stops: no job starts, no process starts
        self.cancelled = threading.Event()
        #: what the jobs raised, as messages
        self.errors: list[str] = []

    def submit(self, job: Callable[[], None]) -> None:
        """Run *job* after the jobs submitted before it."""
        if self._thread is None:
            # a daemon, so that an interrupted build never waits for the
            # queue: cancel() (at exit too) ends its process and joins it
            self._thread = threading.Thread(target=self._run, name="transcripts-search",
                                            daemon=True)
            _LIVE.add(self)
            self._thread.start()
        self._jobs.put(job)

    def running(self, process: subprocess.Popen[str] | None) -> None:
        """Told by a job of its Pagefind process (None when it has ended)."""
        with self._lock:
            self._process = process
        if process is not None and self.cancelled.is_set():
            process.kill()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if self.cancelled.is_set():
                continue
            try:
                job()
            except Exception as error:  # noqa: BLE001 - reported by the build, as a warning
                self.errors.append(str(error) or type(error).__name__)

    def finish(self) -> None:
        """Wait for every job submitted."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
        _LIVE.discard(self)

    def cancel(self) -> None:
        """Stop: no further job, the running Pagefind process killed, the thread joined."""
        self.cancelled.set()
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        if self._thread is not None and self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout=60)
        _LIVE.discard(self)


@atexit.register
def _cancel_all() -> None:
    # Ctrl-C ends sphinx-build without its build-finished event: no Pagefind
    # process, no temporary folder is left behind
    for runner in list(_LIVE):
        runner.cancel()

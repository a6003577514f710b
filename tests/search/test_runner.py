"""Pagefind beside the writing (sphinx_transcripts.search.runner): one job at a
time, in order, its failures kept, and a stopped build leaves no process behind."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import need
from sphinx_transcripts.search import bundle
from sphinx_transcripts.search.records import Record
from sphinx_transcripts.search.runner import Runner


def test_jobs_run_one_after_the_other_in_order_and_their_failures_are_kept() -> None:
    runner = Runner()
    done: list[int] = []
    active = threading.Semaphore(1)

    def job(number: int) -> None:
        # never two at once: a second job would find the semaphore taken
        assert active.acquire(blocking=False)
        done.append(number)
        active.release()
        if number == 2:
            raise RuntimeError("Pagefind failed: no pages")

    for number in range(5):
        runner.submit(lambda number=number: job(number))
    runner.finish()
    assert done == [0, 1, 2, 3, 4]
    assert runner.errors == ["Pagefind failed: no pages"]


def test_a_stopped_build_ends_the_running_process_and_the_thread() -> None:
    runner = Runner()
    started = threading.Event()
    processes: list[subprocess.Popen[str]] = []
    after: list[str] = []

    def job() -> None:
        process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], text=True)
        processes.append(process)
        runner.running(process)
        started.set()
        process.wait()
        runner.running(None)

    runner.submit(job)
    runner.submit(lambda: after.append("ran"))
    assert started.wait(60)
    runner.cancel()
    assert processes[0].poll() is not None
    assert after == []  # the job queued after it never starts
    assert runner._thread is not None and not runner._thread.is_alive()


def test_a_cancelled_bundle_starts_no_process_and_leaves_no_folder(tmp_path: Path) -> None:
    need(bundle.available(), "pagefind-bin (pip install -r requirements.txt)")
    cancelled = threading.Event()
    cancelled.set()
    def temporary() -> set[Path]:
        return {path for folder in (Path(tempfile.gettempdir()), bundle.SCRATCH)
                for path in folder.glob("transcripts-search-*")}

    before = temporary()
    with pytest.raises(RuntimeError, match="stopped"):
        bundle.write_bundle([Record(url="a.html#x", text="Pears.", episode="A")],
                            tmp_path / "_search" / "one", cancelled=cancelled)
    # (another test's bundle may come and go meanwhile: only this one's must not stay)
    assert temporary() <= before
    assert list((tmp_path / "_search").iterdir()) == []

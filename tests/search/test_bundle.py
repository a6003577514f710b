"""A shard's bundle written again (sphinx_transcripts.search.bundle): only
the files that differ are touched, the result is what a fresh bundle would
be, and the short-lived files go to memory only when it has room."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import need
from sphinx_transcripts.search import bundle
from sphinx_transcripts.search.records import Record

SAYINGS = ["The kiln was cold by the morning.", "Plums ripen late on the north wall.",
           "A ferry leaves at noon on Sundays.", "Nobody tunes the harpsichord twice.",
           "The archive's boxes smell of cedar.", "Our lighthouse keeper keeps bees."]


def records(changed: str = "") -> list[Record]:
    found = [Record(url=f"e{n}.html#t{k}", text=f"{saying} Turn {k} of episode {n}.",
                    episode=f"Episode {n}", speaker="Ada Brenner")
             for n in range(3) for k, saying in enumerate(SAYINGS)]
    if changed:
        found[7] = Record(url=found[7].url, text=changed, episode=found[7].episode, speaker="Ada Brenner")
    return found


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {path.relative_to(folder).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in folder.rglob("*") if path.is_file()}


def test_an_edited_record_rewrites_its_fragment_and_the_index_not_the_others(tmp_path: Path) -> None:
    need(bundle.available(), "pagefind-bin (pip install -r requirements.txt)")
    shard = tmp_path / "_search" / "season"
    bundle.write_bundle(records(), shard)
    before = stamps(shard)
    fragments = [name for name in before if name.startswith("fragment/")]
    assert len(fragments) == len(records())

    bundle.write_bundle(records(changed="A heron stood in the millrace all week."), shard)
    after = stamps(shard)
    untouched = [name for name in fragments if after.get(name) == before[name]]
    # one fragment is new, the old one of that record gone; the rest never opened for writing
    assert len(untouched) == len(fragments) - 1
    assert len([name for name in after if name.startswith("fragment/")]) == len(fragments)
    assert not [name for name in after if Path(name).name.startswith(".")]

    # what a bundle written from nothing holds: the same fragments and index
    # chunks byte for byte; as many filters and one list of them, which
    # Pagefind writes in an order of its own each time (their names differ)
    fresh = tmp_path / "_search" / "fresh"
    bundle.write_bundle(records(changed="A heron stood in the millrace all week."), fresh)
    updated, new = files(shard), files(fresh)

    def kept(found: dict[str, bytes]) -> dict[str, bytes]:
        return {name: data for name, data in found.items()
                if not name.startswith("filter/") and not name.endswith((".pf_meta", bundle.ENTRY))}

    assert kept(updated) == kept(new) and any(name.startswith("index/") for name in kept(new))
    assert len(updated) == len(new)
    (meta,) = [name for name in updated if name.endswith(".pf_meta")]
    assert meta.split(".")[1].encode() in updated[bundle.ENTRY]


def test_a_file_that_differs_is_replaced_and_a_stale_one_removed(tmp_path: Path) -> None:
    built, out = tmp_path / "built", tmp_path / "out"
    (built / "fragment").mkdir(parents=True)
    (built / "fragment" / "new.pf_fragment").write_bytes(b"new")
    (built / "pagefind.js").write_bytes(b"code 2")
    (built / bundle.ENTRY).write_bytes(b'{"v": 2}')
    (out / "fragment").mkdir(parents=True)
    (out / "fragment" / "old.pf_fragment").write_bytes(b"old")
    (out / "filter").mkdir()
    (out / "filter" / "gone.pf_filter").write_bytes(b"gone")
    (out / "pagefind.js").write_bytes(b"code 1")
    (out / bundle.ENTRY).write_bytes(b'{"v": 1}')
    bundle.update_folder(built, out)
    assert files(out) == files(built)
    assert not (out / "filter").exists()


def test_memory_is_the_scratch_folder_only_with_room_to_spare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(bundle, "SCRATCH", tmp_path)
    assert bundle.scratch_dir(1000) == str(tmp_path)
    free = os.statvfs(tmp_path).f_bavail * os.statvfs(tmp_path).f_frsize
    assert bundle.scratch_dir(free) is None  # twice the size is asked for
    monkeypatch.setenv("TMPDIR", str(tmp_path / "chosen"))
    assert bundle.scratch_dir(1000) is None  # the user's temporary folder wins
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(bundle, "SCRATCH", tmp_path / "absent")
    assert bundle.scratch_dir(1000) is None


def test_without_memory_to_spare_the_bundle_is_written_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    need(bundle.available(), "pagefind-bin (pip install -r requirements.txt)")
    monkeypatch.setattr(bundle, "SCRATCH", tmp_path / "absent")
    shard = tmp_path / "_search" / "season"
    bundle.write_bundle(records(), shard)
    bundle.write_bundle(records(changed="The tide tables were wrong in May."), shard)
    assert (shard / bundle.ENTRY).is_file()
    assert len(list((shard / "fragment").iterdir())) == len(records())

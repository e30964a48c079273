"""Crash safety and concurrency, with real processes: a build killed at any
moment leaves a store that answers queries and that the next build completes
to exactly a clean build's quads; readers run side by side, and beside a
writer; a second writer is told the store is busy; outputs are replaced
whole or not at all."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA
from kg.output import OutputError, atomic_file
from kg.store import GraphStore, StoreError, _open_read_only

REPO = Path(__file__).parent.parent
KG = [sys.executable, "-c", "import sys; sys.argv[0] = 'kg'; from kg.cli import main; main()"]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], env=ENV, capture_output=True, text=True, timeout=300, **kwargs)


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*KG, *args], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stable_quads(store_path: Path) -> set[str]:
    """Every quad but the build times, which differ from build to build."""
    store = GraphStore(store_path, read_only=True)
    return {str(q) for q in store.quads() if "generatedAtTime" not in q.predicate.value}


@pytest.fixture(scope="module")
def many_documents(tmp_path_factory) -> Path:
    """150 documents: the layout fixtures, each copy made distinct by a line."""
    folder = tmp_path_factory.mktemp("many")
    sources = [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]
    for i in range(150):
        source = sources[i % len(sources)]
        (folder / f"{i:03d}-{source.name}").write_text(source.read_text(encoding="utf-8") + f"\nBilag {i}\n",
                                                       encoding="utf-8")
    return folder


def test_a_build_killed_at_ten_random_moments_is_completed_by_the_next(many_documents, tmp_path):
    clean = tmp_path / "clean"
    began = time.monotonic()
    assert kg("build", str(many_documents), "--store", str(clean)).returncode == 0
    duration = time.monotonic() - began
    expected = stable_quads(clean)
    rng = random.Random(11)
    outcomes = []
    for trial in range(10):
        store = tmp_path / f"killed-{trial}"
        if trial % 2:  # half the trials kill a rebuild over an earlier, complete store
            first = sorted(many_documents.iterdir())[0]
            assert kg("build", str(first), "--store", str(store)).returncode == 0
        build = start("build", str(many_documents), "--store", str(store))
        time.sleep(rng.uniform(0.2, duration))
        build.send_signal(signal.SIGKILL)
        build.wait()
        query = kg("query", "who-sits-where", "--store", str(store))
        # Killed before the store existed, the query says so; otherwise it answers.
        assert query.returncode == 0 or "no store at" in query.stderr, query.stderr
        assert "Traceback" not in query.stderr
        again = kg("build", str(many_documents), "--store", str(store))
        assert again.returncode == 0, again.stderr
        assert stable_quads(store) == expected, f"trial {trial}: the rebuild differs from a clean build"
        outcomes.append(query.returncode)
    assert len(outcomes) == 10


def test_readers_run_side_by_side_and_wait_for_a_writer(tmp_path):
    path = tmp_path / "s"
    assert kg("build", str(DATA / "minutes_inline_headings"), "--store", str(path)).returncode == 0
    side_by_side = [start("query", "agenda", "--store", str(path)) for _ in range(4)]
    assert [reader.wait(timeout=120) for reader in side_by_side] == [0, 0, 0, 0]
    writer = GraphStore(path)  # holds the store, as a running build does
    busy = kg("build", str(DATA / "no_agenda_table"), "--store", str(path))
    assert busy.returncode == 1 and "is busy: another kg build is writing it" in busy.stderr
    waiting = [start("query", "agenda", "--store", str(path)) for _ in range(2)]
    # A reader says so before it waits: read that line however slowly the
    # reader starts on a busy machine (a reader that does not wait ends, and
    # its stderr gives no such line).
    said = [reader.stderr.readline() for reader in waiting]
    assert all(b"waiting: a kg build is writing" in line for line in said), said
    assert all(reader.poll() is None for reader in waiting), "a reader did not wait for the writer"
    writer.close()
    assert [reader.wait(timeout=120) for reader in waiting] == [0, 0]


def test_an_output_file_is_replaced_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_file(target) as stream:
            stream.write(b"half")
            raise RuntimeError("killed")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.ttl"]
    with atomic_file(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"new"


def test_an_export_killed_midway_leaves_the_previous_export(tmp_path):
    store = tmp_path / "s"
    kg("build", str(DATA), "--store", str(store))
    out = tmp_path / "kg.nq"
    assert kg("export", "--format", "nquads", "--out", str(out), "--store", str(store)).returncode == 0
    good = out.read_bytes()
    rng = random.Random(9)
    for _ in range(3):
        export = start("export", "--format", "jsonld", "--out", str(out), "--store", str(store))
        time.sleep(rng.uniform(0.3, 1.5))
        export.send_signal(signal.SIGKILL)
        export.wait()
        assert out.read_bytes() in (good, out.read_bytes()) and out.stat().st_size > 0
        assert out.read_bytes() == good or out.read_bytes().lstrip().startswith(b"{")
    assert kg("export", "--format", "nquads", "--out", str(out), "--store", str(store)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.nq", "s"], "leftover temporary files"


def test_a_site_replaces_the_previous_one_whole_and_never_a_foreign_folder(tmp_path):
    store = tmp_path / "s"
    kg("build", str(DATA / "minutes_inline_headings"), "--store", str(store))
    site = tmp_path / "site"
    assert kg("site", str(site), "--store", str(store)).returncode == 0
    (site / "person" / "stale.html").write_text("old page", encoding="utf-8")
    assert kg("site", str(site), "--store", str(store)).returncode == 0
    assert not (site / "person" / "stale.html").exists() and (site / "index.html").exists()
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("keep me", encoding="utf-8")
    refused = kg("site", str(foreign), "--store", str(store))
    assert refused.returncode == 1 and "not empty and was not written by `kg site`" in refused.stderr
    assert [p.name for p in foreign.iterdir()] == ["letter.txt"]


def test_writing_into_a_missing_folder_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        with atomic_file(tmp_path / "missing" / "x.ttl"):
            pass


# A build in a process of its own that SIGKILLs itself right after the bulk
# loader wrote its second batch of new documents, before their metadata.
_KILLED_AFTER_A_BATCH = """
import os, signal, sys
import kg.pipeline as pipeline
from kg.store import GraphStore
import kg.store
pipeline.BATCH_BYTES = 20_000  # a few documents a batch
kg.store._SMALL_BATCH = 0  # each through the bulk loader
store = GraphStore(sys.argv[1])

class KilledAfterTwoBatches:
    def __init__(self, real):
        self.real, self.loads = real, 0
    def bulk_load(self, *args, **kwargs):
        self.real.bulk_load(*args, **kwargs)
        self.loads += 1
        if self.loads == 2:
            os.kill(os.getpid(), signal.SIGKILL)
    def __getattr__(self, name):
        return getattr(self.real, name)

store._store = KilledAfterTwoBatches(store._store)
pipeline.build([sys.argv[2]], store)
"""


def test_a_build_killed_inside_a_batch_of_new_documents_is_completed_by_the_next(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    sources = [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]
    for i in range(24):
        source = sources[i % len(sources)]
        (folder / f"{i:02d}-{source.name}").write_text(source.read_text(encoding="utf-8") + f"\nBilag {i}\n",
                                                      encoding="utf-8")
    store = tmp_path / "s"
    killed = subprocess.run([sys.executable, "-c", _KILLED_AFTER_A_BATCH, str(store), str(folder)], env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, f"the build was not killed inside a batch: {killed.stderr}"
    stored = GraphStore(store, read_only=True)
    held = len(stored.documents())
    stored.close()
    assert 0 < held < 24, f"expected the first batch stored and the second not: {held} documents"
    # Every document changed since: the rest of a graph the killed build left must go.
    for path in folder.iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 4), encoding="utf-8")
    clean = tmp_path / "clean"
    assert kg("build", str(folder), "--store", str(clean)).returncode == 0
    again = kg("build", str(folder), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert stable_quads(store) == stable_quads(clean), "the rebuild differs from a clean build"


@pytest.mark.parametrize("said", ["Column family not found: id2str",
                                  "Inserts are only possible on read-write instances"])
def test_a_store_whose_creation_was_killed_reads_as_no_store(tmp_path, monkeypatch, said):
    """A first build killed while Oxigraph created its database leaves files
    that Oxigraph will not open read-only; a reader is told to build again."""
    (tmp_path / "CURRENT").write_text("MANIFEST-000001\n")

    def unfinished(path):
        raise OSError(said)

    monkeypatch.setattr("kg.store.Store.read_only", unfinished)
    with pytest.raises(StoreError, match="no store at .*stopped while creating it"):
        _open_read_only(tmp_path)

"""A cold build's few bulk loads: its new documents' graphs are spooled to a
file beside the store and bulk loaded from it once, the derived graphs of its
link stage likewise (GraphStore.spool_document, load_spooled,
background_loads); the spool files go when done, and a killed build's go with
the next writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import kg.store
from conftest import DATA, build_ok
from kg.store import SPOOL_PREFIX, GraphStore, NewDocument

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


def _fixtures() -> list[Path]:
    return [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]


def _spools(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(SPOOL_PREFIX))


class _CountedLoads:
    """A store that records each bulk load: "file" (from a path) or "text"."""

    def __init__(self, real):
        self.real, self.loads = real, []

    def bulk_load(self, *args, **kwargs):
        self.loads.append("file" if kwargs.get("path") else "text")
        return self.real.bulk_load(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_cold_build_makes_one_bulk_load_of_documents_and_one_of_derived_graphs(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)  # the documents through the bulk loader, however few
    monkeypatch.setattr(kg.store, "SPOOL_LOAD_BYTES", 2**40)  # the derived graphs' in one file
    store = GraphStore(tmp_path / "s")
    counted = _CountedLoads(store._store)
    store._store = counted
    build_ok(_fixtures(), store)
    assert counted.loads == ["file", "file"], f"expected one load of the documents, one of the link: {counted.loads}"
    assert len(store.documents()) == len(_fixtures()), "a spooled document is missing from the store"
    assert _spools(tmp_path / "s") == [], "a spool file was left beside the store"


def test_a_spool_left_by_a_killed_build_is_removed_by_the_next_writer(tmp_path):
    folder = tmp_path / "s"
    GraphStore(folder).close()
    left = folder / f"{SPOOL_PREFIX}documents-x1y2z3.nq"
    left.write_bytes(b"<https://kg.example/id/a> <https://kg.example/ns/navn> \"halv linje")
    GraphStore(folder, read_only=True).close()
    assert left.exists(), "a reader removed a file of the writer's"
    GraphStore(folder).close()
    assert not left.exists(), "the next writer kept the spool of a killed build"


def test_a_store_in_memory_spools_in_the_temporary_folder_and_cleans_up(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)
    build_ok(_fixtures()[:3], GraphStore(None))
    assert _spools(tmp_path) == [], "a spool file of an in-memory store was left behind"


def test_a_small_spool_is_read_back_into_one_transaction(tmp_path):
    store = GraphStore(tmp_path / "s")
    counted = _CountedLoads(store._store)
    store._store = counted
    spool = store.spool_documents()
    graph = "https://kg.example/document/lille.txt"
    quads = f'<https://kg.example/id/emne/1> <https://kg.example/ns/navn> "Vandløb ved Åbyhøj" <{graph}> .\n'
    assert store.spool_document(spool, NewDocument("lille.txt", "ab" * 32, "{}", quads.encode(), b"")) == ""
    assert store.load_spooled(spool) == {}, "the spooled document was not written"
    assert counted.loads == [], "a document of a few quads went through the bulk loader"
    assert [str(q) for q in store.quads(graph)] == [quads.strip()[:-2]], "the document's graph is not its quads"
    assert not any(file.path.exists() for file in spool.files), "the spool file was left after its load"


# A cold build killed (SIGKILL) as the bulk load of its spooled documents begins.
_KILLED_AT_THE_LOAD = """
import os, signal, sys
import kg.pipeline as pipeline
import kg.store
from kg.store import GraphStore
kg.store._SMALL_BATCH = 0
store = GraphStore(sys.argv[1])

class KilledAtTheLoad:
    def __init__(self, real):
        self.real = real
    def bulk_load(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)
    def __getattr__(self, name):
        return getattr(self.real, name)

store._store = KilledAtTheLoad(store._store)
pipeline.build(sys.argv[2:], store)
"""


def _stable(store: GraphStore) -> set[str]:
    return {str(q) for q in store.quads() if "generatedAtTime" not in q.predicate.value}


def test_a_build_killed_at_the_spools_load_is_completed_by_the_next(tmp_path):
    paths = [str(p) for p in _fixtures()[:5]]
    folder = tmp_path / "s"
    killed = subprocess.run([sys.executable, "-c", _KILLED_AT_THE_LOAD, str(folder), *paths], env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, f"the build was not killed at the load: {killed.stderr}"
    assert _spools(folder), "the test did not stop the build with its spool on disk"
    store = GraphStore(folder)
    assert store.documents() == [], "a document counts as stored before its graphs were loaded"
    report = build_ok(paths, store)
    assert report.count("built") == 5, "the next build did not write the killed build's documents"
    assert _spools(folder) == [], "the killed build's spool was left"
    assert _stable(store) == _stable(_clean(paths)), \
        "the store differs from a clean build's"


def _clean(paths) -> GraphStore:
    store = GraphStore(None)
    build_ok(paths, store)
    return store


@pytest.mark.parametrize("limit", [1, 30_000], ids=["a-file-a-load", "a-few-loads"])
def test_derived_graphs_spooled_in_several_files_give_the_store_of_one(tmp_path, monkeypatch, limit):
    one = GraphStore(tmp_path / "one")
    build_ok(_fixtures()[:6], one)
    monkeypatch.setattr(kg.store, "SPOOL_LOAD_BYTES", limit)
    several = GraphStore(tmp_path / "several")
    build_ok(_fixtures()[:6], several)
    assert _stable(several) == _stable(one), "the size of the spool files changed the store"


class _SecondLoadRefused(_CountedLoads):
    """The second bulk load from a file fails (a full disk, say)."""

    def bulk_load(self, *args, **kwargs):
        self.loads.append("file" if kwargs.get("path") else "text")
        if self.loads.count("file") == 2:
            raise OSError("no space left on device")
        return self.real.bulk_load(*args, **kwargs)


def test_documents_spooled_in_several_files_are_written_one_by_one_when_a_load_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)
    monkeypatch.setattr(kg.store, "DOCUMENT_SPOOL_BYTES", 20_000)  # a few documents a file
    paths = _fixtures()[:8]
    store = GraphStore(tmp_path / "s")
    refused = _SecondLoadRefused(store._store)
    store._store = refused
    report = build_ok(paths, store)
    assert refused.loads.count("file") > 2, f"the documents were not spooled in several files: {refused.loads}"
    assert report.count("built") == len(paths), "a document was lost when its spool file could not be loaded"
    assert _stable(store) == _stable(_clean(paths)), "documents written one by one differ from a clean build's"
    assert _spools(tmp_path / "s") == [], "a spool file was left after the failed load"

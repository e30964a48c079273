"""A cold build's document spool (GraphStore.spool_document, load_spooled)
when things go wrong: a document reported "built" is stored when it is
reported, a document that cannot be written is reported failed (with its
write's problem) and left out of the derived graphs, metadata that cannot
go in together is written document by document, an error in the link
stage leaves a store the next build completes, and so does a build killed
at the documents' loads, their metadata, the derived graphs' loads or the
link mark."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import kg.pipeline
import kg.store
from conftest import DATA, build_ok
from kg.pipeline import build
from kg.rdf import meta_graph
from kg.store import SPOOL_PREFIX, GraphStore, StoreError

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


def _fixtures() -> list[Path]:
    return [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]


def _stable(store: GraphStore) -> set[str]:
    """Every quad but the build times, which differ from build to build."""
    return {str(q) for q in store.quads() if "generatedAtTime" not in q.predicate.value}


def _clean(paths) -> GraphStore:
    store = GraphStore(None)
    build_ok(paths, store)
    return store


def _spools(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(SPOOL_PREFIX))


def test_each_built_document_is_stored_when_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)  # the documents through the bulk loader, however few
    store = GraphStore(tmp_path / "s")
    unstored = []
    report = build(_fixtures()[:6], store, on_document=lambda r: r.status == "built" and not store._holds(
        meta_graph(r.name)) and unstored.append(r.name))
    assert report.count("built") == 6, [r.error for r in report.failed]
    assert unstored == [], f"documents reported built before their metadata was in the store: {unstored}"
    assert store.linked() is not None, "no link mark after the build"
    assert _spools(tmp_path / "s") == [], "a spool file was left beside the store"
    assert _stable(store) == _stable(_clean(_fixtures()[:6])), "the store differs from a build in memory"


_bulk_load_file = kg.store._bulk_load_file


def _refused(store, path):
    """The bulk loader refuses every document spool file (a full disk, say)."""
    if "-documents-" in path.name:
        raise StoreError("could not bulk load into the store: no space left on device")
    return _bulk_load_file(store, path)


def test_a_document_that_cannot_be_written_is_reported_failed_and_left_out_of_the_link(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)
    monkeypatch.setattr(kg.store, "_bulk_load_file", _refused)
    paths = _fixtures()[:7]
    refused = paths[3].name
    real = GraphStore._write_graphs

    def write_graphs(self, name, quads):
        if name == refused:
            raise StoreError(f"could not write {name} to the store: disk full")
        return real(self, name, quads)

    monkeypatch.setattr(GraphStore, "_write_graphs", write_graphs)
    store = GraphStore(tmp_path / "s")
    told = {}
    report = build(paths, store, on_document=lambda r: told.setdefault(r.name, r.status))
    failed = [(r.name, r.error) for r in report.failed]
    assert failed == [(refused, f"could not write {refused} to the store: disk full")], \
        f"the unwritten document was not reported failed with its write's problem: {failed}"
    assert told[refused] == "failed" and sum(s == "built" for s in told.values()) == 6, \
        f"on_document was not told the final outcome of each document: {told}"
    assert refused not in {doc.name for doc in store.documents()}, "a document that failed counts as stored"
    assert store.linked() is not None, "the link over the documents stored was not marked"
    others = [p for p in paths if p.name != refused]
    assert _stable(store) == _stable(_clean(others)), \
        "the derived graphs hold the document that could not be written"
    assert not [p for p in (tmp_path / "s" / "facts").iterdir() if refused.removesuffix(".txt") in p.name], \
        "the unwritten document's facts file was left"


def test_an_error_in_the_link_leaves_documents_the_next_build_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)
    paths = _fixtures()[:5]
    store = GraphStore(tmp_path / "s")

    def broken(*args, **kwargs):
        raise StoreError("the link broke")

    monkeypatch.setattr(kg.pipeline, "link_documents", broken)
    with pytest.raises(StoreError, match="the link broke"):
        build(paths, store)
    assert _spools(tmp_path / "s") == [], "the document spool was left after the link's error"
    store.close()
    monkeypatch.undo()
    store = GraphStore(tmp_path / "s")
    report = build_ok(paths, store)
    assert store.linked() is not None and len(store.documents()) == 5, f"the next build did not complete: {report}"
    assert _stable(store) == _stable(_clean(paths)), "the store differs from a clean build's"


# A cold build killed (SIGKILL) at one point of its document spool's loads
# or its link stage: argv[1] the store, argv[2] the point, the rest the paths.
_KILLED = """
import os, signal, sys
import kg.pipeline as pipeline
import kg.pipeline
import kg.store
from kg.store import GraphStore
kg.store._SMALL_BATCH = 0
store, point, paths = GraphStore(sys.argv[1]), sys.argv[2], sys.argv[3:]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

class Killed:
    def __init__(self, real):
        self.real = real
    def bulk_load(self, *args, **kwargs):
        spooled = os.path.basename(kwargs.get("path") or "")
        if point == "documents" and "-documents-" in spooled or point == "derived" and "-derived-" in spooled:
            die()
        return self.real.bulk_load(*args, **kwargs)
    def load(self, *args, **kwargs):
        if point == "metadata" and b"generatedAtTime" in args[0]:
            die()
        return self.real.load(*args, **kwargs)
    def __getattr__(self, name):
        return getattr(self.real, name)

store._store = Killed(store._store)
if point == "mark":
    mark = GraphStore.mark_linked
    def killed_after_the_loads(self, *args, **kwargs):
        self._loader.finish()
        die()
    GraphStore.mark_linked = killed_after_the_loads
pipeline.build(paths, store)
"""


@pytest.mark.parametrize("point, stored", [("documents", False), ("metadata", False), ("derived", True),
                                           ("mark", True)])
def test_a_build_killed_while_its_documents_load_or_link_is_completed_by_the_next(tmp_path, point, stored):
    paths = [str(p) for p in _fixtures()[:5]]
    folder = tmp_path / "s"
    killed = subprocess.run([sys.executable, "-c", _KILLED, str(folder), point, *paths], env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, f"the build was not killed at the {point}: {killed.stderr}"
    left = GraphStore(folder, read_only=True)
    assert left.build_state() == "unfinished", "a killed build left no UNFINISHED mark"
    assert left.linked() is None, "a killed build left a link mark"
    held = len(left.documents())
    left.close()
    assert held == (5 if stored else 0), f"killed at the {point}: {held} documents count as stored"
    store = GraphStore(folder)
    report = build_ok(paths, store)
    assert report.count("built") == (0 if stored else 5), f"the next build wrote {report.count('built')} documents"
    assert store.linked() is not None and store.build_state() == "", "the next build did not finish the store"
    assert _spools(folder) == [], "the killed build's spool was left"
    assert _stable(store) == _stable(_clean(paths)), "the store differs from a clean build's"



class _MetadataRefused:
    """A store whose first transaction of several documents' metadata fails."""

    def __init__(self, real):
        self.real, self.refused = real, 0

    def load(self, data, *args, **kwargs):
        if not self.refused and data.count(b"generatedAtTime") > 1:
            self.refused += 1
            raise OSError("no space left on device")
        return self.real.load(data, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_documents_whose_metadata_cannot_go_in_together_are_written_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)
    paths = _fixtures()[:6]
    store = GraphStore(tmp_path / "s")
    refused = _MetadataRefused(store._store)
    store._store = refused
    report = build_ok(paths, store)
    assert refused.refused == 1, "the metadata of the spool was not written in one transaction"
    assert report.count("built") == 6 and len(store.documents()) == 6, "a document was lost with the metadata"
    assert _stable(store) == _stable(_clean(paths)), "documents written one by one differ from a clean build's"

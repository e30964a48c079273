"""The cold link stage's bulk loads are spooled to files and run in a thread
beside its Python (GraphStore.background_loads): the same store and record as loads made one
after the other, a load's error raised and not lost, and a caller's error
raised only once the running load has ended (the store is not closed under
it)."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext

import pytest
from pyoxigraph import NamedNode

import kg.pipeline
import kg.store
from conftest import DATA, build_ok
from kg.store import GraphStore, StoreError

GRAPH = NamedNode("https://kg.example/graph/proeve")


def _fixtures() -> list:
    return [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]


def _stable(store: GraphStore) -> list[str]:
    """Every quad but the build times, which differ from build to build."""
    return [str(q) for q in store.quads() if "generatedAtTime" not in q.predicate.value]


def _record(path) -> list[tuple]:
    with sqlite3.connect(str(path / "kg-link.sqlite")) as db:
        return sorted(db.execute("SELECT graph, subject, owner, digest FROM derived"))


def _nquads(count: int, start: int = 0) -> bytes:
    return b"".join(f'<https://kg.example/id/emne/{i}> <https://kg.example/ns/navn> "Sag nummer {i} om Ærø" '
                    f"<{GRAPH.value}> .\n".encode() for i in range(start, start + count))


def test_loads_in_a_thread_give_the_store_and_record_of_loads_one_after_the_other(tmp_path, monkeypatch):
    # Small parts and loads, so that many are handed over while the next is made.
    monkeypatch.setattr(kg.pipeline, "PART_LINES", 700)
    monkeypatch.setattr(kg.store, "_LOAD_LINES", 400)
    monkeypatch.setattr(kg.store, "SPOOL_LOAD_BYTES", 50_000)  # several spool files, loaded as the next fills
    threaded = GraphStore(tmp_path / "threaded")
    build_ok(_fixtures(), threaded)
    monkeypatch.setattr(GraphStore, "background_loads", lambda self: nullcontext())
    inline = GraphStore(tmp_path / "inline")
    build_ok(_fixtures(), inline)
    assert len(threaded.quads(kg.store.MERGED_GRAPH.value)) > 2 * 700, "the merged graph was not written in parts"
    assert _stable(threaded) == _stable(inline), "loads in a thread wrote other quads"
    assert _record(tmp_path / "threaded") == _record(tmp_path / "inline"), "loads in a thread wrote another record"


def test_a_failed_load_is_raised_when_the_loads_end(tmp_path):
    store = GraphStore(tmp_path / "store")
    with pytest.raises(StoreError, match="could not bulk load"):
        with store.background_loads():
            store._load(b"<https://kg.example/id/a> this is not N-Quads .\n")
    assert store._loader is None, "the loader was left in place after its error"


def test_a_failed_load_is_raised_by_the_next_hand_over(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "SPOOL_LOAD_BYTES", 1)  # each load's text a spool file of its own
    store = GraphStore(tmp_path / "store")
    with store.background_loads():
        store._load(b"<https://kg.example/id/a> this is not N-Quads .\n")
        store._load(_nquads(10))  # hands the bad text's file over to the thread
        with pytest.raises(StoreError, match="could not bulk load"):
            store._load(_nquads(10, 10))  # hands over the next: waits for the bad load
        store._loader.finish()  # the error was raised once; the block ends cleanly


def test_a_callers_error_waits_for_the_running_load(tmp_path):
    store = GraphStore(tmp_path / "store")
    with pytest.raises(KeyError, match="made by the caller"):
        with store.background_loads():
            store._load(_nquads(50_000))
            store._loader.hand_over()  # its spool file starts loading
            raise KeyError("made by the caller")
    assert len(store.quads(GRAPH.value)) == 50_000, "the block was left before its load had ended"


def test_without_the_block_a_load_is_made_at_once(tmp_path):
    store = GraphStore(tmp_path / "store")
    store._load(_nquads(30))
    assert len(store.quads(GRAPH.value)) == 30, "a load outside background_loads had not ended when it returned"


def test_the_link_mark_is_written_once_every_load_has_ended(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.forget_linked()
    with store.background_loads():
        store._load(_nquads(50_000))
        store.mark_linked({"digest": "proeve", "warnings": []})
        assert store._loader._running is None, "the mark was written while a load ran"
        assert len(store.quads(GRAPH.value)) == 50_000, "the mark was written before its load had ended"
    assert store.linked()["digest"] == "proeve", "no link mark after the loads"


def test_a_callers_error_drops_what_was_spooled_and_not_loaded(tmp_path):
    store = GraphStore(tmp_path / "store")
    with pytest.raises(KeyError, match="made by the caller"):
        with store.background_loads():
            store._load(_nquads(20))
            raise KeyError("made by the caller")
    assert [p.name for p in (tmp_path / "store").iterdir() if p.name.startswith(kg.store.SPOOL_PREFIX)] == [], \
        "a spool file was left when the block failed"

"""Build speed without changing what is built: worker processes give the
same store as one process, a dead worker fails only its document, the time
limit holds inside workers, and a build that changed nothing skips the link
stage (but not after a killed build)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time

import pytest
from pyoxigraph import RdfFormat

import kg.pipeline as pipeline
from conftest import DATA, build_ok
from kg.parallel import prepare_in_pool
from kg.pipeline import DocumentResult, Plan, Prepared, build, collect_paths, prepare
from kg.rdf import document_iri
from kg.store import GraphStore

LAYOUTS = [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]
BUILT_AT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
CRASHING = "crash-me.txt"


def stable_quads(store: GraphStore) -> set[str]:
    """Every quad but the build times, which differ from build to build."""
    return {str(q) for q in store.quads() if "generatedAtTime" not in q.predicate.value}


def die_on_one_document(plan: Plan, built_at, seconds) -> Prepared:
    """A worker that dies, as a killed or out-of-memory worker does, on one document."""
    if plan.path.name == CRASHING:
        os._exit(9)
    return prepare(plan, built_at, seconds)


def plans_for(paths) -> list[Plan]:
    paths = list(paths)
    return [p for p in pipeline._plan(paths, pipeline.document_names(paths), {}) if isinstance(p, Plan)]


def test_two_workers_build_the_same_store_as_one_process(tmp_path):
    assert len(LAYOUTS) >= 6, "the layout fixtures are missing"
    serial, parallel = GraphStore(tmp_path / "one"), GraphStore(tmp_path / "two")
    one = build_ok(LAYOUTS, serial)
    two = build([*LAYOUTS], parallel, jobs=2)
    assert not two.failed, [r.error for r in two.failed]
    assert [(r.name, r.status, r.triples) for r in two.results] == [(r.name, r.status, r.triples) for r in one.results], \
        "results differ or are not in input order"
    assert stable_quads(serial) == stable_quads(parallel), "the stores differ"
    assert len(stable_quads(serial)) > 1000


EXTRACTED_IN = []


def note_process(plan: Plan, built_at, seconds) -> Prepared:
    """A worker that notes the process it runs in."""
    EXTRACTED_IN.append(os.getpid())
    return prepare(plan, built_at, seconds)


def test_one_document_to_extract_starts_no_pool():
    EXTRACTED_IN.clear()
    unchanged = DocumentResult(LAYOUTS[1], "unchanged")
    outcomes = list(prepare_in_pool([unchanged, *plans_for(LAYOUTS[:1])], BUILT_AT, 20.0, 2, worker=note_process))
    assert EXTRACTED_IN == [os.getpid()], "the one document was not extracted in this process"
    assert outcomes[0] is unchanged and outcomes[1].result.status == "built", "outcomes not in input order"


def test_a_worker_that_dies_fails_only_its_own_document(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, source in enumerate(LAYOUTS[:4]):
        shutil.copy(source, folder / f"{i}-{source.name}")
    shutil.copy(LAYOUTS[0], folder / CRASHING)
    (folder / CRASHING).write_text(LAYOUTS[0].read_text(encoding="utf-8") + "\nanden udgave\n", encoding="utf-8")
    paths = collect_paths([folder])
    outcomes = list(prepare_in_pool(plans_for(paths), BUILT_AT, 20.0, 2, worker=die_on_one_document))
    results = [o if isinstance(o, DocumentResult) else o.result for o in outcomes]
    assert [r.path for r in results] == paths, "outcomes are not in input order"
    failed = [r for r in results if r.status == "failed"]
    assert [r.path.name for r in failed] == [CRASHING], [r.error for r in failed]
    assert "the process extracting it died" in failed[0].error
    assert all(r.status == "built" for r in results if r.path.name != CRASHING)


def never_done_with_slow(plan: Plan, built_at, seconds) -> Prepared:
    """A worker whose extraction never finishes one document (every layout
    known to be slow now reads in linear time, so a stand-in plays it)."""
    extract_source = pipeline.extract_source

    def slow_extract(source):
        if source.name == "slow.txt":
            time.sleep(60)
        return extract_source(source)
    pipeline.extract_source = slow_extract  # in this worker process only
    try:
        return prepare(plan, built_at, seconds)
    finally:
        pipeline.extract_source = extract_source


def test_the_time_limit_stops_a_slow_document_inside_a_worker(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text("Referat\n1. Et punkt\n", encoding="utf-8")
    began = time.monotonic()
    outcomes = list(prepare_in_pool(plans_for([slow, LAYOUTS[0]]), BUILT_AT, 1.0, 2, worker=never_done_with_slow))
    assert [o.result.status for o in outcomes] == ["failed", "built"]
    assert "took longer than 1 s and was stopped" in outcomes[0].result.error
    assert time.monotonic() - began < 30, "the worker was not stopped at its time limit"


def test_a_build_that_changed_nothing_skips_the_link_stage(tmp_path, monkeypatch):
    store = GraphStore(tmp_path / "s")
    build_ok(LAYOUTS[:3], store)
    before = stable_quads(store)

    def must_not_run(_store):
        raise AssertionError("the link stage ran although nothing changed")
    monkeypatch.setattr(pipeline, "link_documents", must_not_run)
    again = build(LAYOUTS[:3], store)
    assert again.count("unchanged") == 3 and stable_quads(store) == before


@pytest.mark.parametrize("change", ["one document changed", "one document removed", "build was killed"])
def test_the_link_stage_runs_when_something_changed(tmp_path, monkeypatch, change):
    docs = tmp_path / "in"
    docs.mkdir()
    for source in LAYOUTS[:3]:
        shutil.copy(source, docs / source.name)
    store = GraphStore(tmp_path / "s")
    build_ok([docs], store)
    prune = False
    if change == "one document changed":
        first = sorted(docs.iterdir())[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nendnu en linje\n", encoding="utf-8")
    elif change == "one document removed":
        sorted(docs.iterdir())[0].unlink()
        prune = True
    else:
        store.begin_build()  # as a killed build leaves its mark
    ran = []
    real = pipeline.link_documents
    monkeypatch.setattr(pipeline, "link_documents", lambda s, **kw: ran.append(1) or real(s, **kw))
    build([docs], store, prune=prune)
    assert ran == [1], f"the link stage did not run after: {change}"


class _DiesBeforeInsert:
    """A store whose next insert never happens, as if the build were killed
    between dropping a document's old graphs and adding its new ones."""

    def __init__(self, store):
        self._store = store

    def extend(self, *args, **kwargs):
        raise KeyboardInterrupt("killed")

    bulk_load = bulk_extend = extend

    def load(self, data, format, **kwargs):
        if format == RdfFormat.N_QUADS:  # a document's graphs (the ontology is Turtle)
            raise KeyboardInterrupt("killed")
        return self._store.load(data, format=format, **kwargs)

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_replacement_killed_between_drop_and_insert_is_completed_by_the_next_build(tmp_path):
    doc = tmp_path / "m.txt"
    shutil.copy(LAYOUTS[0], doc)
    clean_dir = tmp_path / "clean"
    store = GraphStore(tmp_path / "s")
    build_ok([doc, LAYOUTS[1]], store)
    doc.write_text(LAYOUTS[0].read_text(encoding="utf-8") + "\nen tilføjet linje\n", encoding="utf-8")
    clean_writer = GraphStore(clean_dir)
    build_ok([doc, LAYOUTS[1]], clean_writer)
    clean_writer.close()
    real = store._store
    store._store = _DiesBeforeInsert(real)
    with pytest.raises(KeyboardInterrupt):
        build([doc, LAYOUTS[1]], store)
    store._store = real
    assert "m.txt" not in {d.name for d in store.documents()}, "a half-replaced document still has metadata"
    report = build_ok([doc, LAYOUTS[1]], store)
    assert [r.status for r in report.results] == ["built", "unchanged"]
    clean = GraphStore(clean_dir, read_only=True)
    assert stable_quads(store) == stable_quads(clean), "the next build did not complete the replacement"
    facts = sorted(p.name for p in (tmp_path / "s" / "facts").iterdir())
    assert facts == sorted(p.name for p in (clean_dir / "facts").iterdir()), "stale facts files are left"
    assert store.quads(document_iri("m.txt").value)


def test_derived_graphs_updated_by_difference_equal_a_clean_build(tmp_path):
    doc = tmp_path / "m.txt"
    shutil.copy(LAYOUTS[0], doc)
    store = GraphStore(tmp_path / "s")
    build_ok([doc, *LAYOUTS[1:4]], store)
    doc.write_text(LAYOUTS[0].read_text(encoding="utf-8").replace("\n", "\n\n", 3), encoding="utf-8")
    report = build_ok([doc, *LAYOUTS[1:4]], store)
    assert report.count("built") == 1, "the change did not rebuild the document"
    clean = GraphStore(tmp_path / "clean")
    build_ok([doc, *LAYOUTS[1:4]], clean)
    assert stable_quads(store) == stable_quads(clean), "the derived graphs differ from a clean build's"


def test_a_bulk_load_file_left_by_a_killed_build_is_removed_by_the_next_writer(tmp_path):
    store = GraphStore(tmp_path / "s")
    build_ok(LAYOUTS[:1], store)
    store.close()
    leftover = tmp_path / "s" / "bulk-123456789012345678901234567890.sst"
    leftover.write_bytes(b"half an SST file")  # as Oxigraph's bulk loader leaves it when killed
    store = GraphStore(tmp_path / "s")
    assert not leftover.exists(), "the bulk loader's leftover file was kept"
    report = build(LAYOUTS[:1], store)
    assert report.count("unchanged") == 1 and not report.failed

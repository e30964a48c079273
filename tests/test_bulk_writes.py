"""The cold build's write path: new documents go in batches through the bulk
loader (metadata last, so a document counts as stored only once it is all
in); derived graphs are written from their N-Quads lines."""

from __future__ import annotations

import datetime as dt

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat

import kg.pipeline as pipeline
import kg.store
from conftest import DATA, build_ok
from kg.pipeline import _merged_owner, build
from kg.rdf import document_iri
from kg.store import GraphStore, _by_subject, _digest, _span_digest, _subject_spans, quad_lines

LAYOUTS = [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]
BUILT_AT = dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc)
GRAPH = NamedNode("https://kg.example/graph/merged")
KG = "https://kg.example/ns/"


def stable_quads(store: GraphStore) -> set[str]:
    """Every quad but the build times, which differ from build to build."""
    return {str(q) for q in store.quads() if "generatedAtTime" not in q.predicate.value}


def clean_store(paths) -> GraphStore:
    store = GraphStore(None)
    build_ok(paths, store)
    return store


class _Faulty:
    """A store whose bulk loads or loads of N-Quads fail as `fail` says
    (`fail(method, data)` returns the exception to raise, or None)."""

    def __init__(self, store, fail):
        self._store, self._fail = store, fail

    def bulk_load(self, data, format, **kwargs):
        self._raise("bulk_load", data)
        return self._store.bulk_load(data, format=format, **kwargs)

    def load(self, data, format, **kwargs):
        if format == RdfFormat.N_QUADS:  # not the ontology (Turtle)
            self._raise("load", data)
        return self._store.load(data, format=format, **kwargs)

    def _raise(self, method, data):
        problem = self._fail(method, data)
        if problem is not None:
            raise problem

    def __getattr__(self, name):
        return getattr(self._store, name)


def _copies(folder, sources) -> list:
    folder.mkdir()
    for source in sources:
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return sorted(folder.iterdir())


@pytest.fixture
def bulk(monkeypatch):
    """Every batch through the bulk loader, however small."""
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", 0)


def build_killed_at_first_load(paths, store: GraphStore) -> None:
    """Build, killed as the first transaction (`Store.load`) begins."""
    real = store._store
    store._store = _Faulty(real, lambda method, data: KeyboardInterrupt("killed") if method == "load" else None)
    with pytest.raises(KeyboardInterrupt):
        build(paths, store)
    store._store = real


def test_a_build_killed_between_a_batch_and_its_metadata_is_completed_by_the_next(tmp_path, bulk):
    paths = _copies(tmp_path / "docs", LAYOUTS[:4])
    store = GraphStore(tmp_path / "s")
    build_killed_at_first_load(paths, store)
    assert store.documents() == [], "a document of the unfinished batch counts as stored"
    assert store.quads(document_iri(pipeline.document_name(paths[0])).value), \
        "the test did not stop the build after the bulk load"
    # Changed since: the rest of its graph left by the killed build must go.
    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("\n", "\n\n", 4), encoding="utf-8")
    report = build_ok(paths, store)
    assert report.count("built") == 4, "the next build did not write the batch's documents again"
    assert stable_quads(store) == stable_quads(clean_store(paths)), "the store differs from a clean build's"


def test_a_batch_the_bulk_loader_refuses_is_written_document_by_document(tmp_path, bulk):
    paths = LAYOUTS[:4]
    store = GraphStore(tmp_path / "s")
    refused = pipeline.document_name(paths[1]).encode()
    calls = []

    def fail(method, data):
        calls.append(method)
        if calls.count("bulk_load") == 1 and method == "bulk_load":  # the batch, before the link stage
            return OSError("disk full")
        if method == "load" and refused in data:
            return OSError("no space left")
        return None

    store._store = _Faulty(store._store, fail)
    report = build(paths, store)
    assert [r.name for r in report.results] == [pipeline.document_name(p) for p in paths], "results out of order"
    assert [r.status for r in report.results] == ["built", "failed", "built", "built"], \
        "a failure of one document was not its own"
    assert "no space left" in report.results[1].error
    names = {d.name for d in store.documents()}
    assert names == {pipeline.document_name(p) for p in paths} - {refused.decode()}


def test_a_small_batch_goes_in_as_one_transaction(tmp_path):
    paths = LAYOUTS[:3]
    store = GraphStore(tmp_path / "s")
    build_killed_at_first_load(paths, store)
    assert not [q for q in store.quads() if "/document/" in q.graph_name.value], \
        "a small batch stopped before its end left part of its documents in the store"


@pytest.mark.parametrize("small", [0, 10**9], ids=["bulk-loaded", "one-transaction"])
def test_batches_of_any_size_give_the_same_store_and_the_results_in_input_order(tmp_path, monkeypatch, small):
    monkeypatch.setattr(kg.store, "_SMALL_BATCH", small)
    first = LAYOUTS[:3]
    changed = tmp_path / "m.txt"
    changed.write_text(LAYOUTS[3].read_text(encoding="utf-8"), encoding="utf-8")
    stores = []
    for batch in (1, 10**9):
        monkeypatch.setattr(pipeline, "BATCH_BYTES", batch)
        store = GraphStore(tmp_path / f"s{batch}")
        build_ok([*first, changed], store)
        changed.write_text(LAYOUTS[3].read_text(encoding="utf-8") + "\nen ny linje\n", encoding="utf-8")
        seen = []
        report = build([*first, changed, *LAYOUTS[4:7]], store, on_document=seen.append)
        assert [r.status for r in report.results] == ["unchanged"] * 3 + ["built"] * 4
        assert seen == report.results, "the results were not reported in input order"
        changed.write_text(LAYOUTS[3].read_text(encoding="utf-8"), encoding="utf-8")
        stores.append(stable_quads(store))
    assert stores[0] == stores[1], "the batch size changed the store"


def _quad(subject, predicate: str, obj) -> Quad:
    return Quad(subject, NamedNode(KG + predicate), obj, GRAPH)


def test_lines_group_each_subject_and_digest_it_as_its_quads_do():
    quads = [
        _quad(NamedNode("https://kg.example/id/a"), "navn", Literal("Søren \"Sø\" Ærø")),
        _quad(NamedNode("https://kg.example/id/a#x"), "navn", Literal("to\nlinjer")),
        _quad(NamedNode("https://kg.example/id/a"), "rolle", Literal("formand", language="da")),
        _quad(BlankNode("b1"), "navn", Literal("1")),
        _quad(BlankNode("b10"), "navn", Literal("10")),
        _quad(NamedNode("https://kg.example/id/a"), "navn", Literal("Søren \"Sø\" Ærø")),  # twice
    ]
    lines = quad_lines(quads)
    assert len(lines) == 5, "a quad given twice is not written once"
    spans = _subject_spans(lines)
    grouped = _by_subject(quads)
    assert spans.keys() == grouped.keys(), "the subjects found in the lines differ from the quads'"
    for key, span in spans.items():
        assert _span_digest(lines, span) == _digest(grouped[key]), f"{key}: the digest differs from the quads'"


def test_a_list_read_as_it_is_consumed_gives_the_same_lines():
    quads = [_quad(NamedNode(f"https://kg.example/id/m{i % 7}"), "nr", Literal(str(i))) for i in range(50)]
    expected = quad_lines(quads)
    assert quad_lines(list(quads), consume=True) == expected


def test_the_merged_owner_from_all_lines_is_the_owner_from_the_role_subjects_lines(corpus_store):
    """The cold link reads the owner from every line, the incremental one
    from the lines of the role statements' subjects only."""
    merged = corpus_store.quads("https://kg.example/graph/merged")
    from_lines = _merged_owner(quad_lines(merged))
    from_roles = _merged_owner(line.encode() for key, lines in _by_subject(merged).items() if "#role-" in key
                               for line in lines)
    roles = {f"<{q.subject.value}>" for q in merged if "#role-" in q.subject.value}
    assert roles, "the corpus has no role statements to test with"
    keys = roles | {f"<{q.subject.value}>" for q in merged[:200]}
    assert {k: from_roles(k) for k in keys} == {k: from_lines(k) for k in keys}


def test_a_derived_graph_written_from_lines_holds_its_quads(tmp_path):
    store = GraphStore(tmp_path / "s")
    quads = [_quad(NamedNode(f"https://kg.example/id/p{i}"), "navn", Literal(f"Person {i} æ")) for i in range(30)]
    store.forget_linked()
    store.replace_graph(GRAPH, quads)  # a cold build: an empty graph, bulk loaded
    assert store.quads(GRAPH.value) == sorted(quads, key=str)
    store.mark_linked({"digest": "x", "warnings": []})
    store.forget_linked()
    changed = [*quads[1:], _quad(NamedNode("https://kg.example/id/p0"), "navn", Literal("Ny"))]
    store.replace_graph(GRAPH, changed)  # one subject rewritten by difference
    assert store.quads(GRAPH.value) == sorted(changed, key=str)


def test_each_document_is_announced_when_read_before_the_new_ones_are_written(tmp_path, monkeypatch):
    # A cold build writes its new documents after the last one is read: the
    # progress (on_read) must not wait for that write.
    store = GraphStore(tmp_path / "s")
    order = []
    written = store.load_spooled
    monkeypatch.setattr(store, "load_spooled", lambda spool: (order.append("written"), written(spool))[1])
    report = build(LAYOUTS[:3], store, on_read=lambda name: order.append(name))
    assert order == [r.name for r in report.results] + ["written"], \
        "the documents were not announced as read, in input order, before the write"

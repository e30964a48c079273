"""The store: one graph per document, replaced on change, kept on failure."""

from __future__ import annotations

import shutil

from conftest import DATA, build_ok
from kg.pipeline import build
from kg.rdf import document_iri
from kg.store import GraphStore

MINUTES = DATA / "minutes_inline_headings" / "kdnet_minutes.txt"


def test_each_document_gets_its_own_named_graph(tmp_path):
    store = GraphStore(tmp_path / "s")
    build_ok([MINUTES, DATA / "chapter_numbered" / "kkr_agenda.txt"], store)
    graphs = {q.graph_name.value for q in store.quads()}
    assert document_iri("kdnet_minutes.txt").value in graphs
    assert document_iri("kkr_agenda.txt").value in graphs


def test_a_changed_document_replaces_its_graph(tmp_path):
    doc = tmp_path / "m.txt"
    shutil.copy(MINUTES, doc)
    store = GraphStore(tmp_path / "s")
    build_ok([doc], store)
    doc.write_text(MINUTES.read_text(encoding="utf-8").replace("4. Eventuelt v. Dorte Lund", "4. Eventuelt"),
                   encoding="utf-8")
    report = build([doc], store)
    assert report.count("built") == 1
    titles = store.select("SELECT ?n WHERE { ?i kg:number ?n ; kg:presenter ?p } ORDER BY ?n")
    assert [r["n"] for r in titles] == ["1", "2", "3"]


def test_a_broken_document_fails_alone_and_loses_nothing(tmp_path):
    good = tmp_path / "m.txt"
    shutil.copy(MINUTES, good)
    store = GraphStore(tmp_path / "s")
    build_ok([good], store)
    before = store.quads(document_iri("m.txt").value)
    good.write_bytes(b"\x00\x01binary\x00\x00\x00\xff")
    report = build([good, DATA / "chapter_numbered" / "kkr_agenda.txt"], store)
    assert [r.status for r in report.results] == ["failed", "built"]
    assert "m.txt" in report.failed[0].error and "binary" in report.failed[0].error
    assert store.quads(document_iri("m.txt").value) == before


def test_store_records_document_metadata(tmp_path):
    store = GraphStore(tmp_path / "s")
    build_ok([MINUTES], store)
    (doc,) = store.documents()
    assert doc.name == "kdnet_minutes.txt"
    assert len(doc.sha256) == 64 and doc.triples > 0 and doc.extractor_version


def test_facts_live_beside_the_store_keyed_by_content_hash(tmp_path):
    doc = tmp_path / "m.txt"
    shutil.copy(MINUTES, doc)
    store = GraphStore(tmp_path / "s")
    build_ok([doc], store)
    (stored,) = store.documents()
    first = store.facts_path("m.txt", stored.sha256)
    assert first.exists() and first.name.startswith(stored.sha256), "one JSON file per document, by its hash"
    assert not list(first.parent.glob(".tmp-*")), "the temporary file is renamed into place"
    assert store.stored_facts()[0].document.sha256 == stored.sha256
    doc.write_text(MINUTES.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build_ok([doc], store)
    (changed,) = store.documents()
    assert store.facts_path("m.txt", changed.sha256).exists()
    assert not first.exists(), "the facts of the replaced content are removed"


def test_no_graph_holds_the_facts_json(tmp_path):
    store = GraphStore(tmp_path / "s")
    build_ok([MINUTES], store)
    assert not [q for q in store.quads() if q.predicate.value.endswith("#facts")]

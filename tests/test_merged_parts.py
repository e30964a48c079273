"""The cold build's merged graph made and loaded a part of its subjects at
a time (kg.rdf.merged._Graph.subject_parts, GraphStore.replace_graph_parts):
the same lines, store and record as the whole graph written at once, with
every line of a subject in one part and only one part's lines held."""

from __future__ import annotations

import re

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from kg.pipeline import _merged_owner
from kg.rdf.iris import Quads
from kg.rdf.merged import _Graph
from kg.store import GraphStore, quad_lines, sorted_lines
from kg.vocab import KG_NS

GRAPH = NamedNode("https://kg.example/graph/merged")
KG = "https://kg.example/ns/"
ID = "https://kg.example/id/"


def _graph() -> _Graph:
    """Many subjects, one named by two parts, a blank node, a role
    statement (owned by its person), and a quad given twice."""
    g = Quads(GRAPH)
    for i in range(40):
        mødet = NamedNode(f"{ID}meeting/udvalget-{i % 9}/2025-05-0{i % 7 + 1}")
        g.add(mødet, f"{KG}punkt", Literal(f"Punkt {i} om Ærø", language="da"))
        g.add(NamedNode(f"{ID}person/p{i}"), f"{KG}deltog", mødet)
    g.add(BlankNode("k1"), f"{KG}navn", Literal("Åse \"Ø\" Ørum"))
    rolle = NamedNode(f"{ID}document/ref.txt#role-L4-aase-orum-kkr-medlem")
    g.add(rolle, f"{KG_NS}person", NamedNode(f"{ID}person/aase-orum"))
    extra = [Quad(NamedNode(f"{ID}person/p3"), NamedNode(f"{KG}lookupKey"), Literal("p3"), GRAPH),
             Quad(NamedNode(f"{ID}person/p3"), NamedNode(f"{KG}deltog"),
                  NamedNode(f"{ID}meeting/udvalget-3/2025-05-04"), GRAPH)]  # also in g
    return _Graph([g, extra])


def _held(store: GraphStore) -> list[str]:
    """The graph's quads as lines, a blank node's label (each load gives
    its own) left out."""
    return sorted(re.sub(r"^_:\w+", "_:", str(q)) for q in store.quads(GRAPH.value))


def test_parts_hold_each_subject_whole_and_all_lines_once():
    expected = quad_lines(list(_graph()))
    graph = _graph()
    parts = [sorted_lines(part) for part in graph.subject_parts(7)]
    assert len(parts) > 3, "a small part size gave one part: nothing is tested"
    subjects = [{line[:line.index(b" ")] for line in part} for part in parts]
    for i, a in enumerate(subjects):
        for b in subjects[i + 1:]:
            assert not a & b, f"a subject's lines are in two parts: {sorted(a & b)[:3]}"
    assert sorted_lines(line for part in parts for line in part) == expected, "the parts' lines differ from the quads'"
    assert list(graph) == [], "the graph still holds its triples after its parts were made"


def test_a_cold_graph_loaded_in_parts_is_the_graph_loaded_whole(tmp_path):
    whole, parted = GraphStore(tmp_path / "whole"), GraphStore(tmp_path / "parted")
    for store in (whole, parted):
        store.forget_linked()
    lines = quad_lines(list(_graph()))
    whole.replace_graph_lines(GRAPH, lines, _merged_owner(lines))
    parted.replace_graph_parts(GRAPH, _graph().subject_parts(5), _merged_owner)
    assert _held(parted) == _held(whole), "the store differs when loaded in parts"
    record = "SELECT subject, owner, digest FROM derived WHERE graph = ? ORDER BY subject"
    assert (parted.link_db().connection.execute(record, (GRAPH.value,)).fetchall()
            == whole.link_db().connection.execute(record, (GRAPH.value,)).fetchall()), \
        "the record (digests, owners) differs when loaded in parts"
    owner = parted.link_db().connection.execute(
        "SELECT owner FROM derived WHERE subject LIKE '%#role-%'").fetchone()
    assert owner == ("person/aase-orum",), "a role statement is not owned by its person"


def test_a_graph_the_store_holds_is_replaced_by_its_parts(tmp_path):
    """Not a cold build: the parts are joined and written by difference."""
    store = GraphStore(tmp_path / "s")
    store.forget_linked()
    store.replace_graph_parts(GRAPH, _graph().subject_parts(5), _merged_owner)
    smaller = _graph()
    smaller.parts[1].clear()
    store.replace_graph_parts(GRAPH, smaller.subject_parts(5), _merged_owner)
    assert _held(store) == sorted(re.sub(r"^_:\w+", "_:", str(q)) for q in _graph().parts[0]), \
        "the graph written again holds other quads than its parts"

"""The link stage's writer: the merged graph turned into N-Quads lines from
its terms (no Quad objects), emptied as it goes, and loaded slice by slice,
each slice dropped once loaded; the lines and the store are the same as
when made from Quads."""

from __future__ import annotations

from itertools import chain

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

import kg.store
from kg.rdf.iris import Quads
from kg.rdf.merged import _Graph
from kg.store import GraphStore, quad_lines, sorted_lines

GRAPH = NamedNode("https://kg.example/graph/merged")
KG = "https://kg.example/ns/"
INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _collected() -> Quads:
    """Terms of every kind a merged graph holds: escapes, non-ASCII, a
    language, a datatype, a blank node, a subject named twice in a row."""
    g = Quads(GRAPH)
    mødet = NamedNode("https://kg.example/id/meeting/regionsraadet/2025-04-02")
    g.add(mødet, f"{KG}sted", Literal("Rådhuset, \"store sal\""))
    g.add(mødet, f"{KG}note", Literal("første linje\nanden linje\ttab \\ skråstreg"))
    g.add(mødet, f"{KG}rolle", Literal("næstformand", language="da"))
    g.add(mødet, f"{KG}antal", Literal("7", datatype=INTEGER))
    g.add(BlankNode("k1"), f"{KG}navn", Literal("Åse Ørum"))
    g.add(NamedNode("https://kg.example/id/person/aase-orum"), f"{KG}deltog", mødet)
    g.add(mødet, f"{KG}sted", Literal("Rådhuset, \"store sal\""))  # once only
    return g


def test_lines_from_the_terms_are_the_lines_of_the_quads():
    g = _collected()
    expected = [str(q).encode("utf-8") for q in g]
    assert list(g.nquad_lines()) == expected, "a line made from the terms differs from str() of its Quad"
    assert len(expected) == 6, "a triple added twice is held twice"


def test_consuming_the_lines_empties_the_collection():
    g = _collected()
    expected = quad_lines(list(g))
    assert sorted_lines(g.nquad_lines(consume=True)) == expected, "the consumed lines differ from the quads' lines"
    assert list(g) == [], "the triples are still held after their lines were made"


def test_the_merged_graph_in_parts_gives_the_lines_of_all_its_quads():
    g = _collected()
    extra = [Quad(NamedNode("https://kg.example/id/body/kkr-nord"), NamedNode(f"{KG}lookupKey"),
                  Literal("kkr nord"), GRAPH)]
    repeated = [Quad(NamedNode("https://kg.example/id/person/aase-orum"), NamedNode(f"{KG}deltog"),
                     NamedNode("https://kg.example/id/meeting/regionsraadet/2025-04-02"), GRAPH)]
    graph = _Graph([g, extra, repeated])
    expected = quad_lines(list(graph))
    assert len(expected) == 7, "a quad in two parts is not written once"
    assert sorted_lines(chain.from_iterable(graph.subject_parts(3))) == expected, "the parts' lines differ from their quads'"
    assert list(graph) == [] and extra == [], "a part is still held after its lines were made"


def test_a_graph_loaded_slice_by_slice_and_dropped_holds_every_quad(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store, "_LOAD_LINES", 7)  # several slices from a few lines
    quads = [Quad(NamedNode(f"https://kg.example/id/person/p{i}"), NamedNode(f"{KG}navn"),
                  Literal(f"Person {i} æ"), GRAPH) for i in range(30)]
    lines = quad_lines(quads)
    store = GraphStore(tmp_path / "s")
    store.forget_linked()
    store.replace_graph_lines(GRAPH, lines, consume=True)  # a cold build: bulk loaded
    assert store.quads(GRAPH.value) == sorted(quads, key=str), "the store does not hold the lines loaded"
    assert lines == [], "the lines loaded are still held"

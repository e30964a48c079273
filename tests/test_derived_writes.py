"""Derived graphs written by difference from the record of what the last
complete link stage wrote (kg-derived.json, named by the link mark)."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from kg.store import DERIVED, GraphStore

GRAPH = NamedNode("https://kg.example/graph/merged")


def _quads(*triples: tuple[str, str, str]) -> list[Quad]:
    return [Quad(NamedNode(f"https://kg.example/id/{s}"), NamedNode(f"https://kg.example/ns/{p}"), Literal(o), GRAPH)
            for s, p, o in triples]


def _link(store: GraphStore, quads: list[Quad], complete: bool = True) -> None:
    """One link stage writing one derived graph; a killed one never marks."""
    store.forget_linked()
    store.replace_graph(GRAPH, quads)
    if complete:
        store.mark_linked({"digest": "x", "warnings": []})


# Many unchanged subjects, so that a change is written by difference, not reloaded.
BASE = [("person/p%d" % i, "navn", "Navn %d" % i) for i in range(10)]


def test_a_change_after_a_complete_link_stage_gives_the_new_graph(tmp_path):
    store = GraphStore(tmp_path / "s")
    _link(store, _quads(*BASE, ("moede/1", "sted", "Rådhuset"), ("moede/2", "sted", "Borgen")))
    assert (tmp_path / "s" / DERIVED).is_file(), "the link stage left no record of what it wrote"
    new = _quads(*BASE, ("moede/1", "sted", "Kulturhuset"), ("moede/3", "sted", "Borgen"))
    _link(store, new)
    assert store.quads(GRAPH.value) == sorted(new, key=str), "the graph written by difference is not the new graph"


def test_the_record_of_a_killed_link_stage_is_not_trusted(tmp_path):
    store = GraphStore(tmp_path / "s")
    first = _quads(*BASE, ("moede/1", "sted", "Rådhuset"))
    _link(store, first)
    # Killed after writing the graph, before marking: the store holds the
    # second graph, the record on disk still describes the first.
    _link(store, _quads(*BASE, ("moede/1", "sted", "Kulturhuset")), complete=False)
    store.close()
    store = GraphStore(tmp_path / "s")
    _link(store, first)
    assert store.quads(GRAPH.value) == sorted(first, key=str), \
        "a record not named by a link mark was trusted: the store kept a killed build's quads"


"""Facts the merged graph precomputes for the named queries (kg:agendaItem,
kg:itemOutcome, kg:standingHandling, kg/rdf/merged.py): a query bound to a
body or a kind reads them instead of walking every item or handling, and
gives exactly the rows the listing gives for that body or kind, in the
listing's order; the incremental link keeps them as a full link makes them."""

from __future__ import annotations


import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.pipeline import build
from kg.query import load_query, run
from kg.rdf import MERGED_GRAPH
from kg.rdf.merged import _by_predicate, _standing_handlings
from kg.store import GraphStore
from kg.vocab import DCTERMS, KG, SKOS, XSD
from test_incremental_link import _generate, counted, derived, from_scratch  # noqa: F401 (a fixture)
from test_incremental_scope import _built


def rows(store: GraphStore, name: str, params: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else v.value for v in row) for row in run(store, load_query(name), params)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> GraphStore:
    """A store of generated agendas and minutes: many bodies, meetings,
    items and agreements."""
    folder = tmp_path_factory.mktemp("gen")
    _generate(40, folder, "agenda+minutes")
    store = GraphStore(None)
    assert not build([folder], store).failed
    return store


@pytest.mark.parametrize("name", ["agenda", "decisions"])
def test_a_body_gives_the_listing_rows_of_that_body(generated, name):
    listing = rows(generated, name)
    bodies = sorted({row[0] for row in listing})
    assert len(bodies) > 3, f"the generated corpus has only {len(bodies)} bodies: the test would prove little"
    for body in bodies:
        assert rows(generated, name, {"body": body}) == [r for r in listing if r[0] == body], \
            f"{name} body={body} differs from the listing's rows of {body}"


def test_a_body_and_a_date_give_the_listing_rows_of_that_meeting(generated):
    listing = rows(generated, "agenda")
    body, date = next((r[0], r[1]) for r in listing if r[1])
    assert rows(generated, "agenda", {"body": body, "date": date}) == \
        [r for r in listing if r[:2] == (body, date)], f"agenda body={body} date={date} differs from the listing"


def test_a_name_of_two_bodies_lists_them_by_body_then_date(generated):
    """A key naming two bodies: the rows of both, each body's together (the
    date alone orders the rows only when the key names one body)."""
    listing = rows(generated, "agenda")
    first, second = sorted({row[0] for row in listing})[:2]
    shared = "fælles forkortelse"
    for body in (first, second):
        node = next(r["b"] for r in generated.select(
            f'SELECT ?b WHERE {{ ?b <{SKOS.prefLabel}> "{body}" }}'))
        generated._store.add(Quad(NamedNode(node), NamedNode(str(KG.lookupKey)), Literal(shared), MERGED_GRAPH))
    try:
        assert rows(generated, "agenda", {"body": shared}) == [r for r in listing if r[0] in (first, second)], \
            "agenda for a key of two bodies is not the listing's rows of both, body by body"
    finally:
        for quad in list(generated._store.quads_for_pattern(None, NamedNode(str(KG.lookupKey)), Literal(shared))):
            generated._store.remove(quad)


def test_a_kind_gives_the_listing_rows_of_that_kind(generated):
    listing = rows(generated, "agreements")
    kinds = sorted({row[1] for row in listing})
    assert len(kinds) > 2, f"the generated corpus has only {len(kinds)} kinds of agreement"
    for kind in kinds:
        assert rows(generated, "agreements", {"kind": kind}) == [r for r in listing if r[1] == kind], \
            f"agreements kind={kind} differs from the listing's rows of that kind"


def _node(name: str) -> NamedNode:
    return NamedNode(f"https://kg.example/id/test/{name}")


def _handling(agreement: str, handling: str, date: str | None, status: bool) -> list[tuple]:
    """The triples of a handling of `agreement` on an item of a meeting on
    `date` (None: undated), deciding something (`status`) or not."""
    h, item, meeting = _node(handling), _node(f"{handling}-item"), _node(f"{handling}-meeting")
    triples = [(h, NamedNode(str(KG.agreement)), _node(agreement)), (h, NamedNode(str(DCTERMS.subject)), item),
               (item, NamedNode(str(KG.meeting)), meeting)]
    if date is not None:
        triples.append((meeting, NamedNode(str(DCTERMS.date)), Literal(date, datatype=NamedNode(str(XSD.date)))))
    if status:
        triples.append((h, NamedNode(str(KG.status)), NamedNode(str(KG["agreement-approved"]))))
    return triples


def test_the_standing_handling_is_the_latest_deciding_else_the_latest():
    notation = (NamedNode(str(KG["agreement-approved"])), NamedNode(str(SKOS.notation)), Literal("approved"))
    triples = [notation,
               *_handling("a", "a-decided", "2024-01-10", True), *_handling("a", "a-later-talk", "2024-03-01", False),
               *_handling("b", "b-old", "2023-05-01", False), *_handling("b", "b-one", "2024-02-01", False),
               *_handling("b", "b-two", "2024-02-01", False),
               *_handling("c", "c-undated", None, True),
               *_handling("d", "d-one", "2024-05-01", True), *_handling("d", "d-two", "2024-05-01", True),
               *_handling("d", "d-early", "2024-04-01", True), *_handling("d", "d-undated", None, True)]
    found = sorted((q.subject.value.rsplit("/", 1)[1], q.object.value.rsplit("/", 1)[1])
                   for q in _standing_handlings(_by_predicate(triples)))
    assert found == [("a", "a-decided"), ("b", "b-one"), ("b", "b-two"), ("d", "d-one"), ("d", "d-two")]


def test_the_incremental_link_keeps_the_standing_handlings(tmp_path, counted):
    """The documents holding agreements' standing handlings removed one at a
    time: each agreement's handling moves to an earlier one, as a full link
    finds it."""
    folder, store = _built(_generate(30, tmp_path / "gen", "agenda+minutes"), tmp_path)
    standing = f"<{KG.standingHandling}>"
    before = [line for line in derived(store)[MERGED_GRAPH.value] if standing in line]
    assert before, "the generated corpus gives no agreement a standing handling"
    sources = sorted({r["source"].split(":")[0] for r in store.select(
        f"SELECT ?source WHERE {{ ?a <{KG.standingHandling}> ?h . ?h <{KG.sources}> ?source }}")})
    for name in sources[:2]:
        (folder / name).unlink()
        assert not build([folder], store, prune=True).failed
        got, want = derived(store), from_scratch(folder)
        assert [line for line in got[MERGED_GRAPH.value] if standing in line] == \
            [line for line in want[MERGED_GRAPH.value] if standing in line], \
            f"after removing {name}, the standing handlings differ from a full link's"
        assert got == want, f"after removing {name}, the derived graphs differ from a full link's"
    assert counted["changes"] >= 2, "the incremental link fell back to a full link"


def test_a_cold_build_compacts_the_store_and_a_rebuild_does_not(tmp_path, monkeypatch):
    """The compaction costs seconds at 10,000 documents: once, when a cold
    build ends; a rebuild of one changed document does not run it."""
    compacted = []
    compact = GraphStore.compact
    monkeypatch.setattr(GraphStore, "compact", lambda self: (compacted.append(self.path), compact(self)))
    generated = _generate(4, tmp_path / "docs", "minutes")
    store = GraphStore(tmp_path / "s")
    assert not build([tmp_path / "docs"], store).failed
    assert compacted == [tmp_path / "s"], f"a cold build compacted {len(compacted)} times, not once"
    listing = rows(store, "agenda")
    generated[0].write_text(generated[0].read_text(encoding="utf-8") + "Mødet sluttede kl. 15.40.\n", encoding="utf-8")
    assert not build([tmp_path / "docs"], store).failed
    assert compacted == [tmp_path / "s"], "a rebuild of one changed document compacted the store"
    assert listing and rows(store, "agenda") == listing, "the agenda changed after a rebuild that changed no item"

"""The named queries' row order, as their headers document it, and a parameter's rows
being the listing's rows for that name (for the queries tuned to read only the
parameter's part of the graph)."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.query import named_queries, run
from kg.rdf.iris import MERGED_GRAPH
from kg.store import GraphStore

QUERIES = named_queries()
KG = "https://kg.example/def#"
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _rows(store, name, params=None):
    result = run(store, QUERIES[name], params or {})
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in result]


# (query, the columns its rows are sorted by, leading ones first)
ORDERED_BY = [("agenda", ("body", "meeting_date")), ("decisions", ("body", "meeting_date")),
              ("decisions-from", ("body", "meeting_date")), ("attendance", ("body", "meeting_date", "status", "person")),
              ("who-sits-where", ("person", "body", "role", "seen_from")),
              ("referrals", ("meeting_date", "source", "from_body", "to_body")),
              ("members-of", ("body", "role", "person", "seen_from", "source"))]


@pytest.mark.parametrize("name,columns", ORDERED_BY, ids=[q for q, _ in ORDERED_BY])
def test_a_listing_comes_in_its_documented_order(name, columns, corpus_store):
    keys = [tuple(row[c] for c in columns) for row in _rows(corpus_store, name)]
    assert len(keys) > 1, f"{name} lists too little on the corpus to show an order"
    assert keys == sorted(keys), f"{name} rows are not ordered by {', '.join(columns)}"


def test_decisions_from_a_body_are_the_listings_chains_of_that_body(corpus_store):
    listing = _rows(corpus_store, "decisions-from")
    bodies = sorted({row["body"] for row in listing})
    assert bodies, "decisions-from lists nothing on the corpus"
    for body in bodies:
        expected = [row for row in listing if row["body"] == body]
        assert _rows(corpus_store, "decisions-from", {"body": body.upper()}) == expected, body


def _decision(number: int, body: str, label: str, date: str) -> list[Quad]:
    """One item with a decision at a meeting of `body` on `date`, in the merged graph's shape."""
    b = NamedNode(f"https://kg.example/id/body/{body}")
    m = NamedNode(f"https://kg.example/id/meeting/{body}/{date}")
    i = NamedNode(f"{m.value}/item/{number}")
    d = NamedNode(f"{i.value}/decision")
    g = MERGED_GRAPH
    return [Quad(b, NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal(label), g),
            Quad(m, NamedNode("http://schema.org/organizer"), b, g),
            Quad(m, NamedNode("http://purl.org/dc/terms/date"), Literal(date, datatype=XSD_DATE), g),
            Quad(i, NamedNode(f"{KG}meeting"), m, g),
            Quad(i, NamedNode(f"{KG}number"), Literal(str(number)), g),
            Quad(i, NamedNode("http://purl.org/dc/terms/title"), Literal(f"Punkt {number}"), g),
            Quad(i, NamedNode("http://schema.org/position"), Literal(str(number), datatype=XSD_INTEGER), g),
            Quad(i, NamedNode(f"{KG}decision"), d, g),
            Quad(d, NamedNode("http://www.w3.org/ns/prov#wasAttributedTo"), b, g),
            Quad(d, NamedNode(f"{KG}decisionText"), Literal("Godkendt."), g),
            Quad(d, NamedNode(f"{KG}outcome"), NamedNode(f"{KG}approved"), g),
            Quad(d, NamedNode(f"{KG}sources"), Literal(f"{body}_{date}_referat.txt:{number}"), g),
            # What the merged graph derives (kg.rdf.merged): the item cited with its decision, the meeting's items,
            # the item's outcome.
            Quad(i, NamedNode(f"{KG}sources"), Literal(f"{body}_{date}_referat.txt:{number}"), g),
            Quad(m, NamedNode(f"{KG}agendaItem"), i, g),
            Quad(m, NamedNode(f"{KG}decidedItem"), i, g),
            Quad(i, NamedNode(f"{KG}itemOutcome"), NamedNode(f"{KG}approved"), g)]


def test_a_body_whose_name_begins_another_bodys_name_sorts_first_whatever_the_dates():
    """Body and date are sorted as one key: a separator below every character keeps
    "Råd" before "Råd Nord" (without it, "Råd2021..." would sort after "Råd Nord2020...")."""
    store = GraphStore(None)
    notation = Quad(NamedNode(f"{KG}approved"), NamedNode("http://www.w3.org/2004/02/skos/core#notation"),
                    Literal("approved"), MERGED_GRAPH)
    store.replace_graph(MERGED_GRAPH, [notation, *_decision(1, "raad-nord", "Råd Nord", "2020-03-01"),
                                       *_decision(2, "raad", "Råd", "2021-05-01")])
    rows = _rows(store, "decisions")
    assert [(r["body"], r["meeting_date"]) for r in rows] == [("Råd", "2021-05-01"), ("Råd Nord", "2020-03-01")]

"""Exports: the store as RDF, and three networks built with networkx.

RDF: quad formats (nquads, trig) keep every named graph (one per document,
with its metadata, the people, links and reference graphs, and the merged
graph); triple formats (turtle, ntriples, rdfxml) hold the merged graph, each
fact once with its sources; JSON-LD is compacted with kg's prefixes as its
context. No export holds the extracted facts as JSON: those stay beside the
store. Pyoxigraph streams all but
JSON-LD, which rdflib compacts in memory.

Networks, for Gephi and Cytoscape:
  membership     person -- body, one edge per term (role, municipality, start, start_basis, seen_from, end,
                 end_basis, evidence)
  referral       body -> body, one edge per pair, with the number of items and the evidence (file:line)
  co-membership  person -- person, weighted by the bodies they share
as GraphML, GEXF, node-link JSON or a CSV edge list.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import BinaryIO

import networkx as nx
from pyoxigraph import RdfFormat, serialize

from kg.errors import KgError
from kg.queries import internal_query
from kg.store import GraphStore
from kg.vocab import PREFIXES

RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "rdfxml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
}
GRAPH_FORMATS = ("graphml", "gexf", "json", "csv")
NETWORKS = ("membership", "referral", "co-membership")
EXTENSIONS = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "rdfxml": "rdf", "jsonld": "jsonld",
              "graphml": "graphml", "gexf": "gexf", "json": "json", "csv": "csv"}
_QUADS = {"nquads", "trig"}


def export_rdf(store: GraphStore, fmt: str, out: BinaryIO) -> None:
    """Write the store in RDF format `fmt` to the binary stream `out`."""
    if fmt not in RDF_FORMATS:
        raise KgError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    if fmt in _QUADS:
        store.dump(out, RDF_FORMATS[fmt])
    elif fmt == "jsonld":
        out.write(_jsonld(store).encode("utf-8"))
    else:
        _triples(store.merged_triples(), out, RDF_FORMATS[fmt])


def _triples(quads, out: BinaryIO, fmt: RdfFormat) -> None:
    """The merged graph's quads written as triples (the graph name dropped)."""
    serialize((q.triple for q in quads), out, fmt)


def _jsonld(store: GraphStore) -> str:
    import rdflib

    buffer = io.BytesIO()
    store.dump(buffer, RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    return dataset.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)


# --- networks ------------------------------------------------------------------


def network(store: GraphStore, name: str) -> nx.Graph:
    """One of the NETWORKS as a networkx graph with Gephi-friendly attributes
    (strings and numbers only; "" where a value is unknown)."""
    if name == "membership":
        return membership_network(store)
    if name == "referral":
        return referral_network(store)
    if name == "co-membership":
        return co_membership_network(membership_network(store))
    raise KgError(f"unknown network {name!r}; use one of {', '.join(NETWORKS)}")


def _memberships(store: GraphStore) -> list[dict[str, str]]:
    return store.select(internal_query("network-memberships"))


def membership_network(store: GraphStore) -> nx.MultiGraph:
    graph = nx.MultiGraph(name="kg membership network")
    for row in _memberships(store):
        graph.add_node(row["person"], label=row["person_name"], kind="person")
        graph.add_node(row["body"], label=row["body_name"], kind="body")
        graph.add_edge(row["person"], row["body"], key=row["m"], role=row["role"],
                       municipality=row["municipality"], start=row["start"], start_basis=row["start_basis"],
                       seen_from=row["seen_from"], end=row["end"], end_basis=row["end_basis"], evidence=row["source"])
    return graph


def referral_network(store: GraphStore) -> nx.DiGraph:
    rows = store.select(internal_query("network-referrals"))
    graph = nx.DiGraph(name="kg referral network")
    for row in rows:
        graph.add_node(row["from"], label=row["from_name"], kind="body")
        graph.add_node(row["to"], label=row["to_name"], kind="body")
        edge = graph.get_edge_data(row["from"], row["to"])
        if edge is None:
            graph.add_edge(row["from"], row["to"], count=0, items="", first=row["date"], last=row["date"], evidence="")
            edge = graph.edges[row["from"], row["to"]]
        edge["count"] += 1
        edge["items"] = "; ".join(filter(None, [edge["items"], row["title"]]))
        edge["last"] = max(edge["last"], row["date"])
        edge["evidence"] = " ".join(filter(None, [edge["evidence"], row["src"]]))
    return graph


def co_membership_network(memberships: nx.MultiGraph) -> nx.Graph:
    bodies_of: dict[str, set[str]] = defaultdict(set)
    for person, body in memberships.edges():
        if memberships.nodes[person]["kind"] == "body":
            person, body = body, person
        bodies_of[person].add(body)
    graph = nx.Graph(name="kg co-membership network")
    people = sorted(bodies_of)
    for person in people:
        graph.add_node(person, label=memberships.nodes[person]["label"], kind="person")
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            shared = bodies_of[a] & bodies_of[b]
            if shared:
                graph.add_edge(a, b, weight=len(shared),
                               bodies="; ".join(sorted(memberships.nodes[x]["label"] for x in shared)))
    return graph


def write_network(graph: nx.Graph, fmt: str, out: BinaryIO) -> None:
    """Write a network as GraphML, GEXF, node-link JSON or a CSV edge list."""
    if fmt == "graphml":
        nx.write_graphml(graph, out)
    elif fmt == "gexf":
        nx.write_gexf(graph, out)
    elif fmt == "json":
        out.write(json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1).encode("utf-8"))
    elif fmt == "csv":
        text = io.StringIO()
        keys = sorted({k for _, _, data in graph.edges(data=True) for k in data})
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(["source", "target", "source_label", "target_label", *keys])
        for a, b, data in graph.edges(data=True):
            writer.writerow([a, b, graph.nodes[a].get("label", ""), graph.nodes[b].get("label", ""),
                             *(data.get(k, "") for k in keys)])
        out.write(text.getvalue().encode("utf-8"))
    else:
        raise KgError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")

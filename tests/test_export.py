"""Exports parse back with the same counts: RDF with rdflib, networks with networkx."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from conftest import build_cli_ok
from kg.cli import cli
from kg.rdf import MERGED_GRAPH
from kg.export import GRAPH_FORMATS, NETWORKS, RDF_FORMATS, export_rdf, network, write_network

RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "rdfxml": "xml",
                 "jsonld": "json-ld"}


def rdf_bytes(store, fmt) -> bytes:
    out = io.BytesIO()
    export_rdf(store, fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_export_parses_back_with_the_same_counts(corpus_store, fmt):
    data = rdf_bytes(corpus_store, fmt)
    quads = corpus_store.quads()
    if fmt in ("nquads", "trig", "jsonld"):
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format=RDFLIB_FORMAT[fmt])
        assert len(list(parsed.quads((None, None, None, None)))) == len(quads)
    else:
        # The triple formats hold the merged graph: each fact once.
        merged = corpus_store.quads(MERGED_GRAPH.value)
        parsed = rdflib.Graph()
        parsed.parse(data=data, format=RDFLIB_FORMAT[fmt])
        assert len(parsed) == len(merged)


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_no_export_holds_the_facts_json(corpus_store, fmt):
    data = rdf_bytes(corpus_store, fmt).decode("utf-8")
    assert "def#facts" not in data and "kg:facts" not in data, "the extracted facts belong beside the store"


def test_jsonld_has_a_context(corpus_store):
    document = json.loads(rdf_bytes(corpus_store, "jsonld"))
    assert document["@context"]["org"] == "http://www.w3.org/ns/org#"


def read_network(data: bytes, fmt: str, directed: bool) -> tuple[int, int]:
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(data))
    elif fmt == "gexf":
        graph = nx.read_gexf(io.BytesIO(data))
    elif fmt == "json":
        graph = nx.node_link_graph(json.loads(data), edges="links")
    else:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        graph = nx.MultiDiGraph() if directed else nx.MultiGraph()
        graph.add_edges_from((r["source"], r["target"]) for r in rows)
    return graph.number_of_nodes(), graph.number_of_edges()


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
@pytest.mark.parametrize("name", NETWORKS)
def test_network_export_parses_back_with_the_same_counts(corpus_store, name, fmt):
    graph = network(corpus_store, name)
    assert graph.number_of_edges() > 0
    out = io.BytesIO()
    write_network(graph, fmt, out)
    nodes, edges = read_network(out.getvalue(), fmt, graph.is_directed())
    isolated = sum(1 for n in graph.nodes if graph.degree(n) == 0)
    assert (nodes, edges) == (graph.number_of_nodes() - (isolated if fmt == "csv" else 0), graph.number_of_edges())


def test_network_attributes_for_gephi(corpus_store):
    graph = network(corpus_store, "membership")
    _, _, data = next(iter(graph.edges(data=True)))
    assert {"role", "municipality", "start", "end", "evidence"} <= set(data)
    assert {node["kind"] for _, node in graph.nodes(data=True)} == {"person", "body"}
    referral = network(corpus_store, "referral")
    assert all(data["count"] >= 1 and data["evidence"] for _, _, data in referral.edges(data=True))


def test_export_command_writes_a_file(tmp_path, corpus_files):
    store = tmp_path / "store"
    build_cli_ok(corpus_files, store)
    out = tmp_path / "members.graphml"
    result = CliRunner().invoke(cli, ["export", "--format", "graphml", "--network", "membership",
                                      "--out", str(out), "--store", str(store)])
    assert result.exit_code == 0 and out.stat().st_size > 0
    result = CliRunner().invoke(cli, ["export", "--format", "graphml", "--store", str(store)])
    assert result.exit_code == 2 and "--network" in result.stderr

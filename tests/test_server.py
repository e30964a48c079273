"""The corpus round-trips through a real Oxigraph server on loopback: served
from the store by `kg serve`, and pushed into an empty server by the Graph
Store Protocol; every named query answers as on the embedded store."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest
from pyoxigraph import Literal
from click.testing import CliRunner

from kg.cli import cli
from conftest import build_ok
from kg.pipeline import build
from kg.query import named_queries, run
from kg.remote import GraphStoreClient, RemoteError, SparqlEndpoint, local_graphs, push, run_remote
from kg.rdf.push import PUSH_RECORD_GRAPH
from kg.server import OxigraphServer, ServerError, free_port, server_binary
from kg.store import GraphStore

QUERIES = named_queries()
# Where a typical value of each parameter is found in the query's own listing.
PARAM_COLUMN = {"from": "from_body", "to": "to_body", "date": "meeting_date", "year": "meeting_date",
                "file": "source"}


def rows(result) -> list[tuple]:
    """Solutions as sorted tuples of N-Triples terms: the same answer, whatever the order of ties.
    Lists joined with "; " are compared as sets: SPARQL leaves GROUP_CONCAT's order to the engine,
    which follows the storage order, and that differs between a store and a server loaded by push."""
    names = [v.value for v in result.variables]
    return sorted(tuple(_cell(row[n]) for n in names) for row in result)


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return f"{'; '.join(sorted(term.value.split('; ')))}^^{term.datatype}@{term.language}"
    return str(term)


def typical_params(store: GraphStore, name: str) -> dict[str, str]:
    """One parameter bound to a value the query's listing contains."""
    query = QUERIES[name]
    first = next(iter(run(store, query)), None)
    assert first is not None, f"query {name} lists nothing on the corpus"
    param = query.params[0]
    value = first[PARAM_COLUMN.get(param, param)].value
    value = {"year": value[:4], "file": value.rsplit(":", 1)[0]}.get(param, value)
    return {param: value}


def cases(store: GraphStore) -> list[tuple[str, dict[str, str]]]:
    return [(name, {}) for name in sorted(QUERIES)] + \
           [(name, typical_params(store, name)) for name in sorted(QUERIES) if QUERIES[name].params]


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory, corpus_files):
    path = tmp_path_factory.mktemp("served") / "store"
    store = GraphStore(path)
    report = build(corpus_files, store)
    assert not report.failed, [r.error for r in report.failed]
    # The build's writer holds the store exclusively; kg serve snapshots it
    # as a reader (shared lock), so the test reads it as a reader too.
    store.close()
    return path, GraphStore(path, read_only=True)


@pytest.fixture(scope="module")
def oxigraph():
    try:
        return server_binary()
    except ServerError as exc:  # the project's own set-up installs it: missing is a failure, not a skip
        pytest.fail(f"the oxigraph server binary is missing ({exc}); install the test extra")


def assert_same_answers(store: GraphStore, endpoint: SparqlEndpoint) -> None:
    for name, params in cases(store):
        local = rows(run(store, QUERIES[name], params))
        remote = rows(run_remote(endpoint, QUERIES[name], params))
        assert remote == local, f"query {name} {params} answers differently on the server"


@pytest.mark.parametrize("via_dump", [False, True], ids=["checkpoint", "dump"])
def test_served_store_answers_like_the_embedded_store(disk_store, oxigraph, via_dump):
    path, store = disk_store
    with OxigraphServer(path, via_dump=via_dump) as server:
        assert server.how == ("dump" if via_dump else "checkpoint")
        assert_same_answers(store, SparqlEndpoint(server.endpoints.query))
    assert server.process.poll() is not None, "the server still runs after stop()"


def test_push_round_trips_and_sends_only_changed_graphs(corpus_files, oxigraph, tmp_path):
    store = GraphStore(None)
    build_ok(corpus_files[:3], store)
    with OxigraphServer(union=False) as server:  # a server that keeps the default graph apart, like Fuseki
        first = push(store, server.endpoints.store)
        assert sorted(first.sent) == local_graphs(store) and not first.unchanged
        assert_same_answers(store, SparqlEndpoint(server.endpoints.query))

        again = push(store, server.endpoints.store)
        assert again.sent == [] and again.deleted == [], "an unchanged store was pushed again"

        build_ok(corpus_files[:4], store)  # one more document: its graphs and the shared graphs change
        third = push(store, server.endpoints.store)
        assert third.sent and len(third.sent) < len(local_graphs(store)) // 2, third.sent
        assert_same_answers(store, SparqlEndpoint(server.endpoints.query))

        fewer = GraphStore(None)  # the fourth document removed again
        build_ok(corpus_files[:3], fewer)
        gone = sorted(set(local_graphs(store)) - set(local_graphs(fewer)))
        fourth = push(fewer, server.endpoints.store)
        assert gone and fourth.deleted == gone
        assert all(GraphStoreClient(server.endpoints.store).get(g) is None for g in gone)
        assert_same_answers(fewer, SparqlEndpoint(server.endpoints.query))

def test_push_record_lives_on_the_server(corpus_files, oxigraph):
    store = GraphStore(None)
    build_ok(corpus_files[:1], store)
    with OxigraphServer(union=False) as server:
        push(store, server.endpoints.store)
        record = GraphStoreClient(server.endpoints.store).pushed()
        assert sorted(record) == local_graphs(store)
        assert PUSH_RECORD_GRAPH.value not in SparqlEndpoint(server.endpoints.query).default_graphs()


def test_wrong_endpoint_path_says_where_queries_go(oxigraph):
    with OxigraphServer() as server:
        with pytest.raises(RemoteError, match="query endpoint"):
            SparqlEndpoint(server.endpoints.base + "/nothing-here").query("SELECT * WHERE { ?s ?p ?o }")


def test_unreachable_endpoint_is_a_clear_error():
    port = free_port()
    with pytest.raises(RemoteError, match="cannot reach"):
        SparqlEndpoint(f"http://127.0.0.1:{port}/query", timeout=5).query("SELECT * WHERE { ?s ?p ?o }")


def test_cli_push_and_query_endpoint(corpus_files, oxigraph, tmp_path):
    path = tmp_path / "store"
    assert not build(corpus_files[:2], GraphStore(path)).failed  # the store is closed again: the CLI opens it
    runner = CliRunner()
    with OxigraphServer(union=False) as server:
        pushed = runner.invoke(cli, ["push", "--endpoint", server.endpoints.store, "--store", str(path)])
        assert pushed.exit_code == 0, pushed.output
        assert "0 unchanged" in pushed.output
        remote = runner.invoke(cli, ["query", "agenda", "--endpoint", server.endpoints.query, "--format", "csv"])
        local = runner.invoke(cli, ["query", "agenda", "--store", str(path), "--format", "csv"])
        assert remote.exit_code == 0, remote.output
        assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())


def test_kg_serve_command_serves_until_terminated(disk_store, oxigraph):
    path, store = disk_store
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(path), "--port", str(port)],
                               stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "kg serve did not answer within 60 s"
                time.sleep(0.1)
        result = run_remote(SparqlEndpoint(url), QUERIES["decisions"])
        assert rows(result) == rows(run(store, QUERIES["decisions"]))
    finally:
        process.terminate()
        process.wait(timeout=20)
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)

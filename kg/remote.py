"""kg against a SPARQL server over HTTP (standard library only):

- `SparqlEndpoint` runs queries by the SPARQL 1.1 Protocol (POST, form
  encoded) and reads the JSON results into pyoxigraph's QuerySolutions, so
  `kg query --endpoint` renders exactly as the embedded store does;
- `push` sends the store's named graphs by the SPARQL 1.1 Graph Store
  Protocol (PUT/DELETE ?graph=IRI), which Oxigraph, Fuseki, GraphDB,
  Virtuoso and QLever speak, and sends only graphs whose content changed
  since the last push. What was pushed (one content hash per graph) is kept
  on the server itself, in a record graph, so any machine can push next and
  a server that was wiped simply gets everything again.
"""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import (
    QueryResultsFormat, QuerySolutions, RdfFormat, parse, parse_query_results, serialize,
)

from kg.errors import KgError
from kg.query import NamedQuery, bind
from kg.rdf.push import PUSH_RECORD_GRAPH, record_hashes, record_triples
from kg.rdf.iris import MERGED_GRAPH
from kg.store import GraphStore, declares_dataset
from kg.vocab import PREFIXES
from kg.queries import internal_query

USER_AGENT = "kg (SPARQL 1.1 Protocol client)"


class RemoteError(KgError):
    """A SPARQL server cannot be reached or refuses a request."""


def _request(url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None,
             timeout: float = 300.0, missing_ok: bool = False) -> bytes | None:
    """One HTTP request; the body of the answer, or None for a 404 when
    `missing_ok`. Errors carry the server's own message."""
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code == 404:
            return None
        detail = exc.read().decode("utf-8", "replace").strip()[:500]
        raise RemoteError(f"{method} {url.split('?')[0]}: HTTP {exc.code} {exc.reason}"
                          + (f": {detail}" if detail else "")) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteError(f"cannot reach {url.split('?')[0]}: {reason}") from exc


def with_prefixes(sparql: str) -> str:
    """The query with kg's prefixes declared first (the embedded store passes
    them separately; a server needs them in the text). The query's own
    declarations come later and so win."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + sparql


_GRAPH_PATTERN = re.compile(r"^[^#\n]*\bGRAPH\s*[?<$]", re.IGNORECASE | re.MULTILINE)


@dataclass
class SparqlEndpoint:
    """A SPARQL 1.1 query endpoint (Oxigraph: http://host:7878/query;
    Fuseki: http://host:3030/DATASET/query).

    kg's named queries name their dataset (FROM the merged graph), so they
    mean the same on every server. Any other query gets the merged graph as
    its default graph through `default-graph-uri`, as on the embedded store,
    whatever the server's own default graph is (empty in Fuseki and a plain
    `oxigraph serve`, the union of all graphs in GraphDB or Virtuoso); a
    store pushed without a merged graph gets all its graphs instead."""

    url: str
    timeout: float = 300.0
    _default_graphs: list[str] | None = field(default=None, repr=False)

    def _post(self, sparql: str, default_graphs: Iterable[str] = ()) -> bytes:
        form = [("query", with_prefixes(sparql)), *(("default-graph-uri", g) for g in default_graphs)]
        try:
            return _request(self.url, "POST", urllib.parse.urlencode(form).encode("utf-8"),
                            {"Content-Type": "application/x-www-form-urlencoded",
                             "Accept": "application/sparql-results+json"}, self.timeout)
        except RemoteError as exc:
            if "HTTP 404" in str(exc) or "HTTP 405" in str(exc):
                raise RemoteError(f"{exc} (is {self.url} the query endpoint? Oxigraph: http://HOST:7878/query, "
                                  "Fuseki: http://HOST:3030/DATASET/query)") from exc
            raise

    def _raw_query(self, sparql: str, default_graphs: Iterable[str] = ()):
        data = self._post(sparql, default_graphs)
        try:
            return parse_query_results(data, format=QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise RemoteError(f"{self.url} did not answer with SPARQL JSON results: {exc}") from exc

    def default_graphs(self) -> list[str]:
        """The graphs to name as the default graph of a query that names no
        dataset: the merged graph, or every graph when there is none."""
        if self._default_graphs is None:
            rows = self._raw_query(internal_query("graph-names"))
            graphs = sorted(row["g"].value for row in rows if row["g"].value != PUSH_RECORD_GRAPH.value)
            self._default_graphs = [MERGED_GRAPH.value] if MERGED_GRAPH.value in graphs else graphs
        return self._default_graphs

    def query(self, sparql: str) -> QuerySolutions:
        """A SELECT query's solutions: over its own dataset (FROM) when it
        names one, else over the merged graph."""
        # The protocol's default-graph-uri alone empties the set of named
        # graphs, so a query that reaches them with GRAPH is sent without it.
        own_dataset = declares_dataset(sparql) or _GRAPH_PATTERN.search(sparql) is not None
        result = self._raw_query(sparql, [] if own_dataset else self.default_graphs())
        if not isinstance(result, QuerySolutions):
            raise RemoteError("only SELECT queries can be run against an endpoint here")
        return result


def run_remote(endpoint: SparqlEndpoint, query: NamedQuery, params: dict[str, str] | None = None) -> QuerySolutions:
    """A named query on a server, its parameters bound as VALUES exactly as
    on the embedded store."""
    return endpoint.query(bind(query, params or {}))


# -- Graph Store Protocol ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PushReport:
    """What one push did, graph by graph (IRIs)."""

    sent: list[str]
    deleted: list[str]
    unchanged: list[str]


def graph_hash(store: GraphStore, graph: str) -> str:
    """SHA-256 of a graph's triples in a canonical (sorted) order."""
    digest = hashlib.sha256()
    for quad in store.quads(graph):
        digest.update(str(quad.triple).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def local_graphs(store: GraphStore) -> list[str]:
    """Every named graph in the store."""
    return sorted(row["g"] for row in store.select(internal_query("graph-names")))


def _graph_url(gsp_url: str, graph: str) -> str:
    separator = "&" if "?" in gsp_url else "?"
    return f"{gsp_url}{separator}{urllib.parse.urlencode({'graph': graph})}"


class GraphStoreClient:
    """A SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph:
    http://host:7878/store; Fuseki: http://host:3030/DATASET/data)."""

    def __init__(self, url: str, timeout: float = 300.0):
        self.url = url
        self.timeout = timeout

    def get(self, graph: str) -> bytes | None:
        return _request(_graph_url(self.url, graph), "GET", headers={"Accept": "application/n-triples"},
                        timeout=self.timeout, missing_ok=True)

    def put(self, graph: str, ntriples: bytes) -> None:
        _request(_graph_url(self.url, graph), "PUT", ntriples, {"Content-Type": "application/n-triples"},
                 self.timeout)

    def delete(self, graph: str) -> None:
        _request(_graph_url(self.url, graph), "DELETE", timeout=self.timeout, missing_ok=True)

    def pushed(self) -> dict[str, str]:
        """The record of the last push: content hash by graph IRI."""
        data = self.get(PUSH_RECORD_GRAPH.value)
        if not data:
            return {}
        try:
            return record_hashes(parse(data, format=RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise RemoteError(f"the push record on {self.url} cannot be read ({exc}); "
                              "push with --all to rewrite it") from exc


def push(store: GraphStore, gsp_url: str, everything: bool = False,
         on_graph: Callable[[str, str], None] | None = None) -> PushReport:
    """Send the store's named graphs to a Graph Store Protocol server:
    graphs whose content hash differs from the server's record are replaced
    (PUT), graphs the store no longer has are deleted, then the record is
    rewritten. `everything` ignores the record."""
    client = GraphStoreClient(gsp_url)
    try:
        before = client.pushed()
    except RemoteError:
        if not everything:
            raise
        before = {}
    now: dict[str, str] = {}
    sent, unchanged = [], []
    for graph in local_graphs(store):
        now[graph] = graph_hash(store, graph)
        if before.get(graph) == now[graph] and not everything:
            unchanged.append(graph)
            continue
        triples = [quad.triple for quad in store.quads(graph)]
        client.put(graph, serialize(triples, format=RdfFormat.N_TRIPLES) or b"")
        sent.append(graph)
        if on_graph:
            on_graph("sent", graph)
    deleted = sorted(set(before) - set(now))
    for graph in deleted:
        client.delete(graph)
        if on_graph:
            on_graph("deleted", graph)
    if sent or deleted or everything or not before:
        client.put(PUSH_RECORD_GRAPH.value, serialize(record_triples(now), format=RdfFormat.N_TRIPLES) or b"")
    return PushReport(sent, deleted, unchanged)


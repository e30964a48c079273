"""The push record: which content each named graph had when `kg push` last
sent it to a server. It lives on the server, in a graph of its own, as one
triple per graph: <graph> kg:contentHash "sha256-hex"."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Triple

from kg.vocab import KG

PUSH_RECORD_GRAPH = NamedNode("https://kg.example/graph/pushed")
_CONTENT_HASH = NamedNode(str(KG.contentHash))


def record_triples(hashes: dict[str, str]) -> list[Triple]:
    """The record as triples, by graph IRI."""
    return [Triple(NamedNode(graph), _CONTENT_HASH, Literal(digest)) for graph, digest in sorted(hashes.items())]


def record_hashes(triples: Iterable) -> dict[str, str]:
    """The record read back: content hash by graph IRI (triples or quads)."""
    return {t.subject.value: t.object.value for t in triples if t.predicate == _CONTENT_HASH}

"""Goldens that pin the graph: the triples of each corpus document's named
graph and of the people graph, as canonical N-Triples in
tests/expected/graphs/, compared with rdflib.compare (isomorphism, so blank
node labels do not matter) and shown as a sorted diff when they differ.

The repository must not hold the documents' sentences, and the graphs quote
source lines and carry titles and decision texts. So before comparing, every
quoted source line (kg:quote) and every literal of three words or more, of
more than 32 characters or ending in a full stop is replaced by "sha256:" and the SHA-256 of its
text: the golden still pins each such literal exactly, without its words.

Regenerate deliberately, and review the diff before committing, with
    KG_UPDATE_EXPECTED=1 pytest tests/test_graph_goldens.py
"""

from __future__ import annotations

import hashlib
import os

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from conftest import CORPUS, EXPECTED
from kg.rdf.iris import PEOPLE_GRAPH, document_iri
from kg.vocab import KG, OA

GOLDENS = EXPECTED / "graphs"
EXACT = URIRef(str(OA.exact))
QUOTE = URIRef(str(KG.quote))


def masked(value: Literal, predicate: URIRef) -> Literal:
    """A literal as the golden keeps it: its SHA-256 when it may be text."""
    text = str(value)
    if predicate in (EXACT, QUOTE) or len(text.split()) >= 3 or len(text) > 32 or text.rstrip().endswith("."):
        return Literal("sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest())
    return value


def graph_of(store, graph_iri: str) -> Graph:
    """One named graph of the store as an rdflib graph, text literals masked."""
    lines = [f"{q.subject} {q.predicate} {q.object} ." for q in store.quads(graph_iri)]
    raw = Graph().parse(data="\n".join(lines), format="nt")
    out = Graph()
    for s, p, o in raw:
        out.add((s, p, masked(o, p) if isinstance(o, Literal) else o))
    return out


def canonical_lines(graph: Graph) -> list[str]:
    return sorted(line for line in to_isomorphic(graph).serialize(format="nt").splitlines() if line.strip())


def compare(actual: Graph, name: str) -> None:
    target = GOLDENS / f"{name}.nt"
    if os.environ.get("KG_UPDATE_EXPECTED"):
        GOLDENS.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(canonical_lines(actual)) + "\n", encoding="utf-8")
    if not target.exists():
        pytest.fail(f"no golden {target}; write it with KG_UPDATE_EXPECTED=1 and review it")
    expected = Graph().parse(target, format="nt")
    if to_isomorphic(actual) == to_isomorphic(expected):
        return
    _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    diff = [f"- {line}" for line in canonical_lines(missing)] + [f"+ {line}" for line in canonical_lines(extra)]
    pytest.fail(f"graph {name} differs from {target.name} ({len(missing)} missing, {len(extra)} new):\n"
                + "\n".join(diff[:200]) + ("\n..." if len(diff) > 200 else ""))


# One test per golden file (not per corpus file found): a missing corpus fails.
DOCUMENTS = sorted(p.stem for p in EXPECTED.glob("*.json"))


@pytest.mark.parametrize("stem", DOCUMENTS, ids=[s[:3] for s in DOCUMENTS])
def test_document_graph_matches_its_golden(corpus_store, stem):
    if not (CORPUS / f"{stem}.txt").exists():
        pytest.fail(f"the corpus document {stem}.txt is missing from {CORPUS}")
    graph = graph_of(corpus_store, document_iri(f"{stem}.txt").value)
    assert len(graph) > 0, f"the store holds no graph for {stem}.txt"
    compare(graph, stem)


def test_people_graph_matches_its_golden(corpus_store):
    graph = graph_of(corpus_store, PEOPLE_GRAPH.value)
    assert len(graph) > 0, "the store holds no people graph"
    compare(graph, "people")


def test_masking_keeps_short_values_and_hashes_text():
    short, long = Literal("KD-Net"), Literal("tre ord her")
    assert masked(short, URIRef("https://kg.example/def#x")) == short
    hashed = masked(long, URIRef("https://kg.example/def#x"))
    assert hashed == Literal("sha256:" + hashlib.sha256(str(long).encode()).hexdigest())
    assert masked(short, EXACT) != short, "a quoted source line is hashed, however short"

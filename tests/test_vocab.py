"""kg/vocab.py and kg/ontology.ttl agree, and the mapping uses only declared terms."""

from __future__ import annotations

from importlib.resources import files

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.vocab import KG, KG_NS

ONTOLOGY = rdflib.Graph().parse(data=files("kg").joinpath("ontology.ttl").read_text(encoding="utf-8"),
                                format="turtle")
DECLARED = {str(s) for s in ONTOLOGY.subjects() if str(s).startswith(KG_NS)}
IN_VOCAB = {str(KG[name]) for name in [*KG.__annotations__, *KG._extras]}


def test_every_vocab_term_is_declared_in_the_ontology():
    assert sorted(IN_VOCAB - DECLARED) == []


def test_every_declared_term_is_in_the_vocab():
    assert sorted(DECLARED - IN_VOCAB) == []


def test_every_term_has_danish_and_english_labels():
    for term in map(rdflib.URIRef, DECLARED):
        labels = list(ONTOLOGY.objects(term, RDFS.label)) + list(ONTOLOGY.objects(term, SKOS.prefLabel))
        assert {l.language for l in labels} >= {"da", "en"}, f"{term} lacks a da or en label"


def test_classes_and_properties_are_typed():
    for term in map(rdflib.URIRef, DECLARED):
        assert (term, RDF.type, None) in ONTOLOGY, f"{term} has no rdf:type"


def test_mapped_graph_uses_only_declared_kg_terms(corpus_store):
    used = {q.predicate.value for q in corpus_store.quads()} | \
           {q.object.value for q in corpus_store.quads() if q.predicate.value == str(RDF.type)}
    unknown = sorted(t for t in used if t.startswith(KG_NS) and t not in DECLARED)
    assert unknown == []


def test_ontology_is_an_owl_ontology():
    assert (rdflib.URIRef("https://kg.example/def"), RDF.type, OWL.Ontology) in ONTOLOGY

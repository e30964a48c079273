"""The one mapping from facts to RDF: only this package knows IRIs and
predicates (iris.py), how a document's facts become its named graph
(documents.py), and how resolved people and memberships become the people
graph (people.py), reference data the reference graph (reference.py), and
all of them the merged graph the queries read (merged.py)."""

from kg.rdf.documents import document_quads, metadata_quads, nquads
from kg.rdf.people import links_quads, occurrence_quads, person_quads
from kg.rdf.reference import reference_quads
from kg.rdf.merged import merged_quads
from kg.rdf.iris import (
    LINKS_GRAPH, MERGED_GRAPH, PEOPLE_GRAPH, REFERENCE_GRAPH, body_iri, document_iri, item_iri, meeting_iri, meta_graph, span_iri,
)

__all__ = ["LINKS_GRAPH", "MERGED_GRAPH", "PEOPLE_GRAPH", "merged_quads", "REFERENCE_GRAPH", "body_iri", "document_iri", "document_quads", "item_iri",
           "links_quads", "meeting_iri", "meta_graph", "metadata_quads", "nquads", "occurrence_quads", "person_quads", "reference_quads", "span_iri"]

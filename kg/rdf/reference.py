"""The reference graph: the municipalities, regions and bodies kg knows,
with each municipality's region, KKR and health cluster as ORG memberships."""

from __future__ import annotations

from pyoxigraph import Quad
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from kg.model import Role
from kg.rdf.documents import add_body
from kg.rdf.iris import REFERENCE_GRAPH, Quads, body_iri, lit, membership_iri, municipality_iri, n, role_iri
from kg.reference import bodies, cluster_members, municipalities, regions
from kg.vocab import KG


def reference_quads() -> list[Quad]:
    g = Quads(REFERENCE_GRAPH)
    for key, region in regions().items():
        node = body_iri(f"region-{key}")
        g.add(node, RDF.type, n(KG.Region))
        g.add(node, RDF.type, n(ORG.FormalOrganization))
        g.add(node, SKOS.prefLabel, lit(region["name"]))
        g.add(node, RDFS.label, lit(region["name"]))
        g.add(node, SKOS.notation, lit(region["code"]))
        g.add(node, DCTERMS.identifier, lit(f"region-{key}"))
    for body in bodies().bodies:
        add_body(g, body)
    for m in municipalities().municipalities:
        node = municipality_iri(m.code)
        g.add(node, RDF.type, n(KG.Municipality))
        g.add(node, RDF.type, n(ORG.FormalOrganization))
        g.add(node, SKOS.prefLabel, lit(m.name))
        g.add(node, RDFS.label, lit(m.name))
        g.add(node, SKOS.altLabel, lit(f"{m.name} Kommune"))
        for alias in m.aliases:
            g.add(node, SKOS.altLabel, lit(alias))
        g.add(node, SKOS.notation, lit(m.code))
        g.add(node, KG.inRegion, body_iri(f"region-{m.region}"))
        _member(g, m.code, f"kkr-{m.region}")
    for cluster, members in cluster_members().items():
        for code in members:
            _member(g, code, cluster)
    return list(g)


def _member(g: Quads, code: str, body: str) -> None:
    node = membership_iri(f"municipality-{code}", body, Role.MEMBER.value)
    g.add(node, RDF.type, n(ORG.Membership))
    g.add(node, ORG.member, municipality_iri(code))
    g.add(node, ORG.organization, body_iri(body))
    g.add(node, ORG.role, role_iri(Role.MEMBER.value))

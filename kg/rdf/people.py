"""The people graph, rebuilt on every build from all documents' facts:
resolved persons with every spelling and the reason it was merged, the links
from each occurrence in a document graph (presentation, attendance, role
statement, appointment, mention) to its person, and the derived memberships
as W3C ORG memberships with an OWL-Time interval and flat dates."""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.resolve import CaseLink
from kg.resolve import Membership
from kg.model import Extraction
from kg.danish import slug
from kg.rdf.iris import (
    LINKS_GRAPH, PEOPLE_GRAPH, Quads, referral_iri, appointment_iri, attendance_iri, body_iri, item_iri, lit, meeting_iri, membership_iri,
    mention_iri, municipality_iri, n, person_iri, presentation_iri, role_iri, role_statement_iri, span_iri, variant_iri,
)
from kg.resolve import Resolution
from kg.vocab import KG, OPENGOV, SCHEMA, TIME

# A variant cites at most this many places where it was seen.
_MAX_EVIDENCE = 20


def links_quads(links: list[CaseLink]) -> list[Quad]:
    """The links graph: each flow to the item that picks the case up, that
    item to the one it came from (prov:wasInformedBy), and the outcome at
    the receiver (kg:nextOutcome), from that item or from a later report."""
    g = Quads(LINKS_GRAPH)
    for link in links:
        if link.target is not None:
            g.add(referral_iri(link.referral), KG.targetItem, item_iri(link.target))
            g.add(item_iri(link.target), PROV.wasInformedBy, item_iri(link.referral.item))
        if link.outcome:
            g.add(referral_iri(link.referral), KG.nextOutcome, n(KG[link.outcome]))
    return list(g)


def person_quads(people: Resolution, memberships: list[Membership]) -> list[Quad]:
    """The people graph's own nodes: each person with its name variants (and
    the lines that show them), and the memberships. The merged graph takes
    these as they are; the people graph adds occurrence_quads."""
    g = Quads(PEOPLE_GRAPH)
    for p in people.people:
        node = person_iri(p.key)
        g.add(node, RDF.type, n(FOAF.Person))
        g.add(node, FOAF.name, lit(p.name))
        g.add(node, RDFS.label, lit(p.name))
        used: set[str] = set()
        for spelling, spans in sorted(p.variants.items()):
            if spelling != p.name:
                g.add(node, SKOS.altLabel, lit(spelling))
            # "H.C. Østerby" and "H. C. Østerby" share a slug: number the second.
            key, counter = slug(spelling), 2
            while key in used:
                key, counter = f"{slug(spelling)}-{counter}", counter + 1
            used.add(key)
            variant = variant_iri(node, key)
            g.add(node, KG.nameVariant, variant)
            g.add(variant, RDF.type, n(KG.NameVariant))
            g.add(variant, RDFS.label, lit(spelling))
            g.add(variant, KG.mergeReason, lit(p.reasons.get(spelling, "")))
            for span in sorted(set(spans), key=lambda s: (s.doc, s.start))[:_MAX_EVIDENCE]:
                g.add(variant, PROV.wasDerivedFrom, span_iri(span))
    for membership in memberships:
        _membership(g, membership)
    return list(g)


def occurrence_quads(extractions: list[Extraction], people: Resolution) -> list[Quad]:
    """Each person's occurrences in the document graphs: presenters,
    attendance, role statements, appointments and mentions, by their
    document-graph nodes."""
    g = Quads(PEOPLE_GRAPH)

    def person(name: str) -> NamedNode | None:
        found = people.person(name)
        return person_iri(found.key) if found else None

    for ex in extractions:
        for item in ex.items:
            for position, name in enumerate(item.presenters, start=1):
                g.add(presentation_iri(item.ref, position), KG.presenter, person(name))
                g.add(item_iri(item.ref), KG.presenter, person(name))
        for record in ex.attendance:
            node = attendance_iri(record)
            g.add(node, KG.person, person(record.name))
            if record.substitute_for:
                g.add(node, KG.substituteFor, person(record.substitute_for))
            if record.status.value == "present" or record.status.value == "substitute":
                g.add(meeting_iri(record.meeting), SCHEMA.attendee, person(record.name))
        for statement in ex.roles:
            g.add(role_statement_iri(statement), KG.person, person(statement.name))
        for appointment in ex.appointments:
            node = appointment_iri(appointment)
            if not appointment.appointee_is_municipality:
                g.add(node, KG.appointee, person(appointment.appointee))
            if appointment.replaces:
                g.add(node, KG.replaces, person(appointment.replaces))
        for mention in ex.mentions:
            g.add(mention_iri(mention), KG.person, person(mention.name))
    return list(g)


def _membership(g: Quads, m: Membership) -> None:
    node = membership_iri(m.person, m.body, m.role.value, m.term)
    g.add(node, RDF.type, n(ORG.Membership))
    g.add(node, ORG.member, person_iri(m.person))
    g.add(node, ORG.organization, body_iri(m.body))
    g.add(node, ORG.role, role_iri(m.role.value))
    if m.municipality:
        g.add(node, OPENGOV.onBehalfOf, municipality_iri(m.municipality))
    # The start basis is stated only where the text gives one (see kg/resolve/memberships.py);
    # what kg merely saw is kg:seenFrom, never schema:validFrom.
    if m.start_basis:
        g.add(node, KG.startBasis, lit(m.start_basis))
    if m.start_year is not None:
        g.add(node, KG.startYear, lit(f"{m.start_year:04d}", XSD.gYear))
    if m.seen_from is not None:
        g.add(node, KG.seenFrom, lit(m.seen_from.isoformat(), XSD.date))
    if m.end_basis:
        g.add(node, KG.endBasis, lit(m.end_basis))
    if m.term > 1:
        g.add(node, KG.term, lit(str(m.term), XSD.integer))
    interval = NamedNode(f"{node.value}#interval")
    g.add(node, ORG.memberDuring, interval)
    g.add(interval, RDF.type, n(TIME.Interval))
    for edge, date, flat in (("start", m.start, SCHEMA.validFrom), ("end", m.end, SCHEMA.validUntil)):
        if date is None:
            continue
        instant = NamedNode(f"{node.value}#{edge}")
        g.add(interval, TIME.hasBeginning if edge == "start" else TIME.hasEnd, instant)
        g.add(instant, RDF.type, n(TIME.Instant))
        g.add(instant, TIME.inXSDDate, lit(date.isoformat(), XSD.date))
        g.add(node, flat, lit(date.isoformat(), XSD.date))
    if m.appointed_at is not None:
        g.add(node, PROV.wasGeneratedBy, meeting_iri(m.appointed_at))
    for span in m.evidence:
        g.add(node, PROV.wasDerivedFrom, span_iri(span))

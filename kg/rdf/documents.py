"""Document graphs: one named graph per source document, holding only what
that document says (its meetings, items, decisions, attendance, roles,
appointments and mentions, with the names as written), so that it is a
function of the document alone. Links from these facts to resolved people
live in the people graph (kg/rdf/people.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import namespace as _rdflib_namespaces

from kg import EXTRACTOR_VERSION
from kg import vocab as _vocab
from kg.facts import FACT_TYPES, facts_of
from kg.model import (
    AgendaItem, Agreement, Appointment, Attendance, Body, Doubt, Extraction, Meeting, MeetingRef, Mention, Referral,
    PartialAttendance, RoleStatement, ScheduledMeeting, Span,
)
from kg.rdf.iris import (
    Quads, agreement_handling_iri, agreement_iri, appointment_iri, attendance_iri, body_iri, case_iri, document_iri,
    item_iri, lit, meeting_iri, mention_iri, meta_graph, municipality_iri, n, nquads_text, presentation_iri,
    referral_iri, role_iri, role_statement_iri, span_iri,
)


class _Terms:
    """A namespace whose terms are looked up once: rdflib's attribute lookup
    costs a few microseconds, and every document's graph names each term
    hundreds of times."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._items: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:  # only for a term not yet looked up
        if name.startswith("__"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> Any:
        if name not in self._items:
            self._items[name] = self._namespace[name]
        return self._items[name]


DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD = (_Terms(getattr(_rdflib_namespaces, name)) for name in
                                            ("DCTERMS", "ORG", "PROV", "RDF", "RDFS", "SKOS", "XSD"))
KG, OPENGOV, SCHEMA = _Terms(_vocab.KG), _Terms(_vocab.OPENGOV), _Terms(_vocab.SCHEMA)

# A span quotes its first source line, up to this many characters.
QUOTE_MAX = 400


def document_quads(extraction: Extraction, lines: dict[int, str] | None = None) -> Quads:
    """The named graph of one document: its meetings, bodies, items,
    decisions, presenters, cases and the source spans they cite; with
    `lines` (line number -> text), each span quotes its first line. Held as
    terms (written with nquads): no Quad made."""
    doc = extraction.document
    g = Quads(document_iri(doc.name), lines, {doc.name: doc.pages})
    d = g.graph
    g.add(d, RDF.type, n(KG.Document))
    g.add(d, DCTERMS.identifier, lit(doc.name))
    g.add(d, DCTERMS.title, lit(doc.title))
    g.add(d, KG.sha256, lit(doc.sha256))
    if doc.kind is not None:
        g.add(d, KG.recordKind, n(KG[doc.kind.value]))
    for fact_type in FACT_TYPES:
        if fact_type.cls not in METADATA_MAPPERS:  # a fact type with no mapper fails here, loudly
            MAPPERS[fact_type.cls](g, facts_of(extraction, fact_type))
    return g


def nquads(g: Quads) -> bytes:
    """The graph as an N-Quads document, as pyoxigraph's serializer writes
    it, made from the held terms: a worker then makes no Quad object, which
    would copy every term only to be written out."""
    return nquads_text(g.triples(), g.graph).encode("utf-8")


def _span(g: Quads, span: Span) -> NamedNode:
    """A span of source lines, cited by one literal: its IRI
    (`<document>#L<start>-L<end>`) already names the document and the lines,
    so it carries only its `file:line` citation and, where the document's
    lines are at hand (its own graph), the quoted first line (kg:quote), which
    the provenance query prints."""
    node = span_iri(span)
    g.add(node, KG.citation, lit(g.cite(span)))
    # Only the line's start is normalised: a 10 MB line is quoted by many spans.
    quote = " ".join(g.lines.get(span.start, "")[:QUOTE_MAX * 4].split())
    if quote:
        g.add(node, KG.quote, lit(quote[:QUOTE_MAX]))
    return node


def add_body(g: Quads, body: Body) -> None:
    """A body with its labels (also used for the reference graph)."""
    node = body_iri(body.key)
    g.add(node, RDF.type, n(ORG.Organization))
    g.add(node, DCTERMS.identifier, lit(body.key))
    g.add(node, SKOS.prefLabel, lit(body.name))
    g.add(node, RDFS.label, lit(body.name))
    for alias in body.aliases:
        g.add(node, SKOS.altLabel, lit(alias))
    if body.found_by_pattern:
        g.add(node, KG.foundByPattern, lit(True))
    if body.unit_of:
        # A chairmanship is a unit of its body (W3C ORG), not a body of its own standing.
        g.add(node, RDF.type, n(ORG.OrganizationalUnit))
        g.add(node, ORG.unitOf, body_iri(body.unit_of))
        g.add(body_iri(body.unit_of), ORG.hasUnit, node)


def _meeting(g: Quads, meeting: Meeting) -> None:
    node = meeting_iri(meeting.ref)
    g.add(node, RDF.type, n(KG.Meeting))
    g.add(node, SCHEMA.organizer, body_iri(meeting.ref.body))
    g.add(node, KG.recordKind, n(KG[meeting.kind.value]))
    g.add(node, KG.documentedIn, document_iri(meeting.span.doc))
    g.add(node, SCHEMA.location, lit(meeting.place))
    if meeting.ref.date is not None:
        g.add(node, DCTERMS.date, lit(meeting.ref.date.isoformat(), XSD.date))
        g.add(node, SCHEMA.startDate, _when(meeting.ref.date, meeting.start_time))
        if meeting.end_time is not None:
            g.add(node, SCHEMA.endDate, _when(meeting.ref.date, meeting.end_time))
    if meeting.embedded_in is not None:
        g.add(node, KG.embeddedIn, item_iri(meeting.embedded_in))
    g.add(node, PROV.wasDerivedFrom, _span(g, meeting.span))


def _when(date: dt.date, time: dt.time | None) -> Literal:
    if time is None:
        return lit(date.isoformat(), XSD.date)
    return lit(dt.datetime.combine(date, time).isoformat(), XSD.dateTime)


def _item(g: Quads, item: AgendaItem) -> None:
    node = item_iri(item.ref)
    g.add(node, RDF.type, n(KG.AgendaItem))
    g.add(node, KG.meeting, meeting_iri(item.ref.meeting))
    g.add(node, KG.number, lit(item.ref.number))
    g.add(node, SCHEMA.position, lit(item.position))
    g.add(node, DCTERMS.title, lit(item.title))
    g.add(node, KG.agendaTitle, lit(item.agenda_title))
    g.add(node, PROV.wasDerivedFrom, _span(g, item.span))
    if item.approves_minutes_of is not None:
        g.add(node, KG.approvesMinutesOf, meeting_iri(item.approves_minutes_of))
    for position, name in enumerate(item.presenters, start=1):
        presentation = presentation_iri(item.ref, position)
        g.add(node, KG.presentation, presentation)
        g.add(presentation, RDF.type, n(KG.Presentation))
        g.add(presentation, KG.nameAsWritten, lit(name))
        g.add(presentation, SCHEMA.position, lit(position))
    for number in item.case_numbers:
        case = case_iri(number)
        g.add(case, RDF.type, n(KG.Case))
        g.add(case, DCTERMS.identifier, lit(number))
        g.add(node, DCTERMS.references, case)
    for position, title in enumerate(item.attachments, start=1):
        attachment = NamedNode(f"{node.value}/attachment/{position}")
        g.add(node, KG.attachment, attachment)
        g.add(attachment, RDF.type, n(KG.Attachment))
        g.add(attachment, DCTERMS.title, lit(title))
        g.add(attachment, SCHEMA.position, lit(position))
    decision = NamedNode(f"{node.value}/decision")
    g.add(node, KG.decision, decision)
    g.add(decision, RDF.type, n(KG.Decision))
    g.add(decision, KG.outcome, n(KG[item.outcome.value]))
    g.add(decision, KG.recommendationText, lit(item.recommendation))
    g.add(decision, KG.decisionText, lit(item.decision))
    g.add(decision, PROV.wasAttributedTo, body_iri(item.ref.meeting.body))
    g.add(decision, PROV.wasDerivedFrom, span_iri(item.span))


def _attendance(g: Quads, record: Attendance, node: NamedNode | None = None) -> None:
    node = node or attendance_iri(record)
    g.add(node, RDF.type, n(KG.Attendance))
    g.add(node, KG.meeting, meeting_iri(record.meeting))
    g.add(node, KG.status, n(KG[record.status.value]))
    g.add(node, KG.nameAsWritten, lit(record.name))
    g.add(node, KG.substituteForName, lit(record.substitute_for))
    g.add(node, KG.group, lit(record.group))
    g.add(node, KG.jobTitle, lit(record.title))
    if record.municipality:
        g.add(node, OPENGOV.onBehalfOf, municipality_iri(record.municipality))
    if record.party:
        g.add(node, KG.partyLetter, lit(record.party))
    g.add(node, KG.capacity, n(KG[record.capacity.value]))
    if record.partial:
        _partial(g, node, record.partial)
    g.add(node, PROV.wasDerivedFrom, _span(g, record.span))


def _partial(g: Quads, node: NamedNode, partial: PartialAttendance) -> None:
    g.add(node, KG.partialNote, lit(partial.written))
    for number in partial.items:
        g.add(node, KG.itemsAttended if partial.attended else KG.itemsMissed, lit(number))
    if partial.start:
        g.add(node, KG.attendedFrom, lit(partial.start.isoformat(), XSD.time))
    if partial.end:
        g.add(node, KG.attendedUntil, lit(partial.end.isoformat(), XSD.time))


def _role_statement(g: Quads, statement: RoleStatement) -> None:
    node = role_statement_iri(statement)
    g.add(node, RDF.type, n(KG.RoleStatement))
    g.add(node, KG.nameAsWritten, lit(statement.name))
    g.add(node, ORG.organization, body_iri(statement.body))
    g.add(node, ORG.role, role_iri(statement.role.value))
    if statement.date:
        g.add(node, DCTERMS.date, lit(statement.date.isoformat(), XSD.date))
    if statement.ends:
        g.add(node, KG.ends, lit(True))
    if statement.municipality:
        g.add(node, OPENGOV.onBehalfOf, municipality_iri(statement.municipality))
    g.add(node, PROV.wasDerivedFrom, _span(g, statement.span))


def _appointment(g: Quads, appointment: Appointment) -> None:
    node = appointment_iri(appointment)
    g.add(node, RDF.type, n(KG.Appointment))
    g.add(node, KG.meeting, meeting_iri(appointment.meeting))
    g.add(node, KG.status, n(KG[appointment.status.value]))
    g.add(node, ORG.role, role_iri(appointment.role.value))
    if appointment.appointee_is_municipality:
        g.add(node, KG.appointee, municipality_iri(appointment.appointee))
    else:
        g.add(node, KG.nameAsWritten, lit(appointment.appointee))
    if appointment.body:
        g.add(node, KG.toBody, body_iri(appointment.body))
    g.add(node, KG.target, lit(appointment.target))
    g.add(node, KG.replacesName, lit(appointment.replaces))
    if appointment.municipality and not appointment.appointee_is_municipality:
        g.add(node, OPENGOV.onBehalfOf, municipality_iri(appointment.municipality))
    g.add(node, PROV.wasDerivedFrom, _span(g, appointment.span))


def _mention(g: Quads, mention: Mention) -> None:
    node = mention_iri(mention)
    g.add(node, RDF.type, n(KG.Mention))
    g.add(node, KG.nameAsWritten, lit(mention.written or mention.name))
    g.add(node, KG.mentionKind, lit(mention.kind))
    g.add(node, KG.jobTitle, lit(mention.title))
    g.add(node, PROV.wasDerivedFrom, _span(g, mention.span))


def _referrals(g: Quads, referrals: list[Referral]) -> None:
    heads = _chain_heads(referrals)
    for referral in referrals:
        _referral(g, referral, heads)


def _chain_heads(referrals: list[Referral]) -> dict[tuple, Referral]:
    """Each referral by (item, position), to name the hop a referral continues."""
    return {(r.item, r.position): r for r in referrals}


def _referral(g: Quads, referral: Referral, by_position: dict[tuple, Referral]) -> None:
    """A flow; a general description of how such cases flow is a kg:FlowRule,
    a decision of another body reported without a sender a kg:ReportedDecision."""
    node = referral_iri(referral)
    kind = KG.FlowRule if referral.general else (KG.Referral if referral.from_body else KG.ReportedDecision)
    g.add(node, RDF.type, n(kind))
    g.add(node, DCTERMS.subject, item_iri(referral.item))
    if referral.from_body:
        g.add(node, KG.fromBody, body_iri(referral.from_body))
    g.add(node, KG.toBody, body_iri(referral.to_body))
    g.add(node, KG.sourceMeeting, meeting_iri(referral.item.meeting))
    g.add(node, KG.marker, lit(referral.marker))
    g.add(node, KG.flowStatus, lit(referral.status))
    if referral.purpose:
        g.add(node, KG.purpose, lit(referral.purpose))
    if referral.when:
        g.add(node, KG.when, lit(referral.when))
    if referral.from_date is not None:
        g.add(node, KG.fromDate, lit(referral.from_date.isoformat(), XSD.date))
    if referral.outcome:
        g.add(node, KG.reportedOutcome, n(KG[referral.outcome]))
    if referral.target_date is not None:
        g.add(node, KG.targetDate, lit(referral.target_date.isoformat(), XSD.date))
        # The same IRI as the receiving meeting's own documents and calendars.
        g.add(node, KG.targetMeeting, meeting_iri(MeetingRef(referral.to_body, referral.target_date)))
    previous = by_position.get((referral.item, referral.continues))
    if referral.continues and previous is not None:
        g.add(node, KG.continues, referral_iri(previous))
    g.add(node, PROV.wasDerivedFrom, _span(g, referral.span))


def _scheduled(g: Quads, scheduled: ScheduledMeeting) -> None:
    node = meeting_iri(scheduled.ref)
    g.add(node, RDF.type, n(KG.Meeting))
    g.add(node, SCHEMA.organizer, body_iri(scheduled.ref.body))
    if scheduled.ref.date is not None:
        g.add(node, DCTERMS.date, lit(scheduled.ref.date.isoformat(), XSD.date))
        g.add(node, SCHEMA.startDate, lit(scheduled.ref.date.isoformat(), XSD.date))
    g.add(node, SCHEMA.eventStatus, n(SCHEMA.EventScheduled))
    g.add(node, KG.scheduledIn, document_iri(scheduled.span.doc))
    g.add(node, RDFS.comment, lit(scheduled.note))
    g.add(node, PROV.wasDerivedFrom, _span(g, scheduled.span))


def _agreement(g: Quads, agreement: Agreement) -> None:
    node = agreement_iri(agreement.key)
    g.add(node, RDF.type, n(KG.Agreement))
    g.add(node, DCTERMS.title, lit(agreement.name))
    g.add(node, KG.agreementKind, lit(agreement.kind))
    g.add(node, KG.period, lit(agreement.period))
    for party in agreement.parties:
        g.add(node, KG.party, municipality_iri(party.split("-", 1)[1]) if party.startswith("municipality-")
              else body_iri(party))
    handling = agreement_handling_iri(agreement)
    g.add(handling, RDF.type, n(KG.AgreementHandling))
    g.add(handling, KG.agreement, node)
    g.add(handling, DCTERMS.subject, item_iri(agreement.item))
    if agreement.status is not None:  # none when the item only discusses it
        g.add(handling, KG.status, n(KG[f"agreement-{agreement.status.value}"]))
    g.add(handling, PROV.wasDerivedFrom, _span(g, agreement.span))


def metadata_quads(extraction: Extraction, built_at: dt.datetime, triple_count: int) -> list[Quad]:
    """The build metadata of one document, in its own graph so that the
    document graph stays identical from build to build."""
    doc = extraction.document
    g = Quads(meta_graph(doc.name))
    d = document_iri(doc.name)
    g.add(d, RDF.type, n(KG.Document))
    g.add(d, DCTERMS.identifier, lit(doc.name))
    g.add(d, KG.sha256, lit(doc.sha256))
    g.add(d, KG.byteSize, lit(doc.size))
    g.add(d, KG.encoding, lit(doc.encoding))
    g.add(d, KG.lineCount, lit(doc.line_count))
    if doc.kind is not None:
        g.add(d, KG.recordKind, n(KG[doc.kind.value]))
    g.add(d, PROV.generatedAtTime, lit(built_at.isoformat(), XSD.dateTime))
    g.add(d, KG.extractorVersion, lit(EXTRACTOR_VERSION))
    g.add(d, KG.tripleCount, lit(triple_count))
    for fact_type in FACT_TYPES:
        if fact_type.cls in METADATA_MAPPERS:
            METADATA_MAPPERS[fact_type.cls](g, d, facts_of(extraction, fact_type))
    return list(g)


def _warnings(g: Quads, doc: NamedNode, doubts: list[Doubt]) -> None:
    for index, doubt in enumerate(doubts, start=1):
        _warning(g, doc, index, doubt)


def _warning(g: Quads, doc: NamedNode, index: int, doubt: Doubt) -> None:
    node = NamedNode(f"{g.graph.value}#warning-{index}")
    g.add(node, RDF.type, n(KG.Warning))
    g.add(node, KG.aboutDocument, doc)
    g.add(node, KG.lineStart, lit(max(doubt.line, 1)))
    g.add(node, RDFS.comment, lit(doubt.message))



def _each(mapper: Callable[[Quads, Any], None]) -> Callable[[Quads, list], None]:
    """A mapper of one fact as a mapper of a list of them."""
    def mapped(g: Quads, facts: list) -> None:
        for fact in facts:
            mapper(g, fact)
    return mapped


# The mapper of each fact type (see kg/facts.py): into the document graph ...
MAPPERS: dict[type, Callable[[Quads, list], None]] = {
    Body: _each(add_body),
    Meeting: _each(_meeting),
    AgendaItem: _each(_item),
    Attendance: _each(_attendance),
    RoleStatement: _each(_role_statement),
    Appointment: _each(_appointment),
    Mention: _each(_mention),
    Referral: _referrals,
    ScheduledMeeting: _each(_scheduled),
    Agreement: _each(_agreement),
}
# ... or into the document's metadata graph (doubts are no facts of the record).
METADATA_MAPPERS: dict[type, Callable[[Quads, NamedNode, list], None]] = {
    Doubt: _warnings,
}

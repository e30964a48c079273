"""The one mapping from facts to RDF. Only this module knows IRIs and predicates.

IRIs are minted from normalised keys (body key, date, item number, name
slug), never from random ids, so a rebuild gives identical triples:

    id/document/<file-slug>                       the document (and its named graph)
    id/document/<file-slug>/meta                  its build metadata graph
    id/body/<body-key>
    id/meeting/<body-key>/<yyyy-mm-dd>            (undated: /undated-<doc-slug>-<n>)
    id/meeting/<body-key>/<yyyy-mm-dd>/item/<n>   and .../decision
    id/person/<name-slug>
    id/case/<case-number-slug>
    <document IRI>#L<start>-L<end>                a span of source lines
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg import EXTRACTOR_VERSION
from kg.danish import slug
from kg.model import AgendaItem, Body, Doubt, Extraction, ItemRef, Meeting, MeetingRef, Span
from kg.vocab import ID_BASE, KG, OA, SCHEMA


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


def _lit(value, datatype=None) -> Literal:
    if datatype is not None:
        return Literal(str(value), datatype=_n(datatype))
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=_n(XSD.boolean))
    if isinstance(value, int):
        return Literal(str(value), datatype=_n(XSD.integer))
    return Literal(str(value))


# --- IRIs --------------------------------------------------------------------


def document_iri(name: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}document/{slug(name)}")


def meta_graph(name: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}document/{slug(name)}/meta")


def body_iri(key: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}body/{slug(key)}")


def meeting_iri(ref: MeetingRef) -> NamedNode:
    when = ref.date.isoformat() if ref.date else f"undated-{slug(ref.fallback)}"
    return NamedNode(f"{ID_BASE}meeting/{slug(ref.body)}/{when}")


def item_iri(ref: ItemRef) -> NamedNode:
    return NamedNode(f"{meeting_iri(ref.meeting).value}/item/{slug(ref.number.replace('.', '-'))}")


def person_iri(name: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}person/{slug(name)}")


def case_iri(number: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}case/{slug(number)}")


def span_iri(span: Span) -> NamedNode:
    return NamedNode(f"{document_iri(span.doc).value}#L{span.start}-L{span.end}")


# --- facts -> quads ----------------------------------------------------------


class _Quads:
    """Collects triples into one named graph, once each, in a stable order."""

    def __init__(self, graph: NamedNode):
        self.graph = graph
        self._seen: dict[Quad, None] = {}

    def add(self, s, p, o) -> None:
        if o is None or (isinstance(o, Literal) and o.value == ""):
            return
        self._seen.setdefault(Quad(s, _n(p), o, self.graph), None)

    def __iter__(self) -> Iterator[Quad]:
        return iter(self._seen)


def document_quads(extraction: Extraction) -> list[Quad]:
    """The named graph of one document: its meetings, bodies, items,
    decisions, presenters, cases and the source spans they cite."""
    doc = extraction.document
    g = _Quads(document_iri(doc.name))
    d = g.graph
    g.add(d, RDF.type, _n(KG.Document))
    g.add(d, DCTERMS.identifier, _lit(doc.name))
    g.add(d, DCTERMS.title, _lit(doc.title))
    g.add(d, KG.sha256, _lit(doc.sha256))
    if doc.kind is not None:
        g.add(d, KG.recordKind, _n(KG[doc.kind.value]))
    for body in extraction.bodies:
        _body(g, body)
    for meeting in extraction.meetings:
        _meeting(g, meeting)
    for item in extraction.items:
        _item(g, item)
    return list(g)


def _span(g: _Quads, span: Span) -> NamedNode:
    node = span_iri(span)
    g.add(node, RDF.type, _n(OA.SpecificResource))
    g.add(node, OA.hasSource, document_iri(span.doc))
    g.add(node, KG.lineStart, _lit(span.start, XSD.positiveInteger))
    g.add(node, KG.lineEnd, _lit(span.end, XSD.positiveInteger))
    return node


def _body(g: _Quads, body: Body) -> None:
    node = body_iri(body.key)
    g.add(node, RDF.type, _n(ORG.Organization))
    g.add(node, SKOS.prefLabel, _lit(body.name))
    g.add(node, RDFS.label, _lit(body.name))
    for alias in body.aliases:
        g.add(node, SKOS.altLabel, _lit(alias))
    if body.found_by_pattern:
        g.add(node, KG.foundByPattern, _lit(True))


def _meeting(g: _Quads, meeting: Meeting) -> None:
    node = meeting_iri(meeting.ref)
    g.add(node, RDF.type, _n(KG.Meeting))
    g.add(node, SCHEMA.organizer, body_iri(meeting.ref.body))
    g.add(node, KG.recordKind, _n(KG[meeting.kind.value]))
    g.add(node, KG.documentedIn, g.graph)
    g.add(node, SCHEMA.location, _lit(meeting.place))
    if meeting.ref.date is not None:
        g.add(node, DCTERMS.date, _lit(meeting.ref.date.isoformat(), XSD.date))
        g.add(node, SCHEMA.startDate, _when(meeting.ref.date, meeting.start_time))
        if meeting.end_time is not None:
            g.add(node, SCHEMA.endDate, _when(meeting.ref.date, meeting.end_time))
    if meeting.embedded_in is not None:
        g.add(node, KG.embeddedIn, item_iri(meeting.embedded_in))
    g.add(node, PROV.wasDerivedFrom, _span(g, meeting.span))


def _when(date: dt.date, time: dt.time | None) -> Literal:
    if time is None:
        return _lit(date.isoformat(), XSD.date)
    return _lit(dt.datetime.combine(date, time).isoformat(), XSD.dateTime)


def _item(g: _Quads, item: AgendaItem) -> None:
    node = item_iri(item.ref)
    g.add(node, RDF.type, _n(KG.AgendaItem))
    g.add(node, KG.meeting, meeting_iri(item.ref.meeting))
    g.add(node, KG.number, _lit(item.ref.number))
    g.add(node, SCHEMA.position, _lit(item.position))
    g.add(node, DCTERMS.title, _lit(item.title))
    g.add(node, KG.agendaTitle, _lit(item.agenda_title))
    g.add(node, PROV.wasDerivedFrom, _span(g, item.span))
    for position, name in enumerate(item.presenters, start=1):
        person = person_iri(name)
        g.add(person, RDF.type, _n(FOAF.Person))
        g.add(person, FOAF.name, _lit(name))
        g.add(node, KG.presenter, person)
        presentation = NamedNode(f"{node.value}/presenter/{position}")
        g.add(node, KG.presentation, presentation)
        g.add(presentation, RDF.type, _n(KG.Presentation))
        g.add(presentation, KG.presenter, person)
        g.add(presentation, SCHEMA.position, _lit(position))
    for number in item.case_numbers:
        case = case_iri(number)
        g.add(case, RDF.type, _n(KG.Case))
        g.add(case, DCTERMS.identifier, _lit(number))
        g.add(node, DCTERMS.references, case)
    for position, title in enumerate(item.attachments, start=1):
        attachment = NamedNode(f"{node.value}/attachment/{position}")
        g.add(node, KG.attachment, attachment)
        g.add(attachment, RDF.type, _n(KG.Attachment))
        g.add(attachment, DCTERMS.title, _lit(title))
        g.add(attachment, SCHEMA.position, _lit(position))
    decision = NamedNode(f"{node.value}/decision")
    g.add(node, KG.decision, decision)
    g.add(decision, RDF.type, _n(KG.Decision))
    g.add(decision, KG.outcome, _n(KG[item.outcome.value]))
    g.add(decision, KG.recommendationText, _lit(item.recommendation))
    g.add(decision, KG.decisionText, _lit(item.decision))
    g.add(decision, PROV.wasAttributedTo, body_iri(item.ref.meeting.body))
    g.add(decision, PROV.wasDerivedFrom, span_iri(item.span))


def metadata_quads(extraction: Extraction, built_at: dt.datetime, triple_count: int) -> list[Quad]:
    """The build metadata of one document, in its own graph so that the
    document graph stays identical from build to build."""
    doc = extraction.document
    g = _Quads(meta_graph(doc.name))
    d = document_iri(doc.name)
    g.add(d, RDF.type, _n(KG.Document))
    g.add(d, DCTERMS.identifier, _lit(doc.name))
    g.add(d, KG.sha256, _lit(doc.sha256))
    g.add(d, KG.byteSize, _lit(doc.size))
    g.add(d, KG.encoding, _lit(doc.encoding))
    g.add(d, KG.lineCount, _lit(doc.line_count))
    if doc.kind is not None:
        g.add(d, KG.recordKind, _n(KG[doc.kind.value]))
    g.add(d, PROV.generatedAtTime, _lit(built_at.isoformat(), XSD.dateTime))
    g.add(d, KG.extractorVersion, _lit(EXTRACTOR_VERSION))
    g.add(d, KG.tripleCount, _lit(triple_count))
    for index, doubt in enumerate(extraction.warnings, start=1):
        _warning(g, d, index, doubt)
    return list(g)


def _warning(g: _Quads, doc: NamedNode, index: int, doubt: Doubt) -> None:
    node = NamedNode(f"{g.graph.value}#warning-{index}")
    g.add(node, RDF.type, _n(KG.Warning))
    g.add(node, KG.aboutDocument, doc)
    g.add(node, KG.lineStart, _lit(max(doubt.line, 1), XSD.positiveInteger))
    g.add(node, RDFS.comment, _lit(doubt.message))


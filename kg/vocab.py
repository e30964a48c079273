"""The vocabularies kg's graph uses. `KG` mirrors kg/ontology.ttl and fails on
unknown terms (tests check that the two agree); the others are standard."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

KG_NS = "https://kg.example/def#"
# Entity IRIs (documents, bodies, meetings, people ...) live under this base.
ID_BASE = "https://kg.example/id/"
ONTOLOGY_GRAPH = "https://kg.example/graph/ontology"

SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
TIME = Namespace("http://www.w3.org/2006/time#")


class KG(DefinedNamespace):
    """kg's own terms; see kg/ontology.ttl for labels and comments."""

    _NS = Namespace(KG_NS)
    _fail = True
    _extras = ["sent-on", "not-treated", "role-formand", "role-naestformand", "role-medformand",
               "role-formandskab", "role-medlem", "role-sekretariat", "role-ankerkommune", "role-borgmester",
               "role-kredsformand",               "role-suppleant", "role-observatoer", "role-gaest",
               "agreement-draft", "agreement-proposed", "agreement-approved", "agreement-in-force"]

    # classes
    Document: URIRef
    Meeting: URIRef
    AgendaItem: URIRef
    Decision: URIRef
    Outcome: URIRef
    RecordKind: URIRef
    Case: URIRef
    Presentation: URIRef
    Attachment: URIRef
    Warning: URIRef
    Attendance: URIRef
    AttendanceStatus: URIRef
    RoleStatement: URIRef
    Appointment: URIRef
    AppointmentStatus: URIRef
    Mention: URIRef
    NameVariant: URIRef
    Municipality: URIRef
    Region: URIRef
    Referral: URIRef
    FlowRule: URIRef
    ReportedDecision: URIRef
    Agreement: URIRef
    AgreementHandling: URIRef
    AgreementStatus: URIRef
    Reading: URIRef
    # concepts
    outcomes: URIRef
    approved: URIRef
    noted: URIRef
    discussed: URIRef
    unclear: URIRef
    none: URIRef
    recordKinds: URIRef
    agenda: URIRef
    minutes: URIRef
    other: URIRef
    attendanceStatuses: URIRef
    present: URIRef
    absent: URIRef
    substitute: URIRef
    partial: URIRef
    attendanceCapacities: URIRef
    member: URIRef
    guest: URIRef
    observer: URIRef
    secretary: URIRef
    appointmentStatuses: URIRef
    proposed: URIRef
    decided: URIRef
    roles: URIRef
    agreementStatuses: URIRef
    # properties
    recordKind: URIRef
    documentedIn: URIRef
    embeddedIn: URIRef
    meeting: URIRef
    number: URIRef
    agendaTitle: URIRef
    presenter: URIRef
    presentation: URIRef
    attachment: URIRef
    decision: URIRef
    recommendationText: URIRef
    decisionText: URIRef
    outcome: URIRef
    sha256: URIRef
    byteSize: URIRef
    encoding: URIRef
    lineCount: URIRef
    extractorVersion: URIRef
    tripleCount: URIRef
    contentHash: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    aboutDocument: URIRef
    foundByPattern: URIRef
    citation: URIRef
    sources: URIRef
    sourcesPerRecord: URIRef
    lookupKey: URIRef
    quote: URIRef
    presenterNames: URIRef
    onBehalfOfName: URIRef
    agendaItem: URIRef
    decidedItem: URIRef
    itemOutcome: URIRef
    standingHandling: URIRef
    otherReading: URIRef
    nameAsWritten: URIRef
    status: URIRef
    substituteForName: URIRef
    substituteFor: URIRef
    group: URIRef
    jobTitle: URIRef
    partyLetter: URIRef
    capacity: URIRef
    partialNote: URIRef
    itemsAttended: URIRef
    itemsMissed: URIRef
    attendedFrom: URIRef
    attendedUntil: URIRef
    person: URIRef
    ends: URIRef
    appointee: URIRef
    target: URIRef
    replacesName: URIRef
    replaces: URIRef
    mentionKind: URIRef
    nameVariant: URIRef
    mergeReason: URIRef
    startBasis: URIRef
    startYear: URIRef
    seenFrom: URIRef
    endBasis: URIRef
    term: URIRef
    inRegion: URIRef
    approvesMinutesOf: URIRef
    fromBody: URIRef
    toBody: URIRef
    sourceMeeting: URIRef
    targetDate: URIRef
    targetMeeting: URIRef
    targetItem: URIRef
    continues: URIRef
    marker: URIRef
    flowStatus: URIRef
    purpose: URIRef
    when: URIRef
    fromDate: URIRef
    nextOutcome: URIRef
    reportedOutcome: URIRef
    scheduledIn: URIRef
    agreement: URIRef
    agreementKind: URIRef
    period: URIRef
    party: URIRef


PREFIXES = {
    "kg": KG_NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "opengov": str(OPENGOV),
    "time": str(TIME),
}

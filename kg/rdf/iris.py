"""IRIs, literals and quad collection shared by the RDF mappings.

IRIs are minted from normalised keys (body key, date, item number, name
slug), never from random ids, so a rebuild gives identical triples:

    id/document/<file-name>                       the document (and its named graph), percent-encoded
    id/document/<file-name>/meta                  its build metadata graph
    id/body/<body-key>                            bodies, regions and health clusters
    id/municipality/<code>
    id/meeting/<body-key>/<yyyy-mm-dd>            (undated: /undated-<doc-slug>-<n>)
    id/meeting/<body-key>/<yyyy-mm-dd>/item/<n>   and .../decision, .../presenter/<n>
    id/meeting/.../attendance/<name-slug>         .../appointment/<appointee>-<body>
    id/meeting/.../item/<n>/flow/<from>-<to>-<yyyy-mm-dd|undated>   a referral
    id/person/<name-slug>                         the canonical spelling's slug
    id/membership/<person>/<body>/<role>
    id/case/<case-number-slug>
    <document IRI>#L<start>-L<end>                a span of source lines
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import XSD

from kg.danish import slug
from kg.model import (
    Agreement, Appointment, Attendance, ItemRef, MeetingRef, Mention, Referral, RoleStatement, Span, cite_line,
)
from kg.vocab import ID_BASE, KG_NS

PEOPLE_GRAPH = NamedNode("https://kg.example/graph/people")
REFERENCE_GRAPH = NamedNode("https://kg.example/graph/reference")
LINKS_GRAPH = NamedNode("https://kg.example/graph/links")
# Every document's facts merged: one node per meeting, item, person, body,
# membership and flow, each fact once, citing all its sources.
MERGED_GRAPH = NamedNode("https://kg.example/graph/merged")

# The link stage mints the same IRIs for every document at each build (a
# body, a meeting, a person is named by hundreds of facts): memoised,
# vocabulary terms cost a fraction (slug is memoised where it is defined).


_TERMS: dict[str, NamedNode] = {}
_TERMS_MAX = 1 << 12


def n(term: str) -> NamedNode:
    """A vocabulary term (a str or an rdflib URIRef) as a NamedNode: one dict
    look-up by the name given, as it is asked for each triple the build
    makes (bounded: a caller passing minted IRIs would fill it)."""
    node = _TERMS.get(term)
    if node is None:
        node = NamedNode(str(term))
        if len(_TERMS) < _TERMS_MAX:
            _TERMS[term] = node
    return node


def lit(value, datatype=None) -> Literal:
    if datatype is not None:
        return Literal(str(value), datatype=n(datatype))
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=n(XSD.boolean))
    if isinstance(value, int):
        return Literal(str(value), datatype=n(XSD.integer))
    return Literal(str(value))


@functools.lru_cache(maxsize=1 << 16)
def document_iri(name: str) -> NamedNode:
    """The file name percent-encoded, not slugged: two file names are two
    documents ("referat 1.txt" and "referat_1.txt" share a slug)."""
    return NamedNode(f"{ID_BASE}document/{_document_key(name)}")


def meta_graph(name: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}document/{_document_key(name)}/meta")


def _document_key(name: str) -> str:
    return quote(name, safe="")


def body_iri(key: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}body/{slug(key)}")


@functools.lru_cache(maxsize=1 << 16)
def meeting_iri(ref: MeetingRef) -> NamedNode:
    when = ref.date.isoformat() if ref.date else f"undated-{slug(ref.fallback)}"
    return NamedNode(f"{ID_BASE}meeting/{slug(ref.body)}/{when}")


def item_iri(ref: ItemRef) -> NamedNode:
    return NamedNode(f"{meeting_iri(ref.meeting).value}/item/{slug(ref.number.replace('.', '-'))}")


def person_iri(key: str) -> NamedNode:
    """A resolved person, by the key kg.resolve gave it (a slug)."""
    return NamedNode(f"{ID_BASE}person/{slug(key)}")


# In the IRI of a person's name variant, and only there: an incremental link
# tells a variant's citations (copied from the people graph, making no span
# node) from a merged fact's by it.
VARIANT_PATH = "/variant/"


def variant_iri(person: NamedNode, key: str) -> NamedNode:
    """One spelling of a person's name, by its slug (numbered when two share one)."""
    return NamedNode(f"{person.value}{VARIANT_PATH}{key}")


def case_iri(number: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}case/{slug(number)}")


def citation(span: Span, pages: tuple[int, ...] = ()) -> str:
    """The one form a source is cited in (the span's first line): `file:line`,
    or `file:page:line` in a paged document (`pages`: each page's first line)."""
    return cite_line(span.doc, span.start, pages)


def lookup_key(label: str) -> str:
    """The form a name, alias or identifier is looked up by (kg:lookupKey in
    the merged graph, and query parameters bound by kg/query.py): lower case,
    so that a query finds a person or body by any spelling in any case with
    one index lookup instead of a scan comparing LCASE(STR(...))."""
    return label.lower()


def span_iri(span: Span) -> NamedNode:
    return NamedNode(f"{document_iri(span.doc).value}#L{span.start}-L{span.end}")


def municipality_iri(code: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}municipality/{code}")


def role_iri(role_value: str) -> NamedNode:
    return NamedNode(f"{KG_NS}role-{slug(role_value)}")


def presentation_iri(item: ItemRef, position: int) -> NamedNode:
    return NamedNode(f"{item_iri(item).value}/presenter/{position}")


def attendance_iri(record: Attendance, person_key: str = "") -> NamedNode:
    """By the name as written in a document graph; by the resolved person
    (`person_key`) in the merged graph, where all spellings are one node."""
    return NamedNode(f"{meeting_iri(record.meeting).value}/attendance/{slug(person_key or record.name)}")


def appointment_iri(appointment: Appointment) -> NamedNode:
    target = appointment.body or appointment.target or "unknown"
    return NamedNode(f"{meeting_iri(appointment.meeting).value}/appointment/"
                     f"{slug(appointment.appointee)}-{slug(target)}")


def role_statement_iri(statement: RoleStatement) -> NamedNode:
    return NamedNode(f"{document_iri(statement.span.doc).value}#role-L{statement.span.start}-"
                     f"{slug(statement.name)}-{slug(statement.body)}-{slug(statement.role.value)}")


def mention_iri(mention: Mention) -> NamedNode:
    return NamedNode(f"{document_iri(mention.span.doc).value}#mention-L{mention.span.start}-{slug(mention.name)}")


def membership_iri(person: str, body: str, role_value: str, term: int = 1) -> NamedNode:
    """A person's term in a role in a body; a second term in the same role
    and body is a node of its own (".../term-2")."""
    tail = f"/term-{term}" if term > 1 else ""
    return NamedNode(f"{ID_BASE}membership/{slug(person)}/{slug(body)}/{slug(role_value)}{tail}")


class Quads:
    """Collects triples into one named graph, once each, in a stable order."""

    def __init__(self, graph: NamedNode, lines: dict[int, str] | None = None,
                 pages: dict[str, tuple[int, ...]] | None = None):
        self.graph = graph
        self.lines = lines or {}  # source lines, for quoting spans
        self.pages = pages or {}  # document name -> its pages' first lines (paged formats)
        # (subject, predicate, object) of shared terms: about a fifth of the
        # memory of a Quad, which copies every term (the merged graph holds
        # millions); the Quads are made as they are read.
        self._seen: dict[tuple, None] = {}

    def cite(self, span: Span) -> str:
        """The span's citation, with its page where the document has pages."""
        return citation(span, self.pages.get(span.doc, ()))

    def add(self, s, p, o) -> None:
        if o is None or (type(o) is Literal and not o.value):
            return
        # Assigned, not setdefault: a triple held keeps its first place.
        self._seen[(s, n(p), o)] = None

    def __iter__(self) -> Iterator[Quad]:
        graph = self.graph
        return (Quad(s, p, o, graph) for s, p, o in self._seen)

    def triples(self) -> Iterable[tuple]:
        """(subject, predicate, object) of each quad, in order, as held: no Quad made."""
        return self._seen.keys()

    def nquad_lines(self, consume: bool = False) -> Iterator[bytes]:
        """Each quad's N-Quads line as kg.store.quad_lines makes it (str of
        the Quad, UTF-8), from the terms themselves: no Quad is made (it
        copies every term). With `consume`, each triple is dropped as its
        line is made, so that the merged graph is never held twice."""
        yield from nquad_lines(_popped(self._seen) if consume else iter(self._seen), self.graph)
        if consume:
            self._seen = {}

    def __len__(self) -> int:
        return len(self._seen)

    def drain(self) -> Iterable[tuple]:
        """Every (subject, predicate, object), this collection emptied: the
        caller holds the only reference to them from then on."""
        seen, self._seen = self._seen, {}
        return seen.keys()


def nquad_lines(triples: Iterable[tuple], graph: NamedNode) -> Iterator[bytes]:
    """The N-Quads lines (str of each Quad, UTF-8) of triples of terms in
    `graph`, made from the terms: no Quad is made (it copies every term)."""
    return (line.encode("utf-8") for line in _nquad_strings(triples, f" {graph}"))


def nquads_text(triples: Iterable[tuple], graph: NamedNode) -> str:
    """The N-Quads document of triples of terms in `graph`: nquad_lines'
    lines, each ended by " .\n", as one text (one join and one encoding for
    the whole graph rather than one of each per line)."""
    return "".join(_nquad_strings(triples, f" {graph} .\n"))


def _nquad_strings(triples: Iterable[tuple], tail: str) -> Iterator[str]:
    """Each triple as "subject predicate object" and `tail`; a subject's
    text made once for its run of triples, a predicate's once."""
    predicates: dict = {}
    last, subject = None, ""
    for s, p, o in triples:
        if s is not last:
            last, subject = s, str(s)
        term = predicates.get(p)
        if term is None:
            term = predicates[p] = str(p)
        yield f"{subject} {term} {o}{tail}"


def _popped(seen: dict) -> Iterator[tuple]:
    """The keys of a dict, each removed as it is given (last first)."""
    while seen:
        yield seen.popitem()[0]


def referral_iri(referral: Referral) -> NamedNode:
    """A flow, by what it says (item, from, to, date, status, purpose, time),
    not by its position in one document, so that every document stating it
    names the same node and two different flows of one item never do."""
    when = referral.target_date.isoformat() if referral.target_date else "undated"
    said = "-".join(slug(part) for part in (referral.status, referral.purpose, referral.when) if part)
    return NamedNode(f"{item_iri(referral.item).value}/flow/{slug(referral.from_body) or 'reported'}-"
                     f"{slug(referral.to_body)}-{when}" + (f"-{said}" if said else "") + ("-rule" if referral.general else ""))


def agreement_iri(key: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}agreement/{slug(key)}")


def agreement_handling_iri(agreement: Agreement) -> NamedNode:
    return NamedNode(f"{item_iri(agreement.item).value}/agreement/{slug(agreement.kind)}")


# What a derived graph's subject belongs to (see subject_owner).
_OWNED = re.compile(r"<" + re.escape(ID_BASE) + r"(?:(meeting/[^/#>]+/[^/#>]+)|person/([^/#>]+)|membership/([^/#>]+)"
                    r"|(body/[^/#>]+|case/[^/#>]+|agreement/[^/#>]+)|(document/[^/#>]+)(#L\d+-L\d+>$)?)")


def subject_owner(key: str) -> str:
    """What a derived graph's subject (its N-Quads term) is computed from,
    for the incremental link stage: "meeting/<body>/<date>" for a meeting and
    everything under it (items, attendance, flows, other readings, warnings),
    "person/<slug>" for a person and their memberships, "body/..", "case/..",
    "agreement/..", "document/<name>" for a document and the facts of its own
    graph, "span" for a span of source lines (kept while something cites it),
    and "" for what no document changes (ontology, municipalities)."""
    found = _OWNED.match(key)
    if found is None:
        return ""
    meeting, person, membership, other, document, span = found.groups()
    if span:
        return "span"
    return meeting or other or document or f"person/{person or membership}"

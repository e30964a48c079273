"""The merged graph: what all documents say, each fact once.

A meeting is described by its agenda, its minutes, the next meeting's agenda
quoting those minutes, a web excerpt ... Each document keeps its own named
graph (provenance, atomic replacement); this graph merges them: one node per
meeting, item, decision, attendance record, appointment, flow, agreement
handling, person, body and membership, with every source it was read from
(`prov:wasDerivedFrom` spans, and `kg:sources`, their `file:line` citations
joined with "; ", the preferred first).

When documents disagree on what a fact is (an item's title or presenters,
its outcome, a person's attendance, a meeting's place or time), the reading
of the preferred document is kept and every other one is recorded as a
`kg:otherReading` with its source, plus a warning. Preferred is: minutes over
an agenda (an agenda never says what happened), the meeting's own document
over one quoting it, then the first document by name. An agenda with no
decision text, or proposing what the minutes decided, does not disagree.
Mentions stay in the document graphs; what they add up to (people,
memberships) is here, with role statements (each once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from importlib.resources import files

from pyoxigraph import NamedNode, Quad, RdfFormat, parse
from rdflib import namespace as _rdflib_namespaces

from kg.resolve import Membership
from kg.model import (
    AgendaItem, Attendance, Body, AttendanceStatus, Doubt, DocumentKind, Extraction, MeetingRef, Outcome, Span,
)
from kg.rdf.documents import (
    DCTERMS, KG, OPENGOV, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, _agreement, _appointment, _attendance, _chain_heads,
    _item, _meeting, _referral, _role_statement, _scheduled, _span, _Terms, add_body,
)
from kg.danish import slug
from kg.rdf.iris import (
    MERGED_GRAPH, Quads, agreement_handling_iri, appointment_iri, attendance_iri, body_iri, document_iri, item_iri,
    lit, lookup_key, meeting_iri, membership_iri, n, nquad_lines, person_iri, presentation_iri, referral_iri, role_statement_iri,
)
from kg.resolve import Resolution, normalize_name
from kg.resolve.agreements import join_agreements

# What the merged graph holds, as a version: bump it when the build writes
# other triples there (new derived facts a query reads), so that a store
# linked by an earlier kg is linked again in full (kg.pipeline.link_digest)
# rather than answering those queries with nothing.
MERGED_FORMAT = "2"

# The vocabularies' terms, each looked up once (see kg.rdf.documents._Terms).
FOAF = _Terms(_rdflib_namespaces.FOAF)


def merged_quads(extractions: list[Extraction], people: Resolution, memberships: list[Membership],
                 shared: Iterable[Quad] = (), about: list[NamedNode] | None = None,
                 partial: frozenset[str] = frozenset(),
                 joined: tuple[dict, list[tuple[NamedNode, Doubt]]] | None = None,
                 consume: bool = False) -> tuple[Iterable[Quad], list[Doubt]]:
    """The merged graph of these documents' facts, with `shared` (the people,
    links and reference graphs' quads) copied in; and the warnings about
    documents that disagree (with, in `about` when given, the node each
    warning is about, in the same order). The `partial` documents hold only
    the facts naming some people (the incremental link stage): only their
    role statements are merged, their meetings only tell which meeting
    record a person's evidence is in. `joined`: the agreement mentions of
    every stored document as joined (agreement_join), when these documents
    are not all of them. With `consume`, the lists `extractions`,
    `memberships` and `shared` are emptied once merged, so that they are freed
    before the derived facts are made (the cold build's peak memory)."""
    merge = _Merge(extractions, people, partial)
    merge.joined = joined
    merge.documents()
    merge.bodies()
    merge.meetings()
    merge.items()
    merge.attendance()
    merge.appointments()
    merge.referrals()
    merge.agreements()
    merge.role_statements()
    merge.memberships(memberships)
    merge.extractions = merge.whole = []
    if consume:
        extractions.clear()
        memberships.clear()
    for quad in [*shared, *_ontology()]:
        merge.g.add(quad.subject, quad.predicate.value, quad.object)
    if consume and isinstance(shared, list):
        shared.clear()
    quads = merge.finish()
    doubts, doubt_nodes = merge.doubts, merge.doubt_nodes
    del merge  # its sources of every node, no longer read
    # One pass over the graph finds what the derived facts below read.
    index = _by_predicate(quads.triples())
    targets = _target_meetings(index, quads.triples())
    for predicate, pairs in _by_predicate(_triples(targets)).items():
        index[predicate] += pairs
    if about is not None:
        about.extend(doubt_nodes)
    return _Graph([quads, targets, _lookup_keys(index), _presenter_names(index), _municipality_names(index),
                   _agenda_items(index), _standing_handlings(index)]), doubts


class _Graph:
    """The merged graph's quads, in parts, read as often as wanted: the bulk
    of it stays in `Quads`' compact form (a whole list of Quad objects at
    N = 10,000 was about a third of the cold build's peak memory)."""

    def __init__(self, parts: list[Iterable[Quad]]):
        self.parts = parts

    def __iter__(self) -> Iterator[Quad]:
        return chain.from_iterable(self.parts)

    def subject_parts(self, lines_per_part: int) -> Iterator[list[bytes]]:
        """The graph's N-Quads lines (as kg.store.quad_lines makes them, unsorted)
        in parts of about `lines_per_part`, every line of a subject in the
        same part, subjects in order (parts of neighbouring subjects are
        quicker to record and to make lines of), the graph emptied as it
        goes: only one part's lines are held at a time, beside the triples
        not yet made into lines (the whole graph's lines were about half of
        the cold build's peak memory at N = 10,000)."""
        by_subject: dict = {}
        for part in self.parts:
            triples = part.drain() if isinstance(part, Quads) else _triples(part)
            for triple in triples:
                found = by_subject.get(triple[0])
                if found is None:
                    by_subject[triple[0]] = [triple]
                else:
                    found.append(triple)
            if isinstance(part, list):
                part.clear()
        self.parts = []
        batch: list[tuple] = []
        for subject in sorted(by_subject, key=str):
            batch += by_subject.pop(subject)
            if len(batch) >= lines_per_part:
                yield _lines_of(batch)  # not held here while the caller loads it
        if batch:
            yield _lines_of(batch)


def _lines_of(batch: list[tuple]) -> list[bytes]:
    """The merged graph's lines of a batch of triples, the batch emptied
    (its triples freed once their lines are made)."""
    lines = list(nquad_lines(batch, MERGED_GRAPH))
    batch.clear()
    return lines


def merge_bodies(g: Quads, bodies: Iterable[Body]) -> None:
    """One name per body (its first occurrence's, documents by name); the
    other names become altLabels."""
    named: dict[str, str] = {}
    for body in bodies:
        if body.key not in named:
            named[body.key] = body.name
            add_body(g, body)
        else:
            for label in {body.name, *body.aliases} - {named[body.key]}:
                g.add(body_iri(body.key), SKOS.altLabel, lit(label))


def body_quads(bodies: Iterable[Body], reference: Iterable[Quad]) -> list[Quad]:
    """The merged graph's quads about the bodies of `bodies` (every
    occurrence of those bodies in the stored documents, documents by name):
    what the documents name them, what the reference graph says of them and
    their lookup keys, as merged_quads writes them; the incremental link
    stage rewrites a body from this, without reading every document naming it."""
    g = Quads(MERGED_GRAPH)
    merge_bodies(g, bodies)
    subjects = {q.subject for q in g}
    for quad in reference:
        if quad.subject in subjects:
            g.add(quad.subject, quad.predicate.value, quad.object)
    return [*g, *_lookup_keys(_by_predicate(g.triples()))]


def _by_predicate(triples: Iterable[tuple]) -> dict[NamedNode, list[tuple]]:
    """(subject, object) of the triples (subject, predicate, object) of each
    predicate the derived facts read, in the graph's order."""
    found: dict[NamedNode, list[tuple]] = {p: [] for p in _INDEXED}
    for s, p, o in triples:
        pairs = found.get(p)
        if pairs is not None:
            pairs.append((s, o))
    return found


def _triples(quads: Iterable[Quad]) -> Iterator[tuple]:
    return ((q.subject, q.predicate, q.object) for q in quads)


# What a flow's target meeting is, when no document or calendar describes it.
TARGET_ONLY_NOTE = "Known only as the meeting a case was sent on to; no document describes it."


def _target_meetings(index: dict[NamedNode, list[tuple]], triples: Iterable[tuple]) -> list[Quad]:
    """A meeting that is only the target of a flow ("sendes videre til KKR's
    møde den 3. maj") becomes a typed kg:Meeting of the receiving body on that
    date, with a note saying so and the flow's sources as its own, so that
    every meeting node has a type (kg validate). The flows' sources are read
    from the graph's `triples`: indexing every node's sources would hold
    one pair per citation of the whole graph."""
    typed = {s for s, _ in index[_RDF_TYPE]}
    flows = {s for s, _ in index[_TARGET_MEETING]}
    by_flow: dict[NamedNode, dict[NamedNode, list]] = {}
    for predicate in (_TARGET_MEETING, _TO_BODY, _TARGET_DATE):
        for s, o in index[predicate]:
            if s in flows:
                by_flow.setdefault(s, {}).setdefault(predicate, []).append(o)
    for s, p, o in triples:
        if p == _DERIVED_FROM and s in flows:
            by_flow[s].setdefault(_DERIVED_FROM, []).append(o)
    g = Quads(MERGED_GRAPH)
    for flow, facts in sorted(by_flow.items(), key=lambda kv: kv[0].value):
        for meeting in facts.get(_TARGET_MEETING, []):
            if meeting in typed:
                continue
            g.add(meeting, RDF.type, n(KG.Meeting))
            for body in facts.get(_TO_BODY, []):
                g.add(meeting, SCHEMA.organizer, body)
            for date in facts.get(_TARGET_DATE, []):
                g.add(meeting, DCTERMS.date, date)
            g.add(meeting, RDFS.comment, lit(TARGET_ONLY_NOTE))
            for span in facts.get(_DERIVED_FROM, []):
                g.add(meeting, PROV.wasDerivedFrom, span)
    return list(g)


_TARGET_MEETING, _TO_BODY, _TARGET_DATE = n(KG.targetMeeting), n(KG.toBody), n(KG.targetDate)
_DERIVED_FROM = n(PROV.wasDerivedFrom)


# Who is looked up by name, and by which of its labels.
_NAMED_TYPES = {n(FOAF.Person), n(ORG.Organization), n(KG.Municipality)}
_LABELS = {n(FOAF.name), n(SKOS.altLabel), n(SKOS.prefLabel), n(DCTERMS.identifier)}


def _lookup_keys(index: dict[NamedNode, list[tuple]]) -> list[Quad]:
    """Each person's, body's and municipality's names, spellings, aliases and
    key lower-cased as kg:lookupKey, so that a query bound to a name starts
    from the one node it names (see kg/query.py)."""
    named = {s for s, o in index[_RDF_TYPE] if o in _NAMED_TYPES}
    keys = {(s, lookup_key(o.value)) for label in _LABELS for s, o in index[label] if s in named}
    return [Quad(s, _LOOKUP_KEY, lit(k), MERGED_GRAPH) for s, k in sorted(keys, key=lambda sk: (sk[0].value, sk[1]))]


def _presenter_names(index: dict[NamedNode, list[tuple]]) -> list[Quad]:
    """Each item's presenters' canonical names in the order named, joined
    with "; " (kg:presenterNames), so that a query bound to one body or
    meeting need not group every item's presenters first."""
    by = {p: {} for p in (_PRESENTATION, _POSITION, _PRESENTER, _NAME)}
    for p, found in by.items():
        for s, o in index[p]:
            found.setdefault(s, []).append(o)
    names: dict[NamedNode, set[tuple[int, str]]] = {}
    for item, presentations in by[_PRESENTATION].items():
        for p in presentations:
            for order in by[_POSITION].get(p, []):
                for person in by[_PRESENTER].get(p, []):
                    for name in by[_NAME].get(person, []):
                        names.setdefault(item, set()).add((int(order.value), name.value))
    return [Quad(item, _PRESENTER_NAMES, lit("; ".join(name for _, name in sorted(pairs))), MERGED_GRAPH)
            for item, pairs in sorted(names.items(), key=lambda kv: kv[0].value)]


def _municipality_names(index: dict[NamedNode, list[tuple]]) -> list[Quad]:
    """The name of the municipality a membership or role statement is on
    behalf of, on the fact itself (kg:onBehalfOfName): Oxigraph evaluates a
    two-pattern OPTIONAL for the whole graph, a one-pattern one per row."""
    names: dict[NamedNode, list[str]] = {}
    for s, o in index[_PREF_LABEL]:
        names.setdefault(s, []).append(o.value)
    found = {(s, name) for s, o in index[_ON_BEHALF_OF] for name in names.get(o, [])}
    return [Quad(s, _ON_BEHALF_OF_NAME, lit(name), MERGED_GRAPH)
            for s, name in sorted(found, key=lambda sn: (sn[0].value, sn[1]))]


def _agenda_items(index: dict[NamedNode, list[tuple]]) -> Quads:
    """Each meeting's agenda items (kg:agendaItem, the inverse of an item's
    kg:meeting; an agenda item is what has a kg:decision), those of them
    whose decision has a text (kg:decidedItem), and each item's outcome
    (kg:itemOutcome, its decision's kg:outcome): a query bound to a body
    reaches its items from its meetings with one index scan a meeting, not
    one look-up an item, and reads the outcome with one look-up, not two
    (see kg/queries/agenda.rq and decisions.rq). Compact triples of the
    graph's own terms, not Quads: 3 x 100,000 of them at N = 10,000."""
    decision_of = _pairs(index[_DECISION])
    outcomes = _pairs(index[_OUTCOME])
    texted = {decision for decision, _ in index[_DECISION_TEXT]}
    g = Quads(MERGED_GRAPH)
    for item, meeting in index[_MEETING]:
        if item in decision_of:
            g.add(meeting, KG.agendaItem, item)
            if any(decision in texted for decision in decision_of[item]):
                g.add(meeting, KG.decidedItem, item)
    for item, decisions in decision_of.items():
        for decision in decisions:
            for outcome in outcomes.get(decision, ()):
                g.add(item, KG.itemOutcome, outcome)
    return g


def _standing_handlings(index: dict[NamedNode, list[tuple]]) -> Quads:
    """Each agreement's handlings its status stands on (kg:standingHandling):
    of its handlings on a dated meeting, those on the latest date among the
    ones that decide something about it (have a kg:status with a notation),
    or, when none does, those on the latest date of all; none when no
    handling's meeting is dated. The agreements query reads these few
    instead of dating every handling of every agreement of a kind on each
    call (see kg/queries/agreements.rq)."""
    meeting_of = _pairs(index[_MEETING])
    date_of = _pairs(index[_DATE])
    noted = {concept for concept, _ in index[_NOTATION]}
    deciding = {handling for handling, status in index[_STATUS] if status in noted}
    # (date, deciding) of each of an agreement's dated handlings.
    dated: dict[NamedNode, dict[NamedNode, set]] = {}
    subjects = _pairs(index[_SUBJECT])
    for handling, agreement in index[_AGREEMENT]:
        for item in subjects.get(handling, ()):
            for meeting in meeting_of.get(item, ()):
                for date in date_of.get(meeting, ()):
                    dated.setdefault(agreement, {}).setdefault(handling, set()).add(date.value)
    g = Quads(MERGED_GRAPH)
    for agreement, handlings in dated.items():
        chosen = {h: dates for h, dates in handlings.items() if h in deciding} or handlings
        latest = max(max(dates) for dates in chosen.values())
        for handling, dates in chosen.items():
            if latest in dates:
                g.add(agreement, KG.standingHandling, handling)
    return g


def _pairs(pairs: list[tuple]) -> dict[NamedNode, list]:
    found: dict[NamedNode, list] = {}
    for s, o in pairs:
        found.setdefault(s, []).append(o)
    return found


_PREF_LABEL, _ON_BEHALF_OF, _ON_BEHALF_OF_NAME = n(SKOS.prefLabel), n(OPENGOV.onBehalfOf), n(KG.onBehalfOfName)
_DECISION, _OUTCOME, _MEETING, _DECISION_TEXT = n(KG.decision), n(KG.outcome), n(KG.meeting), n(KG.decisionText)
_AGREEMENT, _SUBJECT, _DATE, _STATUS = n(KG.agreement), n(DCTERMS.subject), n(DCTERMS.date), n(KG.status)
_NOTATION = n(SKOS.notation)
_PRESENTATION, _POSITION, _PRESENTER = n(KG.presentation), n(SCHEMA.position), n(KG.presenter)
_NAME, _PRESENTER_NAMES = n(FOAF.name), n(KG.presenterNames)
_RDF_TYPE = n(RDF.type)
_LOOKUP_KEY = n(KG.lookupKey)
# The predicates _by_predicate collects.
_INDEXED = (_RDF_TYPE, _TARGET_MEETING, _TO_BODY, _TARGET_DATE, *_LABELS, _PRESENTATION, _POSITION,
            _PRESENTER, _NAME, _PREF_LABEL, _ON_BEHALF_OF, _DECISION, _OUTCOME, _MEETING, _AGREEMENT, _SUBJECT, _DATE,
            _STATUS, _NOTATION, _DECISION_TEXT)


def _ontology() -> list[Quad]:
    """The ontology's triples, so that the merged graph alone carries the
    concepts' labels and notations its queries print."""
    return list(parse(files("kg").joinpath("ontology.ttl").read_bytes(), RdfFormat.TURTLE))


def agreement_join(mentions: list) -> tuple[dict, list[tuple[NamedNode, Doubt]]]:
    """Each agreement mention as joined with the others (kg/resolve/agreements.py),
    and the doubts of the join, each with the node it is about (the handling
    of the mention it names, else its document): agreement_joins, kind after kind."""
    joined: dict = {}
    doubts: list[tuple[NamedNode, Doubt]] = []
    for kind_joined, kind_doubts in agreement_joins(mentions).values():
        joined.update(kind_joined)
        doubts += kind_doubts
    return joined, doubts


def agreement_joins(mentions: list) -> dict[str, tuple[dict, list[tuple[NamedNode, Doubt]]]]:
    """agreement_join of the mentions of each kind, by kind (in the order
    kinds are first mentioned). Mentions of two kinds are never one
    agreement and never doubted against each other (a key starts with its
    kind), so a change to mentions of one kind is joined again alone (the
    incremental link stage); a doubt is about a handling of its own kind."""
    by_kind: dict[str, list] = {}
    for a in mentions:
        by_kind.setdefault(a.kind, []).append(a)
    out = {}
    for kind, group in by_kind.items():
        agreements, doubts = join_agreements(group)
        about = {(a.span.doc, a.span.start): agreement_handling_iri(a) for a in agreements}
        out[kind] = (dict(zip(group, agreements)),
                     [(about.get((d.doc, d.line), document_iri(d.doc)), d) for d in doubts])
    return out


class _Merge:
    """Groups each fact type's facts by the node they describe, keeps the
    preferred document's reading, and cites every source."""

    def __init__(self, extractions: list[Extraction], people: Resolution, partial: frozenset[str] = frozenset()):
        self.extractions = sorted(extractions, key=lambda ex: ex.document.name)
        self.whole = [ex for ex in self.extractions if ex.document.name not in partial]
        self.people = people
        self.g = Quads(MERGED_GRAPH, pages={ex.document.name: ex.document.pages for ex in self.extractions})
        self.doubts: list[Doubt] = []
        self.doubt_nodes: list[NamedNode] = []  # the node each doubt is about
        self.joined = None  # the agreements as joined across all documents (merged_quads)
        self._sources: dict[NamedNode, list[Span]] = {}
        self._standing: dict[tuple[str, MeetingRef], tuple[int, int]] = {}
        self._headers = {ex.document.name: sorted(((m.span.start, m.ref) for m in ex.meetings), key=lambda h: h[0])
                         for ex in self.extractions}
        self._sha = {ex.document.name: ex.document.sha256 for ex in self.extractions}
        for ex in self.extractions:
            for m in ex.meetings:
                self._standing.setdefault((ex.document.name, m.ref),
                                          (0 if m.kind is DocumentKind.MINUTES else 1, 1 if m.embedded_in else 0))

    # -- preference and sources ----------------------------------------------------

    def rank(self, span: Span, meeting: MeetingRef) -> tuple:
        """Lower is preferred: minutes, the meeting's own document, first by name."""
        return (*self._standing.get((span.doc, meeting), (2, 0)), span.doc, span.start)

    def why(self, kept: tuple, other: tuple) -> str:
        if kept[0] != other[0]:
            return "minutes win over an agenda"
        if kept[1] != other[1]:
            return "the meeting's own document wins over a quoted copy"
        return "the first document by name wins"

    def cite(self, node: NamedNode, span: Span) -> None:
        self.g.add(node, PROV.wasDerivedFrom, _span(self.g, span))
        self._sources.setdefault(node, []).append(span)

    def person(self, name: str) -> NamedNode | None:
        key = self.people.key_of.get(normalize_name(name)) if name else None
        return person_iri(key) if key else None

    def person_key(self, name: str) -> str:
        return self.people.key_of.get(normalize_name(name)) or slug(name)

    def merge(self, facts: Iterable, node_of: Callable, meeting_of: Callable, write: Callable,
              same: Callable, reading: Callable, what: Callable, cited: Callable | None = None) -> None:
        """The one merge rule. Facts describing the same node are sorted by
        preference; every fact of the preferred document is written (as its
        own graph has it); another document's fact adds its source, and, when
        no kept fact reads the same, a kg:otherReading and a warning."""
        groups: dict[NamedNode, list] = {}
        for fact in facts:
            groups.setdefault(node_of(fact), []).append(fact)
        for node, group in groups.items():
            group.sort(key=lambda f: self.rank(f.span, meeting_of(f)))
            kept = [f for f in group if f.span.doc == group[0].span.doc]
            for fact in group:
                for target in (cited(node) if cited else (node,)):
                    self.cite(target, fact.span)
                if fact in kept:
                    write(node, fact)
                elif not any(same(k, fact) for k in kept):
                    self.other_reading(node, fact, kept[0], reading, what,
                                       self.why(self.rank(kept[0].span, meeting_of(kept[0])),
                                                self.rank(fact.span, meeting_of(fact))))

    def other_reading(self, node: NamedNode, fact, kept, reading: Callable, what: Callable, why: str) -> None:
        other = NamedNode(f"{node.value}#reading-{slug(fact.span.doc)}-L{fact.span.start}")
        self.g.add(node, KG.otherReading, other)
        self.g.add(other, RDF.type, n(KG.Reading))
        for predicate, value in reading(fact):
            self.g.add(other, predicate, value)
        self.g.add(other, PROV.wasDerivedFrom, _span(self.g, fact.span))
        self.g.add(other, KG.sources, lit(self.g.cite(fact.span)))
        self.doubt_nodes.append(node)
        self.doubts.append(Doubt(fact.span.doc, fact.span.start,
                                 f"{what(fact)} reads differently in {self.g.cite(kept.span)}, "
                                 f"which is kept ({why}): here {what(fact, detail=True)}, "
                                 f"there {what(kept, detail=True)}"))

    def finish(self) -> Quads:
        for node, spans in self._sources.items():
            self.g.add(node, KG.sources, lit("; ".join(dict.fromkeys(self.g.cite(s) for s in spans))))
        # Numbered per node, not across the graph: a warning's IRI then does
        # not change when another meeting's documents change (incremental link).
        numbers: dict[NamedNode, int] = {}
        for node, doubt in zip(self.doubt_nodes, self.doubts):
            numbers[node] = numbers.get(node, 0) + 1
            warning = NamedNode(f"{node.value}#warning-{numbers[node]}")
            self.g.add(warning, RDF.type, n(KG.Warning))
            self.g.add(warning, KG.aboutDocument, document_iri(doubt.doc))
            self.g.add(warning, KG.lineStart, lit(max(doubt.line, 1)))
            self.g.add(warning, RDFS.comment, lit(doubt.message))
        return self.g

    # -- fact types ------------------------------------------------------------------

    def documents(self) -> None:
        for ex in self.whole:
            doc = ex.document
            node = document_iri(doc.name)
            self.g.add(node, RDF.type, n(KG.Document))
            self.g.add(node, DCTERMS.identifier, lit(doc.name))
            self.g.add(node, DCTERMS.title, lit(doc.title))
            if doc.kind is not None:
                self.g.add(node, KG.recordKind, n(KG[doc.kind.value]))

    def bodies(self) -> None:
        merge_bodies(self.g, (body for ex in self.whole for body in ex.bodies))

    def meetings(self) -> None:
        def write(node, m):
            _meeting(self.g, m)

        def also(node, m):
            # Every document of a meeting is listed, whatever it is.
            self.g.add(node, KG.documentedIn, document_iri(m.span.doc))
            self.g.add(node, KG.recordKind, n(KG[m.kind.value]))

        meetings = [m for ex in self.whole for m in ex.meetings]
        for m in meetings:
            also(meeting_iri(m.ref), m)
        self.merge(meetings, lambda m: meeting_iri(m.ref), lambda m: m.ref, write,
                   same=lambda a, b: _agree(a.place, b.place) and _agree(a.start_time, b.start_time),
                   reading=lambda m: [(SCHEMA.location, lit(m.place))],
                   what=lambda m, detail=False: (f"place {m.place!r}, time {m.start_time or '?'}" if detail
                                                 else f"the meeting of {m.ref.body} on {m.ref.date}"))
        for ex in self.whole:
            for s in ex.scheduled:
                _scheduled(self.g, s)

    def items(self) -> None:
        def write(node, item: AgendaItem):
            _item(self.g, item)
            for position, name in enumerate(item.presenters, start=1):
                self.g.add(presentation_iri(item.ref, position), KG.presenter, self.person(name))
                self.g.add(node, KG.presenter, self.person(name))

        def presenters(item: AgendaItem) -> tuple[str, ...]:
            return tuple(self.person_key(p) for p in item.presenters)

        def same(a: AgendaItem, b: AgendaItem) -> bool:
            return (_text(a.title) == _text(b.title)
                    and (not a.presenters or not b.presenters or presenters(a) == presenters(b))
                    and (Outcome.NONE in (a.outcome, b.outcome) or a.outcome == b.outcome))

        def reading(item: AgendaItem):
            return [(DCTERMS.title, lit(item.title)), (KG.outcome, n(KG[item.outcome.value])),
                    *((KG.nameAsWritten, lit(p)) for p in item.presenters)]

        def what(item: AgendaItem, detail=False):
            if detail:
                return f"{item.title!r} v. {', '.join(item.presenters) or '-'}, {item.outcome.value}"
            return f"item {item.ref.number} of {item.ref.meeting.body} on {item.ref.meeting.date}"

        self.merge((i for ex in self.whole for i in ex.items), lambda i: item_iri(i.ref),
                   lambda i: i.ref.meeting, write, same, reading, what,
                   cited=lambda node: (node, NamedNode(f"{node.value}/decision")))

    def attendance(self) -> None:
        def node_of(r: Attendance) -> NamedNode:
            return attendance_iri(r, self.person_key(r.name))

        def write(node, r: Attendance):
            _attendance(self.g, r, node)
            self.g.add(node, KG.person, self.person(r.name))
            if r.substitute_for:
                self.g.add(node, KG.substituteFor, self.person(r.substitute_for))
            if r.status in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE):
                self.g.add(meeting_iri(r.meeting), SCHEMA.attendee, self.person(r.name))

        def same(a: Attendance, b: Attendance) -> bool:
            return a.status == b.status and self.person_key(a.substitute_for) == self.person_key(b.substitute_for)

        self.merge((r for ex in self.whole for r in ex.attendance), node_of, lambda r: r.meeting, write, same,
                   reading=lambda r: [(KG.status, n(KG[r.status.value])), (KG.substituteForName, lit(r.substitute_for))],
                   what=lambda r, detail=False: (f"{r.status.value}" + (f" for {r.substitute_for}" if r.substitute_for
                                                                          else "") if detail else
                                                 f"{r.name} at {r.meeting.body} on {r.meeting.date}"))

    def appointments(self) -> None:
        def write(node, a):
            _appointment(self.g, a)
            if not a.appointee_is_municipality:
                self.g.add(node, KG.appointee, self.person(a.appointee))
            if a.replaces:
                self.g.add(node, KG.replaces, self.person(a.replaces))

        # Proposed in the agenda and decided in the minutes is one appointment, not a conflict.
        self.merge((a for ex in self.whole for a in ex.appointments), appointment_iri, lambda a: a.meeting,
                   write, same=lambda a, b: True, reading=lambda a: [], what=lambda a, detail=False: "")

    def referrals(self) -> None:
        heads = {ex.document.name: _chain_heads(ex.referrals) for ex in self.whole}
        self.merge((r for ex in self.whole for r in ex.referrals), referral_iri, lambda r: r.item.meeting,
                   lambda node, r: _referral(self.g, r, heads[r.span.doc]),
                   same=lambda a, b: True, reading=lambda r: [], what=lambda r, detail=False: "")

    def agreements(self) -> None:
        # An agreement proposed in an agenda and approved in the minutes moves on; the minutes' status is kept.
        # Mentions of one agreement in several meetings are one node (kg/resolve/agreements.py).
        mentions = [a for ex in self.whole for a in ex.agreements]
        joined, doubts = self.joined or agreement_join(mentions)
        agreements = [joined[a] for a in mentions]
        for node, doubt in doubts:
            self.doubt_nodes.append(node)
            self.doubts.append(doubt)
        self.merge(agreements, agreement_handling_iri,
                   lambda a: a.item.meeting, lambda node, a: _agreement(self.g, a),
                   same=lambda a, b: True, reading=lambda a: [], what=lambda a, detail=False: "")

    def role_statements(self) -> None:
        """Who sits for which municipality, which the people query reads: each
        statement once (the first document's, by name), other documents
        saying the same thing add their sources."""
        kept: dict[tuple, NamedNode] = {}
        for ex in self.extractions:
            for st in ex.roles:
                key = (self.person_key(st.name), st.body, st.role, st.date, st.ends, st.municipality)
                if key not in kept:
                    kept[key] = role_statement_iri(st)
                    _role_statement(self.g, st)
                    self.g.add(kept[key], KG.person, self.person(st.name))
                self.cite(kept[key], st.span)

    def memberships(self, memberships: list[Membership]) -> None:
        """Memberships come from the people stage already merged; here they
        get their sources: all of them, the earliest citation (by file name
        and line) first, and per record (kg:sourcesPerRecord): one value per
        meeting or page evidencing the membership, citing the earliest line
        of each document that records it, so copies of one record are one."""
        for m in memberships:
            node = membership_iri(m.person, m.body, m.role.value, m.term)
            records: dict[object, dict[str, Span]] = {}
            for span in sorted(set(m.evidence), key=lambda s: (s.doc, s.start)):
                self.cite(node, span)
                records.setdefault(self.record_of(span), {}).setdefault(span.doc, span)
            for by_doc in records.values():
                self.g.add(node, KG.sourcesPerRecord, lit("; ".join(self.g.cite(by_doc[d]) for d in sorted(by_doc))))

    def record_of(self, span: Span) -> object:
        """The meeting whose record holds this line (the last meeting header
        before it, else the document's first meeting), or, for a page that
        records no meeting, the page's content hash."""
        meetings = self._headers.get(span.doc, [])
        before = [ref for start, ref in meetings if start <= span.start]
        if before:
            return before[-1]
        return meetings[0][1] if meetings else self._sha.get(span.doc, span.doc)


def _text(value: str) -> str:
    return " ".join(value.split()).casefold()


def _agree(a, b) -> bool:
    """Two readings agree when equal or when either says nothing."""
    return not a or not b or (_text(a) == _text(b) if isinstance(a, str) else a == b)

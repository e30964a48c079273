"""What the incremental link stage keeps beside the store: for each stored
document, the keys its facts touch (meetings, flows, names, cases,
agreements, bodies), and the last link stage's people (each spelling's
person key and each person's name), warnings and role-statement owners.

After a change, the dirty keys are those of the documents changed, added or
removed (their old keys from this index, their new ones from their facts);
only the documents sharing a key the rewritten subjects depend on are read
(`plan`), and only the subjects of the dirty keys are rewritten (see
kg/pipeline.py, link_documents). What depends on what:
  - a meeting's subjects (the meeting, its items, attendance, flows,
    decisions, other readings, warnings) on the documents naming that
    meeting (as described, scheduled, sent a case to, reported on); its
    flows' links also on the documents naming each flow's target meeting;
    a meeting that sends a case to a dirty meeting is dirty too (its link
    reads the receiving meeting's items);
  - a person's subjects (person, variants, memberships, role statements)
    on the documents naming any spelling that may be joined to one of its
    spellings, transitively (see `blocks` and kg/resolve/identity.py);
  - an agreement on the documents of every meeting handling a mention
    joined into it (kg/resolve/agreements.py joins mentions across
    documents by topic: the join runs on every mention kept here, and a
    mention joined or doubted otherwise than before makes its meeting and
    agreements dirty); a case on the documents naming it; a body on the
    bodies index kept here, with the bodies it is a unit of or has as units.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.errors import StoreError
from kg.model import Body, DocumentInfo, Doubt, Extraction, Meeting, MeetingRef
from kg.rdf.iris import agreement_iri, body_iri, case_iri, document_iri, meeting_iri
from kg.resolve import normalize_name, same_person, sightings
from kg.resolve.identity import _block_keys as block_keys
from kg.vocab import ID_BASE

# Bumped whenever what the index holds, or how keys are derived, changes:
# an index of another format is not trusted (a full link runs).
INDEX_FORMAT = "5"


def owner(node) -> str:
    """A node's owner key, as kg.rdf.iris.subject_owner names it."""
    return node.value[len(ID_BASE):]


@dataclass(frozen=True, slots=True)
class DocKeys:
    """The keys one stored document's facts touch."""

    sha256: str
    version: str  # the extractor version of its facts
    meetings: frozenset[str]  # meeting owners named anywhere in the facts
    flows: frozenset[tuple[str, str]]  # (source meeting, target meeting) of its flows
    names: frozenset[str]  # people's names as sighted, normalised
    others: frozenset[str]  # case and agreement owners
    handled: frozenset[tuple[str, str]]  # (agreement, meeting of the item handling it)
    bodies: tuple[Body, ...]  # its bodies, in order
    info: DocumentInfo | None = None  # what the document is (citations name its pages)
    meeting_facts: tuple[Meeting, ...] = ()  # its meetings (a person's record is cited by meeting)
    agreements: tuple = ()  # its agreement mentions, in order (joined across documents, kg/resolve/agreements.py)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _meeting_refs(value, found: set[MeetingRef]) -> None:
    """Every MeetingRef reachable from a fact (fields, lists, tuples)."""
    if isinstance(value, MeetingRef):
        found.add(value)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _meeting_refs(v, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        for name in names:
            v = getattr(value, name)
            if v is not None and not isinstance(v, (str, int, float, bool, dt.date, dt.time)):
                _meeting_refs(v, found)


def document_keys(ex: Extraction, sha256: str, version: str) -> DocKeys:
    refs: set[MeetingRef] = set()
    for facts in (ex.meetings, ex.items, ex.attendance, ex.roles, ex.appointments, ex.mentions, ex.referrals,
                  ex.scheduled, ex.agreements):
        _meeting_refs(facts, refs)
    flows = set()
    for r in ex.referrals:
        if r.target_date is not None:
            target = MeetingRef(r.to_body, r.target_date)
            refs.add(target)
            flows.add((owner(meeting_iri(r.item.meeting)), owner(meeting_iri(target))))
    others = {owner(case_iri(number)) for item in ex.items for number in item.case_numbers}
    others |= {owner(agreement_iri(a.key)) for a in ex.agreements}
    handled = {(owner(agreement_iri(a.key)), owner(meeting_iri(a.item.meeting))) for a in ex.agreements}
    return DocKeys(sha256, version, frozenset(owner(meeting_iri(r)) for r in refs), frozenset(flows),
                   frozenset(normalize_name(s.name) for s in sightings([ex])), frozenset(others),
                   frozenset(handled), tuple(ex.bodies), ex.document, tuple(ex.meetings), tuple(ex.agreements))


@dataclass(slots=True)
class LinkIndex:
    """The index of the last complete link stage (see the module docstring)."""

    version: str
    docs: dict[str, DocKeys] = field(default_factory=dict)
    key_of: dict[str, str] = field(default_factory=dict)  # normalised name -> person key
    names: dict[str, str] = field(default_factory=dict)  # person key -> canonical name
    name_warnings: dict[str, list[Doubt]] = field(default_factory=dict)  # resolution warnings by name
    conflicts: dict[str, list[Doubt]] = field(default_factory=dict)  # merge warnings by meeting owner

    def warnings(self) -> list[Doubt]:
        return ordered([w for ws in self.name_warnings.values() for w in ws]
                       + [w for ws in self.conflicts.values() for w in ws])


def ordered(warnings: Iterable[Doubt]) -> list[Doubt]:
    """Warnings in one order, whichever way the link stage ran."""
    return sorted(warnings, key=lambda w: (w.doc, w.line, w.message))


def body_owner(body: Body) -> str:
    return owner(body_iri(body.key))


def doc_owner(name: str) -> str:
    return owner(document_iri(name))


@dataclass(slots=True)
class Plan:
    """What an incremental link rewrites (owners, names) and reads (documents)."""

    meetings: set[str]  # dirty meeting owners
    others: set[str]  # dirty case, agreement and document owners
    bodies: set[str]  # dirty body owners
    names: set[str]  # the names of the dirty resolution blocks
    read: list[str]  # the documents whose facts are read whole, by name
    named: list[str] = field(default_factory=list)  # those read only for the facts naming `names`
    moved: set[str] = field(default_factory=set)  # spellings now naming another person


def plan(docs: dict[str, DocKeys], old: list[DocKeys], new: list[DocKeys], changed: Iterable[str],
         known_names: Iterable[str], meetings: Iterable[str] = (), others: Iterable[str] = (),
         load: Iterable[str] = ()) -> Plan:
    """The dirty keys of the changed documents (old and new keys), and of
    `meetings`, and the documents to read (`docs`: every stored document's
    keys after the change)."""
    touched = [*old, *new]
    by_owner: dict[str, set[str]] = {}
    by_name: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    targets: dict[str, set[str]] = {}
    handling: dict[str, set[str]] = {}
    for name, keys in docs.items():
        for o in (*keys.meetings, *keys.others):
            by_owner.setdefault(o, set()).add(name)
        for n in keys.names:
            by_name.setdefault(n, set()).add(name)
    for keys in [*docs.values(), *old]:
        for source, target in keys.flows:
            sources.setdefault(target, set()).add(source)
            targets.setdefault(source, set()).add(target)
        for agreement, meeting in keys.handled:
            handling.setdefault(agreement, set()).add(meeting)
    meetings = {m for k in touched for m in k.meetings} | set(meetings)
    meetings |= {s for m in list(meetings) for s in sources.get(m, ())}
    others = {o for k in touched for o in k.others} | {doc_owner(n) for n in changed} | set(others)
    bodies = _with_units({body_owner(b) for k in touched for b in k.bodies}, docs.values())
    names = blocks({n for k in touched for n in k.names}, {*known_names, *by_name})
    loaded = set(meetings) | {t for m in meetings for t in targets.get(m, ())} | set(load)
    loaded |= {m for o in others for m in handling.get(o, ())}
    read = {d for o in (*loaded, *others) for d in by_owner.get(o, ())}
    read |= {n for n in changed if n in docs}
    named = {d for n in names for d in by_name.get(n, ())} - read
    return Plan(meetings, others, bodies, names, sorted(read), sorted(named))


def _with_units(bodies: set[str], docs: Iterable[DocKeys]) -> set[str]:
    """Dirty bodies with the bodies they are units of and those bodies' units
    (a chairmanship states its body's org:hasUnit), transitively."""
    links: dict[str, set[str]] = {}
    for keys in docs:
        for b in keys.bodies:
            if b.unit_of:
                unit, parent = body_owner(b), owner(body_iri(b.unit_of))
                links.setdefault(unit, set()).add(parent)
                links.setdefault(parent, set()).add(unit)
    found, todo = set(bodies), list(bodies)
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def blocks(names: set[str], universe: Iterable[str]) -> set[str]:
    """The names of `universe` whose people may depend on `names`: those
    `same_person` may join to one of them, transitively (a name is matched
    only against people holding such a spelling; the blocking keys find the
    candidates, as in resolve_people)."""
    by_key: dict[str, set[str]] = {}
    for n in {*universe, *names}:
        for k in block_keys(n):
            by_key.setdefault(k, set()).add(n)
    found, todo = set(names), list(names)
    while todo:
        name = todo.pop()
        for k in block_keys(name):
            for other in by_key.get(k, ()):
                if other not in found and same_person(name, other):
                    found.add(other)
                    todo.append(other)
    return found


# The fact lists that name people, and the names each fact gives (as
# kg.resolve.sightings reads them).
_NAMING = {
    "items": lambda f: f.presenters,
    "attendance": lambda f: (f.name, f.substitute_for),
    "roles": lambda f: (f.name,),
    "appointments": lambda f: ("" if f.appointee_is_municipality else f.appointee, f.replaces),
    "mentions": lambda f: (f.name, f.written),
}


def _rows(ex: Extraction) -> Iterator[tuple]:
    for kind, names_of in _NAMING.items():
        for position, fact in enumerate(getattr(ex, kind)):
            names = {normalize_name(n) for n in names_of(fact) if n}
            if names:
                data = pickle.dumps(fact, protocol=pickle.HIGHEST_PROTOCOL)
                for name in names:
                    yield name, ex.document.name, kind, position, data


class PeopleFacts:
    """Every fact that names a person, by the name (normalised), in the
    store's link database (kg.store.DERIVED): what a person's people,
    memberships and role statements are computed from, read for the dirty
    names only, without reading every document that names them. Written in
    the link stage's transaction, trusted with the record (the link mark
    names its token)."""

    def __init__(self, connection: sqlite3.Connection):
        self._db = connection
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS facts (name TEXT, doc TEXT, kind TEXT, position INTEGER, "
                             "data BLOB)")
            self._db.execute("CREATE INDEX IF NOT EXISTS facts_by_name ON facts (name)")
            self._db.execute("CREATE INDEX IF NOT EXISTS facts_by_doc ON facts (doc)")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the people's facts beside the store: {exc}") from exc

    def write(self, removed: Iterable[str], added: Iterable[Extraction], everything: bool = False) -> None:
        """Remove the facts of the `removed` documents (all, with
        `everything`), and add those of `added`."""
        try:
            if everything:
                self._db.execute("DELETE FROM facts")
            else:
                self._db.executemany("DELETE FROM facts WHERE doc = ?", [(d,) for d in removed])
            for ex in added:
                self._db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?)", _rows(ex))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the people's facts beside the store: {exc}") from exc

    def naming(self, names: Iterable[str], docs: dict[str, DocKeys], only: set[str]) -> list[Extraction]:
        """For each document of `only`, the facts naming any of `names`, as a
        partial extraction (with its document and meetings), in fact order."""
        found: dict[str, dict[str, dict[int, bytes]]] = {}
        names = sorted(names)
        for start in range(0, len(names), 500):
            chunk = names[start:start + 500]
            rows = self._db.execute(f"SELECT doc, kind, position, data FROM facts WHERE name IN "
                                    f"({','.join('?' * len(chunk))})", chunk)
            for doc, kind, position, data in rows:
                if doc in only:
                    found.setdefault(doc, {}).setdefault(kind, {})[position] = data
        out = []
        for doc in sorted(found):
            keys = docs[doc]
            facts = {kind: [pickle.loads(by_position[p]) for p in sorted(by_position)]
                     for kind, by_position in found[doc].items()}
            out.append(Extraction(document=keys.info, meetings=list(keys.meeting_facts), **facts))
        return out

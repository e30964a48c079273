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
import enum
import pickle
import re
import sqlite3
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.errors import StoreError
from kg.model import Body, DocumentInfo, Doubt, Extraction, Meeting, MeetingRef
from pyoxigraph import NamedNode

from kg.rdf.merged import agreement_joins
from kg.rdf.iris import agreement_iri, body_iri, case_iri, document_iri, meeting_iri
from kg.resolve import normalize_name, same_person, sightings
from kg.resolve.identity import _block_keys as block_keys
from kg.resolve.memberships import NAMING
from kg.vocab import ID_BASE

# Bumped whenever what the index holds, or how keys are derived, changes:
# an index of another format is not trusted (a full link runs).
INDEX_FORMAT = "9"


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
            names = _FIELDS[type(value)] = _ref_fields(type(value))
        for name in names:
            v = getattr(value, name)
            if v is not None and not isinstance(v, (str, int, float, bool, dt.date, dt.time)):
                _meeting_refs(v, found)


def _ref_fields(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass whose declared type may hold a MeetingRef:
    a fact's span, names, dates and enums are not walked (most of its fields)."""
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in dataclasses.fields(cls) if _may_hold_ref(hints.get(f.name, object), set()))


def _may_hold_ref(kind, seen: set) -> bool:
    """Whether a value of this declared type may be or contain a MeetingRef
    (an undeclared or unknown type may)."""
    if kind is MeetingRef:
        return True
    if kind in _NO_REF or (isinstance(kind, type) and issubclass(kind, enum.Enum)):
        return False
    if typing.get_origin(kind) is not None:
        return any(_may_hold_ref(arg, seen) for arg in typing.get_args(kind) if arg is not Ellipsis)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if kind in seen:  # a type holding itself holds a MeetingRef only through its other fields
            return False
        seen.add(kind)
        hints = typing.get_type_hints(kind)
        return any(_may_hold_ref(hints.get(f.name, object), seen) for f in dataclasses.fields(kind))
    return True


# Declared types that hold no MeetingRef.
_NO_REF = frozenset({str, int, float, bool, bytes, dt.date, dt.time, dt.datetime, type(None)})


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


def plan(view: KeyView, old: list[DocKeys], new: list[DocKeys], changed: Iterable[str],
         meetings: Iterable[str] = (), others: Iterable[str] = (), load: Iterable[str] = ()) -> Plan:
    """The dirty keys of the changed documents (old and new keys), and of
    `meetings`, and the documents to read (`view`: every stored document's
    keys after the change, looked up by key, not read whole)."""
    touched = [*old, *new]
    meetings = {m for k in touched for m in k.meetings} | set(meetings)
    sources = view.pairs("flow", meetings)
    meetings |= {s for m in list(meetings) for s in sources.get(m, ())}
    others = {o for k in touched for o in k.others} | {doc_owner(n) for n in changed} | set(others)
    bodies = _with_units({body_owner(b) for k in touched for b in k.bodies}, view)
    names = blocks({n for k in touched for n in k.names}, view)
    targets = view.pairs("flowsrc", meetings)
    handling = view.pairs("handled", others)
    loaded = set(meetings) | {t for m in meetings for t in targets.get(m, ())} | set(load)
    loaded |= {m for o in others for m in handling.get(o, ())}
    read = view.docs_with("owner", loaded | others)
    read |= {n for n in changed if view.has(n)}
    named = view.docs_with("name", names) - read
    return Plan(meetings, others, bodies, names, sorted(read), sorted(named))


def _with_units(bodies: set[str], view: KeyView) -> set[str]:
    """Dirty bodies with the bodies they are units of and those bodies' units
    (a chairmanship states its body's org:hasUnit), transitively."""
    found, todo = set(bodies), set(bodies)
    while todo:
        links = view.pairs("unit", todo)
        todo = {other for b in todo for other in links.get(b, ())} - found
        found |= todo
    return found


def blocks(names: set[str], view: KeyView) -> set[str]:
    """The names of the index whose people may depend on `names`: those
    `same_person` may join to one of them, transitively (a name is matched
    only against people holding such a spelling; the blocking keys find the
    candidates, as in resolve_people)."""
    found, todo = set(names), set(names)
    while todo:
        keys = {n: block_keys(n) for n in todo}
        by_key = view.block_names({k for ks in keys.values() for k in ks}, found)
        grown = set()
        for name in sorted(todo):
            for k in keys[name]:
                for other in by_key.get(k, ()):
                    if other not in found and same_person(name, other):
                        found.add(other)
                        grown.add(other)
        todo = grown
    return found


def _key_rows(name: str, keys: DocKeys) -> Iterator[tuple[str, str, str, str]]:
    """(kind, key, value, document) rows of one document's keys, for lookups by key."""
    for o in (*keys.meetings, *keys.others):
        yield "owner", o, "", name
    for n in keys.names:
        yield "name", n, "", name
    for source, target in keys.flows:
        yield "flow", target, source, name
        yield "flowsrc", source, target, name
    for agreement, meeting in keys.handled:
        yield "handled", agreement, meeting, name
    for b in keys.bodies:
        if b.unit_of:
            unit, parent = body_owner(b), owner(body_iri(b.unit_of))
            yield "unit", unit, parent, name
            yield "unit", parent, unit, name
        yield "body", body_owner(b), "", name


def _chunks(values: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    values = sorted(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class IndexDb:
    """The index of the last complete link stage as rows of the store's link
    database (kg.store.DERIVED), one document's keys a row, with each key
    also a row of its own for lookups: an incremental link reads the rows of
    the keys it touches and writes those of the documents that changed, in
    the link stage's transaction (trusted, like the rest of the database,
    only when the link mark names its token)."""

    _TABLES = (
        "CREATE TABLE IF NOT EXISTS idx_meta (version TEXT)",
        "CREATE TABLE IF NOT EXISTS idx_docs (name TEXT PRIMARY KEY, sha256 TEXT, version TEXT, data BLOB, "
        "head BLOB) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS idx_keys (kind TEXT, key TEXT, value TEXT, doc TEXT)",
        "CREATE INDEX IF NOT EXISTS idx_keys_by_key ON idx_keys (kind, key)",
        "CREATE INDEX IF NOT EXISTS idx_keys_by_doc ON idx_keys (doc)",
        "CREATE TABLE IF NOT EXISTS idx_mentions (doc TEXT, position INTEGER, kind TEXT, data BLOB, joined BLOB, "
        "PRIMARY KEY (doc, position)) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS idx_mentions_by_kind ON idx_mentions (kind)",
        "CREATE TABLE IF NOT EXISTS idx_join_doubts (kind TEXT, node TEXT, doc TEXT, line INTEGER, message TEXT)",
        "CREATE TABLE IF NOT EXISTS idx_people (name TEXT PRIMARY KEY, key TEXT) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS idx_persons (key TEXT PRIMARY KEY, name TEXT, base TEXT) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS idx_persons_by_base ON idx_persons (base)",
        "CREATE TABLE IF NOT EXISTS idx_blocks (block TEXT, name TEXT, PRIMARY KEY (block, name)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS idx_universe (name TEXT PRIMARY KEY) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS idx_warnings (kind TEXT, owner TEXT, doc TEXT, line INTEGER, message TEXT)",
        "CREATE INDEX IF NOT EXISTS idx_warnings_by_owner ON idx_warnings (kind, owner)",
    )

    def __init__(self, connection: sqlite3.Connection):
        self._db = connection
        try:
            self._drop_older_tables()
            for statement in self._TABLES:
                self._db.execute(statement)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the link index beside the store: {exc}") from exc

    def _drop_older_tables(self) -> None:
        """The agreement tables of an index before format 9 (no kind
        column) go, with its version: a full link writes them anew."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(idx_mentions)")}
        if columns and "kind" not in columns:
            for table in ("idx_mentions", "idx_join_doubts", "idx_meta"):
                self._db.execute(f"DROP TABLE IF EXISTS {table}")

    def _run(self, sql: str, rows=None):
        try:
            return self._db.execute(sql) if rows is None else self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the link index beside the store: {exc}") from exc

    @property
    def version(self) -> str:
        row = self._db.execute("SELECT version FROM idx_meta").fetchone()
        return row[0] if row else ""

    def replace(self, index: LinkIndex) -> None:
        """Every row from a full link's index."""
        for table in ("idx_meta", "idx_docs", "idx_keys", "idx_mentions", "idx_join_doubts", "idx_people",
                      "idx_persons", "idx_blocks", "idx_universe", "idx_warnings"):
            self._run(f"DELETE FROM {table}")
        self._run("INSERT INTO idx_meta VALUES (?)", [(index.version,)])
        joined, doubts = join_mentions([(name, i, a) for name in sorted(index.docs)
                                        for i, a in enumerate(index.docs[name].agreements)])
        self.set_docs((), index.docs, joined)
        self.set_joined({}, doubts, doubts)
        self.set_people((), index.key_of, (), index.names)
        self.add_universe({*index.key_of, *(n for k in index.docs.values() for n in k.names)})
        self.set_warnings("name", (), index.name_warnings)
        self.set_warnings("conflict", (), index.conflicts)

    # -- documents -------------------------------------------------------------

    def _select_in(self, sql: str, values: Iterable[str], *before: str) -> Iterator[tuple]:
        """The rows of `sql` for `values`, its `IN ({})` filled with a mark per
        value, a chunk of values at a time (SQLite takes a bounded number of
        parameters); `before`: the parameters ahead of them."""
        for chunk in _chunks(set(values)):
            yield from self._db.execute(sql.format(",".join("?" * len(chunk))), (*before, *chunk))

    def versions(self) -> dict[str, tuple[str, str]]:
        """Each indexed document's (content hash, extractor version)."""
        return {name: (sha, version) for name, sha, version in self._db.execute(
            "SELECT name, sha256, version FROM idx_docs")}

    def docs(self, names: Iterable[str]) -> dict[str, DocKeys]:
        return {name: pickle.loads(data) for name, data in self._select_in(
            "SELECT name, data FROM idx_docs WHERE name IN ({})", names)}

    def heads(self, names: Iterable[str]) -> dict[str, tuple]:
        """(document info, meetings) of each of `names`: what a partial
        extraction of a document carries (PeopleFacts.naming)."""
        return {name: pickle.loads(head) for name, head in self._select_in(
            "SELECT name, head FROM idx_docs WHERE name IN ({})", names)}

    def set_docs(self, removed: Iterable[str], added: dict[str, DocKeys],
                 joined: dict[tuple[str, int], object]) -> None:
        """Forget the rows of the `removed` documents, and record those of
        `added`, with their agreement mentions as `joined` joins them."""
        gone = [(name,) for name in {*removed, *added}]
        for table, column in (("idx_docs", "name"), ("idx_keys", "doc"), ("idx_mentions", "doc")):
            self._run(f"DELETE FROM {table} WHERE {column} = ?", gone)
        self._run("INSERT INTO idx_docs VALUES (?, ?, ?, ?, ?)",
                  [(name, k.sha256, k.version, _dumps(k), _dumps((k.info, k.meeting_facts)))
                   for name, k in added.items()])
        self._run("INSERT INTO idx_keys VALUES (?, ?, ?, ?)",
                  [row for name, k in added.items() for row in _key_rows(name, k)])
        self._run("INSERT INTO idx_mentions VALUES (?, ?, ?, ?, ?)",
                  [(name, i, a.kind, _dumps(a), _dumps(joined[(name, i)]))
                   for name, k in added.items() for i, a in enumerate(k.agreements)])

    def joined(self, kinds: Iterable[str]) -> dict[tuple[str, int], object]:
        """The last link's join (join_mentions) of the agreement mentions of
        `kinds` (its doubts: `doubts`)."""
        return {(doc, position): pickle.loads(data) for doc, position, data in self._select_in(
            "SELECT doc, position, joined FROM idx_mentions WHERE kind IN ({}) ORDER BY doc, position", kinds)}

    def joined_in(self, docs: Iterable[str]) -> dict[tuple[str, int], object]:
        """The last link's join of every agreement mention of `docs`."""
        return {(doc, position): pickle.loads(data) for doc, position, data in self._select_in(
            "SELECT doc, position, joined FROM idx_mentions WHERE doc IN ({})", docs)}

    def doubts(self) -> dict[str, list[tuple[NamedNode, Doubt]]]:
        """The last link's join doubts, by kind, in the join's order."""
        found: dict[str, list[tuple[NamedNode, Doubt]]] = {}
        for kind, node, doc, line, message in self._db.execute(
                "SELECT kind, node, doc, line, message FROM idx_join_doubts ORDER BY rowid"):
            found.setdefault(kind, []).append((NamedNode(node), Doubt(doc, line, message)))
        return found

    def set_joined(self, joined: dict[tuple[str, int], object], doubts: dict[str, list[tuple[NamedNode, Doubt]]],
                   kinds: Iterable[str]) -> None:
        """Record the join of the mentions `joined` names, and the join's
        doubts of `kinds` (by kind; a kind without doubts now loses its own)."""
        self._run("UPDATE idx_mentions SET joined = ? WHERE doc = ? AND position = ?",
                  [(_dumps(a), doc, i) for (doc, i), a in joined.items()])
        self._run("DELETE FROM idx_join_doubts WHERE kind = ?", [(kind,) for kind in kinds])
        self._run("INSERT INTO idx_join_doubts VALUES (?, ?, ?, ?, ?)",
                  [(kind, node.value, d.doc, d.line, d.message) for kind in kinds for node, d in doubts.get(kind, [])])

    def rows(self, kind: str, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        """(key, value, document) of the rows of `kind` with one of `keys`."""
        return list(self._select_in("SELECT key, value, doc FROM idx_keys WHERE kind = ? AND key IN ({})", keys, kind))

    def mentions(self, kinds: Iterable[str]) -> list[tuple[str, int, object]]:
        """Every agreement mention of `kinds`, by document and position."""
        return sorted(((doc, position, pickle.loads(data)) for doc, position, data in self._select_in(
            "SELECT doc, position, data FROM idx_mentions WHERE kind IN ({})", kinds)), key=lambda m: m[:2])

    # -- people ------------------------------------------------------------------

    def key_of(self, names: Iterable[str]) -> dict[str, str]:
        """The person key of each of `names` the last link resolved."""
        return dict(self._select_in("SELECT name, key FROM idx_people WHERE name IN ({})", names))

    def person_names(self, keys: Iterable[str]) -> dict[str, str]:
        return dict(self._select_in("SELECT key, name FROM idx_persons WHERE key IN ({})", keys))

    def keys_with_bases(self, bases: Iterable[str]) -> set[str]:
        """The person keys whose base (see pipeline._base) is one of `bases`."""
        return {row[0] for row in self._select_in("SELECT key FROM idx_persons WHERE base IN ({})", bases)}

    def set_people(self, names: Iterable[str], key_of: dict[str, str], keys: Iterable[str],
                   person_names: dict[str, str]) -> None:
        """Forget the spellings `names` and the persons `keys`, then record
        `key_of` (spelling -> key) and `person_names` (key -> name)."""
        self._run("DELETE FROM idx_people WHERE name = ?", [(n,) for n in names])
        self._run("DELETE FROM idx_persons WHERE key = ?", [(k,) for k in keys])
        self._run("INSERT OR REPLACE INTO idx_people VALUES (?, ?)", list(key_of.items()))
        self._run("INSERT OR REPLACE INTO idx_persons VALUES (?, ?, ?)",
                  [(k, n, key_base(k)) for k, n in person_names.items()])

    def block_names(self, keys: set[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for block, name in self._select_in("SELECT block, name FROM idx_blocks WHERE block IN ({})", keys):
            found.setdefault(block, set()).add(name)
        return found

    def add_universe(self, names: Iterable[str]) -> None:
        """Names blocking may reach (a name once known stays: an extra
        candidate only makes a dirty block larger, never wrong)."""
        names = set(names)
        known = {row[0] for row in self._select_in("SELECT name FROM idx_universe WHERE name IN ({})", names)}
        fresh = sorted(names - known)
        self._run("INSERT INTO idx_universe VALUES (?)", [(n,) for n in fresh])
        self._run("INSERT OR IGNORE INTO idx_blocks VALUES (?, ?)", [(k, n) for n in fresh for k in block_keys(n)])

    # -- warnings ----------------------------------------------------------------

    def set_warnings(self, kind: str, owners: Iterable[str], warnings: dict[str, list[Doubt]]) -> None:
        """Forget the warnings of `owners`, then record `warnings` by owner."""
        self._run("DELETE FROM idx_warnings WHERE kind = ? AND owner = ?", [(kind, o) for o in owners])
        self._run("INSERT INTO idx_warnings VALUES (?, ?, ?, ?, ?)",
                  [(kind, o, w.doc, w.line, w.message) for o, ws in warnings.items() for w in ws])

    def warnings(self) -> list[Doubt]:
        return ordered(Doubt(doc, line, message) for doc, line, message in self._db.execute(
            "SELECT doc, line, message FROM idx_warnings"))


def join_mentions(mentions: list[tuple[str, int, object]]) -> tuple[dict[tuple[str, int], object], dict[str, list]]:
    """The agreement mentions (document, position, mention), in that order,
    as joined across them, and the join's doubts with their nodes, by kind
    (agreement_joins: each kind is joined alone)."""
    joined: dict = {}
    doubts: dict[str, list] = {}
    for kind, (kind_joined, kind_doubts) in agreement_joins([a for _, _, a in mentions]).items():
        joined.update(kind_joined)
        doubts[kind] = kind_doubts
    return {(doc, i): joined[a] for doc, i, a in mentions}, doubts


def key_base(key: str) -> str:
    """A person key without the number that tells apart people of one slug."""
    return re.sub(r"-\d+$", "", key)


class KeyView:
    """Every stored document's keys after a change: the index's rows but the
    changed documents', and the changed documents' new keys (`new`)."""

    def __init__(self, db: IndexDb, changed: set[str], new: dict[str, DocKeys], current: set[str]):
        self.db, self.changed, self.new, self.current = db, changed, new, current
        self._new_rows = [row for name, k in new.items() for row in _key_rows(name, k)]

    def has(self, name: str) -> bool:
        return name in self.current

    def docs_with(self, kind: str, keys: set[str]) -> set[str]:
        """The documents (after the change) with a row of `kind` for one of `keys`."""
        found = {doc for _, _, doc in self.db.rows(kind, keys) if doc not in self.changed}
        return found | {doc for k, key, _, doc in self._new_rows if k == kind and key in keys}

    def pairs(self, kind: str, keys: set[str]) -> dict[str, set[str]]:
        """key -> values of the rows of `kind`, before or after the change."""
        found: dict[str, set[str]] = {}
        for key, value, _ in self.db.rows(kind, keys):
            found.setdefault(key, set()).add(value)
        for k, key, value, _ in self._new_rows:
            if k == kind and key in keys:
                found.setdefault(key, set()).add(value)
        return found

    def block_names(self, keys: set[str], extra: set[str]) -> dict[str, set[str]]:
        """block key -> names of the index, of the new documents and of `extra`, for `keys`."""
        found = self.db.block_names(keys)
        for name in {*extra, *(n for k in self.new.values() for n in k.names)}:
            for k in block_keys(name) & keys:
                found.setdefault(k, set()).add(name)
        return found

    def get(self, name: str) -> DocKeys:
        return self.new[name] if name in self.new else self.db.docs([name])[name]

    def docs(self, names: Iterable[str]) -> dict[str, DocKeys]:
        names = set(names)
        found = {n: self.new[n] for n in names if n in self.new}
        found.update(self.db.docs(names - found.keys()))
        return found

    def heads(self, names: Iterable[str]) -> dict[str, tuple]:
        names = set(names)
        found = {n: (self.new[n].info, self.new[n].meeting_facts) for n in names if n in self.new}
        found.update(self.db.heads(names - found.keys()))
        return found


def people_head(keys: DocKeys) -> tuple:
    """What the people's subjects read of a document besides its facts naming
    them (see PeopleFacts.naming and kg/rdf/merged.py): its pages (citations)
    and kind, and where each of its meetings starts, with the meeting's
    reference, kind and embedding (which meeting record a line is in, and
    which document is preferred). Not its hash, size or line count."""
    info = keys.info
    return (info.name, info.kind, info.pages) if info else None, \
        tuple((m.ref, m.span.start, m.kind, m.embedded_in) for m in keys.meeting_facts)


def _names_by_kind() -> dict:
    """Each fact list that names people, with the names one of its facts
    gives (kg.resolve.memberships.NAMING, the rule sightings reads)."""
    rules: dict[str, list] = {}
    for kind, names in NAMING:
        rules.setdefault(kind, []).append(names)
    return {kind: (lambda fact, fs=tuple(fs): [name for f in fs for name, _ in f(fact)]) for kind, fs in rules.items()}


_NAMING = _names_by_kind()


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

    def changed_names(self, doc: str, ex: Extraction) -> set[str]:
        """The names whose facts in document `doc` (as stored) differ from
        those of `ex`, its new extraction: kind, position or content."""
        def by_name(rows) -> dict[str, dict[tuple[str, int], bytes]]:
            found: dict[str, dict[tuple[str, int], bytes]] = {}
            for name, kind, position, data in rows:
                found.setdefault(name, {})[(kind, position)] = data
            return found
        old = by_name(self._db.execute("SELECT name, kind, position, data FROM facts WHERE doc = ?", (doc,)))
        new = by_name((name, kind, position, data) for name, _, kind, position, data in _rows(ex))
        changed = set()
        for name in old.keys() | new.keys():
            before, after = old.get(name, {}), new.get(name, {})
            if before == after:
                continue
            # The same facts may pickle to other bytes (shared objects): compared as facts.
            if before.keys() != after.keys() or any(
                    before[k] != after[k] and pickle.loads(before[k]) != pickle.loads(after[k]) for k in before):
                changed.add(name)
        return changed

    def naming(self, names: Iterable[str], docs: KeyView, only: set[str]) -> list[Extraction]:
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
        heads = docs.heads(found)
        for doc in sorted(found):
            info, meetings = heads[doc]
            facts = {kind: [pickle.loads(by_position[p]) for p in sorted(by_position)]
                     for kind, by_position in found[doc].items()}
            out.append(Extraction(document=info, meetings=list(meetings), **facts))
        return out

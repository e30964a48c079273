"""The main job: read -> segment -> extract -> map -> load, per document.

One bad document never stops the build: it is reported (file and problem)
and the store keeps whatever it held for that document before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import gc
import hashlib
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, serialize

from kg import EXTRACTOR_VERSION, __version__, facts_json
from kg.errors import InputError, KgError
from kg.extract import extract
from kg.filehashes import FileHashes
from kg.model import Doubt, Extraction
from kg.resolve import derive_memberships, sightings
from kg.resolve import case_links
from kg.rdf import (
    LINKS_GRAPH, MERGED_GRAPH, PEOPLE_GRAPH, REFERENCE_GRAPH, document_quads, links_quads, merged_quads,
    metadata_quads, nquads, occurrence_quads, person_quads, reference_quads,
)
from kg.read import MAX_PACKED_BYTES, MAX_TEXT_BYTES, SourceText, read_bytes, sniff
from kg.resolve import Person, Resolution, normalize_name, resolve_people
from kg.segment import segment
from kg.store import PART_LINES, DocumentSpool, GraphStore, NewDocument, StoredDocument, _by_subject
from kg.linkindex import (
    INDEX_FORMAT, DocKeys, IndexDb, KeyView, LinkIndex, body_owner, document_keys, join_mentions, key_base, owner,
    PeopleFacts, people_head, plan,
)
from kg.rdf.iris import VARIANT_PATH, agreement_iri, meeting_iri, n, subject_owner
from kg.rdf.merged import MERGED_FORMAT, body_quads
from kg.danish import slug
from kg.vocab import KG
from rdflib.namespace import PROV

# File endings taken from a folder; files named explicitly are always read.
TEXT_SUFFIXES = (".txt", ".md", ".text")
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx", ".html", ".htm")
# Seconds one document may take from reading to its quads; a document that
# takes longer makes the extractors backtrack, and is reported instead.
DEFAULT_TIME_LIMIT = 20.0


@dataclass(slots=True)
class DocumentResult:
    """What happened to one input file: "built", "unchanged", "duplicate"
    (same content as another file in the build) or "failed"."""

    path: Path
    status: str
    meetings: int = 0
    items: int = 0
    triples: int = 0
    encoding: str = ""
    warnings: list[Doubt] = field(default_factory=list)
    error: str = ""
    same_as: str = ""  # for "duplicate": the file whose content it repeats
    sha256: str = ""
    recognised: int = 0  # meetings with a body or a date read from the text
    read_warnings: list[Doubt] = field(default_factory=list)  # problems of the file itself (truncated ...)
    named: str = ""  # the document's name when it is not the file name (see document_names)

    @property
    def name(self) -> str:
        return self.named or document_name(self.path)


@dataclass(slots=True)
class BuildReport:
    """The outcome of a build, document by document."""

    results: list[DocumentResult] = field(default_factory=list)
    people: Resolution | None = None
    pruned: list[str] = field(default_factory=list)  # stored documents removed by --prune
    absent: list[str] = field(default_factory=list)  # stored documents not in this build (kept)
    # (new name, stored name): built documents whose content the store holds
    # under a name that was not in this build (a renamed or copied file)
    renamed: list[tuple[str, str]] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status == "failed"]

    def total(self, attribute: str) -> int:
        return sum(getattr(r, attribute) for r in self.results)

    @property
    def warnings(self) -> list[Doubt]:
        """Doubts of the documents built, and of resolving people."""
        return [w for r in self.results for w in r.warnings] + (self.people.warnings if self.people else [])


def document_name(path: Path) -> str:
    """A document's name: its file name, with bytes that are not UTF-8
    (a file name from another system) shown as \\xNN so it can be printed
    and stored, and still tells two such names apart."""
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def document_names(files: Iterable[Path]) -> dict[Path, str]:
    """Each file's document name: its file name, except for files that share
    one (a `referat.txt` in two folders), which are told apart by as many of
    their folders as it takes (`2021/referat.txt`, `2022/referat.txt`): two
    files are always two documents."""
    by_name: dict[str, list[Path]] = {}
    for path in files:
        by_name.setdefault(document_name(path), []).append(path)
    names = {}
    for name, group in by_name.items():
        if len(group) == 1:
            names[group[0]] = name
            continue
        parts = [Path(os.path.abspath(path)).parts for path in group]
        for depth in range(2, max(len(p) for p in parts) + 1):
            labels = ["/".join(p[-depth:]) for p in parts]
            if len(set(labels)) == len(labels):
                break
        for path, label in zip(group, labels):
            names[path] = os.fsencode(label).decode("utf-8", "backslashreplace")
    return names


def display(path: Path | str) -> str:
    """A path as it can be printed, whatever bytes its name holds."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


@dataclass(slots=True)
class Collected:
    """The files found under the given paths, and the paths that could not
    be searched (an unreadable folder, a symlink loop), as failed results."""

    files: list[Path] = field(default_factory=list)
    problems: list[DocumentResult] = field(default_factory=list)
    names: dict[Path, str] = field(default_factory=dict)  # each file's document name


def collect(paths: Iterable[str | Path]) -> Collected:
    """Files to build from: each file as given, and the documents (.txt, .md,
    .text, .pdf, .docx, .html) in each folder, recursively, sorted by path;
    hidden files and folders are skipped. Folders that cannot be read and
    symlink loops are reported, not skipped in silence."""
    out = Collected()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            _walk(path, path, out, set())
        elif not path.exists() and not path.is_symlink():
            out.problems.append(DocumentResult(path, "failed", error=f"{display(path)}: no such file or folder"))
        else:
            out.files.append(path)
    out.files = list(dict.fromkeys(out.files))
    out.names = document_names(out.files)
    return out


def _walk(folder: Path, top: Path, out: Collected, seen: set[tuple[int, int]]) -> None:
    try:
        info = folder.stat()
    except OSError as exc:
        out.problems.append(_unreadable(folder, exc))
        return
    if (info.st_dev, info.st_ino) in seen:
        out.problems.append(DocumentResult(folder, "failed", error=f"{display(folder)}: symlink loop (this folder "
                                           "contains itself); not searched again"))
        return
    seen = seen | {(info.st_dev, info.st_ino)}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        out.problems.append(_unreadable(folder, exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            out.problems.append(_unreadable(path, exc))
            continue
        if is_dir:
            _walk(path, top, out, seen)
        elif is_file and path.suffix.lower() in DOCUMENT_SUFFIXES:
            out.files.append(path)
        elif entry.is_symlink() and not path.exists() and path.suffix.lower() in DOCUMENT_SUFFIXES:
            out.problems.append(DocumentResult(path, "failed", error=f"{display(path)}: broken symlink (its "
                                               "target does not exist)"))


def _unreadable(path: Path, exc: OSError) -> DocumentResult:
    if exc.errno == errno.ELOOP:
        problem = "symlink loop; not searched"
    else:
        problem = f"folder cannot be read ({exc.strerror or exc}); its documents are not built"
    return DocumentResult(path, "failed", error=f"{display(path)}: {problem}")


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The files of `collect`, without the problems."""
    return collect(paths).files


def extract_file(path: Path) -> Extraction:
    """Read, segment and extract one file. Raises InputError for unreadable files."""
    return extract_source(read_bytes(_read(path), path.name))


def extract_source(source: SourceText) -> Extraction:
    """Segment and extract a decoded document."""
    return extract(segment(source))


def _read(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(display(path), "is a folder inside a folder list; give the folder itself")
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:  # refused before reading it all into memory
            with path.open("rb") as stream:
                limit = MAX_TEXT_BYTES if sniff(stream.read(1024), path.name) in ("text", "html") \
                    else MAX_PACKED_BYTES
            if size > limit:
                raise InputError(display(path), f"is {size / 2**20:.0f} MB; kg reads documents up to "
                                                f"{limit // 2**20} MB (several documents joined? give them as "
                                                "separate files)")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(display(path), "vanished before it could be read (deleted or moved during the "
                                        "build)") from exc
    except PermissionError as exc:
        raise InputError(display(path), "cannot be read: permission denied (check its permissions)") from exc
    except OSError as exc:
        raise InputError(display(path), f"cannot be read ({exc.strerror or exc})") from exc


class DocumentTimeout(BaseException):
    """Raised inside a document's processing when its time is up. A
    BaseException, so no `except Exception` in an extractor swallows it."""


@contextmanager
def time_limit(seconds: float | None):
    """Interrupt the block after `seconds` (SIGALRM; regular expressions
    check for signals, so a backtracking pattern is stopped too). Only in
    the main thread of a POSIX process; elsewhere there is no limit."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build(paths: Iterable[str | Path] | Collected, store: GraphStore, built_at: dt.datetime | None = None,
          on_document: Callable[[DocumentResult], None] | None = None, prune: bool = False,
          time_limit_seconds: float | None = DEFAULT_TIME_LIMIT, jobs: int = 1, rehash: bool = False,
          on_read: Callable[[str], None] | None = None) -> BuildReport:
    """Build (or update) the store from the given files and folders.

    With `prune`, stored documents whose file is not among the inputs
    (deleted or renamed since) are removed; a document that failed to read
    this time is kept, since its file is still there. With `jobs` > 1,
    documents are extracted by that many worker processes and loaded by this
    one, in input order (kg/parallel.py); the store ends up the same. A file
    whose stat is unchanged is not read again (kg/filehashes.py) unless
    `rehash`. `paths` may be what `collect` found already (the CLI counts
    the files first), so the folders are not searched twice. `on_document`
    gets each document's final result; `on_read` each document's name once
    it is read and extracted, before it is written (a cold build writes its
    new documents only after the last is read: see _Writer), for progress."""
    built_at = built_at or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    collected = paths if isinstance(paths, Collected) else collect(paths)
    # A mark left by an earlier build (this one holds the store exclusively,
    # so whatever pid it names, that build did not finish), read before this
    # build sets its own.
    interrupted = store.build_state() != ""
    store.begin_build()
    store.load_ontology()
    report = BuildReport(results=list(collected.problems))
    # Read what the store holds once, not once per document.
    stored = {doc.name: doc for doc in store.documents()}
    plans = _plan(collected.files, collected.names, stored, store.file_hashes(trust=not rehash))
    outcomes = prepare_all(plans, built_at, time_limit_seconds, jobs)
    if on_read:
        outcomes = _announced(outcomes, on_read)
    for result in _Writer(store).write(outcomes):
        report.results.append(result)
        if on_document:
            on_document(result)
    if prune:
        keep = {r.name for r in report.results if r.status in ("built", "unchanged", "failed")}
        report.pruned = [name for name in stored if name not in keep]
        for name in report.pruned:
            store.remove_document(name, stored[name].sha256)
    else:
        report.renamed = _renamed(report, stored)
        given = {r.name for r in report.results}
        report.absent = [name for name in stored if name not in given]
    changed = interrupted or report.count("built") or report.pruned
    report.people = link_documents(store, documents=_after(stored, report, built_at)) if changed \
        else _link_if_needed(store, list(stored.values()))
    store.end_build()
    store.flush()
    if not stored:  # a cold build: its bulk loads left many files (GraphStore.compact)
        store.compact()
    return report


def _announced(outcomes: Iterable[DocumentResult | Prepared],
               on_read: Callable[[str], None]) -> Iterator[DocumentResult | Prepared]:
    """The outcomes, each announced by its document's name as it comes."""
    for outcome in outcomes:
        on_read(outcome.name if isinstance(outcome, DocumentResult) else outcome.result.name)
        yield outcome


def _after(stored: dict[str, StoredDocument], report: BuildReport, built_at: dt.datetime) -> list[StoredDocument]:
    """The documents the store holds after this build's writes, by name:
    what it held, with the documents built and without those pruned (so
    that the link stage need not query the store for them again)."""
    after = dict(stored)
    for r in report.results:
        if r.status == "built":
            after[r.name] = StoredDocument(r.name, r.sha256, EXTRACTOR_VERSION, _stored_time(built_at), r.triples,
                                           len(r.warnings))
    for name in report.pruned:
        after.pop(name, None)
    return [after[name] for name in sorted(after)]


def _stored_time(built_at: dt.datetime) -> str:
    """A build time as the store gives it back (xsd:dateTime, UTC as Z)."""
    text = built_at.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _link_if_needed(store: GraphStore, documents: list[StoredDocument]) -> Resolution:
    """The link stage, unless its last complete run was on exactly these
    documents (names, contents, extractor version) by this kg version: then
    the derived graphs are current, and only its warnings are reported again."""
    mark = store.linked()
    if mark is None or mark.get("digest") != link_digest(documents):
        return link_documents(store)
    warnings = [Doubt(doc, line, message) for doc, line, message in mark.get("warnings", [])]
    return Resolution(people=[], key_of={}, warnings=warnings)


def link_digest(documents: Iterable[StoredDocument]) -> str:
    """What the derived graphs are computed from: every stored document's
    name, content hash and extractor version, the kg version and the merged
    graph's format."""
    digest = hashlib.sha256(f"{__version__}\n{EXTRACTOR_VERSION}\n{MERGED_FORMAT}\n".encode())
    for doc in sorted(documents, key=lambda d: d.name):
        digest.update(f"{doc.name}\0{doc.sha256}\0{doc.extractor_version}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _renamed(report: BuildReport, stored: dict[str, StoredDocument]) -> list[tuple[str, str]]:
    given = {r.name for r in report.results}
    by_hash = {doc.sha256: name for name, doc in stored.items() if name not in given}
    return [(r.name, by_hash[r.sha256]) for r in report.results if r.status == "built" and r.sha256 in by_hash]


def link_documents(store: GraphStore, incremental: bool = True,
                   documents: list[StoredDocument] | None = None) -> Resolution:
    """The cross-document stage, on the facts files beside the store: resolve
    the people of every stored document, derive memberships, link cases
    across meetings, rewrite the people, links and reference graphs, and
    merge everything into the merged graph the queries read (one node per
    meeting, item, person ..., every source cited; kg/rdf/merged.py). Its
    warnings (documents that disagree) join the people's. A mark records
    what it was computed from, so a build that changed nothing skips it.

    With a trusted index of the last link (kg/linkindex.py), only what the
    changed documents touch is recomputed and rewritten (_link_changes),
    with the same result as this full link; without one, or when the change
    reaches too far, everything is. `documents`: what the store holds, by
    name, when the caller knows it."""
    with _cyclic_gc_paused():
        store.forget_linked()
        documents = store.documents() if documents is None else documents
        store.sweep_facts(documents)
        index = store.link_index
        if incremental and index is not None and index.version == _index_version() and store.derived_trusted():
            people = _link_changes(store, documents, index)
            if people is not None:
                return people
        return _link_all(store, documents)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the link stage: it holds
    every document's facts (millions of objects), and each collection the
    stage's allocations set off walked all of them again: about a third of
    the stage's CPU at N = 3,000. The stage makes next to no reference
    cycles (its memory is freed by reference counts as before); the
    collector is on again after it, as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# The share of the stored documents beyond which an incremental link reads
# so much that the full one is as quick.
INCREMENTAL_SHARE = 0.5


def _index_version() -> str:
    return f"{__version__}\n{EXTRACTOR_VERSION}\n{INDEX_FORMAT}\n{MERGED_FORMAT}"


def _link_all(store: GraphStore, documents: list[StoredDocument]) -> Resolution:
    """The full link stage, and a new index of it."""
    index = LinkIndex(_index_version())
    extractions = []
    for doc, ex in zip(documents, store.stored_facts(documents)):
        index.docs[doc.name] = document_keys(ex, doc.sha256, doc.extractor_version)
        extractions.append(ex)
    people = resolve_people(sightings(extractions))
    memberships = derive_memberships(extractions, people)
    links = links_quads(case_links(extractions))
    reference = reference_quads()
    store.people_facts().write((), extractions, everything=True)
    persons = person_quads(people, memberships)
    # The bulk loads run in a thread beside what follows (the people graph's
    # beside merged_quads, each part of the merged graph's beside the making
    # of the next, the index's rows beside the last), all ended before the
    # mark (GraphStore.mark_linked). The people graph goes last
    # of the three: its load is the long one.
    with store.background_loads():
        store.replace_graph(LINKS_GRAPH, links)
        store.replace_graph(REFERENCE_GRAPH, reference)
        store.replace_graph(PEOPLE_GRAPH, [*persons, *occurrence_quads(extractions, people)])
        # Occurrence links of the people graph point at document-graph nodes; the
        # merged graph makes its own, so it takes only the people and memberships.
        about: list = []
        shared = [*persons, *links, *reference]
        del persons, links, reference
        # The facts are freed once merged (consume): the merged graph's derived
        # facts are made without them (the cold build's peak memory).
        merged, conflicts = merged_quads(extractions, people, memberships, shared, about, consume=True)
        del shared, extractions, memberships
        index.key_of = dict(people.key_of)
        index.names = {p.key: p.name for p in people.people}
        for name, warning in zip(people.warned, people.warnings):
            index.name_warnings.setdefault(name, []).append(warning)
        for node, warning in zip(about, conflicts):
            index.conflicts.setdefault(subject_owner(f"<{node.value}>"), []).append(warning)
        # Half of all quads: as lines from here, made from the merged graph's
        # terms (no Quad objects) as its compact form is emptied, a part of its
        # subjects at a time.
        store.replace_graph_parts(MERGED_GRAPH, merged.subject_parts(PART_LINES), _merged_owner)
        del merged
        people.warnings = index.warnings()
        _mark(store, documents, index)  # its index written beside the last load, the mark after it
    return people


def _mark(store: GraphStore, documents: list[StoredDocument], index: LinkIndex) -> None:
    store.mark_linked({"digest": link_digest(documents),
                       "warnings": [[w.doc, w.line, w.message] for w in index.warnings()]}, index, documents)


_PERSON = n(KG.person)
_WAS_DERIVED_FROM = n(PROV.wasDerivedFrom)


def _merged_owner(lines: Iterable[bytes]) -> Callable[[str], str]:
    """What owns each subject of the merged graph, from its N-Quads lines
    (quad_lines): subject_owner, except a role statement, owned by the
    person it is about (its subject names the document that states it
    first, not the person)."""
    predicate = f"<{_PERSON.value}>".encode()
    roles = {}
    for line in lines:
        if predicate in line and b"#role-" in line[:line.index(b" ")]:
            subject, term, obj = line.split(b" ", 3)[:3]
            if term == predicate and obj.startswith(b"<"):
                roles[subject.decode()] = subject_owner(obj.decode())
    return lambda key: roles.get(key) or subject_owner(key)


def _link_changes(store: GraphStore, documents: list[StoredDocument], index: IndexDb) -> Resolution | None:
    """The incremental link stage: recompute and rewrite only the subjects
    of the keys the changed documents touch (kg/linkindex.py), from the
    facts of the documents those subjects depend on. None (and nothing
    written) when a full link must run instead: the change reaches more than
    INCREMENTAL_SHARE of the documents, the store holds an agreement named
    without a period (see kg/linkindex.py), or it changes a person key whose
    slug another resolution block shares (the numbering of such keys runs
    across blocks, see kg/resolve/identity.py). A spelling that now names
    another person (a new, fuller spelling becomes the name) makes every
    meeting and document naming it dirty."""
    current = {doc.name: doc for doc in documents}
    indexed = index.versions()
    changed = {name for name, doc in current.items() if indexed.get(name) != (doc.sha256, doc.extractor_version)}
    changed |= indexed.keys() - current.keys()
    present = sorted(n for n in changed if n in current)
    new_facts = dict(zip(present, store.stored_facts([current[n] for n in present])))
    new_keys = {name: document_keys(ex, current[name].sha256, current[name].extractor_version)
                for name, ex in new_facts.items()}
    old_keys = index.docs(n for n in changed if n in indexed)
    view = KeyView(index, changed, new_keys, set(current))
    # Agreement mentions are joined across documents (by topic), each kind
    # alone: the join of every mention of the kinds the change touches
    # before and after; a mention joined otherwise, or doubted otherwise,
    # makes its meeting and agreements dirty.
    kinds = _changed_kinds(old_keys, new_keys)
    mentions = index.mentions(kinds)
    last_doubts = index.doubts()
    before = index.joined(kinds), {kind: last_doubts.get(kind, []) for kind in kinds}
    after = join_mentions(sorted([m for m in mentions if m[0] not in changed]
                          + [(name, i, a) for name, k in new_keys.items() for i, a in enumerate(k.agreements)
                             if a.kind in kinds], key=lambda m: m[:2]))
    moved_agreements = {k for k in before[0].keys() | after[0].keys() if before[0].get(k) != after[0].get(k)}
    meetings = {owner(meeting_iri(a.item.meeting)) for k in moved_agreements for a in (before[0].get(k), after[0].get(k))
                if a is not None}
    agreements = {owner(agreement_iri(a.key)) for k in moved_agreements for a in (before[0].get(k), after[0].get(k))
                  if a is not None}
    doubted = [set(d for kind in kinds for d in join[1].get(kind, ())) for join in (before, after)]
    meetings |= {subject_owner(f"<{node.value}>") for node, _ in doubted[0] ^ doubted[1]}
    facts = store.people_facts()
    old, new = _scope(old_keys, new_keys, new_facts, facts)
    todo = plan(view, old, new, changed, meetings, agreements)
    load = {owner(meeting_iri(a.item.meeting)) for a in after[0].values()
            if owner(agreement_iri(a.key)) in todo.others}
    todo = plan(view, old, new, changed, meetings, agreements, load)
    loaded: dict[str, Extraction] = dict(new_facts)
    while True:
        if len(todo.read) > INCREMENTAL_SHARE * max(len(current), 1):
            return None
        read = [current[n] for n in todo.read if n not in loaded]
        loaded.update(zip([d.name for d in read], store.stored_facts(read)))
        # Documents read only for a dirty person: only their facts naming one.
        named = facts.naming(todo.names, view, set(todo.named))
        extractions = sorted([*(loaded[n] for n in todo.read), *named], key=lambda ex: ex.document.name)
        people, moved, known = _resolve_blocks(extractions, todo.names, index)
        if people is None:
            return None
        if not moved or todo.moved:
            break
        # A spelling now names another person (key or name): every meeting
        # and document naming that person is rewritten too.
        naming = view.docs_with("name", moved)
        named_keys = view.docs(naming)
        todo = plan(view, old, new, changed | naming,
                    meetings | {m for d in naming for m in named_keys[d].meetings}, agreements, load)
        todo.moved = moved
    memberships = derive_memberships(extractions, people)
    links = links_quads(case_links(extractions))
    reference = reference_quads()
    about: list = []
    # The other kinds' mentions and doubts as the last link joined them.
    joins = {**index.joined_in({ex.document.name for ex in extractions if ex.agreements}), **after[0]}
    joined = dict(zip([a for ex in extractions for a in ex.agreements],
                      [joins[(ex.document.name, i)] for ex in extractions for i in range(len(ex.agreements))]))
    doubts = {**{kind: ds for kind, ds in last_doubts.items() if kind not in kinds}, **after[1]}
    persons = person_quads(people, memberships)
    merged, conflicts = merged_quads(extractions, people, memberships, [*persons, *links, *reference], about,
                                     frozenset(todo.named), (joined, [d for ds in doubts.values() for d in ds]))
    dirty = set(todo.meetings) | todo.others
    dirty |= {f"person/{slug(known[n])}" for n in todo.names if n in known}
    dirty |= {f"person/{slug(people.key_of[n])}" for n in todo.names if n in people.key_of}
    merged_by = _by_subject(merged)
    merged_owner = _merged_owner(line.encode() for key, lines in merged_by.items() if "#role-" in key
                                 for line in lines)
    owners = {PEOPLE_GRAPH: subject_owner, LINKS_GRAPH: subject_owner, MERGED_GRAPH: merged_owner}
    grouped = {PEOPLE_GRAPH: _by_subject([*persons, *occurrence_quads(extractions, people)]),
               LINKS_GRAPH: _by_subject(links), MERGED_GRAPH: merged_by}
    writes: dict = {}
    for graph, by_subject in grouped.items():
        new_lines = {key: lines for key, lines in by_subject.items() if owners[graph](key) in dirty}
        keys = store.derived_subjects(graph, dirty) | new_lines.keys()
        if any(not key.startswith("<") for key in keys):
            return None  # a blank node cannot be looked up by its label
        writes[graph] = (keys, new_lines)
    # Bodies from the index, not from every document naming them.
    with_bodies = view.docs(view.docs_with("body", todo.bodies))
    bodies = [b for name in sorted(with_bodies) for b in with_bodies[name].bodies if body_owner(b) in todo.bodies]
    body_subjects = _by_subject(body_quads(bodies, reference))
    keys, new_lines = writes[MERGED_GRAPH]
    keys.update(store.derived_subjects(MERGED_GRAPH, todo.bodies))
    keys.update(body_subjects)
    new_lines.update(body_subjects)
    # Spans: a span of source lines is in the merged graph while a merged
    # fact cites it; a name variant (copied from the people graph) cites
    # the places its spelling was seen without making them nodes.
    spans = {key: lines for key, lines in merged_by.items() if subject_owner(key) == "span"}
    for graph, (keys, new_lines) in writes.items():
        old_quads = store.replace_subjects(graph, keys, new_lines, owners[graph])
        if graph != MERGED_GRAPH:
            continue
        cited = {f"<{q.object.value}>" for key, lines in new_lines.items() if VARIANT_PATH not in key
                 for q in lines.values() if q.predicate == _WAS_DERIVED_FROM}
        was = {f"<{q.object.value}>" for quads in old_quads.values() for q in quads
               if q.predicate == _WAS_DERIVED_FROM}
        gone = {key for key in was - cited if subject_owner(key) == "span"
                and not store.cited(MERGED_GRAPH, _WAS_DERIVED_FROM, NamedNode(key[1:-1]), unless=VARIANT_PATH)}
        store.replace_subjects(MERGED_GRAPH, gone | {k for k in cited if k in spans},
                               {k: spans[k] for k in cited if k in spans})
    # The index, for the next link: the rows of the changed documents and
    # of the dirty names and owners.
    index.set_docs(changed, new_keys, {**index.joined_in(new_keys.keys() & old_keys.keys()), **after[0]})
    index.set_joined({k: after[0][k] for k in moved_agreements if k in after[0] and k[0] not in changed}, after[1],
                     kinds)
    resolved = [p for p in people.people if p.variants]
    index.set_people(todo.names, {n: k for n, k in people.key_of.items() if n in todo.names},
                     {known[n] for n in todo.names if n in known}, {p.key: p.name for p in resolved})
    index.add_universe({*(n for k in new_keys.values() for n in k.names), *people.key_of})
    name_warnings: dict[str, list[Doubt]] = {}
    for name, warning in zip(people.warned, people.warnings):
        name_warnings.setdefault(name, []).append(warning)
    index.set_warnings("name", todo.names, name_warnings)
    new_conflicts: dict[str, list[Doubt]] = {}
    for node, warning in zip(about, conflicts):
        o = subject_owner(f"<{node.value}>")
        if o in dirty:
            new_conflicts.setdefault(o, []).append(warning)
    index.set_warnings("conflict", dirty, new_conflicts)
    facts.write(changed, new_facts.values())
    _mark(store, documents, index)
    people.warnings = index.warnings()
    return people


def _changed_kinds(old_keys: dict[str, DocKeys], new_keys: dict[str, DocKeys]) -> list[str]:
    """The kinds of agreement whose mentions (with their positions) the
    changed documents changed: only those are joined again (each kind is
    joined alone, kg.rdf.merged.agreement_joins); another kind's mentions,
    and so its join, are as before."""
    def by_kind(keys: DocKeys | None) -> dict[str, list]:
        found: dict[str, list] = {}
        for i, a in enumerate(keys.agreements if keys else ()):
            found.setdefault(a.kind, []).append((i, a))
        return found
    kinds = set()
    for name in old_keys.keys() | new_keys.keys():
        was, now = by_kind(old_keys.get(name)), by_kind(new_keys.get(name))
        kinds |= {kind for kind in was.keys() | now.keys() if was.get(kind) != now.get(kind)}
    return sorted(kinds)


def _scope(old_keys: dict[str, DocKeys], new_keys: dict[str, DocKeys], new_facts: dict[str, Extraction],
           facts: PeopleFacts) -> tuple[list[DocKeys], list[DocKeys]]:
    """The changed documents' old and new keys as far as the change makes
    them dirty (what `plan` starts from):
      - without their agreements: an agreement's own subjects are its joined
        mentions' (key, name, period, parties), dirty only when a mention
        joins otherwise (see _link_changes);
      - a document whose people's head (people_head: meetings, where they
        start, pages) is as before names only the names whose facts
        changed: a person's subjects read nothing else of it."""
    def scoped(keys: DocKeys, names: set[str] | None) -> DocKeys:
        return dataclasses.replace(keys, others=keys.others - {owner(agreement_iri(a.key)) for a in keys.agreements},
                                   names=keys.names if names is None else keys.names & names)
    restyled = {name: facts.changed_names(name, new_facts[name]) for name in new_keys.keys() & old_keys.keys()
                if people_head(new_keys[name]) == people_head(old_keys[name])}
    return ([scoped(k, restyled.get(name)) for name, k in old_keys.items()],
            [scoped(k, restyled.get(name)) for name, k in new_keys.items()])


def _resolve_blocks(extractions: list[Extraction], names: set[str],
                    index: IndexDb) -> tuple[Resolution | None, set[str], dict[str, str]]:
    """The people of the dirty resolution blocks (`names`), resolved again
    from every sighting of those names (all in `extractions`), with every
    other spelling of these documents keeping its person from the index;
    the spellings known before that now name another person key or a
    person of another name; and the index's key of each spelling sighted or
    dirty. None when a key's numbering may depend on another block (see
    _link_changes)."""
    seen = sightings(extractions)
    fresh = resolve_people([s for s in seen if normalize_name(s.name) in names])
    known = index.key_of({*names, *(normalize_name(s.name) for s in seen)})
    person_names = index.person_names(known.values())
    moved = {name for name in names & fresh.key_of.keys() & known.keys()
             if fresh.key_of[name] != known[name] or fresh.person(name).name != person_names.get(known[name])}
    dirty_keys = {known[n] for n in names if n in known} | {p.key for p in fresh.people}
    if index.keys_with_bases({key_base(k) for k in dirty_keys}) - dirty_keys:
        return None, moved, known
    key_of = dict(fresh.key_of)
    people = list(fresh.people)
    stubs: set[str] = set()
    for s in seen:
        name = normalize_name(s.name)
        if name not in key_of:
            key = known.get(name)
            if key is None:
                return None, moved, known  # a spelling the index does not know, outside the dirty blocks
            key_of[name] = key
            if key not in stubs:
                stubs.add(key)
                people.append(Person(key, person_names[key]))
    return Resolution(people, key_of, fresh.warnings, fresh.warned), moved, known



@dataclass(slots=True)
class Plan:
    """One document to extract: its bytes as read and hashed by the build,
    and the content hash the store holds for it ("" if none)."""

    path: Path
    name: str
    data: bytes
    sha256: str
    previous: str = ""


@dataclass(slots=True)
class Prepared:
    """A document extracted and mapped, ready for the writer: its result,
    its facts as JSON, its document graph's and its metadata graph's quads
    as N-Quads bytes (the writer's form: no Python quads to pickle from a
    worker or hold), and the content hash the store holds for it ("" for a
    new document)."""

    result: DocumentResult
    facts: str = ""
    quads: bytes = b""
    previous: str = ""
    meta: bytes = b""


def _plan(files: list[Path], names: dict[Path, str], stored: dict[str, StoredDocument],
          hashes: FileHashes | None = None) -> Iterator[DocumentResult | Plan]:
    """Each file, in order, as a final result (failed to read, duplicate,
    unchanged) or as a Plan to extract. Lazy: only the files in flight are
    held in memory. With `hashes`, a file whose stat is the one it was
    hashed with is not read unless it must be extracted (kg/filehashes.py);
    the hashes found are recorded there."""
    seen_hashes: dict[str, Path] = {}  # the same content is built once
    for path in files:
        name = names[path]
        info = _stat(path) if hashes is not None else None
        sha = hashes.known(path, info) if info is not None else None
        if sha is not None:
            if sha in seen_hashes:
                yield DocumentResult(path, "duplicate", same_as=display(seen_hashes[sha]), named=name)
                continue
            previous = stored.get(name)
            if previous is not None and previous.is_current(sha):
                seen_hashes[sha] = path
                yield DocumentResult(path, "unchanged", named=name)
                continue
        try:
            data = _read(path)
        except KgError as exc:
            yield DocumentResult(path, "failed", error=str(exc), named=name)
            continue
        sha = hashlib.sha256(data).hexdigest()
        if info is not None:
            hashes.record(path, info, sha)
        if sha in seen_hashes:
            yield DocumentResult(path, "duplicate", same_as=display(seen_hashes[sha]), named=name)
            continue
        seen_hashes[sha] = path
        previous = stored.get(name)
        if previous is not None and previous.is_current(sha):
            yield DocumentResult(path, "unchanged", named=name)
            continue
        yield Plan(path, name, data, sha, previous.sha256 if previous is not None else "")
    if hashes is not None:
        hashes.save()


def _stat(path: Path) -> os.stat_result | None:
    """A regular file's stat (before it is read), or None (then it is read
    and hashed, and its problem reported as usual)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def prepare_all(plans: Iterable[DocumentResult | Plan], built_at: dt.datetime, seconds: float | None,
                jobs: int = 1) -> Iterator[DocumentResult | Prepared]:
    """The plans' outcomes in input order: in this process (jobs <= 1), or in
    a pool of `jobs` worker processes."""
    if jobs <= 1:
        for planned in plans:
            yield prepare(planned, built_at, seconds) if isinstance(planned, Plan) else planned
        return
    from kg.parallel import prepare_in_pool  # the pool machinery only when asked for
    yield from prepare_in_pool(plans, built_at, seconds, jobs)


def prepare(plan: Plan, built_at: dt.datetime, seconds: float | None) -> Prepared:
    """Read, segment, extract and map one document: the per-document
    boundary, where every failure is caught and reported (the store keeps
    what it held for the document). Runs in a worker process or in this one."""
    path, name = plan.path, plan.name
    try:
        with time_limit(seconds):
            source = read_bytes(plan.data, name)
            extraction = extract_source(source)
            quads = document_quads(extraction, {line.number: line.text for line in source.lines})
            meta = metadata_quads(extraction, built_at, len(quads))
            facts = facts_json.dumps(extraction)
            graph = nquads(quads)
            metadata = serialize(meta, format=RdfFormat.N_QUADS)
        recognised = sum(1 for m in extraction.meetings if m.ref.date or m.body_as_written)
        result = DocumentResult(path, "built", named=name, sha256=plan.sha256, meetings=len(extraction.meetings),
                                items=len(extraction.items), recognised=recognised, triples=len(quads),
                                encoding=extraction.document.encoding, warnings=list(extraction.warnings),
                                read_warnings=list(source.warnings))
        return Prepared(result, facts, graph, plan.previous, metadata)
    except DocumentTimeout:
        error = (f"{display(path)}: took longer than {seconds:g} s and was stopped (a layout the extractors "
                 "read very slowly; --time-limit changes the limit)")
    except KgError as exc:
        error = str(exc)
    except RecursionError:
        error = f"{display(path)}: is nested too deeply to read (meetings quoted inside meetings?); not built"
    except MemoryError:
        error = f"{display(path)}: needs more memory than there is; not built"
    except Exception as exc:  # noqa: BLE001 - the one per-document boundary
        error = f"{display(path)}: could not be processed: {type(exc).__name__}: {exc}"
    return Prepared(DocumentResult(path, "failed", error=error, named=name))


def _write(outcome: DocumentResult | Prepared, store: GraphStore) -> DocumentResult:
    """Load a prepared document into the store by itself, in one
    transaction (the one writer); a result that is already final passes
    through."""
    if isinstance(outcome, DocumentResult):
        return outcome
    result = outcome.result
    if result.status != "built":
        return result
    try:
        store.add_document(result.name, result.sha256, outcome.facts, outcome.quads + outcome.meta, outcome.previous)
    except KgError as exc:
        return DocumentResult(result.path, "failed", error=str(exc), named=result.name)
    return result


# N-Quads bytes of new documents spooled before they are written together
# (GraphStore.spool_document, load_spooled). Bulk loads in the documents'
# phase left RocksDB compaction work that took CPU from the extraction
# workers (16 loads of 64 MB in a cold build at N = 10,000: ~55 CPU-s of
# compaction in that phase), so a cold build spools every new document's
# graph (about 1 GB at N = 10,000) and loads the spool once the last is
# in, in a few large loads (kg.store.DOCUMENT_SPOOL_BYTES). The spool is on
# disk (memory holds each document's metadata and result): this bounds its
# disk space, not memory.
BATCH_BYTES = 8 * 2**30


class _Writer:
    """The build's one writer. New documents (nothing stored under their
    name) are spooled to a file beside the store as they come, and written
    together when the spool is full or the last document is in
    (GraphStore.load_spooled); a changed document replaces its graphs in a
    transaction of its own (_write). Results come back in input order, each
    once it is final: a spooled document's once its spool is written."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.spool: DocumentSpool | None = None
        self.waiting: list[DocumentResult] = []  # results behind the spool, in input order

    def write(self, outcomes: Iterable[DocumentResult | Prepared]) -> Iterator[DocumentResult]:
        """Every outcome written, as results in input order."""
        try:
            for outcome in outcomes:
                yield from self.add(outcome)
            yield from self.flush()
        finally:
            if self.spool is not None:  # stopped before its end: the spool goes, unwritten
                self.spool.remove()
                self.spool = None

    def add(self, outcome: DocumentResult | Prepared) -> list[DocumentResult]:
        """Take one outcome; the results that are final now."""
        if isinstance(outcome, Prepared) and outcome.result.status == "built" and not outcome.previous:
            result = outcome.result
            if self.spool is None:
                self.spool = self.store.spool_documents()
            problem = self.store.spool_document(self.spool, NewDocument(result.name, result.sha256, outcome.facts,
                                                                        outcome.quads, outcome.meta))
            self.waiting.append(DocumentResult(result.path, "failed", error=problem, named=result.name)
                                if problem else result)
            return self.flush() if self.spool.size >= BATCH_BYTES else []
        result = _write(outcome, self.store)
        if self.waiting:
            self.waiting.append(result)
            return []
        return [result]

    def flush(self) -> list[DocumentResult]:
        """Write the spool; every result waiting, in order."""
        spool, self.spool = self.spool, None
        failed = self.store.load_spooled(spool) if spool is not None else {}
        done = [DocumentResult(r.path, "failed", error=failed[r.name], named=r.name)
                if r.status == "built" and r.name in failed else r for r in self.waiting]
        self.waiting = []
        return done

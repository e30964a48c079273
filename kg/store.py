"""The graph store: an embedded Oxigraph store on disk, one named graph per
source document (plus a metadata graph per document, the ontology graph, and
the merged graph the build derives from them all), and beside it, in
`<store>/facts/`, each document's extracted facts as JSON.

A changed document's graphs go in with one transaction, after its old graphs
are dropped; new documents' graphs are spooled to a file beside the store and
go in through the bulk loader once the last is spooled, their metadata last
(spool_document, load_spooled); a document whose content hash and
extractor version are unchanged is not touched at all. Its facts file is written first
(temporary file, then rename), so the graphs never point at facts that are
not on disk; facts files no stored document points at (left by a killed
build) are swept by the link stage.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import operator
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait as wait_for
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from importlib.resources import files
from pathlib import Path

from pyoxigraph import NamedNode, Quad, QuerySolutions, RdfFormat, Store, parse

from kg import EXTRACTOR_VERSION, facts_json
from kg.danish import slug
from kg.errors import StoreError
from kg.model import Extraction
from kg.rdf import MERGED_GRAPH, document_iri, meta_graph
from kg.rdf.iris import subject_owner
from kg.vocab import ONTOLOGY_GRAPH, PREFIXES
from kg.queries import internal_query

DEFAULT_STORE = Path("kg-store")
_FROM = re.compile(r"(?<![\w?$:])FROM\s+(NAMED\s+)?(<[^>\s]*>|[A-Za-z][\w-]*:)", re.I)


def declares_dataset(sparql: str) -> bool:
    """True when the query names its own dataset with FROM / FROM NAMED
    (comment lines aside)."""
    code = "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
    return bool(_FROM.search(code))


# A file in the store's folder while a build runs (see GraphStore.begin_build).
UNFINISHED = "kg-build-unfinished"
# Seconds a reader waits for a build that is writing the store.
READER_WAIT = 600.0
# The file readers and writers lock (see _access_lock).
ACCESS_LOCK = "kg-access.lock"
# The folder beside the database with each document's facts (see facts_path).
FACTS_FOLDER = "facts"
# What the last complete link stage was computed from (see mark_linked).
LINKED = "kg-linked.json"
# Beside the store, in one SQLite database (see _LinkDb): a digest of the
# quads of each derived graph's subjects, with what each subject is computed
# from (see replace_graph), and the facts naming people (kg.linkindex). It
# holds a token the link mark names: trusted only then.
DERIVED = "kg-link.sqlite"
# The incremental link stage's index (kg/linkindex.py) is rows of DERIVED,
# trusted with it; the link mark says so with INDEX_ROWS. Before that it was
# a pickle in this file, removed by the next link stage.
LINK_INDEX = "kg-link-index.pickle"
INDEX_ROWS = "rows"
# The content hash of each file built, by its stat (kg/filehashes.py).
FILE_HASHES = "kg-files.sqlite"
# The record of derived graphs before DERIVED (kg 0.x stores): accepted in a
# store's folder, removed by the next link stage.
_OLD_DERIVED = "kg-derived.json"
# Every RocksDB folder has this file once it is complete.
_STORE_MARK = "CURRENT"
# The files RocksDB writes (also before CURRENT exists, when a first build
# was killed early): a folder of only these is a store, or the start of one.
# Oxigraph's bulk loader (derived graphs, see replace_graph) writes SST files
# of random names in the folder, then hands them to RocksDB; a build killed in
# between leaves them, and the next writer removes them.
_BULK_FILE = re.compile(r"\d+|bulk-\d+\.sst")
# Spool files (see _Spool): N-Quads text on its way to one bulk load from the
# file. A build killed before that leaves them, and the next writer removes them.
SPOOL_PREFIX = "kg-spool-"
_SPOOL_FILE = re.compile(re.escape(SPOOL_PREFIX) + r"[\w-]+\.nq")
_STORE_FILE = re.compile(r"CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?|"
                         r"\d+\.(log|sst|blob|dbtmp)|" + _BULK_FILE.pattern + "|" + _SPOOL_FILE.pattern + "|"
                         + re.escape(UNFINISHED) + "|"
                         + re.escape(ACCESS_LOCK) + "|" + re.escape(FACTS_FOLDER) + "|" + re.escape(LINKED) + r"(\.tmp)?|"
                         + re.escape(DERIVED) + r"(-journal|-wal|-shm)?|" + re.escape(LINK_INDEX) + r"(\.tmp)?|"
                         + re.escape(FILE_HASHES) + r"(-journal|-wal|-shm)?|"
                         + re.escape(_OLD_DERIVED) + r"(\.tmp)?")




def _access_lock(path: Path, shared: bool, wait: float):
    """A flock on a file in the store's folder: shared for readers, exclusive
    for the writer. The kernel releases it when the process ends, killed or not."""
    if not shared or (path / ACCESS_LOCK).exists() or (path / _STORE_MARK).exists():
        try:
            handle = open(path / ACCESS_LOCK, "a+b")
        except OSError as exc:
            if shared:  # a store on read-only media: nobody can be writing it
                return None
            raise StoreError(f"cannot lock the store at {path}: {exc.strerror or exc}") from exc
    else:
        return None
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                what = "a kg build is writing it" if shared else "another kg build is writing it"
                hint = "try again when it has finished" if shared else \
                    "run this build when that one has finished (or give --wait SECONDS)"
                raise StoreError(f"the store at {path} is busy: {what}; {hint}") from None
            if shared and not told:
                print(f"waiting: a kg build is writing {path}", file=sys.stderr)
                told = True
            time.sleep(0.2)


def process_alive(pid: int) -> bool:
    """Whether process `pid` still runs (a lock or temporary file's owner)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# What Oxigraph says when asked to read a store whose creation a killed build
# left unfinished: its column families are missing, or its version is not yet
# written (opening read-only, Oxigraph would have to write it).
_UNFINISHED_CREATION = ("column family not found", "inserts are only possible on read-write instances")


def _open_read_only(path: Path) -> Store:
    if not (path / _STORE_MARK).is_file():
        raise StoreError(f"no store at {path}; run `kg build PATHS --store {path}` first")
    try:
        return Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        if any(sign in str(exc).lower() for sign in _UNFINISHED_CREATION):
            # A first build killed while RocksDB was creating its files: the
            # next writer starts it again from nothing (see _open_for_writing).
            raise StoreError(f"no store at {path} (a build was stopped while creating it); run "
                             f"`kg build PATHS --store {path}` again") from exc
        raise StoreError(f"cannot open the store at {path} for reading: {exc}") from exc


def _open_for_writing(path: Path, wait: float):
    """(the store, its exclusive lock)."""
    try:
        if path.exists() and not all(_STORE_FILE.fullmatch(entry.name) for entry in path.iterdir()):
            raise StoreError(f"{path} is not a kg store and not empty; give a new or empty folder as --store "
                             "(kg will not write its database files among other files)")
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the store at {path}: {exc.strerror or exc}") from exc
    lock = _access_lock(path, shared=False, wait=wait)
    try:
        for entry in path.iterdir():  # this process holds the store: no bulk load is running
            if (_BULK_FILE.fullmatch(entry.name) or _SPOOL_FILE.fullmatch(entry.name)) and entry.is_file():
                entry.unlink()
        if not (path / _STORE_MARK).exists():
            # A first build killed while the database was being created: it
            # holds no data yet, so it is started again from nothing.
            for entry in path.iterdir():
                if entry.name == FACTS_FOLDER and entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                elif entry.name != ACCESS_LOCK:
                    entry.unlink()
        return _open_rocksdb(path, wait), lock
    except BaseException:
        lock.close()
        raise


def _open_rocksdb(path: Path, wait: float) -> Store:
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            return Store(str(path))
        except RuntimeError as exc:
            raise StoreError(f"the store at {path} is damaged ({exc}); build into a new folder") from exc
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open the store at {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise StoreError(f"the store at {path} is busy: another kg build is writing it; run this build "
                                 "when that one has finished (or give --wait SECONDS)") from exc
            time.sleep(0.5)


def _facts_key(name: str, sha256: str) -> str:
    """A facts file's name: the content hash, a readable slug of the document
    name (cut short: file names have a length limit) and a hash of the whole
    name, since two names may share a slug ('referat 1.txt', 'referat_1.txt')."""
    named = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{sha256}-{slug(name)[:80]}-{named}"


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What the store knows of one document it holds."""

    name: str
    sha256: str
    extractor_version: str
    built_at: str
    triples: int
    warnings: int

    def is_current(self, sha256: str) -> bool:
        """True when stored with this content and by this extractor version."""
        return self.sha256 == sha256 and self.extractor_version == EXTRACTOR_VERSION


def _by_subject(quads: Iterable[Quad]) -> dict[str, dict[str, Quad]]:
    """Quads grouped by subject, each under its N-Quads line (the subject
    key is the line's first term: an IRI or blank node holds no space)."""
    found: dict[str, dict[str, Quad]] = {}
    for quad in quads:
        line = str(quad)
        found.setdefault(line[:line.index(" ")], {})[line] = quad
    return found


def _digest(lines: dict[str, Quad]) -> str:
    """One subject's quads, whatever their order."""
    return hashlib.blake2b("\n".join(sorted(lines)).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


# Quads turned into lines at a time when a list is consumed (quad_lines), and
# lines handed to the bulk loader at once (about 40 MB of N-Quads). Each call
# costs CPU growing with the store (its files are merged into what the store
# holds: the 1.45 M merged quads at N = 3,000 took 14 s of CPU in one call,
# 20 s in slices of 100,000 lines), while the loader holds about four times
# the text it is given (slices of 400,000 lines raised the peak at N = 3,000
# from 861 to 1,151 MiB).
_CHUNK = 100_000
_LOAD_LINES = 200_000
# Lines of a derived graph made and loaded at a time in a cold build
# (replace_graph_parts): one bulk load each.
PART_LINES = _LOAD_LINES
# New documents' N-Quads bytes below which load_spooled writes them in
# one transaction: up to about 10,000 quads that is quicker than the bulk loader.
_SMALL_BATCH = 2 * 2**20


def quad_lines(quads: Iterable[Quad], consume: bool = False) -> list[bytes]:
    """Quads as their N-Quads lines (UTF-8, without the closing " ."),
    sorted, each once (sorted_lines): the compact form a derived graph is
    written from (a line takes about half the memory of its pyoxigraph
    Quad). With `consume`, a list of quads is emptied as it is read,
    freeing each slice of quads once its lines are made."""
    if consume and isinstance(quads, list):
        return sorted_lines(_consumed_lines(quads))
    return sorted_lines(str(q).encode("utf-8") for q in quads)


def _consumed_lines(quads: list[Quad]) -> Iterable[bytes]:
    while quads:
        yield from [str(q).encode("utf-8") for q in quads[-_CHUNK:]]
        del quads[-_CHUNK:]


def sorted_lines(lines: Iterable[bytes]) -> list[bytes]:
    """N-Quads lines (str of each Quad, UTF-8) sorted, each once: the form
    replace_graph_lines takes. Sorted, the lines of one subject are
    together: they and only they start with its key and a space (a term
    holds no space). UTF-8 sorts as the text does, so a subject's lines are
    in _digest's order."""
    found = list(lines)
    found.sort()
    # Each line once, in place (a graph is a set): whether any line repeats
    # the one before it is found in C (none does in a graph made from Quads).
    if any(map(operator.eq, islice(found, 1, None), found)):
        kept = 0
        for line in found:
            if not kept or line != found[kept - 1]:
                found[kept] = line
                kept += 1
        del found[kept:]
    return found


def _subject_spans(lines: list[bytes]) -> dict[str, tuple[int, int]]:
    """Each subject key (an N-Quads term) of sorted lines, with the slice of
    its lines."""
    spans: dict[str, tuple[int, int]] = {}
    start, total = 0, len(lines)
    while start < total:
        prefix = lines[start][:lines[start].index(b" ") + 1]
        end = start + 1
        while end < total and lines[end].startswith(prefix):
            end += 1
        spans[prefix[:-1].decode("utf-8")] = (start, end)
        start = end
    return spans


def _span_digest(lines: list[bytes], span: tuple[int, int]) -> str:
    """_digest of one subject's lines (a slice of sorted lines)."""
    return hashlib.blake2b(b"\n".join(lines[span[0]:span[1]]), digest_size=12).hexdigest()


def _nquads(lines: list[bytes], start: int = 0, end: int | None = None) -> bytes:
    """A slice of lines as N-Quads text."""
    part = lines[start:end]
    if not part:
        return b""
    part.append(b"")  # each line ends with " .\n", made in one copy (a slice is about 40 MB)
    return b" .\n".join(part)


def _parse_lines(lines: list[bytes], start: int = 0, end: int | None = None) -> set[Quad]:
    """A slice of lines as quads (only for the few subjects rewritten one by one)."""
    return set(parse(_nquads(lines, start, end), format=RdfFormat.N_QUADS))


@dataclass(slots=True)
class NewDocument:
    """A new document for spool_document: its facts as JSON and its document
    and metadata graphs as N-Quads bytes."""

    name: str
    sha256: str
    facts: str
    quads: bytes
    meta: bytes


class _Spool:
    """N-Quads text appended to a file (sequential writes: memory holds none
    of it), for one bulk load from the file (`Store.bulk_load(path=...)`).
    Oxigraph's bulk loader pays per call: at N = 10,000 the same 9.8 M quads
    took 99.7 CPU-s in one call, 130 in 40, and left RocksDB ~19 CPU-s of
    compaction against ~70. Beside the store (`folder`), or in the system's
    temporary folder for a store in memory."""

    def __init__(self, folder: Path | None, label: str):
        try:
            fd, name = tempfile.mkstemp(dir=folder, prefix=f"{SPOOL_PREFIX}{label}-", suffix=".nq")
        except OSError as exc:
            raise StoreError(f"could not make a spool file beside the store: {exc.strerror or exc}") from exc
        self.path = Path(name)
        self._out = os.fdopen(fd, "wb", buffering=2**20)
        self.size = 0

    def write(self, text: bytes) -> tuple[int, int]:
        """Append text; where it is in the file (start, end). A failed
        write leaves the file as it was before it."""
        start = self.size
        try:
            self._out.write(text)
        except OSError as exc:
            self._cut(start)
            raise StoreError(f"could not write to the spool file {self.path}: {exc.strerror or exc}") from exc
        self.size += len(text)
        return start, self.size

    def _cut(self, size: int) -> None:
        try:
            self._out.flush()
        except OSError:
            pass
        try:
            self._out.seek(size)
            self._out.truncate(size)
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        """End the writing (the file stays, to be loaded)."""
        if not self._out.closed:
            try:
                self._out.close()
            except OSError as exc:
                raise StoreError(f"could not write the spool file {self.path}: {exc.strerror or exc}") from exc

    def read(self, start: int, end: int) -> bytes:
        """A span of the text written (a closed spool's)."""
        try:
            with open(self.path, "rb") as stream:
                stream.seek(start)
                return stream.read(end - start)
        except OSError as exc:
            raise StoreError(f"could not read the spool file {self.path}: {exc.strerror or exc}") from exc

    def remove(self) -> None:
        try:
            self._out.close()
        except OSError:
            pass
        self.path.unlink(missing_ok=True)


# Bytes of N-Quads in a spool file, loaded with one bulk load: the fewer
# loads the less CPU and compaction (see _Spool), but the bulk loader holds
# about 1 KB a quad it is given (measured, one load from a file into an
# empty store: 250 k quads 0.24 GB, 500 k 0.47, 1 M 0.95, 2 M 1.5, 4 M
# 1.8), so the build's peak memory sets the size (a line is about 230
# bytes). New documents' graphs are loaded once the extraction workers are
# done and the writer holds little (about 100 MB at N = 3,000): ~700 k quads
# a load. A link stage's derived graphs are loaded beside its Python, which
# holds the facts and the merged graph: ~200 k quads a load, as before the
# spool (PART_LINES), without the text in memory.
DOCUMENT_SPOOL_BYTES = 160 * 2**20
SPOOL_LOAD_BYTES = 48 * 2**20


@dataclass(frozen=True, slots=True)
class _Spooled:
    """A new document in a DocumentSpool: where its graph's N-Quads are
    (file, start, end: all that is needed to write it alone), and its
    metadata's."""

    name: str
    file: int
    start: int
    end: int
    meta: bytes


class DocumentSpool:
    """New documents on their way to the store (GraphStore.spool_document,
    GraphStore.load_spooled): their document graphs' N-Quads in spool
    files of DOCUMENT_SPOOL_BYTES, their metadata (a few quads each) in memory,
    to go in after."""

    def __init__(self, folder: Path | None):
        self._folder = folder
        self.files: list[_Spool] = []
        self.documents: list[_Spooled] = []
        self.size = 0  # bytes of document graphs spooled

    def add(self, doc: NewDocument) -> None:
        if not self.files or self.files[-1].size + len(doc.quads) > DOCUMENT_SPOOL_BYTES:
            self.files.append(_Spool(self._folder, "documents"))
        start, end = self.files[-1].write(doc.quads)
        self.documents.append(_Spooled(doc.name, len(self.files) - 1, start, end, doc.meta))
        self.size += end - start

    def text(self, doc: _Spooled) -> bytes:
        return self.files[doc.file].read(doc.start, doc.end)

    def remove(self) -> None:
        for file in self.files:
            file.remove()


class _Loader:
    """A link stage's bulk loads, gathered in spool files and made from
    them in a thread, beside the caller's Python (pyoxigraph's bulk loader
    releases the GIL): the text handed over is appended to a spool file;
    once it holds SPOOL_LOAD_BYTES (or at `finish`) it is loaded in the
    thread while the next file fills (a text that would take a file past it
    starts the next). At most one load runs; handing over
    the next waits for it. Memory holds no text. A load's error is raised
    by the next hand-over or by `finish`. `graphs`: the graphs given."""

    def __init__(self, store: Store, folder: Path | None):
        self._store = store
        self._folder = folder
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="kg-bulk-load")
        self._running: Future | None = None
        self._spool: _Spool | None = None
        self.graphs: set[str] = set()

    def load(self, text: bytes, graph: NamedNode | None = None) -> None:
        if graph is not None:
            self.graphs.add(graph.value)
        if self._spool is not None and self._spool.size + len(text) > SPOOL_LOAD_BYTES:
            self.hand_over()  # a file holds at most SPOOL_LOAD_BYTES, or one text
        if self._spool is None:
            self._spool = _Spool(self._folder, "derived")
        self._spool.write(text)

    def hand_over(self) -> None:
        """Start loading the spool file once the running load has ended."""
        spool, self._spool = self._spool, None
        if spool is None:
            return
        try:
            spool.close()
            self._wait()
        except BaseException:
            spool.remove()
            raise
        self._running = self._pool.submit(_load_spool, self._store, spool)

    def finish(self) -> None:
        """Load what is spooled, wait for every load; raise its error."""
        self.hand_over()
        self._wait()

    def _wait(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            running.result()

    def close(self) -> None:
        """Wait for the running load, whatever it raises (the caller is
        raising already: the store must not be closed under it), drop what
        was not loaded, and end the thread."""
        if self._running is not None:
            wait_for([self._running])
            self._running = None
        if self._spool is not None:
            self._spool.remove()
            self._spool = None
        self._pool.shutdown()


def _bulk_load(store: Store, text: bytes) -> None:
    try:
        store.bulk_load(text, format=RdfFormat.N_QUADS, lenient=True)
    except (OSError, ValueError, SyntaxError) as exc:
        raise StoreError(f"could not bulk load into the store: {exc}") from exc


def _bulk_load_file(store: Store, path: Path) -> None:
    """Bulk load an N-Quads file (our own serializer's: `lenient`)."""
    try:
        store.bulk_load(None, RdfFormat.N_QUADS, path=str(path), lenient=True)
    except (OSError, ValueError, SyntaxError) as exc:
        raise StoreError(f"could not bulk load into the store: {exc}") from exc


def _load_spool(store: Store, spool: _Spool) -> None:
    try:
        _bulk_load_file(store, spool.path)
    finally:
        spool.remove()


class _LinkDb:
    """DERIVED: the record of the derived graphs (a digest of each subject's
    quads, and its owner) and the facts naming people (kg.linkindex), in
    one SQLite database beside the store. A link stage's changes are one
    transaction, committed with a new token when it marks its end."""

    def __init__(self, path: Path | None):
        try:
            self.connection = sqlite3.connect(":memory:" if path is None else str(path))
            for statement in (
                    "CREATE TABLE IF NOT EXISTS derived (graph TEXT, subject TEXT, owner TEXT, digest TEXT, "
                    "PRIMARY KEY (graph, subject)) WITHOUT ROWID",
                    "CREATE INDEX IF NOT EXISTS derived_by_owner ON derived (graph, owner)",
                    "CREATE TABLE IF NOT EXISTS token (value TEXT)",
                    "CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, sha256 TEXT, version TEXT, "
                    "built_at TEXT, triples INTEGER, warnings INTEGER) WITHOUT ROWID"):
                self.connection.execute(statement)
            self.connection.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path or 'the link record'}: {exc}") from exc

    def close(self) -> None:
        self.connection.close()

    def token(self) -> str:
        row = self.connection.execute("SELECT value FROM token").fetchone()
        return row[0] if row else ""

    def commit(self) -> str:
        token = os.urandom(12).hex()
        try:
            self.connection.execute("DELETE FROM token")
            self.connection.execute("INSERT INTO token VALUES (?)", (token,))
            self.connection.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"could not write the link record: {exc}") from exc
        return token

    def documents(self) -> list[StoredDocument]:
        return [StoredDocument(*row) for row in self.connection.execute(
            "SELECT name, sha256, version, built_at, triples, warnings FROM documents ORDER BY name")]

    def set_documents(self, documents: Iterable[StoredDocument]) -> None:
        """The stored documents, written by difference (most are as before)."""
        now = {doc.name: doc for doc in documents}
        was = {doc.name: doc for doc in self.documents()}
        try:
            self.connection.executemany("DELETE FROM documents WHERE name = ?",
                                        [(name,) for name in was.keys() - now.keys()])
            self.connection.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                                        [(d.name, d.sha256, d.extractor_version, d.built_at, d.triples, d.warnings)
                                         for name, d in now.items() if was.get(name) != d])
        except sqlite3.Error as exc:
            raise StoreError(f"could not write the link record: {exc}") from exc

    def record(self, graph: str) -> dict[str, str]:
        return dict(self.connection.execute("SELECT subject, digest FROM derived WHERE graph = ?", (graph,)))

    def set_record(self, graph: str, digests: dict[str, str], owner: Callable[[str], str]) -> None:
        self.clear_record(graph)
        self.add_record(graph, digests, owner)

    def clear_record(self, graph: str) -> None:
        try:
            self.connection.execute("DELETE FROM derived WHERE graph = ?", (graph,))
        except sqlite3.Error as exc:
            raise StoreError(f"could not write the link record: {exc}") from exc

    def add_record(self, graph: str, digests: dict[str, str], owner: Callable[[str], str]) -> None:
        """Record subjects the graph's record does not hold yet."""
        try:
            self.connection.executemany("INSERT INTO derived VALUES (?, ?, ?, ?)",
                                        ((graph, key, owner(key), d) for key, d in digests.items()))
        except sqlite3.Error as exc:
            raise StoreError(f"could not write the link record: {exc}") from exc

    def digests(self, graph: str, keys: list[str]) -> dict[str, str]:
        found = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found.update(self.connection.execute(
                f"SELECT subject, digest FROM derived WHERE graph = ? AND subject IN ({','.join('?' * len(chunk))})",
                (graph, *chunk)))
        return found

    def update(self, graph: str, written: list[tuple[str, str | None]], owner: Callable[[str], str]) -> None:
        try:
            self.connection.executemany("DELETE FROM derived WHERE graph = ? AND subject = ?",
                                        [(graph, key) for key, digest in written if digest is None])
            self.connection.executemany("INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?)",
                                        [(graph, key, owner(key), digest) for key, digest in written if digest])
        except sqlite3.Error as exc:
            raise StoreError(f"could not write the link record: {exc}") from exc

    def subjects(self, graph: str, owners: set[str]) -> set[str]:
        found: set[str] = set()
        owners = sorted(owners)
        for start in range(0, len(owners), 500):
            chunk = owners[start:start + 500]
            found.update(row[0] for row in self.connection.execute(
                f"SELECT subject FROM derived WHERE graph = ? AND owner IN ({','.join('?' * len(chunk))})",
                (graph, *chunk)))
        return found


class GraphStore:
    """A pyoxigraph Store with kg's per-document graphs. `path=None` keeps
    everything in memory (for tests).

    A writer (`kg build`) holds the store exclusively; a second writer waits
    up to `wait` seconds for it, then says the store is busy. Readers open the
    store read-only under a shared lock, so any number of them run at once;
    while a build writes they wait for it (RocksDB's read-only mode is not
    safe beside a writer that compacts files away), up to `wait` seconds."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, read_only: bool = False, wait: float | None = None):
        self.path = Path(path) if path is not None else None
        self._memory_facts: dict[str, str] = {}  # facts files of an in-memory store
        self._memory_linked: str | None = None  # the link mark of an in-memory store
        self._link_db: _LinkDb | None = None  # DERIVED, opened by the first link stage
        self._trusted = False  # whether DERIVED is the one the link mark named (forget_linked)
        self.link_index = None  # the LINK_INDEX trusted by this link stage (forget_linked), or None
        self.read_only = read_only
        # Whether the list of documents the link mark names (see documents)
        # may be what the store holds: not after a build stopped before its
        # end, nor once this process has added or removed a document.
        self._listed = not read_only
        self._lock = None
        self._loader: _Loader | None = None  # bulk loads in a thread (background_loads)
        if self.path is None:
            self._store = Store()
        elif read_only:
            self._lock = _access_lock(self.path, shared=True, wait=READER_WAIT if wait is None else wait)
            self._store = _open_read_only(self.path)
        else:
            self._store, self._lock = _open_for_writing(self.path, wait or 0.0)
            self._listed = not (self.path / UNFINISHED).exists()

    def close(self) -> None:
        """Close the database and release the lock (also done at exit)."""
        self._store = None
        if self._link_db is not None:
            self._link_db.close()  # what a link stage left uncommitted is dropped
            self._link_db = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @contextmanager
    def background_loads(self) -> Iterator[None]:
        """Within it, the bulk loads of derived graphs are gathered in spool
        files and run in a thread while the caller goes on (_Loader); on
        leaving it every load has ended, and a load's error is raised. Bulk
        loads only go to an empty graph or one just removed, which nothing
        reads until the link mark."""
        if self._loader is not None:
            yield
            return
        self._loader = _Loader(self._store, self.path)
        try:
            yield
            self._loader.finish()
        finally:
            loader, self._loader = self._loader, None
            loader.close()

    # -- build state --------------------------------------------------------------

    def begin_build(self) -> None:
        """Mark the store as being built, until end_build: a build killed in
        between leaves the mark, and readers say the store is incomplete."""
        if self.path is not None:
            (self.path / UNFINISHED).write_text(f"{os.getpid()}\n", encoding="ascii")

    def end_build(self) -> None:
        self.flush()
        if self.path is not None:
            (self.path / UNFINISHED).unlink(missing_ok=True)

    def build_state(self) -> str:
        """"running" while a build writes the store, "unfinished" when the
        last build was stopped before it ended, else ""."""
        if self.path is None:
            return ""
        try:
            pid = int((self.path / UNFINISHED).read_text(encoding="ascii").strip() or 0)
        except FileNotFoundError:
            return ""
        except (OSError, ValueError):
            return "unfinished"
        return "running" if pid and process_alive(pid) else "unfinished"

    def linked(self) -> dict | None:
        """What the last complete link stage recorded (mark_linked), or None."""
        if self.path is None:
            text = self._memory_linked
        else:
            try:
                text = (self.path / LINKED).read_text(encoding="utf-8")
            except OSError:
                return None
        try:
            return json.loads(text) if text else None
        except ValueError:
            return None

    def mark_linked(self, state: dict, index=None, documents: list[StoredDocument] | None = None) -> None:
        """Record that the derived graphs are complete for `state` (a digest of
        the stored documents and its warnings), once the link stage ended,
        with the incremental link stage's `index` (kg.linkindex.LinkIndex)
        and the stored `documents` (the list `documents()` then reads)."""
        if self._loader is not None:
            self._loader.hand_over()  # what is spooled loads beside the record and index below
        if documents is not None:
            self.link_db().set_documents(documents)
            state = {**state, "listed": True}
        if index is not None:
            state = {**state, "index": self._save_index(index)}
        if self._loader is not None:
            # Within background_loads: the record and index above were
            # written beside the last load; the mark waits for every load.
            self._loader.finish()
        state = {**state, "derived": self.link_db().commit()}
        text = json.dumps(state, ensure_ascii=False)
        if self.path is None:
            self._memory_linked = text
            return
        try:
            # A fixed temporary name: the writer holds the store exclusively.
            tmp = self.path / f"{LINKED}.tmp"
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.path / LINKED)
        except OSError as exc:
            raise StoreError(f"could not write {self.path / LINKED}: {exc}") from exc
        self._listed = documents is not None

    def forget_linked(self) -> None:
        """Before the derived graphs change: a build killed while they are
        rewritten leaves no mark, so the next build recomputes them. The
        record of what they hold (DERIVED) is trusted only when the mark
        that names its token was there: it is read now, before the mark goes."""
        mark = self.linked() or {}
        self._trusted = bool(mark.get("derived")) and mark["derived"] == self.link_db().token()
        self.link_index = self._trusted_index(mark) if self._trusted else None
        if self.path is None:
            self._memory_linked = None
        else:
            (self.path / LINKED).unlink(missing_ok=True)
            (self.path / _OLD_DERIVED).unlink(missing_ok=True)

    def link_db(self) -> _LinkDb:
        if self._link_db is None:
            self._link_db = _LinkDb(self.path / DERIVED if self.path is not None else None)
        return self._link_db

    def file_hashes(self, trust: bool = True):
        """The content hashes of the files built before, by their stat
        (kg.filehashes.FileHashes); `trust=False` hashes every file again."""
        from kg.filehashes import FileHashes
        return FileHashes(self.path / FILE_HASHES if self.path is not None else None, trust)

    def people_facts(self):
        """The facts naming people, beside the store (kg.linkindex.PeopleFacts)."""
        from kg.linkindex import PeopleFacts
        return PeopleFacts(self.link_db().connection)

    def derived_trusted(self) -> bool:
        """Whether the record of the derived graphs is the last complete link stage's."""
        return self._trusted

    def _trusted_index(self, mark: dict):
        """The link index (kg.linkindex.IndexDb) when the link mark names
        its rows, or None."""
        if mark.get("index") != INDEX_ROWS:
            return None
        from kg.linkindex import IndexDb
        return IndexDb(self.link_db().connection)

    def _save_index(self, index) -> str:
        """A full link's index (kg.linkindex.LinkIndex) as rows, in the link
        stage's transaction; an incremental link wrote its rows already."""
        from kg.linkindex import IndexDb
        if not isinstance(index, IndexDb):
            IndexDb(self.link_db().connection).replace(index)
        if self.path is not None:
            (self.path / LINK_INDEX).unlink(missing_ok=True)  # the pickle of kg before the rows
        return INDEX_ROWS

    def derived_subjects(self, graph: NamedNode, owners: set[str]) -> set[str]:
        """The subjects of a derived graph computed from any of `owners` (see
        replace_graph), as the trusted record has them."""
        return self.link_db().subjects(graph.value, owners)

    def replace_subjects(self, graph: NamedNode, keys: Iterable[str], new: dict[str, dict[str, Quad]],
                         owner: Callable[[str], str] = subject_owner) -> dict[str, set[Quad]]:
        """Rewrite only the subjects `keys` (N-Quads terms) of a derived graph
        with a trusted record, to their quads in `new` (grouped as
        _by_subject groups them; a key absent from `new` loses its quads):
        the incremental link stage. Returns the old quads of each subject
        that changed."""
        db = self.link_db()
        keys = sorted(set(keys))
        known = db.digests(graph.value, keys)
        old_of: dict[str, set[Quad]] = {}
        written: list[tuple[str, str | None]] = []
        try:
            for key in keys:
                lines = new.get(key, {})
                digest = _digest(lines) if lines else None
                if digest == known.get(key):
                    continue
                old_of[key] = self._rewrite_subject(graph, key, set(lines.values()))
                written.append((key, digest))
        except (OSError, ValueError) as exc:
            raise StoreError(f"could not write {graph.value} to the store: {exc}") from exc
        db.update(graph.value, written, owner)
        return old_of

    def cited(self, graph: NamedNode, predicate: NamedNode, node: NamedNode, unless: str = "") -> bool:
        """Whether any subject of the graph (but those whose IRI holds
        `unless`, when given) has `node` as its `predicate`."""
        return any(not unless or unless not in q.subject.value
                   for q in self._store.quads_for_pattern(None, predicate, node, graph))

    # -- documents --------------------------------------------------------------

    def add_document(self, name: str, sha256: str, facts: str, quads: bytes, previous_sha256: str = "") -> None:
        """Write a document's facts file, then its graphs (document and
        metadata, as N-Quads bytes) in one transaction (`Store.load`). Whatever the
        store held under the document's graphs is dropped first, metadata
        graph first: a build killed after that leaves the document without
        metadata, which the next build takes for a new document and builds
        again (dropping any rest of its graph). Readers never see half a
        document: they wait for the writer, and a document's metadata only
        ever goes in with its whole graph. The facts file of its previous
        content goes last."""
        self._listed = False
        self._write_facts(name, sha256, facts)
        self._write_graphs(name, quads)
        if previous_sha256 and previous_sha256 != sha256:
            self._remove_facts(name, previous_sha256)

    def _write_graphs(self, name: str, quads: bytes) -> None:
        """A document's graphs (document and metadata) in one transaction,
        whatever the store held under them dropped first, metadata first."""
        try:
            for graph in (meta_graph(name), document_iri(name)):
                self._store.remove_graph(graph)
            self._store.load(quads, format=RdfFormat.N_QUADS, lenient=True)
        except (OSError, ValueError, SyntaxError) as exc:
            raise StoreError(f"could not write {name} to the store: {exc}") from exc

    def spool_documents(self) -> DocumentSpool:
        """A spool for new documents (spool_document), beside the store."""
        return DocumentSpool(self.path)

    def spool_document(self, spool: DocumentSpool, doc: NewDocument) -> str:
        """Take a document the store does not hold (no metadata under its
        name) for load_spooled: its facts file is written now, its graph's
        N-Quads go to the spool's file (memory keeps only its metadata).
        Returns its problem ("" if none): then it is not in the spool."""
        self._listed = False
        try:
            self._write_facts(doc.name, doc.sha256, doc.facts)
            spool.add(doc)
        except StoreError as exc:
            return str(exc)
        return ""

    def load_spooled(self, spool: DocumentSpool) -> dict[str, str]:
        """Write the spooled documents: their document graphs with one
        bulk load a spool file (DOCUMENT_SPOOL_BYTES), then all their metadata in one
        transaction; the spool file is removed. The bulk loader is not
        atomic, but a document counts as stored only once its metadata is
        in: a build killed before that leaves documents without metadata,
        which the next build takes for new and writes again, dropping first
        whatever rest of their graphs the store holds (and the spool file).
        A small spool (the few documents of an update) goes in as one
        transaction instead: a bulk load costs about 0.2 s however few its
        quads. If that cannot be written, each document is written on its
        own (its text found again in the spool by its offsets), so that a
        failure is its own document's. Returns the problem of each document
        that could not be written, by name."""
        self._listed = False
        failed: dict[str, str] = {}
        documents = spool.documents
        try:
            for file in spool.files:
                file.close()
            for doc in documents:  # the rest of a killed build's documents
                for graph in (meta_graph(doc.name), document_iri(doc.name)):
                    if self._holds(graph):
                        self._store.remove_graph(graph)
            meta = b"".join(doc.meta for doc in documents)
            if spool.size < _SMALL_BATCH:  # e.g. one document added
                text = b"".join(file.read(0, file.size) for file in spool.files)
                self._store.load(text + meta, format=RdfFormat.N_QUADS, lenient=True)
            else:
                for file in spool.files:
                    _bulk_load_file(self._store, file.path)
                self._store.load(meta, format=RdfFormat.N_QUADS, lenient=True)
        except (OSError, ValueError, SyntaxError, StoreError):
            for doc in documents:
                try:
                    self._write_graphs(doc.name, spool.text(doc) + doc.meta)
                except StoreError as exc:
                    failed[doc.name] = str(exc)
        finally:
            spool.remove()
        return failed

    def remove_document(self, name: str, sha256: str) -> None:
        """Drop a document's graphs (its file is gone), then its facts file;
        the merged graph follows at the next link stage."""
        self._listed = False
        self._remove_graphs([meta_graph(name), document_iri(name)], name)
        self._remove_facts(name, sha256)

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad],
                      owner: Callable[[str], str] = subject_owner) -> None:
        """Replace one derived graph by its quads: replace_graph_lines on their lines."""
        self.replace_graph_lines(graph, quad_lines(quads), owner, consume=True)

    def replace_graph_lines(self, graph: NamedNode, lines: list[bytes],
                            owner: Callable[[str], str] = subject_owner, consume: bool = False) -> None:
        """Replace one derived graph (people, links, reference, merged), given
        as quad_lines, by its difference: after a small change most of a
        derived graph stays, and removing quads costs Oxigraph far more than
        reading them (removing a 570,000-quad graph took 4 times as long as
        reading it). What changed is found by subject, from a digest of each
        subject's quads recorded by the last complete link stage (see
        forget_linked): only changed subjects are read back, not the whole
        graph. Without a trusted record the whole graph is read. An empty
        graph (a cold build), or one that mostly changed, is filled with the
        bulk loader straight from the lines: no Python quads. Not atomic: a
        build killed while this writes leaves the UNFINISHED mark and no link
        mark, readers say the store is incomplete, and the next build
        recomputes every derived graph (pipeline.build runs the link stage
        after an unfinished build). With `consume`, `lines` may be emptied as
        it is loaded (the merged graph is half of all quads)."""
        if self._loader is not None and (graph.value in self._loader.graphs or self._holds(graph)):
            # Only bulk loads into an empty graph run beside other work: the
            # loader's writes are not isolated from removals (nor is what it
            # holds spooled in the store yet).
            self._loader.finish()
        spans = _subject_spans(lines)
        digests = {key: _span_digest(lines, span) for key, span in spans.items()}
        known = self.link_db().record(graph.value) if self._trusted else None
        try:
            # A blank node cannot be looked up by its label: such a graph is read back whole.
            if known is None or any(not key.startswith("<") for key in (*digests, *known)):
                self._replace_read_back(graph, lines, consume)
            else:
                changed = [key for key in digests.keys() | known.keys() if digests.get(key) != known.get(key)]
                if not known or len(changed) > len(known) // 2:
                    if known:
                        self._store.remove_graph(graph)
                    self._bulk_load_lines(lines, consume, graph)
                else:
                    for key in sorted(changed):
                        self._rewrite_subject(graph, key, _parse_lines(lines, *spans.get(key, (0, 0))))
        except (OSError, ValueError, SyntaxError) as exc:
            raise StoreError(f"could not write {graph.value} to the store: {exc}") from exc
        # The record, with what each subject is computed from (`owner`: see
        # kg.rdf.iris.subject_owner), so that the incremental link stage
        # finds a key's subjects without reading the record whole.
        self.link_db().set_record(graph.value, digests, owner)

    def replace_graph_parts(self, graph: NamedNode, parts: Iterable[list[bytes]],
                            owner_of: Callable[[list[bytes]], Callable[[str], str]]) -> None:
        """Replace one derived graph given in parts of N-Quads lines
        (quad_lines' lines, each part unsorted), every line of a subject in
        one part (kg.rdf.merged._Graph.subject_parts makes them as they are
        read). When the store holds none of the graph (a cold build), each
        part is sorted, recorded and bulk loaded, then dropped: only one
        part's lines are held, not the graph's (the merged graph's were
        about half of the peak memory at N = 10,000); within
        background_loads its text goes to a spool file, loaded in the
        thread (_Loader).
        Otherwise the parts are joined and written by difference
        (replace_graph_lines). `owner_of`: what owns each subject of a
        part, from the part's sorted lines (see replace_graph_lines). Not
        atomic, as replace_graph_lines."""
        if self._loader is not None and graph.value in self._loader.graphs:
            self._loader.finish()
        if self._holds(graph):
            lines = sorted_lines(chain.from_iterable(parts))
            self.replace_graph_lines(graph, lines, owner_of(lines), consume=True)
            return
        db = self.link_db()
        db.clear_record(graph.value)
        try:
            for part in parts:
                part = sorted_lines(part)
                digests = {key: _span_digest(part, span) for key, span in _subject_spans(part).items()}
                owner = owner_of(part)
                # One load a part (a part is a load's size), handed over last:
                # the load runs beside the making of the next part.
                text = _nquads(part)
                del part
                db.add_record(graph.value, digests, owner)
                del digests, owner
                self._load(text, graph)
                del text
        except (OSError, ValueError, SyntaxError) as exc:
            raise StoreError(f"could not write {graph.value} to the store: {exc}") from exc

    def _rewrite_subject(self, graph: NamedNode, key: str, new: set[Quad]) -> set[Quad]:
        """Make the quads of one subject (an N-Quads IRI term) in `graph`
        `new`, by difference; returns its old quads."""
        old = set(self._store.quads_for_pattern(NamedNode(key[1:-1]), None, None, graph))
        for quad in old - new:
            self._store.remove(quad)
        self._store.extend(new - old)
        return old

    def _replace_read_back(self, graph: NamedNode, lines: list[bytes], consume: bool = False) -> None:
        if not self._holds(graph):  # a cold build: nothing to compare with
            self._bulk_load_lines(lines, consume, graph)
            return
        new = _parse_lines(lines)
        old = set(self._store.quads_for_pattern(None, None, None, graph))
        if len(old - new) > len(old) // 2:
            self._store.remove_graph(graph)
            del old, new
            self._bulk_load_lines(lines, consume, graph)
            return
        for quad in old - new:
            self._store.remove(quad)
        self._store.extend(new - old)

    def _holds(self, graph: NamedNode) -> bool:
        """Whether the graph has any quad (one seek, nothing read)."""
        return next(iter(self._store.quads_for_pattern(None, None, None, graph)), None) is not None

    def _bulk_load_lines(self, lines: list[bytes], consume: bool = False, graph: NamedNode | None = None) -> None:
        """Load N-Quads lines (quad_lines) with the bulk loader, a slice at a
        time, so that the text handed to it stays small. It writes our own
        serializer's lines: `lenient` skips validating them again. With
        `consume`, each slice is dropped from `lines` once loaded (the last
        first: a graph is a set, in any order)."""
        # Slices of even size: a short last slice would be a load of its own
        # that the next hand-over waits for (background_loads).
        size = -(-len(lines) // -(-len(lines) // _LOAD_LINES)) if lines else 0
        if consume:
            while lines:
                text = _nquads(lines, -size)
                del lines[-size:]
                self._load(text, graph)
            return
        for start in range(0, len(lines), size):
            self._load(_nquads(lines, start, start + size), graph)

    def _load(self, text: bytes, graph: NamedNode | None = None) -> None:
        """Bulk load N-Quads text (of `graph`): spooled and loaded in the
        thread of background_loads, if within it."""
        if self._loader is not None:
            self._loader.load(text, graph)
        else:
            _bulk_load(self._store, text)

    def _remove_graphs(self, graphs: list[NamedNode], what: str) -> None:
        try:
            for graph in graphs:
                self._store.remove_graph(graph)
        except OSError as exc:
            raise StoreError(f"could not remove {what} from the store: {exc}") from exc

    # -- facts beside the store ---------------------------------------------------

    def facts_path(self, name: str, sha256: str) -> Path | None:
        """Where a document's facts live: keyed by its content hash, and by its
        name, since the facts cite the file name (copies differ only there)."""
        return self.path / FACTS_FOLDER / f"{_facts_key(name, sha256)}.json" if self.path is not None else None

    def _write_facts(self, name: str, sha256: str, text: str) -> None:
        path = self.facts_path(name, sha256)
        if path is None:
            self._memory_facts[_facts_key(name, sha256)] = text
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # A rename within one folder is atomic: readers see the old file or the new one.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except OSError as exc:
            raise StoreError(f"could not write the facts of {name} to {path}: {exc}") from exc

    def _remove_facts(self, name: str, sha256: str) -> None:
        path = self.facts_path(name, sha256)
        if path is None:
            self._memory_facts.pop(_facts_key(name, sha256), None)
        else:
            path.unlink(missing_ok=True)

    def _read_facts(self, name: str, sha256: str) -> str:
        path = self.facts_path(name, sha256)
        if path is None:
            return self._memory_facts[_facts_key(name, sha256)]
        return path.read_text(encoding="utf-8")

    def sweep_facts(self, documents: list[StoredDocument]) -> None:
        """Remove facts files that no stored document points at: those of a
        build killed between writing a document's new facts and removing its
        old ones, and temporary files of a killed writer (this process holds
        the store exclusively, so no other writer is using them)."""
        keep = {f"{_facts_key(doc.name, doc.sha256)}.json" for doc in documents}
        if self.path is None:
            stems = {key[:-5] for key in keep}
            for key in [k for k in self._memory_facts if k not in stems]:
                del self._memory_facts[key]
            return
        try:
            entries = list(os.scandir(self.path / FACTS_FOLDER))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot read the facts beside the store: {exc}") from exc
        for entry in entries:
            if entry.is_file(follow_symlinks=False) and entry.name not in keep:
                Path(entry.path).unlink(missing_ok=True)

    def stored_facts(self, documents: list[StoredDocument] | None = None) -> list[Extraction]:
        """The facts of every stored document (or of `documents`), by document name."""
        found = []
        for doc in self.documents() if documents is None else documents:
            try:
                found.append(facts_json.loads(self._read_facts(doc.name, doc.sha256)))
            except (OSError, KeyError) as exc:
                raise StoreError(f"the facts of {doc.name} are missing beside the store ({exc}); "
                                 "rebuild it into a new folder") from exc
            except (ValueError, TypeError) as exc:
                raise StoreError(f"the store holds facts kg cannot read ({exc}); rebuild it into a new folder") from exc
        return found

    def documents(self) -> list[StoredDocument]:
        """Every document in the store, by name: the list the last complete
        link stage recorded when it is trusted (the link mark names it, and
        no document was written since), else from the metadata graphs."""
        listed = self._listed_documents()
        if listed is not None:
            return listed
        rows = self.select(internal_query("documents"))
        return [StoredDocument(r["name"], r["sha"], r["version"], r["built"], int(r["triples"]),
                               int(r["warnings"])) for r in rows]

    def _listed_documents(self) -> list[StoredDocument] | None:
        if not self._listed:
            return None
        mark = self.linked()
        if not mark or not mark.get("listed") or mark.get("derived") != self.link_db().token():
            return None
        return self.link_db().documents()

    def load_ontology(self) -> None:
        """(Re)load kg/ontology.ttl into its own graph."""
        graph = NamedNode(ONTOLOGY_GRAPH)
        text = files("kg").joinpath("ontology.ttl").read_bytes()
        try:
            self._store.remove_graph(graph)
            self._store.load(text, format=RdfFormat.TURTLE, to_graph=graph)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not load the ontology: {exc}") from exc

    # -- reading ----------------------------------------------------------------

    def query(self, sparql: str) -> QuerySolutions:
        """Run a SPARQL query. A query that names its dataset (FROM) gets it;
        any other sees the merged graph as its default graph. Every named
        graph (documents, metadata, people ...) is reachable with GRAPH."""
        dataset = {} if declares_dataset(sparql) else {"default_graph": MERGED_GRAPH}
        try:
            return self._store.query(sparql, prefixes=PREFIXES, **dataset)
        except SyntaxError as exc:
            raise StoreError(f"the query does not parse: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"the store could not be read: {exc}") from exc

    def select(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT query's rows as dicts of plain strings ("" for unbound)."""
        result = self.query(sparql)
        names = [v.value for v in result.variables]
        return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in result]

    def quads(self, graph: str | None = None) -> list[Quad]:
        """All quads, or those of one named graph, sorted for comparison."""
        found = self._store.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None)
        return sorted(found, key=str)

    def dump(self, out, fmt: RdfFormat) -> None:
        """Stream every quad, graph names kept, in a quad format."""
        self._store.dump(out, fmt)

    def backup(self, target: Path) -> None:
        """A consistent copy of the database at `target` (a RocksDB
        checkpoint: hard links where it can). The facts files stay behind."""
        self._store.backup(str(target))

    def merged_triples(self):
        """The merged graph's triples (each fact once), as pyoxigraph streams them."""
        return self._store.quads_for_pattern(None, None, None, MERGED_GRAPH)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def compact(self) -> None:
        """Compact the database's files (RocksDB's full compaction, pyoxigraph
        `Store.optimize`): a cold build's bulk loads (64 MB batches, the merged
        graph in parts) leave about twice as many files as one compaction,
        and every index look-up of a query visits each level's files. Done
        once, when a cold build ends (kg.pipeline.build): seconds at 10,000
        documents, too many for a rebuild of one document. This process holds
        the store exclusively meanwhile, as for the whole build."""
        if self.path is not None:
            self._store.optimize()

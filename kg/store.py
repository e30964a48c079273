"""The graph store: an embedded Oxigraph store on disk, one named graph per
source document (plus a metadata graph per document and the ontology graph).

A document's graphs are replaced in one SPARQL update, so a failure leaves
the previous version in place; a document whose content hash and extractor
version are unchanged is not touched at all.
"""

from __future__ import annotations

import fcntl
import os
import re
import sys
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pyoxigraph import NamedNode, Quad, QuerySolutions, RdfFormat, Store

from kg import EXTRACTOR_VERSION, facts_json
from kg.errors import StoreError
from kg.model import Extraction
from kg.rdf import document_iri, meta_graph
from kg.vocab import ONTOLOGY_GRAPH, PREFIXES

DEFAULT_STORE = Path("kg-store")
# A file in the store's folder while a build runs (see GraphStore.begin_build).
UNFINISHED = "kg-build-unfinished"
# Seconds a reader waits for a build that is writing the store.
READER_WAIT = 600.0
# The file readers and writers lock (see _access_lock).
ACCESS_LOCK = "kg-access.lock"
# Every RocksDB folder has this file once it is complete.
_STORE_MARK = "CURRENT"
# The files RocksDB writes (also before CURRENT exists, when a first build
# was killed early): a folder of only these is a store, or the start of one.
_STORE_FILE = re.compile(r"CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?|"
                         r"\d+\.(log|sst|blob|dbtmp)|" + re.escape(UNFINISHED) + "|" + re.escape(ACCESS_LOCK))




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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _open_read_only(path: Path) -> Store:
    if not (path / _STORE_MARK).is_file():
        raise StoreError(f"no store at {path}; run `kg build PATHS --store {path}` first")
    try:
        return Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
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
        if not (path / _STORE_MARK).exists():
            # A first build killed while the database was being created: it
            # holds no data yet, so it is started again from nothing.
            for entry in path.iterdir():
                if entry.name != ACCESS_LOCK:
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
        self.read_only = read_only
        self._lock = None
        if self.path is None:
            self._store = Store()
        elif read_only:
            self._lock = _access_lock(self.path, shared=True, wait=READER_WAIT if wait is None else wait)
            self._store = _open_read_only(self.path)
        else:
            self._store, self._lock = _open_for_writing(self.path, wait or 0.0)

    def close(self) -> None:
        """Close the database and release the lock (also done at exit)."""
        self._store = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

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
        return "running" if pid and _alive(pid) else "unfinished"

    # -- documents --------------------------------------------------------------

    def replace_document(self, name: str, quads: list[Quad], meta: list[Quad]) -> None:
        """Drop the document's graphs and insert the new ones, atomically."""
        self._replace([document_iri(name), meta_graph(name)], [*quads, *meta], name)

    def remove_document(self, name: str) -> None:
        """Drop a document's graphs (its file is gone), atomically."""
        self._replace([document_iri(name), meta_graph(name)], [], name)

    def replace_graph(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Replace one named graph (people, reference) atomically."""
        self._replace([graph], quads, graph.value)

    def _replace(self, graphs: list[NamedNode], quads: list[Quad], what: str) -> None:
        # One SPARQL update is one transaction: a failure leaves the old graphs.
        triples = " .\n".join(f"GRAPH {q.graph_name} {{ {q.triple} }}" for q in quads)
        drops = "".join(f"DROP SILENT GRAPH {graph} ;\n" for graph in graphs)
        update = f"{drops}INSERT DATA {{\n{triples}\n}}" if quads else drops.rstrip(" ;\n")
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write {what} to the store: {exc}") from exc

    def stored_facts(self) -> list[Extraction]:
        """The facts of every stored document, by document name."""
        rows = self.select("SELECT ?name ?facts WHERE { GRAPH ?g { ?d dcterms:identifier ?name ; kg:facts ?facts } } "
                           "ORDER BY ?name", union=False)
        try:
            return [facts_json.loads(row["facts"]) for row in rows]
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"the store holds facts kg cannot read ({exc}); rebuild it into a new folder") from exc

    def documents(self) -> list[StoredDocument]:
        """Every document in the store, by name."""
        rows = self.select("""
            SELECT ?name ?sha ?version ?built ?triples (COUNT(?warning) AS ?warnings) WHERE {
              GRAPH ?meta {
                ?doc a kg:Document ; dcterms:identifier ?name ; kg:sha256 ?sha ;
                     kg:extractorVersion ?version ; prov:generatedAtTime ?built ; kg:tripleCount ?triples .
                OPTIONAL { ?warning kg:aboutDocument ?doc }
              }
            } GROUP BY ?name ?sha ?version ?built ?triples ORDER BY ?name""", union=False)
        return [StoredDocument(r["name"], r["sha"], r["version"], r["built"], int(r["triples"]),
                               int(r["warnings"])) for r in rows]

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

    def query(self, sparql: str, union: bool = True) -> QuerySolutions:
        """Run a SPARQL query; by default the union of all graphs is the
        default graph, so queries need no GRAPH clauses."""
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise StoreError(f"the query does not parse: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"the store could not be read: {exc}") from exc

    def select(self, sparql: str, union: bool = True) -> list[dict[str, str]]:
        """A SELECT query's rows as dicts of plain strings ("" for unbound)."""
        result = self.query(sparql, union=union)
        names = [v.value for v in result.variables]
        return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in result]

    def quads(self, graph: str | None = None) -> list[Quad]:
        """All quads, or those of one named graph, sorted for comparison."""
        found = self._store.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None)
        return sorted(found, key=str)

    def dump(self, out, fmt: RdfFormat) -> None:
        """Stream every quad, graph names kept, in a quad format."""
        self._store.dump(out, fmt)

    def union_triples(self):
        """All triples of all graphs as one graph (a CONSTRUCT result that
        pyoxigraph serialises as it streams)."""
        return self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

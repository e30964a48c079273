"""The graph store: an embedded Oxigraph store on disk, one named graph per
source document (plus a metadata graph per document, the ontology graph, and
the merged graph the build derives from them all), and beside it, in
`<store>/facts/`, each document's extracted facts as JSON.

A document's graphs are replaced in one SPARQL update, so a failure leaves
the previous version in place; a document whose content hash and extractor
version are unchanged is not touched at all. Its facts file is written
first (temporary file, then rename), so the graphs never point at facts that
are not on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
import os
import re
import tempfile
from importlib.resources import files
from pathlib import Path

from pyoxigraph import NamedNode, Quad, QuerySolutions, RdfFormat, Store

from kg import EXTRACTOR_VERSION, facts_json
from kg.danish import slug
from kg.errors import StoreError
from kg.model import Extraction
from kg.rdf import MERGED_GRAPH, document_iri, meta_graph
from kg.vocab import ONTOLOGY_GRAPH, PREFIXES
from kg.queries import internal_query

DEFAULT_STORE = Path("kg-store")
_FROM = re.compile(r"(?<![\w?$:])FROM\s+(NAMED\s+)?(<[^>\s]*>|[A-Za-z][\w-]*:)", re.I)


def declares_dataset(sparql: str) -> bool:
    """True when the query names its own dataset with FROM / FROM NAMED
    (comment lines aside)."""
    code = "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
    return bool(_FROM.search(code))


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
    everything in memory (for tests)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE):
        self.path = Path(path) if path is not None else None
        self._memory_facts: dict[str, str] = {}  # facts files of an in-memory store
        try:
            if self.path is None:
                self._store = Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc} "
                             "(is another kg process using it?)") from exc

    # -- documents --------------------------------------------------------------

    def replace_document(self, extraction: Extraction, quads: list[Quad], meta: list[Quad],
                         previous_sha256: str = "") -> None:
        """Write the document's facts file, then drop its graphs and insert the
        new ones atomically; the facts file of its previous content goes last."""
        name = extraction.document.name
        self._write_facts(name, extraction.document.sha256, facts_json.dumps(extraction))
        self._replace([document_iri(name), meta_graph(name)], [*quads, *meta], name)
        if previous_sha256 and previous_sha256 != extraction.document.sha256:
            self._remove_facts(name, previous_sha256)

    def replace_graph(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Replace one named graph (people, reference) atomically."""
        self._replace([graph], quads, graph.value)

    def _replace(self, graphs: list[NamedNode], quads: list[Quad], what: str) -> None:
        # One SPARQL update is one transaction: a failure leaves the old graphs.
        triples = " .\n".join(f"GRAPH {q.graph_name} {{ {q.triple} }}" for q in quads)
        drops = "".join(f"DROP SILENT GRAPH {graph} ;\n" for graph in graphs)
        try:
            self._store.update(f"{drops}INSERT DATA {{\n{triples}\n}}")
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write {what} to the store: {exc}") from exc

    # -- facts beside the store ---------------------------------------------------

    def facts_path(self, name: str, sha256: str) -> Path | None:
        """Where a document's facts live: keyed by its content hash, and by its
        name, since the facts cite the file name (copies differ only there)."""
        return self.path / "facts" / f"{sha256}-{slug(name)}.json" if self.path is not None else None

    def _write_facts(self, name: str, sha256: str, text: str) -> None:
        path = self.facts_path(name, sha256)
        if path is None:
            self._memory_facts[f"{sha256}-{slug(name)}"] = text
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
            self._memory_facts.pop(f"{sha256}-{slug(name)}", None)
        else:
            path.unlink(missing_ok=True)

    def _read_facts(self, name: str, sha256: str) -> str:
        path = self.facts_path(name, sha256)
        if path is None:
            return self._memory_facts[f"{sha256}-{slug(name)}"]
        return path.read_text(encoding="utf-8")

    def stored_facts(self) -> list[Extraction]:
        """The facts of every stored document, by document name."""
        found = []
        for doc in self.documents():
            try:
                found.append(facts_json.loads(self._read_facts(doc.name, doc.sha256)))
            except (OSError, KeyError) as exc:
                raise StoreError(f"the facts of {doc.name} are missing beside the store ({exc}); "
                                 "rebuild it into a new folder") from exc
            except (ValueError, TypeError) as exc:
                raise StoreError(f"the store holds facts kg cannot read ({exc}); rebuild it into a new folder") from exc
        return found

    def documents(self) -> list[StoredDocument]:
        """Every document in the store, by name."""
        rows = self.select(internal_query("documents"))
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

    def merged_triples(self):
        """The merged graph's triples (each fact once), as pyoxigraph streams them."""
        return self._store.quads_for_pattern(None, None, None, MERGED_GRAPH)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

"""The main job: read -> segment -> extract -> map -> load, per document.

One bad document never stops the build: it is reported (file and problem)
and the store keeps whatever it held for that document before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, KgError
from kg.extract import extract
from kg.model import Doubt, Extraction
from kg.resolve import derive_memberships, sightings
from kg.resolve import case_links
from kg.rdf import (
    LINKS_GRAPH, MERGED_GRAPH, PEOPLE_GRAPH, REFERENCE_GRAPH, document_quads, links_quads, merged_quads,
    metadata_quads, people_quads, reference_quads,
)
from kg.read import SourceText, read_bytes
from kg.resolve import Resolution, resolve_people
from kg.segment import segment
from kg.store import GraphStore, StoredDocument

# File endings taken from a folder; files named explicitly are always read.
TEXT_SUFFIXES = (".txt", ".md", ".text")


@dataclass(slots=True)
class DocumentResult:
    """What happened to one input file: "built", "unchanged" or "failed"."""

    path: Path
    status: str
    meetings: int = 0
    items: int = 0
    triples: int = 0
    encoding: str = ""
    warnings: list[Doubt] = field(default_factory=list)
    error: str = ""


@dataclass(slots=True)
class BuildReport:
    """The outcome of a build, document by document."""

    results: list[DocumentResult] = field(default_factory=list)
    people: Resolution | None = None

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


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files to build from: each file as given, and the text files (.txt,
    .md, .text) in each folder, recursively, sorted by path."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def extract_file(path: Path) -> Extraction:
    """Read, segment and extract one file. Raises InputError for unreadable files."""
    return extract_source(read_bytes(_read(path), path.name))


def extract_source(source: SourceText) -> Extraction:
    """Segment and extract a decoded document."""
    return extract(segment(source))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc


def build(paths: Iterable[str | Path], store: GraphStore, built_at: dt.datetime | None = None,
          on_document: Callable[[DocumentResult], None] | None = None) -> BuildReport:
    """Build (or update) the store from the given files and folders."""
    built_at = built_at or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    store.load_ontology()
    report = BuildReport()
    names: dict[str, Path] = {}
    # Read what the store holds once, not once per document.
    stored = {doc.name: doc for doc in store.documents()}
    for path in collect_paths(paths):
        result = _build_one(path, store, built_at, names, stored)
        report.results.append(result)
        if on_document:
            on_document(result)
    report.people = link_documents(store)
    store.flush()
    return report


def link_documents(store: GraphStore) -> Resolution:
    """The cross-document stage, on the facts files beside the store: resolve
    the people of every stored document, derive memberships, link cases
    across meetings, rewrite the people, links and reference graphs, and
    merge everything into the merged graph the queries read (one node per
    meeting, item, person ..., every source cited; kg/rdf/merged.py). Its
    warnings (documents that disagree) join the people's."""
    extractions = store.stored_facts()
    people = resolve_people(sightings(extractions))
    memberships = derive_memberships(extractions, people)
    links = links_quads(case_links(extractions))
    reference = reference_quads()
    store.replace_graph(PEOPLE_GRAPH, people_quads(extractions, people, memberships))
    store.replace_graph(LINKS_GRAPH, links)
    store.replace_graph(REFERENCE_GRAPH, reference)
    # Occurrence links of the people graph point at document-graph nodes; the
    # merged graph makes its own, so it takes only the people and memberships.
    merged, conflicts = merged_quads(extractions, people, memberships,
                                     [*people_quads([], people, memberships), *links, *reference])
    store.replace_graph(MERGED_GRAPH, merged)
    people.warnings.extend(conflicts)
    return people


def _build_one(path: Path, store: GraphStore, built_at: dt.datetime, names: dict[str, Path],
               stored: dict[str, StoredDocument]) -> DocumentResult:
    """The per-document boundary: every failure here is caught and reported."""
    try:
        if path.name in names and names[path.name] != path:
            raise InputError(str(path), f"has the same file name as {names[path.name]}; documents are "
                                        "identified by file name, so rename one of them")
        names[path.name] = path
        data = _read(path)
        previous = stored.get(path.name)
        if previous is not None and previous.is_current(hashlib.sha256(data).hexdigest()):
            return DocumentResult(path, "unchanged")
        source = read_bytes(data, path.name)
        extraction = extract_source(source)
        quads = document_quads(extraction, {line.number: line.text for line in source.lines})
        store.replace_document(extraction, quads, metadata_quads(extraction, built_at, len(quads)),
                               previous.sha256 if previous is not None else "")
        return DocumentResult(path, "built", meetings=len(extraction.meetings), items=len(extraction.items),
                              triples=len(quads), encoding=extraction.document.encoding,
                              warnings=list(extraction.warnings))
    except KgError as exc:
        return DocumentResult(path, "failed", error=str(exc))
    except Exception as exc:  # noqa: BLE001 - the one per-document boundary
        return DocumentResult(path, "failed", error=f"{path}: could not be processed: "
                                                    f"{type(exc).__name__}: {exc}")

"""SHACL validation of the merged graph against kg/shapes.ttl (pyshacl):
each violation with the source (`file:line`) of the node it is about."""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib.resources import files

from pyoxigraph import RdfFormat, serialize

from kg.errors import KgError

_SH = "http://www.w3.org/ns/shacl#"
_SOURCES = "https://kg.example/def#sources"


@dataclass(frozen=True, slots=True)
class Violation:
    """One shape a node breaks: where it comes from, which node, and why."""

    source: str  # the node's first `file:line`, "" when it has none
    node: str
    message: str
    severity: str = "violation"  # or "warning" (sh:Warning: known, does not fail)

    def line(self) -> str:
        return f"{self.source or '(no source)'}: {self.severity}: {self.node}: {self.message}"


def shapes_text() -> str:
    return files("kg").joinpath("shapes.ttl").read_text(encoding="utf-8")


def validate_triples(triples) -> list[Violation]:
    """Check pyoxigraph triples (or quads) against the shapes: every result,
    violations and warnings, sorted by source."""
    import pyshacl  # imported here: only `kg validate` and its tests need it
    import rdflib

    buffer = io.BytesIO()
    serialize((getattr(t, "triple", t) for t in triples), buffer, RdfFormat.N_TRIPLES)
    data = rdflib.Graph()
    data.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    shapes = rdflib.Graph()
    shapes.parse(data=shapes_text(), format="turtle")
    try:
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    except Exception as exc:  # noqa: BLE001 - pyshacl's own errors are not one type
        raise KgError(f"the SHACL shapes could not be checked: {type(exc).__name__}: {exc}") from exc
    sh = rdflib.Namespace(_SH)
    found = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        node = report.value(result, sh.focusNode)
        sources = sorted(str(s) for s in data.objects(node, rdflib.URIRef(_SOURCES)))
        message = report.value(result, sh.resultMessage) or report.value(result, sh.sourceConstraintComponent)
        path = report.value(result, sh.resultPath)
        text = str(message) + (f" [{path}]" if path is not None and str(path) not in str(message) else "")
        severity = "warning" if report.value(result, sh.resultSeverity) == sh.Warning else "violation"
        found.append(Violation(sources[0] if sources else "", str(node), text, severity))
    return sorted(set(found), key=lambda v: (v.source, v.node, v.message))

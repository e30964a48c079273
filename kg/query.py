"""Named SPARQL queries (kg/queries/*.rq): lookup, parameter binding, output.

A query declares its parameters as `?param_<name>` variables in one
`VALUES (?param_a ?param_b) { (UNDEF UNDEF) }` clause. Binding fills that
clause with RDF literals serialised by pyoxigraph (quotes and backslashes
escaped), so a parameter value can never change the query's structure.

A slot variable `?param_<name>_key` is not a parameter of its own: it is
bound to the lookup key of parameter `<name>` (kg.rdf.iris.lookup_key, the
form of the merged graph's kg:lookupKey), so that a query starts from the
node a name names (`?p kg:lookupKey ?param_person_key .`) with one index
lookup, instead of scanning every row with FILTER(LCASE(STR(...)) = ...).
Likewise `?param_<name>_iri` is bound to the IRI the parameter spells (a
QueryError if it is not one): a query starts from that node, where
BIND(IRI(?param_<name>)) would not be pushed into the patterns after it
(Oxigraph reads every match of them and filters). Such a pattern stands on
a line of its own: when `<name>` is not given, the lines that use
`?param_<name>_key` or `?param_<name>_iri` are left out (unbound, the
pattern would match every node and multiply the rows).

A sub-select sees only its own variables, and Oxigraph evaluates it on its
own before joining: a query whose sub-selects aggregate may repeat the same
VALUES clause in each of them, so that a parameter narrows each aggregate
(instead of every row being aggregated first); every copy is bound alike.

A line may end in a marker comment, `# with <name>` or `# without <name>`:
it is kept only when parameter `<name>` is given, or only when it is not
(`# with a|b`: when a or b is given; `# without a|b`: when neither is).
A listing then reads each column by its own sub-select (one scan of a
predicate, joined by hash: Oxigraph evaluates a basic graph pattern by one
random index look-up per pattern and row), while a parameter's few rows are
still found from the node it names, pattern by pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QueryResultsFormat, QuerySolutions

from kg.errors import QueryError
from kg.rdf.iris import lookup_key
from kg.store import GraphStore

FORMATS = ("table", "csv", "tsv", "json")
_MARKER = re.compile(r"#\s*(with|without)\s+(\w+(?:\|\w+)*)\s*$")
_SLOT = re.compile(r"VALUES\s*\(((?:\s*\?param_\w+)+)\s*\)\s*\{\s*\(\s*(?:UNDEF\s*)+\)\s*\}")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query, its name, the first line of its comment, and its parameters."""

    name: str
    text: str
    summary: str
    params: tuple[str, ...]
    slot: tuple[str, ...] = ()  # every ?param_ variable of the VALUES clause, derived keys included


def parse_query(name: str, text: str) -> NamedQuery:
    """Read a query's summary (its first comment line) and parameter slot."""
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    summary = comments[0] if comments else ""
    if summary.lower().startswith(f"{name}:"):
        summary = summary[len(name) + 1:].strip()
    slots = [tuple(v.strip()[len("?param_"):] for v in found.split()) for found in _SLOT.findall(text)]
    if len(set(slots)) > 1:
        raise QueryError(f"query {name} has {len(set(slots))} different parameter VALUES clauses; "
                         "it may have one (repeated alike in sub-selects)")
    slot = slots[0] if slots else ()
    params = tuple(p for p in slot if not any(p.endswith(d) and p[: -len(d)] in slot for d in _DERIVED))
    marked = {name for line in text.splitlines() if (m := _MARKER.search(line)) for name in m.group(2).split("|")}
    unknown = sorted(marked - set(params))
    if unknown:
        raise QueryError(f"query {name} marks lines with or without {', '.join(unknown)}, which it does not take")
    return NamedQuery(name, text, summary, params, slot)


def _iri(param: str, value: str) -> NamedNode:
    try:
        return NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"parameter {param} must be an IRI such as https://kg.example/id/...; {value!r} is not ({exc})") \
            from exc


# What a derived slot variable `?param_<name><suffix>` is bound to, from the parameter's name and value.
_DERIVED = {"_key": lambda _, value: Literal(lookup_key(value)), "_iri": _iri}


def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped in kg/queries, by name."""
    folder = files("kg").joinpath("queries")
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            queries[name] = parse_query(name, entry.read_text(encoding="utf-8"))
    return queries


def load_query(name_or_path: str) -> NamedQuery:
    """A named query ("agenda") or a query file ("my.rq")."""
    queries = named_queries()
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        try:
            return parse_query(path.stem, path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise QueryError(f"cannot read query file {path}: {exc.strerror or exc}") from exc
    raise QueryError(f"no query named {name_or_path!r}; named queries: {', '.join(queries)}")


def bind(query: NamedQuery, params: dict[str, str]) -> str:
    """The query text with `params` bound in its VALUES slot."""
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        known = ", ".join(query.params) or "none"
        raise QueryError(f"query {query.name} has no parameter {', '.join(unknown)} (it takes: {known})")
    text = _lines_for(query, set(params))
    if not params:
        return text
    values = {p: Literal(v) for p, v in params.items()}
    values.update((f"{p}{suffix}", derive(p, v)) for p, v in params.items()
                  for suffix, derive in _DERIVED.items() if f"{p}{suffix}" in query.slot)
    row = " ".join(str(values[p]) if p in values else "UNDEF" for p in query.slot)
    variables = " ".join(f"?param_{p}" for p in query.slot)
    return _SLOT.sub(lambda _: f"VALUES ({variables}) {{ ({row}) }}", text)


def _lines_for(query: NamedQuery, given: set[str]) -> str:
    """The query's text without the lines meant for the other case: a line
    marked `# with <name>` when `<name>` is not given, `# without <name>`
    when it is, and a lookup line of a key or IRI whose parameter is not
    given (marked by its `?param_<name>_key` or `?param_<name>_iri`; the
    VALUES clause itself stays)."""
    unbound = [f"{p}{suffix}" for p in query.params if p not in given for suffix in _DERIVED]
    lookup = re.compile("|".join(rf"\?param_{re.escape(k)}\b" for k in unbound)) if unbound else None

    def kept(line: str) -> bool:
        if lookup is not None and "VALUES" not in line and lookup.search(line):
            return False
        marker = _MARKER.search(line)
        return marker is None or bool(given & set(marker.group(2).split("|"))) == (marker.group(1) == "with")
    return "".join(line for line in query.text.splitlines(keepends=True) if kept(line))


def run(store: GraphStore, query: NamedQuery, params: dict[str, str] | None = None) -> QuerySolutions:
    """Execute a SELECT query with its parameters bound."""
    result = store.query(bind(query, params or {}))
    if not isinstance(result, QuerySolutions):
        raise QueryError(f"query {query.name} is not a SELECT query")
    return result


def render(result: QuerySolutions, fmt: str) -> str:
    """Results as a text table, or as the W3C SPARQL results formats (CSV,
    TSV, JSON)."""
    if fmt == "csv":
        return result.serialize(format=QueryResultsFormat.CSV).decode("utf-8")
    if fmt == "tsv":
        return result.serialize(format=QueryResultsFormat.TSV).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=QueryResultsFormat.JSON).decode("utf-8")
    if fmt == "table":
        return _table(result)
    raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _table(result: QuerySolutions, width: int = 60) -> str:
    names = [v.value for v in result.variables]
    rows = [[_cell(row[n], width) for n in names] for row in result]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def _cell(term, width: int) -> str:
    text = "" if term is None else " ".join(term.value.split())
    return text if len(text) <= width else text[: width - 1] + "…"

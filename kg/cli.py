"""The `kg` command: build, query, stats, extract.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 a document
or query failed, 2 usage error.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError
from kg.evaluate import evaluate, load_gold, table
from kg.facts import FACT_TYPES, facts_of
from kg.facts_json import fact_json
from kg.model import Extraction
from kg.export import GRAPH_FORMATS, NETWORKS, RDF_FORMATS, export_rdf, write_network
from kg.export import network as export_network
from kg.output import atomic_file
from kg.pipeline import (
    DEFAULT_TIME_LIMIT, DOCUMENT_SUFFIXES, BuildReport, build as run_build, collect, display,
    extract_file,
)
from kg.queries import internal_query
from kg.server import DEFAULT_PORT
from kg.query import FORMATS, NamedQuery, load_query, named_queries, parse_query, render, run
from kg.site import build_site
from kg.store import DEFAULT_STORE, GraphStore


def _err(message: str) -> None:
    click.echo(message, err=True)


def store_option(func):
    return click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path),
                        default=DEFAULT_STORE, show_default=True, envvar="KG_STORE",
                        help="Folder of the Oxigraph store (env KG_STORE).")(func)


def _open_existing(path: Path) -> GraphStore:
    """The store for reading: read-only, so readers never wait for each other."""
    try:
        store = GraphStore(path, read_only=True)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    state = store.build_state()
    if state == "unfinished":
        _err(f"warning: the last build of {display(path)} was stopped before it finished; results may be "
             "incomplete until `kg build` runs again")
    elif state == "running":
        _err(f"note: a kg build is writing {display(path)} now; these results are from before it finishes")
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph from the minutes and agendas of Danish
    inter-municipal bodies (KKR, KD-Net, steering groups), and query it.

    Example: kg build ../shared/corpus && kg query agenda --param body=KD-Net
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--show-warnings", is_flag=True, help="List every warning (file:line: doubt).")
@click.option("--prune", is_flag=True, help="Remove stored documents whose files are not among PATHS "
              "(deleted or renamed since the last build).")
@click.option("--time-limit", "time_limit", type=click.FloatRange(min=0), default=DEFAULT_TIME_LIMIT,
              show_default=True, help="Seconds one document may take; a slower one is reported as failed "
                                      "(0: no limit).")
@click.option("--wait", type=click.FloatRange(min=0), default=0, show_default=True,
              help="Seconds to wait for another build that is writing the store.")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="all cores",
              help="Worker processes that extract documents (1: all in this process).")
@click.option("--rehash", is_flag=True, help="Read and hash every file, even those whose size and times "
                                               "say they have not changed since the last build.")
def build(paths: tuple[Path, ...], store_path: Path, show_warnings: bool, prune: bool, time_limit: float,
          wait: float, jobs: int, rehash: bool) -> None:
    """Read documents into the store: files, or folders searched recursively
    for .txt, .md, .pdf, .docx and .html; `-` reads the paths from stdin,
    one a line.

    Each document becomes its own named graph; a document whose content has
    not changed since the last build is skipped, and the same content under a
    second name is built once. A document that cannot be read is reported
    with its problem and the rest goes on; the store keeps what it held.
    Exit 1 when any document failed.

    Example: kg build ../shared/corpus --store kg-store
    """
    paths = _stdin_paths(paths)
    collected = collect(paths)
    if not collected.files and not collected.problems:
        raise click.ClickException("no documents to build from (folders are searched for "
                                   f"{', '.join(DOCUMENT_SUFFIXES)})")
    try:
        store = GraphStore(store_path, wait=wait)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    stderr = click.get_text_stream("stderr")
    # The bar counts documents read: a cold build writes its new documents
    # only after the last one is read (kg/pipeline.py, _Writer).
    with click.progressbar(length=len(collected.files), label="Building", file=stderr,
                           item_show_func=lambda name: display(name) if name else None) as bar:
        def advance(name: str) -> None:
            bar.update(1, name)
        report = run_build(collected, store, on_read=advance, prune=prune, time_limit_seconds=time_limit or None,
                           jobs=jobs, rehash=rehash)
    store.close()
    _report_build(report, show_warnings)
    _err(f"store: {display(store_path)}")
    if report.failed:
        sys.exit(1)


def _stdin_paths(paths: tuple[Path, ...]) -> list[Path]:
    """`-` among the paths stands for the paths on stdin, one a line."""
    out: list[Path] = []
    for path in paths:
        if str(path) == "-":
            stdin = click.get_binary_stream("stdin")
            out.extend(Path(os.fsdecode(line.rstrip(b"\r\n"))) for line in stdin if line.strip())
        else:
            out.append(path)
    if not out:
        raise click.ClickException("no paths on stdin")
    return out


def _report_build(report: BuildReport, show_warnings: bool) -> None:
    """One line per problem, so nothing is accepted without a word."""
    for result in report.failed:
        _err(f"error: {result.error}")
    for result in report.results:
        if result.status == "duplicate":
            _err(f"note: {display(result.path)} has the same content as {result.same_as}; built once, "
                 "under the first name")
        if result.encoding not in ("", "utf-8", "utf-8-sig", "pdf", "docx"):
            _err(f"note: {result.name} was read as {result.encoding}")
        if result.status == "built" and not result.recognised:
            _err(f"note: {result.name}: no meeting found in it (no body or date of a meeting recognised; stored, "
                 "but it adds no meeting)")
        if not show_warnings:
            for warning in result.read_warnings:
                _err(f"warning: {warning}")
    for new, old in report.renamed:
        _err(f"note: {new} has the same content as the stored {old}, whose file was not in this build "
             "(renamed?); `kg build --prune` removes documents whose files are gone")
    for name in report.pruned:
        _err(f"removed: {name} (its file is gone)")
    if report.absent:
        _err(f"note: the store also holds {len(report.absent)} document{'s' if len(report.absent) != 1 else ''} "
             "not given to this build (kept; `kg build --prune` removes them)")
    if show_warnings:
        for warning in report.warnings:
            _err(f"warning: {warning}")
    counts = ", ".join(f"{report.count(s)} {s}" for s in ("built", "unchanged", "duplicate", "failed")
                       if report.count(s) or s != "duplicate")
    _err(f"{len(report.results)} documents: {counts}" + (f", {len(report.pruned)} removed" if report.pruned else ""))
    if report.count("built"):
        _err(f"built: {report.total('meetings')} meetings, {report.total('items')} items, "
             f"{report.total('triples')} triples, {len(report.warnings)} warnings"
             f"{'' if show_warnings or not report.warnings else ' (--show-warnings lists them)'}")


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{display(value)!r} is not KEY=VALUE", param_hint="--param")
        if _not_utf8(value):
            raise click.BadParameter(f"{display(value)!r} is not valid UTF-8 text", param_hint="--param")
        params[key.strip()] = rest
    return params


def _not_utf8(text: str) -> bool:
    """Arguments with bytes that are not UTF-8 arrive as lone surrogates."""
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


_SPARQL_SKIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def _check_expression(sparql: str) -> None:
    """kg answers from its own store: a SERVICE clause would send the query
    (and parameters) to another server, so it is refused before running."""
    if _not_utf8(sparql):
        raise click.BadParameter("the query is not valid UTF-8 text", param_hint="-e")
    if _SERVICE.search(_SPARQL_SKIP.sub(" ", sparql)):
        raise click.BadParameter("SERVICE (a federated query to another server) is not allowed; kg queries "
                                 "its own store only", param_hint="-e")


@cli.command()
@click.argument("query", required=False)
@click.option("-e", "--expression", help="A SPARQL SELECT query given inline. Its default graph is the merged "
              "graph (each fact once, with kg:sources) unless it names its own with FROM; every named graph "
              "(one per document, <https://kg.example/graph/people> ...) is reachable with GRAPH.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for reading; csv, tsv, json as the W3C SPARQL results formats.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL 1.1 query endpoint instead of the store "
              "(e.g. http://127.0.0.1:7878/query).")
@store_option
def query(query: str | None, expression: str | None, params: tuple[str, ...], fmt: str, list_queries: bool,
          endpoint: str | None, store_path: Path) -> None:
    """Run a named query (see --list), a query file, or -e SPARQL.

    Queries read the merged graph <https://kg.example/graph/merged>: one
    node per meeting, item, person, body, membership and flow, each fact once,
    citing all its sources. A query file or -e query without FROM sees it as
    its default graph; the documents' own graphs (one per file, named by the
    document's IRI) are reached with GRAPH:

    \b
    kg query -e 'SELECT ?doc ?title WHERE { GRAPH ?g { ?g dcterms:identifier ?doc .
                   ?i a kg:AgendaItem ; dcterms:title ?title } }'

    Example: kg query agenda --param body=KD-Net --format csv
    """
    if list_queries:
        for named in named_queries().values():
            args = " ".join(f"--param {p}=..." for p in named.params)
            click.echo(f"{named.name:20} {named.summary}" + (f"  [{args}]" if args else ""))
        return
    if bool(query) == bool(expression):
        raise click.UsageError("give a query name or file, or -e SPARQL (one of them)")
    try:
        if expression:
            _check_expression(expression)
        named: NamedQuery = parse_query("expression", expression) if expression else load_query(query)
        if endpoint:
            from kg.remote import SparqlEndpoint, run_remote
            click.echo(render(run_remote(SparqlEndpoint(endpoint), named, _parse_params(params)), fmt), nl=False)
            return
        store = _open_existing(store_path)
        click.echo(render(run(store, named, _parse_params(params)), fmt), nl=False)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@store_option
def validate(store_path: Path) -> None:
    """Check the merged graph against the SHACL shapes of the ontology's
    invariants (kg/shapes.ttl): one line per result, `file:line: severity:
    node: message`. Exit 1 when any shape is violated (warnings do not fail).

    Example: kg validate --store kg-store
    """
    from kg.rdf.validation import validate_triples

    store = _open_existing(store_path)
    try:
        results = validate_triples(store.merged_triples())
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    for result in results:
        click.echo(result.line())
    violations = sum(1 for r in results if r.severity == "violation")
    _err(f"{violations} violations, {len(results) - violations} warnings")
    if violations:
        sys.exit(1)


@cli.command()
@store_option
@click.option("--warnings", "show_warnings", is_flag=True, help="List the stored warnings too.")
def stats(store_path: Path, show_warnings: bool) -> None:
    """Summarise the store: documents, meetings (documented, and known only
    from calendars), items, people, triples, warnings.

    Example: kg stats --store kg-store
    """
    store = _open_existing(store_path)
    try:
        counts = store.select(internal_query("stats"))[0]
        documents = store.documents()
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"documents  {len(documents)}")
    click.echo(f"meetings   {counts['meetings']}")
    click.echo(f"items      {counts['items']}")
    click.echo(f"scheduled  {counts['scheduled']} (meetings known only from calendars)")
    click.echo(f"people     {counts['people']}")
    click.echo(f"triples    {len(store)}")
    click.echo(f"warnings   {sum(d.warnings for d in documents)}")
    click.echo("")
    width = max([8, *(len(d.name) for d in documents)])
    click.echo(f"{'document':{width}}  {'triples':>7}  {'warnings':>8}  built")
    for doc in documents:
        click.echo(f"{doc.name:{width}}  {doc.triples:>7}  {doc.warnings:>8}  {doc.built_at}")
    if show_warnings:
        rows = store.select(internal_query("warnings"))
        click.echo("")
        for row in rows:
            click.echo(f"{row['name']}:{row['line']}: {row['message']}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice([*RDF_FORMATS, *GRAPH_FORMATS]), required=True,
              help="An RDF format, or a graph format for --network.")
@click.option("--network", type=click.Choice(NETWORKS), help="With a graph format: which network to write.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default stdout).")
@store_option
def export(fmt: str, network: str | None, out_path: Path | None, store_path: Path) -> None:
    """Write the store as RDF (turtle, ntriples, nquads, trig, jsonld, rdfxml)
    or, with --network, a network (membership, referral, co-membership) as
    graphml, gexf, node-link json or a csv edge list.

    Example: kg export --format graphml --network membership --out members.graphml
    """
    store = _open_existing(store_path)
    if fmt in GRAPH_FORMATS and network is None:
        raise click.UsageError(f"--format {fmt} writes a network: add --network ({', '.join(NETWORKS)})")
    if fmt in RDF_FORMATS and network is not None:
        raise click.UsageError("--network goes with a graph format (graphml, gexf, json, csv)")
    try:
        if out_path:
            with atomic_file(out_path) as stream:
                _write_export(store, fmt, network, stream)
        else:
            _write_export(store, fmt, network, click.get_binary_stream("stdout"))
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    if out_path:
        _err(f"wrote {display(out_path)}")


def _write_export(store: GraphStore, fmt: str, network: str | None, stream) -> None:
    if network:
        write_network(export_network(store, network), fmt, stream)
    else:
        export_rdf(store, fmt, stream)


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@store_option
def site(out_dir: Path, store_path: Path) -> None:
    """Render static relationship pages into OUT_DIR: an index with search,
    and a page per person, body, municipality, meeting and agreement. Open
    OUT_DIR/index.html from disk, or serve the folder over HTTP.

    Example: kg site out/site && python -m http.server -d out/site
    """
    store = _open_existing(store_path)
    try:
        pages = build_site(store, out_dir)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    _err(f"wrote {pages} pages; open {display(out_dir / 'index.html')}")


@cli.command()
@store_option
@click.option("--variants", is_flag=True, help="Show each merged spelling, why it was merged, and where it was seen.")
@click.option("--person", help="Only this person (any spelling, any case).")
def people(store_path: Path, variants: bool, person: str | None) -> None:
    """List the people in the store; with --variants, every spelling that
    was merged into each person, the reason, and the places it was seen.

    Example: kg people --variants --person "Jan Kallstrup"
    """
    store = _open_existing(store_path)
    rows = store.select(internal_query("variants"))
    by_person: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_person.setdefault(row["name"], []).append(row)
    wanted = person.casefold() if person else None
    for name, spellings in by_person.items():
        if wanted and wanted not in {s["spelling"].casefold() for s in spellings} | {name.casefold()}:
            continue
        merged = [s for s in spellings if s["spelling"] != name]
        if variants and not merged and not wanted:
            continue
        click.echo(name + (f"  ({len(merged)} other spelling{'s' if len(merged) != 1 else ''})" if merged else ""))
        if variants or wanted:
            for s in spellings:
                reason = "canonical spelling" if s["spelling"] == name else s["reason"]
                click.echo(f"    {s['spelling']!r}: {reason}; seen at {' '.join(sorted(s['seen'].split(), key=_place_order))}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def extract(files: tuple[Path, ...]) -> None:
    """Print the facts read from documents as JSON lines, without storing
    anything: for inspecting what kg sees before it becomes RDF.

    Example: kg extract ../shared/corpus/000_720b0ed2fdad2e35.txt | head
    """
    failed = False
    for path in files:
        try:
            extraction = extract_file(path)
        except KgError as exc:
            _err(f"error: {exc}")
            failed = True
            continue
        for line in fact_lines(extraction):
            click.echo(line)
    if failed:
        sys.exit(1)


def fact_lines(extraction: Extraction) -> Iterator[str]:
    """`kg extract`'s JSON lines: the document, then every fact of the table
    of fact types (kg/facts.py), each tagged with its type's label."""
    yield json.dumps({"type": "document", **fact_json(extraction.document)}, ensure_ascii=False)
    for fact_type in FACT_TYPES:
        for fact in facts_of(extraction, fact_type):
            yield json.dumps({"type": fact_type.label, **fact_json(fact)}, ensure_ascii=False)


@cli.command()
@store_option
@click.option("--port", type=int, default=DEFAULT_PORT, show_default=True, help="Port to listen on.")
@click.option("--bind", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface, to serve other machines).")
def serve(store_path: Path, port: int, bind: str) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (Oxigraph's server, with its
    query page), until Ctrl-C. The server reads a snapshot of the store taken
    at start, so builds may go on; restart it to serve what they added.

    Example: kg serve --port 7878, then open http://127.0.0.1:7878/ or
    curl -H 'Accept: text/csv' --data-urlencode 'default-graph-uri=https://kg.example/graph/merged'
    --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/query
    """
    import signal

    from kg.server import OxigraphServer

    if not store_path.exists():
        raise click.ClickException(f"no store at {store_path}; run `kg build PATHS --store {store_path}` first")
    server = OxigraphServer(store_path, port=port, bind=bind)
    # A terminated `kg serve` stops its server too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.start()
        urls = server.endpoints
        _err(f"serving {store_path} (snapshot by {server.how}) at {urls.base}/")
        _err(f"  SPARQL query endpoint: {urls.query}   (kg query NAME --endpoint {urls.query})")
        _err(f"  Graph Store Protocol:  {urls.store} (read only)")
        _err("Ctrl-C stops the server.")
        sys.exit(server.wait())
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@cli.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="The server's SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph: http://HOST:7878/store; "
                   "Fuseki: http://HOST:3030/DATASET/data).")
@click.option("--all", "everything", is_flag=True, help="Send every graph, changed or not.")
@store_option
def push(endpoint: str, everything: bool, store_path: Path) -> None:
    """Send the store's named graphs to a SPARQL server, replacing only the
    graphs whose content changed since the last push (the server keeps the
    record, in the graph https://kg.example/graph/pushed) and deleting graphs
    the store no longer has.

    Example: kg push --endpoint http://127.0.0.1:7878/store
    """
    from kg.remote import push as push_graphs

    store = _open_existing(store_path)
    try:
        report = push_graphs(store, endpoint, everything=everything)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    _err(f"{len(report.sent)} graphs sent, {len(report.deleted)} deleted, {len(report.unchanged)} unchanged "
         f"({endpoint})")


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@store_option
@click.option("--errors", "show_errors", is_flag=True, help="List the missed and spurious facts.")
def eval_(gold_dir: Path, store_path: Path, show_errors: bool) -> None:
    """Score the store's facts against gold annotations: precision, recall
    and F1 per fact type (attendance, substitutes, appointments, chair roles).

    Example: kg eval tests/gold --store kg-store
    """
    store = _open_existing(store_path)
    try:
        scores = evaluate(load_gold(gold_dir), store.stored_facts())
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(table(scores), nl=False)
    if show_errors:
        for score in scores:
            for fact in score.missed:
                click.echo(f"missed   {score.fact_type}: {fact}")
            for fact in score.spurious:
                click.echo(f"spurious {score.fact_type}: {fact}")


def _place_order(place: str) -> tuple[str, int]:
    """Sort "file:line" by file, then by line number."""
    name, _, line = place.rpartition(":")
    return name, int(line) if line.isdigit() else 0


def main() -> None:
    """The command, with one line instead of a traceback for anything that
    goes wrong outside the documents (KG_DEBUG=1 shows the traceback)."""
    try:
        cli(prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        _err("kg: interrupted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KgError as exc:
        _err(f"Error: {display(str(exc))}")
        sys.exit(1)
    except OSError as exc:
        if os.environ.get("KG_DEBUG"):
            raise
        where = f"{display(exc.filename)}: " if exc.filename else ""
        _err(f"Error: {where}{exc.strerror or exc}")
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the command's last line of defence
        if os.environ.get("KG_DEBUG"):
            raise
        _err(f"Error: kg failed unexpectedly ({type(exc).__name__}: {display(str(exc))}); "
             "KG_DEBUG=1 shows the details")
        sys.exit(1)


if __name__ == "__main__":
    main()

"""The `kg` command: build, query, stats, extract.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 a document
or query failed, 2 usage error.
"""

from __future__ import annotations

import json
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
from kg.pipeline import DocumentResult, build as run_build, collect_paths, extract_file
from kg.queries import internal_query
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
    if not path.exists():
        raise click.ClickException(f"no store at {path}; run `kg build PATHS --store {path}` first")
    try:
        return GraphStore(path)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc


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
def build(paths: tuple[Path, ...], store_path: Path, show_warnings: bool) -> None:
    """Read documents (files, or folders of .txt/.md files) into the store.

    Each document becomes its own named graph; a document whose content has
    not changed since the last build is skipped. A document that cannot be
    read is reported and skipped, and the store keeps what it held.

    Example: kg build ../shared/corpus --store kg-store
    """
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        _err(f"error: {path}: no such file or folder")
    files = collect_paths(p for p in paths if p.exists())
    if not files:
        raise click.ClickException("no documents to build from (folders are searched for .txt, .md, .text)")
    try:
        store = GraphStore(store_path)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    stderr = click.get_text_stream("stderr")
    with click.progressbar(length=len(files), label="Building", file=stderr,
                           item_show_func=lambda r: r.path.name if r else None) as bar:
        def advance(result: DocumentResult) -> None:
            bar.update(1, result)
        report = run_build(files, store, on_document=advance)
    for result in report.failed:
        _err(f"error: {result.error}")
    for result in report.results:
        if result.encoding not in ("", "utf-8", "utf-8-sig"):
            _err(f"note: {result.path.name} was read as {result.encoding}")
    if show_warnings:
        for warning in report.warnings:
            _err(f"warning: {warning}")
    _err(f"{len(report.results)} documents: {report.count('built')} built, {report.count('unchanged')} "
         f"unchanged, {report.count('failed')} failed")
    if report.count("built"):
        _err(f"built: {report.total('meetings')} meetings, {report.total('items')} items, "
             f"{report.total('triples')} triples, {len(report.warnings)} warnings"
             f"{'' if show_warnings or not report.warnings else ' (--show-warnings lists them)'}")
    _err(f"store: {store_path}")
    if report.failed or missing:
        sys.exit(1)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="--param")
        params[key.strip()] = rest
    return params


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
    stream = open(out_path, "wb") if out_path else click.get_binary_stream("stdout")
    try:
        if network:
            write_network(export_network(store, network), fmt, stream)
        else:
            export_rdf(store, fmt, stream)
    except KgError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if out_path:
            stream.close()
    if out_path:
        _err(f"wrote {out_path}")


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
    _err(f"wrote {pages} pages; open {out_dir / 'index.html'}")


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
@click.option("--port", type=int, default=7878, show_default=True, help="Port to listen on.")
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
    cli(prog_name="kg")


if __name__ == "__main__":
    main()

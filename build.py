#!/usr/bin/env python3
"""The main job as a script: build the store from the corpus, write the
exports and the static site, and say where to open them.

Usage: python build.py [PATHS ...] [--store DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.export import EXTENSIONS, NETWORKS, RDF_FORMATS, export_rdf, network, write_network
from kg.pipeline import build
from kg.site import build_site
from kg.store import GraphStore

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--store", type=Path, default=Path("kg-store"))
    parser.add_argument("--out", type=Path, default=Path("out"))
    args = parser.parse_args()
    store = GraphStore(args.store)
    report = build(args.paths, store)
    for failed in report.failed:
        print(f"error: {failed.error}", file=sys.stderr)
    print(f"{len(report.results)} documents: {report.count('built')} built, {report.count('unchanged')} unchanged, "
          f"{report.count('failed')} failed; store: {args.store}", file=sys.stderr)
    exports = args.out / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    for fmt in RDF_FORMATS:
        with open(exports / f"kg.{EXTENSIONS[fmt]}", "wb") as out:
            export_rdf(store, fmt, out)
    for name in NETWORKS:
        graph = network(store, name)
        for fmt in ("graphml", "gexf", "json", "csv"):
            with open(exports / f"{name}.{EXTENSIONS[fmt]}", "wb") as out:
                write_network(graph, fmt, out)
    pages = build_site(store, args.out / "site")
    print(f"exports: {exports}/", file=sys.stderr)
    print(f"site: {pages} pages; open {(args.out / 'site' / 'index.html').resolve()}", file=sys.stderr)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())

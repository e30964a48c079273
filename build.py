#!/usr/bin/env python3
"""The main job as a script: build the store from the corpus and print the
agenda. Usage: python build.py [PATHS ...] [--store DIR]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.pipeline import build
from kg.query import load_query, render, run
from kg.store import GraphStore

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--store", type=Path, default=Path("kg-store"))
    args = parser.parse_args()
    store = GraphStore(args.store)
    report = build(args.paths, store)
    for failed in report.failed:
        print(f"error: {failed.error}", file=sys.stderr)
    print(f"{len(report.results)} documents: {report.count('built')} built, {report.count('unchanged')} "
          f"unchanged, {report.count('failed')} failed; store: {args.store}", file=sys.stderr)
    print(render(run(store, load_query("agenda")), "table"), end="")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark `kg build` on the corpus, scaled by copying it under new names.

Each row is a fresh process (so peak memory is that build's own): a cold
build into a new store, then a warm rebuild where every document is
unchanged. Usage: python bench/benchmark.py [--scales 1 10 50] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

_CHILD = r"""
import json, resource, sys, time
from kg.pipeline import build
from kg.store import GraphStore
docs, store_dir = sys.argv[1], sys.argv[2]
t0 = time.perf_counter(); store = GraphStore(store_dir); report = build([docs], store)
cold = time.perf_counter() - t0
t1 = time.perf_counter(); again = build([docs], store); warm = time.perf_counter() - t1
print(json.dumps({"docs": len(report.results), "failed": len(report.failed), "triples": len(store),
                  "items": report.total("items"), "cold_s": cold, "warm_s": warm,
                  "unchanged": again.count("unchanged"),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(scale: int, corpus: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for copy in range(scale):
            for path in sorted(corpus.glob("*.txt")):
                shutil.copy(path, docs / f"{copy:04d}_{path.name}")
        out = subprocess.run([sys.executable, "-c", _CHILD, str(docs), str(Path(tmp) / "store")],
                             check=True, capture_output=True, text=True)
        return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", nargs="+", type=int, default=[1, 10, 50])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    print("| docs | items | triples | cold build s | docs/s | warm rebuild s | peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for scale in args.scales:
        r = run(scale, args.corpus)
        assert r["failed"] == 0 and r["unchanged"] == r["docs"], r
        print(f"| {r['docs']} | {r['items']} | {r['triples']} | {r['cold_s']:.2f} | "
              f"{r['docs'] / r['cold_s']:.1f} | {r['warm_s']:.2f} | {r['peak_mib']:.0f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Named-query latency when documents overlap: the corpus copied 1, 2, 4 and
8 times under new names, so that every meeting is described by that many
documents. Each named query runs against the merged graph; its time should
stay within twice its time on the corpus alone, and its rows (sources aside)
should be the same.

Usage: python bench/overlap.py [--scales 1 2 4 8] [--corpus DIR] [--repeat 10]
Prints a markdown table: the best of --repeat runs per query, in seconds.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.pipeline import build
from kg.query import named_queries, render, run
from kg.store import GraphStore

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def copied_store(corpus: Path, scale: int, tmp: Path) -> tuple[GraphStore, float]:
    """A store of the corpus copied `scale` times under new names, and its build time."""
    docs = tmp / f"docs-{scale}"
    docs.mkdir()
    for copy in range(scale):
        for path in sorted(corpus.glob("*.txt")):
            # `copy` more blank lines at the end: the same text, other bytes
            # (byte-identical copies are built once).
            (docs / (path.name if copy == 0 else f"copy{copy}-{path.name}")).write_bytes(
                path.read_bytes() + b"\n" * copy)
    store = GraphStore(tmp / f"store-{scale}")
    started = time.perf_counter()
    report = build([docs], store)
    assert not report.failed, [r.error for r in report.failed]
    return store, time.perf_counter() - started


def timed(store: GraphStore, name: str, repeat: int) -> tuple[float, Counter]:
    """Best time of `repeat` runs (the rows fully read and rendered), and the rows without their source."""
    best, text = float("inf"), ""
    for _ in range(repeat):
        started = time.perf_counter()
        text = render(run(store, named_queries()[name]), "csv")
        best = min(best, time.perf_counter() - started)
    rows = csv.DictReader(io.StringIO(text))
    return best, Counter(tuple(v for k, v in row.items() if k not in ("source", "text", "subject")) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", nargs="+", type=int, default=[1, 2, 4, 8])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    names = [n for n in named_queries() if n != "provenance"]  # provenance lists each source: it grows by design
    times: dict[int, dict[str, float]] = {}
    same: dict[int, bool] = {}
    builds: dict[int, float] = {}
    baseline: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            store, builds[scale] = copied_store(args.corpus, scale, Path(tmp))
            times[scale], same[scale] = {}, True
            for name in names:
                times[scale][name], found = timed(store, name, args.repeat)
                baseline.setdefault(name, found)
                same[scale] &= found == baseline[name]
            del store
    first = args.scales[0]
    print("| query | " + " | ".join(f"{s}× s" for s in args.scales) + f" | {args.scales[-1]}× / {first}× |")
    print("|---|" + "---:|" * (len(args.scales) + 1))
    for name in names:
        cells = " | ".join(f"{times[s][name]:.3f}" for s in args.scales)
        print(f"| {name} | {cells} | {times[args.scales[-1]][name] / times[first][name]:.2f} |")
    total = {s: sum(times[s].values()) for s in args.scales}
    print("| all | " + " | ".join(f"{total[s]:.3f}" for s in args.scales)
          + f" | {total[args.scales[-1]] / total[first]:.2f} |")
    print("| build s | " + " | ".join(f"{builds[s]:.1f}" for s in args.scales) + " | |")
    print("| same rows as 1× | " + " | ".join("yes" if same[s] else "NO" for s in args.scales) + " | |")


if __name__ == "__main__":
    main()

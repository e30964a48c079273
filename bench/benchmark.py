#!/usr/bin/env python3
"""Benchmark kg on generated corpora of N documents (bench/corpus.py) and
print one table: a column per N, a row per measurement.

For each N, in fresh processes (so each peak memory is that step's own):

- extract: read, segment and extract every document, nothing stored
  (MB/s, documents/s, peak memory);
- build: a cold `kg build` (`--jobs`, default all cores) into a new store (wall time, quads, quads/s, peak
  memory), then a rebuild with nothing changed, then a rebuild after one
  document changed; the store is then dumped as N-Quads;
- references on the same quads: pyoxigraph `Store.bulk_load` into a new
  store (the store's own limit), and rdflib `Dataset.parse` (what most Python
  knowledge-graph builders do), with kg's ratios to them;
- queries: the median latency of every named query, without parameters and
  with a typical one (the busiest body, its most frequent participant ...),
  each query in its own process with a time and memory limit: a query over
  the limit is reported as such, not waited for.

Usage: python bench/benchmark.py [--n 100 1000 10000] [--mix minutes|agenda+minutes|quoting]
         [--repeat 5] [--query-timeout 60] [--memory-limit-gb 6] [--json results.json]
         [--skip-queries] [--skip-extract] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import MIXES, generate  # noqa: E402

# The parameter a "typical" call of each named query binds.
TYPICAL_PARAM = {"agenda": "body", "who-sits-where": "person", "members-of": "body", "attendance": "person",
                 "appointments": "body", "people": "person", "decisions": "body", "referrals": "from",
                 "decisions-from": "body", "agreements": "kind", "provenance": "file"}


# -- child steps (each runs in its own process) ---------------------------------


def _peak_mib() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_extract(args: dict) -> dict:
    from kg.pipeline import collect_paths, extract_file
    files = collect_paths([args["docs"]])
    size = sum(p.stat().st_size for p in files)
    start = time.perf_counter()
    for path in files:
        extract_file(path)
    seconds = time.perf_counter() - start
    return {"docs": len(files), "bytes": size, "seconds": seconds, "peak_mib": _peak_mib()}


def step_build(args: dict) -> dict:
    from kg.pipeline import build
    from kg.store import GraphStore
    docs, store_dir, jobs = args["docs"], args["store"], args.get("jobs", 1)
    start = time.perf_counter()
    store = GraphStore(store_dir)
    report = build([docs], store, jobs=jobs)
    cold = time.perf_counter() - start
    quads = len(store)
    peak = _peak_mib()
    start = time.perf_counter()
    again = build([docs], store, jobs=jobs)
    unchanged = time.perf_counter() - start
    changed = Path(args["changed"])
    with open(changed, "a", encoding="utf-8") as out:
        out.write("\nEn bemærkning blev tilføjet til referatet efter mødet.\n")
    start = time.perf_counter()
    one = build([docs], store, jobs=jobs)
    incremental = time.perf_counter() - start
    with open(args["dump"], "wb") as out:
        store.dump(out, __import__("pyoxigraph").RdfFormat.N_QUADS)
    return {"cold": cold, "quads": quads, "failed": len(report.failed), "peak_mib": peak,
            "unchanged": unchanged, "unchanged_docs": again.count("unchanged"),
            "incremental": incremental, "rebuilt_docs": one.count("built")}


def step_bulk_load(args: dict) -> dict:
    from pyoxigraph import RdfFormat, Store
    start = time.perf_counter()
    store = Store(args["store"])
    store.bulk_load(path=args["dump"], format=RdfFormat.N_QUADS)
    store.flush()
    return {"seconds": time.perf_counter() - start, "quads": len(store), "peak_mib": _peak_mib()}


def step_rdflib(args: dict) -> dict:
    from rdflib import Dataset
    start = time.perf_counter()
    dataset = Dataset()
    dataset.parse(args["dump"], format="nquads")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "quads": sum(1 for _ in dataset.quads()), "peak_mib": _peak_mib()}


def step_query(args: dict) -> dict:
    from kg.query import load_query, run
    from kg.store import GraphStore
    store = GraphStore(args["store"])
    query = load_query(args["query"])
    times, rows = [], 0
    for _ in range(args["repeat"]):
        start = time.perf_counter()
        rows = len(list(run(store, query, args["params"])))
        times.append(time.perf_counter() - start)
        if sum(times) > 10:  # a slow query is measured fewer times, not waited for
            break
    return {"median": statistics.median(times), "rows": rows, "peak_mib": _peak_mib()}


STEPS = {"extract": step_extract, "build": step_build, "bulk_load": step_bulk_load, "rdflib": step_rdflib,
         "query": step_query}


# -- the parent: run steps with limits, assemble the table ----------------------


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child(step: str, args: dict, timeout: float | None = None, memory_mib: float | None = None) -> dict:
    """Run one step in a fresh process; {"error": ...} when it fails or
    passes the time or memory limit (the process is then killed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, __file__, "--child", step, json.dumps(args)],
                                   stdout=out, stderr=err, env=env)
        start = time.monotonic()
        killed = ""
        while process.poll() is None:
            if timeout is not None and time.monotonic() - start > timeout:
                killed = f">{timeout:.0f} s"
            elif memory_mib is not None and _rss_mib(process.pid) > memory_mib:
                killed = f">{memory_mib / 1024:.0f} GB"
            if killed:
                process.kill()
                process.wait()
                return {"error": killed}
            time.sleep(0.05)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            return {"error": err.read().decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]}
        return json.loads(out.read().decode("utf-8").strip().splitlines()[-1])


def measure(n: int, mix: str, opts) -> dict:
    from kg.query import named_queries
    with tempfile.TemporaryDirectory(prefix=f"kg-bench-{n}-") as tmp:
        tmp = Path(tmp)
        paths, typical = generate(n, tmp / "docs", mix, opts.seed)
        result: dict = {"n": n, "mix": mix, "mb": sum(p.stat().st_size for p in paths) / 1e6, "typical": typical}
        limit = opts.memory_limit_gb * 1024
        print(f"[{n}] extracting", file=sys.stderr)
        result["extract"] = ({"error": "skipped"} if opts.skip_extract
                             else child("extract", {"docs": str(tmp / "docs")}, memory_mib=limit))
        print(f"[{n}] building", file=sys.stderr)
        result["build"] = child("build", {"docs": str(tmp / "docs"), "store": str(tmp / "store"),
                                          "changed": str(paths[len(paths) // 2]), "dump": str(tmp / "dump.nq"),
                                          "jobs": opts.jobs},
                                memory_mib=limit)
        if "error" in result["build"]:
            return result
        print(f"[{n}] references", file=sys.stderr)
        result["bulk_load"] = child("bulk_load", {"store": str(tmp / "bulk"), "dump": str(tmp / "dump.nq")},
                                    memory_mib=limit)
        if result["build"]["quads"] <= opts.rdflib_max_quads:
            result["rdflib"] = child("rdflib", {"dump": str(tmp / "dump.nq")}, memory_mib=limit)
        else:
            result["rdflib"] = {"error": f"skipped (> {opts.rdflib_max_quads:,} quads)"}
        result["queries"] = {}
        if opts.skip_queries:
            return result
        for name, query in named_queries().items():
            calls = [("", {})]
            param = TYPICAL_PARAM.get(name, query.params[0] if query.params else None)
            if param in query.params and param in typical:
                calls.append((f"{param}={typical[param]}", {param: typical[param]}))
            for label, params in calls:
                print(f"[{n}] query {name} {label}", file=sys.stderr)
                result["queries"][f"{name} {label}".strip()] = child(
                    "query", {"store": str(tmp / "store"), "query": name, "params": params, "repeat": opts.repeat},
                    timeout=opts.query_timeout, memory_mib=limit)
        return result


def _fmt(value, spec: str = ".2f", unit: str = "") -> str:
    return f"{value:{spec}}{unit}"


def rows_for(r: dict) -> dict[str, str]:
    """The table's cells for one N."""
    cells: dict[str, str] = {}
    ex, b = r["extract"], r["build"]
    cells["documents (MB)"] = f"{r['n']:,} ({r['mb']:.1f} MB)"
    if "error" in ex:
        cells["extraction MB/s"] = str(ex["error"])
    else:
        cells["extraction MB/s"] = _fmt(ex["bytes"] / 1e6 / ex["seconds"])
        cells["extraction docs/s"] = _fmt(ex["docs"] / ex["seconds"], ".1f")
        cells["extraction peak memory MiB"] = _fmt(ex["peak_mib"], ".0f")
    if "error" in b:
        cells["build (cold) s"] = str(b["error"])
        return cells
    cells["build (cold) s"] = _fmt(b["cold"], ".1f")
    cells["build MB/s"] = _fmt(r["mb"] / b["cold"])
    cells["quads in store"] = f"{b['quads']:,}"
    cells["build quads/s"] = f"{b['quads'] / b['cold']:,.0f}"
    cells["build peak memory MiB"] = _fmt(b["peak_mib"], ".0f")
    cells["rebuild, nothing changed s"] = _fmt(b["unchanged"])
    cells["rebuild, one document changed s"] = _fmt(b["incremental"])
    bulk, rdf = r.get("bulk_load", {}), r.get("rdflib", {})
    if "seconds" in bulk:
        cells["ref: pyoxigraph bulk_load s"] = _fmt(bulk["seconds"])
        cells["ref: bulk_load quads/s"] = f"{bulk['quads'] / bulk['seconds']:,.0f}"
        cells["kg build / bulk_load (quads/s ratio)"] = _fmt(bulk["seconds"] / b["cold"], ".3f")
    else:
        cells["ref: pyoxigraph bulk_load s"] = str(bulk.get("error"))
    if "seconds" in rdf:
        cells["ref: rdflib Dataset.parse s"] = _fmt(rdf["seconds"])
        cells["ref: rdflib peak memory MiB"] = _fmt(rdf["peak_mib"], ".0f")
        cells["kg build / rdflib parse (quads/s ratio)"] = _fmt(rdf["seconds"] / b["cold"], ".3f")
    else:
        cells["ref: rdflib Dataset.parse s"] = str(rdf.get("error"))
    for label, q in r.get("queries", {}).items():
        key = f"query {label.split(' ', 1)[0]}" + (" (typical parameter)" if " " in label else " (listing)")
        cells[key + " median ms"] = (f"{q['median'] * 1000:,.1f} ({q['rows']} rows)" if "median" in q
                                     else str(q["error"]))
    return cells


def table(results: list[dict]) -> str:
    columns = [rows_for(r) for r in results]
    keys = list(dict.fromkeys(k for c in columns for k in c))
    head = [f"N = {r['n']:,}" + (f" ({r['mix']})" if r["mix"] != "minutes" else "") for r in results]
    lines = ["| measurement | " + " | ".join(head) + " |", "|---|" + "---:|" * len(results)]
    lines += [f"| {k} | " + " | ".join(c.get(k, "") for c in columns) + " |" for k in keys]
    used = set(TYPICAL_PARAM.values())
    notes = [f"Typical parameters at N = {r['n']:,}: " + ", ".join(f"{k}={v}" for k, v in r["typical"].items()
                                                                  if k in used) for r in results]
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(STEPS[sys.argv[2]](json.loads(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", nargs="+", type=int, default=[100, 1000])
    parser.add_argument("--mix", choices=MIXES, default="minutes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="Runs per query; the median is reported.")
    parser.add_argument("--query-timeout", type=float, default=60.0, help="Seconds a query process may take.")
    parser.add_argument("--memory-limit-gb", type=float, default=6.0, help="A step using more is stopped.")
    parser.add_argument("--rdflib-max-quads", type=int, default=3_000_000, help="Skip rdflib above this.")
    parser.add_argument("--skip-queries", action="store_true", help="Measure extraction and builds only.")
    parser.add_argument("--skip-extract", action="store_true",
                        help="Skip the extraction-only step (one process over every document; long at large N).")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="Worker processes of the build.")
    parser.add_argument("--json", type=Path, help="Also write the raw measurements here.")
    opts = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    results = []
    for n in opts.n:
        results.append(measure(n, opts.mix, opts))
        if opts.json:
            opts.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()

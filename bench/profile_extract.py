#!/usr/bin/env python3
"""Time and profile extraction (read, segment, extract; nothing stored).

Usage: python bench/profile_extract.py DIR [DIR ...] [--repeat 3] [--profile N]
                                        [--facts OUT.json] [--prepare]

Prints MB/s and documents/s (best of --repeat runs), by the wall clock and by
the process's CPU time (per core: on a machine shared with other work the
wall clock counts their time too); --profile N prints the N
costliest functions by own time (cProfile); --facts writes every document's
facts as JSON keyed by file name, so two versions of the code can be compared
fact for fact (the invariant of speed work: facts do not change).
--prepare times the whole per-document path a build worker runs instead
(kg.pipeline.prepare: read, segment, extract, document and metadata quads,
facts JSON, N-Quads bytes), from bytes already in memory.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import KgError  # noqa: E402
from kg.facts_json import dumps  # noqa: E402
from kg.pipeline import Plan, collect_paths, extract_file, prepare  # noqa: E402


def readable(files: list[Path]) -> list[Path]:
    """The files kg reads (bad inputs among test data are left out)."""
    out = []
    for path in files:
        try:
            extract_file(path)
        except KgError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
        else:
            out.append(path)
    return out


def run(files: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to extract every file once."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        extract_file(path)
    return time.perf_counter() - start, time.process_time() - cpu


def plans(files: list[Path]) -> list[Plan]:
    """The files as a build hands them to its workers (bytes read, hashed)."""
    out = []
    for path in files:
        data = path.read_bytes()
        out.append(Plan(path, path.name, data, hashlib.sha256(data).hexdigest()))
    return out


def run_prepare(work: list[Plan]) -> tuple[float, float]:
    """(wall, CPU) seconds to prepare every document once, as a worker does."""
    built_at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    start, cpu = time.perf_counter(), time.process_time()
    for plan in work:
        prepared = prepare(plan, built_at, None)
        if prepared.result.status != "built":
            print(f"not built: {prepared.result.error}", file=sys.stderr)
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--facts", type=Path)
    parser.add_argument("--prepare", action="store_true", help="time kg.pipeline.prepare, not extraction alone")
    args = parser.parse_args()
    files = readable(collect_paths(args.dirs))
    size = sum(p.stat().st_size for p in files)
    if args.prepare:
        work = plans(files)
        runs = [run_prepare(work) for _ in range(args.repeat)]
    else:
        runs = [run(files) for _ in range(args.repeat)]
    best, cpu = min(wall for wall, _ in runs), min(cpu for _, cpu in runs)
    print(f"{len(files)} documents, {size / 1e6:.2f} MB: {best:.2f} s, "
          f"{size / 1e6 / best:.2f} MB/s, {len(files) / best:.1f} docs/s; "
          f"CPU {cpu:.2f} s, {size / 1e6 / cpu:.2f} MB/s, {len(files) / cpu:.1f} docs/s")
    if args.profile:
        profiler = cProfile.Profile()
        if args.prepare:
            profiler.runcall(run_prepare, work)
        else:
            profiler.runcall(run, files)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
    if args.facts:
        facts = {str(path): json.loads(dumps(extract_file(path))) for path in files}
        args.facts.write_text(json.dumps(facts, sort_keys=True, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()

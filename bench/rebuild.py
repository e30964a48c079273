#!/usr/bin/env python3
"""Time kg's rebuilds after small changes: a cold build of N generated
documents, then a rebuild after one document changed (a line appended), one
added and one removed (--prune), and a full link stage on the same store;
each with its wall time and the peak memory of the building process.

Usage: PYTHONPATH=$PWD python bench/rebuild.py N WORK_DIR [--jobs 2] [--mix minutes]
(WORK_DIR is emptied first.)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

FULL_LINK = ("import inspect, sys, time\nfrom kg.store import GraphStore\nfrom kg.pipeline import link_documents\n"
             "full = {'incremental': False} if 'incremental' in inspect.signature(link_documents).parameters else {}\n"
             "s = GraphStore(sys.argv[1]); t = time.perf_counter(); link_documents(s, **full)\n"
             "s.flush(); print(time.perf_counter() - t)")


def run(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak MiB, stdout) of one kg process."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    out = child.stdout.read().decode()
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"failed: {' '.join(args)}\n{child.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("work", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--mix", default="minutes")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    paths, _ = generate(args.n + 1, args.work / "gen", args.mix)
    docs, store = args.work / "docs", args.work / "store"
    docs.mkdir()
    for path in paths[:-1]:
        shutil.copy(path, docs / path.name)
    build = ["-m", "kg.cli", "build", str(docs), "--store", str(store), "--jobs", str(args.jobs)]
    rows = [("cold build", *run(build)[:2])]
    changed = sorted(docs.iterdir())[args.n // 2]
    with changed.open("a", encoding="utf-8") as out:
        out.write("Mødet blev hævet kl. 16.10.\n")
    rows.append(("one document changed", *run(build)[:2]))
    shutil.copy(paths[-1], docs / paths[-1].name)
    rows.append(("one document added", *run(build)[:2]))
    sorted(docs.iterdir())[args.n // 3].unlink()
    rows.append(("one document removed", *run([*build, "--prune"])[:2]))
    rows.append(("no change", *run(build)[:2]))
    wall, peak, out = run(["-c", FULL_LINK, str(store)])
    rows.append(("full link stage alone", float(out.strip().splitlines()[-1]), peak))
    print(f"N = {args.n} ({args.mix}, --jobs {args.jobs})")
    print(f"{'':24} {'seconds':>8} {'peak MiB':>9}")
    for what, seconds, mib in rows:
        print(f"{what:24} {seconds:8.1f} {mib:9.0f}")


if __name__ == "__main__":
    main()

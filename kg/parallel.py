"""Extraction over a pool of worker processes, for `kg build --jobs N`.

Documents are independent until the link stage, so each worker reads,
segments, extracts and maps one document (kg.pipeline.prepare) and sends
back its result, its facts as JSON and its quads as N-Quads bytes; the
build's own process stays the one writer and loads them in input order, so
the store is the same whatever the number of workers.

Workers come from a forkserver (never a fork of the writer, which holds the
open database), started with kg imported once. Each worker runs a document
in its main thread, so the per-document time limit (SIGALRM) works there as
in the build's process. A worker that dies (killed, out of memory) breaks
the pool: the documents it may have held are tried again one by one in a
pool of their own, so only the document that kills its worker fails.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import multiprocessing
import os
import signal
from collections import deque
from itertools import chain
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from kg.pipeline import DocumentResult, Plan, Prepared, display, prepare

# Documents in flight per worker: enough to keep every worker busy while the
# writer loads, few enough that memory stays bounded by the largest documents.
IN_FLIGHT_PER_JOB = 3


# A short document of our own, extracted once in the forkserver: the first
# extraction loads data and compiles patterns (about 0.5 s), which would
# otherwise count against each worker's first document's time limit.
_WARM_UP = "Referat af møde i KD-Net den 3. marts 2025\n\nDeltagere: Anna Holm, Per Lund\n\n1. Godkendelse af dagsorden\n"


def warm_up() -> None:
    """Import and prime everything a worker uses (run in the forkserver, so
    every worker forked from it starts primed)."""
    try:
        prepare(Plan(Path("warm-up.txt"), "warm-up.txt", _WARM_UP.encode("utf-8"), ""),
                dt.datetime.now(dt.timezone.utc), None)
    except Exception:  # noqa: BLE001 - priming is an optimisation; the documents report their own errors
        pass


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux): a
    build killed by SIGKILL would otherwise leave its forkserver and idle
    workers behind. Run in the forkserver (parent: the build) and in each
    worker (parent: the forkserver)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end with the pool as usual
        return
    if os.getppid() == 1:  # the parent died before the request
        os._exit(1)


def _pool(jobs: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kg._forkserver"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=die_with_parent)


def prepare_in_pool(plans: Iterable[DocumentResult | Plan], built_at: dt.datetime, seconds: float | None,
                    jobs: int, worker: Callable[..., Prepared] = prepare) -> Iterator[DocumentResult | Prepared]:
    """The plans' outcomes in input order, extracted by `jobs` processes.
    `worker` is a module-level function (it is pickled by name). With only
    one document to extract (a rebuild after one change) no pool is started
    (about 2 s): that document is extracted in this process, as with --jobs 1."""
    plans = iter(plans)
    head: list[DocumentResult | Plan] = []
    to_extract = 0
    for plan in plans:
        head.append(plan)
        to_extract += isinstance(plan, Plan)
        if to_extract > 1:
            break
    else:
        for plan in head:
            yield worker(plan, built_at, seconds) if isinstance(plan, Plan) else plan
        return
    pending: deque[tuple[DocumentResult | Plan, Future | None]] = deque()
    pool: ProcessPoolExecutor | None = None
    try:
        for plan in chain(head, plans):
            if isinstance(plan, Plan):
                if pool is None:
                    pool = _pool(jobs)
                pending.append((plan, pool.submit(worker, plan, built_at, seconds)))
            else:
                pending.append((plan, None))
            while len(pending) > jobs * IN_FLIGHT_PER_JOB:
                outcome, pool = _next(pending, pool, jobs, worker, built_at, seconds)
                yield outcome
        while pending:
            outcome, pool = _next(pending, pool, jobs, worker, built_at, seconds)
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _next(pending: deque, pool: ProcessPoolExecutor | None, jobs: int, worker: Callable[..., Prepared],
          built_at: dt.datetime, seconds: float | None) -> tuple[DocumentResult | Prepared, ProcessPoolExecutor | None]:
    """The oldest outcome, and the pool to go on with (a new one when a
    worker died: the documents still pending are submitted to it again)."""
    plan, future = pending.popleft()
    if future is None:
        return plan, pool
    try:
        return future.result(), pool
    except BrokenProcessPool:
        outcome = _alone(plan, worker, built_at, seconds)
        pool.shutdown(wait=True, cancel_futures=True)
        pool = _pool(jobs)
        for index, (other, other_future) in enumerate(pending):
            if other_future is not None:
                pending[index] = (other, pool.submit(worker, other, built_at, seconds))
        return outcome, pool
    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back: this document fails
        return DocumentResult(plan.path, "failed", named=plan.name,
                              error=f"{display(plan.path)}: could not be processed: {type(exc).__name__}: {exc}"), pool


def _alone(plan: Plan, worker: Callable[..., Prepared], built_at: dt.datetime,
           seconds: float | None) -> DocumentResult | Prepared:
    """Try one document again in a pool of its own: it either succeeds (it
    was another document that killed the worker) or is the one that fails."""
    pool = _pool(1)
    try:
        return pool.submit(worker, plan, built_at, seconds).result()
    except BrokenProcessPool:
        return DocumentResult(plan.path, "failed", named=plan.name, error=f"{display(plan.path)}: the process "
                              "extracting it died (killed, or out of memory); not built")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

"""`kg serve`: a SPARQL 1.1 endpoint over the store, run by Oxigraph's own
server (the `oxigraph` package on PyPI ships the binary).

The server never opens the live store: kg first takes a snapshot of it
(a RocksDB checkpoint, made of hard links, so it costs little), and the
server reads that snapshot read-only. Builds can go on meanwhile; restart the
server to serve what they added. When the server binary comes from another
Oxigraph release than pyoxigraph (their on-disk formats may differ), the
snapshot is made by dumping the store as N-Quads and loading that with the
server's own `oxigraph load` instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat

from kg.errors import KgError
from kg.store import GraphStore

DEFAULT_PORT = 7878
DEFAULT_BIND = "127.0.0.1"


class ServerError(KgError):
    """The SPARQL server cannot be found, prepared or started."""


@dataclass(frozen=True, slots=True)
class Endpoints:
    """The URLs an Oxigraph server answers on."""

    base: str

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def store(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint."""
        return f"{self.base}/store"

    @property
    def update(self) -> str:
        return f"{self.base}/update"


def server_binary() -> Path:
    """The `oxigraph` executable: $KG_OXIGRAPH, then beside this Python (a
    virtualenv that is not activated), then on PATH."""
    configured = os.environ.get("KG_OXIGRAPH")
    if configured:
        if not Path(configured).is_file():
            raise ServerError(f"KG_OXIGRAPH points to {configured}, which is not a file")
        return Path(configured)
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServerError("the Oxigraph server is not installed: `pip install 'oxigraph>=0.5,<0.6'` "
                      "(or set KG_OXIGRAPH to its binary)")


def binary_version(binary: Path) -> str:
    """The server's version ("0.5.13"), from `oxigraph --version`."""
    try:
        out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ServerError(f"cannot run {binary} --version: {exc}") from exc
    return out.stdout.split()[-1] if out.stdout.split() else ""


def same_store_format(server_version: str, library_version: str = pyoxigraph.__version__) -> bool:
    """True when the server can open pyoxigraph's store as it is: the same
    major.minor release (Oxigraph changes its storage format only between
    minor releases of its 0.x series)."""
    return server_version.split(".")[:2] == library_version.split(".")[:2] and bool(server_version)


def snapshot(store_path: Path, target: Path, binary: Path, via_dump: bool | None = None) -> str:
    """Copy the store at `store_path` into `target` (which must not exist) in
    a form the server opens. Returns how: "checkpoint" or "dump"."""
    if not store_path.is_dir():
        raise ServerError(f"no store at {store_path}; run `kg build PATHS --store {store_path}` first")
    if via_dump is None:
        via_dump = not same_store_format(binary_version(binary))
    # The store is opened as every reader opens it: read-only under the shared
    # lock, so the snapshot waits for a build that is writing it (RocksDB's
    # read-only mode is not safe beside a writer) and never sees half a build.
    try:
        source = GraphStore(store_path, read_only=True)
    except KgError as exc:
        raise ServerError(f"cannot open the store at {store_path} to serve it: {exc}") from exc
    try:
        if not via_dump:
            try:
                source.backup(target)
            except OSError as exc:
                raise ServerError(f"cannot snapshot the store into {target}: {exc}") from exc
            return "checkpoint"
        with tempfile.TemporaryDirectory(prefix="kg-dump-") as tmp:
            dump = Path(tmp) / "store.nq"
            with open(dump, "wb") as out:
                source.dump(out, RdfFormat.N_QUADS)
            _run([str(binary), "load", "--location", str(target), "--file", str(dump)],
                 "load the store into the server")
        return "dump"
    finally:
        source.close()


def _run(argv: list[str], what: str) -> None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True)
    except OSError as exc:
        raise ServerError(f"cannot {what}: {exc}") from exc
    if done.returncode != 0:
        raise ServerError(f"cannot {what}: {done.stderr.strip() or done.stdout.strip()}")


def serve_argv(binary: Path, location: Path | None, bind: str, port: int, union: bool = False) -> list[str]:
    """The server's command line: read-only over a snapshot at `location`, or
    an empty writable in-memory store (a target for `kg push`) when None.
    With `union`, queries see the union of all named graphs as their default
    graph. kg serves without it: its queries name the merged graph (FROM, or
    `default-graph-uri` from `kg query --endpoint`), and Oxigraph evaluates a
    union default graph tens of times slower even for queries with FROM."""
    place = ["serve"] if location is None else ["serve-read-only", "--location", str(location)]
    return [str(binary), *place, "--bind", f"{bind}:{port}", *(["--union-default-graph"] if union else [])]


def free_port(bind: str = DEFAULT_BIND) -> int:
    """A port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((bind, 0))
        return sock.getsockname()[1]


def url_host(bind: str) -> str:
    """The host to put in a URL for a bind address (a wildcard is reached on loopback)."""
    return "127.0.0.1" if bind in ("0.0.0.0", "") else f"[{bind}]" if ":" in bind else bind


class OxigraphServer:
    """A running Oxigraph server process; a context manager that stops it
    (and removes its snapshot) on exit.

    `store_path` None starts an empty, writable in-memory server; `union`
    False keeps its default graph apart from the named graphs, as most
    servers do."""

    def __init__(self, store_path: Path | None = None, port: int | None = None, bind: str = DEFAULT_BIND,
                 via_dump: bool | None = None, union: bool = False, startup_timeout: float = 30.0):
        self.store_path = store_path
        self.union = union
        self.bind = bind
        self.port = port or free_port(bind)
        self.via_dump = via_dump
        self.startup_timeout = startup_timeout
        self.endpoints = Endpoints(f"http://{url_host(bind)}:{self.port}")
        self.how = "memory"
        self.process: subprocess.Popen | None = None
        self._log = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    def start(self) -> "OxigraphServer":
        binary = server_binary()
        location = None
        if self.store_path is not None:
            self._tmp = tempfile.TemporaryDirectory(prefix="kg-serve-")
            location = Path(self._tmp.name) / "snapshot"
            self.how = snapshot(self.store_path, location, binary, self.via_dump)
        argv = serve_argv(binary, location, self.bind, self.port, self.union)
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                message = self._log.read().decode("utf-8", "replace").strip()
                self.stop()
                raise ServerError(f"the Oxigraph server stopped at start: {message or 'no message'}")
            try:
                with urllib.request.urlopen(self.endpoints.base + "/", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        raise ServerError(f"the Oxigraph server did not answer on {self.endpoints.base} "
                          f"within {self.startup_timeout:.0f} s")

    def wait(self) -> int:
        """Block until the server exits (Ctrl-C stops it)."""
        return self.process.wait() if self.process else 0

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

"""Shared fixtures. The real corpus is read from ../shared/corpus beside the
repository (never copied into it); fixture documents in tests/data are our
own text in the same layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract
from kg.model import Extraction
from kg.read import read_document
from kg.segment import segment
from kg.store import GraphStore
from kg.pipeline import build

TESTS = Path(__file__).parent
DATA = TESTS / "data"
EXPECTED = TESTS / "expected"
CORPUS = TESTS.parent.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def build_ok(paths, store: GraphStore):
    """Build and fail, naming the documents, if any document failed: a test
    that builds must not go on with a store missing some of them."""
    report = build(paths, store)
    assert not report.failed, [f"{r.path}: {r.error}" for r in report.failed]
    return report


def build_cli_ok(paths, store: Path) -> None:
    """`kg build PATHS --store STORE`, failing on a non-zero exit code."""
    from click.testing import CliRunner

    from kg.cli import cli
    result = CliRunner().invoke(cli, ["build", *map(str, paths), "--store", str(store)])
    assert result.exit_code == 0, f"kg build exited {result.exit_code}: {result.output}"


def extract_path(path: Path) -> Extraction:
    return extract(segment(read_document(path)))


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    if not CORPUS_FILES:
        pytest.fail(f"the corpus is missing: expected the five documents in {CORPUS}")
    return CORPUS_FILES


@pytest.fixture(scope="session")
def corpus_store(corpus_files) -> GraphStore:
    store = GraphStore(None)
    report = build(corpus_files, store)
    assert not report.failed, [r.error for r in report.failed]
    return store


@pytest.fixture(scope="session")
def fixture_store() -> GraphStore:
    """An in-memory store built from the hand-written layout fixtures."""
    store = GraphStore(None)
    files = [p for p in sorted(DATA.rglob("*.txt")) if "broken_inputs" not in p.parts]
    report = build(files, store)
    assert not report.failed, [r.error for r in report.failed]
    return store

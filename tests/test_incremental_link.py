"""The incremental link stage gives what a full link gives: after a document
is changed, added or removed, the derived graphs (people, links, reference,
merged) and the link stage's warnings are byte for byte those of a store
built from scratch from the same files, and the incremental path is the one
that ran (not a fallback to the full link)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest

import kg.pipeline as pipeline
from kg.pipeline import build
from kg.rdf import LINKS_GRAPH, MERGED_GRAPH, PEOPLE_GRAPH, REFERENCE_GRAPH
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT.parent / "shared" / "corpus-web"


def _generate(n: int, out: Path, mix: str) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_corpus", module)
    spec.loader.exec_module(module)
    paths, _ = module.generate(n, out, mix=mix, seed=7)
    return paths


def derived(store: GraphStore) -> dict[str, list[str]]:
    """The derived graphs as sorted N-Quads lines, and the link warnings."""
    found = {g.value: [str(q) for q in store.quads(g.value)]
             for g in (PEOPLE_GRAPH, LINKS_GRAPH, REFERENCE_GRAPH, MERGED_GRAPH)}
    found["warnings"] = [f"{doc}:{line}: {message}" for doc, line, message in store.linked()["warnings"]]
    return found


def from_scratch(folder: Path) -> dict[str, list[str]]:
    store = GraphStore(None)
    report = build([folder], store)
    assert not report.failed, [r.error for r in report.failed]
    return derived(store)


@pytest.fixture()
def counted(monkeypatch):
    """Every link stage runs incrementally when it can (however far the
    change reaches); counts the full links."""
    monkeypatch.setattr(pipeline, "INCREMENTAL_SHARE", 1.0)
    calls = {"full": 0, "changes": 0}
    full, changes = pipeline._link_all, pipeline._link_changes

    def link_all(*args):
        calls["full"] += 1
        return full(*args)

    def link_changes(*args):
        result = changes(*args)
        calls["changes"] += result is not None
        return result
    monkeypatch.setattr(pipeline, "_link_all", link_all)
    monkeypatch.setattr(pipeline, "_link_changes", link_changes)
    return calls


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def _mutations(folder: Path, spare: Path):
    """(what, change) pairs, applied in turn to the same folder."""
    files = sorted(folder.glob("*.txt"))
    yield "a line appended", lambda: _append(files[3], "Mødet blev hævet kl. 16.10.")
    yield "a document added", lambda: shutil.copy(spare, folder / spare.name)
    yield "a document removed", lambda: files[5].unlink()
    yield "a date changed", lambda: files[7].write_text(
        files[7].read_text(encoding="utf-8").replace("20", "19", 1), encoding="utf-8")
    # Only a name's facts change (the meetings and every line stay): only its people are linked again.
    presented = next(f for f in files[8:] if " v. " in f.read_text(encoding="utf-8"))
    yield "a presenter renamed", lambda: presented.write_text(re.sub(
        r" v\. [^\n]+", " v. Bodil Kragh", presented.read_text(encoding="utf-8"), count=1), encoding="utf-8")


@pytest.mark.parametrize("mix", ["minutes", "agenda+minutes", "quoting"])
def test_each_change_gives_the_graphs_of_a_build_from_scratch(tmp_path, counted, mix):
    generated = _generate(25, tmp_path / "gen", mix)
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in generated[:-1]:
        shutil.copy(path, folder / path.name)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    for what, change in _mutations(folder, generated[-1]):
        change()
        report = build([folder], store, prune=True)
        assert not report.failed, [r.error for r in report.failed]
        got, want = derived(store), from_scratch(folder)
        for key in want:
            missing = sorted(set(want[key]) - set(got[key]))[:3]
            extra = sorted(set(got[key]) - set(want[key]))[:3]
            assert got[key] == want[key], f"after {what} ({mix}), {key} differs from a full build: " \
                                          f"missing {missing}, extra {extra}"
    assert counted["changes"] >= 4, f"the incremental link ran {counted['changes']} times of 5: it fell back"


def test_real_layouts_changed_one_at_a_time(tmp_path, counted):
    folder = tmp_path / "web"
    folder.mkdir()
    for path in sorted(WEB.glob("web*.txt")):
        shutil.copy(path, folder / path.name)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    for path in sorted(folder.glob("*.txt"))[::6]:
        _append(path, "Referent: Ole Brandt Kjærsgaard")
        assert not build([folder], store).failed
        assert derived(store) == from_scratch(folder), f"after a line appended to {path.name}, the derived " \
                                                       "graphs differ from a full build"
    assert counted["changes"] >= 1, "the incremental link never ran"


def test_an_untrusted_index_gives_a_full_link(tmp_path, counted):
    generated = _generate(6, tmp_path / "docs", "minutes")
    store = GraphStore(tmp_path / "s")
    build([tmp_path / "docs"], store)
    mark = tmp_path / "s" / "kg-linked.json"
    mark.write_text(mark.read_text(encoding="utf-8").replace('"index": "rows"', '"index": "a pickle"'),
                    encoding="utf-8")
    _append(generated[0], "Mødet blev hævet kl. 16.10.")
    counted["full"] = 0
    build([tmp_path / "docs"], store)
    assert counted["full"] == 1, "an index the link mark does not name was trusted"
    assert derived(store) == from_scratch(tmp_path / "docs")

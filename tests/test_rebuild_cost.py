"""A rebuild costs what changed: a file whose stat is the one it was hashed
with is not read again (kg/filehashes.py), whatever changes its content is
found, and the list of stored documents comes from the link record while
the link mark names it (kg/store.py, documents)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import kg.filehashes as filehashes
import kg.pipeline as pipeline
from conftest import DATA
from kg.pipeline import build
from kg.store import UNFINISHED, GraphStore

SOURCES = [DATA / "minutes_inline_headings" / "kdnet_minutes.txt", DATA / "chapter_numbered" / "kkr_agenda.txt"]
LONG_AGO = time.time() - 3600


def _folder(tmp_path: Path) -> Path:
    """The fixtures copied, last written an hour ago (older than the clock margin)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for source in SOURCES:
        shutil.copy(source, folder / source.name)
        os.utime(folder / source.name, (LONG_AGO, LONG_AGO))
    return folder


@pytest.fixture(autouse=True)
def no_margin(monkeypatch):
    """The fixtures' change time is now (copied, then dated back): no clock
    margin, or no file would be trusted until two seconds have passed."""
    monkeypatch.setattr(filehashes, "CLOCK_MARGIN_NS", 0)


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    """The names of the files the build reads."""
    found: list[str] = []
    real = pipeline._read

    def read(path: Path) -> bytes:
        found.append(path.name)
        return real(path)
    monkeypatch.setattr(pipeline, "_read", read)
    return found


def test_an_unchanged_file_is_not_read_again(tmp_path, reads):
    folder = _folder(tmp_path)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    reads.clear()
    report = build([folder], store)
    assert [r.status for r in report.results] == ["unchanged", "unchanged"]
    assert reads == [], f"files with the stat they were hashed with were read again: {reads}"


def test_a_new_time_on_the_same_content_is_read_and_found_unchanged(tmp_path, reads):
    folder = _folder(tmp_path)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    touched = folder / SOURCES[0].name
    os.utime(touched, (LONG_AGO + 60, LONG_AGO + 60))
    reads.clear()
    report = build([folder], store)
    assert reads == [touched.name], "a file with a new modification time was not hashed again"
    assert report.count("unchanged") == 2, "the same content with a new time was taken for a change"


def test_a_change_that_keeps_size_and_modification_time_is_found(tmp_path):
    folder = _folder(tmp_path)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    target = folder / SOURCES[0].name
    text = target.read_text(encoding="utf-8")
    changed = text.replace("Eventuelt", "Eventualt", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    before = target.stat()
    target.write_text(changed, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and mtime as before; ctime moves
    report = build([folder], store)
    assert report.count("built") == 1, "a change keeping size and mtime was missed (the change time was not read)"


def test_rehash_reads_every_file(tmp_path, reads):
    folder = _folder(tmp_path)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    reads.clear()
    report = build([folder], store, rehash=True)
    assert sorted(reads) == sorted(s.name for s in SOURCES), "--rehash did not read every file"
    assert report.count("unchanged") == 2


def test_a_file_changed_within_the_clock_margin_is_hashed_again(tmp_path, reads, monkeypatch):
    # The fixtures were copied a moment ago (their change time is now): with a
    # minute's margin, a write in the same clock tick as the hash could have
    # kept every stat field, so neither is trusted by its stat.
    monkeypatch.setattr(filehashes, "CLOCK_MARGIN_NS", 60 * 10**9)
    folder = _folder(tmp_path)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    reads.clear()
    build([folder], store)
    assert sorted(reads) == sorted(s.name for s in SOURCES), "a file hashed within the clock margin of its last " \
                                                             "change was trusted by its stat"


def test_the_document_list_comes_from_the_link_record_while_trusted(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    store = GraphStore(tmp_path / "s")
    assert not build([folder], store).failed
    listed = store.documents()
    monkeypatch.setattr(GraphStore, "select", lambda self, sparql: pytest.fail("documents() queried the graphs"))
    assert store.documents() == listed
    monkeypatch.undo()
    assert listed == _from_graphs(store), "the recorded list differs from the metadata graphs"


def test_the_document_list_is_not_trusted_after_a_write_or_a_stopped_build(tmp_path):
    folder = _folder(tmp_path)
    path = tmp_path / "s"
    store = GraphStore(path)
    assert not build([folder], store).failed
    store.remove_document(SOURCES[0].name, store.documents()[0].sha256)
    assert [d.name for d in store.documents()] == [SOURCES[1].name], "a removed document is still listed"
    store.close()
    (path / UNFINISHED).write_text("1\n", encoding="ascii")  # a build stopped after writing documents
    again = GraphStore(path)
    assert again._listed_documents() is None, "the list was trusted after a build stopped before its end"


def _from_graphs(store: GraphStore):
    store._listed = False
    try:
        return store.documents()
    finally:
        store._listed = True


def test_the_recorded_list_is_the_metadata_graphs_after_a_change(tmp_path):
    web = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-web"
    folder = tmp_path / "web"
    folder.mkdir()
    for path in sorted(web.glob("web*.txt"))[:8]:
        shutil.copy(path, folder / path.name)
    store = GraphStore(tmp_path / "s")
    build([folder], store)
    changed = sorted(folder.iterdir())[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "Referent: Ane Kjær Holm\n", encoding="utf-8")
    (folder / sorted(folder.iterdir())[5].name).unlink()
    build([folder], store, prune=True)
    listed = store._listed_documents()
    assert listed is not None, "the link stage recorded no list"
    assert listed == _from_graphs(store), "the recorded list (names, hashes, times, counts) differs from the graphs"


def test_a_store_linked_with_another_merged_graph_format_is_linked_again_in_full(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    store = GraphStore(tmp_path / "store")
    build([folder], store)
    full_links: list[int] = []
    real = pipeline._link_all

    def link_all(store, documents):
        full_links.append(len(documents))
        return real(store, documents)
    monkeypatch.setattr(pipeline, "_link_all", link_all)
    build([folder], store)
    assert full_links == [], "nothing changed: the link stage is skipped"
    monkeypatch.setattr(pipeline, "MERGED_FORMAT", "another")
    build([folder], store)
    assert full_links == [len(SOURCES)], "a merged graph written in another format is linked again, in full"

"""Documents that overlap: the same meeting in several documents gives one
row per fact, listing every source, and disagreements keep both readings."""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.query import named_queries, render, run
from kg.store import GraphStore

OVERLAP = Path(__file__).parent / "overlap"
QUOTING_AGENDA = Path(__file__).parent / "data" / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt"
# provenance lists sources themselves, one row each: more documents, more rows.
QUERIES = sorted(name for name in named_queries() if name != "provenance")


def rows(store: GraphStore, name: str, **params) -> list[dict[str, str]]:
    text = render(run(store, named_queries()[name], params), "csv")
    return list(csv.DictReader(io.StringIO(text)))


def without_source(found: list[dict[str, str]]) -> Counter:
    return Counter(tuple(sorted((k, v) for k, v in row.items() if k != "source")) for row in found)


def built(tmp_path: Path, files: list[Path]) -> GraphStore:
    store = GraphStore(None)
    report = build(files, store)
    assert not report.failed, [r.error for r in report.failed]
    return store


@pytest.fixture(scope="module")
def doubled_corpus(corpus_files, tmp_path_factory) -> GraphStore:
    """The corpus and a copy of every document under a new name. Each copy
    ends in one more blank line: the same text, but not the same bytes (a
    byte-identical copy is built once and named, see test_bad_inputs)."""
    folder = tmp_path_factory.mktemp("doubled")
    for path in corpus_files:
        shutil.copy(path, folder / path.name)
        (folder / f"copy-{path.name}").write_bytes(path.read_bytes() + b"\n")
    return built(folder, sorted(folder.iterdir()))


@pytest.mark.parametrize("name", QUERIES)
def test_copies_give_the_same_rows_once(name, corpus_store, doubled_corpus):
    alone, doubled = rows(corpus_store, name), rows(doubled_corpus, name)
    assert without_source(doubled) == without_source(alone), f"{name}: rows differ or repeat with the copies"


@pytest.mark.parametrize("name", [q for q in QUERIES if "source" in named_queries()[q].text.split("# Columns:")[1]])
def test_each_row_lists_the_copy_among_its_sources(name, corpus_store, doubled_corpus):
    def key(row):
        return tuple(sorted((k, v) for k, v in row.items() if k != "source"))

    expected: dict[tuple, set[frozenset]] = {}
    for row in rows(corpus_store, name):
        cited = row["source"].split("; ")
        expected.setdefault(key(row), set()).add(frozenset(cited + [f"copy-{c}" for c in cited]))
    for row in rows(doubled_corpus, name):
        cited = row["source"].split("; ")
        assert frozenset(cited) in expected[key(row)], f"{name}: {row['source']} lacks a source"
        assert not cited[0].startswith("copy-"), f"{name}: the first source is the first document by name"


def test_an_agenda_and_its_minutes_give_the_minutes_rows_with_both_sources(tmp_path):
    minutes = OVERLAP / "kdnet_minutes_march.txt"
    alone = built(tmp_path, [minutes])
    both = built(tmp_path, [minutes, OVERLAP / "kdnet_agenda_march.txt"])
    # people is left out: the agenda names another presenter, a person seen even if not kept.
    for name in (q for q in QUERIES if q != "people"):
        assert without_source(rows(both, name)) == without_source(rows(alone, name)), f"{name} differs"
    sources = [row["source"] for row in rows(both, "agenda")]
    assert all(s.startswith("kdnet_minutes_march.txt:") and "; kdnet_agenda_march.txt:" in s for s in sources), \
        "the minutes come first, the agenda is listed too"


def test_a_disagreeing_agenda_is_kept_as_another_reading_with_a_warning(tmp_path):
    store = GraphStore(None)
    report = build([OVERLAP / "kdnet_minutes_march.txt", OVERLAP / "kdnet_agenda_march.txt"], store)
    titles = {row["item"]: row["title"] for row in rows(store, "agenda")}
    assert titles["3"] == "Digital post i kommunerne", "the minutes' title wins"
    readings = store.select("""
        SELECT ?title ?source WHERE { ?i kg:number "3" ; kg:otherReading ?r . ?r dcterms:title ?title ; kg:sources ?source }""")
    assert readings == [{"title": "Digital post til borgerne", "source": "kdnet_agenda_march.txt:16"}]
    warned = [str(w) for w in report.warnings if "reads differently" in w.message]
    assert any(w.startswith("kdnet_agenda_march.txt:16:") and "kdnet_minutes_march.txt:25" in w for w in warned), warned
    assert any(w.startswith("kdnet_agenda_march.txt:14:") and "Rikke Holm" in w for w in warned), \
        "a different presenter is a disagreement too"


def test_minutes_quoted_in_another_document_give_the_same_rows(tmp_path):
    own = OVERLAP / "kdnet_minutes_june.txt"
    alone = built(tmp_path, [own])
    both = built(tmp_path, [own, QUOTING_AGENDA])
    for name in ("agenda", "attendance", "decisions"):
        found = rows(both, name, **({"date": "2025-06-06"} if name == "agenda" else {}))
        found = [r for r in found if r.get("meeting_date") == "2025-06-06"]
        assert without_source(found) == without_source(rows(alone, name)), f"{name} differs"
        assert all(r["source"].startswith("kdnet_minutes_june.txt:") and "kdnet_agenda.txt:" in r["source"]
                   for r in found), f"{name}: the meeting's own minutes first, the quoting document too"


def test_a_user_query_sees_the_merged_graph_and_reaches_documents_with_graph(doubled_corpus):
    merged = doubled_corpus.select("SELECT (COUNT(*) AS ?n) WHERE { ?i a kg:AgendaItem }")
    per_document = doubled_corpus.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a kg:Document . ?i a kg:AgendaItem } }")
    assert 2 * int(merged[0]["n"]) == int(per_document[0]["n"])

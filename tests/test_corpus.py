"""Golden expectations for the five corpus documents (tests/expected/*.json).

Expectation files hold facts, not the documents' sentences: item titles are
kept as a SHA-1 prefix and word count. Regenerate deliberately with
    KG_UPDATE_EXPECTED=1 pytest tests/test_corpus.py
and review the diff against the documents before committing.
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from conftest import CORPUS, EXPECTED, build_ok, extract_path
from kg.model import Extraction
from kg.pipeline import build
from kg.store import GraphStore


def title_key(title: str) -> str:
    return hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]


def summarise(extraction: Extraction) -> dict:
    meetings = []
    for meeting in extraction.meetings:
        items = [it for it in extraction.items if it.ref.meeting == meeting.ref]
        meetings.append({
            "body": meeting.ref.body,
            "date": meeting.ref.date.isoformat() if meeting.ref.date else None,
            "kind": meeting.kind.value,
            "embedded_in_item": meeting.embedded_in.number if meeting.embedded_in else None,
            "items": [{
                "number": it.ref.number,
                "line": it.span.start,
                "title_sha1": title_key(it.title),
                "title_words": len(it.title.split()),
                "presenters": list(it.presenters),
                "outcome": it.outcome.value,
            } for it in items],
        })
    return {"document": extraction.document.name, "kind": extraction.document.kind.value,
            "meetings": meetings, "warnings": [f"{w.line}: {w.message}" for w in extraction.warnings]}


def expected_for(path) -> dict:
    if not path.exists():  # never a skip: a CI without the corpus must fail
        pytest.fail(f"the corpus document {path.name} is missing: expected it in {CORPUS}")
    target = EXPECTED / (path.stem + ".json")
    actual = summarise(extract_path(path))
    if os.environ.get("KG_UPDATE_EXPECTED"):
        target.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return json.loads(target.read_text(encoding="utf-8")), actual


# One test per expectation file (not per corpus file found), so that a
# missing corpus fails these tests instead of leaving them unparametrized.
DOCS = [pytest.param(CORPUS / (p.stem + ".txt"), id=p.name[:3]) for p in sorted(EXPECTED.glob("*.json"))]


@pytest.mark.parametrize("path", DOCS)
def test_meetings_have_body_date_and_kind(path):
    expected, actual = expected_for(path)
    strip = lambda s: [{k: m[k] for k in ("body", "date", "kind", "embedded_in_item")} for m in s["meetings"]]
    assert strip(actual) == strip(expected)


@pytest.mark.parametrize("path", DOCS)
def test_every_item_once_numbered_as_in_the_document(path):
    expected, actual = expected_for(path)
    numbers = lambda s: [[(i["number"], i["line"]) for i in m["items"]] for m in s["meetings"]]
    assert numbers(actual) == numbers(expected)
    for meeting in actual["meetings"]:
        listed = [i["number"] for i in meeting["items"]]
        assert len(listed) == len(set(listed)), f"an item is counted twice in {meeting['date']}"


@pytest.mark.parametrize("path", DOCS)
def test_item_titles(path):
    expected, actual = expected_for(path)
    titles = lambda s: [[(i["number"], i["title_sha1"], i["title_words"]) for i in m["items"]] for m in s["meetings"]]
    assert titles(actual) == titles(expected)


@pytest.mark.parametrize("path", DOCS)
def test_item_presenters(path):
    expected, actual = expected_for(path)
    presenters = lambda s: [[(i["number"], i["presenters"]) for i in m["items"]] for m in s["meetings"]]
    assert presenters(actual) == presenters(expected)


@pytest.mark.parametrize("path", DOCS)
def test_item_outcomes(path):
    expected, actual = expected_for(path)
    outcomes = lambda s: [[(i["number"], i["outcome"]) for i in m["items"]] for m in s["meetings"]]
    assert outcomes(actual) == outcomes(expected)


@pytest.mark.parametrize("path", DOCS)
def test_warnings(path):
    expected, actual = expected_for(path)
    assert actual["warnings"] == expected["warnings"]


def test_corpus_has_six_meetings_and_86_items(corpus_files):
    extractions = [extract_path(p) for p in corpus_files]
    assert sum(len(e.meetings) for e in extractions) == 6
    assert sum(len(e.items) for e in extractions) == 86


def test_a_second_build_changes_nothing(corpus_files, corpus_store):
    """Same triples, same IRIs: a fresh build equals the first, quad for quad
    (build metadata, which records the build time, aside)."""
    again = GraphStore(None)
    build_ok(corpus_files, again)
    content = lambda store: [q for q in store.quads() if not q.graph_name.value.endswith("/meta")]
    assert content(again) == content(corpus_store)


def test_rebuilding_into_the_same_store_skips_every_document(corpus_files, tmp_path):
    store = GraphStore(tmp_path / "store")
    build_ok(corpus_files, store)
    before = store.quads()
    report = build(corpus_files, store)
    assert report.count("unchanged") == len(corpus_files)
    assert store.quads() == before

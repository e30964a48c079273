"""The link stage's cheaper Python (session 21): the cyclic garbage
collector paused while it runs and on again after it, facts read with a
decoder made once per dataclass (the same facts, whatever fields the data
holds), and sorted_lines' duplicates found in C (each line once)."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

import kg.pipeline as pipeline
from kg.facts_json import fact_from_json, fact_json
from kg.model import Attendance, AttendanceStatus, MeetingRef, Span
from kg.store import GraphStore, sorted_lines


def _attendance() -> Attendance:
    return Attendance(name="Åse Ørum", meeting=MeetingRef("udvalget-for-veje", dt.date(2025, 3, 4)),
                      status=AttendanceStatus.SUBSTITUTE, span=Span("referat-veje.txt", 7, 9),
                      substitute_for="Bent Ærø")


def test_link_stage_runs_without_the_cyclic_collector_and_restores_it(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(pipeline, "_link_all", lambda store, documents: seen.append(gc.isenabled()))
    assert gc.isenabled()
    pipeline.link_documents(GraphStore(tmp_path / "store"), incremental=False)
    assert seen == [False], "the collector ran during the link stage"
    assert gc.isenabled(), "the collector was left off after the link stage"


def test_link_stage_restores_the_collector_when_it_fails(tmp_path, monkeypatch):
    def fail(store, documents):
        raise RuntimeError("afbrudt")
    monkeypatch.setattr(pipeline, "_link_all", fail)
    with pytest.raises(RuntimeError):
        pipeline.link_documents(GraphStore(tmp_path / "store"), incremental=False)
    assert gc.isenabled(), "a failed link stage left the collector off"


def test_link_stage_leaves_a_disabled_collector_disabled(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_link_all", lambda store, documents: None)
    gc.disable()
    try:
        pipeline.link_documents(GraphStore(tmp_path / "store"), incremental=False)
        assert not gc.isenabled(), "the link stage turned on a collector its caller had turned off"
    finally:
        gc.enable()


def test_fact_read_back_with_every_field():
    fact = _attendance()
    assert fact_from_json(Attendance, fact_json(fact)) == fact


def test_fact_lacking_a_field_takes_its_default():
    data = fact_json(_attendance())
    del data["substitute_for"]
    assert fact_from_json(Attendance, data).substitute_for == "", "a missing field did not take its default"


def test_fact_with_another_field_in_place_of_one_takes_the_default():
    """As many keys as fields, one unknown and one missing: read the general way."""
    data = fact_json(_attendance())
    del data["substitute_for"]
    data["ukendt"] = "x"
    fact = fact_from_json(Attendance, data)
    assert (fact.name, fact.substitute_for) == ("Åse Ørum", ""), "an unknown key changed the fact read"


def test_sorted_lines_keeps_each_line_once():
    lines = [b"<b> <p> \"2\"", b"<a> <p> \"1\"", b"<b> <p> \"2\"", b"<a> <p> \"1\"", b"<c> <p> \"3\""]
    assert sorted_lines(lines) == [b"<a> <p> \"1\"", b"<b> <p> \"2\"", b"<c> <p> \"3\""]


def test_sorted_lines_without_duplicates_is_their_order():
    lines = [b"<c> <p> <o>", b"<a> <p> <o>", b"<b> <p> <o>"]
    assert sorted_lines(lines) == sorted(lines)

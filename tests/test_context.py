"""The meeting context: each item's outcome read once and shared by the
extractors; the reference data reached through it."""

from __future__ import annotations

from collections import Counter

import kg.extract.outcome as outcome
import kg.extract.referrals as referrals
from conftest import DATA, extract_path
from kg.extract import extract
from kg.extract.outcome import outcome_of
from kg.read import read_bytes, read_document
from kg.segment import segment

MINUTES = DATA / "minutes_inline_headings" / "kdnet_minutes.txt"


def test_each_item_outcome_is_read_once_per_extraction(monkeypatch):
    """Every reading of an outcome, wherever called from, goes through
    classify_outcome: it runs once per item of the document."""
    calls: Counter = Counter()
    classify = outcome.classify_outcome

    def counting(decision, recommendation="", title=""):
        calls[(decision, recommendation, title)] += 1
        return classify(decision, recommendation, title)

    monkeypatch.setattr(outcome, "classify_outcome", counting)
    doc = segment(read_document(MINUTES))
    items = sum(len(meeting.items) for meeting in doc.meetings)
    assert items > 1, "the fixture has items"
    extract(doc)
    assert sum(calls.values()) == items, f"{sum(calls.values())} outcome readings for {items} items"


def test_items_carry_the_outcome_the_context_read():
    extraction = extract_path(MINUTES)
    doc = segment(read_document(MINUTES))
    read = {item.number: outcome_of(item) for meeting in doc.meetings for item in meeting.items}
    assert {item.ref.number: item.outcome for item in extraction.items} == read


def test_each_item_flows_are_read_once_per_extraction(monkeypatch):
    """Referrals and agreements share one reading of an item's flows."""
    calls: Counter = Counter()
    read = referrals.read_item_flows

    def counting(item, ctx):
        calls[(item.number, item.heading_start)] += 1
        return read(item, ctx)

    monkeypatch.setattr(referrals, "read_item_flows", counting)
    text = ("Referat af møde i KD-Net, den 3. maj 2024\n\nTid og sted: Fredag den 3. maj 2024, kl. 10.00-12.00\n\n"
            "1. Rammeaftale 2025-2026 v. Anna Holm\n\n"
            "Referat: Godkendt. Rammeaftalen forelægges KKR Midtjylland den 10. juni 2024.\n")
    extraction = extract(segment(read_bytes(text.encode("utf-8"), "kdnet.txt")))
    assert extraction.agreements and extraction.referrals, "the text has an agreement sent on"
    twice = {key: n for key, n in calls.items() if n > 1}
    assert not twice, f"flows read more than once for items (number, line): {twice}"

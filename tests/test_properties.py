"""Property tests: the segmenter never crashes; IRI minting is stable and
keeps different keys apart."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from kg.errors import InputError
from kg.extract import extract
from kg.facts import FACT_TYPES, facts_of
from kg.model import ItemRef, MeetingRef
from kg.rdf import item_iri, meeting_iri
from kg.rdf.iris import ID_BASE
from kg.read import read_bytes
from kg.segment import segment

# Text built from the pieces that drive segmentation, shuffled with noise.
PIECES = st.sampled_from([
    "Punkt 1: Godkendelse", "Punkt 2: Sag v. Anna Holm", "1. Titel v.", "2. Anden", "3.1. Under",
    "Referat fra møde i KD-Net, den 4. november 2022", "Tid og sted: kl. 10.00", "Afbud: Bo Dahl",
    "Deltagere:", "Beslutning", "Indstilling", "Referat: Godkendt", "Det indstilles, at", "Punkt\tIndhold\tBilag",
    "1\tGodkendelse\t", "Side 1 af 2", "13. januar", "- 1. liste", "", "v. Carl Berg", "DAGSORDEN 2021",
    "Dato: 01-02-2021 10:00",
])
DOCUMENT = st.lists(st.one_of(PIECES, st.text(max_size=40)), min_size=1, max_size=60).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(DOCUMENT)
def test_segmenting_and_extracting_never_crash(text):
    try:
        source = read_bytes(text.encode("utf-8"), "fuzz.txt")
    except InputError:
        return  # refused cleanly, with the file named: tested below
    doc = segment(source)
    extraction = extract(doc)
    lines = source.line_count
    for fact_type in FACT_TYPES:
        for fact in facts_of(extraction, fact_type):
            span = getattr(fact, "span", None)
            if span is not None:  # every cited span lies inside the document
                assert span.doc == "fuzz.txt" and span.end <= lines, (fact_type.label, span, lines)
    for doubt in extraction.warnings:
        assert doubt.doc == "fuzz.txt" and 0 <= doubt.line <= lines, doubt


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_are_read_or_refused_cleanly(data):
    try:
        read_bytes(data, "fuzz.bin")
    except InputError as exc:
        assert "fuzz.bin" in str(exc)


BODIES = st.sampled_from(["kd-net", "kkr-midtjylland", "dassos", "kkr-nordjylland"])
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1))
NUMBERS = st.from_regex(r"[1-9][0-9]?(\.[1-9][0-9]?)?", fullmatch=True)


@given(BODIES, DATES, NUMBERS)
def test_iris_are_paths_of_body_date_and_number(body, date, number):
    """An item's IRI is read off its keys (so every document naming the item
    names the same node): body, ISO date, number with dashes for dots."""
    ref = ItemRef(MeetingRef(body, date), number)
    assert item_iri(ref).value == f"{ID_BASE}meeting/{body}/{date.isoformat()}/item/{number.replace('.', '-')}"


@given(BODIES, DATES, NUMBERS, BODIES, DATES, NUMBERS)
def test_iris_keep_different_items_apart(b1, d1, n1, b2, d2, n2):
    a, b = ItemRef(MeetingRef(b1, d1), n1), ItemRef(MeetingRef(b2, d2), n2)
    assert (item_iri(a) == item_iri(b)) == (a == b)
    assert (meeting_iri(a.meeting) == meeting_iri(b.meeting)) == (a.meeting == b.meeting)

"""Property tests over mutated real documents (the corpus and the web
excerpts, read from ../shared): lines shuffled, dropped, duplicated, joined
into one, line breaks removed, the encoding changed, random bytes inserted.
A build never raises and never hangs: each document is built or reported
failed with its name, within the time limit. Changing only the encoding or
the line endings changes no fact."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import CORPUS, TESTS
from kg.errors import InputError
from kg.extract import extract
from kg.pipeline import build
from kg.read import read_bytes
from kg.segment import segment
from kg.store import GraphStore

WEB = TESTS.parent.parent / "shared" / "corpus-web"
SOURCES = sorted(CORPUS.glob("*.txt")) + sorted(WEB.glob("web*.txt"))
TIME_LIMIT = 15.0


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """(what was done, the mutated document's bytes)."""
    if not SOURCES:
        pytest.fail(f"the documents are missing: expected them in {CORPUS} and {WEB}")
    path = draw(st.sampled_from(SOURCES))
    lines = _lines(path)
    kind = draw(st.sampled_from(["shuffle", "drop", "duplicate", "join", "no-breaks", "encoding", "bytes"]))
    if kind == "shuffle":
        lines = draw(st.permutations(lines))
    elif kind == "drop":
        keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        lines = [line for line, kept in zip(lines, keep) if kept] or lines[:1]
    elif kind == "duplicate":
        at = draw(st.integers(0, len(lines) - 1))
        lines = lines[:at] + lines[at:at + draw(st.integers(1, 30))] * draw(st.integers(2, 5)) + lines[at:]
    elif kind == "join":
        start = draw(st.integers(0, len(lines) - 1))
        end = draw(st.integers(start, len(lines)))
        lines = lines[:start] + [" ".join(lines[start:end])] + lines[end:]
    text = ("" if kind == "no-breaks" else "\n").join(lines)
    if kind == "encoding":
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-8-sig", "cp1252"]))
        data = text.encode(encoding, errors="replace")
    else:
        data = text.encode("utf-8")
    if kind == "bytes":
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return f"{kind} of {path.name}", data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_a_mutated_document_is_built_or_reported_never_raised_or_hung(case):
    what, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.txt"
        path.write_bytes(data)
        report = build([path], GraphStore(None), time_limit_seconds=TIME_LIMIT)
    (result,) = report.results
    assert result.status in ("built", "failed"), what
    if result.status == "failed":
        assert result.error.startswith(str(path)) or result.error.startswith("mutated.txt: "), (what, result.error)


def _items(data: bytes) -> list[tuple]:
    x = extract(segment(read_bytes(data, "doc.txt")))
    return sorted((str(i.ref.meeting.date), i.ref.number, i.title, i.presenters, i.outcome.value) for i in x.items)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SOURCES or [None]), st.sampled_from(["utf-16", "utf-16-le", "utf-8-sig", "crlf"]))
def test_a_change_of_encoding_or_line_endings_changes_no_item(path, encoding):
    if path is None:
        pytest.fail(f"the documents are missing: expected them in {CORPUS} and {WEB}")
    text = path.read_text(encoding="utf-8")
    data = text.replace("\n", "\r\n").encode("utf-8") if encoding == "crlf" else text.encode(encoding)
    assert _items(data) == _items(text.encode("utf-8"))


# What "survived" means for the property below: an item's heading line
# with NEIGHBOURHOOD lines after it, and every line before it, read exactly
# as in the clean document. The segmenter reads a document top-down (the
# agenda table, the numbering so far, the meeting header all come before a
# heading), so a mutation that leaves all of that intact must leave the item
# found; a mutation above an item may rightly change it (a dropped agenda
# table, a shuffled numbering). An item known only from the agenda table (its
# heading not found in the text) is not held to it: a heading below, even one
# a mutation made (a contents line repeated and read as headings), may rightly
# give it its title.
NEIGHBOURHOOD = 3


@st.composite
def mutated_below(draw) -> tuple[str, bytes, bytes]:
    """(what was done, the clean document, the document with its lines from
    a random line on shuffled, dropped, duplicated or sprinkled with bytes)."""
    if not SOURCES:
        pytest.fail(f"the documents are missing: expected them in {CORPUS} and {WEB}")
    path = draw(st.sampled_from(SOURCES))
    lines = _lines(path)
    cut = draw(st.integers(0, len(lines)))
    head, tail = lines[:cut], lines[cut:]
    kind = draw(st.sampled_from(["shuffle", "drop", "duplicate", "bytes"]))
    if kind == "shuffle":
        tail = draw(st.permutations(tail))
    elif kind == "drop":
        keep = draw(st.lists(st.booleans(), min_size=len(tail), max_size=len(tail)))
        tail = [line for line, kept in zip(tail, keep) if kept]
    elif kind == "duplicate" and tail:
        at = draw(st.integers(0, len(tail) - 1))
        tail = tail[:at] + tail[at:at + draw(st.integers(1, 30))] * draw(st.integers(2, 5)) + tail[at:]
    clean = "\n".join(lines).encode("utf-8")
    data = "\n".join(head + tail).encode("utf-8")
    if kind == "bytes":
        start = len("\n".join(head).encode("utf-8"))
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(start, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return f"{kind} from line {cut + 1} of {path.name}", clean, data


def _survived(clean: tuple, mutated: tuple) -> int:
    """The number of the last line up to which the mutated document reads
    exactly as the clean one (0: not even the first line)."""
    last = 0
    for a, b in zip(clean, mutated):
        if (a.number, a.text) != (b.number, b.text):
            break
        last = a.number
    return last


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_below())
def test_items_whose_heading_and_all_before_it_survived_are_still_found(case):
    what, clean, data = case
    clean_source = read_bytes(clean, "doc.txt")
    try:
        source = read_bytes(data, "doc.txt")
    except InputError:
        return  # refused with its name: the test above checks the message
    intact = _survived(clean_source.lines, source.lines)
    found = {(i.ref.number, i.title) for i in extract(segment(source)).items}
    clean_segments = segment(clean_source)
    headed = {(s.number, s.heading_start) for m in clean_segments.meetings for s in m.items if s.heading_found}
    expected = {(i.ref.number, i.title) for i in extract(clean_segments).items
                if i.span.start + NEIGHBOURHOOD <= intact and (i.ref.number, i.span.start) in headed}
    assert expected <= found, (what, sorted(expected - found))

"""Segmenting and extraction on hand-written documents in each layout."""

from __future__ import annotations

import datetime as dt

from conftest import DATA, extract_path
from kg.extract import extract
from kg.model import DocumentKind, Outcome
from kg.read import read_bytes
from kg.segment import segment


def items(extraction, meeting_index=0):
    ref = extraction.meetings[meeting_index].ref
    return [it for it in extraction.items if it.ref.meeting == ref]


def test_minutes_with_inline_headings():
    ex = extract_path(DATA / "minutes_inline_headings" / "kdnet_minutes.txt")
    (meeting,) = ex.meetings
    assert (meeting.ref.body, meeting.ref.date, meeting.kind) == ("kd-net", dt.date(2024, 5, 9), DocumentKind.MINUTES)
    assert (meeting.start_time, meeting.end_time) == (dt.time(9), dt.time(11))
    assert meeting.place == "Rådhuset i Viborg"
    assert [it.ref.number for it in ex.items] == ["1", "2", "3", "4"]


def test_heading_with_its_recommendation_on_the_same_line():
    ex = extract_path(DATA / "minutes_inline_headings" / "kdnet_minutes.txt")
    item = ex.items[1]
    assert item.presenters == ("Erik Moe",)
    assert item.recommendation.startswith("Det indstilles, at KD-Net tager")
    assert item.outcome is Outcome.NOTED


def test_presenter_on_a_line_after_a_bare_v():
    ex = extract_path(DATA / "minutes_inline_headings" / "kdnet_minutes.txt")
    assert ex.items[2].presenters == ("Dorte Lund",)
    assert ex.items[2].outcome is Outcome.DISCUSSED


def test_attachments_marked_in_the_margin():
    ex = extract_path(DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt")
    assert items(ex, 1)[1].attachments == ("Notat om mobilitet", "Kort over ruterne")


def test_numbered_list_inside_an_item_is_not_an_item():
    ex = extract_path(DATA / "minutes_inline_headings" / "kdnet_minutes.txt")
    assert len(ex.items) == 4


def test_agenda_with_embedded_minutes_is_two_meetings():
    ex = extract_path(DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt")
    outer, inner = ex.meetings
    assert (outer.ref.date, outer.kind) == (dt.date(2025, 9, 12), DocumentKind.AGENDA)
    assert (inner.ref.date, inner.kind) == (dt.date(2025, 6, 6), DocumentKind.MINUTES)
    assert inner.embedded_in is not None and inner.embedded_in.number == "2"
    assert inner.place == "Kulturhuset, Torvet 1, 8800 Viborg"


def test_agenda_items_and_embedded_items_are_kept_apart():
    ex = extract_path(DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt")
    assert [it.ref.number for it in items(ex, 0)] == ["1", "2", "3", "4"]
    assert [it.ref.number for it in items(ex, 1)] == ["1", "2", "3"]


def test_unnumbered_first_heading_matches_its_agenda_row():
    ex = extract_path(DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt")
    first = items(ex, 1)[0]
    assert first.title == "Godkendelse af dagsorden" and first.presenters == ("Gustav Ravn",)


def test_slash_separated_presenters_and_not_treated():
    ex = extract_path(DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt")
    second = items(ex, 1)[1]
    assert second.presenters == ("Frida Berg", "Karen Juhl")
    assert second.outcome is Outcome.NOT_TREATED


def test_page_furniture_and_dates_at_line_start_stay_out_of_items():
    ex = extract_path(DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt")
    climate = items(ex, 0)[2]
    assert climate.title == "Fælles klimaindsats"
    assert items(ex, 0)[3].span.start > climate.span.start


def test_agenda_that_holds_decisions_is_flagged():
    ex = extract_path(DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt")
    assert any("carry decisions" in w.message for w in ex.warnings)


def test_chapter_numbered_agenda():
    ex = extract_path(DATA / "chapter_numbered" / "kkr_agenda.txt")
    (meeting,) = ex.meetings
    assert (meeting.ref.body, meeting.ref.date, meeting.kind) == \
        ("kkr-syddanmark", dt.date(2024, 3, 15), DocumentKind.AGENDA)
    assert meeting.place == "Byrådssalen, Torvegade 2, Vejle"
    # Chapters with sub-items are not items; a chapter without any is.
    assert [it.ref.number for it in ex.items] == ["1.1", "2.1", "2.2", "3"]
    assert ex.items[1].case_numbers == ("SAG-2024-01234",)
    assert all(it.outcome is Outcome.NONE for it in ex.items)


def test_items_without_an_agenda_table_follow_the_numbering():
    ex = extract_path(DATA / "no_agenda_table" / "minutes_without_table.txt")
    assert [it.ref.number for it in ex.items] == ["1", "2", "3"]
    assert ex.items[1].presenters == ("Niels Bach", "Ole Krog")
    assert ex.meetings[0].ref.body == "trafikstyregruppen-midtjylland"


def test_a_page_on_one_line_is_cut_at_its_structure():
    ex = extract_path(DATA / "pdf_lost_line_breaks" / "one_page_one_line.txt")
    assert [it.ref.number for it in ex.items] == ["1", "2", "3"]
    assert [it.outcome for it in ex.items[:2]] == [Outcome.APPROVED, Outcome.NOTED]
    assert all(it.span.start == 5 for it in ex.items)


def test_unknown_layout_is_a_warning_not_a_crash():
    doc = segment(read_bytes("Et brev om vejret.\nIntet mere.".encode(), "brev.txt"))
    assert doc.warnings and "no agenda items" in doc.warnings[0].message


def test_header_year_that_disagrees_with_the_date_is_flagged():
    text = "REFERAT 2019\n\nKKR SJÆLLAND\n\nDato: 01-02-2017 10:00\n\n1. Eventuelt\n".encode()
    ex = extract(segment(read_bytes(text, "kkr.txt")))
    assert ex.meetings[0].ref.date == dt.date(2017, 2, 1)
    assert any("2019" in w.message for w in ex.warnings)


def test_documents_joined_into_one_file_keep_every_meeting(corpus_files):
    """Two documents in one file (a year's minutes in one PDF, `cat a b`):
    the second document's own title ("DAGSORDEN 2021" over "Dato:") opens a
    meeting of its own instead of running on as the first one's last item."""
    by_prefix = {p.name[:3]: p for p in corpus_files}
    first, second = (extract_path(by_prefix[k]) for k in ("001", "003"))
    joined = b"\n".join(by_prefix[k].read_bytes() for k in ("001", "003"))
    result = extract(segment(read_bytes(joined, "joined.txt")))
    assert [m.ref for m in result.meetings] == [*(m.ref for m in first.meetings), *(m.ref for m in second.meetings)]
    assert len(result.items) == len(first.items) + len(second.items)

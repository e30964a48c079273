"""Open-world bodies and meetings: every document yields a meeting, a body
kg has no reference data for becomes a body of its own, and body and date
are read from wherever the text gives them. Fixtures in tests/data are our
own text in the layouts of real web pages and PDF transcripts."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import DATA, extract_path
from kg.danish.bodies import body_name_in, guess_kind, is_generic, letter_spaced
from kg.extract import extract
from kg.model import DocumentKind
from kg.query import named_queries, run
from kg.read import read_bytes
from kg.segment import segment

OPEN = DATA / "open_world_bodies"


def extract_text(text: str, name: str = "snippet.txt"):
    return extract(segment(read_bytes(text.encode(), name)))


@pytest.mark.parametrize("name, kind, cue", [
    ("Udvalget for grøn omstilling", "committee", "udvalg"),
    ("Sundhedssamordningsudvalget", "committee", "udvalg"),
    ("Politisk styregruppe for Sundhedsplatformen", "steering-group", "styregruppe"),
    ("Kystdirektørforum", "directors-forum", "direktørforum"),
    ("Byrådet", "municipal-council", "byråd"),
    ("Kommunalbestyrelsen", "municipal-council", "kommunalbestyrelse"),
    ("Bestyrelsen", "board", "bestyrelse"),
    ("Det fælles landdistriktsråd", "council", "råd"),
    ("KKR Nordjylland", "kkr", "kkr"),
    ("Ledernetværket", "network", "netværk"),
    ("Ældrenetværket Syd", "network", "netværk"),
    ("Kyststyregruppe 2", "steering-group", "styregruppe"),
    ("HANDICAPRÅDET NORD", "council", "råd"),
    ("Styregruppen Mette Lund", "", ""),
    ("Regnvejr", "", ""),
])
def test_kind_is_guessed_from_the_head_word_of_the_name(name, kind, cue):
    assert guess_kind(name) == (kind, cue)


@pytest.mark.parametrize("phrase, name", [
    ("Medlemmer af Vandsamarbejdsudvalget", "Vandsamarbejdsudvalget"),
    ("Kystdirektørforum afklares per mail efter den 3. maj 2024", "Kystdirektørforum"),
    ("Udvalget for grøn omstilling den 9. april 2024", "Udvalget for grøn omstilling"),
    ("Søg", ""),
    ("Download", ""),
])
def test_a_body_name_is_cut_out_of_a_title_phrase(phrase, name):
    assert body_name_in(phrase) == name


def test_generic_names_and_letter_spacing():
    assert is_generic("Byrådet") and is_generic("Bestyrelse") and not is_generic("Sundhedsudvalget")
    assert letter_spaced("B Y G G E U D V A L G E T") == "BYGGEUDVALGET"
    assert letter_spaced("KKR Sjælland") is None


def test_fields_over_their_values_give_body_date_times_and_place():
    ex = extract_path(DATA / "web_meeting_system" / "felter_over_vaerdier.txt")
    (meeting,) = ex.meetings
    assert meeting.ref == type(meeting.ref)("kystdirektoerforum", dt.date(2024, 3, 4))
    assert (meeting.start_time, meeting.end_time) == (dt.time(13), dt.time(15, 30))
    assert meeting.place == "Havnehuset, Kajgade 3"
    (body,) = ex.bodies
    assert (body.name, body.kind, body.kind_cue, body.found_by_pattern) == \
        ("Kystdirektørforum", "directors-forum", "direktørforum", True)


def test_a_body_named_in_a_title_sentence_becomes_a_body_of_its_own():
    ex = extract_path(OPEN / "udvalg_i_titel.txt")
    (meeting,) = ex.meetings
    assert (meeting.ref.body, meeting.ref.date, meeting.kind) == \
        ("udvalget-for-groen-omstilling", dt.date(2024, 4, 9), DocumentKind.MINUTES)
    assert [it.ref.number for it in ex.items] == ["1", "2"]


def test_a_body_name_with_a_qualifier_after_its_kind_word_is_a_body_of_its_own():
    text = ("Referat af møde i Skolenetværket Vest, den 2. maj 2023\n\n"
            "Deltagere: Ole Berg, Tove Skov\n\n1. Godkendelse af dagsorden\n\nBeslutning: Godkendt.\n")
    (meeting,) = extract_text(text).meetings
    assert (meeting.body_as_written, meeting.ref.body) == ("Skolenetværket Vest", "skolenetvaerket-vest")


def test_page_furniture_is_not_a_body_or_a_title():
    ex = extract_path(OPEN / "udvalg_i_titel.txt")
    assert ex.meetings[0].body_as_written == "Udvalget for grøn omstilling"
    assert ex.document.title == "Referat"


def test_a_generic_body_name_is_read_as_the_body_of_the_municipality_the_header_names():
    ex = extract_path(OPEN / "byraad_uden_kommune_i_navnet.txt")
    (body,) = ex.bodies
    assert (body.key, body.name, body.region) == ("byraadet-skive", "Byrådet (Skive)", "midtjylland")
    assert any("generic" in w.message and "Skive" in w.message for w in ex.warnings)


def test_a_generic_name_without_an_owner_is_kept_apart_per_document():
    ex = extract_text("Referat Bestyrelse. Mandag 3. juni 2024\n\n1. Godkendelse af dagsorden\n\nGodkendt.\n",
                      "bestyrelse.txt")
    assert ex.meetings[0].ref.body == "bestyrelse-bestyrelse-txt"
    assert any("generic" in w.message and "kept apart" in w.message for w in ex.warnings)


def test_a_document_without_a_header_still_yields_its_meeting_and_items():
    ex = extract_path(OPEN / "uden_hoved.txt")
    (meeting,) = ex.meetings
    assert meeting.ref.body.startswith("unknown-") and meeting.ref.date is None
    assert [it.ref.number for it in ex.items] == ["1", "2"]
    messages = [w.message for w in ex.warnings]
    assert any("names no body" in m for m in messages) and any("no readable date" in m for m in messages)


def test_a_membership_page_is_a_record_of_kind_other():
    ex = extract_path(OPEN / "medlemsside.txt")
    (meeting,) = ex.meetings
    assert (meeting.kind, meeting.ref.body, meeting.ref.date) == (DocumentKind.OTHER, "vandsamarbejdsudvalget", None)
    assert ex.document.kind is DocumentKind.OTHER


def test_a_date_line_whose_digits_were_lost_is_a_warning_and_the_letter_spaced_title_a_body():
    ex = extract_path(OPEN / "pdf_uden_datocifre.txt")
    (meeting,) = ex.meetings
    assert (meeting.ref.body, meeting.ref.date) == ("byggeudvalget", None)
    assert any("'Dato:' line carries no date" in w.message for w in ex.warnings)


def test_the_body_and_date_of_a_per_item_treatment_line_stand_in_for_a_missing_header():
    ex = extract_text("Dagsordenen blev sendt ud.\n\n1. Godkendelse af dagsorden\n\n"
                      "Behandling i Ældrerådet torsdag den 6. juni 2024, pkt. 1\n\nGodkendt.\n")
    assert (ex.meetings[0].ref.body, ex.meetings[0].ref.date) == ("aeldreraadet", dt.date(2024, 6, 6))


def test_a_day_and_month_without_a_year_is_an_undated_meeting_with_a_warning():
    ex = extract_text("Bestyrelsesmøde i KLX Fredag 18. september kl. 09.00\n\n1. Godkendelse af dagsorden\n")
    assert (ex.meetings[0].ref.body, ex.meetings[0].ref.date) == ("klx", None)
    assert any("without a year" in w.message for w in ex.warnings)


def test_the_agenda_query_lists_items_of_open_world_and_unknown_bodies(fixture_store):
    rows = [{k: str(v.value) if v is not None else "" for k, v in zip(("body", "meeting_date", "item"), row)}
            for row in run(fixture_store, named_queries()["agenda"])]
    bodies = {row["body"] for row in rows}
    assert "Udvalget for grøn omstilling" in bodies
    assert "unknown body (uden_hoved.txt)" in bodies


def test_a_name_several_regions_share_is_read_in_the_region_the_site_line_names():
    ex = extract_text("Region Nordjylland logo, link til forsiden\n\n"
                      "Sundhedskoordinationsudvalget - Referat - 4. marts 2024\n\n1. Godkendelse af dagsorden\n")
    assert ex.bodies[0].region == "nordjylland" and not ex.bodies[0].found_by_pattern

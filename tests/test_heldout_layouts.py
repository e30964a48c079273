"""Layouts found in a held-out check on unseen real minutes (not in
corpus-web): absent lists headed "Fraværende med/uden afbud" or "Afbud fra:",
a substitute named after the absentee in such a list, absence and
substitute in one sentence, column heads of a flattened table standing side
by side, and items numbered through the year. Snippets are our own text
with invented people."""

from __future__ import annotations

import pytest

from conftest import DATA, extract_path
from kg.danish import looks_like_person_name
from kg.extract import extract
from kg.extract.name_lists import split_entries
from kg.read import read_bytes
from kg.segment import segment
from kg.segment.patterns import heading
from snippets import minutes_with_item, minutes_with_lists
from test_roles import roles_of

P, A, S = "present", "absent", "substitute"


def rows(extraction):
    return sorted((a.name, a.status.value, a.substitute_for) for a in extraction.attendance)


LISTS = {
    # Two absent lists, and the one who came instead after the absentee;
    # with two absentees on the line, whose place is taken is not said.
    "fravaerende-med-og-uden-afbud": (
        "Fraværende med afbud:\nBo Dahl, Lise Holm indkaldt\nEva Lund og Ole Krog, Per Vang deltog\n\n"
        "Fraværende uden afbud:\nKaren Juhl",
        [("Bo Dahl", A, ""), ("Lise Holm", S, "Bo Dahl"), ("Lise Holm", P, "Bo Dahl"), ("Eva Lund", A, ""),
         ("Ole Krog", A, ""), ("Per Vang", P, ""), ("Karen Juhl", A, "")]),
    # Column heads side by side, then the first column's names.
    "stacked-column-heads": (
        "Mødested: Rådhuset Deltagere: Afbud: Bo Dahl, Eva Lund, Ole Krog",
        [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Ole Krog", P, "")]),
    # Field names, then their values: the venue runs into the names.
    "venue-before-names": (
        "Mødested: Deltagere: Det lille mødelokale Bo Dahl (A), Eva Lund (V), Ole Krog (C) Afbud: Fraværende:",
        [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Ole Krog", P, "")]),
    # "B for A" between commas: B came in A's place.
    "name-for-name": (
        "Deltagere: Bo Dahl, Lise Holm for Ole Krog, Eva Lund, KL",
        [("Bo Dahl", P, ""), ("Lise Holm", S, "Ole Krog"), ("Lise Holm", P, "Ole Krog"), ("Ole Krog", A, ""),
         ("Eva Lund", P, "")]),
    # A time in brackets after a name: there for part of the meeting, even
    # where a transcript lost the digits.
    "bracketed-time": (
        "Deltagere: Bo Dahl (fra kl. 11), Eva Lund (til kl ), Ole Krog, Per Vang",
        [("Bo Dahl", "partial", ""), ("Eva Lund", "partial", ""), ("Ole Krog", P, ""), ("Per Vang", P, "")]),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_list_layout(name):
    text, expected = LISTS[name]
    assert rows(minutes_with_lists(text)) == sorted(expected)


def test_stacked_column_heads_are_a_doubt():
    ex = minutes_with_lists("Deltagere: Afbud: Bo Dahl, Eva Lund, Ole Krog")
    assert any("flattened table" in w.message for w in ex.warnings)


PROSE = {
    "afbud-fra-kolon": ("Afbud fra: Bo Dahl, Eva Lund og Ole Krog.",
                        [("Bo Dahl", A, ""), ("Eva Lund", A, ""), ("Ole Krog", A, "")]),
    "meldt-afbud-og-deltog-i-stedet": (
        "Bo Dahl havde meldt afbud, og Lise Holm deltog i stedet.",
        [("Bo Dahl", A, ""), ("Lise Holm", S, "Bo Dahl"), ("Lise Holm", P, "Bo Dahl")]),
    "udeblev": ("Ole Krog udeblev uden afbud.", [("Ole Krog", A, "")]),
    "har-meldt-forfald": ("Per Vang har, grundet sygdom, meldt forfald til mødet.", [("Per Vang", A, "")]),
    "har-forfald-til": ("Karen Juhl har forfald til mødet den 3. maj.", [("Karen Juhl", A, "")]),
}


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose(name):
    body, expected = PROSE[name]
    assert rows(minutes_with_item(body)) == sorted(expected)


# --- items numbered through the year, one case a page ---------------------------


CASES = DATA / "municipal_case_pages"


def test_a_three_digit_item_number_is_a_heading():
    found = heading("152. Indkaldelse af stedfortræder for Gunnar Bech (V)")
    assert (found.number, found.title) == ("152", "Indkaldelse af stedfortræder for Gunnar Bech (V)")


def test_a_lone_case_heading_followed_by_case_furniture_is_an_item():
    ex = extract_path(CASES / "enkelt_sag.txt")
    assert [it.ref.number for it in ex.items] == ["4"]
    assert rows(ex) == sorted([("Birthe Løkke", A, ""), ("Ove Skov", S, "Birthe Løkke"),
                               ("Ove Skov", P, "Birthe Løkke")])


def test_a_year_numbered_case_keeps_its_number_and_not_the_numbered_recommendation():
    ex = extract_path(CASES / "aarsnummer_tre_cifre.txt")
    assert [it.ref.number for it in ex.items] == ["152"]
    # An agenda (its decision empty) proposes the substitute: no pair yet,
    # the absence its text states is kept.
    assert rows(ex) == [("Gunnar Bech", A, "")]


def test_two_people_called_in_are_not_paired():
    ex = minutes_with_item("Bo Dahl har meldt forfald. Lise Holm er indkaldt, og Ole Krog er indkaldt.",
                           title="Indkaldelse af stedfortrædere")
    assert all(a.substitute_for == "" for a in ex.attendance)


def test_a_contents_list_without_item_texts_is_the_agenda_and_the_member_list_is_still_read():
    ex = extract_path(CASES / "indholdsfortegnelse.txt")
    assert [it.ref.number for it in ex.items] == ["301", "302", "303", "305", "304"]
    assert sorted(a.name for a in ex.attendance) == ["Birthe Løkke", "Gunnar Bech", "Hanne Rask", "Ove Skov"]


def test_a_post_for_a_department_is_not_a_substitute():
    ex = minutes_with_lists("Deltagere: Bo Dahl, direktør for Børn og Unge, Eva Lund, Skive Kommune")
    assert all(a.status.value != S for a in ex.attendance)


# --- roles in a news sentence ----------------------------------------------------


def test_body_genitive_role_is_name_and_the_vice_chair_after_og():
    text = ("KKR Sjællands formand er borgmester Bo Dahl (Socialdemokratiet) fra Skive Kommune og næstformand "
            "er borgmester Lars Gade (Venstre) fra Greve Kommune.")
    assert roles_of(text) == [
        ("Bo Dahl", "kkr-sjaelland", "formand"), ("Bo Dahl", "kommune-skive", "borgmester"),
        ("Lars Gade", "kkr-sjaelland", "næstformand"), ("Lars Gade", "kommune-greve", "borgmester")]


@pytest.mark.parametrize("text, person", [
    ("Lars Gade", True), ("Hanne Park", True), ("Kongens Gade", False), ("Søren Nymarks Vej", False),
    ("Ole Nørregade", False)])
def test_a_street_word_alone_after_a_first_name_is_a_surname(text, person):
    assert looks_like_person_name(text) is person


def test_a_first_name_ending_a_two_word_entry_is_a_surname():
    # "Wolfgang" is not in the first-name list; "Martin" is.
    entries, _ = split_entries("Per Vang, Wolfgang Martin, Lone Holm")
    assert [e.name for e in entries] == ["Per Vang", "Wolfgang Martin", "Lone Holm"]


def test_a_transcript_page_number_before_the_title_is_not_item_1():
    text = ("Referat fra møde i Fjordnetværket\n\nTranskript\n\n1 Referat fra møde i Fjordnetværket Tid og sted: "
            "Fredag 3. maj 2024, fra kl til Rådhuset. Deltagere: Afbud: Bo Dahl, Eva Lund, Ole Krog "
            "1. Godkendelse af dagsorden Dagsordenen blev godkendt uden bemærkninger fra netværkets medlemmer, "
            "som i øvrigt havde sendt deres kommentarer skriftligt forud for mødet. 2. Orientering fra formanden "
            "Formanden orienterede kort om arbejdet i styregruppen siden sidste møde og om de kommende frister "
            "for høringssvar til regionen og kommunerne i løbet af efteråret.\n")
    ex = extract(segment(read_bytes(text.encode("utf-8"), "side.txt")))
    assert [it.ref.number for it in ex.items] == ["1", "2"]
    assert ex.items[0].title.startswith("Godkendelse af dagsorden")
    assert rows(ex) == [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Ole Krog", P, "")]


def test_a_flattened_member_table_gives_each_name_the_role_in_its_row():
    text = "MØDESTED Rådhuset MEDLEMMER Bo Dahl Eva Lund Ole Krog Per Vang Formand Næstformand Medlem Medlem Side 1"
    assert roles_of(text) == [("Bo Dahl", "samraadet", "formand"), ("Eva Lund", "samraadet", "næstformand"),
                              ("Ole Krog", "samraadet", "medlem"), ("Per Vang", "samraadet", "medlem")]


def test_a_role_column_of_another_length_than_the_names_gives_no_roles():
    text = "MEDLEMMER Bo Dahl Eva Lund Ole Krog Formand Næstformand Medlem Medlem"
    assert roles_of(text) == []


def _news(announcement: str) -> list[tuple]:
    text = (f"Nyt formandskab i KKR Sjælland\n\n{announcement}\n\n"
            "KKR Sjællands formand er borgmester Bo Dahl (Socialdemokratiet) fra Skive Kommune og næstformand "
            "er borgmester Lars Gade (Venstre) fra Greve Kommune.\n\nDe ser frem til arbejdet.\n")
    extraction = extract(segment(read_bytes(text.encode("utf-8"), "nyhed.txt")))
    return sorted((a.appointee, a.body, a.role.value, a.status.value, str(a.date), a.elected)
                  for a in extraction.appointments)


def test_an_announced_election_of_chairs_makes_the_chairs_named_next_elected_appointees():
    found = _news("På det konstituerende møde tirsdag den 16. januar 2018 har Kommunekontaktråd (KKR) Sjælland "
                  "valgt formand og næstformand for perioden 2018-2021")
    assert found == [("Bo Dahl", "kkr-sjaelland", "formand", "decided", "2018-01-16", True),
                     ("Lars Gade", "kkr-sjaelland", "næstformand", "decided", "2018-01-16", True)]


def test_an_announced_election_of_the_chair_alone_appoints_no_vice_chair():
    found = _news("KKR Sjælland har i dag valgt formand for de kommende fire år.")
    assert [(name, role) for name, _, role, *_ in found] == [("Bo Dahl", "formand")], found


def test_chairs_named_without_an_announced_election_are_no_appointments():
    assert _news("KKR Sjælland holdt sit første møde i den nye periode.") == []

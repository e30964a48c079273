"""Attendance in the layouts real minutes use (issue 9, point 2), one
snippet per layout, written for these tests with invented people."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.name_lists import split_entries
from kg.model import AttendanceCapacity
from snippets import minutes_with_item, minutes_with_lists

# A paired substitute has two records: substitute (in whose place) and present.
P, A, S, PART = "present", "absent", "substitute", "partial"

LAYOUTS = {
    # A page run onto one line: labels inside the line, no separators
    # between people, each followed by their municipality or organisation.
    "run-on-name-org": (
        "2 Deltagere Bo Dahl Skive Kommune Karen Juhl Region Midtjylland Ole Krog KL Sekretariat "
        "Afbud: Eva Lund Odder Kommune Gæster: Jonas Brink Grøn Energi Rikke Sand Herning Kommune",
        [("Bo Dahl", P, ""), ("Karen Juhl", P, ""), ("Ole Krog", P, ""), ("Eva Lund", A, ""),
         ("Jonas Brink", P, ""), ("Rikke Sand", P, "")]),
    # "Name, Municipality" without "Kommune" and without separators between entries.
    "name-comma-place-run": (
        "Deltagerfortegnelse Bo Dahl, Skive Anne Holm Nielsen, Odder Per Vang, Lemvig",
        [("Bo Dahl", P, ""), ("Anne Holm Nielsen", P, ""), ("Per Vang", P, "")]),
    # The list names every member; the absent list is subtracted from it.
    "members-minus-absent": (
        "Medlemmer:\nBo Dahl, Ole Krog, Eva Lund, Karen Juhl.\n\nAfbud:\nOle Krog, Karen Juhl.",
        [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Ole Krog", A, ""), ("Karen Juhl", A, "")]),
    # Bulleted lists with party letters, the absentees included in "Deltagere".
    "bullets-with-parties": (
        "Deltagere\n- Bo Dahl (V)\n- Eva Lund, A\n- Ole Krog (C)\n\n- Afbud\n- Ole Krog (C)",
        [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Ole Krog", A, "")]),
    # One name a line, separated by blank lines, absence written on the line.
    "absence-suffix": (
        "Deltagere:\n\nBo Dahl (A), Formand\n\nEva Lund (V), Næstformand- afbud\n\nOle Krog- afbud\n\nPer Vang (O)",
        [("Bo Dahl", P, ""), ("Eva Lund", A, ""), ("Ole Krog", A, ""), ("Per Vang", P, "")]),
    # A substitute written in brackets after the name.
    "bracketed-substitute": (
        "Deltagere\n- Bo Dahl, V\n- Eva Lund, F (midlertidigt for Kirsten B. Holm)\n- Per Vang, A (i stede for Ole Krog)",
        [("Bo Dahl", P, ""), ("Eva Lund", S, "Kirsten B. Holm"), ("Eva Lund", P, "Kirsten B. Holm"),
         ("Per Vang", S, "Ole Krog"), ("Per Vang", P, "Ole Krog")]),
    # "Afbud: X, suppleant Y deltog"
    "suppleant-deltog": (
        "Bestyrelsen: Bo Dahl, Eva Lund og Ole Krog\n\nAfbud: Ole Krog, suppleant Lise Holm deltog",
        [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Ole Krog", A, ""), ("Lise Holm", S, "Ole Krog"),
         ("Lise Holm", P, "Ole Krog")]),
    # Observers and the secretariat, with a minute-taker mark.
    "observers-and-secretariat": (
        "Tilstedeværende medlemmer af Rådet Bo Dahl (formand) Eva Lund Tilstedeværende observatører "
        "Mette Sand Fra sekretariatet Ole Krog og Lise Holm (referent) 1",
        [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Mette Sand", P, ""), ("Ole Krog", P, ""),
         ("Lise Holm", P, "")]),
    # Partial attendance under "Afbud" is neither absent nor present.
    "partial-under-afbud": (
        "Deltagere\n- Bo Dahl\n- Eva Lund\n- Ole Krog\n\n- Afbud\n- Eva Lund\n- Ole Krog deltog ikke i punkterne 2 – 4",
        [("Bo Dahl", P, ""), ("Eva Lund", A, ""), ("Ole Krog", PART, "")]),
    # A misspelt or abbreviated name in the absent list is the listed person.
    "misspelt-absentee": (
        "Medlemmer: Bo Dahl, Karen Marie Juhl, Eva Lund.\n\nAfbud: Karen Marie Juhll.",
        [("Bo Dahl", P, ""), ("Karen Marie Juhl", A, ""), ("Eva Lund", P, "")]),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout(name):
    lists, expected = LAYOUTS[name]
    ex = minutes_with_lists(lists)
    assert sorted((a.name, a.status.value, a.substitute_for) for a in ex.attendance) == sorted(expected)


PROSE = {
    "afbud-fra": ("Der er afbud fra Bo Dahl, Eva Lund og Ole Krog.",
                  [("Bo Dahl", A, ""), ("Eva Lund", A, ""), ("Ole Krog", A, "")]),
    "var-fravaerende": ("Bo Dahl og Eva Lund var fraværende.", [("Bo Dahl", A, ""), ("Eva Lund", A, "")]),
    "meldt-afbud": ("Karen Juhl havde meldt afbud.", [("Karen Juhl", A, "")]),
    "alle-undtagen": ("Alle medlemmer var mødt undtagen Ole Krog.", [("Ole Krog", A, "")]),
    "deltog-ikke-paa-modet": ("Bo Dahl, Per winther og Eva Lund deltog ikke på mødet.",
                              [("Bo Dahl", A, ""), ("Per winther", A, ""), ("Eva Lund", A, "")]),
    "som-suppleant-for": ("Lise Holm deltog i mødet som suppleant for Ole Krog.", [("Lise Holm", S, "Ole Krog"),
                                                                                   ("Lise Holm", P, "Ole Krog")]),
    "unpaired-suppleanter": ("Bo Dahl og Eva Lund deltog som suppleanter.", [("Bo Dahl", P, ""), ("Eva Lund", P, "")]),
    "stedfortraeder-indkaldes": (
        "Byrådet skal godkende, at 1. stedfortræder på liste C, Mads Holm, indkaldes som følge af afbud fra "
        "Per Vang pga. sygdom.", [("Mads Holm", S, "Per Vang"), ("Mads Holm", P, "Per Vang"), ("Per Vang", A, "")]),
    "partial-items": ("Godkendt.\n\nBo Dahl (A) deltog ikke under punkterne 5-7.", [("Bo Dahl", PART, "")]),
}


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose(name):
    body, expected = PROSE[name]
    ex = minutes_with_item(body)
    assert sorted((a.name, a.status.value, a.substitute_for) for a in ex.attendance) == sorted(expected)


def test_partial_attendance_keeps_the_items_and_times():
    ex = minutes_with_item("Bo Dahl deltog ikke under punkterne 5-7.\n\nEva Lund deltog kl. 10.15 til 11.00.")
    by_name = {a.name: a.partial for a in ex.attendance}
    assert (by_name["Bo Dahl"].items, by_name["Bo Dahl"].attended) == (("5", "6", "7"), False)
    assert (by_name["Eva Lund"].start, by_name["Eva Lund"].end) == (dt.time(10, 15), dt.time(11, 0))


def test_not_in_this_items_treatment_is_partial_for_that_item():
    ex = minutes_with_item("Godkendt.\n\nOle Krog (V) deltog ikke i udvalgets behandling af sagen.")
    record = next(a for a in ex.attendance if a.name == "Ole Krog")
    assert (record.status.value, record.partial.items, record.partial.attended) == (PART, ("1",), False)


def test_an_absentee_by_list_stays_absent_when_an_item_repeats_it():
    ex = minutes_with_lists("Deltagere:\n\nBo Dahl\n\nOle Krog- afbud")
    assert {a.name: a.status.value for a in ex.attendance} == {"Bo Dahl": P, "Ole Krog": A}


def test_capacity_party_and_organisation_are_kept():
    ex = minutes_with_lists("Til stede: Bo Dahl (V), Skive Kommune Eva Lund, Region Midtjylland "
                            "Ole Krog, Trafikkontoret/gæst Lise Holm, Statens Arkiver/sekretær")
    by_name = {a.name: a for a in ex.attendance}
    assert (by_name["Bo Dahl"].party, by_name["Bo Dahl"].municipality) == ("V", "779")
    assert by_name["Eva Lund"].capacity is AttendanceCapacity.MEMBER
    assert by_name["Ole Krog"].capacity is AttendanceCapacity.GUEST
    assert by_name["Lise Holm"].capacity is AttendanceCapacity.SECRETARY


def test_guests_are_never_members():
    ex = minutes_with_lists("Deltagere: Bo Dahl, Skive Kommune\n\nGæster: Eva Lund, Grøn Energi")
    guest = next(a for a in ex.attendance if a.name == "Eva Lund")
    assert (guest.capacity, guest.group) == (AttendanceCapacity.GUEST, "Gæster")


SPLITS = [
    ("Bo Dahl Skive Kommune Eva Lund Odder Kommune", ["Bo Dahl", "Eva Lund"]),
    ("Jens Friis Holm Per Vang Karen Marie Juhl", ["Jens Friis Holm", "Per Vang", "Karen Marie Juhl"]),
    ("Bo Dahl (A) Eva Lund (V)", ["Bo Dahl", "Eva Lund"]),
    ("Lars Holm, KL/formand Anne Vang, Finansministeriet", ["Lars Holm", "Anne Vang"]),
    ("Hans von Holm og Lise de Vries", ["Hans von Holm", "Lise de Vries"]),
    ("H.C. Dahl, Skive", ["H.C. Dahl"]),
]


@pytest.mark.parametrize("text, names", SPLITS)
def test_names_are_split_without_separators(text, names):
    entries, doubts = split_entries(text)
    assert [e.name for e in entries] == names and doubts == []


def test_a_run_that_may_be_two_people_is_a_doubt_not_a_guess():
    entries, doubts = split_entries("Kvist Brandholm Osvald Trelleborg Vibsig")
    assert entries == [] and doubts


def test_a_flattened_two_column_table_without_label_is_the_participant_list():
    table = ("Mødelokale 2, Torvet 4 8000 Aarhus Bo Dahl Eva Lund Skive Kommune Odder Kommune\n\n"
             "Ole Krog Per Vang Lemvig Kommune Region Midtjylland\n\n"
             "Karen Juhl Lise Holm Struer Kommune BRN Sekretariat\n\n")
    ex = minutes_with_lists(table)
    assert sorted(a.name for a in ex.attendance if a.status.value == P) == [
        "Bo Dahl", "Eva Lund", "Karen Juhl", "Lise Holm", "Ole Krog", "Per Vang"]


def test_one_name_and_place_a_line_without_label_is_not_attendance():
    ex = minutes_with_lists("Bo Dahl, Skive Kommune\nEva Lund, Odder Kommune\nOle Krog, Lemvig Kommune")
    assert ex.attendance == []


def test_an_unpaired_substitute_is_present_in_the_substitutes_group():
    ex = minutes_with_item("Bo Dahl deltog som suppleant.")
    assert [(a.name, a.status.value, a.group) for a in ex.attendance] == [("Bo Dahl", P, "suppleant")]

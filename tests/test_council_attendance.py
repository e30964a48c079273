"""Attendance in council minutes: a members list whose absence list the
document is cut in, and a substitute called in by an agenda item
("Indkaldelse af stedfortræder"). Fixtures are our own text with invented
people (tests/data/council_attendance)."""

from __future__ import annotations

import pytest

from conftest import DATA, extract_path
from kg.extract import extract
from kg.model import Role
from kg.read import read_bytes
from kg.segment import segment
from snippets import minutes_with_item, minutes_with_lists

COUNCIL = DATA / "council_attendance"
P, A, S = "present", "absent", "substitute"
# Minutes that end after their lists: what follows the header is the last text.
HEADER = "Referat af møde i KD-Net, den 3. maj 2024\n\nMedlemmer: Bo Dahl, Eva Lund\n\n"
MEMBERS = ["Anders Bak", "Helle Thygesen", "Jakob Vestergaard", "Morten Lyng", "Sofie Krag", "Tove Mørch"]


def rows(extraction):
    return sorted((a.name, a.status.value, a.substitute_for) for a in extraction.attendance)


def text_minutes(text: str):
    return extract(segment(read_bytes(text.encode("utf-8"), "snippet.txt")))


# --- an absence list cut off by the end of the document ---------------------------


@pytest.mark.parametrize("name", ["fravaer_afskaaret.txt", "fravaer_tomt_til_slut.txt"])
def test_a_cut_absence_list_gives_no_presence(name):
    assert extract_path(COUNCIL / name).attendance == []


@pytest.mark.parametrize("name", ["fravaer_afskaaret.txt", "fravaer_tomt_til_slut.txt"])
def test_the_members_before_a_cut_absence_list_stay_members(name):
    ex = extract_path(COUNCIL / name)
    members = sorted(r.name for r in ex.roles if r.role is Role.MEMBER and r.body == ex.meetings[0].ref.body)
    assert members == MEMBERS


@pytest.mark.parametrize("name", ["fravaer_afskaaret.txt", "fravaer_tomt_til_slut.txt"])
def test_a_cut_absence_list_is_a_doubt_at_its_label(name):
    ex = extract_path(COUNCIL / name)
    assert [w.line for w in ex.warnings if "absence list is cut" in w.message] == [14]


def test_a_readable_absence_list_is_subtracted_from_the_members():
    ex = extract_path(COUNCIL / "fravaer_laesbart.txt")
    assert rows(ex) == sorted([(n, A if n == "Sofie Krag" else P, "") for n in MEMBERS])


def test_members_without_an_absence_label_are_present_as_before():
    ex = extract_path(COUNCIL / "uden_fravaer.txt")
    assert rows(ex) == sorted((n, P, "") for n in MEMBERS)
    assert not any("absence list is cut" in w.message for w in ex.warnings)


def test_an_empty_absence_label_before_the_items_is_not_a_cut_list():
    ex = minutes_with_lists("Medlemmer: Bo Dahl, Eva Lund, Ole Krog\n\nFraværende:")
    assert rows(ex) == [("Bo Dahl", P, ""), ("Eva Lund", P, ""), ("Ole Krog", P, "")]


def test_an_absence_list_saying_nobody_ends_the_document_without_a_doubt():
    ex = text_minutes(HEADER + "Fraværende: Ingen\n")
    assert rows(ex) == [("Bo Dahl", P, ""), ("Eva Lund", P, "")]


def test_a_name_after_the_absence_label_at_the_end_is_read():
    ex = text_minutes(HEADER + "Fraværende:\nEva Lund\n")
    assert rows(ex) == [("Bo Dahl", P, ""), ("Eva Lund", A, "")]


# --- a substitute called in by an item ------------------------------------------------


def test_minutes_pair_the_substitute_called_in_with_the_member_in_the_title():
    ex = extract_path(COUNCIL / "stedfortraeder_referat.txt")
    assert rows(ex) == sorted([*((n, P, "") for n in MEMBERS if n != "Sofie Krag"), ("Sofie Krag", A, ""),
                               ("Lasse Dam", S, "Sofie Krag"), ("Lasse Dam", P, "Sofie Krag")])


def test_an_agenda_only_proposes_the_substitute():
    ex = extract_path(COUNCIL / "stedfortraeder_dagsorden.txt")
    assert not any(a.name == "Lasse Dam" or a.substitute_for for a in ex.attendance)


def test_a_substitute_for_a_member_the_item_does_not_name_is_a_doubt_not_a_pair():
    ex = extract_path(COUNCIL / "stedfortraeder_uden_navn.txt")
    assert [(a.name, a.status.value, a.substitute_for) for a in ex.attendance] == [("Nikolaj Brandt", P, "")]
    assert any("Nikolaj Brandt is called in" in w.message and w.line == 14 for w in ex.warnings)


MEMBER_IN_TEXT = {
    # Where the title names nobody, the member the text says the substitute is for.
    "until-back": ("Mads Holm indtræder som stedfortræder, indtil Karen Juhl på ny varetager sine hverv.",
                   "Indkaldelse af stedfortræder"),
    "cannot-serve": ("Karen Juhl kan ikke varetage sit hverv i de kommende måneder. "
                     "Mads Holm er indkaldt som stedfortræder.", "Indkaldelse af stedfortræder"),
    "for-in-sentence": ("Det indstilles, at Mads Holm indtræder som stedfortræder for Karen Juhl.",
                        "Orlov til et medlem"),
}


@pytest.mark.parametrize("name", sorted(MEMBER_IN_TEXT))
def test_the_member_a_substitute_is_for_is_read_from_the_item_text(name):
    body, title = MEMBER_IN_TEXT[name]
    ex = minutes_with_item(f"{body}\n\nBeslutning\nGodkendt.", title=title)
    assert rows(ex) == [("Karen Juhl", A, ""), ("Mads Holm", P, "Karen Juhl"), ("Mads Holm", S, "Karen Juhl")]


def test_an_item_naming_two_members_pairs_nobody():
    ex = minutes_with_item("Karen Juhl kan ikke varetage sit hverv, og Per Vang er forhindret i at deltage. "
                           "Mads Holm indtræder som stedfortræder.\n\nBeslutning\nGodkendt.",
                           title="Indkaldelse af stedfortræder")
    assert all(a.substitute_for == "" for a in ex.attendance)
    assert any("Mads Holm is called in" in w.message for w in ex.warnings)

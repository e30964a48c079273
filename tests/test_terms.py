"""Terms of office: what the text says of a membership's start and end
(kg/danish/roles.py start_cue and end_cue), how kg/resolve/memberships.py turns
the evidence into terms, and how who-sits-where shows them. Sentences and
names are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.danish.roles import end_cue, start_cue
from kg.resolve import derive_memberships, sightings
from kg.query import named_queries, run
from kg.model import (
    Appointment, AppointmentStatus, Attendance, AttendanceCapacity, AttendanceStatus, DocumentInfo, Extraction,
    MeetingRef, PartialAttendance, Role, RoleStatement, Span,
)
from kg.rdf.iris import membership_iri
from kg.resolve import resolve_people
from tests.snippets import minutes_with_item


@pytest.mark.parametrize("sentence, year, expected", [
    ("Mette Krogh fortsætter som formand for Vandrådet.", 2024, ("continuing", None)),
    ("Vandrådets formand, Mette Krogh, har 10-årigt jubilæum som formand til næste år.", 2023,
     ("stated-tenure", 2014)),
    ("Mette Krogh har 5-årigt jubilæum som formand i år.", 2024, ("stated-tenure", 2019)),
    ("Mette Krogh har været formand siden 2017.", 2024, ("stated-tenure", 2017)),
    ("Mette Krogh blev valgt som formand.", 2024, ("elected", None)),
    ("Mette Krogh blev genvalgt som formand for den kommende periode.", 2024, ("elected", None)),
    ("Mette Krogh udpeges som formand for Vandrådet.", 2024, ("appointed", None)),
    ("Mette Krogh er konstitueret som formand.", 2024, ("constituted", None)),
    ("Mette Krogh er formand for Vandrådet.", 2024, ("", None)),
])
def test_start_cues(sentence, year, expected):
    assert start_cue(sentence, year) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Mette Krogh udtræder af Vandrådet.", "left"),
    ("Mette Krogh stopper som formand.", "left"),
    ("Mette Krogh går på pension til sommer.", "retired"),
    ("Mette Krogh fratræder som direktør i Lyngby Kommune og tiltræder som direktør i Ballerup Kommune.", "moved"),
    ("Mette Krogh er formand.", ""),
])
def test_end_cues(sentence, expected):
    assert end_cue(sentence) == expected


def test_continuing_chair_has_basis_continuing_and_no_start():
    ex = minutes_with_item("Vandrådets formand skifter ikke. Mette Krogh fortsætter som formand for KD-Net.")
    [statement] = [r for r in ex.roles if r.name == "Mette Krogh"]
    assert (statement.start_basis, statement.since_year) == ("continuing", None)


def test_jubilee_gives_stated_tenure():
    ex = minutes_with_item("KD-Nets formand, Mette Krogh, har 10-årigt jubilæum som formand til næste år.")
    [statement] = [r for r in ex.roles if r.name == "Mette Krogh"]
    assert (statement.start_basis, statement.since_year) == ("stated-tenure", 2015)


def test_a_retirement_in_passing_ends_the_role_it_names():
    ex = minutes_with_item("I forbindelse med Mette Kroghs pensionering fra Lyngby Kommune er formandens opgaver "
                           "drøftet i KD-Net.")
    assert [(r.name, r.body, r.role, r.ends, r.end_basis) for r in ex.roles] == \
        [("Mette Krogh", "kd-net", Role.CHAIR, True, "retired")]


@pytest.mark.parametrize("sentence", [
    "I forbindelse med Mette Kroghs pensionering fra Skive Kommune er formandens opgaver drøftet i KD-Net.",
    "Mette Krogh (F), som er medlem af byrådet i Skive Kommune, har ønsket at trække sig fra sin plads i KD-Net.",
])
def test_a_leaving_gives_the_municipality_its_sentence_names(sentence):
    ex = minutes_with_item(sentence)
    assert [r.municipality for r in ex.roles] == ["779"], "Skive's municipality code"
    (member,) = derive_memberships([ex], resolve_people(sightings([ex])))
    assert (member.municipality, member.end_basis) == ("779", end_cue(sentence))


def test_a_decision_in_the_paragraph_before_gives_the_holders_start():
    ex = minutes_with_item("Det er besluttet at dele næstformandskabet mellem to direktører.\n\n"
                           "Næstformandskabet i KD-Net varetages af direktør Mette Krogh fra Lyngby.")
    assert [(r.name, r.start_basis) for r in ex.roles] == [("Mette Krogh", "appointed")]


def test_an_election_is_dated_by_the_sentence_before_that_dates_it():
    ex = minutes_with_item("Vandrådet valgte ny bestyrelse på generalforsamlingen den 12. april 2024. "
                           "Mette Krogh blev genvalgt som formand for Vandrådet.\n\n"
                           "Ole Dam og Rikke Lund er valgt som nye medlemmer af Vandrådet.")
    assert {(a.appointee, a.date, a.elected) for a in ex.appointments} == {
        ("Mette Krogh", dt.date(2024, 4, 12), True), ("Ole Dam", dt.date(2024, 4, 12), True),
        ("Rikke Lund", dt.date(2024, 4, 12), True)}, "the general assembly's date, stated once just before"


def test_an_election_after_a_date_of_something_else_stays_undated():
    ex = minutes_with_item("Budgettet blev godkendt den 12. april 2024. "
                           "Mette Krogh blev valgt som formand for Vandrådet.")
    assert [(a.appointee, a.date) for a in ex.appointments] == [("Mette Krogh", None)], \
        "the nearest date is a budget's, not the election's"


def test_a_dated_election_starts_the_term_as_elected():
    meeting = MeetingRef("vandraadet", None, "d.txt#0")
    [m] = _members(appointments=[Appointment(meeting, "Mette Krogh", AppointmentStatus.DECIDED, _span(3),
                                             body="vandraadet", role=Role.CHAIR, date=dt.date(2024, 4, 12),
                                             elected=True)])
    assert (m.start, m.start_basis) == (dt.date(2024, 4, 12), "elected")


def _span(line: int) -> Span:
    return Span("d.txt", line, line)


def _members(**facts) -> list:
    ex = Extraction(DocumentInfo("d.txt", "0" * 64, 1, "utf-8", None), **facts)
    return derive_memberships([ex], resolve_people(sightings([ex])))


SPRING = MeetingRef("vandraadet", dt.date(2021, 3, 1))
AUTUMN = MeetingRef("vandraadet", dt.date(2021, 9, 1))
LATER = MeetingRef("vandraadet", dt.date(2023, 2, 1))


def test_seen_only_is_seen_from_not_start():
    [m] = _members(attendance=[Attendance(AUTUMN, "Mette Krogh", AttendanceStatus.PRESENT, _span(3)),
                               Attendance(SPRING, "Mette Krogh", AttendanceStatus.ABSENT, _span(2))])
    assert (m.start, m.start_basis, m.seen_from) == (None, "", dt.date(2021, 3, 1))


def test_stated_tenure_outranks_continuing_and_keeps_its_year():
    [m] = _members(roles=[
        RoleStatement("Mette Krogh", "vandraadet", Role.CHAIR, _span(4), AUTUMN.date, start_basis="continuing"),
        RoleStatement("Mette Krogh", "vandraadet", Role.CHAIR, _span(8), LATER.date, start_basis="stated-tenure",
                      since_year=2014)])
    assert (m.start_basis, m.start_year, m.start, m.seen_from) == ("stated-tenure", 2014, None, AUTUMN.date)


def test_a_left_member_appointed_again_has_two_terms_with_their_own_iris():
    members = _members(
        attendance=[Attendance(SPRING, "Mette Krogh", AttendanceStatus.PRESENT, _span(2))],
        roles=[RoleStatement("Mette Krogh", "vandraadet", Role.MEMBER, _span(5), AUTUMN.date, ends=True,
                             end_basis="left")],
        appointments=[Appointment(LATER, "Mette Krogh", AppointmentStatus.DECIDED, _span(9), body="vandraadet")])
    first, second = sorted(members, key=lambda m: m.term)
    assert (first.seen_from, first.end, first.end_basis, first.start_basis) == \
        (SPRING.date, AUTUMN.date, "left", "")
    assert (second.term, second.start, second.start_basis, second.end) == (2, LATER.date, "appointed", None)
    assert membership_iri(first.person, first.body, "medlem", first.term) != \
        membership_iri(second.person, second.body, "medlem", second.term)


def test_moving_to_another_employer_is_no_membership():
    members = _members(roles=[RoleStatement("Mette Krogh", "kommune-lyngby", Role.MEMBER, _span(4), AUTUMN.date,
                                            ends=True, end_basis="moved")])
    assert members == []


def test_who_sits_where_says_seen_from_not_start(corpus_store):
    result = run(corpus_store, named_queries()["who-sits-where"], {"person": "Jesper Kaas Schmidt"})
    names = [v.value for v in result.variables]
    rows = [{k: (v.value if v is not None else "") for k, v in zip(names, row)} for row in result]
    chair = [r for r in rows if r["role"] == "formand" and r["body"] == "KD-Net"]
    assert chair, rows
    assert {(r["start"], r["start_basis"]) for r in chair} == {("2014", "stated-tenure")}
    assert all(r["seen_from"] for r in chair)


def test_present_only_for_a_window_by_the_clock_is_a_guest_not_a_member():
    visit = PartialAttendance("deltog kl. 13.00 til 13.45", start=dt.time(13, 0), end=dt.time(13, 45))
    left_early = PartialAttendance("deltog ikke under punkt 4", items=("4",), attended=False)
    members = _members(attendance=[
        Attendance(SPRING, "Mette Krogh", AttendanceStatus.PARTIAL, _span(3), partial=visit),
        Attendance(SPRING, "Ib Lund", AttendanceStatus.PARTIAL, _span(4), partial=left_early)])
    assert {(m.person, m.role) for m in members} == {("mette-krogh", Role.GUEST), ("ib-lund", Role.MEMBER)}


@pytest.mark.parametrize("capacity, role", [(AttendanceCapacity.GUEST, Role.GUEST),
                                            (AttendanceCapacity.OBSERVER, Role.OBSERVER),
                                            (AttendanceCapacity.SECRETARY, Role.SECRETARIAT)])
def test_a_stated_capacity_is_never_a_membership(capacity, role):
    [m] = _members(attendance=[Attendance(SPRING, "Mette Krogh", AttendanceStatus.PRESENT, _span(3),
                                          capacity=capacity)])
    assert m.role is role

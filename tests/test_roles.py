"""Roles and appointments in the layouts of membership pages, news items and
minutes from any body, table-driven over snippets written for these tests
(invented names and bodies). Each snippet is read as the lines of one
meeting segment of the body "samraadet", as the segmenter gives a page
without a meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.appointments import extract_appointments
from kg.extract.context import MeetingContext
from kg.extract.roles import extract_roles, role_mark
from kg.resolve import derive_memberships, sightings
from kg.model import (
    Appointment, Attendance, AttendanceStatus, Body, DocumentInfo, DocumentKind, Extraction, MeetingRef, Role,
    RoleStatement, Span,
)
from kg.read import Line
from kg.resolve import resolve_people
from kg.segment import MeetingSegment

PAGE = MeetingRef("samraadet", None, "page.txt#0")


def _segment(text: str) -> MeetingSegment:
    lines = tuple(Line(number, line) for number, line in enumerate(text.split("\n"), start=1))
    return MeetingSegment(header=(), start=1, end=len(lines), lines=lines)


def roles_of(text: str) -> list[tuple[str, str, str]]:
    ctx = MeetingContext("page.txt", PAGE, DocumentKind.MINUTES)
    return sorted({(f.name, f.body, f.role.value) for f in extract_roles(_segment(text), ctx)
                   if isinstance(f, RoleStatement)})


def appointments_of(text: str) -> list[tuple[str, str, str, str]]:
    ctx = MeetingContext("page.txt", PAGE, DocumentKind.MINUTES)
    return sorted({(f.appointee, f.body, f.role.value, f.status.value)
                   for f in extract_appointments(_segment(text), ctx) if isinstance(f, Appointment)})


LISTS = [
    # Members grouped by the body that appointed them; titles before the names.
    ("Medlemmer af Trafikudvalget\n\n3 medlemmer udpeget af regionsrådet:\n\n- Regionsrådsmedlem Bo Dahl (A)\n\n"
     "2 medlemmer udpeget af KKR:\n\n- Borgmester Eva Lund (V), Skive Kommune\n- Formand for PLO-Syd Ole Krog\n",
     [("Bo Dahl", "trafikudvalget", "medlem"), ("Eva Lund", "kommune-skive", "borgmester"),
      ("Eva Lund", "trafikudvalget", "medlem"), ("Ole Krog", "plo-syd", "formand"),
      ("Ole Krog", "trafikudvalget", "medlem")],
     [("Bo Dahl", "trafikudvalget", "medlem", "decided"), ("Eva Lund", "trafikudvalget", "medlem", "decided"),
      ("Ole Krog", "trafikudvalget", "medlem", "decided")]),
    # "X har udpeget ... til Y (ABBR) - period:", a role mark after the municipality.
    ("Disse politikere har KKR udpeget til Rådet for Sundhed (RFS) - frem til den 1. maj 2030:\n\n"
     "- Ida Vang (F), Odder Kommune (næstformand)\n- Per Holm (C), Favrskov Kommune.\n\nRådet mødes fire gange om året.",
     [("Ida Vang", "raadet-for-sundhed", "medlem"), ("Ida Vang", "raadet-for-sundhed", "næstformand"),
      ("Per Holm", "raadet-for-sundhed", "medlem")],
     [("Ida Vang", "raadet-for-sundhed", "medlem", "decided"), ("Per Holm", "raadet-for-sundhed", "medlem", "decided")]),
    # Grouped under short headings, "Name, Title" and "Formand Name (B), Org"; a contact person is no member.
    ("Medlemmer af Samrådet\n\nRegion\n\n- Lise Berg, Koncerndirektør\n- Formand Karl Bach (B), Regionsrådet\n\n"
     "Kommuner\n\n- Kommunaldirektør Ane Skov, Greve Kommune\n\nAdministrativ kontaktperson\nChefkonsulent Tove Lind\n"
     "Referater fra samrådets møder ligger på regionens side, hvor de kan hentes som pdf-filer.",
     [("Ane Skov", "samraadet", "medlem"), ("Karl Bach", "samraadet", "formand"), ("Karl Bach", "samraadet", "medlem"),
      ("Lise Berg", "samraadet", "medlem"), ("Tove Lind", "samraadet", "sekretariat")],
     []),
    # Roles as labels under "... som medlemmer ...:", the text's own body.
    ("Bestyrelsen har disse direktører som medlemmer efter årsmødet:\n\nFormand: Jens Bro, Aarhus Kommune\n\n"
     "Næstformand: Rikke Dam, Vejle Kommune\n\nKredsformænd:\nSune Lyk, Stevns Kommune\nHenrik Ba",
     [("Jens Bro", "samraadet", "formand"), ("Jens Bro", "samraadet", "medlem"), ("Rikke Dam", "samraadet", "medlem"),
      ("Rikke Dam", "samraadet", "næstformand"), ("Sune Lyk", "samraadet", "kredsformand"),
      ("Sune Lyk", "samraadet", "medlem")],
     []),
    # A bare "Medlemmer:" label is a participant list (attendance), not a membership page.
    ("Medlemmer:\nBo Dahl, Eva Lund.", [], []),
]


@pytest.mark.parametrize("text, roles, appointments", LISTS, ids=[
    "appointed-by-groups", "appointed-to-body", "grouped-headings", "role-labels", "participant-label"])
def test_member_lists(text, roles, appointments):
    assert roles_of(text) == roles
    assert appointments_of(text) == appointments


SENTENCES = [
    # Mayor and chair in one sentence; the vice-chair of the body just named.
    ("Borgmester Bo Dahl (A), Skive Kommune, er formand for KKR Sjælland. Næstformand er borgmester "
     "Eva Lund (V) fra Greve Kommune.",
     [("Bo Dahl", "kkr-sjaelland", "formand"), ("Bo Dahl", "kommune-skive", "borgmester"),
      ("Eva Lund", "kkr-sjaelland", "næstformand"), ("Eva Lund", "kommune-greve", "borgmester")]),
    # A chair of a body kg does not know, with an open job title before the name.
    ("Oplæg v. formand for Arbejdsgruppen om Fødsler, jordemoderchef Ida Vang.",
     [("Ida Vang", "arbejdsgruppen-om-foedsler", "formand")]),
    # Role marks after names in a run-on list outside the participant blocks.
    ("Til mødet kom Ida Vang, KL/formand Ole Krog, Skive Kommune Karl Bach (næstformand) og andre.",
     [("Ida Vang", "samraadet", "formand"), ("Karl Bach", "samraadet", "næstformand")]),
    # Re-elected chair of the text's own body; leaving a body.
    ("Direktør Jens Bro i Aarhus Kommune blev genvalgt som formand for de næste to år. "
     "Per Holm, Odder Kommune, udtræder af Styregruppen.",
     [("Jens Bro", "samraadet", "formand"), ("Per Holm", "styregruppen", "medlem")]),
    # First names resolved by the full names the same text gives.
    ("Deltog: Ida Vang og Ole Krog.\nDer blev besluttet om formandskabet for Samrådet, således at Ida er formand, "
     "og Ole er næstformand.",
     [("Ida Vang", "samraadet", "formand"), ("Ole Krog", "samraadet", "næstformand")]),
    # Representatives of the text's body in another.
    ("Samrådet er repræsenteret ved Ida Vang og Ole Krog i Dialogforum.",
     [("Ida Vang", "dialogforum", "medlem"), ("Ole Krog", "dialogforum", "medlem")]),
    # Organisations are not people, and a first name two people share stays unresolved.
    ("Formand for Region Syddanmark deltog. Deltog: Ida Vang og Ida Holm. Ida er formand for Samrådet.", []),
]


@pytest.mark.parametrize("text, roles", SENTENCES, ids=[
    "mayor-and-chair", "open-body-open-title", "marks-in-run-on-list", "reelected-and-leaving", "first-names",
    "represented-by", "not-people"])
def test_role_sentences(text, roles):
    assert roles_of(text) == roles


APPOINTMENTS = [
    ("Beslutning\nEva Lund, Skive Kommune blev godkendt som nyt medlem af Styregruppen.",
     [("Eva Lund", "styregruppen", "medlem", "decided")]),
    ("Indstilling\nDet indstilles at godkende Per Holm som nyt medlem af Styregruppen.",
     [("Per Holm", "styregruppen", "medlem", "proposed")]),
    ("Kommunaldirektør Bo Dahl, Odder Kommune og kommunaldirektør Ida Vang, Skive Kommune, er valgt som nye "
     "medlemmer af bestyrelsen.",
     [("Bo Dahl", "samraadet", "medlem", "decided"), ("Ida Vang", "samraadet", "medlem", "decided")]),
    ("Ole Krog blev godkendt som ny repræsentant til Dialogforum og de årlige møder med ministeriet.",
     [("Ole Krog", "dialogforum", "medlem", "decided")]),
    ("Deltog: Ida Vang og Ole Krog.\nDer blev truffet beslutning om formandskabet for Samrådet, således at Ida er "
     "formand.", [("Ida Vang", "samraadet", "formand", "decided")]),
]


@pytest.mark.parametrize("text, expected", APPOINTMENTS, ids=[
    "approved-new-member", "proposed-new-member", "elected-members-of-own-body", "new-representative",
    "first-name-chair-decided"])
def test_elections(text, expected):
    assert appointments_of(text) == expected


@pytest.mark.parametrize("text, role", [
    ("Lone Lund (A), Formand", Role.CHAIR), ("Lone Lund (C), Næstformand- afbud", Role.VICE_CHAIR),
    ("Lone Lund, KL/formand", Role.CHAIR), ("Lone Lund (næstformand)", Role.VICE_CHAIR),
    ("Lone Lund, Silkeborg (fmd.)", Role.CHAIR), ("Lone Lund, formand for udvalget", None)])
def test_role_marks(text, role):
    assert role_mark(text) is role


def test_a_body_named_only_in_an_appointment_is_given_with_its_name():
    ctx = MeetingContext("page.txt", PAGE, DocumentKind.MINUTES)
    facts = list(extract_appointments(_segment("Ole Krog blev godkendt som ny repræsentant til Dialogforum."), ctx))
    assert [(b.key, b.name) for b in facts if isinstance(b, Body)] == [("dialogforum", "Dialogforum")]


def test_capacities_are_not_memberships():
    meeting = MeetingRef("samraadet", dt.date(2024, 5, 3))
    span = Span("page.txt", 4, 4)
    attendance = [Attendance(meeting, "Bo Dahl", AttendanceStatus.PRESENT, span),
                  Attendance(meeting, "Eva Lund", AttendanceStatus.PRESENT, span, group="Gæster"),
                  Attendance(meeting, "Ida Vang", AttendanceStatus.PRESENT, span, group="Tilstedeværende observatører"),
                  Attendance(meeting, "Ole Krog", AttendanceStatus.PRESENT, span, group="Fra sekretariatet"),
                  Attendance(meeting, "Per Holm", AttendanceStatus.SUBSTITUTE, span, substitute_for="Bo Dahl")]
    ex = Extraction(DocumentInfo("page.txt", "0", 1, "utf-8", DocumentKind.MINUTES), attendance=attendance)
    found = {(m.person, m.role) for m in derive_memberships([ex], resolve_people(sightings([ex])))}
    assert found == {("bo-dahl", Role.MEMBER), ("eva-lund", Role.GUEST), ("ida-vang", Role.OBSERVER),
                     ("ole-krog", Role.SECRETARIAT), ("per-holm", Role.SUBSTITUTE)}

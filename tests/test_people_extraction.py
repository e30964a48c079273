"""Attendance, roles, appointments and mentions, table-driven over short
Danish snippets written for these tests."""

from __future__ import annotations

import pytest

from snippets import minutes_with_item, minutes_with_lists

ATTENDANCE = [
    ("Afbud: Bo Dahl\nCarl Berg", [("Bo Dahl", "absent", ""), ("Carl Berg", "absent", "")]),
    ("Afbud: Bo Dahl, i stedet deltog Eva Lund",
     [("Bo Dahl", "absent", ""), ("Eva Lund", "substitute", "Bo Dahl"), ("Eva Lund", "present", "Bo Dahl")]),
    ("Afbud: Bo Dahl, i stedet deltager Eva Lund",
     [("Bo Dahl", "absent", ""), ("Eva Lund", "substitute", "Bo Dahl"), ("Eva Lund", "present", "Bo Dahl")]),
    ("Afbud:\tBo Dahl, Ida Vang (Direktør Eva Lund deltog i stedet for Ida), Ole Krog.",
     [("Bo Dahl", "absent", ""), ("Eva Lund", "substitute", "Ida Vang"), ("Eva Lund", "present", "Ida Vang"),
      ("Ida Vang", "absent", ""),
      ("Ole Krog", "absent", "")]),
    ("Deltagere\n\nBo Dahl, Favrskov Kommune\nCarl Berg, Skive Kommune\n\nAfbud\n\nEva Lund, Odder Kommune",
     [("Bo Dahl", "present", ""), ("Carl Berg", "present", ""), ("Eva Lund", "absent", "")]),
    ("Deltagere: Direktørerne i regionen, sekretariatet. Karen Juhl deltog fra kl. 11.",
     [("Karen Juhl", "partial", "")]),
    ("Deltagere: Direktørerne i regionen eller deres suppleanter.", []),
]


@pytest.mark.parametrize("lists, expected", ATTENDANCE, ids=[
    "plain-list", "i-stedet-deltog", "i-stedet-deltager", "first-name-only", "municipality-columns",
    "named-in-description", "no-names"])
def test_attendance(lists, expected):
    ex = minutes_with_lists(lists)
    assert sorted((a.name, a.status.value, a.substitute_for) for a in ex.attendance) == sorted(expected)


def test_attendance_keeps_municipality_and_group():
    ex = minutes_with_lists("Deltagere\n\nBo Dahl, Favrskov Kommune\n\nKL\n\nEva Lund, konsulent")
    by_name = {a.name: a for a in ex.attendance}
    assert by_name["Bo Dahl"].municipality == "710"
    assert (by_name["Eva Lund"].group, by_name["Eva Lund"].title) == ("KL", "konsulent")


ROLES = [
    ("Formand for DASSOS, Bo Dahl, fortsætter.", [("Bo Dahl", "dassos", "formand", False)]),
    ("KD-Nets formand, Bo Dahl, takkede.", [("Bo Dahl", "kd-net", "formand", False)]),
    ("Bo Dahl fortsætter som formand for KOSU.", [("Bo Dahl", "kosu", "formand", False)]),
    ("Næstformandskabet i KOSU varetages af direktør Eva Lund fra Skive samt direktør Ole Krog fra Herning.",
     [("Eva Lund", "kosu", "næstformand", False), ("Ole Krog", "kosu", "næstformand", False)]),
    ("Brevet kom fra formandskabet for KKR Syddanmark borgmester Eva Lund og borgmester Ole Krog.",
     [("Eva Lund", "kkr-syddanmark", "formandskab", False), ("Ole Krog", "kkr-syddanmark", "formandskab", False)]),
    ("Bo Dahl (V), som er medlem af byrådet, har ønsket at trække sig fra sin plads i KKR Sjælland.",
     [("Bo Dahl", "kkr-sjaelland", "medlem", True)]),
    ("Styregruppe\tMedformand\nMidtklyngen (Silkeborg)\tBo Dahl",
     [("Bo Dahl", "midtklyngen", "medformand", False)]),
    ("Trafikstyregruppe\tKlimastyregruppe\nBo Dahl, Skive (fmd.)\tEva Lund, Aarhus (medfmd.)\nOle Krog, Randers",
     [("Bo Dahl", "trafikstyregruppen-midtjylland", "formand", False),
      ("Eva Lund", "klimastyregruppen-midtjylland", "medformand", False),
      ("Ole Krog", "trafikstyregruppen-midtjylland", "medlem", False)]),
    ("Formanden for Region Midtjylland Bo Dahl deltog.", []),
    ("Lars Holm sagde, at formanden skal vælges senere.", []),
]


@pytest.mark.parametrize("text, expected", ROLES, ids=[
    "role-for-body-name", "body-genitive", "continues-as", "held-by-list", "chairmanship-titled-list",
    "leaves-seat", "role-column-table", "body-column-table", "not-a-body", "no-name"])
def test_role_statements(text, expected):
    ex = minutes_with_item(text)
    assert sorted((r.name, r.body, r.role.value, r.ends) for r in ex.roles) == sorted(expected)


APPOINTMENTS = [
    ("Indstilling\n\nDet indstilles at\n\n- Bo Dahl (Skive Kommune) udpeges til KD-Nets Uddannelsesstyregruppe\n\n"
     "Beslutning\n\nKD-Net godkendte udpegningerne.",
     [("Bo Dahl", "uddannelsesstyregruppen-midtjylland", "decided", "779")]),
    ("Indstilling\n\nDet indstilles, at Bo Dahl (V), medlem af kommunalbestyrelsen i Rebild Kommune, udpeges til "
     "posten.\n\nSagsfremstilling\n\nEva Lund (V) har ønsket at trække sig fra sin plads i KKR Nordjylland.",
     [("Bo Dahl", "kkr-nordjylland", "proposed", "840")]),
    ("Indstilling\n\nDet indstilles, at Skive Kommune udpeges som ankerkommune vedr. den nye uddannelse.\n\n"
     "Beslutning\n\nIkke behandlet.",
     [("779", "", "proposed", "779")]),
    ("Det indstilles, at der udpeges nye medlemmer fra samme kommuner.", []),
]


@pytest.mark.parametrize("body, expected", APPOINTMENTS, ids=[
    "decided-to-group", "proposed-to-post-from-title", "anchor-municipality", "nobody-named"])
def test_appointments(body, expected):
    ex = minutes_with_item(body, title="Udpegning til KKR Nordjylland")
    assert sorted((a.appointee, a.body, a.status.value, a.municipality) for a in ex.appointments) == expected


def test_appointment_to_a_post_names_the_person_it_replaces():
    ex = minutes_with_item(APPOINTMENTS[1][0], title="Udpegning til KKR Nordjylland")
    assert ex.appointments[0].replaces == "Eva Lund"


MENTIONS = [
    ("Lars Holm orienterede om sagen.", [("Lars Holm", "speaker", "")]),
    ("Brevet blev sendt af borgmester Eva Lund.", [("Eva Lund", "titled", "borgmester")]),
    ("I forbindelse med Kate Bøghs pensionering blev opgaven delt.", [("Kate Bøgh", "named", "")]),
    ("H. C. Dahl vil indlede drøftelsen.", [("H. C. Dahl", "named", "")]),
    ("Mødet holdes i Region Midtjylland, Scandic Silkeborg, Søren Nymarks Vej 3.", []),
    ("A. Organisering af samarbejdet. B. Strategiske temaer.", []),
]


@pytest.mark.parametrize("text, expected", MENTIONS, ids=[
    "speaker", "titled", "genitive", "initials", "places-are-not-people", "lettered-list"])
def test_mentions(text, expected):
    ex = minutes_with_item(text)
    assert [(m.name, m.kind, m.title) for m in ex.mentions] == expected


def test_a_chair_marked_in_a_participant_list_is_a_role():
    ex = minutes_with_lists("Deltagere\n\nMette Lund, Næstved Kommune (fmd.)\nOle Krog, Køge Kommune")
    assert [(r.name, r.body, r.role.value) for r in ex.roles] == [("Mette Lund", "kd-net", "formand")]
    assert {a.name for a in ex.attendance} == {"Mette Lund", "Ole Krog"}

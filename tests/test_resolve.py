"""Identity resolution: spelling variants merge, people who share a last
name do not, and an ambiguous name is reported, never silently picked."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.resolve import derive_memberships, sightings
from kg.model import (
    Appointment, AppointmentStatus, Attendance, AttendanceStatus, DocumentInfo, Extraction, MeetingRef, Role,
    RoleStatement, Span,
)
from kg.resolve import Sighting, resolve_people, same_person

SAME = [
    ("Jan Kallestrup", "Jan Kallstrup", "spelling variant"),
    ("Jesper Thyrring Møller", "Jesper Thyrring", "shorter form"),
    ("Lasse Jacobsen", "Lasse Jakobsen", "spelling variant"),
    ("H.C. Østerby", "H. C. Østerby", "written differently"),
    ("Knud N. Mathiesen", "Knud Mathiesen", "middle initial"),
    ("Kate Bøgh", "Kate Bøghs", "genitive"),
]
DIFFERENT = [
    ("Lars Møller", "Rasmus Møller"),
    ("Lars Møller", "Poul Møller"),
    ("Jesper Kaas Schmidt", "Jesper Thyrring Møller"),
    ("Peter Sørensen", "Peter Pedersen"),
    ("Torsten Nielsen", "Torben Nielsen"),
    ("Per Møller Jensen", "Per Mathiasen"),
    ("Kim Kofoed", "Kim Søvsø"),
    ("Bo Dahl", "Bo Dal"),  # too short a name for a one-letter difference
]


@pytest.mark.parametrize("a, b, reason", SAME, ids=[f"{a}~{b}" for a, b, _ in SAME])
def test_same_person(a, b, reason):
    assert reason in (same_person(a, b) or "") and reason in (same_person(b, a) or "")


@pytest.mark.parametrize("a, b", DIFFERENT, ids=[f"{a}!{b}" for a, b in DIFFERENT])
def test_different_people(a, b):
    assert same_person(a, b) is None


def span(line: int, doc: str = "d.txt") -> Span:
    return Span(doc, line, line)


def test_variants_are_kept_with_where_they_were_seen():
    people = resolve_people([Sighting("Jan Kallestrup", span(1)), Sighting("Jan Kallestrup", span(2, "e.txt")),
                             Sighting("Jan Kallstrup", span(9, "f.txt"))])
    (person,) = people.people
    assert person.name == "Jan Kallestrup"
    assert person.variants["Jan Kallstrup"] == [span(9, "f.txt")]
    assert "spelling variant" in person.reasons["Jan Kallstrup"]


def test_an_ambiguous_name_is_reported_and_kept_apart():
    people = resolve_people([Sighting("Jesper Thyrring Møller", span(1)), Sighting("Jesper Thyrring Hansen", span(2)),
                             Sighting("Jesper Thyrring", span(3))])
    assert len(people.people) == 3
    assert any("could be" in w.message for w in people.warnings)


def test_resolution_does_not_depend_on_input_order():
    names = ["Jan Kallstrup", "Lars Møller", "Jan Kallestrup", "Rasmus Møller", "Jan Kallestrup"]
    keys = lambda ns: sorted((p.key, sorted(p.variants)) for p in resolve_people(
        [Sighting(n, span(i)) for i, n in enumerate(ns, 1)]).people)
    assert keys(names) == keys(list(reversed(names)))


KKR = MeetingRef("kkr-sjaelland", dt.date(2021, 3, 1))
LATER = MeetingRef("kkr-sjaelland", dt.date(2021, 9, 1))


def extraction(**facts) -> Extraction:
    return Extraction(DocumentInfo("d.txt", "0" * 64, 1, "utf-8", None), **facts)


def test_membership_only_seen_has_no_start_and_ends_at_replacement():
    ex = extraction(
        attendance=[Attendance(KKR, "Bo Dahl", AttendanceStatus.PRESENT, span(3)),
                    Attendance(KKR, "Eva Lund", AttendanceStatus.SUBSTITUTE, span(4), substitute_for="Bo Dahl")],
        appointments=[Appointment(LATER, "Ole Krog", AppointmentStatus.DECIDED, span(9), body="kkr-sjaelland",
                                  replaces="Bo Dahl")])
    people = resolve_people(sightings([ex]))
    memberships = derive_memberships([ex], people)
    members = {m.person: m for m in memberships if m.role is Role.MEMBER}
    bo = members["bo-dahl"]
    assert (bo.start, bo.start_basis, bo.seen_from, bo.end, bo.end_basis) == \
        (None, "", dt.date(2021, 3, 1), dt.date(2021, 9, 1), "succeeded")
    assert (members["ole-krog"].start, members["ole-krog"].start_basis) == (dt.date(2021, 9, 1), "appointed")
    # A substitute is not a member: she sat in that capacity.
    assert [m.role for m in memberships if m.person == "eva-lund"] == [Role.SUBSTITUTE]


def test_proposed_appointments_open_no_membership():
    ex = extraction(appointments=[Appointment(KKR, "Ole Krog", AppointmentStatus.PROPOSED, span(9),
                                              body="kkr-sjaelland")])
    assert derive_memberships([ex], resolve_people(sightings([ex]))) == []


def test_role_statement_gives_a_role_membership():
    ex = extraction(roles=[RoleStatement("Bo Dahl", "dassos", Role.CHAIR, span(5), dt.date(2020, 1, 24))])
    (m,) = derive_memberships([ex], resolve_people(sightings([ex])))
    assert (m.body, m.role, m.seen_from) == ("dassos", Role.CHAIR, dt.date(2020, 1, 24))


def _variants(name: str, rng) -> list[str]:
    """Spellings same_person may join to `name`, and some it may not: a letter
    dropped, added or changed, c/k and aa/å, a genitive, a middle initial, a
    longer form, another case."""
    first, *rest = name.split()
    last = rest[-1]
    i = rng.randrange(len(last))
    return [name, name.upper(), f"{first} {' '.join(rest[:-1] + [last[:i] + last[i + 1:]])}".replace("  ", " "),
            f"{first} {' '.join(rest[:-1] + [last[:i] + 'e' + last[i:]])}".replace("  ", " "),
            f"{first} {' '.join(rest[:-1] + [last[:i] + 'x' + last[i + 1:]])}".replace("  ", " "),
            name.replace("k", "c").replace("å", "aa"), f"{name}s", f"{first} {rng.choice('ABKN')}. {' '.join(rest)}",
            f"{name} {rng.choice(['Holm', 'Lund', 'Kjær'])}", f"{first} {rng.choice(['Berg', 'Krag'])}"]


def test_blocking_never_keeps_apart_two_names_the_rules_join():
    import random
    from kg.resolve.identity import _block_keys
    rng = random.Random(3)
    names = [v for base in ("Jan Kallestrup", "Lasse Jakobsen", "Kate Bøgh", "Åse Aagaard", "Jesper Thyrring Møller",
                            "H.C. Østerby", "Knud N. Mathiesen", "Bo Dahl", "Mette Frederiksen")
             for v in _variants(base, rng)]
    joined = [(a, b) for a in names for b in names if same_person(a, b)]
    assert len(joined) > len(names), "the variants give the rules something to join"
    for a, b in joined:
        assert _block_keys(a) & _block_keys(b), f"{a!r} and {b!r} are one person but share no blocking key"


def test_resolution_with_blocking_equals_comparing_every_pair():
    import random
    rng = random.Random(5)
    names = [v for base in ("Jan Kallestrup", "Jan Kallstrup Holm", "Lasse Jacobsen", "Kate Bøgh", "Lars Møller",
                            "Rasmus Møller", "Knud Mathiesen", "Knud N. Mathiesen", "Knud M. Mathiesen")
             for v in _variants(base, rng)]
    result = resolve_people([Sighting(n, span(i + 1)) for i, n in enumerate(names)])
    # Every pair: a spelling is merged into a person only if some spelling of that person joins it,
    # and a spelling kept apart joins no person it could have been merged into unambiguously.
    for person in result.people:
        for spelling in person.variants:
            if spelling != person.name and person.reasons.get(spelling) != "the same name written differently":
                assert any(same_person(spelling, other) for other in person.variants if other != spelling), spelling
    for i, p in enumerate(result.people):
        for q in result.people[i + 1:]:
            pairs = [(a, b) for a in p.variants for b in q.variants if same_person(a, b)]
            ambiguous = any(f"{v!r}" in w.message for w in result.warnings for v in (*p.variants, *q.variants))
            assert not pairs or ambiguous, f"{p.name} and {q.name} join ({pairs[0]}) but were kept apart"

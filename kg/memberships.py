"""Memberships over time, derived from every document's facts once people
are resolved.

Evidence that a person holds a role in a body:
  - being listed (present or absent) at a meeting of the body: member;
  - being listed under a secretariat heading ("KKR sekretariatet"): the
    meeting body's secretariat; under "Gæster", "Observatører" or as a
    substitute: that capacity; under a body's name ("KD-Net"): its member;
  - a role statement ("formand for DASSOS", a membership table);
  - a decided appointment: the membership starts at that meeting.
A membership starts at the appointment, else at the first meeting that
evidences it ("first-evidence"). It ends where the text says so (a role
statement that ends it) or where a decided appointment replaces the person.
Substitutes, guests, observers and secretaries are not members: they sit at
the meeting in that capacity, which is recorded as a role of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.danish.roles import capacity
from kg.model import AppointmentStatus, Attendance, AttendanceStatus, Extraction, MeetingRef, Role, Span
from kg.reference import bodies
from kg.resolve import Resolution, Sighting, normalize_name

# Bodies whose staff attend meetings without being members of them.
_NOT_MEMBERSHIPS = {"association"}


@dataclass(frozen=True, slots=True)
class Membership:
    """A person's role in a body over an interval. `start_basis` is
    "appointed", "stated", "first-evidence" or "undated" (known only
    from records without a date); `end` is None while the
    documents show no end. `appointed_at` is the meeting that appointed."""

    person: str
    body: str
    role: Role
    municipality: str
    start: dt.date | None
    start_basis: str
    end: dt.date | None
    evidence: tuple[Span, ...]
    appointed_at: MeetingRef | None = None


@dataclass
class _Evidence:
    dates: list[dt.date] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    appointed: list[tuple[dt.date, MeetingRef]] = field(default_factory=list)
    ends: list[dt.date] = field(default_factory=list)
    municipalities: list[tuple[dt.date, str]] = field(default_factory=list)


def sightings(extractions: Iterable[Extraction]) -> list[Sighting]:
    """Every person's name as written, with where, from all facts."""
    found: list[Sighting] = []
    for ex in extractions:
        for item in ex.items:
            found += [Sighting(name, item.span) for name in item.presenters]
        for a in ex.attendance:
            found.append(Sighting(a.name, a.span, a.municipality))
            if a.substitute_for:
                found.append(Sighting(a.substitute_for, a.span))
        for r in ex.roles:
            found.append(Sighting(r.name, r.span, r.municipality))
        for ap in ex.appointments:
            if not ap.appointee_is_municipality:
                found.append(Sighting(ap.appointee, ap.span, ap.municipality))
            if ap.replaces:
                found.append(Sighting(ap.replaces, ap.span))
        found += [Sighting(m.name, m.span) for m in ex.mentions]
        found += [Sighting(m.written, m.span) for m in ex.mentions if m.written]
    return found


def derive_memberships(extractions: Iterable[Extraction], people: Resolution) -> list[Membership]:
    """Memberships from all facts, one per (person, body, role)."""
    evidence: dict[tuple[str, str, Role], _Evidence] = {}

    def add(name: str, body: str, role: Role, date: dt.date | None, span: Span, municipality: str = "") -> _Evidence:
        key = people.key_of.get(normalize_name(name))
        record = evidence.setdefault((key or name, body, role), _Evidence())
        if date:
            record.dates.append(date)
            if municipality:
                record.municipalities.append((date, municipality))
        record.spans.append(span)
        return record

    for ex in extractions:
        for a in ex.attendance:
            body, role = _attendance_role(a)
            if body:
                add(a.name, body, role, a.meeting.date, a.span, a.municipality if role is Role.MEMBER else "")
        for r in ex.roles:
            record = add(r.name, r.body, r.role, None if r.ends else r.date, r.span, r.municipality)
            if r.ends and r.date:
                record.ends.append(r.end or r.date)
        for ap in ex.appointments:
            if ap.status is not AppointmentStatus.DECIDED or ap.appointee_is_municipality or not ap.body:
                continue
            record = add(ap.appointee, ap.body, ap.role, ap.meeting.date, ap.span, ap.municipality)
            if ap.meeting.date:
                record.appointed.append((ap.meeting.date, ap.meeting))
                if ap.replaces:
                    add(ap.replaces, ap.body, Role.MEMBER, None, ap.span).ends.append(ap.meeting.date)
    return sorted((_membership(key, record) for key, record in evidence.items()),
                  key=lambda m: (m.person, m.body, m.role.value))


def _attendance_role(a: Attendance) -> tuple[str, Role]:
    """(body key, role) that being listed at a meeting evidences, or ("", _)
    for none: a substitute, guest, observer or secretary sits at the meeting
    in that capacity, not as a member; a group named after a body ("KD-Net")
    makes its people members of that body."""
    if a.status is AttendanceStatus.SUBSTITUTE or a.substitute_for:
        return a.meeting.body, Role.SUBSTITUTE
    listed_as = capacity(" ".join((a.group, a.title)))
    if listed_as is not None:
        return a.meeting.body, listed_as
    if not a.group:
        return a.meeting.body, Role.MEMBER
    group_body = bodies().lookup(a.group)
    if group_body and group_body.kind not in _NOT_MEMBERSHIPS:
        return group_body.key, Role.MEMBER
    return "", Role.MEMBER


def _membership(key: tuple[str, str, Role], record: _Evidence) -> Membership:
    person, body, role = key
    appointed_at = min(record.appointed, key=lambda a: a[0]) if record.appointed else None
    if appointed_at:
        start, basis = appointed_at[0], "appointed"
    else:
        start, basis = (min(record.dates), "first-evidence") if record.dates else (None, "undated")
    ends = sorted(e for e in record.ends if start is None or e >= start)
    municipality = max(record.municipalities)[1] if record.municipalities else ""
    return Membership(person, body, role, municipality, start, basis, ends[0] if ends else None,
                      tuple(dict.fromkeys(record.spans)), appointed_at[1] if appointed_at else None)


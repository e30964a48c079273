"""Memberships over time, derived from every document's facts once people
are resolved.

Evidence that a person holds a role in a body:
  - being listed (present or absent) at a meeting of the body: member;
  - being listed under a secretariat heading ("KKR sekretariatet"): the
    meeting body's secretariat; under "Gæster", "Observatører" or as a
    substitute: that capacity; under a body's name ("KD-Net"): its member;
  - a role statement ("formand for DASSOS", a membership table);
  - a decided appointment.
A term of office has a start and an end, each with its basis, and never
passes a date off as a start that the text does not give:
  - start basis "appointed" (a decided appointment: `start` is that
    meeting's date), "elected" or "constituted" ("blev valgt som formand":
    `start` only where the text gives the date), "stated-tenure" (held since
    about `start_year`: "10-årigt jubilæum som formand til næste år"),
    "continuing" ("fortsætter som formand": from before, start unknown), or
    "" when the documents only show the person in the role;
  - `seen_from` is always the first meeting that evidences the term: what
    kg saw, not when the term began;
  - end basis "left" ("udtræder", "fratræder", "stopper"), "retired"
    ("går på pension"), "succeeded" (a decided appointment replaces the
    person), with `end` its date; "" while the documents show no end.
Evidence after an end, from a later appointment or election, is a second
term of its own (`term` 2, ...). Leaving an employer ("fratræder som
kommunaldirektør i X og tiltræder som ... i Y") ends a job, not a membership.
Substitutes, guests, observers and secretaries are not members: they sit at
the meeting in that capacity, which is recorded as a role of its own; so does
someone present only for a window by the clock ("deltog kl. 11.30 til
12.30"), a visitor (a guest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.danish.roles import capacity
from kg.model import (
    AppointmentStatus, Attendance, AttendanceCapacity, AttendanceStatus, Extraction, MeetingRef, Role, Span,
)
from kg.reference import bodies
from kg.resolve.identity import Resolution, Sighting, normalize_name

# Bodies whose staff attend meetings without being members of them.
_NOT_MEMBERSHIPS = {"association"}
# The capacity an attendance record states, as the role it gives (never a membership).
_CAPACITY_ROLES = {AttendanceCapacity.GUEST: Role.GUEST, AttendanceCapacity.OBSERVER: Role.OBSERVER,
                   AttendanceCapacity.SECRETARY: Role.SECRETARIAT}
# Start bases by strength: the first present among a term's evidence is the term's.
START_BASES = ("appointed", "elected", "constituted", "stated-tenure", "continuing")
# Bases under which the text dates the start itself.
_DATED = {"appointed", "elected", "constituted"}


@dataclass(frozen=True, slots=True)
class Membership:
    """A person's term in a role in a body (see the module docstring for the
    bases). `end` is None while the documents show no end. `appointed_at` is
    the meeting that appointed; `term` numbers the person's separate terms in
    the same role and body, from 1."""

    person: str
    body: str
    role: Role
    municipality: str
    start: dt.date | None
    start_basis: str
    end: dt.date | None
    evidence: tuple[Span, ...]
    appointed_at: MeetingRef | None = None
    seen_from: dt.date | None = None
    start_year: int | None = None
    end_basis: str = ""
    term: int = 1


@dataclass(frozen=True, slots=True)
class _Point:
    """One piece of evidence: its date (None when undated), the start basis
    it gives, and the appointing meeting when it is an appointment."""

    date: dt.date | None
    span: Span
    basis: str = ""
    since_year: int | None = None
    start: dt.date | None = None
    appointed_at: MeetingRef | None = None
    municipality: str = ""


@dataclass
class _Evidence:
    points: list[_Point] = field(default_factory=list)
    ends: list[tuple[dt.date, str]] = field(default_factory=list)


# Where facts name people: each fact list with the (name, municipality)
# pairs one of its facts gives, in the order sightings reads them (every
# mention's name before any mention's written form). The one rule of what
# names a person: the link index keeps these facts by name (kg/linkindex.py).
NAMING = (
    ("items", lambda f: [(name, "") for name in f.presenters]),
    ("attendance", lambda f: [(f.name, f.municipality), *([(f.substitute_for, "")] if f.substitute_for else [])]),
    ("roles", lambda f: [(f.name, f.municipality)]),
    ("appointments", lambda f: [*([] if f.appointee_is_municipality else [(f.appointee, f.municipality)]),
                                *([(f.replaces, "")] if f.replaces else [])]),
    ("mentions", lambda f: [(f.name, "")]),
    ("mentions", lambda f: [(f.written, "")] if f.written else []),
)


def sightings(extractions: Iterable[Extraction]) -> list[Sighting]:
    """Every person's name as written, with where, from all facts."""
    found: list[Sighting] = []
    for ex in extractions:
        for kind, names in NAMING:
            for fact in getattr(ex, kind):
                found += [Sighting(name, fact.span, municipality) for name, municipality in names(fact)]
    return found


def derive_memberships(extractions: Iterable[Extraction], people: Resolution) -> list[Membership]:
    """Memberships from all facts: one per term of each (person, body, role)."""
    evidence: dict[tuple[str, str, Role], _Evidence] = {}

    def add(name: str, body: str, role: Role, point: _Point | None) -> _Evidence:
        key = people.key_of.get(normalize_name(name))
        record = evidence.setdefault((key or name, body, role), _Evidence())
        if point is not None:
            record.points.append(point)
        return record

    for ex in extractions:
        for a in ex.attendance:
            body, role = _attendance_role(a)
            if body:
                add(a.name, body, role, _Point(a.meeting.date, a.span,
                                               municipality=a.municipality if role is Role.MEMBER else ""))
        for r in ex.roles:
            if r.ends and r.end_basis == "moved":
                continue  # a job left for another employer, not a membership
            if r.ends:
                record = add(r.name, r.body, r.role, _Point(None, r.span, municipality=r.municipality))
                if r.date:
                    record.ends.append((r.end or r.date, r.end_basis))
                continue
            start = r.stated_start if r.start_basis in _DATED else None
            add(r.name, r.body, r.role, _Point(r.date, r.span, r.start_basis, r.since_year, start,
                                               municipality=r.municipality))
        for ap in ex.appointments:
            if ap.status is not AppointmentStatus.DECIDED or ap.appointee_is_municipality or not ap.body:
                continue
            date = ap.date or ap.meeting.date  # an election dated in the text, else the meeting
            basis = ("elected" if ap.elected else "appointed") if date else ""
            add(ap.appointee, ap.body, ap.role, _Point(date, ap.span, basis, start=date,
                                                       appointed_at=ap.meeting if ap.meeting.date else None,
                                                       municipality=ap.municipality))
            if ap.replaces and date:
                add(ap.replaces, ap.body, Role.MEMBER, _Point(None, ap.span)).ends.append((date, "succeeded"))
    terms = [m for key, record in evidence.items() for m in _terms(key, record)]
    return sorted(terms, key=lambda m: (m.person, m.body, m.role.value, m.term))


def _attendance_role(a: Attendance) -> tuple[str, Role]:
    """(body key, role) that being listed at a meeting evidences, or ("", _)
    for none: a substitute, guest, observer or secretary sits at the meeting
    in that capacity, not as a member; a group named after a body ("KD-Net")
    makes its people members of that body."""
    if a.status is AttendanceStatus.SUBSTITUTE or a.substitute_for:
        return a.meeting.body, Role.SUBSTITUTE
    if a.capacity in _CAPACITY_ROLES:
        return a.meeting.body, _CAPACITY_ROLES[a.capacity]
    if _visited(a):
        return a.meeting.body, Role.GUEST
    listed_as = capacity(" ".join((a.group, a.title)))
    if listed_as is not None:
        return a.meeting.body, listed_as
    if not a.group:
        return a.meeting.body, Role.MEMBER
    group_body = bodies().lookup(a.group)
    if group_body and group_body.kind not in _NOT_MEMBERSHIPS:
        return group_body.key, Role.MEMBER
    return "", Role.MEMBER


def _terms(key: tuple[str, str, Role], record: _Evidence) -> list[Membership]:
    """The record cut into terms: an end closes a term, and evidence dated
    after it opens another only when it gives a start of its own (an
    appointment or an election after the end); plain sightings after an
    end stay in the term the end closed (a later document may quote an
    older meeting)."""
    dated = sorted((p for p in record.points if p.date), key=lambda p: p.date)
    ends = sorted(set(record.ends))
    groups: list[list[_Point]] = [[]]
    closing: list[tuple[dt.date, str]] = []  # the end that closed each group but the last
    for point in dated:
        open_since = groups[-1][0].date if groups[-1] else None
        passed = [e for e in ends if e[0] < point.date and (open_since is None or e[0] >= open_since)]
        if passed and point.basis in _DATED and groups[-1]:
            closing.append(passed[-1])
            groups.append([])
        groups[-1].append(point)
    groups[0] += [p for p in record.points if not p.date]
    last_since = groups[-1][0].date if groups[-1] and groups[-1][0].date else None
    last_end = next((e for e in ends if last_since is None or e[0] >= last_since), None)
    return [_membership(key, group, closing[i] if i < len(closing) else last_end, i + 1)
            for i, group in enumerate(groups)]


def _visited(a: Attendance) -> bool:
    """Present only for a window of the meeting by the clock ("deltog kl.
    11.30 til 12.30"): a visit to the meeting, which a member's leaving early
    ("forlod mødet kl. 11", "deltog ikke under punkt 4") is not."""
    p = a.partial
    return a.status is AttendanceStatus.PARTIAL and p is not None and p.attended and bool(p.start and p.end)


def _membership(key: tuple[str, str, Role], points: list[_Point], end: tuple[dt.date, str] | None,
                term: int) -> Membership:
    person, body, role = key
    dates = [p.date for p in points if p.date]
    seen_from = min(dates) if dates else None
    basis = next((b for b in START_BASES if any(p.basis == b for p in points)), "")
    chosen = sorted((p for p in points if p.basis == basis), key=lambda p: (p.date is None, p.date)) if basis else []
    start = chosen[0].start if chosen else None
    start_year = min((p.since_year for p in chosen if p.since_year), default=None)
    appointed_at = chosen[0].appointed_at if chosen else None
    municipalities = sorted((p.date, p.municipality) for p in points if p.date and p.municipality)
    # The latest dated one; else one an undated statement gives (a leaving:
    # "X (V), som er medlem af byrådet i Y Kommune, udtræder af ...").
    municipality = municipalities[-1][1] if municipalities else next((p.municipality for p in points
                                                                       if p.municipality), "")
    return Membership(person, body, role, municipality, start, basis, end[0] if end else None,
                      tuple(dict.fromkeys(p.span for p in points)), appointed_at, seen_from, start_year,
                      end[1] if end else "", term)

"""Appointments: "X udpeges til <body>", "X udpeges som ankerkommune ...",
"X blev godkendt som nyt medlem af <body>", "A og B er valgt som nye
medlemmer af bestyrelsen", "godkende X som nyt medlem af <body>", lists of
members "udpeget af" a body (kg/extract/member_lists.py), and decisions
naming chairs by first name ("således at Jakob er formand"), where the
document gives the full name.

An appointment in a recommendation is proposed; it is decided when the
item's decision approves it ("KD-Net godkendte udpegningerne"). An
appointment to "posten" takes its body from the item title ("Udpegning til
KKR Nordjylland"). A person in the same item who leaves their seat in that
body ("ønsket at trække sig fra sin plads i ...") is the one replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import islice

from kg.danish import clean_name, find_dates, line_cues, looks_like_person_name
from kg.danish.literal import after_literal, lazy_finditer
from kg.danish.roles import ROLE_WORDS
from kg.extract.context import MeetingContext
from kg.extract.member_lists import meeting_member_lists
from kg.extract.named_bodies import body_for
from kg.extract.roles import SENTENCE_SPLIT, first_name_roles, leaving_in, people_in, sentence_roles
from kg.model import Appointment, AppointmentStatus, Body, Doubt, Outcome, Role, RoleStatement, Span
from kg.read import Line
from kg.reference import bodies, municipalities
from kg.segment import ItemSegment, MeetingSegment

# A full stop followed by a lower-case word is an abbreviation ("vedr."), not a sentence end.
_PHRASE = r"(?:[^.;]|\.(?=\s*[a-zæøå]))+"
_APPOINTED = re.compile(rf"(?P<who>{_PHRASE}?)\s+udpeges\s+(?P<how>til|som)\s+(?P<target>{_PHRASE})")
_LEAD_IN = re.compile(r"^(?:-\s+)?(?:Det\s+indstilles,?\s+at\s+|at\s+)?", re.I)
_PARTY = re.compile(r"\s*\((?P<party>[A-ZÆØÅ]{1,2})\)")
_POSSESSIVE = re.compile(r"^[A-ZÆØÅ][\w-]*s\s+(?=[A-ZÆØÅ])")  # "KD-Nets Arbejdsmarkedsstyregruppe"
_ELECTION_CUE = re.compile(r"\b(?:godkendt|godkedt|godkende|valgt|genvalgt|udpeget|beslutning|besluttet)\b", re.I)
# Its words, folded, are kg.danish.line_cues.ELECTION_WORDS: a line's cues checked before the pattern.
_AS_ROLE = (r"\s+som\s+(?:ny|nyt|nye)?\s*(?P<role>medlem(?:mer)?|repræsentant(?:er)?|(?:næst|med)?formand)"
            r"\s+(?:af|i|til|for)\s+(?P<target>[^.;]+)")
# "X blev godkendt som nyt medlem af Y", "A og B er valgt som nye medlemmer af bestyrelsen"
_ELECTED = re.compile(rf"^(?P<who>[^.;]+?),?\s+(?:blev|er|bliver)\s+(?P<verb>(?:gen)?(?:godkendt|godkedt|valgt|udpeget))"
                      rf"{_AS_ROLE}")
# A sentence that dates an election: "har valgt ny bestyrelse på
# generalforsamlingen den 5. maj 2017".
_ELECTION_EVENT = re.compile(r"\b(?:valgt|valgte|genvalgt|generalforsamling\w*|konstituer\w*|udpeg\w*|årsmøde\w*)\b",
                             re.I)
# How many sentences back an election's date may stand.
_DATE_REACH = 3
# "(at) godkende X som nyt medlem af Y"
_PROPOSED = re.compile(rf"\bgodkende\s+(?P<who>[^.;]+?){_AS_ROLE}")
_DECIDED_CUE = re.compile(r"\b(?:beslutning|besluttet|besluttede|valgt|valgte|konstituerede|konstitueret)\b", re.I)
# "har KKR Sjælland valgt formand og næstformand for perioden ...": an
# election of chairs announced, the people named in the sentences after it.
_CHAIRS_ELECTED = re.compile(r"\b(?:valgt|valgte|genvalgt|genvalgte)\s+(?:(?:sin|sit|ny|nyt)\s+)?"
                             r"(?P<offices>(?:næst|med)?formand(?:skab)?(?:\s+og\s+(?:næst|med)?formand)?)\b", re.I)
# How many non-empty lines after the announcement may name the elected.
_CHAIRS_NAMED_REACH = 2
_CHAIR_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.CO_CHAIR)
_TITLE_TARGET = re.compile(r"\b(?:Udpegning|Udpegninger|Valg)\s+(?:til|af)\s+(?P<body>.+)$", re.I)


def extract_appointments(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Appointment | Body | Doubt]:
    """Appointments proposed or decided in the meeting's text."""
    lines = list(segment.lines) or [line for item in segment.items for line in item.lines]
    yield from (fact for _, fact in meeting_member_lists(lines, ctx) if isinstance(fact, Appointment))
    yield from _elections(lines, segment, ctx)
    yield from _chairs_elected(lines, ctx)
    for item in segment.items:
        approved = ctx.outcome(item) is Outcome.APPROVED
        leaving: list[tuple[str, str]] | None = None  # who leaves which body, read once per item
        for line in item.lines:
            if "udpeges" not in line.text:
                continue  # cheap test first: the pattern backtracks over long lines
            if leaving is None:
                leaving = leaving_in(item, ctx.region)
            for m in lazy_finditer(_APPOINTED, line.text, ".;"):  # linear: who is a lazy run up to "." or ";"
                yield from _appointment(m, line.number, item, ctx, approved, leaving)


def _appointment(m: re.Match, line: int, item: ItemSegment, ctx: MeetingContext, approved: bool,
                 leaving: list[tuple[str, str]]) -> Iterator[Appointment | Doubt]:
    span = Span(ctx.doc, line, line)
    who = _LEAD_IN.sub("", m.group("who")).strip()
    target = m.group("target").strip()
    status = AppointmentStatus.DECIDED if approved else AppointmentStatus.PROPOSED
    role, body, target_text = _target(m.group("how"), target, item)
    if who.lower().startswith(("der ", "det ", "de ", "nye ")):
        return  # "der udpeges nye medlemmer": no one named
    municipality = ctx.municipalities.lookup(who)
    if municipality is not None:
        yield Appointment(ctx.ref, municipality.code, status, span, body=body, target=target_text, role=role,
                          appointee_is_municipality=True, municipality=municipality.code)
        return
    name, place = _name_and_place(who)
    if not name:
        yield Doubt(ctx.doc, line, f"an appointment names {who!r}, which is not read as a person or municipality")
        return
    if not body and not target_text:
        yield Doubt(ctx.doc, line, f"{name} is appointed to {target!r}, which is not a known body")
    yield Appointment(ctx.ref, name, status, span, body=body, target=target_text or ("" if body else target),
                      role=role, replaces=_replaced(leaving, body, name), municipality=place)


def _elections(lines: list[Line], segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Appointment | Body]:
    """"X blev godkendt som nyt medlem af Y", "A og B er valgt som nye
    medlemmer af bestyrelsen", "godkende X som nyt medlem af Y" (proposed
    unless the item approves it), and decided chairs named by first name."""
    item_of = {line.number: item for item in segment.items for line in item.lines}
    seen: set[tuple[str, str, Role]] = set()
    for position, line in enumerate(lines):
        if line.cues.isdisjoint(line_cues.ELECTION) or not _ELECTION_CUE.search(line.text):
            continue  # cheap tests first
        item = item_of.get(line.number)
        approved = item is not None and ctx.outcome(item) is Outcome.APPROVED
        span = Span(ctx.doc, line.number, line.number)
        sentences = _sentences(line.text)
        for index, sentence in enumerate(sentences):
            found: list[tuple[str, str, Role, AppointmentStatus, str, bool]] = []
            for pattern, decided in ((_ELECTED, True), (_PROPOSED, False)):
                for m in pattern.finditer(sentence):
                    body, new_body = _election_body(m.group("target"), ctx)
                    if new_body is not None:
                        yield new_body
                    role = ROLE_WORDS.get(m.group("role").lower(), Role.MEMBER)
                    status = AppointmentStatus.DECIDED if decided or approved else AppointmentStatus.PROPOSED
                    target = "" if body else m.group("target").strip()
                    elected = decided and "valgt" in m.group("verb").lower()
                    found += [(name, body, role, status, target, elected) for name in people_in(m.group("who"))]
            if _DECIDED_CUE.search(sentence):
                found += [(s.name, s.body, s.role, AppointmentStatus.DECIDED, "", False)
                          for s in first_name_roles(sentence, span, ctx, lines) if isinstance(s, RoleStatement)]
            date = None
            if any(elected for *_, elected in found):
                before = [s for l in lines[max(0, position - _DATE_REACH): position]
                          if item_of.get(l.number) is item for s in _sentences(l.text)] + sentences[:index]
                date = _election_date(sentence, before, ctx)
            for name, body, role, status, target, elected in found:
                if (name, body or target, role) in seen:
                    continue
                seen.add((name, body or target, role))
                yield Appointment(ctx.ref, name, status, span, body=body, target=target, role=role,
                                  municipality=_municipality_after(sentence, name),
                                  date=date if elected else None, elected=elected)


def _chairs_elected(lines: list[Line], ctx: MeetingContext) -> Iterator[Appointment]:
    """An announced election of chairs ("har KKR Sjælland valgt formand og
    næstformand for perioden 2018-2021") and the chairs the next lines name
    ("KKR Sjællands formand er borgmester A ... og næstformand er borgmester
    B"): decided appointments, elected on the announcement's date when it
    gives one. Only the offices the announcement names, and only as the next
    lines state them (a body's chair named there is the one elected)."""
    for position, line in enumerate(lines):
        if "valgt" not in line.folded:
            continue  # cheap test first (the pattern ignores case)
        announced = _CHAIRS_ELECTED.search(line.text)
        if announced is None:
            continue
        offices = {ROLE_WORDS.get(word.lower()) for word in re.findall(r"(?:næst|med)?formand", announced["offices"],
                                                                          re.I)}
        if "formandskab" in announced["offices"].lower():
            offices |= set(_CHAIR_ROLES)
        date = _election_date(line.text, [], ctx)
        following = list(islice((l for l in islice(lines, position + 1, None) if l.text.strip()),
                                _CHAIRS_NAMED_REACH))
        for statement in sentence_roles(following, ctx, lines):
            if not isinstance(statement, RoleStatement) or statement.role not in offices or statement.ends:
                continue
            yield Appointment(ctx.ref, statement.name, AppointmentStatus.DECIDED, statement.span,
                              body=statement.body, role=statement.role, municipality=statement.municipality,
                              date=date, elected=True)


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_SPLIT.split(text.strip()) if s]


def _election_date(sentence: str, before: list[str], ctx: MeetingContext) -> dt.date | None:
    """The date of an election: the one its own sentence gives, else the
    one of the nearest dated sentence before it (at most a few back), when
    that sentence speaks of an election and gives exactly one date
    ("KOMDIR har valgt ny bestyrelse på generalforsamlingen den 5. maj
    2017. X blev genvalgt som formand"). None when the nearest date is not
    an election's or is one of several."""
    year = ctx.ref.date.year if ctx.ref.date else None
    for text in [sentence, *reversed(before[-_DATE_REACH:])]:
        dates = {d for d, _, _ in find_dates(text, default_year=year)}
        if not dates:
            continue
        return dates.pop() if len(dates) == 1 and _ELECTION_EVENT.search(text) else None
    return None


def _election_body(phrase: str, ctx: MeetingContext) -> tuple[str, Body | None]:
    """The body key of "Forretningsudvalget", "bestyrelsen", "den kommende
    periode" (the text's own body), and the body when kg did not know it."""
    phrase = re.split(r"\s+(?:og\s+de|med|hvor|fra|efter|for\s+den|for\s+perioden)\b", phrase.strip())[0]
    body = body_for(phrase, ctx)
    if body is None and phrase[:1].islower():
        return ctx.ref.body, None  # "genvalgt som formand for den kommende periode"
    if body is None:
        return "", None
    return body.key, body if body.found_by_pattern else None


# What follows the name in _municipality_after (compiled once, not with each name).
_MUNICIPALITY_AFTER = re.compile(r"(?:\s*\([A-ZÆØÅ]{1,2}\))?(?:,\s*|\s+i\s+|\s+fra\s+)([A-ZÆØÅ][\w-]+\s+[Kk]ommune)")


def _municipality_after(sentence: str, name: str) -> str:
    m = after_literal(name, _MUNICIPALITY_AFTER, sentence)
    found = municipalities().lookup(m.group(1)) if m else None
    return found.code if found else ""


def _target(how: str, target: str, item: ItemSegment) -> tuple[Role, str, str]:
    """(role, body key, target text) of "til <body>" / "som ankerkommune vedr. X"."""
    if how == "som" and target.lower().startswith("ankerkommune"):
        rest = re.sub(r"^ankerkommune\s+(?:vedr\.?|for|til)?\s*", "", target, flags=re.I)
        return Role.ANCHOR, "", rest
    phrase = _POSSESSIVE.sub("", target)
    body = bodies().resolve(phrase) if not phrase.lower().startswith(("posten", "pladsen")) else None
    if body is None or body.found_by_pattern and not phrase[:1].isupper():
        title = _TITLE_TARGET.search(item.title)
        body = bodies().resolve(title.group("body")) if title else None
    return Role.MEMBER, body.key if body else "", ""


def _name_and_place(who: str) -> tuple[str, str]:
    """("Jens Holm", "707") for "Jens Holm (Norddjurs Kommune)" or
    "Jens Holm (V), medlem af kommunalbestyrelsen i Norddjurs Kommune"."""
    place = ""
    paren = re.search(r"\(([^)]*[Kk]ommune[^)]*)\)", who)
    found = municipalities().find(paren.group(1)) if paren else municipalities().find(
        who.split(",", 1)[1]) if "," in who else None
    if found:
        place = found.code
    name = clean_name(_PARTY.sub("", re.sub(r"\([^)]*[Kk]ommune[^)]*\)", "", who)).split(",")[0])
    return (name if looks_like_person_name(name) else ""), place


def _replaced(leaving: list[tuple[str, str]], body: str, appointee: str) -> str:
    """The person in the item who leaves their seat in `body`, if any."""
    leavers = [name for name, key in leaving if key == body and name != appointee]
    return leavers[0] if len(leavers) == 1 else ""

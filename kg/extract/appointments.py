"""Appointments: "X udpeges til <body>", "X udpeges som ankerkommune ...".

An appointment in a recommendation is proposed; it is decided when the
item's decision approves it ("KD-Net godkendte udpegningerne"). An
appointment to "posten" takes its body from the item title ("Udpegning til
KKR Nordjylland"). A person in the same item who leaves their seat in that
body ("ønsket at trække sig fra sin plads i ...") is the one replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.danish import clean_name, looks_like_person_name
from kg.extract.context import MeetingContext
from kg.extract.outcome import outcome_of
from kg.extract.roles import leaving_in
from kg.model import Appointment, AppointmentStatus, Doubt, Outcome, Role, Span
from kg.reference import bodies, municipalities
from kg.segment import ItemSegment, MeetingSegment

# A full stop followed by a lower-case word is an abbreviation ("vedr."), not a sentence end.
_PHRASE = r"(?:[^.;]|\.(?=\s*[a-zæøå]))+"
_APPOINTED = re.compile(rf"(?P<who>{_PHRASE}?)\s+udpeges\s+(?P<how>til|som)\s+(?P<target>{_PHRASE})")
_LEAD_IN = re.compile(r"^(?:-\s+)?(?:Det\s+indstilles,?\s+at\s+|at\s+)?", re.I)
_PARTY = re.compile(r"\s*\((?P<party>[A-ZÆØÅ]{1,2})\)")
_POSSESSIVE = re.compile(r"^[A-ZÆØÅ][\w-]*s\s+(?=[A-ZÆØÅ])")  # "KD-Nets Arbejdsmarkedsstyregruppe"
_TITLE_TARGET = re.compile(r"\b(?:Udpegning|Udpegninger|Valg)\s+(?:til|af)\s+(?P<body>.+)$", re.I)


def extract_appointments(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Appointment | Doubt]:
    """Appointments proposed or decided in the meeting's items."""
    for item in segment.items:
        approved = outcome_of(item) is Outcome.APPROVED
        leaving: list[tuple[str, str]] | None = None  # who leaves which body, read once per item
        for line in item.lines:
            if "udpeges" not in line.text:
                continue  # cheap test first: the pattern backtracks over long lines
            if leaving is None:
                leaving = leaving_in(item, ctx.region)
            for m in _APPOINTED.finditer(line.text):
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
    municipality = municipalities().lookup(who)
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

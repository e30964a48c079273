"""Lists of a body's members, as membership pages and news items print them.

A list starts at a line that introduces it:
    "Medlemmer af Sundhedskoordinationsudvalget"             the body
    "KKR har udpeget følgende politikere til Praksisplanudvalget (PPU):"
    "5 medlemmer udpeget af regionsrådet:"                   who appointed them
    "Bestyrelsen har følgende direktører som medlemmer:"     the text's own body
and runs over entries, one a line, in any of these shapes:
    "Lone Lund (A), Greve Kommune (næstformand)"   name, party, municipality, role mark
    "Borgmester Lone Lund (A), Greve Kommune"      title first: mayor of Greve
    "Formand for PLO-Nord Lone Lund"               chair of another body
    "Formand Lone Lund (B), Regionsrådet"          chair of the listed body
    "Formand: Lone Lund, Greve Kommune"            a role as a label
    "Lone Lund, Koncerndirektør" / "Lone Lund"
with short headings that group them ("Region", "Kommuner", "Kredsformænd
(Fødte medlemmer):"). Prose ends the list. Each entry is a member of the
listed body (or holds the role marked); a list under "udpeget af" also
records the appointments. A heading naming a capacity ("Administrativ
kontaktperson") gives that capacity instead of membership; a heading naming
a role ("Kredsformænd", "Næstformand") gives that role besides membership.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.danish import clean_name, looks_like_person_name
from kg.danish.roles import (
    APPOINTED_BY, APPOINTED_TO, AS_MEMBERS, COUNCIL_MEMBER_TITLE, GROUP_HEADING, MARKS, MAYOR_TITLE, MEMBERS_OF,
    ROLE_LABEL, ROLE_MARK, ROLE_WORDS, TITLE_WORD, capacity, heading_role,
)
from kg.extract.context import MeetingContext
from kg.extract.named_bodies import body_for, municipality_body
from kg.model import Appointment, AppointmentStatus, Body, Role, RoleStatement, Span
from kg.read import Line
from kg.reference import municipalities

_BULLET = re.compile(r"^\s*(?:[•*▪◦·-]|\d{1,2}[.)])\s*")
_PARTY = re.compile(r"\s*\((?P<party>[A-ZÆØÅ]{1,2})\)+")
_LEADING_ROLE = re.compile(r"^(?P<role>(?:[Nn]æst|[Mm]ed)?[Ff]ormand)\s+(?:(?:for|i)\s+(?P<body>\S+(?:\s+[A-ZÆØÅ]\S*)*?)\s+)?"
                           r"(?=[A-ZÆØÅ][a-zæøå])")
_LEADING_TITLE = re.compile(rf"^(?P<title>(?:[\w-]+\s+og\s+)?{TITLE_WORD})\s+(?=[A-ZÆØÅ])", re.I)
# An entry is a short line; longer lines are prose.
_MAX_ENTRY = 110


@dataclass(frozen=True, slots=True)
class Entry:
    """One person in a list: `role` marked for the listed body (None: member),
    `title` as written before or after the name, `municipality` a code,
    `other` a body the entry names the person chair of ("Formand for X")."""

    name: str
    role: Role | None = None
    title: str = ""
    municipality: str = ""
    organisation: str = ""
    other: str = ""
    other_role: Role | None = None


def read_entry(text: str) -> Entry | None:
    """The person an entry line names, with what it says of them, or None."""
    text = _BULLET.sub("", text).strip().rstrip(".")
    role: Role | None = None
    label = ROLE_LABEL.match(text)
    if label:
        role, text = ROLE_WORDS[label.group("role").lower()], label.group("rest")
    mark = ROLE_MARK.search(text)
    if mark:
        role = role or MARKS[(mark.group("mark") or mark.group("word")).lower()]
        text = (text[: mark.start()] + text[mark.end():]).strip(" ,")
    text = re.sub(r"\s*-\s*afbud\s*$", "", text, flags=re.I)
    other, other_role = "", None
    lead = _LEADING_ROLE.match(text)
    if lead:
        if lead.group("body"):
            other, other_role = lead.group("body"), ROLE_WORDS[lead.group("role").lower()]
        else:
            role = role or ROLE_WORDS[lead.group("role").lower()]
        text = text[lead.end():]
    title = ""
    lead_title = _LEADING_TITLE.match(text)
    if lead_title:
        title, text = lead_title.group("title").lower(), text[lead_title.end():]
    head, _, rest = text.partition(",")
    name = clean_name(_PARTY.sub("", head))
    if not looks_like_person_name(name) or len(name.split()[-1]) < 3:
        return None  # a last name of two letters is a name cut off ("Henrik Kr")
    municipality, organisation = "", ""
    for part in (p.strip() for p in rest.split(",") if p.strip()):
        found = municipalities().lookup(part) if re.search(r"[Kk]ommune$", part) or " " not in part else None
        if found is not None and not municipality:
            municipality = found.code
        elif re.fullmatch(TITLE_WORD, part, re.I) and not title:
            title = part.lower()
        elif re.fullmatch(r"[A-ZÆØÅ]{1,2}", part):
            continue  # a party letter: "Lone Lund, V"
        elif not organisation:
            organisation = part
    return Entry(name, role, title, municipality, organisation, other, other_role)


@dataclass
class _State:
    target: Body | None = None  # the body the list's people sit in
    page_target: Body | None = None  # the body a "Medlemmer af X" heading named
    appointer: str = ""
    group: str = ""
    open: bool = False


def _intro(text: str, state: _State, ctx: MeetingContext) -> bool:
    """Reads a line that introduces a list into `state`; False if it is none."""
    # Length and literal checks first: the lazy runs of these patterns are
    # costly on long lines, which are no introductions anyway.
    m = MEMBERS_OF.match(text) if len(text) <= _MAX_ENTRY and "edlemmer" in text else None
    if m:
        body = body_for(m.group("body"), ctx)
        if body is not None:
            state.target = state.page_target = body
            state.appointer, state.group, state.open = "", "", True
            return True
    m = APPOINTED_TO.match(text) if "udpeget" in text else None
    if m:
        body = body_for(m.group("body"), ctx)
        if body is not None:
            state.target, state.appointer = body, m.group("by").split()[-1] if m.group("by") else ""
            state.group, state.open = "", True
            return True
    m = APPOINTED_BY.search(text) if text.endswith(":") else None
    if m:
        state.target = state.page_target or _own_body(ctx)
        state.appointer = (m.group("alias") or m.group("by")).strip()
        state.group, state.open = "", True
        return True
    if text.rstrip().endswith(":") and AS_MEMBERS.search(text) and not re.match(r"^\s*(?:[•*-]\s*)?[Mm]edlemmer\s*:", text):
        state.target = state.page_target or _own_body(ctx)
        state.appointer, state.group, state.open = "", "", True
        return True
    return False


def _own_body(ctx: MeetingContext) -> Body:
    return Body(key=ctx.ref.body, name=ctx.ref.body)


def meeting_member_lists(lines: list[Line], ctx: MeetingContext
                         ) -> list[tuple[Line, RoleStatement | Body | Appointment]]:
    """read_member_lists, read once per meeting context and these lines, then
    shared (the roles and the appointments extractors read the same lists)."""
    key = tuple(map(id, lines))  # the segment holds the lines, so their ids stay theirs
    if key not in ctx.member_lists:
        ctx.member_lists[key] = list(read_member_lists(lines, ctx))
    return ctx.member_lists[key]


def read_member_lists(lines: list[Line], ctx: MeetingContext
                      ) -> Iterator[tuple[Line, RoleStatement | Body | Appointment]]:
    """(line, fact) for every role, body and appointment the lists state."""
    state = _State()
    yielded: set[str] = set()
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if state.open and len(text) <= 60 and GROUP_HEADING.match(text) and heading_role(text) is not None:
            state.group = text  # "Kredsformænd (Fødte medlemmer):" inside a list groups it
            continue
        if _intro(text, state, ctx):
            if state.target is not None and state.target.found_by_pattern and state.target.key not in yielded:
                yielded.add(state.target.key)
                yield line, state.target
            continue
        if not state.open or state.target is None:
            continue
        entry = read_entry(text) if len(text) <= _MAX_ENTRY else None
        if entry is not None:
            for fact in _facts(entry, line, state, ctx):
                if isinstance(fact, Body):
                    if fact.key in yielded:
                        continue
                    yielded.add(fact.key)
                yield line, fact
            continue
        if len(text) <= 60 and GROUP_HEADING.match(text.rstrip(":")) or text.endswith(":") and len(text) <= 60:
            state.group = text
            continue
        state.open = False  # prose ends the list


def _facts(entry: Entry, line: Line, state: _State, ctx: MeetingContext
           ) -> Iterator[RoleStatement | Body | Appointment]:
    span = Span(ctx.doc, line.number, line.number)
    target = state.target
    assert target is not None
    listed_as = capacity(state.group)
    if listed_as is None and re.search(r"kontaktperson", state.group, re.I):
        listed_as = Role.SECRETARIAT
    role = entry.role or listed_as or heading_role(state.group) or Role.MEMBER
    yield RoleStatement(entry.name, target.key, role, span, ctx.ref.date, municipality=entry.municipality)
    if role in (Role.CHAIR, Role.VICE_CHAIR, Role.CO_CHAIR, Role.SECTION_CHAIR) and listed_as is None:
        yield RoleStatement(entry.name, target.key, Role.MEMBER, span, ctx.ref.date, municipality=entry.municipality)
    if entry.other and entry.other_role:
        other = body_for(entry.other, ctx)
        if other is not None:
            if other.found_by_pattern:
                yield other
            yield RoleStatement(entry.name, other.key, entry.other_role, span, ctx.ref.date)
    municipality = ctx.municipalities.by_code(entry.municipality) if entry.municipality else None
    if municipality is not None and entry.title:
        council_role = Role.MAYOR if MAYOR_TITLE.match(entry.title) else \
            Role.MEMBER if COUNCIL_MEMBER_TITLE.match(entry.title) else None
        if council_role is not None:
            council = municipality_body(municipality)
            if council.found_by_pattern:
                yield council
            yield RoleStatement(entry.name, council.key, council_role, span, ctx.ref.date,
                                municipality=municipality.code)
    if state.appointer and listed_as is None:
        yield Appointment(ctx.ref, entry.name, AppointmentStatus.DECIDED, span, body=target.key,
                          municipality=entry.municipality)

"""Roles in bodies: chairs, vice-chairs, co-chairs, members and secretariats,
as the text states them, and the ends of roles.

Sentences name a role, a body and a person in a few fixed constructions:
    "Formand for DASSOS, Jesper Holm, ..."           role for body, name
    "KD-Nets formand, Jesper Holm, ..."               body's role, name
    "Jesper Holm fortsætter som formand for DASSOS"   name ... as role for body
    "Næstformandskabet i KOSU varetages af direktør A fra X samt direktør B fra Y"
    "formandskabet for KKR X borgmester A og borgmester B"
and tables that lost their borders but kept tabs:
    a header of bodies ("Trafikstyregruppe<TAB>Mobilitetsstyregruppe") over
    cells "Name, Place (fmd.)"; or a header "Sundhedsklynge<TAB>Medformand"
    over rows "Midtklyngen (...)<TAB>Name".
A person who "ønsket at trække sig fra sin plads i <body>" leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.danish import NAME_PATTERN, TITLES, find_person_names, looks_like_person_name, strip_title
from kg.extract.context import MeetingContext
from kg.model import Doubt, Role, RoleStatement, Span
from kg.read import Line
from kg.reference import bodies, first_names, municipalities
from kg.segment import ItemSegment, MeetingSegment

_ROLE_WORDS = {
    "formand": Role.CHAIR, "formanden": Role.CHAIR,
    "næstformand": Role.VICE_CHAIR, "næstformanden": Role.VICE_CHAIR, "næstformandskabet": Role.VICE_CHAIR,
    "næstformandskab": Role.VICE_CHAIR,
    "medformand": Role.CO_CHAIR, "medformanden": Role.CO_CHAIR,
    "formandskabet": Role.CHAIRMANSHIP, "formandskab": Role.CHAIRMANSHIP,
    "sekretariat": Role.SECRETARIAT, "sekretariatet": Role.SECRETARIAT,
}
# Case is matched explicitly: names must keep their capitals, so no re.I.
_ROLE = r"(?P<role>(?:[Nn]æst|[Mm]ed)?[Ff]ormand(?:skabet|skab|en)?)"
_BODY = r"(?P<body>[A-ZÆØÅ][\w'’-]*(?:\s+(?:[A-ZÆØÅ][\w-]*|i|for))*?)"
# At the end of a construction the body name runs as far as its capitals go.
_BODY_LAST = r"(?P<body>[A-ZÆØÅ][\w'’-]*(?:\s+[A-ZÆØÅ][\w-]*)*)"
_TITLE = rf"(?:(?:{'|'.join(map(re.escape, TITLES))})\s+)?"
_NAME = rf"(?P<name>{NAME_PATTERN})"

_CONSTRUCTIONS = (
    # "Formand for DASSOS, Jesper Holm," / "Formand for KD-Net Jesper Holm kvittede"
    re.compile(rf"\b{_ROLE}\s+(?:for|i)\s+{_BODY},?\s+{_TITLE}{_NAME}"),
    # "KD-Nets formand, Jesper Holm"
    re.compile(rf"{_BODY}s\s+{_ROLE},?\s+{_TITLE}{_NAME}"),
    # "Jesper Holm fortsætter som formand for DASSOS"
    re.compile(rf"{_NAME},?\s+(?:fortsætter|er|bliver|blev|vælges|valgtes|tiltræder|fungerer)\s+(?:som\s+)?"
               rf"(?:ny\s+)?{_ROLE}\s+(?:for|i)\s+{_BODY_LAST}"),
)
# "Næstformandskabet i KOSU varetages af direktør A fra X samt direktør B fra Y"
_HELD_BY = re.compile(rf"\b{_ROLE}\s+(?:for|i)\s+{_BODY}\s+(?:varetages|udgøres|består)\s+af\s+(?P<rest>.+)")
# "formandskabet for KKR-Midtjylland borgmester A og borgmester B"
_TITLED_LIST = re.compile(rf"\b{_ROLE}\s+(?:for|i)\s+{_BODY}\s+(?P<rest>(?:{'|'.join(TITLES)})\s+.+)")
_LEAVES = re.compile(rf"{_NAME}(?:\s*\([A-ZÆØÅ]{{1,2}}\))?,?[^.]{{0,120}}?(?:ønsket at trække sig|trækker sig|"
                     rf"træder ud|fratræder)\s+(?:fra\s+)?(?:sin\s+plads\s+i|som\s+\w+\s+(?:for|i))\s+{_BODY_LAST}")
# A role marked after a name in lists and tables: "Lone Lund, Silkeborg (fmd.)".
ROLE_MARK = re.compile(r"\((?P<mark>fmd|formand|næstfmd|nfmd|medfmd|medformand)\.?\)", re.I)
_MARKS = {"fmd": Role.CHAIR, "formand": Role.CHAIR, "næstfmd": Role.VICE_CHAIR, "nfmd": Role.VICE_CHAIR,
          "medfmd": Role.CO_CHAIR, "medformand": Role.CO_CHAIR}


def role_mark(text: str) -> Role | None:
    """The role a "(fmd.)"-style mark in `text` gives, or None."""
    m = ROLE_MARK.search(text)
    return _MARKS[m.group("mark").lower()] if m else None


def extract_roles(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[RoleStatement | Doubt]:
    """Role statements in the meeting's items, from sentences and tables."""
    for item in segment.items:
        lines = list(item.lines)
        yield from _from_sentences(lines, ctx)
        yield from _from_tables(lines, ctx)


def _sentences(lines: list[Line]) -> Iterator[tuple[Line, str]]:
    for line in lines:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", line.text.strip()):
            if sentence:
                yield line, sentence


def _body_key(phrase: str, region: str) -> str | None:
    """The body a phrase names exactly ("DASSOS", "KD-Nets", "Trafikstyregruppe"),
    generic names ("KKR") read in the meeting's region."""
    body = bodies().resolve_in_region(phrase.strip(" ,.;:"), region, exact=True)
    return body.key if body else None


def _from_sentences(lines: list[Line], ctx: MeetingContext) -> Iterator[RoleStatement]:
    for line, sentence in _sentences(lines):
        span = Span(ctx.doc, line.number, line.number)
        seen: set[tuple[str, str, Role]] = set()

        def emit(name: str, body_phrase: str, role_word: str, ends: bool = False) -> Iterator[RoleStatement]:
            body = _body_key(body_phrase, ctx.region)
            role = _ROLE_WORDS.get(role_word.lower(), Role.MEMBER) if role_word else Role.MEMBER
            name = strip_title(name)[1]
            if not body or not looks_like_person_name(name) or (name, body, role) in seen:
                return
            seen.add((name, body, role))
            yield RoleStatement(name, body, role, span, ctx.ref.date, ends=ends,
                                municipality=_municipality_near(sentence, name))

        for pattern in _CONSTRUCTIONS:
            for m in pattern.finditer(sentence):
                yield from emit(m.group("name"), m.group("body"), m.group("role"))
        for pattern in (_HELD_BY, _TITLED_LIST):
            for m in pattern.finditer(sentence):
                for name, _, _, _ in find_person_names(m.group("rest"), first_names()):
                    yield from emit(name, m.group("body"), m.group("role"))
        for m in _LEAVES.finditer(sentence):
            yield from emit(m.group("name"), m.group("body"), "", ends=True)


def _municipality_near(sentence: str, name: str) -> str:
    """The municipality written right after a name: "A fra Skanderborg",
    "A (Norddjurs Kommune)", "A, Holstebro Kommune"."""
    m = re.search(re.escape(name) + r"\s*(?:,|\(|\bfra\b|\bi\b)\s*([A-ZÆØÅ][\w-]+(?:\s+[Kk]ommune)?)", sentence)
    found = municipalities().lookup(m.group(1)) if m else None
    return found.code if found else ""


def _from_tables(lines: list[Line], ctx: MeetingContext) -> Iterator[RoleStatement | Doubt]:
    """Tables whose header names bodies (one per column) or a role."""
    columns: list[str | None] = []  # body key per column, under a header of bodies
    role_column: tuple[int, Role] | None = None  # under a header such as "Sundhedsklynge<TAB>Medformand"
    for line in lines:
        cells = [c.strip() for c in line.text.split("\t")]
        span = Span(ctx.doc, line.number, line.number)
        if len(cells) < 2:
            # A row whose last cells were empty lost its trailing tabs.
            person = _person_cell(cells[0]) if columns and columns[0] else None
            if person:
                yield RoleStatement(person[0], columns[0], person[2], span, ctx.ref.date, municipality=person[1])
            elif line.text.strip() and len(line.text) > 60:
                columns, role_column = [], None  # prose ends a table
            continue
        if role_column is not None:
            index, role = role_column
            name = cells[index] if index < len(cells) else ""
            body = _body_key(cells[0].split("(")[0], ctx.region)
            if body and looks_like_person_name(name):
                yield RoleStatement(name, body, role, span, ctx.ref.date)
                continue
        people = [(column, _person_cell(cell)) for column, cell in enumerate(cells)]
        if columns and any(person for _, person in people):
            for column, person in people:
                if person and column < len(columns) and columns[column]:
                    name, municipality, role = person
                    yield RoleStatement(name, columns[column], role, span, ctx.ref.date, municipality=municipality)
            continue
        keys = [_body_key(re.sub(r"\([^)]*\)", "", c), ctx.region) for c in cells]
        if any(keys) and all(k or not c for k, c in zip(keys, cells)):
            columns, role_column = keys, None
            continue
        words = [c.lower() for c in cells]
        role_at = next((i for i, w in enumerate(words) if w in _ROLE_WORDS), None)
        if role_at is not None:
            columns, role_column = [], (role_at, _ROLE_WORDS[words[role_at]])


def _person_cell(cell: str) -> tuple[str, str, Role] | None:
    """("Lone Lund", "740", Role.CHAIR) for "Lone Lund, Silkeborg (fmd.)"."""
    role = role_mark(cell) or Role.MEMBER
    text = ROLE_MARK.sub("", cell).strip()
    name, _, place = text.partition(",")
    name = name.strip()
    if not looks_like_person_name(name) or not place.strip():
        return None
    found = municipalities().lookup(place.strip())
    return name, found.code if found else "", role



def leaving_in(item: ItemSegment, region: str) -> list[tuple[str, str]]:
    """(name, body key) for each person the item says leaves a body."""
    found = []
    for _, sentence in _sentences(list(item.lines)):
        for m in _LEAVES.finditer(sentence):
            body = _body_key(m.group("body"), region)
            if body:
                found.append((m.group("name"), body))
    return found

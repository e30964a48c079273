"""Attendance: who was present, absent, or stood in for whom, from a
meeting's participant blocks ("Deltagere", "Afbud", and groups such as "KL").

Entries come one per line ("Nils Holm, Favrskov Kommune") or several to a
line separated by commas ("Afbud: A, B (C deltog i stedet for B), D").
Substitutions are written "A, i stedet deltog/deltager C" or
"C deltog i stedet for A"; an absent person may be named by first name only
("i stedet for Lone"), and is then found among the names of the same list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.danish import clean_name, find_person_names, looks_like_person_name, strip_title
from kg.extract.context import MeetingContext
from kg.extract.roles import ROLE_MARK, role_mark
from kg.model import Attendance, AttendanceStatus, Doubt, RoleStatement, Span
from kg.read import Line
from kg.reference import first_names, municipalities
from kg.segment import Block, MeetingSegment
from kg.segment import patterns as P

_INSTEAD_AFTER = re.compile(r"^(?P<absent>.+?),?\s+i\s+stedet\s+(?:deltog|deltager|mødte)\s+(?P<sub>.+)$", re.I)
_INSTEAD_FOR = re.compile(r"(?P<sub>[^,()]+?)\s+(?:deltog|deltager|mødte)\s+i\s+stedet\s+for\s+(?P<absent>[^,()]+)",
                          re.I)
_PARTY = re.compile(r"\s*\([A-ZÆØÅ]{1,2}\)")


def extract_attendance(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Attendance | RoleStatement | Doubt]:
    """Attendance records for every named person in the meeting's blocks, and
    the body's chair where a list marks one ("Mette Lund, Næstved (fmd.)")."""
    for block in segment.blocks:
        records: list[Attendance] = []
        doubts: list[Doubt] = []
        for line, text in _entries(block):
            found = _read_entry(text, line, block, ctx, doubts)
            records.extend(found)
            role = role_mark(text)
            if role and found and block.kind != "group":
                yield RoleStatement(found[-1].name, ctx.ref.body, role, found[-1].span,
                                    ctx.ref.date, municipality=found[-1].municipality)
        yield from _complete_first_names(records, ctx, doubts)
        yield from doubts


def _entries(block: Block) -> Iterator[tuple[Line, str]]:
    """(line, entry text) for each entry of a block, the label removed and
    comma-separated lists split outside parentheses."""
    for index, line in enumerate(block.lines):
        text = line.text.strip()
        if index == 0 and block.kind != "group":
            label = P.block_label(text)
            text = label[1] if label else text
        text = text.strip(" .")
        if not text:
            continue
        if _INSTEAD_AFTER.match(text):
            yield line, text
            continue
        for part in _split_outside_parentheses(text):
            yield line, part


def _split_outside_parentheses(text: str) -> list[str]:
    """Split "A, B (C deltog i stedet for B), D" at commas that start a new
    name; parts that are a place or a title stay with the name before them
    ("Nils Holm, Favrskov Kommune")."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    merged: list[str] = []
    for part in parts:
        name_part = strip_title(ROLE_MARK.sub("", part))[1]
        starts_a_name = looks_like_person_name(_PARTY.sub("", name_part).split("(")[0]) \
            or _INSTEAD_FOR.search(part) or not merged
        if starts_a_name and not municipalities().lookup(part):
            merged.append(part)
        else:
            merged[-1] = f"{merged[-1]}, {part}"
    return [p for p in merged if p]


def _read_entry(text: str, line: Line, block: Block, ctx: MeetingContext,
                doubts: list[Doubt]) -> list[Attendance]:
    span = Span(ctx.doc, line.number, line.number)
    default = AttendanceStatus.ABSENT if block.kind == "absent" else AttendanceStatus.PRESENT
    group = block.label if block.kind == "group" else ""
    out: list[Attendance] = []

    instead = _INSTEAD_AFTER.match(text)
    if instead:
        absent, _, absent_muni, absent_title = _person(instead.group("absent"))
        sub, _, sub_muni, sub_title = _person(instead.group("sub"))
        if absent:
            out.append(Attendance(ctx.ref, absent, AttendanceStatus.ABSENT, span, municipality=absent_muni,
                                  group=group, title=absent_title))
        if sub:
            out.append(Attendance(ctx.ref, sub, AttendanceStatus.SUBSTITUTE, span, substitute_for=absent,
                                  municipality=sub_muni, group=group, title=sub_title))
        return out

    for m in _INSTEAD_FOR.finditer(text):
        sub, _, sub_muni, sub_title = _person(m.group("sub"))
        absent = clean_name(m.group("absent"))
        if sub:
            out.append(Attendance(ctx.ref, sub, AttendanceStatus.SUBSTITUTE, span, substitute_for=absent,
                                  municipality=sub_muni, group=group, title=sub_title))
    rest = re.sub(r"\([^)]*\)", "", text) if out else text
    name, _, muni, title = _person(rest)
    if name:
        out.append(Attendance(ctx.ref, name, default, span, municipality=muni, group=group, title=title))
    elif not out:
        # A description ("Kommunaldirektørerne i regionen ...") may still
        # name someone in passing ("Kristian Vendelbo deltog kl. 11.30").
        for found, _, _, _ in find_person_names(text, first_names()):
            out.append(Attendance(ctx.ref, found, default, span, group=group))
    return out


def _person(text: str) -> tuple[str, str, str, str]:
    """(name, written, municipality code, title) of one list entry such as
    "Koncerndirektør Peter Sinding Poulsen", "Jan Holm, kommunaldirektør,
    Norddjurs Kommune" or "Lone Lund, Silkeborg (fmd.)"; name "" when the
    entry names no person."""
    text = ROLE_MARK.sub("", text)
    text = _PARTY.sub("", text).strip(" .,")
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    if not pieces:
        return "", "", "", ""
    title, head = strip_title(pieces[0])
    name = clean_name(head)
    if not looks_like_person_name(name):
        return "", "", "", ""
    municipality, rest_title = "", title
    for piece in pieces[1:]:
        piece_title, remainder = strip_title(piece)
        rest_title = rest_title or piece_title
        found = municipalities().lookup(remainder) if remainder else None
        if found is None and remainder:
            found = municipalities().find(remainder) if re.search(r"[Kk]ommune", remainder) else None
        if found:
            municipality = found.code
    return name, head, municipality, rest_title


def _complete_first_names(records: list[Attendance], ctx: MeetingContext, doubts: list[Doubt]) -> list[Attendance]:
    """"i stedet for Lone": a substitute_for that is a first name only is
    completed from the names in the same block, when exactly one fits."""
    names = [r.name for r in records]
    out = []
    for record in records:
        target = record.substitute_for
        if target and " " not in target:
            matches = sorted({n for n in names if n.split()[0] == target})
            if len(matches) == 1:
                record = replace(record, substitute_for=matches[0])
            else:
                doubts.append(Doubt(ctx.doc, record.span.start,
                                    f"{record.name} stood in for {target!r}, which matches "
                                    f"{len(matches)} names in the list; kept as written"))
        out.append(record)
    return out

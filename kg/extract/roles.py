"""Roles in bodies: chairs, vice-chairs, co-chairs, members, mayors and
secretariats, as the text states them, and the ends of roles.

Sentences name a role, a body and a person in a few constructions:
    "Formand for DASSOS, Jesper Holm, ..."           role for body, name
    "KD-Nets formand, Jesper Holm, ..."               body's role, name
    "Jesper Holm fortsætter som formand for DASSOS"   name ... as role for body
    "Borgmester A (A), X Kommune, er formand for KKR Y. Næstformand er borgmester B (V) fra Z Kommune."
    "Næstformandskabet i KOSU varetages af direktør A fra X samt direktør B fra Y"
    "formandskabet for KKR X borgmester A og borgmester B"
    "formandskabet for X, således at Jakob er formand"  (a first name the document completes)
a name followed by a role mark ("A (A), Formand", "A, KL/formand", "A (formand)");
lists of members (kg/extract/member_lists.py); and tables that lost their
borders but kept tabs:
    a header of bodies ("Trafikstyregruppe<TAB>Mobilitetsstyregruppe") over
    cells "Name, Place (fmd.)"; or a header "Sundhedsklynge<TAB>Medformand"
    over rows "Midtklyngen (...)<TAB>Name".
"borgmester A, X Kommune" makes A the mayor of X. A person who "ønsket at
trække sig fra sin plads i <body>" or "udtræder af <body>" leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.danish import NAME_PATTERN, TITLES, find_person_names, looks_like_person_name, strip_title
from kg.danish.roles import (LEAVING_NOUNS, MARKS, ROLE, ROLE_MARK, ROLE_MARK_CUES, ROLE_WORDS, TITLE_WORD, end_cue,
                              start_cue)
from kg.danish.literal import after_literal, drop_brackets, words_in
from kg.extract.named_bodies import body_for, municipality_body
from kg.extract.context import MeetingContext, known_body
from kg.extract.member_lists import meeting_member_lists
from kg.model import Appointment, Body, Doubt, Role, RoleStatement, Span
from kg.read import Line
from kg.reference import first_names, municipalities
from kg.segment import ItemSegment, MeetingSegment

_BODY = r"(?P<body>[A-ZÆØÅ][\w'’-]*(?:\s+(?:[A-ZÆØÅ][\w-]*|i|for|til|om))*?)"
# At the end of a construction the body name runs as far as its capitals go.
_BODY_LAST = r"(?P<body>[A-ZÆØÅ][\w'’-]*(?:\s+[A-ZÆØÅ][\w-]*)*)"
_TITLE = rf"(?:(?:{'|'.join(map(re.escape, TITLES))}|{TITLE_WORD})\s+)?"
_NAME = rf"(?P<name>{NAME_PATTERN})"
# What may stand between a name and its verb: a party, a place ("(A), Vordingborg Kommune,").
_NAME_TAIL = r"(?:\s*\([A-ZÆØÅ]{1,2}\))?(?:,\s*[A-ZÆØÅ][\w-]*(?:\s+[Kk]ommune)?,)?"

_CONSTRUCTIONS = (
    # "Formand for DASSOS, Jesper Holm," / "formand for Følgegruppen, sygeplejedirektør Ditte Holm"
    re.compile(rf"\b{ROLE}\s+(?:for|i)\s+{_BODY},?\s+{_TITLE}{_NAME}"),
    # "KD-Nets formand, Jesper Holm", "KKR Fyns formand er borgmester Jesper Holm"
    re.compile(rf"{_BODY}s\s+{ROLE},?\s+(?:er\s+)?{_TITLE}{_NAME}"),
    # "Jesper Holm fortsætter som formand for DASSOS", "Borgmester A (A), X Kommune, er formand for KKR Y"
    re.compile(rf"{_NAME}{_NAME_TAIL},?\s+(?:fortsætter|er|bliver|blev|vælges|valgtes|tiltræder|fungerer)\s+"
               rf"(?:som\s+)?(?:ny\s+)?{ROLE}\s+(?:for|i)\s+{_BODY_LAST}"),
)
# "Næstformand er borgmester B (V) fra Z Kommune", "... og næstformand er B": the body is the one just named.
_ROLE_IS = re.compile(rf"(?:^|\bog\s+){ROLE}\s+er\s+{_TITLE}{_NAME}")
# "A i X Kommune blev genvalgt som formand for den kommende periode": the body is the text's own.
_ELECTED_AS = re.compile(rf"{_NAME}{_NAME_TAIL}(?:\s+i\s+[A-ZÆØÅ][\w-]*\s+[Kk]ommune)?,?\s+(?:blev|er)\s+"
                         rf"(?:gen)?valgt\s+som\s+{ROLE}(?!\s+(?:for|i)\s+[A-ZÆØÅ])")
# "Næstformandskabet i KOSU varetages af direktør A fra X samt direktør B fra Y"
_HELD_BY = re.compile(rf"\b{ROLE}\s+(?:for|i)\s+{_BODY}\s+(?:varetages|udgøres|består)\s+af\s+(?P<rest>.+)")
# "Forummet er repræsenteret ved A og B i Koordinationsforum"
_REPRESENTED = re.compile(rf"\ber\s+repræsenteret\s+(?:ved|af)\s+(?P<rest>.+?),?\s+i\s+{_BODY_LAST}")
# "formandskabet for KKR-Midtjylland borgmester A og borgmester B"
_TITLED_LIST = re.compile(rf"\b{ROLE}\s+(?:for|i)\s+{_BODY}\s+(?P<rest>(?:{'|'.join(TITLES)})\s+.+)")
# "formandskabet for OIO-udvalget, således at Jakob er formand, og Rita er næstformand"
_FIRST_NAME_IS = re.compile(rf"\b(?P<first>[A-ZÆØÅ][a-zæøå]+)\s+er\s+{ROLE}\b")
_BODY_MENTION = re.compile(rf"\b{ROLE}\s+(?:for|i)\s+{_BODY_LAST}")
_LEAVES = re.compile(rf"{_NAME}(?:\s*\([A-ZÆØÅ]{{1,2}}\))?,?[^.]{{0,120}}?(?:ønsket at trække sig|trækker sig|"
                     rf"træder ud|fratræder|udtræder)\s+(?:fra\s+|af\s+)?(?:sin\s+plads\s+i\s+|som\s+\w+\s+(?:for|i)\s+)?"
                     rf"{_BODY_LAST}")
# "I forbindelse med A's pensionering ... er næstformandens opgaver drøftet i KOSU": A leaves that role.
_LEAVING_OF = re.compile(rf"{_NAME}s\s+(?:{LEAVING_NOUNS})\b[^.]*?\b{ROLE}s?\b[^.]*?\b(?:i|for)\s+{_BODY_LAST}")
# "borgmester A (A), X Kommune" / "borgmester A fra X Kommune": A is X's mayor.
# The party in brackets may be a letter or spelled out: "(V)", "(Socialdemokratiet)".
_MAYOR = re.compile(rf"\b(?:[Bb]orgmester|[Oo]verborgmester)\s+{_NAME}(?:\s*\([A-ZÆØÅ][\w ]{{0,30}}\)+)?(?:,|\s+fra|\s+i)\s*"
                    rf"(?P<place>[A-ZÆØÅ][\w-]*(?:\s+[Kk]ommune|s\s+[Kk]ommune))")
# The literal each group of patterns needs, as they match it (case kept):
# ROLE always holds "ormand"; _LEAVES a form of "trække sig" or "træder";
# _MAYOR "[Bb]orgmester" or "[Oo]verborgmester".
_ROLE_CUE = "ormand"
_REPRESENTED_CUE = "repræsenteret"
_LEAVES_CUES = ("træk", "træder")
_MAYOR_CUE = "orgmester"
# One of them is in every sentence any construction may match.
_SENTENCE_CUES = (_ROLE_CUE, _REPRESENTED_CUE, *_LEAVES_CUES, _MAYOR_CUE)
# A role mark right after a name in a list: the tail up to the next name.
_MARKED_TAIL = re.compile(rf"^\s*(?:\([A-ZÆØÅ]{{1,2}}\)\s*)?(?:,\s*[^,()/]{{1,40}}?\s*)?(?:{ROLE_MARK.pattern})", re.I)


def role_mark(text: str) -> Role | None:
    """The role a "(fmd.)"-style mark in `text` gives, or None."""
    m = ROLE_MARK.search(text)
    return MARKS[(m.group("mark") or m.group("word")).lower()] if m else None


def extract_roles(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[RoleStatement | Body | Doubt]:
    """Role statements anywhere in the meeting's text: sentences, marked
    names, lists of members and tables."""
    lines = list(segment.lines) or [line for item in segment.items for line in item.lines]
    listed: set[int] = set()
    for line, fact in meeting_member_lists(lines, ctx):
        if not isinstance(fact, Appointment):
            listed.add(line.number)
            yield fact
    prose = [line for line in lines if line.number not in listed]
    yield from _from_sentences(prose, ctx, lines)
    # Participant blocks are read by kg/extract/attendance.py, which gives the marked roles there.
    in_blocks = {line.number for block in segment.blocks for line in block.lines}
    yield from _from_marked_names([line for line in prose if line.number not in in_blocks], ctx)
    for item in segment.items:
        yield from _from_tables(list(item.lines), ctx)
    yield from _from_role_column(prose, ctx)


# A flattened two-column table of members: the names, then as many role words
# in the same order ("MEDLEMMER A B C Formand Næstformand Medlem").
_ROLE_COLUMN = re.compile(r"(?P<roles>(?:\b(?:Formand|Næstformand|Medformand|Medlem)\b\s*){3,})")
_COLUMN_ROLES = {"formand": Role.CHAIR, "næstformand": Role.VICE_CHAIR, "medformand": Role.CO_CHAIR,
                 "medlem": Role.MEMBER}


def _from_role_column(lines: list[Line], ctx: MeetingContext) -> Iterator[RoleStatement]:
    """Members of the meeting's own body from a flattened table whose role
    column follows its name column; only when the names right before the
    roles are exactly as many as the roles."""
    from kg.extract.name_lists import split_entries  # the list reader of participant blocks

    for line in lines:
        if "ormand" not in line.text and "Medlem" not in line.text:
            continue  # cheap test first: no role word, no role column
        for m in _ROLE_COLUMN.finditer(line.text):
            roles = m.group("roles").split()
            before = re.split(r"\b(?:MEDLEMMER|Medlemmer|Deltagere|DELTAGERE)\b:?", line.text[:m.start()])
            if len(before) < 2:
                continue
            entries, doubts = split_entries(before[-1])
            if doubts or len(entries) != len(roles) or entries[-1].end < len(before[-1].rstrip()):
                continue
            span = Span(ctx.doc, line.number, line.number)
            for entry, word in zip(entries, roles):
                yield RoleStatement(entry.name, ctx.ref.body, _COLUMN_ROLES[word.lower()], span, ctx.ref.date)


# Where a sentence ends: the white space after a stop, before a capital
# (the space first, the look-behind after it: re then skips to the spaces).
SENTENCE_SPLIT = re.compile(r"\s(?<=[.!?]\s)\s*(?=[A-ZÆØÅ])")


def _sentences(lines: list[Line]) -> Iterator[tuple[Line, str]]:
    for line in lines:
        for sentence in SENTENCE_SPLIT.split(line.text.strip()):
            if sentence:
                yield line, sentence


def _body_key(phrase: str, region: str) -> str | None:
    """The body a phrase names exactly ("DASSOS", "KD-Nets", "Trafikstyregruppe"),
    generic names ("KKR") read in the meeting's region."""
    body = known_body(phrase.strip(" ,.;:"), region)
    return body.key if body else None


def sentence_roles(lines: list[Line], ctx: MeetingContext, all_lines: list[Line]) -> Iterator[RoleStatement | Body]:
    """The roles the sentences of these lines state (for an extractor that
    reads what an event gives: the chairs an announced election named)."""
    return _from_sentences(lines, ctx, all_lines)


def _from_sentences(lines: list[Line], ctx: MeetingContext, all_lines: list[Line]) -> Iterator[RoleStatement | Body]:
    previous = ""  # the paragraph before: "det er besluttet at opdele næstformandskabet" dates the next one's role
    cues = words_in((line.text for line in lines), _SENTENCE_CUES)  # those the lines hold
    for line in lines:
        before, previous = previous, line.text if line.text.strip() else previous
        if not cues or not any(map(line.text.__contains__, cues)):
            continue  # no sentence of the line holds a cue: nothing below can match (most lines)
        last_body = ""  # the body a sentence of this paragraph named last
        seen: set[tuple[str, str, Role]] = set()
        span = Span(ctx.doc, line.number, line.number)
        for _, sentence in _sentences([line]):
            def emit(name: str, body_phrase: str | None, role_word: str, ends: bool = False,
                     body_key: str = "", known_only: bool = False) -> Iterator[RoleStatement | Body]:
                nonlocal last_body
                role = ROLE_WORDS.get(role_word.lower(), Role.MEMBER) if role_word else Role.MEMBER
                name = strip_title(name)[1]
                if not looks_like_person_name(name):
                    return
                if not body_key:
                    body = body_for(body_phrase or "", ctx)
                    if body is None or known_only and body.found_by_pattern:
                        return
                    if body.found_by_pattern:
                        yield body
                    body_key = body.key
                last_body = body_key
                if (name, body_key, role) in seen:
                    return
                seen.add((name, body_key, role))
                basis, since = ("", None) if ends else start_cue(sentence, ctx.ref.date and ctx.ref.date.year,
                                                                 before, role_word)
                yield RoleStatement(name, body_key, role, span, ctx.ref.date, ends=ends,
                                    municipality=_municipality_near(sentence, name), start_basis=basis,
                                    since_year=since, end_basis=end_cue(sentence) if ends else "")

            # Literal pre-checks (case as the patterns match it): most sentences
            # name no role, and the patterns are costly on long sentences.
            if _ROLE_CUE not in sentence:
                yield from _without_role(sentence, emit, span, ctx)
                continue
            for pattern in _CONSTRUCTIONS:
                for m in pattern.finditer(sentence):
                    # Where an unknown body's name runs into the person's ("formand for Region
                    # Midt Bo Dahl"), only a comma or a title shows where one ends.
                    between = sentence[m.end("body"): m.start("name")] if m.start("name") > m.end("body") else ","
                    separated = "," in between or bool(strip_title(m.group("name"))[0]) or bool(between.strip())
                    yield from emit(m.group("name"), m.group("body"), m.group("role"), known_only=not separated)
            for pattern in (_HELD_BY, _TITLED_LIST):
                for m in pattern.finditer(sentence):
                    for name, _, _, _ in find_person_names(m.group("rest"), ctx.first_names):
                        yield from emit(name, m.group("body"), m.group("role"))
            for m in _REPRESENTED.finditer(sentence) if _REPRESENTED_CUE in sentence else ():
                for name in people_in(m.group("rest")):
                    yield from emit(name, m.group("body"), "")
            for m in _ROLE_IS.finditer(sentence):
                yield from emit(m.group("name"), None, m.group("role"), body_key=last_body or ctx.ref.body)
            for m in _ELECTED_AS.finditer(sentence):
                yield from emit(m.group("name"), None, m.group("role"), body_key=ctx.ref.body)
            for m in _LEAVES.finditer(sentence) if any(cue in sentence for cue in _LEAVES_CUES) else ():
                yield from emit(m.group("name"), m.group("body"), "", ends=True)
            for m in _LEAVING_OF.finditer(sentence):
                yield from emit(m.group("name"), m.group("body"), m.group("role"), ends=True, known_only=True)
            for m in _MAYOR.finditer(sentence) if _MAYOR_CUE in sentence else ():
                yield from _mayor(m.group("name"), m.group("place"), span, ctx)
            yield from first_name_roles(sentence, span, ctx, all_lines, seen)


def _without_role(sentence: str, emit, span: Span, ctx: MeetingContext) -> Iterator[RoleStatement | Body]:
    """The constructions of a sentence that names no role word: representation,
    leaving a body, a mayor (the others all need ROLE)."""
    if _REPRESENTED_CUE in sentence:
        for m in _REPRESENTED.finditer(sentence):
            for name in people_in(m.group("rest")):
                yield from emit(name, m.group("body"), "")
    if any(cue in sentence for cue in _LEAVES_CUES):
        for m in _LEAVES.finditer(sentence):
            yield from emit(m.group("name"), m.group("body"), "", ends=True)
    if _MAYOR_CUE in sentence:
        for m in _MAYOR.finditer(sentence):
            yield from _mayor(m.group("name"), m.group("place"), span, ctx)


def people_in(phrase: str) -> list[str]:
    """Personal names in "Kommunaldirektør A, X Kommune og kommunaldirektør B",
    by their shape: titles dropped, places and organisations left out."""
    found = []
    for m in re.finditer(rf"(?:{TITLE_WORD}\s+)?{NAME_PATTERN}", phrase):
        name = strip_title(m.group(0))[1]
        if looks_like_person_name(name):
            found.append(name)
    return found


def _mayor(name: str, place: str, span: Span, ctx: MeetingContext) -> Iterator[RoleStatement | Body]:
    municipality = ctx.municipalities.lookup(place)
    if municipality is None or not looks_like_person_name(name):
        return
    council = municipality_body(municipality)
    if council.found_by_pattern:
        yield council
    yield RoleStatement(name, council.key, Role.MAYOR, span, ctx.ref.date, municipality=municipality.code)


def full_names_for(first: str, lines: list[Line]) -> set[str]:
    """The full names in `lines` that begin with the first name `first`."""
    found = set()
    for line in lines:
        for m in re.finditer(rf"\b{re.escape(first)}(?:\s+[A-ZÆØÅ][\w-]*\.?)+", line.text):
            name = strip_title(re.sub(r"\s+(?:Kommune|Region)\b.*$", "", m.group(0)))[1]
            name = name[:-1] if name.endswith(".") and len(name.split()[-1]) > 2 else name
            if looks_like_person_name(name):
                found.add(name)
    # "Jakob Harder" and "Jakob Aagaard Harder" are one person: keep the longest of nested forms.
    return {n for n in found if not any(o != n and set(n.split()) <= set(o.split()) for o in found)}


def first_name_roles(sentence: str, span: Span, ctx: MeetingContext, lines: list[Line],
                     seen: set | None = None) -> Iterator[RoleStatement | Body]:
    """"Jakob er formand": the one full name in the document that starts with
    Jakob holds the role in the body the sentence is about."""
    mention = _BODY_MENTION.search(sentence)
    body = body_for(mention.group("body"), ctx) if mention else None
    body_key = body.key if body else ctx.ref.body
    seen = set() if seen is None else seen
    for m in _FIRST_NAME_IS.finditer(sentence):
        if m.group("first") in ("Der", "Det", "Den", "Han", "Hun", "Som") or (mention and m.start() < mention.end()):
            continue
        full = full_names_for(m.group("first"), lines)
        role = ROLE_WORDS.get(m.group("role").lower(), Role.MEMBER)
        if len(full) == 1 and (name := full.pop(), body_key, role) not in seen:
            seen.add((name, body_key, role))
            if body is not None and body.found_by_pattern:
                yield body
            yield RoleStatement(name, body_key, role, span, ctx.ref.date)


def _from_marked_names(lines: list[Line], ctx: MeetingContext) -> Iterator[RoleStatement]:
    """"Trine Lund (A), Formand", "Jakob Holm, KL/formand", "Steen Holm (formand)":
    the marked person holds that role in the meeting's body."""
    cues = words_in((line.folded for line in lines), ROLE_MARK_CUES)  # those the lines hold
    for line in lines if cues else ():
        if "\t" in line.text:
            continue  # a table's columns name their own bodies (_from_tables)
        if not any(map(line.folded.__contains__, cues)):
            continue  # no mark in the line: no name in it is marked (a cheap check before the names)
        names = _names_in_list(line.text)
        for index, (name, start, end) in enumerate(names):
            tail = line.text[end: names[index + 1][1] if index + 1 < len(names) else len(line.text)]
            m = _MARKED_TAIL.match(tail)
            if m:
                role = MARKS[(m.group("mark") or m.group("word")).lower()]
                yield RoleStatement(name, ctx.ref.body, role, Span(ctx.doc, line.number, line.number), ctx.ref.date,
                                    municipality=_municipality_near(line.text[start:], name))


def _names_in_list(text: str) -> list[tuple[str, int, int]]:
    """Personal names in a list line as (name, start, end): by first name in
    run-on lists, else by shape when the line is a single entry."""
    found = [(name, start, end) for name, _, start, end in find_person_names(text, first_names())]
    if found:
        return found
    m = re.match(rf"\s*(?:[•*-]\s*)?{_NAME}", text)
    if m and looks_like_person_name(m.group("name")):
        return [(m.group("name"), m.start("name"), m.end("name"))]
    return []


def _municipality_near(sentence: str, name: str) -> str:
    """The municipality written right after a name: "A fra Skanderborg",
    "A (Norddjurs Kommune)", "A, Holstebro Kommune", "A (V), Greve Kommune",
    "A (V), som er medlem af byrådet i Lemvig Kommune", "As pensionering fra
    Favrskov Kommune"."""
    m = after_literal(name, _MUNICIPALITY_NEAR, sentence)
    found = municipalities().lookup(m.group(1)) if m else None
    return found.code if found else ""


# What follows the name in _municipality_near (compiled once, not with each name).
_MUNICIPALITY_NEAR = re.compile(rf"(?:s\s+(?:{LEAVING_NOUNS}))?(?:\s*\([A-ZÆØÅ]{{1,2}}\))?\s*"
                                r"(?:,\s*som\s+er\s+medlem\s+af\s+(?:kommunalbestyrelsen|byrådet)\s+i\b|,|\(|\bfra\b"
                                r"|\bi\b)\s*([A-ZÆØÅ][\w-]+(?:\s+[Kk]ommune)?)")


def _from_tables(lines: list[Line], ctx: MeetingContext) -> Iterator[RoleStatement | Doubt]:
    """Tables whose header names bodies (one per column) or a role."""
    columns: list[str | None] = []  # body key per column, under a header of bodies
    role_column: tuple[int, Role] | None = None  # under a header such as "Sundhedsklynge<TAB>Medformand"
    intro = ""  # the prose line before the table: "... medformænd valgt i forbindelse med ..." gives its start basis
    for line in lines:
        if not columns and role_column is None and "\t" not in line.text:
            # Prose outside a table (most lines): it can only be the table's intro.
            if line.text.strip():
                intro = line.text
            continue
        cells = [c.strip() for c in line.text.split("\t")]
        span = Span(ctx.doc, line.number, line.number)
        if len(cells) < 2 and not columns and role_column is None and line.text.strip():
            intro = line.text
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
                basis, since = start_cue(intro, ctx.ref.date and ctx.ref.date.year)
                yield RoleStatement(name, body, role, span, ctx.ref.date, start_basis=basis, since_year=since)
                continue
        people = [(column, _person_cell(cell)) for column, cell in enumerate(cells)]
        if columns and any(person for _, person in people):
            for column, person in people:
                if person and column < len(columns) and columns[column]:
                    name, municipality, role = person
                    yield RoleStatement(name, columns[column], role, span, ctx.ref.date, municipality=municipality)
            continue
        keys = [_body_key(drop_brackets(c), ctx.region) for c in cells]
        if any(keys) and all(k or not c for k, c in zip(keys, cells)):
            columns, role_column = keys, None
            continue
        words = [c.lower() for c in cells]
        role_at = next((i for i, w in enumerate(words) if w in ROLE_WORDS and ROLE_WORDS[w] is not Role.MEMBER), None)
        if role_at is not None:
            columns, role_column = [], (role_at, ROLE_WORDS[words[role_at]])


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


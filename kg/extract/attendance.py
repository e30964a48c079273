"""Attendance: who was present, absent, partly present, or stood in for whom,
in whatever layout the minutes use.

Lists are read wherever a label opens them (kg.danish.attendance): on lines
of their own ("Deltagere" over one name a line), inline ("Afbud: A, B og
C"), or inside a page run onto one line ("3 Deltagere A Thisted Kommune B
... Afbud: C Gæster: D"). A list's entries are split by
kg.extract.name_lists, with or without separators. What a list line says
about its person is kept: party letters ("(A)", ", V"), an absence mark
("Næstformand- afbud"), a substitution ("(suppleant for X)", "X, i stedet
deltog Y", "X, suppleant Y deltog"), partial attendance ("(deltog i
dagsordenspunkt 2)"), a chair mark, a capacity ("CPR-kontoret/gæst").

Prose anywhere in the meeting adds to the lists: "Der er afbud fra A og B",
"A havde meldt afbud", "A var fraværende", "Alle medlemmer var mødt undtagen
A", "Y deltog i stedet for X", "Y deltog i mødet som suppleant for X",
"stedfortræder ..., Y, indkaldes ... som følge af afbud fra X", "Y og Z
deltog som suppleanter", the names an item approving the called-in
substitutes approves ("Godkendelse af indkaldte stedfortrædere": "A og B
godkendt"), the one substitute an item calls in, in minutes ("Indkaldelse af
stedfortræder for X": "Y indtræder som stedfortræder"), and partial
attendance ("A deltog ikke under punkterne 12-15", "A deltog kl. 11.30 til
12.30", "A deltog ikke i udvalgets behandling af sagen" under an item).

One record per person and meeting: a members' or participants' list minus
those absent; absent from a list or a sentence; partial (its own status,
with the items or times) where only part of the meeting was attended;
substitute, with the person stood in for where the text pairs them, and
also present, for a substitute attended the meeting (the two records differ
only in status); an unpaired substitute is present, listed in the group
"suppleant". An absence list the document is cut in ("Fraværende:" and the
end) leaves the members listed without a presence: members of the body,
with a doubt. Guests, observers and the secretariat attend in that
capacity, never as members.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from itertools import accumulate
from dataclasses import dataclass, field

from kg.danish import attendance as A
from kg.danish import clean_name, line_cues, looks_like_person_name, strip_title
from kg.danish.literal import (CueFinder, as_sets, cue_words, drop_brackets, fold, holds, lazy_finditer, lazy_search,
                               present)
from kg.extract.context import MeetingContext
from kg.extract.name_lists import Entry, municipality_of, split_entries
from kg.extract.roles import role_mark
from kg.model import (
    Attendance, AttendanceCapacity, AttendanceStatus, DocumentKind, Doubt, Outcome, PartialAttendance, Role,
    RoleStatement, Span,
)
from kg.read import Line
from kg.segment import MeetingSegment

_CAPACITY_OF_KIND = {"guests": AttendanceCapacity.GUEST, "observers": AttendanceCapacity.OBSERVER,
                     "secretariat": AttendanceCapacity.SECRETARY}
_CAPACITY_OF_NOTE = {"gæst": AttendanceCapacity.GUEST, "observatør": AttendanceCapacity.OBSERVER,
                     "sekretær": AttendanceCapacity.SECRETARY, "referent": AttendanceCapacity.SECRETARY,
                     "sekretariat": AttendanceCapacity.SECRETARY}
_BULLET = re.compile(r"^\s*[-–•*]\s+")
# A sentence boundary: a full stop not closing an initial ("Jens A. Møller"), or a colon.
# (The stop first, the look-behind after it: re then skips to the stops.)
_SENTENCE_END = re.compile(r"[.!?:](?<![A-ZÆØÅ][.!?])\s+")
# Phrases inside a list that say something about the name before them.
# Words ending in a lower-case word before the first comma of a list: the
# value of another field run into the list (a venue, "Borgmesterens kontor").
_LEADING_VALUE = re.compile(r"^[^,()]{0,80}\b[a-zæøå][\wæøå.-]*\s+(?=(?:[A-ZÆØÅ][\w.'-]*\s*)+[,(])")

_LIST_PHRASES = (A.PARTIAL_ITEMS, A.PARTIAL_TIME, A.LEFT_AFTER_ITEM, A.LEFT_AT_TIME,
                 re.compile(r"\bi\s+stedet\s+(?:deltog|deltager|mødte)\s+(?:[A-ZÆØÅ][\w.-]*\s*)+", re.I),
                 re.compile(r"\bsup+(?:le|el)ant\s+(?:[A-ZÆØÅ][\w.-]*\s+)+(?:deltog|deltager|mødte)\b", re.I),
                 re.compile(r"(?:[A-ZÆØÅ][\w.-]*\s+)+(?:deltog|deltager|mødte)\s+i\s+stedet\s+for\s+"
                            r"(?:[A-ZÆØÅ][\w.-]*\s*)+", re.I),
                 A.CALLED_AFTER_NAME)
# The words of every pre-check of a prose sentence (kg.danish.attendance),
# found in one pass (kg.danish.literal.CueFinder), and the checks as sets.
_PROSE_CUES = ((A.ANY_PROSE_CUE,), *A.ABSENT_PROSE_CUES, A.CALLED_IN_CUES, A.AFBUD_AND_INSTEAD_CUES, A.INSTEAD_FOR_CUES,
               A.AS_SUBSTITUTES_CUES, A.INSTEAD_ALONE_CUES, A.PARTIAL_CUES)
_PROSE_FINDER = CueFinder(cue_words(*_PROSE_CUES))
_ANY_PROSE = frozenset(A.ANY_PROSE_CUE)
_ABSENT_PROSE_SETS = tuple(map(as_sets, A.ABSENT_PROSE_CUES))
_CALLED_IN, _AFBUD_AND_INSTEAD, _INSTEAD_FOR, _AS_SUBSTITUTES, _INSTEAD_ALONE, _PARTIAL = map(
    as_sets, (A.CALLED_IN_CUES, A.AFBUD_AND_INSTEAD_CUES, A.INSTEAD_FOR_CUES, A.AS_SUBSTITUTES_CUES,
              A.INSTEAD_ALONE_CUES, A.PARTIAL_CUES))
# The words (folded) one of which every match of _LIST_PHRASES holds: most
# pieces of list are names only, and each pattern would scan them.
_LIST_PHRASE_CUES = (("delt", "mødte", "stede", "forlod", "gik", "sup", "indkald"),)


@dataclass
class _Person:
    """What the meeting's text says about one person."""

    name: str
    line: int
    kinds: set[str] = field(default_factory=set)  # list kinds the person is named in
    group: str = ""
    municipality: str = ""
    title: str = ""
    party: str = ""
    capacity: AttendanceCapacity = AttendanceCapacity.MEMBER
    absent: bool = False
    partial: PartialAttendance | None = None
    partial_from_list: bool = False
    substitute: bool = False
    substitute_for: str = ""


def extract_attendance(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Attendance | RoleStatement | Doubt]:
    """One attendance record per person the meeting's lists and sentences
    name, and the body's chair where a list marks one ("(fmd.)")."""
    reader = _Reader(segment, ctx)
    reader.read_lists()
    reader.read_prose()
    yield from reader.roles
    yield from reader.records()
    yield from reader.listed_members
    yield from reader.doubts
    for line, first, second in sorted(reader._stacked):
        yield Doubt(ctx.doc, line, f"a {second} list label follows a {first} list label with no names between "
                                   f"(a flattened table): the names after them are read as {first}")


class _Reader:
    def __init__(self, segment: MeetingSegment, ctx: MeetingContext):
        self.segment = segment
        self.ctx = ctx
        self.people: dict[str, _Person] = {}
        self.roles: list[RoleStatement] = []
        self.doubts: list[Doubt] = []
        self.block_lines = {id(line) for block in segment.blocks for line in block.lines}
        self.item_of_line = {line.number: item.number for item in segment.items
                             for line in item.lines}
        self.own_lines = _own_lines(segment)
        self.known: frozenset[str] = frozenset()
        self._stacked: set[tuple[int, str, str]] = set()
        # The absence label the document ends after, with no name read
        # (a cut list): who was present can't be read.
        self.cut_absence: Line | None = None
        self.listed_members: list[RoleStatement] = []
        self._read: dict[tuple[str, int, frozenset[str]], tuple[list[Entry], list[str]]] = {}

    # -- lists --------------------------------------------------------------

    def read_lists(self) -> None:
        """Every list of the meeting, read twice: the second pass splits run-on
        lists with the full names the first pass found."""
        lists = list(self._lists())
        if not any(kind in ("participants", "members") for kind, *_ in lists):
            lists += list(self._table_rows())
        for _ in range(2):
            entries = [(kind, label, line, entry) for kind, label, line, text in lists
                       for entry in self._entries(text, line)]
            known = frozenset(e.name for *_, e in entries if len(e.name.split()) >= 2)
            if known == self.known:
                break
            self.known = known
        unread_absence: list[tuple[Line, str]] = []
        absence_read = False
        for kind, label, line, text in lists:
            entries = self._entries(text, line, report=True)
            if kind == "absent":
                absence_read = absence_read or bool(entries)
                unread_absence += [] if entries else [(line, text)]
            for entry in entries:
                self._add_entry(kind, label, line, entry, alone=len(entries) == 1)
        if not absence_read:
            self.cut_absence = _cut_absence(unread_absence, self.segment, self.known)

    def _table_rows(self) -> Iterator[tuple[str, str, Line, str]]:
        """A two-column participant table that a PDF transcript flattened row
        by row ("Name1 Name2 Org1 Org2"), with no label: read only when the
        meeting has no labelled list and at least three lines before the
        first item have that shape."""
        first_item = min((item.heading_start for item in _found_items(self.segment)), default=None)
        rows = []
        for line in self.own_lines:
            if first_item is not None and line.number >= first_item:
                break
            orgs = A.TRAILING_ORGS.search(line.text)
            if not orgs:
                continue
            count = len(A.ONE_ORG.findall(orgs.group(0)))
            head = line.text[:orgs.start()]
            head = re.split(r"\s\d+(?=\s)", f" {head}")[-1]  # after a street number or page number
            entries, _ = split_entries(head, self.known)
            if len(entries) >= count >= 2:
                names = entries[-count:]
                rows.append((line, head[names[0].start:]))
        if len(rows) >= 3:
            for line, text in rows:
                yield "participants", "", line, text

    def _lists(self) -> Iterator[tuple[str, str, Line, str]]:
        """(kind, group label, line, text) for each piece of list: a block's
        lines, and the text after each label inside other lines.

        A flattened table puts its column heads side by side before the
        columns ("Deltagere: Afbud: A, B, C ..."): the names come first from
        the first column, and where it ends is lost. They are read under
        the first label (most of such a table is its first column), with a
        warning."""
        stacked: tuple[str, str, Line] | None = None
        for kind, label, line, text in self._list_pieces():
            if stacked is not None and stacked[2].number == line.number and kind != stacked[0]:
                self._stacked.add((line.number, stacked[0], kind))
                kind, label = stacked[0], stacked[1]
            stacked = (kind, label, line) if not text.strip() else None
            yield kind, label, line, text

    def _list_pieces(self) -> Iterator[tuple[str, str, Line, str]]:
        for block in self.segment.blocks:
            kind, label = block.kind, block.label
            for index, line in enumerate(block.lines):
                text = _BULLET.sub("", line.text)
                if index == 0 and kind != "group":
                    labelled = A.LINE_LABEL.match(line.text)
                    text = labelled.group(2) if labelled else text
                    if labelled and kind in _CAPACITY_OF_KIND:
                        label = labelled.group(1)  # "Gæster": the group they attend as
                yield from self._split_at_labels(kind, label, line, text)
        for line in self.own_lines:
            # Outside a block a line gives pieces only after a label (cheap checks first: the
            # line's cues, found when it was read, then the label words).
            if line.cues.isdisjoint(line_cues.LIST_LABEL):
                continue
            if ":" not in line.text and line.cues.isdisjoint(line_cues.STRONG_LIST_LABEL):
                continue  # only weak labels ("Sekretariatet har ..."), which open a list only before a colon
            if id(line) not in self.block_lines and A.INLINE_LABEL_WORD.search(line.text):
                yield from self._split_at_labels(None, "", line, line.text)

    def _split_at_labels(self, kind: str | None, label: str, line: Line,
                         text: str) -> Iterator[tuple[str, str, Line, str]]:
        labels = [m for m in A.INLINE_LABEL.finditer(text)
                  if ":" in m.group(0) or m.group("label").lower() not in A.WEAK_INLINE_LABELS] \
            if A.INLINE_LABEL_WORD.search(text) else []  # a cheap check first: most lines hold no label
        starts = [0, *(m.start() for m in labels)]
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(text)
            if index == 0:
                if kind is not None:  # even empty: a label with nothing after it may head a flattened table
                    yield kind, label, line, text[:end]
                continue
            m = labels[index - 1]
            word = m.group("label").lower()
            new_kind = A.LIST_LABELS[word]
            group = m.group("label") if new_kind in _CAPACITY_OF_KIND else ""
            yield new_kind, group, line, text[m.end():end]

    def _entries(self, text: str, line: Line, report: bool = False) -> list[Entry]:
        # The lists are read in passes (read_lists); the last pass often reads
        # them with the names the pass before had: read once per names known.
        key = (text, line.number, self.known)
        if key not in self._read:
            self._read[key] = self._read_entries(text)
        entries, doubts = self._read[key]
        if report:
            for message in doubts:
                self.doubts.append(Doubt(self.ctx.doc, line.number, message))
        return entries

    def _read_entries(self, text: str) -> tuple[list[Entry], list[str]]:
        """The entries of a piece of list, and the doubts met reading it."""
        phrases: dict[str, str] = {}

        def cut(m: re.Match) -> str:
            before = m.string[:m.start()]
            if before.count("(") > before.count(")"):
                return m.group(0)  # inside a bracket: the bracket is the note
            key = f"§{len(phrases)}§"
            phrases[key] = m.group(0).strip()
            return f" {key} "

        for pattern in _LIST_PHRASES if present(fold(text), _LIST_PHRASE_CUES) else ():
            text = pattern.sub(cut, text)
        for m in reversed(list(A.NAME_FOR_NAME.finditer(text))):
            if looks_like_person_name(m.group("sub")) and looks_like_person_name(m.group("absent")):
                # "B for A" in a list: B came in A's place; the phrase is B's note.
                key = f"§{len(phrases)}§"
                phrases[key] = f"for {m.group('absent')}"
                text = f"{text[:m.end('sub')]} {key} {text[m.end():]}"
        entries, doubts = split_entries(text, self.known, phrases)
        lead = _LEADING_VALUE.match(text) if not entries and text.count(",") >= 2 else None
        if lead:
            # A flattened form gives an earlier field's value before the
            # names ("Mødested: Deltagere: Byrådssalen Bo Dahl (A), ..."):
            # read the list after its last lower-case word.
            rest, rest_doubts = split_entries(text[lead.end():], self.known, phrases)
            if len(rest) >= 2:
                entries = rest
                doubts = [*rest_doubts, f"{lead.group(0).strip()!r} before the list's first name is not read "
                                        "as a person (a value of another field)"]
        return entries, doubts

    def _add_entry(self, kind: str, label: str, line: Line, entry: Entry, alone: bool = True) -> None:
        person = self._person(entry.name, line.number)
        person.kinds.add(kind)
        person.municipality = person.municipality or municipality_of(entry.org)
        person.title = person.title or entry.title
        person.party = person.party or entry.party
        if kind == "group":
            person.group = person.group or label
            if "sekretariat" in label.lower():
                person.capacity = AttendanceCapacity.SECRETARY
        elif kind in _CAPACITY_OF_KIND:
            person.capacity = _CAPACITY_OF_KIND[kind]
            person.group = person.group or label
        if kind == "absent" or entry.absent_mark:
            person.absent = True
        for note in entry.notes:
            self._note(person, note, line, alone)
        role = role_mark(" ".join(f"({n})" for n in entry.notes)) or role_mark(f"({entry.title})")
        if role and kind not in ("group", *_CAPACITY_OF_KIND):
            self.roles.append(RoleStatement(person.name, self.ctx.ref.body, role, self._span(line.number),
                                            self.ctx.ref.date, municipality=person.municipality))

    def _note(self, person: _Person, note: str, line: Line, alone: bool = True) -> None:
        """What a bracket or a phrase after a name says about that person.
        `alone`: the person is the only one named on the line, so a
        substitute named after them replaces them."""
        if note.lower() in _CAPACITY_OF_NOTE:
            person.capacity = _CAPACITY_OF_NOTE[note.lower()]
            person.group = person.group or note.lower()
            return
        sub_for = A.SUBSTITUTE_NOTE.match(f"({note})") or A.FOR_NOTE.match(note)
        if sub_for:
            person.substitute = True
            person.substitute_for = _first_name_in(sub_for.group("absent"), self.known) or person.substitute_for
            if A.FOR_NOTE.match(note):
                self._person(person.substitute_for, line.number).absent = True
            return
        instead_for = A.INSTEAD_FOR.search(note)
        if instead_for:
            subs = _names_before(instead_for.group("sub"), self.known)
            absent = _first_name_in(instead_for.group("absent"), self.known)
            for sub in subs[-1:]:
                self._substitute(sub, absent or person.name, line.number)
            return
        instead = re.match(r"(?:i\s+stedet\s+(?:deltog|deltager|mødte)\s+(?P<a>.+)|sup+(?:le|el)ant\s+(?P<b>.+?)"
                           r"\s+(?:deltog|deltager|mødte))$", note, re.I)
        if instead:
            sub = _first_name_in(instead.group("a") or instead.group("b"), self.known)
            if sub:
                self._substitute(sub, person.name, line.number)
            return
        called = A.CALLED_AFTER_NAME.fullmatch(note)
        if called and person.absent:
            # "Fraværende med afbud: A, B indkaldt": B came in A's place; with
            # several absentees on the line, whose place is not said.
            sub = _first_name_in(called.group("sub"), self.known)
            if sub:
                self._substitute(sub, person.name if alone else "", line.number)
                self._person(sub, line.number).absent = False
            return
        partial = _partial(note, self.item_of_line.get(line.number))
        if partial:
            person.partial, person.partial_from_list = partial, True

    def _substitute(self, name: str, absent: str, line: int) -> None:
        sub = self._person(name, line)
        sub.substitute = True
        sub.substitute_for = sub.substitute_for or absent

    # -- prose --------------------------------------------------------------

    def read_prose(self) -> None:
        for line in self.own_lines:
            text = line.text
            if line.cues.isdisjoint(line_cues.PROSE):
                continue  # no sentence of the line holds a cue (see _sentence)
            for sentence, cued in _cued_sentences(line):
                if cued:
                    self._sentence(sentence, line)
        for item in _found_items(self.segment):
            if A.SUBSTITUTES_ITEM.search(item.title):
                self._approved_substitutes(item)
                self._called_in(item)
            elif any("træde" in line.folded and A.ENTERS_AS_SUBSTITUTE.search(line.text) for line in item.lines):
                self._called_in(item)  # "Y indtræder som stedfortræder" under another title

    def _called_in(self, item) -> None:
        """An item calling in a substitute ("Indkaldelse af stedfortræder for
        X", "Y indtræder som stedfortræder"): the one person it calls in
        attends in the place of the member its title or text names (or of
        the one member its text marks absent); with no such member, a
        doubt and no pair. With several people called in, nobody is paired.
        Only minutes record it: an agenda, its decision not yet taken,
        proposes it."""
        if not self._decided(item):
            return
        called: dict[str, int] = {}
        for line in item.lines:
            for pattern in A.CALLED_IN_ITEM:
                for m in pattern.finditer(line.text):
                    name = clean_name(m.group("sub"))
                    if looks_like_person_name(name):
                        called.setdefault(name, line.number)
        names = {self._person(name, n).name for name, n in called.items()} if called else set()
        if len(names) != 1:
            return
        absent = self._member_replaced(item, names)
        name, number = next(iter(called.items()))
        if absent:
            self._person(absent, item.heading_start).absent = True
        else:
            self.doubts.append(Doubt(self.ctx.doc, number, f"{clean_name(name)} is called in as a substitute, but "
                                     "the item names no one member it is for: recorded present, not paired"))
        self._substitute(name, absent, number)

    def _decided(self, item) -> bool:
        """The item is in minutes: a minutes document, or an agenda item
        whose decision is filled in."""
        if self.ctx.kind is DocumentKind.MINUTES or self.ctx.outcome(item) is not Outcome.NONE:
            return True
        for index, line in enumerate(item.lines):
            heading = A.DECISION_OF_BODY.match(line.text)
            if heading and (heading.group("rest").strip() or any(n.text.strip() for n in item.lines[index + 1:])):
                return True
        return False

    def _member_replaced(self, item, called: set[str]) -> str:
        """The member a called-in substitute is for: the one the title
        names, else the one the text names ("stedfortræder for X", "indtil
        X på ny varetager sine hverv"), else the one member the item marks
        absent; "" when none or several."""
        titled = A.REPLACED_IN_TITLE.search(item.title)
        if titled:
            return _first_name_in(titled.group("absent"), self.known)
        named: dict[str, str] = {}
        for line in item.lines:
            for pattern in A.MEMBER_REPLACED:
                for m in pattern.finditer(line.text):
                    name = clean_name(m.group("absent"))
                    if looks_like_person_name(name) and name not in called:
                        named.setdefault(self._person(name, line.number).name, name)
        if named:
            return next(iter(named)) if len(named) == 1 else ""
        lines = {line.number for line in item.lines}
        absentees = [p.name for p in self.people.values() if p.absent and p.line in lines and p.name not in called]
        return absentees[0] if len(absentees) == 1 else ""

    def _approved_substitutes(self, item) -> None:
        """An item approving the substitutes called in: the names its
        decision approves ("A og B godkendt") attend as substitutes."""
        for line in item.lines:
            m = A.NAMES_APPROVED.match(line.text.strip())
            if m:
                for name in _names_before(m.group("names"), self.known):
                    self._substitute(name, "", line.number)

    def _sentence(self, text: str, line: Line) -> None:
        # Each pattern runs only where its cue words are (most sentences
        # hold none): the lazy leading runs are costly on long lines.
        folded = line.folded if text is line.text else fold(text)  # a line of one sentence: folded once
        found = _PROSE_FINDER.found(folded)  # the words of every check below, in one pass
        if found.isdisjoint(_ANY_PROSE):
            return
        for i, (pattern, cues) in enumerate(zip(A.ABSENT_PROSE, _ABSENT_PROSE_SETS)):
            if not holds(found, cues):
                continue
            for m in lazy_finditer(pattern, text) if i in A.LAZY_ABSENT_PROSE else pattern.finditer(text):
                after = i in (0, 4)
                names = _names_after(m.group("names"), self.known) if after \
                    else _names_before(m.group("names"), self.known)
                for name in names:
                    self._person(name, line.number).absent = True
        called = holds(found, _CALLED_IN) and A.CALLED_IN.search(text)
        if called:
            sub = _first_name_in(called.group("sub"), self.known)
            absent = _first_name_in(called.group("absent"), self.known)
            if sub:
                self._substitute(sub, absent, line.number)
        paired = holds(found, _AFBUD_AND_INSTEAD) and lazy_search(A.AFBUD_AND_INSTEAD, text, ",.")
        if paired:
            absent = _first_name_in(paired.group("absent"), self.known)
            sub = _first_name_in(paired.group("sub") or paired.group("sub2"), self.known)
            if sub:
                self._substitute(sub, absent, line.number)
        instead_for = holds(found, _INSTEAD_FOR)
        for m in lazy_finditer(A.INSTEAD_FOR, text, ",()") if instead_for else ():
            subs = _names_before(m.group("sub"), self.known)
            absent = _first_name_in(m.group("absent"), self.known)
            for sub in subs[-1:]:
                self._substitute(sub, absent, line.number)
        as_subs = holds(found, _AS_SUBSTITUTES) and lazy_search(A.AS_SUBSTITUTES, text)
        if as_subs and not lazy_search(A.INSTEAD_FOR, text, ",()"):
            for sub in _names_before(as_subs.group("subs"), self.known):
                self._substitute(sub, "", line.number)
        alone = holds(found, _INSTEAD_ALONE) and A.INSTEAD_ALONE.match(text.strip())
        if alone:
            sub = _first_name_in(alone.group("sub"), self.known)
            if sub:
                self._substitute(sub, "", line.number)
        partial_patterns = (A.PARTIAL_ITEMS, A.PARTIAL_TIME, A.LEFT_AFTER_ITEM, A.LEFT_AT_TIME, A.NOT_IN_THIS_ITEM) \
            if holds(found, _PARTIAL) else ()
        for pattern in partial_patterns:
            for m in pattern.finditer(text):
                partial = _partial(m.group(0), self.item_of_line.get(line.number))
                if partial is None:
                    continue
                for name in _names_before(text[:m.start()], self.known):
                    person = self._person(name, line.number)
                    if person.partial is None:
                        person.partial = partial
                    elif partial.items and not person.partial_from_list:
                        person.partial = _merge_partial(person.partial, partial)

    # -- people -------------------------------------------------------------

    def _person(self, name: str, line: int) -> _Person:
        """The person a name refers to: the same name, a shorter or
        misspelt form of one listed name ("Lene F. Andersen", "Bente Gertz
        Hansn", "Lone"), or a new person."""
        key = _key(name)
        if key in self.people:
            return self.people[key]
        match = _match(name, list(self.people.values()))
        if match is not None:
            return match
        person = _Person(clean_name(name), line)
        self.people[key] = person
        return person

    def records(self) -> Iterator[Attendance]:
        for person in self.people.values():
            for_name = person.substitute_for
            if for_name:
                target = self.people.get(_key(for_name)) or _match(for_name, [
                    p for p in self.people.values() if p is not person])
                if target is not None:
                    for_name = target.name
                elif " " not in for_name:
                    self.doubts.append(Doubt(self.ctx.doc, person.line,
                                             f"{person.name} stood in for {for_name!r}, which matches no "
                                             "name in the lists; kept as written"))
            status = self._status(person)
            if status is None:
                continue
            if status is AttendanceStatus.PRESENT and self._unknown_presence(person):
                continue
            capacity = person.capacity
            group = person.group
            if status is AttendanceStatus.SUBSTITUTE:
                capacity = AttendanceCapacity.MEMBER
                if not for_name:
                    # "Y og Z deltog som suppleanter": present, as substitutes
                    # for members the text does not name.
                    status, group = AttendanceStatus.PRESENT, group or "suppleant"
            record = Attendance(self.ctx.ref, person.name, status, self._span(person.line),
                                substitute_for=for_name if status is AttendanceStatus.SUBSTITUTE else "",
                                municipality=person.municipality, group=group, title=person.title,
                                party=person.party, capacity=capacity,
                                partial=person.partial if status is AttendanceStatus.PARTIAL else None)
            yield record
            if status is AttendanceStatus.SUBSTITUTE:
                # A substitute attended the meeting: present, in someone's place.
                yield dataclasses.replace(record, status=AttendanceStatus.PRESENT)

    def _unknown_presence(self, person: _Person) -> bool:
        """A member listed before an absence list the document is cut in
        (kg.danish: "Fraværende:" and then the end): present or absent can't
        be read. The member is kept as a member of the body (a role
        statement, as member lists give), with a doubt for the list."""
        if self.cut_absence is None or not person.kinds & {"members", "participants"} \
                or person.capacity is not AttendanceCapacity.MEMBER or person.group:
            return False
        if not self.listed_members:
            self.doubts.append(Doubt(self.ctx.doc, self.cut_absence.number,
                                     "the absence list is cut off (the document ends after its label with no name "
                                     "to read): attendance can't be read, the members listed are kept as members "
                                     "without a presence"))
        self.listed_members.append(RoleStatement(person.name, self.ctx.ref.body, Role.MEMBER,
                                                 self._span(person.line), self.ctx.ref.date,
                                                 municipality=person.municipality))
        return True

    @staticmethod
    def _status(person: _Person) -> AttendanceStatus | None:
        if person.partial and person.partial_from_list:
            return AttendanceStatus.PARTIAL
        if person.absent:
            return AttendanceStatus.ABSENT
        if person.partial:
            return AttendanceStatus.PARTIAL
        if person.substitute:
            return AttendanceStatus.SUBSTITUTE
        if person.kinds:
            return AttendanceStatus.PRESENT
        return None

    def _span(self, line: int) -> Span:
        return Span(self.ctx.doc, line, line)


# -- helpers ------------------------------------------------------------------

def _own_lines(segment: MeetingSegment) -> list[Line]:
    """The meeting's lines without those of minutes quoted inside its items
    (they are meetings of their own): the preamble up to the first item, and
    each item's heading and body."""
    items = _found_items(segment)
    if not items:
        return list(segment.lines)
    first = min(item.heading_start for item in items)
    inside = {line.number for item in items for line in item.lines}
    headings = {n for item in items for n in range(item.heading_start, item.heading_end + 1)}
    return [line for line in segment.lines if line.number < first or line.number in inside
            or line.number in headings]


def _cut_absence(unread: list[tuple[Line, str]], segment: MeetingSegment, known: frozenset[str]) -> Line | None:
    """The line of the first absence label when the meeting ends after it
    with no name to read (nothing, or one fragment such as "Medd"); None
    when there is no label, an item follows, or what follows is more text
    or says nobody was absent ("Ingen")."""
    if not unread:
        return None
    label = unread[0][0]
    if any(item.heading_start > label.number for item in _found_items(segment)):
        return None
    rest = [text.strip() for line, text in unread if line is label and text.strip()]
    rest += [line.text.strip() for line in segment.lines if line.number > label.number and line.text.strip()]
    if len(rest) > 1:
        return None
    if rest and (A.NO_ONE_ABSENT.match(rest[0]) or len(rest[0].split()) > 2 or split_entries(rest[0], known)[0]):
        return None
    return label


def _found_items(segment: MeetingSegment) -> list:
    """The items whose heading stands in the text; an item known only from
    the agenda table sits at the table's line and says nothing about where
    the preamble ends."""
    return [item for item in segment.items if item.heading_found]


_ABBREVIATIONS = frozenset("kl pkt nr jf ca evt mht vedr dvs fx mv pga stk bl a d ang inkl ref".split())


_SENTENCE_BREAK = re.compile(r"[.!?](?<![A-ZÆØÅ][.!?])(?:\s+|$)")
_LAST_WORD = re.compile(r"(\w+)$")
_LOOK_BACK = max(map(len, _ABBREVIATIONS)) + 2
_ABBREVIATION_ENDS = frozenset(word[-1] for word in _ABBREVIATIONS)


def _sentences(text: str) -> list[str]:
    if "." not in text and "!" not in text and "?" not in text:  # one sentence (most lines)
        return [text] if text.strip() else []
    out, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        # Only the last word before the stop matters, and an abbreviation is
        # short: a bounded look back keeps long lines linear. Asked only
        # after a full stop and a letter some abbreviation ends with.
        stop = m.start()
        if text[stop] == "." and stop and text[stop - 1].lower() in _ABBREVIATION_ENDS:
            word = _LAST_WORD.search(text, max(0, stop - _LOOK_BACK), stop)
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        out.append(text[start:m.end()])
        start = m.end()
    if text[start:].strip():
        out.append(text[start:])
    return out


def _cued_sentences(line: Line) -> list[tuple[str, bool]]:
    """Each of _sentences(line.text), and whether it holds a word of
    _ANY_PROSE (the first pre-check of _sentence, which returns at once
    without): sentences follow each other without a gap."""
    sentences = _sentences(line.text)
    starts = list(accumulate((len(sentence) for sentence in sentences[:-1]), initial=0))
    return list(zip(sentences, line_cues.cued_sentences(line, sentences, starts, line_cues.PROSE)))


def _names_before(text: str, known: frozenset[str]) -> list[str]:
    """The names that end `text` ("..., A, B og C" before a verb): from the
    last sentence break or prose word on."""
    cut = 0
    for m in _SENTENCE_END.finditer(text):
        cut = m.end()
    text = text[cut:]
    labelled = list(A.INLINE_LABEL.finditer(text))
    if labelled:
        text = text[labelled[-1].end():]
    # Start after the last lower-case word outside brackets that is not a
    # joining word or a title ("Dagsordenen blev godkendt Torben Haack").
    depth, last = 0, 0
    words = list(re.finditer(r"[^\s(),]+|[(),]", text))
    for k, m in enumerate(words):
        word = m.group(0)
        depth += (word == "(") - (word == ")")
        if depth:
            continue
        after = words[k + 1].group(0) if k + 1 < len(words) else ","
        before = words[k - 1].group(0) if k else ""
        lone_lower_surname = before[:1].isupper() and after in {",", "og", "samt"} and word.isalpha()
        if (word[:1].islower() or word[:1].isdigit()) and word not in {"og", "samt", "von", "van", "de"} \
                and not strip_title(word)[0] and word != "kommune" and not lone_lower_surname:
            last = m.end()
    text = text[last:]
    entries, _ = split_entries(text, known)
    # Only the names joined to the last one ("A, B og C"), not a name
    # further back that merely stands in the same run ("Aalborg Øst Birgit Hansen").
    joined = entries[-1:]
    for earlier, later in zip(entries[-2::-1], entries[::-1]):
        between = drop_brackets(text[earlier.end:later.start])
        if not re.search(r",|;|\bog\b|\bsamt\b|&", between):
            break
        joined.insert(0, earlier)
    return [e.name for e in joined]


def _names_after(text: str, known: frozenset[str]) -> list[str]:
    """The names that open `text` ("afbud fra A, B og C. ...")."""
    labelled = A.INLINE_LABEL.search(text)
    text = text[:labelled.start()] if labelled else text
    m = _SENTENCE_END.search(text)
    text = text[:m.start()] if m else text
    entries, _ = split_entries(text, known)
    return [e.name for e in entries]


def _first_name_in(text: str, known: frozenset[str]) -> str:
    """The first person named in `text`; a first name alone ("Lone") is
    kept as written, to be completed from the lists."""
    names = _names_after(strip_title(text.strip())[1], known)
    if names:
        return names[0]
    word = re.match(r"\s*([A-ZÆØÅ][a-zæøå]+)\b", text)
    return word.group(1) if word else ""


def _partial(text: str, current_item: str | None) -> PartialAttendance | None:
    """The part of the meeting a phrase says a person attended."""
    written = clean_name(text)
    m = A.PARTIAL_ITEMS.search(text)
    if m:
        return PartialAttendance(written, _item_numbers(m.group("items")), attended=not m.group("neg"))
    m = A.LEFT_AFTER_ITEM.search(text)
    if m:
        items = _item_numbers(m.group("items"))
        return PartialAttendance(written, tuple(str(n) for n in range(1, int(items[-1]) + 1)), attended=True)
    m = A.PARTIAL_TIME.search(text)
    if m:
        return PartialAttendance(written, start=_time(m.group("h1"), m.group("m1")),
                                 end=_time(m.group("h2"), m.group("m2")))
    m = A.LEFT_AT_TIME.search(text)
    if m:
        return PartialAttendance(written, end=_time(m.group("h2"), m.group("m2")))
    m = A.NOTE_TIME.match(text.strip())
    if m:
        at = _time(m.group("h"), m.group("m")) if m.group("h") else None
        return PartialAttendance(written, start=at) if m.group("dir").lower() == "fra" \
            else PartialAttendance(written, end=at)
    m = A.NOT_IN_THIS_ITEM.search(text)
    if m and current_item:
        return PartialAttendance(written, (current_item,), attended=False)
    return None


def _merge_partial(a: PartialAttendance, b: PartialAttendance) -> PartialAttendance:
    if a.attended != b.attended:
        return a
    items = tuple(sorted(set(a.items) | set(b.items), key=lambda n: [int(p) for p in n.split(".") if p.isdigit()]))
    return PartialAttendance(a.written, items, a.attended, a.start, a.end)


def _item_numbers(text: str) -> tuple[str, ...]:
    """"12-15" -> 12, 13, 14, 15; "2 og 4" -> 2, 4."""
    out: list[str] = []
    for part in re.split(r"\s*(?:,|og)\s*", text):
        bounds = re.split(r"\s*(?:[-–]|til)\s*", part.strip())
        if len(bounds) == 2 and all(b.isdigit() for b in bounds) and int(bounds[0]) <= int(bounds[1]) < 1000:
            out += [str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1)]
        elif part.strip().isdigit():
            out.append(part.strip())
    return tuple(out)


def _time(hour: str | None, minute: str | None) -> dt.time | None:
    if hour is None:
        return None
    minute = minute or "0"
    try:
        return dt.time(int(hour), int(minute))
    except ValueError:
        return None


def _key(name: str) -> str:
    text = unicodedata.normalize("NFC", name).casefold().replace(".", " ")
    return " ".join(text.split())


def _match(name: str, people: list[_Person]) -> _Person | None:
    """The one listed person a partial or misspelt name refers to, else None."""
    words = _key(name).split()
    if not words:
        return None
    candidates = []
    for person in people:
        other = _key(person.name).split()
        if other[0] != words[0]:
            continue
        if len(words) == 1:
            candidates.append(person)
        elif other[-1] == words[-1] and len(words) == len(other) and all(
                a == b or len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b)
                for a, b in zip(words[1:-1], other[1:-1])):
            candidates.append(person)  # "Lene F. Andersen" = "Lene Fritzbøger Andersen"
        elif len(words) == len(other) and words[:-1] == other[:-1] and _one_edit(words[-1], other[-1]):
            candidates.append(person)  # "Hansn" = "Hansen"
    return candidates[0] if len(candidates) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))

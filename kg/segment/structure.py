"""The structure of a meeting document: meetings, their agenda tables,
participant blocks, items, and the sections inside each item.

The walk is driven by the agenda table where there is one: the table says
which items exist and in which order, and each body heading is matched to the
next expected row by number, style and title. Numbered lists inside an item
("1. Taksterne ...") therefore never become items, and the table and the body
never count an item twice. Without a table, headings must continue the
numbering (1, 2, 3 or 1.1, 1.2, 2.1 ...).

A document may quote the minutes of an earlier meeting inside an item; such a
meeting is segmented on its own and ends where the outer meeting's next item
begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import Doubt
from kg.read import Line, SourceText
from kg.segment import patterns as P
from kg.segment.lines import logical_lines

# How far below a meeting title its labelled lines (Tid og sted, Deltagere ...)
# may start, in non-blank lines.
_CUE_WINDOW = 4
# A document's own header is at most this many non-blank lines long.
_HEADER_MAX = 40


@dataclass(frozen=True, slots=True)
class Section:
    """A part of an item: "resume", "background", "recommendation",
    "decision", "case", "attachments", or "text" (before any heading)."""

    kind: str
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return join_text(self.lines)

    @property
    def first_line(self) -> int:
        return self.lines[0].number


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A row of the agenda table, with the file line it stands on."""

    number: str
    title: str
    line: int
    is_chapter: bool = False
    presenters: str = ""


@dataclass(frozen=True, slots=True)
class ItemSegment:
    """One agenda item: number and title as printed, the raw presenter text,
    the heading's line range, the item's body lines and its sections.
    `heading_found` is False for an item known only from the agenda table."""

    number: str
    title: str
    agenda_title: str
    presenters: str
    heading_start: int
    heading_end: int
    lines: tuple[Line, ...]
    sections: tuple[Section, ...]
    heading_found: bool = True

    @property
    def last_line(self) -> int:
        return max([self.heading_end, *(line.number for line in self.lines)])

    def section(self, kind: str) -> Section | None:
        """The first non-empty section of this kind."""
        return next((s for s in self.sections if s.kind == kind and s.text), None)


@dataclass(frozen=True, slots=True)
class Block:
    """A participant-list block: "participants", "absent", or "group" (people
    listed under a label such as "KL" or "KKR sekretariatet", in `label`),
    with its lines; the label line is included, since it often carries
    names inline."""

    kind: str
    lines: tuple[Line, ...]
    label: str = ""


@dataclass(slots=True)
class MeetingSegment:
    """A meeting as the document shows it. `parent` is (meeting index, item
    number) when these are minutes quoted inside another meeting's item."""

    header: tuple[Line, ...]
    start: int
    end: int
    blocks: list[Block] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    items: list[ItemSegment] = field(default_factory=list)
    parent: tuple[int, str] | None = None
    # True when items are headed "Punkt N:", False for "N. Title", None until known.
    punkt_style: bool | None = None


@dataclass(frozen=True, slots=True)
class SegmentedDocument:
    """A document cut into meetings; `warnings` records every doubt."""

    source: SourceText
    meetings: tuple[MeetingSegment, ...]
    warnings: tuple[Doubt, ...]


def join_text(lines: tuple[Line, ...] | list[Line]) -> str:
    """Lines as one text: paragraphs (blank-line separated) joined by newlines."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.text.strip():
            current.append(line.text.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def segment(source: SourceText) -> SegmentedDocument:
    """Cut a document into meetings, agenda tables, participant blocks,
    items and sections. Never raises on odd text: doubts become warnings."""
    walker = _Walker(source.name, logical_lines(source.lines))
    walker.walk_meeting(0, parent=None, stop=None)
    if not any(m.items for m in walker.meetings):
        walker.warn(1, "no agenda items found: the layout is not recognised")
    # Meetings come in document order; a quoted meeting follows its parent,
    # and `parent` indexes into this order.
    return SegmentedDocument(source, tuple(walker.meetings), tuple(walker.warnings))


@dataclass
class _Expected:
    """What the walk looks for next: an agenda-table row, or (without a
    table) any heading that continues the numbering."""

    number: str
    title: str
    is_chapter: bool
    toc_line: int | None


class _Walker:
    def __init__(self, doc: str, lines: list[Line]):
        self.doc = doc
        self.lines = lines
        self.meetings: list[MeetingSegment] = []
        self.warnings: list[Doubt] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Doubt(self.doc, line, message))

    # -- meetings ---------------------------------------------------------------

    def walk_meeting(self, start: int, parent: tuple[int, str] | None, stop) -> int:
        """Segment the meeting whose header starts at index `start`; return
        the index where it ends (exclusive). `stop(i)` tells whether line i
        opens the enclosing meeting's next item."""
        meeting = MeetingSegment(header=(), start=self.lines[start].number if self.lines else 1, end=0,
                                 parent=parent)
        self.meetings.append(meeting)
        index = len(self.meetings) - 1
        i = self._preamble(meeting, start, stop)
        i = self._items(meeting, index, i, stop)
        meeting.end = self.lines[i - 1].number if i > 0 and self.lines else meeting.start
        return i

    def _preamble(self, meeting: MeetingSegment, start: int, stop) -> int:
        """Read header, agenda table and participant blocks, in whatever order
        they come; return the index of the first line after them."""
        i, n = start, len(self.lines)
        header: list[Line] = []
        seen_structure = False
        nonblank = 0
        while i < n:
            text = self.lines[i].text
            if i > start and stop is not None and stop(i):
                break
            if P.toc_header(text) and self._toc_follows(i + 1):
                i = self._toc(meeting, i + 1)
                seen_structure = True
                continue
            if P.toc_row(text) and self._toc_follows(i):
                i = self._toc(meeting, i)
                seen_structure = True
                continue
            label = P.block_label(text)
            if label:
                i = self._block(meeting, i, label[0])
                seen_structure = True
                continue
            if self._opens_item(i, meeting):
                break
            if not seen_structure:
                if text.strip():
                    nonblank += 1
                    if nonblank > _HEADER_MAX:
                        break
                header.append(self.lines[i])
            # Other text between the preamble and the first item (e.g. "Evt.
            # afbud sendes til ...") belongs to no item and is passed over.
            i += 1
        meeting.header = tuple(header)
        return i

    def _toc_follows(self, i: int) -> bool:
        """An agenda table has at least two rows close together."""
        rows = 0
        for line in self.lines[i: i + 6]:
            if P.toc_row(line.text):
                rows += 1
            elif line.text.strip():
                break
        return rows >= 2

    def _toc(self, meeting: MeetingSegment, i: int) -> int:
        rows: list[tuple[P.TocRow, int]] = []
        while i < len(self.lines):
            text = self.lines[i].text
            row = P.toc_row(text)
            if row:
                rows.append((row, self.lines[i].number))
            elif text.strip() and not P.toc_header(text):
                # A wrapped title continues the previous row.
                if rows and not P.heading(text) and not P.block_label(text) and len(text) < 120 \
                        and text[:1].islower():
                    prev, line_no = rows[-1]
                    rows[-1] = (P.TocRow(prev.number, f"{prev.title} {text.strip()}", prev.punkt_style,
                                         prev.presenters), line_no)
                else:
                    break
            i += 1
        numbers = [row.number for row, _ in rows]
        for row, line_no in rows:
            if not row.number:
                continue  # "Deltagerfortegnelse ..... 3": a part of the document, not an item
            is_chapter = any(other.startswith(row.number + ".") for other in numbers)
            meeting.toc.append(TocEntry(row.number, row.title, line_no, is_chapter, row.presenters))
        if meeting.toc:
            meeting.punkt_style = any(row.punkt_style for row, _ in rows)
        return i

    def _block(self, meeting: MeetingSegment, i: int, kind: str) -> int:
        """A participant block runs until a blank line followed by something
        that is not a name line, or the next label, table or item. A short
        group label after a blank line ("KL", "KKR sekretariatet") opens a
        block of kind "group" for the people listed under it."""
        label = ""
        lines = [self.lines[i]]
        i += 1
        while i < len(self.lines):
            text = self.lines[i].text
            if P.block_label(text) or P.toc_row(text) or P.toc_header(text) or self._opens_item(i, meeting):
                break
            if not text.strip():
                nxt = self._next_nonblank(i)
                if nxt is None or P.block_label(self.lines[nxt].text) or \
                        not (_name_line(self.lines[nxt].text) or _group_label(self.lines[nxt].text)):
                    break
                if _group_label(self.lines[nxt].text):
                    meeting.blocks.append(Block(kind, _trim(lines), label))
                    kind, label, lines = "group", self.lines[nxt].text.strip(), []
                    i = nxt + 1
                    continue
            elif lines and not _name_line(text) and len(lines) > 1 and not text[:1].islower():
                break
            lines.append(self.lines[i])
            i += 1
        meeting.blocks.append(Block(kind, _trim(lines), label))
        return i

    def _next_nonblank(self, i: int) -> int | None:
        while i < len(self.lines) and not self.lines[i].text.strip():
            i += 1
        return i if i < len(self.lines) else None

    def _opens_item(self, i: int, meeting: MeetingSegment) -> bool:
        """Does line i open this meeting's first item?"""
        first = self._first_expected(meeting)
        return self._match_heading(i, first, meeting) is not None

    def _first_expected(self, meeting: MeetingSegment) -> _Expected:
        if meeting.toc:
            e = meeting.toc[0]
            return _Expected(e.number, e.title, e.is_chapter, e.line)
        return _Expected("", "", False, None)

    # -- items ------------------------------------------------------------------

    def _items(self, meeting: MeetingSegment, index: int, i: int, stop) -> int:
        expected = [_Expected(e.number, e.title, e.is_chapter, e.line) for e in meeting.toc]
        open_ended = not expected
        found: list[tuple[_Expected, int, int, P.Heading]] = []  # (entry, first idx, last idx, heading)
        body_ends: list[int] = []
        n = len(self.lines)
        k = 0  # next expected row
        item_starts: list[int] = []
        while i < n:
            if stop is not None and stop(i):
                break
            want = expected[k] if k < len(expected) else self._continuation(found)
            hit = self._match_heading(i, want, meeting)
            if hit is not None:
                heading, last = hit
                if meeting.punkt_style is None:
                    meeting.punkt_style = heading.punkt_style
                if found:
                    body_ends.append(i)
                found.append((want, i, last, heading))
                item_starts.append(i)
                if k < len(expected):
                    k += 1
                elif not open_ended:
                    self.warn(self.lines[i].number,
                              f"item {heading.number} is not in the agenda table; added from its heading")
                i = last + 1
                continue
            if found and not found[-1][0].is_chapter and self._embedded_title_at(i):
                current = found[-1][3].number or found[-1][0].number
                next_want = expected[k] if k < len(expected) else None
                body_ends.append(i)  # the item ends where the quoted minutes begin
                i = self.walk_meeting(i, parent=(index, current), stop=self._stop_for(next_want, meeting, stop))
                found.append((found[-1][0], -1, -1, found[-1][3]))  # a gap: no item of this meeting
                continue
            i += 1
        body_ends.append(i)
        self._build_items(meeting, found, body_ends)
        for want in expected[k:]:
            if not want.is_chapter:
                self.warn(want.toc_line or meeting.start,
                          f"item {want.number} ({want.title!r}) is in the agenda table but its heading "
                          "was not found in the text")
                meeting.items.append(ItemSegment(want.number, want.title, "", "", want.toc_line or 1,
                                                 want.toc_line or 1, (), (), heading_found=False))
        return i

    def _build_items(self, meeting: MeetingSegment, found, body_ends) -> None:
        """Turn matched headings into items; an embedded meeting (marked by a
        (-1, -1) entry) cuts the item it sits in short. A heading directly
        followed by its own sub-number ("3." then "3.1.") is a chapter."""
        numbers = [h.number or w.number for w, first, _, h in found if first >= 0]
        for (want, first, last, heading), end in zip(found, body_ends):
            number = heading.number or want.number
            if first < 0 or want.is_chapter or any(n.startswith(number + ".") for n in numbers):
                continue
            body = tuple(self.lines[last + 1: end])
            if want.number and not want.number.startswith("+") and heading.number != want.number:
                number = want.number
            title = heading.title or want.title
            agenda_title = want.title if want.title and _norm(want.title) != _norm(title) else ""
            presenters = heading.presenters
            meeting.items.append(ItemSegment(
                number=number,
                title=title,
                agenda_title=agenda_title,
                presenters=presenters,
                heading_start=self.lines[first].number,
                heading_end=self.lines[last].number,
                lines=body,
                sections=tuple(split_sections(body)),
            ))

    def _continuation(self, found) -> _Expected:
        """Without an agenda table, the next heading continues the numbering."""
        if not found:
            return _Expected("", "", False, None)
        last = found[-1][3].number or found[-1][0].number
        return _Expected("+" + last, "", False, None)

    def _stop_for(self, want: _Expected | None, meeting: MeetingSegment, outer_stop):
        """A predicate: does line i open the outer meeting's next item?"""
        punkt = meeting.punkt_style

        def stop(i: int) -> bool:
            if outer_stop is not None and outer_stop(i):
                return True
            if want is None:
                return False
            hit = self._match_heading(i, want, meeting)
            if hit is None:
                return False
            heading = hit[0]
            # The outer meeting's headings keep the outer style.
            return punkt is None or heading.punkt_style == punkt
        return stop

    def _match_heading(self, i: int, want: _Expected, meeting: MeetingSegment):
        """(heading, index of its last line) when line i is the heading `want`
        describes, else None. A heading may continue on the next lines: the
        rest of a wrapped title, or "v. Name" on a line of its own."""
        if i >= len(self.lines):
            return None
        text = self.lines[i].text
        if P.toc_row(text) and meeting.toc and "\t" in text:
            return None
        heading = P.heading(text)
        if heading is not None:
            if meeting.punkt_style and not heading.punkt_style:
                return None  # "Punkt N:" documents use only that style for items
            if want.number.startswith("+"):
                if not _continues(want.number[1:], heading.number):
                    return None
            elif want.number:
                if heading.number != want.number:
                    return None
                if want.title and not _similar(want.title, heading.title):
                    return None
            elif self.meetings and not meeting.toc and not _plausible_first(heading.number):
                return None
        elif want.title and not want.number.startswith("+"):
            heading = P.bare_heading(text)
            if heading is None or not _similar(want.title, heading.title, strict=True):
                return None
        else:
            return None
        return self._complete_heading(i, heading, want)

    def _complete_heading(self, i: int, heading: P.Heading, want: _Expected):
        last = i
        nxt = self._next_nonblank(i + 1)
        if nxt is not None and nxt - i <= 3:
            follow = self.lines[nxt].text.strip()
            if not heading.presenters and follow.startswith("v. "):
                heading = _with(heading, presenters=follow[3:].strip())
                last = nxt
            elif heading.dangling_v and _names_only(follow):
                heading = _with(heading, presenters=follow, dangling_v=False)
                last = nxt
            elif want.title and not heading.presenters and _norm(want.title).startswith(_norm(heading.title)) \
                    and _norm(want.title) != _norm(heading.title) and nxt == i + 1:
                title, presenters, dangling = P.split_presenters(f"{heading.title} {follow}")
                if _norm(want.title).startswith(_norm(title)[: len(_norm(want.title))]):
                    heading = _with(heading, title=title, presenters=presenters, dangling_v=dangling)
                    last = nxt
        return heading, last

    def _embedded_title_at(self, i: int) -> bool:
        """Quoted minutes open with a title ("Referat fra møde i X, den D")
        followed closely by labelled lines (Tid og sted, Deltagere, Afbud)."""
        if not P.embedded_title(self.lines[i].text):
            return False
        seen = 0
        for line in self.lines[i + 1:]:
            if not line.text.strip():
                continue
            seen += 1
            if P.meeting_cue(line.text):
                return True
            if seen >= _CUE_WINDOW:
                return False
        return False


def split_sections(lines: tuple[Line, ...]) -> list[Section]:
    """Cut an item's body into sections at headings (Indstilling, Beslutning,
    "Referat:", Sagsfremstilling ...). A "Det indstilles" paragraph before
    any recommendation is the recommendation even without its heading."""
    sections: list[Section] = []
    kind, current = "text", []
    implicit = False
    has_recommendation = False

    def close() -> None:
        if current and any(line.text.strip() for line in current):
            sections.append(Section(kind, tuple(current)))

    for idx, line in enumerate(lines):
        text = line.text.strip()
        found = P.section_heading(text) if text else None
        if found:
            close()
            kind, inline = found
            current = [line.__class__(line.number, inline)] if inline else []
            implicit = False
            has_recommendation |= kind == "recommendation"
            continue
        if text and not has_recommendation and kind in ("text",) and P.RECOMMENDATION_START.match(text):
            close()
            kind, current, implicit, has_recommendation = "recommendation", [line], True, True
            continue
        if implicit and not text:
            nxt = next((l.text.strip() for l in lines[idx + 1:] if l.text.strip()), "")
            if nxt and not nxt.startswith("- ") and not nxt[:1].islower():
                close()
                kind, current, implicit = "text", [], False
                continue
        current.append(line)
    close()
    return sections


def _trim(lines: list[Line]) -> tuple[Line, ...]:
    """Without leading and trailing blank lines."""
    while lines and not lines[-1].text.strip():
        lines = lines[:-1]
    while lines and not lines[0].text.strip():
        lines = lines[1:]
    return tuple(lines)


def _name_line(text: str) -> bool:
    """A line of a participant list starts with a name (two capitalised
    words: "Jan Kallestrup, i stedet deltog ...") and is not a sentence."""
    text = text.strip()
    return bool(re.match(r"^[A-ZÆØÅ][\w.'-]*\.?\s+[A-ZÆØÅ]", text)) and len(text) < 120 \
        and not re.search(r"[.!?]\s+[A-ZÆØÅ][a-zæøå]+\s+[a-zæøå]", text) and P.heading(text) is None


def _group_label(text: str) -> bool:
    """A short label over a group of people: "KL", "KD-Net", "KKR sekretariatet"."""
    return 0 < len(text.split()) <= 3 and len(text) < 40 and text[0].isupper() and "," not in text \
        and "\t" not in text and not text.rstrip().endswith((".", ":")) and P.heading(text) is None \
        and not P.toc_header(text)


def _with(heading: P.Heading, **changes) -> P.Heading:
    values = {name: getattr(heading, name) for name in heading.__slots__}
    values.update(changes)
    return P.Heading(**values)


def _names_only(text: str) -> bool:
    from kg.danish import looks_like_person_name
    parts = [p for p in re.split(r"\s*(?:/|,|&|\bog\b)\s*", text) if p.strip()]
    return bool(parts) and all(looks_like_person_name(p) for p in parts)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


_STOP = frozenset("af og i til for om på med fra den det de en et at ved vedr".split())


def _similar(a: str, b: str, strict: bool = False) -> bool:
    """Agenda-table titles and body headings are often worded differently
    ("Psykiatriråd"/"psykiatriforum"); they must share a third of their
    content words (strict: two thirds), or one must begin the other."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na.startswith(nb) or nb.startswith(na):
        return True
    wa = {w[:7] for w in na.split() if w not in _STOP}
    wb = {w[:7] for w in nb.split() if w not in _STOP}
    if not wa or not wb:
        return na == nb
    overlap = len(wa & wb) / min(len(wa), len(wb))
    return overlap >= (0.67 if strict else 0.34)


def _continues(previous: str, number: str) -> bool:
    """Without an agenda table: after "3" comes "4" (or "3.1"); after "3.2"
    comes "3.3", "4" or "4.1"."""
    if not number:
        return False
    prev = [int(p) for p in previous.split(".")]
    cur = [int(p) for p in number.split(".")]
    nexts = []
    for depth in range(len(prev)):
        head = prev[:depth] + [prev[depth] + 1]
        nexts.append(head)
        nexts.append(head + [1])
    nexts.append(prev + [1])
    return cur in nexts


def _plausible_first(number: str) -> bool:
    return number in ("1", "1.1", "0")

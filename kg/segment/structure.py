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
from collections.abc import Callable
from dataclasses import dataclass

from kg.danish import looks_like_person_name
from kg.model import Doubt
from kg.read import Line, SourceText
from kg.segment import matching as M
from kg.segment import patterns as P
from kg.segment.lines import logical_lines
from kg.segment.sections import split_sections
from kg.segment.types import Block, ItemSegment, MeetingSegment, SegmentedDocument, TocEntry

# How far below a meeting title its labelled lines (Tid og sted, Deltagere ...)
# may start, in non-blank lines.
_CUE_WINDOW = 4
# A document's own header is at most this many non-blank lines long.
_HEADER_MAX = 40
# How many lines may stand between a lone case heading and its first section.
_CASE_WINDOW = 8
# The words a document's title and the title of quoted minutes open with
# (P.document_title, P.embedded_title: re.IGNORECASE), folded: asked of the
# folded line first (fold matches at least what IGNORECASE does), because
# the walk asks it of every line and most lines open with none.
_TITLE_WORDS = tuple(P.KIND_WORDS)

Stop = Callable[[int], bool] | None


def _unbulleted(text: str) -> str:
    """A list line without its bullet ("- Bo Holm (V)")."""
    return text.strip()[2:] if text.strip().startswith("- ") else text


_BRACKET_OR_AFBUD = re.compile(r"\([^)]*\)|[-–]\s*afbud\b", re.IGNORECASE)
_AFBUD_MARK = re.compile(r"[-–]\s*afbud\b", re.IGNORECASE)


def _person_line(text: str) -> bool:
    """A list line that names one person ("Jens Holm (A)", "Bo Lund- afbud"),
    not a group label over people ("KL", "KKR sekretariatet")."""
    # Brackets only up to the last ")" (none can match after it): linear on
    # a line of unclosed "(" (see kg.danish.literal.drop_brackets).
    end = text.rfind(")") + 1
    text = _BRACKET_OR_AFBUD.sub("", text[:end]) + _AFBUD_MARK.sub("", text[end:])
    return looks_like_person_name(text.strip(" ,.-"))


def segment(source: SourceText) -> SegmentedDocument:
    """Cut a document into meetings, agenda tables, participant blocks,
    items and sections. Never raises on odd text: doubts become warnings."""
    walker = _Walker(source.name, logical_lines(source.lines))
    # Documents joined into one file (minutes after an agenda, a year's
    # minutes in one PDF): each document title opens a meeting of its own.
    i = walker.walk_meeting(0, parent=None, stop=walker.next_document_stop())
    while 0 < i < len(walker.lines):
        after = walker.walk_meeting(i, parent=None, stop=walker.next_document_stop())
        if after <= i:  # nothing consumed: never loop on the same line
            break
        i = after
    if not any(m.items for m in walker.meetings):
        walker.warn(1, "no agenda items found: the layout is not recognised")
    # Meetings come in document order; a quoted meeting follows its parent,
    # and `parent` indexes into this order.
    return SegmentedDocument(source, tuple(walker.meetings), tuple(walker.warnings))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


@dataclass(frozen=True)
class _Expected:
    """What the walk looks for next: an agenda-table row (number, title), or,
    without a table, a heading that continues the numbering `after` the
    previous one ("" for the first item)."""

    number: str = ""
    title: str = ""
    is_chapter: bool = False
    toc_line: int | None = None
    after: str | None = None

    @classmethod
    def row(cls, entry: TocEntry) -> "_Expected":
        return cls(entry.number, entry.title, entry.is_chapter, entry.line)


@dataclass
class _Match:
    """A heading found for an expected item: the heading as read, the indexes
    of its first and last line, and where the item's body ends (exclusive;
    -1 until the next heading, quoted minutes or the end of the meeting)."""

    want: _Expected
    heading: P.Heading
    first: int
    last: int
    end: int = -1

    @property
    def number(self) -> str:
        return self.heading.number or self.want.number


class _Walker:
    def __init__(self, doc: str, lines: list[Line]):
        self.doc = doc
        self.lines = lines
        self.meetings: list[MeetingSegment] = []
        self.warnings: list[Doubt] = []
        # Meetings (by index) whose walk has found an item heading.
        self.with_items: set[int] = set()
        # The lines (by index) opening with a document kind's word ("Referat", "Dagsorden" ...): where
        # a document or quoted minutes may begin. Asked of every line by the walk, found once here.
        self.titled = {i for i, line in enumerate(lines) if line.folded.lstrip().startswith(_TITLE_WORDS)}

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Doubt(self.doc, line, message))

    # -- meetings ---------------------------------------------------------------

    def walk_meeting(self, start: int, parent: tuple[int, str] | None, stop: Stop) -> int:
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
        meeting.lines = tuple(self.lines[start:i])
        return i

    def _preamble(self, meeting: MeetingSegment, start: int, stop: Stop) -> int:
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
            if not meeting.toc:
                listed = self._agenda_list(i, headed=self._after_toc_header(i))
                if listed is not None:
                    i = listed
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

    def _after_toc_header(self, i: int) -> bool:
        """Does a contents heading ("Indholdsfortegnelse:") stand just above
        line i, perhaps over a group label ("Åbne")?"""
        seen = 0
        for line in reversed(self.lines[max(0, i - 6):i]):
            text = line.text.strip()
            if not text:
                continue
            if P.toc_header(text):
                return True
            seen += 1
            if seen > 1 or len(text) > 40 or P.heading(text) is not None:
                return False
        return False

    def _agenda_list(self, i: int, headed: bool = False) -> int | None:
        """An agenda given as a plain numbered list ("1. Title" rows with
        nothing but blank lines between them, or a run-on PDF line cut at
        its numbers) whose first row the text repeats later as a heading:
        the list is the agenda table, and the walk matches the headings to
        it. Returns the index after the list, or None (the list is then the
        items themselves, as in an agenda without item texts)."""
        rows: list[tuple[P.Heading, int]] = []
        j = i
        while j < len(self.lines):
            text = self.lines[j].text
            if not text.strip():
                j += 1
                continue
            heading = P.heading(text)
            if headed and rows and heading is None and len(text.strip()) < 60 and not P.block_label(text):
                j += 1  # under a contents heading: a wrapped title, or a group label ("Lukkede")
                continue
            if heading is None or "." in heading.number or \
                    (rows and not self._next_row(rows, heading.number, headed)) or \
                    (not rows and len(text) > 160):
                break
            rows.append((heading, self.lines[j].number))
            j += 1
        while headed and rows and P.heading(self.lines[j - 1].text) is None:
            j -= 1  # give back the lines skipped after the last row
        if len(rows) < 2:
            return None
        first = rows[0][0]
        repeated = any((h := P.heading(line.text)) is not None and h.number == first.number
                       and M.similar(first.title, h.title) for line in self.lines[j:])
        if not repeated and not headed:
            return None
        self._meeting_toc(rows)
        return j

    @staticmethod
    def _next_row(rows: list[tuple[P.Heading, int]], number: str, headed: bool) -> bool:
        """Does a list row numbered `number` continue the list? A few numbers
        may be lost; under a contents heading closed items may be listed
        apart, so a number may also go back, but not repeat."""
        step = int(number) - int(rows[-1][0].number)
        if 0 < step <= M.MAX_LOST_NUMBERS + 1:
            return True
        return headed and abs(step) <= M.MAX_LOST_NUMBERS + 1 and all(h.number != number for h, _ in rows)

    def _meeting_toc(self, rows: list[tuple[P.Heading, int]]) -> None:
        """Agenda-table entries from list rows; where numbers were lost
        (4 then 7), the title before the gap is split at its capitalised
        words when they give exactly the missing rows, else kept whole."""
        meeting = self.meetings[-1]
        for index, (heading, line) in enumerate(rows):
            following = rows[index + 1][0].number if index + 1 < len(rows) else None
            missing = max(0, int(following) - int(heading.number) - 1) if following else 0
            titles = M.split_lost_titles(heading.title, missing + 1) if missing else [heading.title]
            if missing and len(titles) == 1:
                self.warn(line, f"the agenda list skips from {heading.number} to {following}; "
                                "the missing items' titles cannot be told apart")
            elif missing:
                self.warn(line, f"the agenda list skips from {heading.number} to {following}; the title "
                                f"of item {heading.number} is split at its capitalised words into the missing items")
            for offset, title in enumerate(titles):
                meeting.toc.append(TocEntry(str(int(heading.number) + offset), title, line, False,
                                            heading.presenters if offset == 0 else ""))
        meeting.punkt_style = any(heading.punkt_style for heading, _ in rows)

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
                following = _unbulleted(self.lines[nxt].text) if nxt is not None else ""
                if nxt is None or P.block_label(self.lines[nxt].text) or \
                        not (M.name_line(following) or M.group_label(following)):
                    break
                if M.group_label(following) and not _person_line(following):
                    meeting.blocks.append(Block(kind, M.trim(lines), label))
                    kind, label, lines = "group", self.lines[nxt].text.strip(), []
                    i = nxt + 1
                    continue
            elif lines and not M.name_line(_unbulleted(text)) and len(lines) > 1 and not text[:1].islower():
                break
            lines.append(self.lines[i])
            i += 1
        meeting.blocks.append(Block(kind, M.trim(lines), label))
        return i

    def _next_nonblank(self, i: int) -> int | None:
        while i < len(self.lines) and not self.lines[i].text.strip():
            i += 1
        return i if i < len(self.lines) else None

    def _opens_item(self, i: int, meeting: MeetingSegment) -> bool:
        """Does line i open this meeting's first item?"""
        first = _Expected.row(meeting.toc[0]) if meeting.toc else _Expected()
        return self._match_heading(i, first, meeting) is not None

    # -- items ------------------------------------------------------------------

    def _items(self, meeting: MeetingSegment, index: int, i: int, stop: Stop) -> int:
        """Find the meeting's item headings from index i on; return the index
        where the meeting ends."""
        expected = [_Expected.row(e) for e in meeting.toc]
        found: list[_Match] = []
        k = 0  # the next agenda-table row to find
        beyond = _Expected(after="")  # what is wanted past the table: made again only when `after` changes
        while i < len(self.lines):
            if not self.lines[i].text:
                i += 1  # a blank line (about half of them): no stop, heading or title, which each read its text
                continue
            if stop is not None and stop(i):
                break
            if k < len(expected):
                want = expected[k]
            else:
                after = found[-1].number if found else ""
                if beyond.after != after:
                    beyond = _Expected(after=after)
                want = beyond
            text = self.lines[i].text
            numbered = P.heading(text) is not None  # (memoised: the calls below ask it again)
            if found and numbered and self._inner_list_at(i):
                i = self._skip_inner_list(i)
                continue
            # Most lines are no heading: neither numbered nor "Title v. X"
            # (what _match_heading reads then), and are not asked further.
            match = self._match_heading(i, want, meeting) if numbered or (want.title and "v." in text) else None
            if match is not None:
                if meeting.punkt_style is None:
                    meeting.punkt_style = match.heading.punkt_style
                if found and found[-1].end < 0:
                    found[-1].end = i
                found.append(match)
                self.with_items.add(index)
                if k < len(expected):
                    k += 1
                elif expected:
                    self.warn(self.lines[i].number,
                              f"item {match.number} is not in the agenda table; added from its heading")
                i = match.last + 1
                continue
            if found and not found[-1].want.is_chapter and i in self.titled and self._embedded_title_at(i):
                found[-1].end = i  # the item ends where the quoted minutes begin
                following = expected[k] if k < len(expected) else None
                i = self.walk_meeting(i, parent=(index, found[-1].number),
                                      stop=self._stop_for(following, meeting, stop))
                continue
            i += 1
        if found and found[-1].end < 0:
            found[-1].end = i
        self._build_items(meeting, found)
        for want in expected[k:]:
            if not want.is_chapter:
                line = want.toc_line or meeting.start
                self.warn(line, f"item {want.number} ({want.title!r}) is in the agenda table but its heading "
                                "was not found in the text")
                meeting.items.append(ItemSegment(want.number, want.title, "", "", line, line, (), (),
                                                 heading_found=False))
        return i

    def _inner_list_at(self, i: int) -> bool:
        """A numbered list inside an item starts again at 1 ("1. Udendørs
        arbejde ..., 2. Bygherre ..."), with its next row close below."""
        heading = P.heading(self.lines[i].text)
        if heading is None or heading.number != "1":
            return False
        nxt = self._next_nonblank(i + 1)
        following = P.heading(self.lines[nxt].text) if nxt is not None and nxt - i <= 2 else None
        return following is not None and following.number == "2"

    def _skip_inner_list(self, i: int) -> int:
        """The index after an inner list's rows: 1, 2, 3 ... spaced like
        its first two rows and indented like the first, so the item heading
        the list's numbers run into (item 3 after a blank line below the
        list's 2) stays an item."""
        indent = _indent(self.lines[i].text)
        second = self._next_nonblank(i + 1)
        spacing = second - i
        last, prev = 1, i
        while True:
            nxt = self._next_nonblank(prev + 1)
            if nxt is None or nxt - prev != spacing:
                return prev + 1
            heading = P.heading(self.lines[nxt].text)
            if heading is None or heading.number != str(last + 1) or _indent(self.lines[nxt].text) != indent:
                return prev + 1
            last, prev = last + 1, nxt

    def _build_items(self, meeting: MeetingSegment, found: list[_Match]) -> None:
        """Turn matched headings into items. A heading directly followed by
        its own sub-number ("3." then "3.1.") is a chapter, not an item."""
        numbers = [m.number for m in found]
        for match in found:
            if match.want.is_chapter or any(n.startswith(match.number + ".") for n in numbers):
                continue
            body = tuple(self.lines[match.last + 1: match.end])
            title = match.heading.title or match.want.title
            want_title = match.want.title
            meeting.items.append(ItemSegment(
                # The agenda table's number wins over a heading's misprint.
                number=match.want.number or match.heading.number,
                title=title,
                agenda_title=want_title if want_title and M.norm(want_title) != M.norm(title) else "",
                presenters=match.heading.presenters,
                heading_start=self.lines[match.first].number,
                heading_end=self.lines[match.last].number,
                lines=body,
                sections=tuple(split_sections(body)),
            ))

    def _stop_for(self, want: _Expected | None, meeting: MeetingSegment, outer: Stop) -> Stop:
        """A predicate for quoted minutes: does line i open the enclosing
        meeting's next item (in the enclosing meeting's heading style)?"""
        def stop(i: int) -> bool:
            if outer is not None and outer(i):
                return True
            if want is None:
                return False
            match = self._match_heading(i, want, meeting)
            return match is not None and (meeting.punkt_style is None
                                          or match.heading.punkt_style == meeting.punkt_style)
        return stop

    def _match_heading(self, i: int, want: _Expected, meeting: MeetingSegment) -> _Match | None:
        """The heading `want` describes, when line i opens it. A heading may
        continue on the next lines: the rest of a wrapped title, or
        "v. Name" on a line of its own."""
        if i >= len(self.lines):
            return None
        text = self.lines[i].text
        heading = P.heading(text)
        if heading is None and not (want.title and "v." in text):
            return None  # neither numbered nor "Title v. X" (most lines): no heading, whatever is wanted
        if meeting.toc and "\t" in text and P.toc_row(text):
            return None
        if heading is not None:
            if meeting.punkt_style and not heading.punkt_style:
                return None  # "Punkt N:" documents use only that style for items
            if want.after:
                ok = M.continues(want.after, heading.number)
            elif want.number:
                ok = heading.number == want.number and (not want.title or M.similar(want.title, heading.title))
            else:
                ok = M.plausible_first(heading.number) or self._continued_below(i, heading) \
                    or self._case_follows(i, heading)
            if not ok:
                return None
        elif want.title:
            # Some minutes drop the number of their first heading; trust an
            # unnumbered heading only when it repeats the agenda-table title.
            heading = P.bare_heading(text)
            if heading is None or not M.similar(want.title, heading.title, strict=True):
                return None
        else:
            return None
        return self._complete_heading(i, heading, want)

    def _continued_below(self, i: int, heading: P.Heading) -> bool:
        """Items numbered through the year (49, 50 ...): a first heading
        with another number is trusted when a heading below, indented
        alike, continues it."""
        if "." in heading.number or len(self.lines[i].text) > 160:
            return False
        following = str(int(heading.number) + 1)
        for line in self.lines[i + 1: i + 400]:
            below = P.heading(line.text)
            if below is not None and below.number == following and _indent(line.text) == _indent(self.lines[i].text):
                return True
        return False

    def _case_follows(self, i: int, heading: P.Heading) -> bool:
        """A page with one case of a municipal meeting (item 2, or 171 of
        the year) has no other heading to continue it: its heading is
        trusted when the case's sections or furniture ("Sagsnr.",
        "Sagsfremstilling", "Beslutning") follow within a few lines."""
        if "." in heading.number or len(self.lines[i].text) > 160 or len(heading.title) > 120:
            return False
        nonblank = 0
        for line in self.lines[i + 1:]:
            text = line.text.strip()
            if not text:
                continue
            if P.case_mark(text):
                return True
            nonblank += 1
            if nonblank >= _CASE_WINDOW or P.heading(text) is not None or re.match(r"^\d{1,3}\.?$", text):
                return False
        return False

    def _complete_heading(self, i: int, heading: P.Heading, want: _Expected) -> _Match:
        last = i
        nxt = self._next_nonblank(i + 1)
        if nxt is not None and nxt - i <= 3:
            follow = self.lines[nxt].text.strip()
            if not heading.presenters and follow.startswith("v. "):
                heading, last = M.with_changes(heading, presenters=follow[3:].strip()), nxt
            elif heading.dangling_v and M.names_only(follow):
                heading, last = M.with_changes(heading, presenters=follow, dangling_v=False), nxt
            elif want.title and not heading.presenters and nxt == i + 1 and len(M.norm(want.title)) > len(
                    M.norm(heading.title)) and M.norm(want.title).startswith(M.norm(heading.title)):
                # A title wrapped onto the next line: join it while the
                # agenda table's title still agrees.
                title, presenters, dangling = P.split_presenters(f"{heading.title} {follow}")
                if M.norm(want.title).startswith(M.norm(title)) or M.norm(title).startswith(M.norm(want.title)):
                    heading = M.with_changes(heading, title=title, presenters=presenters, dangling_v=dangling)
                    last = nxt
        return _Match(want, heading, i, last)

    def next_document_stop(self) -> Stop:
        """For a meeting about to be walked at the top level: whether line i
        opens the next joined document, once this meeting has items."""
        index = len(self.meetings)
        titled = self.titled
        return lambda i: index in self.with_items and i in titled and self.document_title_at(i)

    def document_title_at(self, i: int) -> bool:
        """A document's own title: a line that is only its kind and perhaps a
        year ("DAGSORDEN 2021", "Referat"), with a "Dato:" or "Tid og sted:"
        line among the next few lines."""
        return P.document_title(self.lines[i].text) and \
            self._cue_follows(i, lambda text: P.meeting_cue(text) and not P.block_label(text))

    def _embedded_title_at(self, i: int) -> bool:
        """Quoted minutes open with a title ("Referat fra møde i X, den D")
        followed closely by labelled lines (Tid og sted, Deltagere, Afbud)."""
        return P.embedded_title(self.lines[i].text) and self._cue_follows(i, P.meeting_cue)

    def _cue_follows(self, i: int, is_cue: Callable[[str], bool]) -> bool:
        """Whether one of the next _CUE_WINDOW non-blank lines after line i is a cue."""
        seen = 0
        for line in self.lines[i + 1:]:
            if not line.text.strip():
                continue
            if is_cue(line.text):
                return True
            seen += 1
            if seen >= _CUE_WINDOW:
                return False
        return False

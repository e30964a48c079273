"""Meeting headers: body, kind (agenda/minutes), date, time and place.

The corpus shows three header shapes, all read by the same rules:
- a title sentence: "Referat af møde i <body>, den 17. marts 2022" followed
  by "Tid og sted: ..." (KD-Net minutes, and minutes quoted in an item);
- "<body> (Dagsorden)" over a "27-01-2023 10:00 - 11:30" line and a place;
- "DAGSORDEN 2021" / "<BODY>" / "Dato: 03-09-2021 08:30" / "Sted: ..." (KL).
"""

from __future__ import annotations

import datetime as dt
import re

from kg.danish import find_dates, find_time_range, first_date
from kg.model import Body, DocumentKind, Doubt, Meeting, MeetingRef, Span
from kg.read import Line
from kg.reference import BodyDirectory
from kg.segment import MeetingSegment
from kg.segment import patterns as P

_LABELLED = re.compile(r"^(Tid og sted|Tidspunkt|Tid|Dato|Mødedato|Sted|Mødested)\s*[:\t]\s*(.*)$", re.I)
_BODY_AFTER_MEETING = re.compile(r"\bmøde[t]?\s+i\s+(?:det\s+|den\s+)?(.+?)(?:,?\s+(?:den|d\.)\s+\d|,|$)", re.I)
_PLACE_SENTENCE = re.compile(r"^Mødet (?:afholdes|holdes|finder sted) (?:på|i|hos)\s+(.+?)\.?$", re.I)
_YEAR_ONLY = re.compile(r"\b((?:19|20)\d\d)\b")


def read_meeting(segment: MeetingSegment, doc: str, position: int, directory: BodyDirectory,
                 parent_body: str | None = None) -> tuple[Meeting | None, Body | None, list[Doubt]]:
    """The Meeting a segment's header describes, the Body it belongs to, and
    any doubts. `position` keeps undated meetings of one document apart;
    `parent_body` is the enclosing meeting's body, used (with a warning) when
    quoted minutes do not name theirs."""
    header = [line for line in segment.header if line.text.strip()]
    doubts: list[Doubt] = []
    first_line = header[0].number if header else segment.start
    title_line = header[0] if header else Line(segment.start, "")

    labelled = {}
    for line in header:
        m = _LABELLED.match(line.text.strip())
        if m:
            labelled.setdefault(m.group(1).lower(), (line, m.group(2).strip()))

    kind = _kind(header)
    date, date_line = _date(header, labelled)
    if date is None:
        doubts.append(Doubt(doc, first_line, "the meeting header states no readable date"))
    else:
        _check_title_year(title_line, date, doc, doubts)
    start_time, end_time = _times(labelled, date_line)
    place = _place(header, labelled, date_line)
    body, as_written = _body(header, directory)
    if body is None and parent_body is not None:
        doubts.append(Doubt(doc, first_line, "the quoted minutes do not name their body; "
                                             "taken to be the body of the enclosing meeting"))
    if body is None and parent_body is None:
        doubts.append(Doubt(doc, first_line, "the meeting header names no body that kg recognises"))
        return None, None, doubts
    if kind is None:
        kind = DocumentKind.MINUTES if any(it.section("decision") for it in segment.items) else DocumentKind.AGENDA
        doubts.append(Doubt(doc, first_line, f"the header does not say agenda or minutes; "
                                             f"taken as {kind.value} from the item texts"))
    elif kind is DocumentKind.AGENDA and sum(1 for it in segment.items if it.section("decision")) > 0:
        decided = sum(1 for it in segment.items if it.section("decision"))
        doubts.append(Doubt(doc, first_line, f"the header says agenda (dagsorden), but {decided} items "
                                             "carry decisions: an agenda with its decisions filled in"))
    body_key = body.key if body else parent_body
    ref = MeetingRef(body_key, date, fallback="" if date else f"{doc}#{position}")
    last = max((line.number for line in header), default=first_line)
    meeting = Meeting(
        ref=ref,
        body_as_written=as_written,
        kind=kind,
        span=Span(doc, first_line, max(first_line, last)),
        start_time=start_time,
        end_time=end_time,
        place=place,
    )
    return meeting, body, doubts


def _kind(header: list[Line]) -> DocumentKind | None:
    for line in header[:6]:
        kind = P.kind_word(line.text)
        if kind:
            return DocumentKind(kind)
    return None


def _date(header: list[Line], labelled: dict) -> tuple[dt.date | None, Line | None]:
    """The meeting date: a "Dato:" or "Tid og sted:" line first, then the
    title, then any header line that is mostly a date."""
    for label in ("dato", "mødedato", "tid og sted", "tidspunkt", "tid"):
        if label in labelled:
            line, rest = labelled[label]
            date = first_date(rest)
            if date:
                return date, line
    for line in header[:8]:
        if len(line.text) > 160:
            continue  # prose (a mission statement), not a header line
        date = first_date(line.text)
        if date:
            return date, line
    return None, None


def _check_title_year(title: Line, date: dt.date, doc: str, doubts: list[Doubt]) -> None:
    """A title such as "REFERAT 2018" over a 2016 date is a typo in one of them."""
    if find_dates(title.text):
        return
    years = {int(y) for y in _YEAR_ONLY.findall(title.text)}
    if years and date.year not in years:
        doubts.append(Doubt(doc, title.number, f"the title says {sorted(years)[0]} but the meeting date is "
                                               f"{date.isoformat()}; the date line is used"))


def _times(labelled: dict, date_line: Line | None) -> tuple[dt.time | None, dt.time | None]:
    for label in ("tid og sted", "tidspunkt", "tid", "dato", "mødedato"):
        if label in labelled:
            start, end = find_time_range(labelled[label][1])
            if start:
                return start, end
    if date_line is not None:
        return find_time_range(date_line.text)
    return None, None


def _place(header: list[Line], labelled: dict, date_line: Line | None) -> str:
    """"Sted:" wins; else what follows the time on a "Tid og sted" line, or
    the line right below it; else "Mødet afholdes på X"; else the short line
    right below a bare date line."""
    for label in ("sted", "mødested"):
        if label in labelled and labelled[label][1]:
            return _clean_place(labelled[label][1])
    if "tid og sted" in labelled:
        line, rest = labelled["tid og sted"]
        after = re.split(r"\d{1,2}[.:]\d\d\s*(?:[-–—]\s*(?:kl\.?\s*)?\d{1,2}[.:]\d\d)?\s*[.,]?", rest, maxsplit=1)
        if len(after) == 2 and len(after[1].strip(" .,")) > 3:
            return _clean_place(after[1])
        below = _line_below(header, line)
        if below and not _LABELLED.match(below.text) and not P.block_label(below.text) \
                and not _PLACE_SENTENCE.match(below.text):
            return _clean_place(below.text)
    for line in header:
        m = _PLACE_SENTENCE.match(line.text.strip())
        if m:
            return _clean_place(m.group(1))
    if date_line is not None and not _LABELLED.match(date_line.text):
        below = _line_below(header, date_line)
        if below and len(below.text) < 80 and not P.block_label(below.text) and not first_date(below.text):
            return _clean_place(below.text)
    return ""


def _line_below(header: list[Line], line: Line) -> Line | None:
    idx = header.index(line)
    return header[idx + 1] if idx + 1 < len(header) else None


def _clean_place(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .,;\t")


def _body(header: list[Line], directory: BodyDirectory) -> tuple[Body | None, str]:
    """The body a header names: "møde i <body>" in a title sentence, else
    the first short header line that resolves to a body ("KD-Net (Dagsorden)",
    "KKR NORDJYLLAND")."""
    for line in header[:6]:
        m = _BODY_AFTER_MEETING.search(line.text)
        if m:
            phrase = m.group(1).strip()
            body = directory.resolve(phrase)
            if body:
                return body, phrase
    for line in header[:8]:
        text = re.sub(r"\([^)]*\)", " ", line.text).strip()
        text = re.sub(r"\b(?:dagsorden|referat|beslutningsprotokol)\b", " ", text, flags=re.I).strip(" -–:")
        if not text or len(text) > 80 or first_date(text):
            continue
        body = directory.resolve(text)
        if body:
            return body, text
    return None, ""


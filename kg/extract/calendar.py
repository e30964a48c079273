"""Meeting calendars: "Mødekalender for KKR Midtjylland 2023" (or "KD-Net
møder i 2024") over a list of dates ("- 10. februar", "- Fredag den 14.
april", "- 19. januar (konstituerende møde)"). Each date becomes a scheduled
meeting of that body, with the same identity as the meeting's own documents
will have, so that they meet in the graph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.danish import find_dates
from kg.extract.context import MeetingContext
from kg.model import MeetingRef, ScheduledMeeting, Span
from kg.segment import MeetingSegment

_HEADING = re.compile(
    r"^(?:(?:Mødekalender|Mødeplan|Mødedatoer|Mødeoversigt)\s+(?:for\s+)?(?P<body>.+?)|(?P<body2>.+?)\s+møder\s+i)"
    r"\s+(?P<year>(?:19|20)\d\d)\s*:?$",
    re.IGNORECASE,
)
# The words one of which every heading holds, folded (kg.danish.literal): a
# cheap check before the heading's lazy run; all of them hold "møde", checked first.
_HEADING_WORDS = ("mødekalender", "mødeplan", "mødedatoer", "mødeoversigt", "møder")
_WEEKDAY = re.compile(r"^(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+(?:den\s+)?", re.IGNORECASE)


def extract_calendar(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[ScheduledMeeting]:
    """Scheduled meetings from every calendar in the meeting's items."""
    for item in segment.items:
        body, year = None, None
        for line in item.lines:
            text = line.text.strip()
            folded = line.folded
            heading = _HEADING.match(text) if "møde" in folded and any(map(folded.__contains__, _HEADING_WORDS)) \
                else None
            if heading:
                phrase = heading.group("body") or heading.group("body2")
                body = ctx.bodies.resolve_in_region(phrase, ctx.region, exact=True)
                year = int(heading.group("year"))
                continue
            if body is None or not text:
                continue
            entry = text[2:] if text.startswith("- ") else text
            entry = _WEEKDAY.sub("", entry)
            dates = find_dates(entry, default_year=year)
            if dates and dates[0][1] == 0:
                date, _, end = dates[0]
                note = entry[end:].strip(" ,.–-()").replace("samt ", "")
                yield ScheduledMeeting(MeetingRef(body.key, date), Span(ctx.doc, line.number, line.number),
                                       note.strip(" ()"))
            elif not text.startswith("- "):
                body = None  # prose after the list ends the calendar

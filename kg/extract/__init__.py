"""Extracting: a segmented document -> typed facts (kg.model).

Each extractor is a pure function of one meeting segment and its context
that yields facts and doubts; the tuple below is the registry.
"""

from __future__ import annotations

import dataclasses

from kg.extract.agenda import extract_items
from kg.extract.agreements import extract_agreements
from kg.extract.appointments import extract_appointments
from kg.extract.attendance import extract_attendance
from kg.extract.calendar import extract_calendar
from kg.extract.mentions import extract_mentions
from kg.extract.referrals import extract_referrals
from kg.extract.roles import extract_roles
from kg.extract.context import MeetingContext, item_outcomes
from kg.extract.meetings import read_meeting
from kg.facts import add_fact
from kg.model import Body, DocumentInfo, Doubt, Extraction, ItemRef
from kg.reference import BodyDirectory, bodies
from kg.segment import SegmentedDocument

# Extractors run on every meeting segment, in this order.
MEETING_EXTRACTORS = (extract_items, extract_attendance, extract_roles, extract_appointments, extract_mentions,
                      extract_referrals, extract_calendar, extract_agreements)


def extract(doc: SegmentedDocument, directory: BodyDirectory | None = None) -> Extraction:
    """All facts of one segmented document, with every doubt as a warning."""
    directory = directory or bodies()
    name = doc.source.name
    result = Extraction(
        document=DocumentInfo(
            name=name,
            sha256=doc.source.sha256,
            size=doc.source.size,
            encoding=doc.source.encoding,
            kind=None,
            line_count=doc.source.line_count,
            pages=doc.source.pages,
        ),
        warnings=[*doc.source.warnings, *doc.warnings],
    )
    meetings_by_segment = {}
    parent_region: dict[int, str] = {}
    for index, segment in enumerate(doc.meetings):
        parent = meetings_by_segment.get(segment.parent[0]) if segment.parent else None
        meeting, body, doubts = read_meeting(segment, name, index, directory,
                                             parent_body=parent.ref.body if parent else None)
        result.warnings.extend(doubts)
        if meeting is None:
            continue
        if parent is not None:
            meeting = dataclasses.replace(meeting, embedded_in=ItemRef(parent.ref, segment.parent[1]))
        if any(m.ref == meeting.ref for m in result.meetings):
            result.warnings.append(Doubt(name, meeting.span.start, "this document describes the same meeting "
                                                                   "twice; the second description is skipped"))
            continue
        meetings_by_segment[index] = meeting
        result.meetings.append(meeting)
        if body and all(b.key != body.key for b in result.bodies):
            result.bodies.append(body)
        region = body.region if body else (parent_region.get(segment.parent[0], "") if segment.parent else "")
        parent_region[index] = region
        ctx = MeetingContext(name, meeting.ref, meeting.kind, region, outcomes=item_outcomes(segment),
                             bodies=directory)
        for extractor in MEETING_EXTRACTORS:
            for fact in extractor(segment, ctx):
                if isinstance(fact, Body) and any(b.key == fact.key for b in result.bodies):
                    continue  # a body named again
                add_fact(result, fact)  # routed by the table of fact types
    if result.meetings:
        top = result.meetings[0]
        result.document = dataclasses.replace(result.document, kind=top.kind,
                                              title=_title(doc, top.span.start))
    return result


def _title(doc: SegmentedDocument, line_number: int) -> str:
    """The document's first header line, as its title."""
    line = next((l for l in doc.source.lines if l.number == line_number), None)
    return line.text.strip() if line else ""

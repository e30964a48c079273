"""Agenda items: number, title, presenters, recommendation, decision,
outcome and case numbers, from an item segment."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.danish import clean_name, looks_like_person_name
from kg.extract.context import MeetingContext
from kg.danish import find_dates
from kg.model import AgendaItem, Doubt, ItemRef, MeetingRef, Span
from kg.segment import ItemSegment, MeetingSegment

_CASE_NUMBER = re.compile(r"\bSAG-\d{4}-\d{3,7}\b")
# "./." (or "./", a PDF's lost dot) marks an attachment in the margin; the
# title follows on the same line or on the next lines.
_ATTACHMENT = re.compile(r"^(?:-\s+)?\./\.?\s*(.*)$")
_BILAG_PREFIX = re.compile(r"^(?:Bilag\s*\d*\s*[-–:]\s*)", re.I)
_TITLE_MAX = 160
_APPROVES_MINUTES = re.compile(r"^Godkendelse\s+af\s+(?:det\s+)?referat", re.IGNORECASE)
_MINUTES_BODY = re.compile(r"\bmøde[t]?\s+i\s+(?P<body>[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)*)")
# Presenter lists: "A og B", "A/B", "A / B", "A, B og C", "A & B".
_PRESENTER_SPLIT = re.compile(r"\s*(?:/|,|&|\bog\b)\s*")


def extract_items(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[AgendaItem | Doubt]:
    """One AgendaItem per item of the meeting, in agenda order."""
    toc_presenters = {entry.number: entry.presenters for entry in segment.toc}
    for position, item in enumerate(segment.items, start=1):
        raw = item.presenters or toc_presenters.get(item.number, "")
        presenters, rejected = split_presenters(raw)
        for text in rejected:
            yield Doubt(ctx.doc, item.heading_start,
                        f"item {item.number}: {text!r} after 'v.' is not read as a person's name")
        recommendation = item.section("recommendation")
        decision = item.section("decision")
        decision_text = decision.text if decision else ""
        recommendation_text = recommendation.text if recommendation else ""
        yield AgendaItem(
            ref=ItemRef(ctx.ref, item.number),
            position=position,
            title=item.title,
            span=Span(ctx.doc, item.heading_start, item.last_line),
            agenda_title=item.agenda_title,
            presenters=presenters,
            recommendation=recommendation_text,
            decision=decision_text,
            outcome=ctx.outcome(item),
            case_numbers=case_numbers(item),
            attachments=attachment_titles(item),
            approves_minutes_of=approved_minutes(item, ctx),
        )


def split_presenters(text: str) -> tuple[tuple[str, ...], list[str]]:
    """(names, rejected parts) of the text after "v.": "Lars Møller/Flemming
    Storgaard" gives two names; a part that is not a personal name (a unit,
    a title alone) is rejected rather than guessed."""
    names: list[str] = []
    rejected: list[str] = []
    for part in _PRESENTER_SPLIT.split(text):
        part = clean_name(part)
        if not part:
            continue
        (names if looks_like_person_name(part) else rejected).append(part)
    return tuple(dict.fromkeys(names)), rejected


def case_numbers(item: ItemSegment) -> tuple[str, ...]:
    """KL case numbers (SAG-2021-04115) written in the item, in order, once each."""
    found = (m.group(0) for line in item.lines if "SAG-" in line.text for m in _CASE_NUMBER.finditer(line.text))
    return tuple(dict.fromkeys(found))


def attachment_titles(item: ItemSegment) -> tuple[str, ...]:
    """Titles of the attachments an item marks with "./.": the rest of the
    marker line, or the short lines right below a bare marker."""
    titles: list[str] = []
    lines = [line.text.strip() for line in item.lines]
    for index, text in enumerate(lines):
        m = _ATTACHMENT.match(text)
        if not m:
            continue
        if m.group(1):
            titles.append(m.group(1))
            continue
        for below in lines[index + 1: index + 4]:
            if not below:
                if titles and lines[index + 1]:
                    break
                continue
            if _ATTACHMENT.match(below) or len(below) > _TITLE_MAX:
                break
            titles.append(below[2:] if below.startswith("- ") else below)
    cleaned = (_BILAG_PREFIX.sub("", t).strip(" .") for t in titles)
    return tuple(dict.fromkeys(t for t in cleaned if t and len(t) <= _TITLE_MAX))


def approved_minutes(item: ItemSegment, ctx: MeetingContext) -> MeetingRef | None:
    """The earlier meeting whose minutes an item "Godkendelse af referat(et)
    fra mødet [i <body>] den <date>" approves: the date from the title, else
    from the item's text; the body named there, else the meeting's own."""
    if not _APPROVES_MINUTES.match(item.title):
        return None
    year = ctx.ref.date.year if ctx.ref.date else None
    for text in (item.title, *(s.text for s in item.sections)):
        dates = find_dates(text, default_year=year)
        if not dates:
            continue
        date = dates[0][0]
        if ctx.ref.date and date >= ctx.ref.date:
            date = date.replace(year=date.year - 1)  # "den 4. november" read in January
        named = _MINUTES_BODY.search(text)
        body = ctx.bodies.resolve_in_region(named.group("body"), ctx.region, exact=True) if named else None
        return MeetingRef(body.key if body else ctx.ref.body, date)
    return None

"""Sections inside an item: Resume, Baggrund, Indstilling, Beslutning,
Sagsfremstilling ..."""

from __future__ import annotations

from kg.read import Line
from kg.segment import patterns as P
from kg.segment.types import Section


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


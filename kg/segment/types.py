"""What segmenting produces: meetings, agenda-table rows, participant
blocks, items and item sections, each keeping its source lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Doubt
from kg.read import Line, SourceText


@dataclass(frozen=True, slots=True)
class Section:
    """A part of an item: "resume", "background", "recommendation",
    "decision", "case", "attachments", or "text" (before any heading)."""

    kind: str
    lines: tuple[Line, ...]
    # join_text(lines), made when first asked: the extractors ask a section
    # for its text several times (outcome, agreements, flows ...).
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        text = self._text
        if text is None:
            text = join_text(self.lines)
            object.__setattr__(self, "_text", text)
        return text

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
    # Every logical line from the header to the end, for extractors that read
    # prose wherever it stands; it includes the lines of minutes quoted inside,
    # which are also meetings of their own.
    lines: tuple[Line, ...] = ()


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

"""What an extractor knows about the meeting whose segment it reads."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import DocumentKind, MeetingRef


@dataclass(frozen=True, slots=True)
class MeetingContext:
    """The document name, the meeting's identity, and its document kind."""

    doc: str
    ref: MeetingRef
    kind: DocumentKind

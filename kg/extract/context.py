"""What an extractor knows about the meeting whose segment it reads."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import DocumentKind, MeetingRef


@dataclass(frozen=True, slots=True)
class MeetingContext:
    """The document name, the meeting's identity, its document kind, and the
    region of its body (to read generic names such as "KKR" or "byrådene")."""

    doc: str
    ref: MeetingRef
    kind: DocumentKind
    region: str = ""

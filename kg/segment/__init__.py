"""Segmenting: a decoded document -> meetings, agenda tables, participant
blocks, items and their sections (see structure.py)."""

from kg.segment.structure import segment
from kg.segment.types import (
    Block,
    ItemSegment,
    MeetingSegment,
    Section,
    SegmentedDocument,
    TocEntry,
    join_text,
)

__all__ = ["Block", "ItemSegment", "MeetingSegment", "Section", "SegmentedDocument", "TocEntry",
           "join_text", "segment"]

"""Segmenting: a decoded document -> meetings, agenda tables, participant
blocks, items and their sections (see structure.py)."""

from kg.segment.structure import (
    Block,
    ItemSegment,
    MeetingSegment,
    Section,
    SegmentedDocument,
    TocEntry,
    join_text,
    segment,
)

__all__ = ["Block", "ItemSegment", "MeetingSegment", "Section", "SegmentedDocument", "TocEntry",
           "join_text", "segment"]

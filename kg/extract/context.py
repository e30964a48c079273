"""What an extractor knows about the meeting whose segment it reads."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg import reference
from kg.extract.outcome import outcome_of
from kg.model import Body, DocumentKind, MeetingRef, Outcome
from kg.reference import BodyDirectory, FirstNames, MunicipalityDirectory
from kg.segment import ItemSegment, MeetingSegment


@functools.lru_cache(maxsize=1 << 14)
def known_body(phrase: str, region: str) -> Body | None:
    """kg's own directory's resolve_in_region(phrase, region, exact=True),
    memoised (the directory is fixed): the flows' readers ask it of up to
    seven phrases at each place they read (the longest first), read the
    same places several times, and every document names the same bodies."""
    return reference.bodies().resolve_in_region(phrase, region, exact=True)


@dataclass(frozen=True, slots=True)
class MeetingContext:
    """The document name, the meeting's identity, its document kind, and the
    region of its body (to read generic names such as "KKR" or "byrådene");
    the outcome and the flows of each item of the segment, read once; and
    the reference data extractors look names up in (the defaults are kg's
    own tables; `extract` passes the directory it was given)."""

    doc: str
    ref: MeetingRef
    kind: DocumentKind
    region: str = ""
    outcomes: Mapping[tuple[str, int], Outcome] = field(default_factory=dict, compare=False)
    bodies: BodyDirectory = field(default_factory=reference.bodies, compare=False)
    municipalities: MunicipalityDirectory = field(default_factory=reference.municipalities, compare=False)
    first_names: FirstNames = field(default_factory=reference.first_names, compare=False)
    # Each item's flows, read once by kg.extract.referrals.item_flows and
    # shared with the extractors that need them (agreements).
    flows: dict = field(default_factory=dict, compare=False)
    # The facts of the member lists of the meeting's lines, read once by
    # kg.extract.member_lists.meeting_member_lists (roles and appointments).
    member_lists: dict = field(default_factory=dict, compare=False)

    def outcome(self, item: ItemSegment) -> Outcome:
        """The item's outcome as read once for the whole segment; an item the
        context was not made with (a hand-made context in a test) is read now."""
        found = self.outcomes.get(_item_key(item))
        return found if found is not None else outcome_of(item)


def item_outcomes(segment: MeetingSegment) -> dict[tuple[str, int], Outcome]:
    """Each item's outcome, read once, for every extractor to share."""
    return {_item_key(item): outcome_of(item) for item in segment.items}


def _item_key(item: ItemSegment) -> tuple[str, int]:
    return item.number, item.heading_start

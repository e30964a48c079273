"""Cases moving on: a referral whose receiving meeting is documented is
linked to the item there that treats the same case (a shared case number, a
shared agreement, or the same title)."""

from __future__ import annotations

from kg.model import AgendaItem, Extraction, ItemRef, MeetingRef, Referral
from kg.segment.matching import similar


def case_links(extractions: list[Extraction]) -> list[tuple[Referral, ItemRef]]:
    """(referral, item of the receiving meeting) for every referral whose
    receiving meeting has an item on the same case."""
    items: dict[MeetingRef, list[AgendaItem]] = {}
    by_ref: dict[ItemRef, AgendaItem] = {}
    agreements: dict[ItemRef, set[str]] = {}
    for ex in extractions:
        for item in ex.items:
            items.setdefault(item.ref.meeting, []).append(item)
            by_ref[item.ref] = item
        for agreement in ex.agreements:
            agreements.setdefault(agreement.item, set()).add(agreement.key)
    links = []
    for ex in extractions:
        for referral in ex.referrals:
            if referral.target_date is None or referral.item not in by_ref:
                continue
            source = by_ref[referral.item]
            for candidate in items.get(MeetingRef(referral.to_body, referral.target_date), []):
                if _same_case(source, candidate, agreements):
                    links.append((referral, candidate.ref))
                    break
    return links


def _same_case(a: AgendaItem, b: AgendaItem, agreements: dict[ItemRef, set[str]]) -> bool:
    if set(a.case_numbers) & set(b.case_numbers):
        return True
    if agreements.get(a.ref, set()) & agreements.get(b.ref, set()):
        return True
    return similar(a.title, b.title, strict=True)

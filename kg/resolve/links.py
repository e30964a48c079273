"""Cases moving on. A flow whose receiving meeting is documented is linked to
the item there that treats the same case (a shared case number, a shared
agreement, or the same title), and takes that item's outcome as its next
outcome. When the receiving meeting is not documented but a later item
reports its decision on the same case ("KKR Midtjylland godkendte den 22.
november 2022 ... takstaftale"), the flow takes the reported outcome."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import AgendaItem, Extraction, ItemRef, MeetingRef, Outcome, Referral
from kg.danish.titles import similar


@dataclass(frozen=True, slots=True)
class CaseLink:
    """A flow, the item that picks the case up (None when only a report
    says what happened there), and the outcome at the receiver ("" when
    unknown)."""

    referral: Referral
    target: ItemRef | None
    outcome: str


def case_links(extractions: list[Extraction]) -> list[CaseLink]:
    """A link for every flow whose receiving meeting is documented, or whose
    decision a later item reports, on the same case."""
    items: dict[MeetingRef, list[AgendaItem]] = {}
    by_ref: dict[ItemRef, AgendaItem] = {}
    agreements: dict[ItemRef, set[str]] = {}
    reports: dict[MeetingRef, list[Referral]] = {}
    for ex in extractions:
        for item in ex.items:
            items.setdefault(item.ref.meeting, []).append(item)
            by_ref[item.ref] = item
        for agreement in ex.agreements:
            agreements.setdefault(agreement.item, set()).add(agreement.key)
        for referral in ex.referrals:
            if not referral.from_body and referral.outcome and referral.target_date:
                reports.setdefault(MeetingRef(referral.to_body, referral.target_date), []).append(referral)
    links = []
    for ex in extractions:
        for referral in ex.referrals:
            if not referral.from_body or referral.general or referral.target_date is None \
                    or referral.item not in by_ref:
                continue
            link = _link(referral, by_ref, items, agreements, reports)
            if link is not None:
                links.append(link)
    return links


def _link(referral: Referral, by_ref: dict[ItemRef, AgendaItem], items: dict[MeetingRef, list[AgendaItem]],
          agreements: dict[ItemRef, set[str]], reports: dict[MeetingRef, list[Referral]]) -> CaseLink | None:
    source = by_ref[referral.item]
    receiving = MeetingRef(referral.to_body, referral.target_date)
    # A flow into the meeting that records its item reaches that item itself
    # (a case number shared by every item of the minutes would pick another).
    own = [source] if source.ref.meeting == receiving else []
    for candidate in own + items.get(receiving, []):
        if _same_case(source, candidate, agreements):
            outcome = "" if candidate.outcome in (Outcome.NONE, Outcome.UNCLEAR) else candidate.outcome.value
            return CaseLink(referral, candidate.ref, outcome)
    for report in reports.get(receiving, []):
        if report.item in by_ref and report.item != referral.item \
                and _same_case(source, by_ref[report.item], agreements):
            return CaseLink(referral, None, report.outcome)
    return None


def _same_case(a: AgendaItem, b: AgendaItem, agreements: dict[ItemRef, set[str]]) -> bool:
    if set(a.case_numbers) & set(b.case_numbers):
        return True
    if agreements.get(a.ref, set()) & agreements.get(b.ref, set()):
        return True
    return similar(a.title, b.title, strict=True)

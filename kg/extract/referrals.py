"""Referrals: an item moving from one body to the next.

A flow is signalled by a marker followed by a body ("indstiller til KKR
Midtjylland", "forelægges KKR Midtjylland den 10. februar 2023", "behandles i
Sundhedsstyregruppen den 20. februar", "sendes til godkendelse i byrådene",
"går videre til KKR") or by a body followed by a marker ("KKR Midtjylland
orienteres om ..."). Only present and future forms count: "blev behandlet"
reports a past step, not a flow onward.

The sending body is the subject when one is named ("Uddannelsesstyregruppen
har indstillet ... via KD-Net til Uddannelsesudvalget" is two hops), else the
meeting's own body. A hop continues the previous one (a chain) when a word of
sequence stands between them ("hvorefter", "efterfølgende", "inden") or when
its date is later; bodies listed together ("byråd og regionsråd") are
parallel hops from the same sender. Generic names ("KKR", "byrådene",
"regionsrådet") are read in the region of the meeting's body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from kg.danish import find_dates
from kg.extract.context import MeetingContext
from kg.model import Body, ItemRef, Referral, Span
from kg.reference import bodies
from kg.segment import ItemSegment, MeetingSegment

# Markers before the receiving body.
_BEFORE_TARGET = re.compile(
    r"\b(?P<marker>indstiller\s+til|indstilles\s+til|forelægges(?:\s+(?:\S+\s+){0,3}?for)?|forelæggelse\s+for"
    r"|fremlægges\s+for|fremsendes\s+til"
    r"|behandles(?:\s+(?:efterfølgende|endeligt|politisk|herefter|derefter))?(?:\s+på)?"
    r"(?:\s+(?:det\s+)?(?:næste\s+|kommende\s+|første\s+)?møde[t]?)?(?:\s+i)?"
    r"|(?:videre)?sendes\s+(?:videre\s+)?til\s+(?:\w+\s+){0,2}?(?:godkendelse|orientering|høring|kommentering|"
    r"behandling|drøftelse)\s+i|sendes\s+(?:videre\s+)?til"
    r"|godkendelse\s+i|godkendes\s+(?:\S+\s+){0,8}?i(?=\s+[A-ZÆØÅ]|\s+de\s|\s+alle\s)"
    r"|til\s+orientering\s+i|til\s+drøftelse\s+i|drøftes\s+i"
    r"|præsenteres\s+(?:[^.]{0,80}?\s)?på\s+(?:det\s+)?(?:kommende\s+)?møde[t]?\s+i"
    r"|går\s+videre\s+til|videresendes\s+til|oversendes\s+til)\s+(?=\S)",
    re.IGNORECASE,
)
# "X har indstillet <sag> via KD-Net til Y": two hops, X -> KD-Net -> Y.
_VIA_CHAIN = re.compile(r"\b(?:har\s+|have\s+)?indstillet\b[^.]*?\bvia\s+(?P<rest>.+)", re.IGNORECASE)
# Markers after the receiving body: "KKR Midtjylland orienteres", "KKR får forelagt".
_AFTER_TARGET = re.compile(r"\s+(?P<marker>orienteres|får\s+forelagt|skal\s+godkende|skal\s+behandle)\b",
                           re.IGNORECASE)
# "får KKR forelagt": the receiver between the verb and its participle.
_GETS_PRESENTED = re.compile(r"\bfår\s+(?=\S)(?P<rest>.{1,60}?)\s+forelagt\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:blev|er\s+blevet|har\s+været|var|fik|havde)\s+$", re.IGNORECASE)
_SEQUENCE = re.compile(r"\b(?:hvorefter|efterfølgende|derefter|herefter|inden|dernæst|for\s+derefter)\b",
                       re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,|og|samt|/)(?:\s+(?:derefter|herefter|efterfølgende))?\s*", re.IGNORECASE)
# A marker that itself says "afterwards" describes one step, not a chain.
_ONE_STEP = re.compile(r"efterfølgende|herefter|derefter", re.IGNORECASE)
_MAX_BODY_WORDS = 7


@dataclass
class _Hop:
    start: int
    end: int
    from_body: str
    to_body: str
    marker: str
    date: dt.date | None
    explicit_from: bool
    sequence_before: bool  # a word of sequence ("hvorefter") precedes it
    group: int = 0  # hops named in one list ("byråd og regionsråd") share a group
    parallel_before: bool = False  # joined to the previous hop by "og"/"samt"


def extract_referrals(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Referral]:
    """Referrals of every item of the meeting, chained where the text chains them."""
    for item in segment.items:
        yield from item_referrals(item, ctx)


def item_referrals(item: ItemSegment, ctx: MeetingContext) -> list[Referral]:
    """The referrals of one item, in the order the text gives them."""
    ref = ItemRef(ctx.ref, item.number)
    found: list[Referral] = []
    last: Referral | None = None
    for line in item.lines:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", line.text.strip()):
            groups: dict[int, tuple[str, int]] = {}
            for hop in _hops(sentence, ctx):
                if hop.group in groups:
                    sender, continues = groups[hop.group]
                else:
                    sender, continues = _sender(hop, last)
                    groups[hop.group] = (sender, continues)
                hop.from_body = sender
                referral = _add(found, ref, hop, Span(ctx.doc, line.number, line.number), continues)
                last = referral or last
    return found


def _sender(hop: _Hop, last: Referral | None) -> tuple[str, int]:
    """(sending body, position of the referral continued) for a hop: the
    receiver of the previous hop when the text says the case moves on
    ("hvorefter", a later date after a comma), never back in time."""
    if last is None:
        return hop.from_body, 0
    if hop.explicit_from:
        return hop.from_body, last.position if last.to_body == hop.from_body else 0
    in_order = hop.date is None or last.target_date is None or hop.date >= last.target_date
    later = hop.date is not None and last.target_date is not None and hop.date > last.target_date
    if in_order and (hop.sequence_before or (later and not hop.parallel_before)) and last.to_body != hop.to_body:
        return last.to_body, last.position
    return hop.from_body, 0


def _add(found: list[Referral], ref: ItemRef, hop: _Hop, span: Span, continues: int) -> Referral | None:
    """Record a hop once per (from, to): a repeat only fills in a missing date."""
    if hop.from_body == hop.to_body:
        return None
    for index, existing in enumerate(found):
        if (existing.from_body, existing.to_body) == (hop.from_body, hop.to_body):
            if existing.target_date is None and hop.date is not None:
                found[index] = replace(existing, target_date=hop.date)
            return found[index]
    marker = " ".join(hop.marker.lower().split())
    if len(marker.split()) > 4:  # "godkendes resultatkontrakten endeligt ... i" -> "godkendes … i"
        marker = f"{marker.split()[0]} … {marker.split()[-1]}"
    referral = Referral(ref, hop.from_body, hop.to_body, span, len(found) + 1, hop.date, continues, marker)
    found.append(referral)
    return referral


def _hops(sentence: str, ctx: MeetingContext) -> list[_Hop]:
    hops: list[_Hop] = []
    for m in _BEFORE_TARGET.finditer(sentence):
        if _PAST.search(sentence[: m.start()]):
            continue
        targets = _bodies_at(sentence, m.end(), ctx.region)
        if not targets:
            continue
        subject = _subject_before(sentence, m.start(), ctx.region)
        if subject is None and any(body.key == ctx.ref.body for body, _, _ in targets):
            # A case sent *to* this meeting comes from the body the sentence
            # opens with ("DASSOS har udarbejdet et forslag, der fremsendes til KKR").
            subject = _body_at(sentence, 0, ctx.region)
            subject = subject[0] if subject else None
        sender = subject.key if subject else ctx.ref.body
        between = sentence[hops[-1].end if hops else 0: m.end()]
        seq = bool(_SEQUENCE.search(between)) and not _ONE_STEP.search(m.group("marker"))
        parallel = bool(hops) and bool(re.search(r"\b(?:og|samt)\b", between)) and not seq
        for index, (body, end, chained) in enumerate(targets):
            hops.append(_Hop(m.start(), end, sender, body.key, m.group("marker"),
                             _date_after(sentence, end, ctx), subject is not None,
                             seq if index == 0 else chained, group=m.start() if not chained else end,
                             parallel_before=parallel if index == 0 else not chained))
    chain = _VIA_CHAIN.search(sentence)
    if chain:
        subject = _subject_before(sentence, chain.start(), ctx.region)
        via = _body_at(sentence, chain.start("rest"), ctx.region)
        if subject and via and sentence[via[1]:].lstrip().lower().startswith("til "):
            after = via[1] + sentence[via[1]:].lower().index("til ") + 4
            target = _body_at(sentence, after, ctx.region)
            if target:
                hops.append(_Hop(chain.start(), via[1], subject.key, via[0].key, "indstillet via", None, True, False,
                                 group=chain.start()))
                hops.append(_Hop(via[1], target[1], via[0].key, target[0].key, "indstillet til",
                                 _date_after(sentence, target[1], ctx), True, True, group=via[1]))
    for m in _GETS_PRESENTED.finditer(sentence):
        receiver = _body_at(sentence, m.start("rest"), ctx.region)
        if receiver and receiver[0].key != ctx.ref.body and not _PAST.search(sentence[: m.start()]):
            hops.append(_Hop(m.start(), m.end(), ctx.ref.body, receiver[0].key, "får forelagt",
                             _date_after(sentence, m.end(), ctx), False,
                             bool(_SEQUENCE.search(sentence[: m.start()])), group=m.start()))
    for m in _AFTER_TARGET.finditer(sentence):
        if _PAST.search(sentence[: m.start()]):
            continue
        for receiver in _bodies_before(sentence, m.start(), ctx.region):
            if receiver.key != ctx.ref.body:
                hops.append(_Hop(m.start(), m.end(), ctx.ref.body, receiver.key, m.group("marker"),
                                 _date_after(sentence, m.end(), ctx), False,
                                 bool(_SEQUENCE.search(sentence[: m.start()])), group=m.start()))
    return sorted(hops, key=lambda h: h.start)


def _bodies_at(text: str, start: int, region: str) -> list[tuple[Body, int, bool]]:
    """(body, end, chained) for the body named at `start` (longest match over
    the next few words) and any bodies listed right after it: "byråd og
    regionsråd" are parallel, "KKR og derefter Erhvervshuset" a chain."""
    found: list[tuple[Body, int, bool]] = []
    position, chained = start, False
    while True:
        body_end = _body_at(text, position, region)
        if body_end is None:
            break
        found.append((*body_end, chained))
        join = _LIST_JOIN.match(text[body_end[1]:])
        if not join:
            break
        chained = bool(_SEQUENCE.search(join.group(0)))
        position = body_end[1] + join.end()
    return found


def _body_at(text: str, start: int, region: str) -> tuple[Body, int] | None:
    words = list(re.finditer(r"\S+", text[start:]))[:_MAX_BODY_WORDS]
    for count in range(len(words), 0, -1):
        end = start + words[count - 1].end()
        phrase = text[start:end].rstrip(" ,.;:")
        if phrase.endswith((" og", " samt", " i", " den", " d.")):
            continue
        body = bodies().resolve_in_region(phrase, region, exact=True)
        if body is not None and not body.found_by_pattern:
            return body, start + len(phrase)
    return None


def _bodies_before(text: str, end: int, region: str) -> list[Body]:
    """Bodies listed just before a marker: "KKR og KD-Net orienteres"."""
    found: list[Body] = []
    while (hit := _body_before(text, end, region)) is not None:
        body, start = hit
        found.append(body)
        join = re.search(r"\s*(?:,|\bog|\bsamt)\s*$", text[:start].rstrip())
        if not join:
            break
        end = join.start()
    return found


def _subject_before(text: str, end: int, region: str) -> Body | None:
    """A body named just before a marker: the sender ("KD-net indstiller"),
    or with markers after the target, the receiver ("KKR orienteres")."""
    hit = _body_before(text, end, region)
    return hit[0] if hit else None


def _body_before(text: str, end: int, region: str) -> tuple[Body, int] | None:
    """(body, where its name starts) for the body named right before `end`,
    shortest phrase first, auxiliary verbs ("har", "skal") skipped."""
    before = re.sub(r"\s+(?:har|vil|skal|kan)(?:\s+\w+)?\s*$", "", text[:end].rstrip())
    words = list(re.finditer(r"\S+", before))
    for count in range(1, min(_MAX_BODY_WORDS, len(words)) + 1):
        start = words[-count].start()
        body = bodies().resolve_in_region(before[start:].strip(" ,"), region, exact=True)
        if body is not None and not body.found_by_pattern:
            return body, start
    return None


def _date_after(text: str, start: int, ctx: MeetingContext) -> dt.date | None:
    """A date right after the body ("den 22. november 2022", "20. februar");
    a date without a year is the next such date after the meeting."""
    window = text[start: start + 45]
    nxt = _BEFORE_TARGET.search(window)
    if nxt:
        window = window[: nxt.start()]
    year = ctx.ref.date.year if ctx.ref.date else None
    dates = find_dates(window, default_year=year)
    if not dates:
        return None
    date, _, _ = dates[0]
    if ctx.ref.date and date < ctx.ref.date and not re.search(r"\b(?:19|20)\d\d\b", window):
        date = date.replace(year=date.year + 1)
    return date

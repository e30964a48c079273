"""Flows: a case moving from one body to the next, read clause by clause.

A flow is signalled by a marker followed by a body ("indstiller til KKR
Midtjylland", "forelægges KKR Midtjylland den 10. februar 2023", "behandles i
Sundhedsstyregruppen den 20. februar", "sendes til godkendelse i byrådene",
"fremsendes med anbefaling fra KKR til byrådene", "godkendes af KKR") or by a
body followed by a marker ("KKR Midtjylland orienteres om ...", "KKR
Midtjylland godkendte den 22. november 2022"). Each flow gets a status:
happened (past tense, "blev forelagt", "har sendt", "godkendte", or a flow
into the meeting being documented) or planned (present or future), a purpose
and a time.

The sender is the clause's subject when one is named, the agent of a passive
("fra KKR"), the receiver of the previous hop when the text says the case
moves on ("hvorefter", "efterfølgende", "inden", or a later date), and the
meeting's own body only when nothing else names one. A hop dated before the
meeting that would send it cannot come from that meeting: it is a past flow,
or, when its sender is only assumed, a doubt. Bodies listed together ("byråd
og regionsråd") are parallel hops from the same sender. Generic names
("KKR", "byrådene", "regionsrådet", "kommuner og region") are read in the
region of the meeting's body; bodies outside the reference data (agencies,
ministries, companies' boards) are named by the shape of their name. A
general description of how such cases usually flow is kept as a rule
(`general`), not a flow of this case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from itertools import islice
from dataclasses import dataclass, field, replace
from typing import Any

from kg.danish import find_dates, slug
from kg.danish.flows import (
    BODY_MEETING_NAME, CASES_FOR_MEETING, CHAIRMANSHIP_BEFORE, CONDITIONAL_BEFORE, EVERY_REGION, FUTURE_BEFORE, GENERAL, GENERAL_ADVERB, HAPPENED,
    LETTERHEAD_KINDS, NOT_A_MEETING_DATE, PAST_BEFORE, PAST_MARKER, PLANNED, chairmanship_owners, council_receiver, external_body,
    letterhead_fields, purpose_nearest_end, purpose_of, same_case_words, when_of,
)
from kg.danish import line_cues
from kg.danish.literal import FLOW_CUES, CueFinder, Cues, as_sets, cue_words, fold, holds
from kg.extract.calendar import extract_calendar
from kg.extract.context import MeetingContext, known_body
from kg.model import Body, Doubt, ItemRef, Referral, Span
from kg.read import Line
from kg.segment import ItemSegment, MeetingSegment

# Markers before the receiving body.
# The look-ahead asks first for a letter that starts one of the markers: re
# tries every word of a sentence, and most words start with another.
_BEFORE_TARGET = re.compile(
    r"\b(?=[abdefghiopstv])(?P<marker>indstiller\s+til|indstilles\s+til|forelægges(?:\s+(?:\S+\s+){0,3}?for)?|forelæggelse\s+for"
    r"|fremlægges\s+for|fremsendes\s+(?:med\s+\w+\s+)?(?:fra\s+(?P<agent>\S+(?:\s+[A-ZÆØÅ]\w+)?)\s+)?til"
    r"|fremsendelse\s+til|videreformidles\s+til|fremsendt\s+til"
    r"|(?:blev\s+|har\s+været\s+)?behandlet\s+i|(?:blev|er\s+blevet|har\s+været)\s+forelagt(?:\s+for)?"
    r"|behandles(?:\s+(?:efterfølgende|endeligt|politisk|herefter|derefter))?(?:\s+på)?"
    r"(?:\s+(?:det\s+)?(?:næste\s+|kommende\s+|første\s+)?møde[t]?)?(?:\s+i)?"
    r"|(?:videre)?send(?:es|t|te)\s+(?:videre\s+)?(?:\S+\s+){0,2}?til\s+(?:\w+\s+){0,2}?(?:godkendelse|orientering|"
    r"høring|kommentering|behandling|drøftelse)\s+i|(?:har\s+|er\s+|blev\s+)?send(?:es|t|te)\s+(?:videre\s+)?til"
    r"|(?:har\s+|er\s+|blev\s+)send(?:t|te)\s+(?:\S+\s+){1,2}?til(?=\s+(?:(?-i:[A-ZÆØÅ])|kommuner|region|alle\s|de\s))"
    r"|godkendelse\s+(?:af\s+\w+\s+)?i|godkendes\s+(?:\S+\s+){0,8}?i(?=\s+[A-ZÆØÅ]|\s+de\s|\s+alle\s)"
    r"|godkendes\s+af|til\s+orientering\s+i|til\s+drøftelse\s+i|drøftes\s+(?:politisk\s+)?i"
    r"|præsenteres\s+(?:[^.]{0,80}?\s)?på\s+(?:det\s+)?(?:kommende\s+)?møde[t]?\s+i"
    r"|anbefaling\s+til|går\s+videre\s+til|går\s+til|videresendes\s+til|oversendes\s+til)\s+(?=\S)",
    re.IGNORECASE,
)
# "X har sendt en anmodning til formændene for styregrupperne og KL": a list
# of receivers that starts with people (named by their office) and ends with
# a body; "sendt til høring og KD-Net ..." is no such list.
_SENT_TO_LIST = re.compile(r"\b(?P<marker>(?:har|er|blev)\s+sendt|sendte)\s+(?:\S+\s+){1,3}?til\s+"
                           r"(?:de\s+|alle\s+)?(?:formand|formænd|borgmest|direktør|kommunaldirektør|medlem"
                           r"|repræsentant|sekretariat)\w*[^.,;]{0,80}?\s(?:og|samt)\s+(?=[A-ZÆØÅ])", re.IGNORECASE)
# "X fremlægger forslag til ... til drøftelse": X brings the case to the
# meeting; the object runs on to the purpose without naming a receiver.
_PRESENTS = re.compile(r"\b(?P<marker>fremlægger|forelægger|fremsender)\s+(?![A-ZÆØÅ])[^.;]{3,160}?"
                       r"\btil\s+(?P<purpose>drøftelse|godkendelse|orientering|beslutning|kommentering)\b")
# "Evt. bemærkninger fra DASSOS vil foreligge til KKR-mødet": the sender's
# comments are to be laid before the receiver's meeting.
_COMMENTS_FOR = re.compile(r"\b(?:bemærkninger|kommentarer)\s+fra\s+(?P<sender>[^.;]{2,60}?)\s+"
                           r"(?P<marker>(?:vil\s+)?foreligge|foreligger|(?:vil\s+blive\s+)?forelagt|forelægges)\s+"
                           r"(?:til|på|for)\s+(?=\S)", re.IGNORECASE)
# "X har indstillet <sag> via KD-Net til Y": two hops, X -> KD-Net -> Y.
_VIA_CHAIN = re.compile(r"\b(?P<aux>har\s+|have\s+)?indstillet\b[^.]*?\bvia\s+(?P<rest>.+)", re.IGNORECASE)
# "KKR Nordjylland har modtaget en henvendelse fra Region Nordjylland": the
# subject received the case from the body after "fra".
_RECEIVED = re.compile(r"\b(?P<marker>har\s+modtaget|modtog)\s+(?:[^.;]{0,60}?\s)?fra\s+(?=\S)", re.IGNORECASE)
# Markers after the receiving body: "KKR Midtjylland orienteres", "KKR får forelagt".
_AFTER_TARGET = re.compile(r"\s+(?P<marker>orienteres|får\s+forelagt|skal\s+godkende|skal\s+behandle)\b",
                           re.IGNORECASE)
# A step of a dated process list: "- 28. november Sundhedskoordinationsudvalget behandler planen".
_STEP_ACTOR = re.compile(r"\s+(?P<marker>behandler|godkender)\b", re.IGNORECASE)
_DATED_STEP = re.compile(r"^-?\s*(?:\d{1,2}\.|primo|medio|ultimo)\s*[a-zæøå]+", re.IGNORECASE)
# A decision of another body, reported: "KKR Midtjylland godkendte den 22. november 2022".
_REPORTED = re.compile(r"\s+(?P<marker>godkendte|vedtog|tiltrådte)\s+(?:på\s+(?:sit\s+)?mødet\s+)?(?:den\s+|d\.\s*)?",
                       re.IGNORECASE)
# The words (folded, kg.danish.literal) one of which every match of the
# pattern of that name holds, in each group: the pre-checks of _hops.
_BEFORE_TARGET_CUES: Cues = (("indstiller", "indstilles", "forelægge", "fremlægges", "sendes", "sendt", "fremsendelse",
                              "videreformidles", "behandlet", "behandles", "forelagt", "godkendelse", "godkendes",
                              "orientering", "drøftelse", "drøftes", "præsenteres", "anbefaling", "går"),)
_VIA_CHAIN_CUES: Cues = (("indstillet",), ("via",))
_COMMENTS_FOR_CUES: Cues = (("bemærkninger", "kommentarer"), ("forelig", "forelagt", "forelægges"))
# (The second group: "skal" alone is in most sentences, and "skal godkende"
# or "skal behandle" in few.)
_AFTER_TARGET_CUES: Cues = (("orienteres", "får", "skal"), ("orienteres", "forelagt", "godkende", "behandle"))
_REPORTED_CUES: Cues = (("godkendte", "vedtog", "tiltrådte"),)
_SENT_TO_LIST_CUES: Cues = (("sendt",),)
_RECEIVED_CUES: Cues = (("modtaget", "modtog"),)
_GETS_PRESENTED_CUES: Cues = (("får",), ("forelagt",))
# All of them and FLOW_CUES found in one pass per sentence (kg.danish.literal.CueFinder).
_HOP_CUES = (FLOW_CUES, _BEFORE_TARGET_CUES, _VIA_CHAIN_CUES, _COMMENTS_FOR_CUES, _AFTER_TARGET_CUES, _REPORTED_CUES,
             _SENT_TO_LIST_CUES, _RECEIVED_CUES, _GETS_PRESENTED_CUES)
_HOP_FINDER = CueFinder(cue_words(*_HOP_CUES))
(_FLOW_SETS, _BEFORE_TARGET_SETS, _VIA_CHAIN_SETS, _COMMENTS_FOR_SETS, _AFTER_TARGET_SETS, _REPORTED_SETS,
 _SENT_TO_LIST_SETS, _RECEIVED_SETS, _GETS_PRESENTED_SETS) = map(as_sets, _HOP_CUES)
# _PRESENTS is case-sensitive: its words as written.
_PRESENTS_WORDS = ("fremlægger", "forelægger", "fremsender")
# "får KKR forelagt": the receiver between the verb and its participle.
_GETS_PRESENTED = re.compile(r"\bfår\s+(?=\S)(?P<rest>.{1,60}?)\s+forelagt\b", re.IGNORECASE)
_SEQUENCE = re.compile(r"\b(?:hvorefter|efterfølgende|derefter|herefter|inden|dernæst|for\s+derefter)\b",
                       re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,|og|samt|/)(?:\s+(?:derefter|herefter|efterfølgende))?\s*", re.IGNORECASE)
# A marker that itself says "afterwards" describes one step, not a chain.
_ONE_STEP = re.compile(r"efterfølgende|herefter|derefter", re.IGNORECASE)
_MAX_BODY_WORDS = 7
_INFORMED = re.compile(r"orienteres\b", re.IGNORECASE)
# A bare passive of discussion elsewhere names no one who sends the case.
_DISCUSSED_ELSEWHERE = re.compile(r"drøftes\b", re.IGNORECASE)


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
    same_sender: bool = False  # "... med henblik på godkendelse i X": the previous hop's sender
    status: str = PLANNED
    purpose: str = ""
    when: str = ""
    outcome: str = ""
    general: bool = False
    purpose_rank: int = 2  # see _purpose_ranked
    unnamed_subject: str = ""  # "arbejdsgruppen vil ...": a subject that is no body kg knows
    owner_informed: bool = False  # "KKR og KD-Net orienteres": this meeting's body is a receiver, not the sender
    from_date: dt.date | None = None  # when the sender handled the case, where the text says so
    conditional: bool = False  # "evt. bemærkninger ... vil foreligge": it may not come, so not yet happened


@dataclass
class ItemFlows:
    """What one item says of flows: the flows, the bodies outside the
    reference data they name, and the doubts met."""

    referrals: list[Referral] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)


def extract_referrals(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Referral | Body | Doubt]:
    """Flows of every item of the meeting, chained where the text chains
    them, with the outside bodies they name and the doubts met."""
    # The meeting's calendars and case lists, read only when a flow needs a
    # date from them (most meetings have no such flow) and then once.
    calendar = _Lazy(lambda: _calendar(segment, ctx))
    lists = _Lazy(lambda: _cases_for_meetings(segment, ctx))
    for item in segment.items:
        flows = item_flows(item, ctx)
        yield from flows.bodies
        for referral in flows.referrals:
            referral, doubt = _dated_by_case_list(_dated_by_calendar(referral, calendar), item, lists, ctx)
            yield referral
            if doubt is not None:
                yield doubt
        yield from flows.doubts


class _Lazy:
    """A value worked out on its first use, then kept."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make, self._done, self._value = make, False, None

    def get(self) -> Any:
        if not self._done:
            self._value, self._done = self._make(), True
        return self._value


@dataclass(frozen=True)
class _CaseList:
    """The cases an item lists for another body's coming meeting."""

    item: str
    body: str
    date: dt.date
    entries: tuple[str, ...]


def _cases_for_meetings(segment: MeetingSegment, ctx: MeetingContext) -> list[_CaseList]:
    """Every list in the minutes of the cases going to a body's meeting on
    a date ("Foreløbige punkter til møde i KKR Midtjylland den 10. maj",
    then "- <case>" lines): named in the item's title or in a line of it,
    the entries being the list lines after it."""
    found = []
    for item in segment.items:
        heads = []  # (line number, body key, date) of each list's heading
        for number, text in [(item.heading_start, item.title)] + [(line.number, line.text) for line in item.lines]:
            m = CASES_FOR_MEETING.search(text)
            hit = _body_at(text, m.start("body"), ctx.region) if m else None
            date = _date_in(text[hit[1]: hit[1] + 40], ctx) if hit else None
            if date is not None and (ctx.ref.date is None or date >= ctx.ref.date):
                heads.append((number, hit[0].key, date))
        for (number, body, date), end in zip(heads, [n for n, _, _ in heads[1:]] + [item.last_line + 1]):
            entries = tuple(line.text.strip()[2:] for line in item.lines
                            if number < line.number < end and line.text.strip().startswith("- "))
            if entries:
                found.append(_CaseList(item.number, body, date, entries))
    return found


def _dated_by_case_list(referral: Referral, item: ItemSegment, lists: _Lazy,
                        ctx: MeetingContext) -> tuple[Referral, Doubt | None]:
    """A planned flow without a date takes the date of the receiver's
    meeting when another item of the same minutes lists the case (an entry
    sharing distinctive words with the item's title) among the cases for
    that meeting. Lists for two dates that both name it: a doubt, no date."""
    if referral.target_date is not None or referral.status != PLANNED or referral.general or not referral.from_body:
        return referral, None
    dates = {case_list.date for case_list in lists.get()
             if case_list.body == referral.to_body and case_list.item != item.number
             and any(same_case_words(item.title, entry) for entry in case_list.entries)}
    if len(dates) == 1:
        return replace(referral, target_date=dates.pop()), None
    if dates:
        return referral, Doubt(ctx.doc, referral.span.start, (
            f"the case is listed for meetings of {referral.to_body} on {', '.join(map(str, sorted(dates)))}: "
            "which one the flow reaches is unclear, so it is left undated"))
    return referral, None


# "på første møde i 2023": the receiver's first meeting of that year.
_FIRST_MEETING = re.compile(r"^første\s+møde\s+i\s+(?P<year>(?:19|20)\d\d)$", re.IGNORECASE)


def _calendar(segment: MeetingSegment, ctx: MeetingContext) -> dict[tuple[str, int], dt.date]:
    """The first scheduled meeting of each (body, year) in the calendars the minutes print."""
    first: dict[tuple[str, int], dt.date] = {}
    for scheduled in extract_calendar(segment, ctx):
        key = (scheduled.ref.body, scheduled.ref.date.year)
        first[key] = min(first.get(key, scheduled.ref.date), scheduled.ref.date)
    return first


def _dated_by_calendar(referral: Referral, calendar: _Lazy) -> Referral:
    """A flow to "første møde i 2023" takes the receiver's first meeting that
    year when the same minutes print the receiver's calendar for it."""
    m = _FIRST_MEETING.match(referral.when or "")
    if referral.target_date is not None or m is None:
        return referral
    date = calendar.get().get((referral.to_body, int(m.group("year"))))
    return replace(referral, target_date=date) if date else referral


def item_referrals(item: ItemSegment, ctx: MeetingContext) -> list[Referral]:
    """The flows of one item (and its rules), in the order the text gives them."""
    return item_flows(item, ctx).referrals


def item_flows(item: ItemSegment, ctx: MeetingContext) -> ItemFlows:
    """What one item says of flows, read once per meeting context and then
    shared (the agreements extractor reads the same flows)."""
    key = (item.number, item.heading_start)
    if key not in ctx.flows:
        ctx.flows[key] = read_item_flows(item, ctx)
    return ctx.flows[key]


def read_item_flows(item: ItemSegment, ctx: MeetingContext) -> ItemFlows:
    ref = ItemRef(ctx.ref, item.number)
    result = ItemFlows()
    found = result.referrals
    guessed: set[int] = set()  # positions whose sender is only the item's owner
    doubted: set[str] = set()  # receivers of flows not recorded because their sender is unclear
    ranks: dict[int, float] = {}  # how directly each referral's purpose is stated (_purpose_ranked)
    last: Referral | None = None
    parallel: list[Referral] = []  # the referrals of the last group of parallel hops ("KOSU og DASSOS")
    parallel_key: tuple[int, int, int] | None = None
    bullet_before = False  # the previous line was a step of a list that named a flow
    owner = _hearing_owner(item, ctx, result.bodies)
    quoted, quote_starts = _quoted_documents(item)
    previous = ""  # the sentence before, which a definite subject ("Forslagene ...") may refer back to
    previous_is_line = False  # `previous` holds the whole line that ends with that sentence
    for line in item.lines:
        text = line.text.strip()
        if not text:
            continue
        if line.number in quoted:
            if line.number in quote_starts:
                result.doubts.append(Doubt(ctx.doc, line.number, (
                    "the item quotes another organisation's document here (a letterhead); the flows it "
                    "states are not read as flows of this case")))
            continue
        bullet = text.startswith("- ")
        if line.cues.isdisjoint(line_cues.FLOW):
            # No sentence of the line names a flow (_hops' pre-check, once per
            # line on its folded text, kept by the line): only the sentence
            # before the next line's is wanted, and only if a flow follows.
            previous, previous_is_line = text, True
            bullet_before = False
            continue
        flows_before = len(found)
        sentences, flowing = _flow_sentences(line, text)
        for index, sentence in enumerate(sentences):
            groups: dict[int, tuple[str, int]] = {}
            for hop in _hops(sentence, ctx, result.bodies) if flowing[index] else ():
                if hop.general:
                    _add(found, ref, hop, Span(ctx.doc, line.number, line.number), 0, ctx, ranks)
                    continue
                if bullet and bullet_before and index == 0 and not groups:
                    hop.sequence_before = True  # the steps of a process list follow each other
                if hop.group in groups:
                    sender, continues = groups[hop.group]
                elif hop.same_sender and groups:
                    sender, continues = list(groups.values())[-1]
                    groups[hop.group] = (sender, continues)
                else:
                    sender, continues = _sender(hop, last)
                    if sender == ctx.ref.body and not hop.explicit_from and not continues:
                        if previous_is_line:
                            previous, previous_is_line = _SENTENCE_END.split(previous)[-1], False
                        back = _referred_sender(sentence, previous, hop, ctx, result.bodies)
                        if back is not None:
                            sender, hop.from_date, hop.explicit_from = back[0], back[1], True
                    if owner and sender == ctx.ref.body and not hop.explicit_from and not continues:
                        sender = owner  # the body that sent the case in hearing owns its next steps
                        hop.explicit_from = True
                    groups[hop.group] = (sender, continues)
                hop.from_body = sender
                assumed = sender == ctx.ref.body and not hop.explicit_from and not continues
                if assumed and (hop.unnamed_subject or hop.owner_informed):
                    # "arbejdsgruppen vil ... med henblik på godkendelse i X", "KKR og KD-Net
                    # orienteres": the text names a sender that is not this meeting's body.
                    who = f"'{hop.unnamed_subject}'" if hop.unnamed_subject else "a body the text does not name"
                    result.doubts.append(Doubt(ctx.doc, line.number, (
                        f"a flow to {hop.to_body} is sent by {who}, not by {ctx.ref.body}: the sender is "
                        "unclear, so it is not recorded")))
                    doubted.add(hop.to_body)
                    last = _anchor(ref, hop, line.number, ctx)
                    continue
                if assumed and hop.to_body in doubted:
                    continue  # the step whose sender is unclear, told again ("- Behandles i X den ...")
                if hop.to_body == ctx.ref.body and hop.status == PLANNED and hop.date in (None, ctx.ref.date) \
                        and not continues and not hop.conditional:
                    hop.status, hop.date = HAPPENED, ctx.ref.date  # it reached the meeting this document records
                elif _sent_for_this_meeting(hop, sentence, ctx):
                    hop.date = ctx.ref.date  # "et budget, som er fremsendt til KKR": sent for this meeting
                if _before_meeting(hop, ctx):
                    if not hop.explicit_from and not continues and hop.status == PLANNED:
                        result.doubts.append(Doubt(ctx.doc, line.number, (
                            f"a flow to {hop.to_body} on {hop.date} is dated before this meeting of "
                            f"{ctx.ref.body}: who sends it is unclear, so it is not recorded")))
                        last = _anchor(ref, hop, line.number, ctx)
                        continue
                    hop.status = HAPPENED
                known = next((r for r in found if r.to_body == hop.to_body and r.status == hop.status
                              and r.from_body), None)
                if known is not None and not hop.explicit_from and not continues and sender == ctx.ref.body:
                    sender = hop.from_body = known.from_body  # the same step, told again ("blev behandlet i ...")
                if hop.status == HAPPENED and not hop.explicit_from and not continues and known is None \
                        and sender == ctx.ref.body and hop.to_body != ctx.ref.body:
                    # "blev behandlet i KL": a past step whose sender the text does not name
                    result.doubts.append(Doubt(ctx.doc, line.number, (
                        f"a past flow to {hop.to_body} names no sender; not recorded as sent by {ctx.ref.body}")))
                    continue
                span = Span(ctx.doc, line.number, line.number)
                referral = _add(found, ref, hop, span, continues, ctx, ranks)
                if referral and not hop.explicit_from and not continues and sender == ctx.ref.body:
                    guessed.add(referral.position)
                    if _DISCUSSED_ELSEWHERE.match(hop.marker) and any(b.key == hop.to_body for b in result.bodies):
                        # "Dette drøftes i Vækstforum på et kommende møde": who brings it to a body
                        # outside the item's network the text does not say; its body is only assumed.
                        result.doubts.append(Doubt(ctx.doc, line.number, (
                            f"the case is to be discussed in {hop.to_body}; the text names no sender, "
                            f"so {ctx.ref.body} (this item's body) is assumed")))
                if referral and last is not None and continues == last.position and last in parallel:
                    # "drøftes i KOSU og DASSOS ... Behandles på næste møde i KD-Net": the case
                    # moves on from every body it went to in parallel, not only the one named last.
                    for other in parallel:
                        if other is not last:
                            _add(found, ref, replace(hop, from_body=other.to_body), span, other.position, ctx, ranks)
                    parallel = [referral]
                elif referral:
                    key = (line.number, index, hop.group)
                    parallel = parallel + [referral] if key == parallel_key else [referral]
                    parallel_key = key
                if not hop.conditional:  # comments that may come are no step the case moves on from
                    last = referral or last
            previous, previous_is_line = sentence, False
        bullet_before = bullet and len(found) > flows_before
    kept = _with_named_meetings(_drop_superseded(found, guessed), item, ctx)
    result.referrals[:] = _with_recommended_purpose(_with_neighbour_times(kept, item, ctx, ranks), item, ctx)
    return result


# Where a line's sentences end for the flows (a stop before a capital):
# r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", spelt to open with the space itself, so that
# re skips to the spaces of a line instead of trying every position.
_SENTENCE_END = re.compile(r"\s(?<=[.!?]\s)\s*(?=[A-ZÆØÅ])")
# "Det indstilles, at KKR Midtjylland godkender ...": the recommendation's subject.
_RECOMMENDED = re.compile(r"\bat\s+(?=[A-ZÆØÅ])")


def _with_recommended_purpose(found: list[Referral], item: ItemSegment, ctx: MeetingContext) -> list[Referral]:
    """A flow into this meeting whose text names no purpose takes the one of
    the item's recommendation when that names the receiver as the one who
    acts ("... der hermed fremsendes til KKR", then "Det indstilles, at KKR
    godkender forslaget": a decision)."""
    wanting = [r for r in found if not r.purpose and not r.general and r.to_body == ctx.ref.body
               and r.target_date == ctx.ref.date and r.from_body]
    section = item.section("recommendation")
    if section is None or not wanting:
        return found  # no flow to give a purpose (most items): the recommendation is not read
    text = section.text
    purposes = set()
    for m in _RECOMMENDED.finditer(text):
        hit = _body_at(text, m.end(), ctx.region)
        if hit is not None and hit[0].key == ctx.ref.body:
            purposes.add(purpose_of(re.split(r"[.;]", text[hit[1]:], maxsplit=1)[0]))
    purposes.discard("")
    if len(purposes) != 1:
        return found  # none, or the recommendation asks several things
    purpose = purposes.pop()
    return [replace(r, purpose=purpose) if any(r is w for w in wanting) else r for r in found]


# How far a neighbouring sentence may be (non-empty lines either side) to
# give a flow its receiving meeting's date and purpose.
_NEIGHBOUR_LINES = 2


def _with_neighbour_times(found: list[Referral], item: ItemSegment, ctx: MeetingContext,
                          ranks: dict[int, float]) -> list[Referral]:
    """A planned flow without a date takes the date and purpose of a sentence
    close by in the same item whose subject is the receiver and that names
    one coming date ("KKR Midtjylland skal have en første drøftelse ... på
    mødet den 10. februar", two lines before "forud for forelæggelse for KKR
    Midtjylland"). Two different dates, or none, leave the flow as it is."""
    lines = [line for line in item.lines if line.text.strip()]
    result = []
    for referral in found:
        if referral.target_date is not None or referral.status != PLANNED or referral.general:
            result.append(referral)
            continue
        at = next((i for i, line in enumerate(lines) if line.number == referral.span.start), None)
        near = lines[max(0, (at or 0) - _NEIGHBOUR_LINES): (at or 0) + _NEIGHBOUR_LINES + 1] if at is not None else []
        hits = {(date, purpose) for line in near for date, purpose in _receiver_dates(line.text, referral.to_body, ctx)}
        dates = {date for date, _ in hits}
        if len(dates) != 1:
            result.append(referral)
            continue
        date = dates.pop()
        purposes = {purpose for _, purpose in hits if purpose}
        weak = ranks.get(referral.position, 2) < 1
        purpose = purposes.pop() if len(purposes) == 1 and weak else referral.purpose
        result.append(replace(referral, target_date=date, purpose=purpose))
    dated = {r.position: r.target_date for r in result}
    # A hop that continues a flow now dated starts from that meeting.
    return [replace(r, from_date=dated.get(r.continues)) if r.continues and r.from_date is None
            and dated.get(r.continues) and (r.target_date is None or dated[r.continues] <= r.target_date) else r
            for r in result]


def _receiver_dates(text: str, body: str, ctx: MeetingContext) -> Iterator[tuple[dt.date, str]]:
    """(date, purpose) of each sentence of `text` whose subject is `body`
    and that names a meeting date on or after this meeting (not a deadline)."""
    for sentence in _SENTENCE_END.split(text.strip()):
        subject = _body_at(sentence, 0, ctx.region)
        if subject is None or subject[0].key != body:
            continue
        for date, position, _ in find_dates(sentence, default_year=ctx.ref.date.year if ctx.ref.date else None):
            if NOT_A_MEETING_DATE.search(sentence[:position]):
                continue
            if ctx.ref.date is not None and date < ctx.ref.date:
                if re.search(r"\b(?:19|20)\d\d\b", sentence[position: position + 20]):
                    continue
                date = date.replace(year=date.year + 1)  # "den 10. februar" in a January meeting's item
            yield date, purpose_of(sentence)


def _quoted_documents(item: ItemSegment) -> tuple[set[int], set[int]]:
    """(line numbers, first line numbers) of documents quoted in the item:
    from a letterhead (address, phone, e-mail, case number within a few
    lines) to the item's next recommendation or decision, or its end."""
    lines = [line for line in item.lines if line.text.strip()]
    fields = [letterhead_fields(line.text) for line in lines]  # once per line; windows below reuse them
    if len(set().union(*fields)) < LETTERHEAD_KINDS:
        return set(), set()  # cheap pre-check: no window of lines holds more kinds than the whole item
    resume = sorted(s.first_line for s in item.sections if s.kind in ("recommendation", "decision"))
    quoted: set[int] = set()
    starts: set[int] = set()
    for index, line in enumerate(lines):
        if line.number in quoted:
            continue
        kinds = set().union(*fields[index: index + 8])
        if len(kinds) >= LETTERHEAD_KINDS and fields[index]:
            end = next((n for n in resume if n > line.number), item.last_line + 1)
            quoted |= {l.number for l in lines if line.number <= l.number < end}
            starts.add(line.number)
    return quoted, starts


# "Praksisplanudvalget har sendt udkast til praksisplan i høring": the
# sender of a hearing owns the case the hearing is about (active voice
# only: "et forslag, der er sendt i høring" names no sender).
_HEARING = re.compile(r"\b(?:(?:har|have)\s+sendt|sender|sendte)\s+(?:[^.]{0,80}?\s)?i\s+høring\b", re.IGNORECASE)


def _hearing_owner(item: ItemSegment, ctx: MeetingContext, outside: list[Body]) -> str:
    """The body that sent the item's case in hearing, named as the subject
    of the clause; "" when none or when it is this meeting's body. Steps
    of the process after the hearing whose sender the text leaves out are
    that body's, not the meeting's that only comments."""
    if not any("høring" in line.folded for line in item.lines):
        return ""  # cheap pre-check: _HEARING needs "i høring"
    for line in item.lines:
        for m in _HEARING.finditer(line.text):
            cut = line.text.rfind(". ", 0, m.start())
            start = cut + 2 if cut >= 0 else 0
            body = _first_body(line.text[start: m.start()], m.start() - start, ctx.region, outside)
            if body is not None and body.key != ctx.ref.body:
                return body.key
    return ""


# "KKR-mødet den 22. november", "KKR mødet den 22. november"
_BODY_MEETING = re.compile(r"(?P<body>[A-ZÆØÅ][\wæøå'-]*)[- ]mødet\s+(?:den\s+|d\.\s*)?(?=\d)")


def _with_named_meetings(found: list[Referral], item: ItemSegment, ctx: MeetingContext) -> list[Referral]:
    """A planned flow without a date takes the date of the receiver's
    meeting when the item names exactly one coming meeting of that body
    ("Sagen drøftes ... på KKR mødet den 22. november")."""
    if not any(r.target_date is None and r.status == PLANNED for r in found):
        return list(found)  # cheap pre-check: no flow to date (most items)
    named: dict[str, set[dt.date]] = {}
    for line in item.lines:
        for m in _BODY_MEETING.finditer(line.text):
            body = ctx.bodies.resolve_in_region(m.group("body"), ctx.region, exact=True)
            date = _date_in(line.text[m.end(): m.end() + 25], ctx)
            if body and date and (ctx.ref.date is None or date >= ctx.ref.date):
                named.setdefault(body.key, set()).add(date)
    return [replace(r, target_date=next(iter(named[r.to_body])))
            if r.target_date is None and r.status == PLANNED and len(named.get(r.to_body, ())) == 1 else r
            for r in found]


def _drop_superseded(found: list[Referral], guessed: set[int]) -> list[Referral]:
    """A flow whose sender is only assumed (the item's owner) gives way to a
    flow of the same item to the same receiver whose sender the text names:
    "skal behandles i alle byråd" and, later, "KKR ... hvorefter de sendes
    til byrådene" are one flow, from KKR."""
    continued = {r.continues for r in found}
    kept = []
    for referral in found:
        named = next((other for other in found
                      if other.position not in guessed and other is not referral and other.from_body
                      and other.to_body == referral.to_body and other.status == referral.status
                      and not other.general), None)
        if referral.position in guessed and named is not None and referral.position not in continued:
            continue
        kept.append(referral)
    return kept


def _anchor(ref: ItemRef, hop: _Hop, line: int, ctx: MeetingContext) -> Referral:
    """A hop that is not recorded but that the next step of a list continues from."""
    return Referral(ref, hop.from_body, hop.to_body, Span(ctx.doc, line, line), 0, hop.date)


# A perfect of sending ("er fremsendt til", "har sendt ... til"), unlike a
# receipt ("har modtaget en henvendelse") or an earlier treatment ("blev
# forelagt"), delivers the case to the meeting that reads it.
_SENT_MARKER = re.compile(r"\b(?:fremsendt|sendt|oversendt|videresendt)\b", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:tidligere|sidste\s+møde|forrige\s+møde|i\s+sin\s+tid)\b", re.IGNORECASE)


def _sent_for_this_meeting(hop: _Hop, sentence: str, ctx: MeetingContext) -> bool:
    """A past flow into this meeting's own body that names no other time
    ("Socialtilsyn Nord har udarbejdet et budget, som er fremsendt til KKR
    Nordjylland", in KKR Nordjylland's minutes) reached this meeting."""
    return (hop.to_body == ctx.ref.body and hop.status == HAPPENED and hop.date is None and not hop.when
            and ctx.ref.date is not None and bool(_SENT_MARKER.search(hop.marker))
            and not _EARLIER.search(sentence))


def _before_meeting(hop: _Hop, ctx: MeetingContext) -> bool:
    return (hop.date is not None and ctx.ref.date is not None and hop.date < ctx.ref.date
            and hop.from_body == ctx.ref.body)


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
        if _INFORMED.match(hop.marker) and _INFORMED.match(last.marker or "") and last.from_body:
            # "- 21. maj Regionsrådet orienteres - Ultimo maj Kommuner orienteres": being
            # informed moves the case on to no one; both hear from the same sender.
            return last.from_body, last.continues
        return last.to_body, last.position
    return hop.from_body, 0


def _add(found: list[Referral], ref: ItemRef, hop: _Hop, span: Span, continues: int,
         ctx: MeetingContext, ranks: dict[int, float]) -> Referral | None:
    """Record a hop once per (from, to, status), and once per sentence
    ("sendt til kommuner ... med henblik på godkendelse i byråd"): a repeat
    fills in what the first left open. Reported decisions on different
    dates stay apart."""
    if hop.from_body == hop.to_body:
        return None
    for index, existing in enumerate(found):
        if (existing.from_body, existing.to_body, existing.general) != (hop.from_body, hop.to_body, hop.general):
            continue
        same_line = existing.span == span
        if existing.status != hop.status and not same_line:
            continue
        if existing.target_date and hop.date and existing.target_date != hop.date and existing.status == HAPPENED:
            continue
        # A purpose the repeat states more directly wins ("udkast til afrapportering ...
        # forelæggelse for KKR", then "Rapporten skal godkendes af KKR": a decision).
        # Told on another line, it may be another step of the case: weaker
        # than a neighbouring sentence (_with_neighbour_times).
        rank = hop.purpose_rank if same_line else min(hop.purpose_rank, 0.5)
        stronger = bool(hop.purpose) and rank > ranks.get(existing.position, 2)
        if stronger:
            ranks[existing.position] = rank
        found[index] = replace(existing, target_date=existing.target_date or hop.date,
                               purpose=hop.purpose if stronger else existing.purpose or hop.purpose,
                               when=existing.when or hop.when,
                               outcome=existing.outcome or hop.outcome)
        return found[index]
    marker = " ".join(hop.marker.lower().split())
    if len(marker.split()) > 4:  # "godkendes resultatkontrakten endeligt ... i" -> "godkendes … i"
        marker = f"{marker.split()[0]} … {marker.split()[-1]}"
    previous = next((r for r in found if r.position == continues), None) if continues else None
    from_date = hop.from_date or _from_date(hop, previous, ctx)
    referral = Referral(ref, hop.from_body, hop.to_body, span, len(found) + 1, hop.date, continues, marker,
                        status=hop.status, purpose=hop.purpose, when=hop.when, from_date=from_date,
                        outcome=hop.outcome, general=hop.general)
    found.append(referral)
    ranks[referral.position] = hop.purpose_rank if hop.purpose else -1
    return referral


def _from_date(hop: _Hop, previous: Referral | None, ctx: MeetingContext) -> dt.date | None:
    """When the sender handles the case: the previous hop's receiving
    meeting in a chain, this meeting when it is the sender; never after the
    hop's own date."""
    if previous is not None:
        date = previous.target_date
    elif hop.from_body == ctx.ref.body:
        date = ctx.ref.date
    else:
        date = None
    return None if date and hop.date and date > hop.date else date


def _flow_sentences(line: Line, text: str) -> tuple[list[str], list[bool]]:
    """_SENTENCE_END.split(text) (`text`: the line's text stripped), and for
    each sentence whether it holds a flow word (_hops' first pre-check,
    which refuses every other sentence)."""
    offset = len(line.text) - len(line.text.lstrip())  # where `text` starts in the line
    sentences, starts = line_cues.split_with_starts(_SENTENCE_END, text, offset)
    return sentences, line_cues.cued_sentences(line, sentences, starts, line_cues.FLOW)


def _hops(sentence: str, ctx: MeetingContext, outside: list[Body]) -> list[_Hop]:
    folded = fold(sentence)
    found = _HOP_FINDER.found(folded)  # every pre-check's words, in one pass
    if not holds(found, _FLOW_SETS):  # most sentences name no flow
        return []
    hops: list[_Hop] = []
    # Each pattern runs only where its own words are (the words above let
    # through many sentences that only one or none of the patterns can match).
    before_target = _BEFORE_TARGET.finditer(sentence) if _may_name_target(found, folded) else ()
    for m in before_target:
        targets = _bodies_at(sentence, _target_start(sentence, m), ctx.region, outside)
        if not targets:
            continue
        marker = m.group("marker")
        status = _status(sentence[: m.start()], marker)
        agent = _body_at(m.group("agent"), 0, ctx.region, outside) if m.group("agent") else None
        subject = agent[0] if agent else (_subject_before(sentence, m.start(), ctx.region)
                                          or _genitive_before(sentence, m.start(), ctx.region)
                                          or _agent_after(sentence, targets[-1][1], ctx.region, outside))
        if subject is None and any(body.key == ctx.ref.body for body, _, _ in targets):
            # A case sent *to* this meeting comes from the body the sentence
            # names first ("DASSOS har udarbejdet et forslag, der fremsendes til KKR").
            subject = _first_body(sentence, m.start(), ctx.region, outside)
        if subject is None and status == HAPPENED and not hops:
            # A past passive whose subject names its owner: "Budget 2022 for
            # Socialtilsyn Nord blev forelagt DAS" was sent by Socialtilsyn Nord.
            owner = _first_body(sentence, m.start(), ctx.region, outside)
            subject = owner if owner is not None and all(owner.key != b.key for b, _, _ in targets) else None
        if marker.lower().startswith("godkendes af"):
            subject = None  # the agent of "godkendes af X" receives the case
        unnamed = "" if subject is not None or hops else _unnamed_subject(sentence[: m.start()], ctx.region)
        sender = subject.key if subject else ctx.ref.body
        between = sentence[hops[-1].end if hops else 0: m.end()]
        seq = _sequence(between, bool(hops)) and not _ONE_STEP.search(marker)
        parallel = bool(hops) and bool(re.search(r"\b(?:og|samt)\b", between)) and not seq
        same_sender = bool(hops) and bool(re.search(r"\bmed\s+henblik\s+på\b", between))
        general = status == PLANNED and (bool(GENERAL.search(sentence[: m.end()]))
                                         or bool(GENERAL_ADVERB.search(sentence)))
        # "til kommuner og region i perioden 1. april til 1. juli": a period
        # after a list of parallel receivers is every one's.
        shared_when = _time_after(sentence, targets[-1][1], ctx)[1] if not any(c for _, _, c in targets) else ""
        for index, (body, end, chained) in enumerate(targets):
            date, when = _time_after(sentence, end, ctx)
            when = shared_when or when
            purpose, rank = _purpose_ranked(sentence, m.start(), end, marker)
            hops.append(_Hop(m.start(), end, sender, body.key, marker, date, subject is not None,
                             seq if index == 0 else chained, group=m.start() if not chained else end,
                             parallel_before=parallel if index == 0 else not chained, status=status,
                             purpose=purpose, when=when or when_of(marker), purpose_rank=rank,
                             unnamed_subject=unnamed,
                             general=general and date is None, same_sender=same_sender))
    if holds(found, _VIA_CHAIN_SETS):
        hops.extend(_via_hops(sentence, ctx, outside))
    if holds(found, _COMMENTS_FOR_SETS):
        hops.extend(_comments_hops(sentence, ctx, outside))
    for m in _SENT_TO_LIST.finditer(sentence) if holds(found, _SENT_TO_LIST_SETS) else ():
        # "har sendt en anmodning til formændene for ... og KL": people first, then a body.
        target = _body_at(sentence, m.end(), ctx.region, outside)
        subject = _subject_before(sentence, m.start(), ctx.region) or _first_body(sentence, m.start(), ctx.region,
                                                                                  outside)
        if target is None or subject is None or any(h.to_body == target[0].key for h in hops):
            continue
        date, when = _time_after(sentence, target[1], ctx)
        hops.append(_Hop(m.start(), target[1], subject.key, target[0].key, m.group("marker"), date, True, False,
                         group=m.start(), status=_status(sentence[: m.start()], m.group("marker")),
                         purpose=_purpose(sentence, m.start(), target[1], m.group("marker")), when=when))
    presents = _PRESENTS.finditer(sentence) if any(map(sentence.__contains__, _PRESENTS_WORDS)) else ()
    for m in presents:
        # "Styregruppen fremlægger forslag ... til drøftelse": no receiver
        # named, so the case comes to the meeting that reads it.
        subject = _first_body(sentence, m.start(), ctx.region, outside)
        named = any(_body_at(sentence, m.start() + to.end(), ctx.region)
                    for to in re.finditer(r"\b(?:til|for)\s+", sentence[m.start(): m.end()]))
        if named:
            continue  # "fremsender forslaget til KKR til godkendelse": a receiver is named, not this meeting
        if subject is not None and subject.key != ctx.ref.body and not any(h.start <= m.start() < h.end for h in hops):
            hops.append(_Hop(m.start(), m.end(), subject.key, ctx.ref.body, m.group("marker"), ctx.ref.date, True,
                             False, group=m.start(), status=HAPPENED, purpose=purpose_of(m.group("purpose"))))
    for m in _RECEIVED.finditer(sentence) if holds(found, _RECEIVED_SETS) else ():
        receiver = _subject_before(sentence, m.start(), ctx.region)
        sender = _body_at(sentence, m.end(), ctx.region, outside)
        if receiver is None or sender is None or sender[0].key == receiver.key:
            continue
        hops.append(_Hop(m.start(), sender[1], sender[0].key, receiver.key, m.group("marker"), None, True, False,
                         group=m.start(), status=HAPPENED, purpose=_purpose(sentence, m.start(), sender[1], "")))
    for m in _GETS_PRESENTED.finditer(sentence) if holds(found, _GETS_PRESENTED_SETS) else ():
        receiver = _body_at(sentence, m.start("rest"), ctx.region, outside)
        if receiver and receiver[0].key != ctx.ref.body:
            date, when = _time_after(sentence, m.end(), ctx)
            date = date or _meeting_date_before(sentence, m.start(), receiver[0].key, ctx)
            status = _status(sentence[: m.start()], "")
            hops.append(_Hop(m.start(), m.end(), ctx.ref.body, receiver[0].key, "får forelagt", date, False,
                             bool(_SEQUENCE.search(sentence[: m.start()])), group=m.start(), status=status,
                             purpose=_purpose(sentence, m.start(), m.end(), "forelagt"), when=when))
    after = [(m, "") for m in _AFTER_TARGET.finditer(sentence)] if holds(found, _AFTER_TARGET_SETS) else []
    if _DATED_STEP.match(sentence):
        after += [(m, "") for m in _STEP_ACTOR.finditer(sentence)]
    for m, _ in after:
        if PAST_BEFORE.search(sentence[: m.start()]):
            continue
        step = _DATED_STEP.match(sentence)
        receivers = _bodies_before(sentence, m.start(), ctx.region) or (
            _step_subjects(sentence[step.end(): m.start()], ctx.region, outside) if step else [])
        owner_informed = any(r.key == ctx.ref.body for r in receivers)
        for receiver in receivers:
            # "KKR og KD-Net orienteres" in KD-Net's minutes: KD-Net is informed
            # too, by the step before (its own meeting is no sender of it).
            if receiver.key != ctx.ref.body or len(receivers) > 1:
                date, when = _time_after(sentence, m.end(), ctx)
                if date is None and step:
                    date, when = _date_in(sentence[:m.start()], ctx), when or when_of(step.group(0))
                hops.append(_Hop(m.start(), m.end(), ctx.ref.body, receiver.key, m.group("marker"), date, False,
                                 bool(_SEQUENCE.search(sentence[: m.start()])) or owner_informed, group=m.start(),
                                 purpose=_purpose(sentence, m.start(), m.end(), m.group("marker")), when=when,
                                 owner_informed=owner_informed))
    for m in _REPORTED.finditer(sentence) if holds(found, _REPORTED_SETS) else ():
        date = _date_in(sentence[m.end(): m.end() + 30], ctx)
        for receiver in _bodies_before(sentence, m.start(), ctx.region):
            if receiver.key != ctx.ref.body and date is not None:
                # Who sent the case there the report does not say: no
                # sender, so it is no flow of its own, but it gives a flow
                # to that meeting its outcome (kg/resolve/links.py).
                hops.append(_Hop(m.start(), m.end(), "", receiver.key, m.group("marker"), date, True,
                                 False, group=m.start(), status=HAPPENED, purpose="decision",
                                 outcome="approved"))
    return sorted(hops, key=lambda h: h.start)


def _may_name_target(found: frozenset[str], folded: str) -> bool:
    """_BEFORE_TARGET's pre-check, on the words of _HOP_FINDER the folded
    sentence holds: one of its words, and where the only ones are those
    of "indstilles til", "til orientering i" or "til drøftelse i" (no other
    marker holds them without a word of its own: "sendes til drøftelse i"
    holds "sendes"), what follows them too. Many sentences hold
    "drøftelse" or "indstilles", few these markers."""
    words = found & _BEFORE_TARGET_WORDS
    return bool(words) and (not words <= _BEFORE_TARGET_WEAK or bool(_BEFORE_TARGET_WEAK_NEXT.search(folded)))


_BEFORE_TARGET_WORDS = frozenset(_BEFORE_TARGET_CUES[0])
_BEFORE_TARGET_WEAK = frozenset({"indstilles", "orientering", "drøftelse"})
# On the folded sentence (the patterns' re.IGNORECASE matches no more than fold does).
_BEFORE_TARGET_WEAK_NEXT = re.compile(r"(?:orientering|drøftelse)\s+i\s|indstilles\s+til\s")


def _target_start(sentence: str, marker: re.Match[str]) -> int:
    """Where the receiver's name starts after a marker: "forelægges
    formandskabet for KKR" names the chairmanship, whose "for" the marker's
    optional "for" would otherwise take."""
    unit = CHAIRMANSHIP_BEFORE.search(sentence, marker.start())
    return unit.start() if unit and unit.end() == marker.end() else marker.end()


# "Derfor vil arbejdsgruppen nu udarbejde ...": a group named by its kind
# only, as the clause's subject (first, or after an adverb and the verb).
_UNNAMED_GROUP = re.compile(r"^(?:[A-ZÆØÅ][a-zæøå]*\s+(?:vil|skal|har|kan|er|bliver)\s+)?"
                            r"(?P<noun>(?:[A-ZÆØÅa-zæøå]+)?(?:gruppen|sekretariatet))\b")


def _unnamed_subject(before: str, region: str) -> str:
    """The subject of a clause when it is a group that no body of the
    reference data names ("arbejdsgruppen", "sekretariatet"), else ""."""
    m = _UNNAMED_GROUP.match(before.strip())
    if not m or known_body(m.group("noun"), region) is not None:
        return ""
    return m.group("noun")


def _status(before: str, marker: str) -> str:
    """happened for past and perfect forms ("blev forelagt", "har sendt"),
    planned for present and future ones ("sendes", "vil blive sendt")."""
    if FUTURE_BEFORE.search(before):
        return PLANNED
    return HAPPENED if PAST_BEFORE.search(before) or PAST_MARKER.search(marker) else PLANNED


def _sequence(between: str, hop_before: bool) -> bool:
    """Whether the words before a marker say the case moves on from the
    previous hop: "hvorefter", "efterfølgende" ...; "inden" ("before")
    only orders two hops of the same sentence."""
    words = {m.group(0).lower() for m in _SEQUENCE.finditer(between)}
    return bool(words - {"inden"}) or (bool(words) and hop_before)


def _genitive_before(text: str, end: int, region: str) -> Body | None:
    """The owner of a recommendation: "DASSOS's forventede anbefaling til KKR"."""
    m = re.search(r"(\S+?)(?:'s|s)\s+(?:[a-zæøå]+\s+){0,2}$", text[:end])
    if not m:
        return None
    body = known_body(m.group(1), region)
    return body if body is not None and not body.found_by_pattern else None


def _agent_after(text: str, start: int, region: str, outside: list[Body]) -> Body | None:
    """The agent of a passive named after the receiver: "fremsendt til X fra
    regionsrådsformand Y og formandskabet for KKR"."""
    m = re.match(r"^[^.]{0,40}?\bfra\s+", text[start:])
    if not m:
        return None
    rest = text[start + m.end(): start + m.end() + 90]
    return _first_body(rest, len(rest), region, outside)


def _meeting_date_before(text: str, end: int, body: str, ctx: MeetingContext) -> dt.date | None:
    """"På mødet i KKR Midtjylland den 22. november 2022 får KKR forelagt":
    the receiving meeting named earlier in the sentence."""
    for m in re.finditer(r"\bmødet\s+i\s+", text[:end]):
        hit = _body_at(text, m.end(), ctx.region)
        if hit and hit[0].key == body:
            return _date_in(text[hit[1]: hit[1] + 30], ctx)
    return None


def _via_hops(sentence: str, ctx: MeetingContext, outside: list[Body]) -> list[_Hop]:
    """"X har indstillet <sag> via KD-Net til Y": X -> KD-Net -> Y."""
    chain = _VIA_CHAIN.search(sentence)
    if not chain:
        return []
    subject = _subject_before(sentence, chain.start(), ctx.region)
    via = _body_at(sentence, chain.start("rest"), ctx.region, outside)
    if not (subject and via and sentence[via[1]:].lstrip().lower().startswith("til ")):
        return []
    after = via[1] + sentence[via[1]:].lower().index("til ") + 4
    target = _body_at(sentence, after, ctx.region, outside)
    if not target:
        return []
    status = HAPPENED if chain.group("aux") else PLANNED
    date, when = _time_after(sentence, target[1], ctx)
    return [_Hop(chain.start(), via[1], subject.key, via[0].key, "indstillet via", None, True, False,
                 group=chain.start(), status=status, purpose="recommendation"),
            _Hop(via[1], target[1], via[0].key, target[0].key, "indstillet til", date, True, True, group=via[1],
                 status=status, purpose="recommendation", when=when)]


def _comments_hops(sentence: str, ctx: MeetingContext, outside: list[Body]) -> list[_Hop]:
    """"Evt. bemærkninger fra X vil foreligge til Y-mødet": X -> Y, comments,
    planned. Comments that may or may not come ("evt.") stay planned even
    when the meeting is this one; "Y-mødet" without a date in Y's own
    minutes is this meeting."""
    hops = []
    for m in _COMMENTS_FOR.finditer(sentence):
        sender = _body_at(sentence, m.start("sender"), ctx.region, outside)
        if sender is None or sender[1] > m.start("marker"):
            continue
        named = BODY_MEETING_NAME.match(sentence, m.end())
        receiver = known_body(named.group("body"), ctx.region) if named else None
        if receiver is None or receiver.found_by_pattern:
            hit = _body_at(sentence, m.end(), ctx.region, outside)
            receiver, end = (hit[0], hit[1]) if hit else (None, m.end())
        else:
            end = named.end()
        if receiver is None or receiver.key == sender[0].key:
            continue
        date, when = _time_after(sentence, end, ctx)
        if date is None and named and receiver.key == ctx.ref.body:
            date = ctx.ref.date
        hops.append(_Hop(m.start(), end, sender[0].key, receiver.key, m.group("marker"), date, True, False,
                         group=m.start(), status=PLANNED, purpose="comments", when=when,
                         conditional=bool(CONDITIONAL_BEFORE.search(sentence[: m.start()]))))
    return hops


def _purpose(sentence: str, start: int, end: int, marker: str) -> str:
    """The purpose the marker names, else the rest of the clause, else the words before it."""
    return _purpose_ranked(sentence, start, end, marker)[0]


def _purpose_ranked(sentence: str, start: int, end: int, marker: str) -> tuple[str, int]:
    """(purpose, how directly the text states it): 2 when the marker names
    it ("godkendes af"), 1 the rest of the clause, 0 the words before the
    marker (often the object sent: "udkast til afrapportering med henblik
    på forelæggelse for KKR" names what is sent, not what KKR is to do)."""
    rest = re.split(r"[.;]|\bog\s+(?=[a-zæøå]+\s+(?:i|til)\b)", sentence[end:], maxsplit=1)[0][:80]
    for rank, text in ((2, marker), (1, rest), (0, sentence[max(0, start - 40): start])):
        purpose = purpose_of(text)
        if purpose:
            return purpose, rank
    # Else the whole clause that carries the marker, from its last comma:
    # "at tre bemærkninger fra styregruppen også bør videreformidles til KL".
    clause = re.split(r"[,;:]|\b(?:inden|hvorefter|derefter|herefter|efterfølgende)\b", sentence[:start])[-1]
    return purpose_nearest_end(clause), 0


def _time_after(text: str, start: int, ctx: MeetingContext) -> tuple[dt.date | None, str]:
    """(receiving meeting's date, time named otherwise) right after a body.
    A deadline or a period ("senest den 15. oktober", "i perioden 7.
    februar til ...") is a time, not the meeting's date."""
    window = text[start: start + 45]
    nxt = _BEFORE_TARGET.search(window)
    if nxt:
        window = window[: nxt.start()]
    when = when_of(window)
    year = ctx.ref.date.year if ctx.ref.date else None
    dates = find_dates(window, default_year=year)
    if not dates:
        return None, when
    date, position, _ = dates[0]
    if NOT_A_MEETING_DATE.search(window[:position]):
        return None, when
    if ctx.ref.date and date < ctx.ref.date and not re.search(r"\b(?:19|20)\d\d\b", window):
        date = date.replace(year=date.year + 1)
    return date, when


def _date_in(text: str, ctx: MeetingContext) -> dt.date | None:
    year = ctx.ref.date.year if ctx.ref.date else None
    dates = find_dates(text, default_year=year)
    return dates[0][0] if dates else None


def _bodies_at(text: str, start: int, region: str, outside: list[Body]) -> list[tuple[Body, int, bool]]:
    """(body, end, chained) for the body named at `start` (longest match over
    the next few words) and any bodies listed right after it: "byråd og
    regionsråd" are parallel, "KKR og derefter Erhvervshuset" a chain."""
    found: list[tuple[Body, int, bool]] = []
    position, chained = start, False
    while True:
        body_end = _body_at(text, position, region, outside)
        if body_end is None:
            break
        found.append((*body_end, chained))
        join = _LIST_JOIN.match(text[body_end[1]:])
        if not join:
            break
        chained = bool(_SEQUENCE.search(join.group(0)))
        position = body_end[1] + join.end()
    return found


_NON_SPACE = re.compile(r"\S+")


def _body_at(text: str, start: int, region: str, outside: list[Body] | None = None) -> tuple[Body, int] | None:
    """The body named at `start`: a known body (longest phrase first), the
    municipalities or the region as receivers, or a body outside the
    reference data named by its shape (recorded in `outside`); a body's
    chairmanship is a unit of that body."""
    if "formandskab" in text[start: start + 90].lower():
        unit = _chairmanship_at(text, start, region, outside)
        if unit is not None:
            return unit
    every = EVERY_REGION.match(text, start)
    if every:
        start = every.end()
    words = list(islice(_NON_SPACE.finditer(text, start), _MAX_BODY_WORDS))  # not every word of a long line
    for count in range(len(words), 0, -1):
        end = words[count - 1].end()
        phrase = text[start:end].rstrip(" ,.;:)")
        if phrase.endswith((" og", " samt", " i", " den", " d.")):
            continue
        body = known_body(phrase, region)
        if body is not None and not body.found_by_pattern:
            return body, start + len(phrase)
    council = council_receiver(text[start:], region)
    if council:
        body = known_body(council[0], region)
        if body is not None:
            return body, start + council[1]
    named = external_body(text[start:])
    if named and outside is not None:
        name, length = named
        body = known_body(name, region)
        if body is None or body.found_by_pattern:
            body = Body(key=slug(name), name=name, found_by_pattern=True, region=region)
            if all(b.key != body.key for b in outside):
                outside.append(body)
        return body, start + length
    return None


def _chairmanship_at(text: str, start: int, region: str, outside: list[Body] | None) -> tuple[Body, int] | None:
    """(the chairmanship of a body, end) for "formandskabet for X", "X's
    formandskab" or "X-formandskabet" at `start`: a unit of X (org:unitOf),
    not X itself, for any body X kg can name."""
    before = CHAIRMANSHIP_BEFORE.match(text, start)
    if before:
        owner = _body_at(text, before.end(), region, outside)
        return (_chairmanship(owner[0], outside), owner[1]) if owner else None
    after = chairmanship_owners(text[start:])
    for spelling in after[0] if after else ():
        body = known_body(spelling, region)
        if body is not None and not body.found_by_pattern:
            return _chairmanship(body, outside), start + after[1]
    return None


def _chairmanship(owner: Body, outside: list[Body] | None) -> Body:
    unit = Body(key=f"{owner.key}-formandskab", name=f"Formandskabet for {owner.name}", found_by_pattern=True,
                region=owner.region, kind_cue="formandskab", unit_of=owner.key)
    if outside is not None and all(b.key != unit.key for b in outside):
        outside.append(unit)
    return unit


# "Forslagene behandles ...": a subject in the definite form (noun + -ene,
# -erne, -en, -et) that names no body refers to something named before.
_DEFINITE_SUBJECT = re.compile(r"(?P<noun>[A-ZÆØÅ][a-zæøå]{2,}?)(?:erne|ene|ne|en|et)\b")
_MEETING_DATE = re.compile(r"\bmøde[t]?\s+(?:den\s+|d\.\s*)?(?=\d)", re.IGNORECASE)


def _referred_sender(sentence: str, previous: str, hop: _Hop, ctx: MeetingContext,
                     outside: list[Body]) -> tuple[str, dt.date | None] | None:
    """(sender, date it handles the case) when the sentence's subject refers
    back to what the previous sentence's subject, a body, works on:
    "Gruppen udarbejder et oplæg på mødet den 3. maj. Oplægget forelægges
    X" is sent by the group, from its meeting. None when the sentence names
    no such subject, the previous one names no body first, or it already
    moves the object on (a flow or a hearing)."""
    m = _DEFINITE_SUBJECT.match(sentence)
    if not m or _body_at(sentence, 0, ctx.region) is not None:
        return None
    subject = _body_at(previous, 0, ctx.region, outside)
    if subject is None or subject[0].key in (hop.to_body, ctx.ref.body):
        return None
    after = previous[subject[1]:]
    noun = m.group("noun").lower()
    stems = {noun, noun[:-1]} if noun[-1] == noun[-2] else {noun}  # "Oplægget" -> "oplæg"
    if not any(re.search(rf"\b{re.escape(stem)}", after.lower()) for stem in stems):
        return None
    if PAST_MARKER.search(after) or _BEFORE_TARGET.search(after) or re.search(r"\bhøring", after, re.IGNORECASE):
        return None  # the object has since moved on ("et forslag, der er sendt i høring"): who sends it now is open
    dated = _MEETING_DATE.search(previous)
    date = _date_in(previous[dated.end(): dated.end() + 30], ctx) if dated else None
    return subject[0].key, date if date and (hop.date is None or date <= hop.date) else None


def _first_body(text: str, end: int, region: str, outside: list[Body]) -> Body | None:
    """The first body named in `text` before `end` ("Den administrative
    styregruppe (DASSOS) har ...")."""
    for word in re.finditer(r"[\w(][^\s]*", text[:end]):
        start = word.start() + (1 if word.group(0).startswith("(") else 0)
        hit = _body_at(text[:end], start, region, outside)
        if hit:
            return hit[0]
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


def _step_subjects(subject: str, region: str, outside: list[Body]) -> list[Body]:
    """The bodies of a step's subject listed with others that are no body:
    "Kommuner og almen praksis orienteres" informs the councils (and general
    practitioners, whom kg does not name as a body)."""
    found = []
    for part in re.split(r"\s*(?:,|\bog\b|\bsamt\b)\s*", subject.strip()):
        hit = _body_at(part, 0, region, outside) if part else None
        if hit is not None and not part[hit[1]:].strip():
            found.append(hit[0])
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
    words = list(_NON_SPACE.finditer(before))
    for count in range(1, min(_MAX_BODY_WORDS, len(words)) + 1):
        start = words[-count].start()
        body = known_body(before[start:].strip(" ,"), region)
        if body is not None and not body.found_by_pattern:
            return body, start
    return None

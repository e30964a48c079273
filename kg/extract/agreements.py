"""Agreements an item handles: rammeaftale, takstaftale, styringsaftale,
resultatkontrakt, samarbejdsaftale, lærepladsaftale ... named in the item's
title, recommendation or decision (the rest of the item gives the period and
parties when those do not).

Kind words are matched with one typo allowed ("Rameaftale", "Takstafte"), as
PDF exports and hurried minutes drop letters. The status follows the item:
approved when the decision approves it and nothing sends it on for approval
elsewhere; proposed when it is recommended or sent on; in force when the text
says it has entered into force; a draft when the item has one in hand or in
the making; otherwise none (the item only discusses it). Without a period an
agreement is named by its topic ("om X", the heading's words after the kind),
which kg/resolve/agreements.py compares to join mentions across meetings.
Agreements the running text reports with their parties or with what was done
with them ("indgik A, B og C en ny lærepladsaftale") are read as well
(`running_text_agreements`; any "-aftale"/"-kontrakt" compound is a kind).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from kg.danish import line_cues, slug
from kg.danish.agreements import (
    APPROVED_VERB, DISTRIBUTIVE, DRAFTING_BEFORE, ENTERED, NAMED_COOPERATION, PERIOD_IN_SENTENCE, PERIOD_OF_IT,
    RUNNING_KIND, SENT_FOR_APPROVAL, SUBJECT_BEFORE_KIND, SUBJECT_BEFORE_VERB, TOPIC_CUE, range_period,
)
from kg.danish.flows import external_body
from kg.danish.literal import Cues, fold, present
from kg.extract.context import MeetingContext, known_body
from kg.extract.referrals import item_referrals
from kg.model import Agreement, AgreementStatus, Body, Doubt, ItemRef, Outcome, Referral, Span
from kg.read import Line
from kg.reference import bodies, municipalities
from kg.segment import ItemSegment, MeetingSegment

KINDS = ("rammeaftale", "takstaftale", "styringsaftale", "resultatkontrakt", "resultataftale",
         "samarbejdsaftale", "lærepladsaftale", "partnerskabsaftale", "udviklingsaftale", "sundhedsaftale",
         "økonomiaftale", "praktikpladsaftale")
_WORD = re.compile(r"\b[\wæøå-]*(?:aftale|afte|kontrakt)(?:n|en|r|rne)?\b", re.IGNORECASE)
# The letters every _WORD match holds, folded (kg.danish.literal): most items
# and lines name no agreement, and _WORD tries every word of them.
_WORD_CUES: Cues = (line_cues.AGREEMENT_WORDS,)  # a line's: Line.cues & line_cues.AGREEMENT
# A run of the characters of a _WORD match (the word that holds a kind's letters).
_WORD_RUN = re.compile(r"[\wæøå-]*", re.IGNORECASE)
# The next four are read where a kind word ends, with .match(text, pos): no "^",
# and no copy of the rest of the text per word (that made long items n**2, issue 11).
# "2023-2024", "for perioden 2021-22", "for Væksthus Midtjylland 2017", "med X 2017"
_PERIOD = re.compile(r"\s*(?:(?:for|med)\s+)?(?:perioden\s+)?(?:[\wæøå-]+\s+){0,4}?"
                     r"(?P<a>(?:19|20)\d\d)(?:\s*[-–/]\s*(?P<b>(?:19|20)?\d\d))?\b")
_PARTIES = re.compile(r"[^.]{0,60}?\bmellem\s+(?P<a>.+?)\s+og\s+(?P<b>.+?)(?=[.,;]|\s+(?:om|for|af|til|vedr)\b|$)")
_WITH = re.compile(r"\s*(?:for|med)\s+(?P<a>[A-ZÆØÅ][\wæøå-]*(?:\s+[A-ZÆØÅ][\wæøå-]*){0,3})")
_TOPIC = re.compile(rf"\s*(?P<cue>{TOPIC_CUE})\s+(?P<topic>[^.,;:()*\n]{{3,100}}?)(?=\s+(?:v\.|mellem)\s|[.,;:()*\n]|$)")
# An item heading's words right after the kind: "Status på samarbejdsaftale
# klinisk funktion/sundhedskoordination v. NN" (not "Rammeaftalen – ny form").
_HEADING_TOPIC = re.compile(r"[ \t]+(?!v\.|(?:og|samt|mellem|med|til|i|af|er|skal)\s)(?P<topic>[a-zæøå][^.,;:()–]{2,80}?)(?=\s+v\.\s|\s*$)")
# Kinds written two ways for one thing.
_SAME_KIND = {"resultataftale": "resultatkontrakt"}
_IN_FORCE = re.compile(r"\b(?:trådt\s+i\s+kraft|træder\s+i\s+kraft|er\s+gældende|gældende\s+aftale)\b", re.I)


def extract_agreements(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Agreement | Body | Doubt]:
    for item in segment.items:
        found = item_agreements(item, ctx)
        yield from found
        for agreement in found:
            if not agreement.parties:
                yield Doubt(ctx.doc, agreement.span.start, (
                    f"the item handles a {agreement.kind} but does not say between whom; no parties recorded"))
        running, outside, doubts = running_text_agreements(item, ctx, {a.kind for a in found})
        yield from outside
        yield from running
        yield from doubts


def item_agreements(item: ItemSegment, ctx: MeetingContext) -> list[Agreement]:
    """The agreements an item handles: one per kind, merging what its
    mentions say (period, parties, topic)."""
    ref = ItemRef(ctx.ref, item.number)
    # A decision's first paragraph says what was decided; later paragraphs of
    # untreated items often run on into quoted material.
    core = [item.title, item.agenda_title] + [s.text.split("\n")[0] if s.kind == "decision" else s.text
                                              for s in item.sections if s.kind in ("recommendation", "decision")]
    everything = " ".join([item.title, *(line.text for line in item.lines)])
    year = ctx.ref.date.year if ctx.ref.date else None
    kinds: dict[str, dict[str, str | tuple[str, ...]]] = {}
    for text in core:
        if not present(fold(text), _WORD_CUES):
            continue
        for m in _word_matches(text):
            kind = _kind(m.group(0))
            if kind is None:
                continue
            seen = kinds.setdefault(kind, {"period": "", "parties": (), "topic": ""})
            seen["period"] = seen["period"] or _period(text, m.end())
            seen["parties"] = seen["parties"] or _parties(text, ctx.region, m.end())
            seen["topic"] = seen["topic"] or _topic(text, m.end()) or (
                _heading_topic(text, m.end()) if text in (item.title, item.agenda_title) else "")
    found = []
    span = Span(ctx.doc, item.heading_start, item.last_line)
    flows = item_referrals(item, ctx) if kinds else []
    words = _kind_words(everything) if kinds else []
    status = _status(item, ctx, core, flows, _drafting(everything, words)) if kinds else None  # one item, one status
    unnamed = _period_of_it(everything)
    for kind, seen in kinds.items():
        period = _most_stated(kind, everything, str(seen["period"]), words)
        if not period and unnamed[0] == kind:
            period = unnamed[1]  # "Aftalen gælder i perioden 2023-2024", said of the kind named last before
        period = period or _period_anywhere(kind, everything, year, words)
        parties = (seen["parties"] or _parties_anywhere(kind, everything, ctx.region, words) or _approving(flows)
                   or _municipalities_and_region(everything, ctx.region))
        if len(parties) == 1 and parties[0] != ctx.ref.body and status is AgreementStatus.APPROVED:
            # "Resultatkontrakt for Væksthus Midtjylland", approved here: this body is the other party
            parties = tuple(sorted((*parties, ctx.ref.body)))
        topic = "" if period else str(seen["topic"]) or _topic_anywhere(kind, everything, words)
        scope = ctx.region or ctx.ref.body
        # Without period or topic the agreement is known only as this item's.
        key = slug(f"{kind}-{period or _topic_key(topic) or f'{ctx.ref.body}-{ctx.ref.date}-{item.number}'}-{scope}")
        name = " ".join(p for p in (kind.capitalize(), period, topic) if p)
        found.append(Agreement(key, name, kind, ref, span, period=period, parties=parties,
                               status=status, topic=topic))
    return found


# "Aftalen gælder i perioden 2023-2024": the period of the item's agreement.
_PERIOD_OF_IT = re.compile(r"\b[Aa]ftalen\s+gælder\s+(?:i\s+)?(?:perioden\s+)?(?=(?:19|20)\d\d)")


def _period_of_it(text: str) -> tuple[str, str]:
    """(kind, period) for "Aftalen gælder i perioden X": the agreement named
    last before the sentence; ("", "") when there is none."""
    m = _period_of_it_match(text)
    if not m:
        return "", ""
    kinds = [k for w in _word_matches(text[: m.start()]) for k in [_kind(w.group(0))] if k]
    return (kinds[-1], _period(text, m.end())) if kinds else ("", "")


def _period_of_it_match(text: str) -> re.Match[str] | None:
    """_PERIOD_OF_IT.search(text), tried only where its word "ftalen" is
    (as it is written): re would try the pattern at every word of the item."""
    at = text.find("ftalen", 1)
    while at != -1:
        m = _PERIOD_OF_IT.match(text, at - 1)
        if m:
            return m
        at = text.find("ftalen", at + 1)
    return None


def _word_matches(text: str) -> list[re.Match[str]]:
    """list(_WORD.finditer(text)), read only in the words that hold one of
    the kinds' letters: re would try _WORD at every word of a whole item.
    A match lies inside one run of word characters and hyphens, and what
    _WORD finds in a run does not depend on the runs around it, so the
    runs around the letters (found with `in`'s fast search) give the same
    matches. Folding that changes the text's length ("İ") falls back to re."""
    folded = fold(text)
    if len(folded) != len(text):
        return list(_WORD.finditer(text))
    hits = sorted(at for cue in _WORD_CUES[0] for at in _occurrences(folded, cue))
    found: list[re.Match[str]] = []
    backwards = ""
    end = -1
    for at in hits:
        if at < end:
            continue  # in the run read already
        backwards = backwards or text[::-1]  # the run's start, read with re from the hit backwards
        start = len(text) - _WORD_RUN.match(backwards, len(text) - at).end()
        end = _WORD_RUN.match(text, at).end()
        found.extend(_WORD.finditer(text, start, end))
    return found


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` starts in `text`, overlaps included."""
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + 1)


def _kind_words(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each word naming an agreement kind, read once per
    item rather than once per kind and question (long items, issue 11)."""
    return [(kind, m.start(), m.end()) for m in _word_matches(text) for kind in [_kind(m.group(0))] if kind]


def _most_stated(kind: str, text: str, first: str, words: list[tuple[str, int, int]]) -> str:
    """The period the item states most often for this kind, when it is stated
    more often than the first one found ("proces for rammeaftale 2020-2021"
    in a title over "Rammeaftale 2021-22" four times in the text)."""
    periods = Counter(p for k, _, end in words if k == kind for p in [_period(text, end)] if p)
    if not periods or not first:
        return first
    best, count = periods.most_common(1)[0]
    return best if count > periods.get(first, 0) + 1 else first


def _approving(flows: list[Referral]) -> tuple[str, ...]:
    """Without parties named, the councils that approve the agreement are
    its parties ("sendes til godkendelse i byråd og regionsråd"): the
    municipalities of the region and the region."""
    parties = []
    for flow in flows:
        if flow.purpose in ("decision", "comments") and flow.to_body.startswith(("kommunalbestyrelser-", "regionsraadet-")):
            party = flow.to_body.replace("regionsraadet-", "region-")
            if party not in parties:
                parties.append(party)
    return tuple(sorted(parties))


# "kommunerne og regionen", "de 19 kommuner og Region Midtjylland", "Region X
# og de midtjyske kommuner", "de 19 kommunalbestyrelser og regionsrådet": the
# two sides of the region's joint agreements, named as a pair.
_MUNICIPALITIES = r"(?:(?:de|alle)\s+(?:\d+\s+|[a-zæøå]+ske\s+)?)?(?:kommuner(?:ne)?|kommunalbestyrelser(?:ne)?|byråd(?:ene)?)"
_REGION = r"(?:regionen|region|regionsrådet|Region\s+[A-ZÆØÅ]\w+)"
# The look-ahead asks first for a letter that starts one side of the pair
# (re tries every word of the item).
# The words both sides of every _PAIR match hold, folded (kg.danish.literal).
_PAIR_CUES: Cues = (("region",), ("kommun", "byråd"))
_PAIR = re.compile(rf"\b(?=[abdkr])(?:{_MUNICIPALITIES}(?:\s+i\s+regionen)?\s+(?:og|samt)\s+{_REGION}"
                   rf"|{_REGION}\s+(?:og|samt)\s+{_MUNICIPALITIES})\b", re.IGNORECASE)


def _municipalities_and_region(text: str, region: str) -> tuple[str, ...]:
    """Without parties named at the agreement, an item that speaks of the
    region's municipalities and the region as a pair ("kommuner og region i
    fællesskab") handles an agreement between them."""
    if not region or not present(fold(text), _PAIR_CUES) or not _PAIR.search(text):
        return ()  # (the words first: _PAIR tries every word of a whole item)
    return tuple(sorted((f"kommunalbestyrelser-{region}", f"region-{region}")))


def _topic(text: str, pos: int = 0) -> str:
    """What an agreement without a period is about, with its cue: "for IV i
    nærområdet", read from `pos` on, also past the parties ("mellem X og Y om
    Z")."""
    if _PERIOD.match(text, pos):
        return ""
    m = _TOPIC.match(text, pos)
    if not m:
        parties = _PARTIES.match(text, pos)
        m = _TOPIC.match(text, parties.end()) if parties else None
    return f"{m.group('cue')} {m.group('topic').strip()}" if m else ""


def _heading_topic(title: str, pos: int) -> str:
    """The words after the kind in an item heading ("Status på
    samarbejdsaftale klinisk funktion/sundhedskoordination")."""
    if _PERIOD.match(title, pos):
        return ""
    m = _HEADING_TOPIC.match(title, pos)
    return m.group("topic").strip() if m else ""


def _topic_anywhere(kind: str, text: str, words: list[tuple[str, int, int]]) -> str:
    """The first topic the item gives this kind anywhere."""
    return next((t for k, _, end in words if k == kind for t in [_topic(text, end)] if t), "")


def _topic_key(topic: str) -> str:
    """The topic without its cue, for the key."""
    return re.sub(rf"^{TOPIC_CUE}\s+", "", topic)


def _kind(word: str) -> str | None:
    """The agreement kind a word names, allowing one typo; None otherwise."""
    kind = _kind_as_written(word)
    return _SAME_KIND.get(kind, kind) if kind else None


def _kind_as_written(word: str) -> str | None:
    word = word.lower()
    for ending in ("erne", "en", "n", "r"):
        if word.endswith(ending) and word[: -len(ending)] in KINDS:
            return word[: -len(ending)]
    if word in KINDS:
        return word
    for kind in KINDS:
        if abs(len(kind) - len(word)) <= 2 and _close(kind, word):
            return kind
    return None


def _close(a: str, b: str) -> bool:
    """Within two deletions of each other ("takstaftale"/"takstafte"), or one substitution."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    i = 0
    for char in a:
        if i < len(b) and b[i] == char:
            i += 1
    return i == len(b) and len(a) - len(b) <= 2 and a[:3] == b[:3]


def _period(text: str, pos: int = 0) -> str:
    """The period stated from `pos` on: "2023-2024", "for perioden 2021-22"."""
    m = _PERIOD.match(text, pos)
    return range_period(m.group("a"), m.group("b")) if m else ""


# "I den netop vedtagne [Rammeaftale 2017]", "den gældende takstaftale": an
# earlier agreement the item cites, not the one it handles.
_CITED = re.compile(r"\b(?:netop\s+)?(?:vedtagne|gældende|nuværende|tidligere|sidste|forrige|hidtidige)\s+\[?$",
                    re.IGNORECASE)


def _period_anywhere(kind: str, text: str, year: int | None, words: list[tuple[str, int, int]]) -> str:
    """The period the item gives this kind elsewhere, when it gives only one
    that has not already ended by the meeting's year (an item on the new
    takstaftale also mentions the one that expired)."""
    periods = {_period(text, end) for k, start, end in words
               if k == kind and not _CITED.search(text[max(0, start - 40): start])}
    periods = {p for p in periods if p and (year is None or int(p[-4:]) >= year)}
    return periods.pop() if len(periods) == 1 else ""


def _parties(text: str, region: str, pos: int = 0) -> tuple[str, ...]:
    """The parties named from `pos` on: "mellem X og Y", "med X"."""
    m = _PARTIES.match(text, pos) or _WITH.match(text, pos)
    if not m:
        return ()
    found = []
    for phrase in m.groups():
        if phrase is None:
            continue
        body = bodies().resolve_in_region(phrase.strip(), region)
        municipality = municipalities().lookup(phrase)
        if body and not body.found_by_pattern:
            found.append(body.key)
        elif municipality:
            found.append(f"municipality-{municipality.code}")
        elif re.search(r"\bkommuner\b", phrase) and region:
            found.append(f"kommunalbestyrelser-{region}")
    return tuple(found)


def _parties_anywhere(kind: str, text: str, region: str, words: list[tuple[str, int, int]]) -> tuple[str, ...]:
    for k, _, end in words:
        if k == kind:
            parties = _parties(text, region, end)
            if parties:
                return parties
    return ()


# Flows that ask the receiver only to take note, comment, discuss or report
# back leave the decision here; any other planned flow sends it on.
_NOT_FOR_DECISION = ("information", "comments", "discussion", "report")


def _drafting(text: str, words: list[tuple[str, int, int]]) -> bool:
    """Whether the item calls an agreement it names a draft or one being
    written ("udkast til revideret samarbejdsaftale")."""
    return any(DRAFTING_BEFORE.search(text[max(0, start - 80): start]) for _, start, _ in words)


def _status(item: ItemSegment, ctx: MeetingContext, core: list[str], flows: list[Referral],
            drafting: bool) -> AgreementStatus | None:
    """Approved when this body approves it and it goes no further; proposed
    when it is sent on for approval, or recommended for approval; in force
    when the text says so; a draft when the item has one in hand or in the
    making; else None: the item only discusses or mentions the agreement
    ("Rammeaftalen - ny form og indhold", drøftet), which decides nothing
    about it."""
    outcome = ctx.outcome(item)
    if any(not r.from_body and r.outcome == "approved" for r in flows):
        return AgreementStatus.APPROVED  # a later item reports the approval ("KKR godkendte den ...")
    sent_on = any(r.status == "planned" and r.from_body and not r.general and r.purpose not in _NOT_FOR_DECISION
                  for r in flows)
    reporting = bool(re.match(r"^(?:Orientering|Proces)\b", item.title, re.I))
    if outcome is Outcome.APPROVED and not sent_on:
        return AgreementStatus.APPROVED
    if re.match(r"^Status\s+på\b", item.title, re.I):
        return AgreementStatus.IN_FORCE  # a status report on an agreement that runs
    if any(_IN_FORCE.search(text) for text in core) and not sent_on:
        return AgreementStatus.IN_FORCE
    if reporting:
        return AgreementStatus.DRAFT if drafting else None
    if sent_on or outcome is Outcome.APPROVED:
        return AgreementStatus.PROPOSED
    recommendation = item.section("recommendation")
    if recommendation and re.search(r"\bgodkend|\bindstiller\s+til", recommendation.text, re.I) and \
            not re.search(r"\budkast", " ".join(core), re.I):
        return AgreementStatus.PROPOSED
    return AgreementStatus.DRAFT if drafting else None


def running_text_agreements(item: ItemSegment, ctx: MeetingContext,
                            handled: set[str]) -> tuple[list[Agreement], list[Body], list[Doubt]]:
    """Agreements the item's running text reports, other than the kinds the
    item handles (`handled`): "Den 1. maj indgik A, B og C en ny
    lærepladsaftale", "en samarbejdsaftale mellem de 19 kommuner og Region X
    er indgået", "udkast til Rammeaftalen 2025-26, som er sendt til ...
    godkendelse". Precision first: a mention is kept only when the text names
    all its parties (two or more), or says what was done with it (entered,
    approved, sent for approval) and its period; one per kind and item.
    Returns the agreements, the bodies outside the reference data they name,
    and doubts about mentions that name no particular agreement."""
    ref = ItemRef(ctx.ref, item.number)
    if all(line.cues.isdisjoint(line_cues.AGREEMENT) for line in item.lines):
        return [], [], []  # no line names an agreement (most items)
    everything = " ".join([item.title, *(line.text for line in item.lines)])
    # Read from the whole item once, and only if needed (long items stay linear, issue 11).
    periods_of_it = functools.cache(lambda: _periods_of_it(everything))
    cooperation = functools.cache(lambda: _cooperation(everything))
    found: dict[str, Agreement] = {}
    outside: list[Body] = []
    doubts: list[Doubt] = []
    for line in item.lines:
        if line.cues.isdisjoint(line_cues.AGREEMENT) or _BULLET.match(line.text):
            continue  # lists of coming items ("- Godkendelse af resultatkontrakt ...") report no agreement
        for sentence, worded in _worded_sentences(line):
            for kind, head, tail in _kind_clauses(sentence) if worded else ():
                if kind in handled or kind in found:
                    continue
                parties = _listed_parties(head, tail, ctx.region, outside)
                status = _verb_status(head[-80:], tail)
                if not parties and status is AgreementStatus.PROPOSED:
                    # "sendt til kommuner og region med henblik på godkendelse": those approving are its parties
                    parties = list(_municipalities_and_region(tail, ctx.region))
                period = _period(tail) or _period_in(tail)
                if not period and (len(parties) >= 2 or status is not None):
                    period = periods_of_it().get(kind, "")
                if not (len(parties) >= 2 or (status is not None and period)):
                    continue
                topic = "" if period or kind != "samarbejdsaftale" else cooperation()
                if not (period or topic):
                    # Which one of its kind it is, the text does not say (a list of coming items
                    # names "resultatkontrakt mellem A og B"): no node of its own.
                    doubts.append(Doubt(ctx.doc, line.number, (
                        f"a {kind} named in running text without period or topic; not recorded")))
                    continue
                national = parties and not any(_regional(p, ctx.region) for p in parties)
                scope = "national" if national else ctx.region or ctx.ref.body
                key = slug(f"{kind}-{period or _topic_key(topic) or f'{ctx.ref.body}-{ctx.ref.date}-{item.number}'}"
                           f"-{scope}")
                name = " ".join(p for p in (kind.capitalize(), period, topic) if p)
                found[kind] = Agreement(key, name, kind, ref, Span(ctx.doc, line.number, line.number),
                                        period=period, parties=tuple(sorted(parties)), status=status, topic=topic)
    return list(found.values()), outside, doubts


_BULLET = re.compile(r"^\s*[-•*]\s")


# Where a line's sentences end for the agreements (a full stop after a letter, a digit or a bracket).
_SENTENCE_END = re.compile(r"(?<=[a-zæøå0-9)]\.)\s+(?=[A-ZÆØÅ])")


def _worded_sentences(line: Line) -> list[tuple[str, bool]]:
    """Each of _SENTENCE_END.split(line.text), and whether it holds an agreement word
    (_kind_clauses' pre-check, which finds no clause in any other)."""
    sentences, starts = line_cues.split_with_starts(_SENTENCE_END, line.text)
    return list(zip(sentences, line_cues.cued_sentences(line, sentences, starts, line_cues.AGREEMENT)))


def _kind_clauses(sentence: str) -> list[tuple[str, str, str]]:
    """(kind, text before, text after) of each singular agreement word in a
    sentence, the text around it reaching only to the neighbouring agreement
    words (what is said there is said of this one). Kinds are open-world; a
    known kind misspelt ("Styringsafte") counts only when a period follows."""
    if not present(fold(sentence), _WORD_CUES):
        return []  # a sentence of a line that names an agreement elsewhere: _WORD tries every word
    words = []
    for m in _WORD.finditer(sentence):
        open_world = RUNNING_KIND.fullmatch(m.group(0))  # singular only: no plural ending fits it
        if open_world:
            kind = open_world.group("kind").lower()
            words.append((_SAME_KIND.get(kind, kind), m.start(), m.end()))
        elif (typo := _kind(m.group(0))) and _period(sentence, m.end()):
            words.append((typo, m.start(), m.end()))
    clauses = []
    for n, (kind, start, end) in enumerate(words):
        before = words[n - 1][2] if n else 0
        after = words[n + 1][1] if n + 1 < len(words) else len(sentence)
        clauses.append((kind, sentence[before:start], sentence[end:after]))
    return clauses


def _verb_status(head: str, tail: str) -> AgreementStatus | None:
    """What the clause's verb says: entered into (in force), approved, sent
    on for approval (proposed); None for any other verb."""
    if SENT_FOR_APPROVAL.search(tail):
        return AgreementStatus.PROPOSED
    if ENTERED.search(head) or ENTERED.search(tail):
        return AgreementStatus.IN_FORCE
    if APPROVED_VERB.search(tail):
        return AgreementStatus.APPROVED
    return None


def _period_in(tail: str) -> str:
    """A range stated later in the clause ("for perioden 2021-2023")."""
    m = PERIOD_IN_SENTENCE.search(tail)
    if not m:
        return ""
    return range_period(m.group("a"), m.group("b")) if m.group("a") else \
        m.group("c") if m.group("c") else range_period(m.group("d"), m.group("e"))


def _periods_of_it(text: str) -> dict[str, str]:
    """kind -> the period "Aftalen indgås for en femårig periode fra X til og
    med Y" gives the agreement named last before it (the first such sentence
    per kind), read in one pass over the item."""
    periods: dict[str, str] = {}
    last = ""
    position = 0
    for m in PERIOD_OF_IT.finditer(text):
        for word in RUNNING_KIND.finditer(text, position, m.start()):
            kind = word.group("kind").lower()
            last = _SAME_KIND.get(kind, kind)  # as _kind_clauses names it
        position = m.start()
        if last and last not in periods:
            periods[last] = _period_in(text[m.end(): m.end() + 40]) if PERIOD_IN_SENTENCE.match(text, m.end()) \
                else _period(text, m.end())
    return periods


def _listed_parties(head: str, tail: str, region: str, outside: list[Body]) -> list[str]:
    """The parties the clause names, all of them or none: "mellem A og B"
    after the agreement word, or the subject of "indgik" / "har indgået"
    before it."""
    m = _PARTIES.match(tail)
    if m:
        phrases = [m.group("a"), m.group("b")]
    else:
        head = head[-200:]  # a list of parties is short; a long head is not searched from every position
        subject = SUBJECT_BEFORE_KIND.search(head) or ("indgået" in head and SUBJECT_BEFORE_VERB.search(head))
        if not subject:
            return []
        phrases = re.split(r",\s*|\s+og\s+", subject.group("list"))
    keys = [_party(p.strip(), region, outside) for p in phrases]
    return keys if all(keys) and len(set(keys)) == len(keys) else []


def _party(phrase: str, region: str, outside: list[Body]) -> str:
    """The key of the one party a phrase names: a known body, a municipality,
    the region's municipalities, a ministry or agency, the government or an
    organisation named by its acronym; "" when unsure."""
    if not phrase or DISTRIBUTIVE.search(phrase):
        return ""
    body = known_body(phrase, region)
    if body is not None and not body.found_by_pattern:
        return body.key
    municipality = municipalities().lookup(phrase)
    if municipality:
        return f"municipality-{municipality.code}"
    if region and re.fullmatch(r"(?:de|alle)\s+(?:\d+\s+|[a-zæøå]+ske\s+)?kommuner(?:ne)?", phrase, re.I):
        return f"kommunalbestyrelser-{region}"
    named = external_body(phrase)
    name = named[0] if named and named[1] == len(phrase) else \
        "Regeringen" if phrase.lower() == "regeringen" else phrase if re.fullmatch(r"[A-ZÆØÅ]{2,6}", phrase) else ""
    if not name:
        return ""
    if all(b.key != slug(name) for b in outside):
        outside.append(Body(key=slug(name), name=name, found_by_pattern=True))
    return slug(name)


def _regional(party: str, region: str) -> bool:
    """Whether a party is of the meeting's region (its key ends in it) or a municipality."""
    return party.startswith("municipality-") or bool(region) and party.endswith(f"-{region}")


def _cooperation(text: str) -> str:
    """The topic a samarbejdsaftale takes when the item is about one named
    cooperation ("samarbejdet om DK2020"); "" when it names none or several."""
    names = {m.group("a") or m.group("b") for m in NAMED_COOPERATION.finditer(text)}
    return f"om {names.pop()}" if len(names) == 1 else ""

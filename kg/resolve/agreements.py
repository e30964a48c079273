"""One agreement across documents and meetings.

Each item names its agreement by kind and period ("Rammeaftale 2023-2024"),
or by kind and topic when no period is given ("samarbejdsaftale om
rådgivning ... fra sundhedskoordinator og Klinisk Funktion" in one meeting,
"samarbejdsaftale klinisk funktion/sundhedskoordination" in a later one).
Mentions with the same key are one agreement already; two mentions of one
kind without a period are one agreement when their topics share distinctive
content words. A mention with neither period nor topic could be any of its
kind: it is kept apart, with a doubt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kg.danish.agreements import same_stem, topic_stems
from kg.model import Agreement, Doubt

# Distinctive words two topics must share to name one agreement (or all the
# words of a topic that has fewer).
SHARED_WORDS = 2


def join_agreements(agreements: list[Agreement]) -> tuple[list[Agreement], list[Doubt]]:
    """The mentions rewritten so that mentions of one agreement carry one key,
    name, period and party list (the name of the latest mention that decides
    something about it, the parties of all), and the doubts about mentions
    that could be one agreement or two."""
    keys = sorted({a.key for a in agreements})
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    by_key = {k: [a for a in agreements if a.key == k] for k in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if _same_topic(by_key[a][0], by_key[b][0]):
                parent[root(b)] = root(a)
    groups: dict[str, list[Agreement]] = {}
    for a in agreements:
        groups.setdefault(root(a.key), []).append(a)
    joined = {id(a): one for group in groups.values() for one in [_one(group)] for a in group}
    return [joined[id(a)](a) for a in agreements], _doubts(list(groups.values()))


def _same_topic(a: Agreement, b: Agreement) -> bool:
    if a.kind != b.kind or a.period or b.period or not a.topic or not b.topic:
        return False
    if _regions(a) and _regions(b) and not _regions(a) & _regions(b):
        return False  # another region's agreement
    ta, tb = topic_stems(a.topic), topic_stems(b.topic)
    shared = sum(any(same_stem(x, y) for y in tb) for x in ta)
    return shared >= min(SHARED_WORDS, len(ta), len(tb)) > 0


def _regions(a: Agreement) -> set[str]:
    """The regions its parties' keys end in ("kkr-midtjylland", "region-midtjylland")."""
    return {p.rsplit("-", 1)[1] for p in a.parties if not p.startswith("municipality-") and "-" in p}


def _when(a: Agreement) -> tuple:
    return a.item.meeting.date or dt.date.min, a.span.doc, a.span.start


def _one(group: list[Agreement]):
    """How each mention of one agreement is rewritten."""
    ordered = sorted(group, key=_when)
    decided = [a for a in ordered if a.status is not None] or ordered
    named = decided[-1]
    period = next((a.period for a in ordered if a.period), "")
    parties = tuple(sorted({p for a in group for p in a.parties}))
    return lambda a: dataclasses.replace(a, key=named.key, name=named.name, period=period, parties=parties)


def _doubts(groups: list[list[Agreement]]) -> list[Doubt]:
    """A mention with neither period nor topic, where another agreement of
    its kind is known: one agreement or two, the text does not say."""
    found = []
    for group in groups:
        for a in group:
            if a.period or a.topic:
                continue
            others = sorted({o.name for g in groups if g is not group for o in g
                             if o.kind == a.kind and (not _regions(a) or not _regions(o) or _regions(a) & _regions(o))})
            if others:
                found.append(Doubt(a.span.doc, a.span.start, (
                    f"a {a.kind} named without period or topic: it may be {', '.join(others)} or another one; "
                    "kept apart")))
    return found

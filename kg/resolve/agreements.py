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

    for key_a, key_b in _same_topics(agreements):
        parent[root(key_b)] = root(key_a)
    groups: dict[str, list[Agreement]] = {}
    for a in agreements:
        groups.setdefault(root(a.key), []).append(a)
    joined = {id(a): one for group in groups.values() for one in [_one(group)] for a in group}
    return [joined[id(a)](a) for a in agreements], _doubts(list(groups.values()))


def _same_topics(agreements: list[Agreement]) -> list[tuple[str, str]]:
    """The pairs of keys of mentions named by topics of one agreement. Only
    mentions sharing a word (or a word one letter apart) are compared, as
    many documents hold many agreements (issue 12)."""
    named: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {}
    for a in agreements:
        if a.topic and not a.period and a.key not in named:
            named[a.key] = (a.kind, topic_stems(a.topic), frozenset(_regions(a)))
    index: dict[tuple[str, str], set[str]] = {}
    for key, (kind, stems, _) in named.items():
        for stem in stems:
            for variant in _variants(stem):
                index.setdefault((kind, variant), set()).add(key)
    pairs = []
    for key, (kind, stems, _) in sorted(named.items()):
        near = {other for stem in stems for variant in _variants(stem) for other in index[(kind, variant)]}
        pairs += [(key, other) for other in sorted(near) if other > key and _same_topic(named[key], named[other])]
    return pairs


def _variants(stem: str) -> set[str]:
    """The stem and, when long, the stem with one letter left out: two stems
    one letter apart share one of these."""
    if len(stem) < 8:
        return {stem}
    return {stem} | {stem[:i] + stem[i + 1:] for i in range(len(stem))}


def _same_topic(a: tuple[str, frozenset[str], frozenset[str]], b: tuple[str, frozenset[str], frozenset[str]]) -> bool:
    """(kind, topic stems, regions) of two mentions: one agreement?"""
    (_, ta, ra), (_, tb, rb) = a, b
    if ra and rb and not ra & rb:
        return False  # another region's agreement
    shared = sum(x in tb or any(same_stem(x, y) for y in tb) for x in ta)
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
    # Each agreement once per kind: its name and regions (read once, not per mention).
    known: dict[str, list[tuple[int, str, frozenset[str]]]] = {}
    for n, group in enumerate(groups):
        seen = {(a.name, frozenset(_regions(a))) for a in group}
        known.setdefault(group[0].kind, []).extend((n, name, regions) for name, regions in sorted(seen))
    # The candidates of a kind and regions are the same for every mention
    # that has them: computed once (a corpus has many such mentions).
    candidates: dict[tuple[str, frozenset[str]], tuple[list[tuple[str, frozenset[int]]], dict[int, int]]] = {}
    found = []
    for n, group in enumerate(groups):
        for a in group:
            if a.period or a.topic:
                continue
            mine = frozenset(_regions(a))
            if (a.kind, mine) not in candidates:
                candidates[a.kind, mine] = _candidates(known[a.kind], mine)
            names, only = candidates[a.kind, mine]
            # Every candidate but those named only by this mention's own agreement.
            first = [name for name, owners in _first(names, n, 3)]
            count = len(names) - only.get(n, 0)
            if count:
                named = ", ".join(first) + (f" (and {count - 3} more)" if count > 3 else "")
                found.append(Doubt(a.span.doc, a.span.start, (
                    f"a {a.kind} named without period or topic: it may be {named} or another one; kept apart")))
    return found


def _candidates(known: list[tuple[int, str, frozenset[str]]],
                mine: frozenset[str]) -> tuple[list[tuple[str, frozenset[int]]], dict[int, int]]:
    """The names of a kind that a mention with regions `mine` may be, sorted,
    each with the agreements (group numbers) of that name; and, per group,
    how many of the names only it has."""
    owners: dict[str, set[int]] = {}
    for m, name, regions in known:
        if not mine or not regions or mine & regions:
            owners.setdefault(name, set()).add(m)
    only: dict[int, int] = {}
    for groups in owners.values():
        if len(groups) == 1:
            (m,) = groups
            only[m] = only.get(m, 0) + 1
    return [(name, frozenset(owners[name])) for name in sorted(owners)], only


def _first(names: list[tuple[str, frozenset[int]]], n: int, count: int) -> list[tuple[str, frozenset[int]]]:
    """The first `count` names that an agreement other than group `n` has."""
    out = []
    for name, groups in names:
        if groups != {n}:
            out.append((name, groups))
            if len(out) == count:
                break
    return out

"""Evaluation against gold annotations (see tests/gold/README.md): precision,
recall and F1 per fact type, comparing canonical person names, so that
identity resolution is evaluated too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.resolve import case_links
from kg.resolve import derive_memberships, sightings
from kg.model import AttendanceStatus, Extraction, Role
from kg.reference import municipalities
from kg.resolve import Resolution, normalize_name, resolve_people

FACT_TYPES = ("attendance", "substitutes", "appointments", "chair_roles", "outcomes", "flows", "chain_steps",
              "next_outcomes", "agreements", "agreement_parties", "membership_starts", "membership_ends")
# How the table names fact types whose key does not say it.
LABELS = {"membership_starts": "membership start basis", "membership_ends": "membership end basis"}
# Fact types about flows, compared only on the items a gold file's
# `flow_scope` lists (all items when it has none).
_SCOPED = {"flows", "chain_steps", "next_outcomes"}
CHAIR_ROLES = {Role.CHAIR, Role.VICE_CHAIR, Role.CO_CHAIR, Role.CHAIRMANSHIP}
# Fact types whose values include people's names (compared case-folded).
_NAMED = {"attendance", "substitutes", "appointments", "chair_roles", "membership_starts", "membership_ends"}


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates for one fact type; `missed` and `spurious` list the
    facts behind false negatives and false positives."""

    fact_type: str
    true_positives: int
    false_positives: int
    false_negatives: int
    missed: tuple[tuple, ...] = ()
    spurious: tuple[tuple, ...] = ()

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(folder: Path) -> dict[str, dict]:
    """Gold annotations by document name, from the JSON files in `folder`."""
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise KgError(f"no gold files (*.json) in {folder}")
    gold = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            gold[data["document"]] = data
        except (OSError, ValueError, KeyError) as exc:
            raise KgError(f"{path}: not a gold annotation file ({exc})") from exc
    return gold


def evaluate(gold: dict[str, dict], extractions: list[Extraction]) -> list[Score]:
    """Scores per fact type over the documents that have gold annotations."""
    people = resolve_people(sightings(extractions))
    by_doc = {ex.document.name: ex for ex in extractions}
    missing = sorted(set(gold) - set(by_doc))
    if missing:
        raise KgError(f"the store lacks documents that have gold annotations: {', '.join(missing)}; "
                      "build them first")
    expected: dict[str, set[tuple]] = {t: set() for t in FACT_TYPES}
    found: dict[str, set[tuple]] = {t: set() for t in FACT_TYPES}
    next_outcomes = _next_outcomes(extractions)
    for name, annotation in gold.items():
        scope = {tuple(row) for row in annotation.get("flow_scope", [])}
        facts = system_facts(by_doc[name], people)
        facts["next_outcomes"] = next_outcomes.get(name, set())
        for fact_type in FACT_TYPES:
            rows = {(name, *(_fold(v) if fact_type in _NAMED else v for v in row))
                    for row in annotation.get(fact_type, [])}
            mine = {(name, *row) for row in facts[fact_type]}
            if scope and fact_type in _SCOPED:
                mine = {row for row in mine if (row[1], row[2]) in scope}
            expected[fact_type] |= rows
            found[fact_type] |= mine
    return [Score(t, len(expected[t] & found[t]), len(found[t] - expected[t]), len(expected[t] - found[t]),
                  tuple(sorted(expected[t] - found[t])), tuple(sorted(found[t] - expected[t])))
            for t in FACT_TYPES]


def _next_outcomes(extractions: list[Extraction]) -> dict[str, set[tuple]]:
    """(meeting date, item, receiver, outcome at the receiver) per document,
    for the flows kg links to the receiving meeting or a later report."""
    found: dict[str, set[tuple]] = {}
    for link in case_links(extractions):
        if link.outcome:
            r = link.referral
            date = r.item.meeting.date.isoformat() if r.item.meeting.date else ""
            found.setdefault(r.span.doc, set()).add((date, r.item.number, r.to_body, link.outcome))
    return found


def system_facts(ex: Extraction, people: Resolution) -> dict[str, set[tuple]]:
    """kg's facts of one document as gold-shaped tuples, canonical names."""
    def canon(name: str) -> str:
        person = people.person(name)
        return _fold(person.name if person else name)

    facts: dict[str, set[tuple]] = {t: set() for t in FACT_TYPES}
    for a in ex.attendance:
        date = a.meeting.date.isoformat() if a.meeting.date else ""
        if a.status is AttendanceStatus.PRESENT and a.substitute_for:
            continue  # the gold records a substitute once, as a substitute
        facts["attendance"].add((date, canon(a.name), a.status.value))
        if a.status is AttendanceStatus.SUBSTITUTE:
            facts["substitutes"].add((date, canon(a.name), canon(a.substitute_for)))
    for ap in ex.appointments:
        if ap.appointee_is_municipality:
            found = municipalities().by_code(ap.appointee)
            who = _fold(found.name if found else ap.appointee)
        else:
            who = canon(ap.appointee)
        target = ap.body or (ap.role.value if ap.role is Role.ANCHOR else ap.target)
        facts["appointments"].add((who, target, ap.status.value))
    for r in ex.roles:
        # Leaving a chair ("A's pensionering ... næstformandens opgaver") states it was held.
        if r.role in CHAIR_ROLES:
            facts["chair_roles"].add((canon(r.name), r.body, r.role.value))
    for item in ex.items:
        if item.decision and item.ref.meeting.date:
            facts["outcomes"].add((item.ref.meeting.date.isoformat(), item.ref.number, item.outcome.value))
    for referral in ex.referrals:
        if not referral.from_body or referral.general:
            continue  # reported decisions and general descriptions are not flows of the case
        date = referral.item.meeting.date.isoformat() if referral.item.meeting.date else ""
        hop = (date, referral.item.number, referral.from_body, referral.to_body)
        facts["flows"].add((*hop, referral.status))
        facts["chain_steps"].add((*hop, referral.target_date.isoformat() if referral.target_date else ""))
    # Terms of office as this document alone gives them: the start basis where
    # the text gives one (what kg only saw is no start), and the end basis.
    names = {p.key: p.name for p in people.people}
    for m in derive_memberships([ex], people):
        person = names.get(m.person, m.person)
        if m.start_basis:
            start = m.start.isoformat() if m.start else (f"{m.start_year:04d}" if m.start_year else "")
            facts["membership_starts"].add((_fold(person), m.body, m.role.value, m.start_basis, start))
        if m.end_basis:
            facts["membership_ends"].add((_fold(person), m.body, m.role.value, m.end_basis))
    for agreement in ex.agreements:
        facts["agreements"].add((agreement.kind, agreement.period, agreement.status.value if agreement.status else ""))
        facts["agreement_parties"].add((agreement.kind, agreement.period, "; ".join(sorted(agreement.parties))))
    return facts


def _fold(value: str) -> str:
    return normalize_name(value).casefold()


def table(scores: list[Score]) -> str:
    """Scores as a Markdown table."""
    lines = ["| fact type | gold | found | correct | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for s in scores:
        lines.append(f"| {LABELS.get(s.fact_type, s.fact_type)} | {s.true_positives + s.false_negatives} | "
                     f"{s.true_positives + s.false_positives} | {s.true_positives} | {s.precision:.3f} | "
                     f"{s.recall:.3f} | {s.f1:.3f} |")
    return "\n".join(lines) + "\n"

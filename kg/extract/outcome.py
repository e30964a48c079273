"""The outcome of an item, read from its decision text.

Rules look for the verbs Danish minutes use. "Ikke behandlet" (not treated)
overrides everything; next, the class the recommendation asked for wins when
the decision text confirms it ("Det indstilles, at KD-Net drøfter sagen" and
"... drøftelsen tages op senere" is discussed, even if the text also says
something "er godkendt"); otherwise the earliest cue wins.
"""

from __future__ import annotations

import re

from kg.model import Outcome
from kg.segment import ItemSegment

_NOT_TREATED = re.compile(r"\bikke\s+behandlet\b|\bpunktet\s+(?:blev\s+)?(?:udsat|udgik|trukket)\b|\budsat\s+til\b"
                          r"|\bblev\s+ikke\s+(?:behandlet|drøftet)\b", re.I)
# Cues in a decision text: what was done (past or perfect forms; "skal
# godkendes i byrådene" looks ahead and approves nothing here).
_CUES: tuple[tuple[Outcome, re.Pattern[str]], ...] = (
    (Outcome.APPROVED, re.compile(r"\bgodkend(?:t|te)\b|\btiltr(?:å|aa)dt\b|\btiltrådte\b|\bvedtog\b|\bvedtaget\b"
                                  r"|\bbevilgede\b|\bbevilget\b|\bindstillingen\s+blev\s+fulgt\b|^\s*godkendt", re.I)),
    (Outcome.NOTED, re.compile(r"\btil\s+efterretning\b|\borienter\w*|\bstatus\b|\binformer\w*", re.I)),
    (Outcome.DISCUSSED, re.compile(r"\bdrøft(?:et|ede|elsen|elser|else)\b|\bopbakning\b", re.I)),
    (Outcome.SENT_ON, re.compile(r"\bindstiller\s+til\b|\bvideresend\w*|\boversend\w*", re.I)),
)
# Cues in a recommendation: what the body is asked to do.
_ASKS: tuple[tuple[Outcome, re.Pattern[str]], ...] = (
    (Outcome.APPROVED, re.compile(r"\bgodkend\w*|\btiltræde\w*|\bbevilge\w*", re.I)),
    (Outcome.NOTED, re.compile(r"\btil\s+efterretning\b|\borienteres\b", re.I)),
    (Outcome.DISCUSSED, re.compile(r"\bdrøft\w*", re.I)),
    (Outcome.SENT_ON, re.compile(r"\bindstiller\s+til\b", re.I)),
)
# Any other business: what is said there is information.
_OTHER_BUSINESS = re.compile(r"^\s*(?:eventuelt|evt\.|diverse|meddelelser)\b", re.I)


def outcome_of(item: ItemSegment) -> Outcome:
    """The outcome of an item segment: its decision read against its
    recommendation and title. Every extractor that needs it calls this."""
    decision = item.section("decision")
    recommendation = item.section("recommendation")
    return classify_outcome(decision.text if decision else "", recommendation.text if recommendation else "",
                            item.title)


def classify_outcome(decision: str, recommendation: str = "", title: str = "") -> Outcome:
    """Outcome class of a decision text; NONE when there is no decision text
    (an agenda, or minutes that leave the item blank)."""
    if not decision.strip():
        return Outcome.NONE
    if _NOT_TREATED.search(decision):
        return Outcome.NOT_TREATED
    hits = _cues(decision, _CUES)
    if not hits:
        return Outcome.NOTED if _OTHER_BUSINESS.match(title) else Outcome.UNCLEAR
    asked = _cues(recommendation, _ASKS)
    for _, wanted in sorted(asked):
        if any(outcome is wanted for _, outcome in hits):
            return wanted
    return min(hits)[1]


def _cues(text: str, patterns) -> list[tuple[int, Outcome]]:
    """(position, class) of the first cue of each class found in `text`."""
    return [(m.start(), outcome) for outcome, pattern in patterns for m in [pattern.search(text)] if m]

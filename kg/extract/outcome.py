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

_NOT_TREATED = re.compile(r"\bikke\s+behandlet\b|\bpunktet\s+(?:blev\s+)?(?:udsat|udgik|trukket)\b|\budsat\s+til\b"
                          r"|\bblev\s+ikke\s+(?:behandlet|drøftet)\b", re.I)
_CUES: tuple[tuple[Outcome, re.Pattern[str]], ...] = (
    (Outcome.APPROVED, re.compile(r"\bgodkend\w*|\btiltr(?:å|aa)dt\b|\btiltræde\w*|\bvedtag\w*|\bbevilge\w*"
                                  r"|\bindstillingen\s+blev\s+fulgt\b", re.I)),
    (Outcome.NOTED, re.compile(r"\btil\s+efterretning\b|\borienterede\b|\bblev\s+orienteret\b", re.I)),
    (Outcome.DISCUSSED, re.compile(r"\bdrøft(?:er|et|ede|es|else|elsen)\b|\bopbakning\b", re.I)),
    (Outcome.SENT_ON, re.compile(r"\bindstiller\s+til\b|\bsendes\s+(?:videre\s+)?til\b|\bvideresend\w*"
                                 r"|\boversend\w*|\bforelægges\b", re.I)),
)


def classify_outcome(decision: str, recommendation: str = "") -> Outcome:
    """Outcome class of a decision text; NONE when there is no decision text
    (an agenda, or minutes that leave the item blank)."""
    if not decision.strip():
        return Outcome.NONE
    if _NOT_TREATED.search(decision):
        return Outcome.NOT_TREATED
    hits = _cues(decision)
    if not hits:
        return Outcome.UNCLEAR
    asked = _cues(recommendation)
    if asked:
        wanted = min(asked)[1]
        if any(outcome is wanted for _, outcome in hits):
            return wanted
    return min(hits)[1]


def _cues(text: str) -> list[tuple[int, Outcome]]:
    """(position, class) of the first cue of each class found in `text`."""
    return [(m.start(), outcome) for outcome, pattern in _CUES for m in [pattern.search(text)] if m]

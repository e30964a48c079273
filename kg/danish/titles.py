"""Comparing titles: an agenda table's wording against an item's heading,
and one meeting's item against the item of another that takes a case up.
Shared by the segmenter and the case links (kg/resolve/links.py)."""

from __future__ import annotations

import re

# Words that say nothing of a title's subject.
STOP_WORDS = frozenset("af og i til for om på med fra den det de en et at ved vedr".split())


def norm(text: str) -> str:
    """Lower-case words without punctuation, for comparing titles."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def stems(text: str, stop: frozenset[str] = STOP_WORDS, shortest: int = 1) -> frozenset[str]:
    """The content words of a title cut to 7 letters, so that inflections
    still match ("pædagoguddannelsen", "pædagoguddannelserne"); words in
    `stop` or shorter than `shortest` left out."""
    return frozenset(w[:7] for w in norm(text).split() if len(w) >= shortest and w not in stop)


def similar(a: str, b: str, strict: bool = False) -> bool:
    """Agenda-table titles and body headings are often worded differently
    ("Psykiatriråd"/"psykiatriforum"); they must share a third of their
    content words (strict: two thirds), or one must begin the other."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na.startswith(nb) or nb.startswith(na):
        return True
    wa, wb = stems(na), stems(nb)
    if not wa or not wb:
        return na == nb
    overlap = len(wa & wb) / min(len(wa), len(wb))
    return overlap >= (0.67 if strict else 0.34)

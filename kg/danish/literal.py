"""Cheap literal pre-checks before costly patterns.

A pattern that starts with a lazy run (`(?P<names>.+?)\\s+var\\s+fraværende`)
tries every start position of a line and runs to its end from each: slow on
long lines, although most lines do not even hold the cue word. A pre-check
asks first whether the words the pattern needs are in the line at all, with
`in` on a folded copy (hundreds of MB/s), so the pattern runs only where it
can match. The check only ever lets a line through that the pattern might
match, so facts do not change.

Pure functions on strings; no imports from the rest of kg."""

from __future__ import annotations

# re.IGNORECASE also matches "ı" and "İ" with "i" and "ſ" with "s", which
# str.lower() keeps apart ("İ" becomes "i" + a combining dot): folded here
# the same way, so a pre-check never refuses what the pattern would match.
_EXTRA_FOLDS = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})

# A pre-check: every group must have one of its words in the folded text.
Cues = tuple[tuple[str, ...], ...]


def fold(text: str) -> str:
    """`text` lower-cased as re.IGNORECASE compares letters."""
    low = text.lower()
    if not low.isascii() and ("ı" in low or "ſ" in low or "\u0307" in low):
        return low.translate(_EXTRA_FOLDS)
    return low


def present(folded: str, cues: Cues) -> bool:
    """True when each group of `cues` has a word in `folded` (see fold)."""
    for group in cues:  # plain loops: this runs for every sentence
        for word in group:
            if word in folded:
                break
        else:
            return False
    return True


# The words one of which every flow marker of kg/extract/referrals.py holds
# (_BEFORE_TARGET, _VIA_CHAIN, _AFTER_TARGET, _STEP_ACTOR, _REPORTED,
# _GETS_PRESENTED), folded: a sentence without any names no flow. A marker
# added there needs its word here (tests/test_properties.py checks the
# markers it knows).
FLOW_CUES: Cues = (("indstill", "forelæg", "forelagt", "fremlægges", "send", "videreformidles", "behandl", "godkend",
                    "orienter", "drøft", "præsent", "anbefaling", "går", "vedtog", "tiltrådte"),)

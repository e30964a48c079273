"""The cue words of the extractors' per-line pre-checks, found in each line
once, when it is read (kg.read.Line.cues), in one Aho-Corasick pass
(kg.danish.literal.CueFinder): a line is asked for its flow verbs,
attendance words, election words, agreement words, list labels, glued furniture and the words
run-on lines are cut before with a set operation each, not with a loop of `in` per word and extractor. A word here is
folded (kg.danish.literal.fold); a check of a line's cues finds what
`word in line.folded` finds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.danish.attendance import ANY_PROSE_CUE, LIST_LABELS, WEAK_INLINE_LABELS
from kg.danish.layout import INLINE_FURNITURE_CUES
from kg.danish.literal import FLOW_CUES, CueFinder

if TYPE_CHECKING:  # kg.read imports this module
    from kg.read import Line



def shortest(words: Iterable[str]) -> frozenset[str]:
    """The words none of the others is part of: a text holds one of them
    exactly when it holds one of `words` ("sekretariatet" holds
    "sekretariat"), and the finder reports fewer words (a word found costs a
    step in Python; "sekretariatet" is on most lines of a list of guests)."""
    words = set(words)
    return frozenset(word for word in words if not any(other != word and other in word for other in words))


# Every flow marker of kg/extract/referrals.py holds one of these.
FLOW = shortest(FLOW_CUES[0])
# Every attendance sentence of kg/extract/attendance.py holds one of these.
PROSE = shortest(ANY_PROSE_CUE)
# Every election of kg/extract/appointments.py (_ELECTION_CUE) holds one of these.
ELECTION_WORDS = ("godk", "valgt", "udpeget", "beslut")
ELECTION = shortest(ELECTION_WORDS)
# Every agreement word of kg/extract/agreements.py (_WORD) holds one of these.
AGREEMENT_WORDS = ("aftale", "afte", "kontrakt")
AGREEMENT = shortest(AGREEMENT_WORDS)

# Every list label inside a line (kg.danish.attendance.INLINE_LABEL_WORD, capitalised) holds, folded, one of these.
LIST_LABEL = shortest(LIST_LABELS)
# ... and every one of them that opens a list without a colon after it (not one of WEAK_INLINE_LABELS) one of these.
STRONG_LIST_LABEL = shortest(set(LIST_LABELS) - WEAK_INLINE_LABELS)

# Every furniture glued to a line (kg.danish.layout.INLINE_FURNITURE) holds one of these.
FURNITURE = shortest(INLINE_FURNITURE_CUES)

# Every cut of a run-on line before a word (kg/segment/lines.py, _LONG_SPLIT's first branch) is before one of these.
LONG_CUT_WORDS = ("punkt ", "indstilling", "beslutning", "sagsfremstilling", "resume", "baggrund", "referat ",
                  "referat:", "dagsorden", "deltagere", "afbud", "fraværende", "tid og sted", "dato", "sted",
                  "sagsoversigt", "indholdsfortegnelse", "ad ", " indstiller")
LONG_CUT = shortest(LONG_CUT_WORDS)

LINE_FINDER = CueFinder(FLOW | PROSE | ELECTION | AGREEMENT | LIST_LABEL | STRONG_LIST_LABEL | FURNITURE
                         | LONG_CUT)


def split_with_starts(pattern: re.Pattern, text: str, offset: int = 0) -> tuple[list[str], list[int]]:
    """pattern.split(text) (a pattern without groups whose matches are never
    empty), and where each part starts in the line, `offset` being where
    `text` starts in it."""
    parts, starts, at = [], [], 0
    for m in pattern.finditer(text):
        parts.append(text[at:m.start()])
        starts.append(offset + at)
        at = m.end()
    parts.append(text[at:])
    starts.append(offset + at)
    return parts, starts


def cued_sentences(line: Line, sentences: list[str], starts: list[int], cues: frozenset[str]) -> list[bool]:
    """Whether each sentence of a line (starting at `starts` in line.text)
    holds one of the words of `cues`: asked of the line's folded text where
    the sentence stands, for the words of `cues` the line holds (its cues),
    rather than by folding each sentence and running a finder over it.
    Folding maps each character to one (the final sigma aside, in no cue
    word) unless it drops a combining dot; where it did (the line's length
    changed), every sentence may hold one."""
    folded = line.folded
    if len(folded) != len(line.text):
        return [True] * len(sentences)
    words = tuple(line.cues & cues)
    return [any(folded.find(word, start, start + len(sentence)) >= 0 for word in words)
            for sentence, start in zip(sentences, starts)]

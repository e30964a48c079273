"""The cue words of the extractors' per-line pre-checks, found in each line
once, when it is read (kg.read.Line.cues), in one Aho-Corasick pass
(kg.danish.literal.CueFinder): a line is asked for its flow verbs,
attendance words, election words, agreement words, list labels and glued furniture with a set operation
each, not with a loop of `in` per word and extractor. A word here is
folded (kg.danish.literal.fold); a check of a line's cues finds what
`word in line.folded` finds."""

from __future__ import annotations

from kg.danish.attendance import ANY_PROSE_CUE, LIST_LABELS
from kg.danish.layout import INLINE_FURNITURE_CUES
from kg.danish.literal import FLOW_CUES, CueFinder

# Every flow marker of kg/extract/referrals.py holds one of these.
FLOW = frozenset(FLOW_CUES[0])
# Every attendance sentence of kg/extract/attendance.py holds one of these.
PROSE = frozenset(ANY_PROSE_CUE)
# Every election of kg/extract/appointments.py (_ELECTION_CUE) holds one of these.
ELECTION_WORDS = ("godk", "valgt", "udpeget", "beslut")
ELECTION = frozenset(ELECTION_WORDS)
# Every agreement word of kg/extract/agreements.py (_WORD) holds one of these.
AGREEMENT_WORDS = ("aftale", "afte", "kontrakt")
AGREEMENT = frozenset(AGREEMENT_WORDS)

# Every list label inside a line (kg.danish.attendance.INLINE_LABEL_WORD, capitalised) holds, folded, one of these.
LIST_LABEL = frozenset(LIST_LABELS)

# Every furniture glued to a line (kg.danish.layout.INLINE_FURNITURE) holds one of these.
FURNITURE = INLINE_FURNITURE_CUES

LINE_FINDER = CueFinder(FLOW | PROSE | ELECTION | AGREEMENT | LIST_LABEL | FURNITURE)

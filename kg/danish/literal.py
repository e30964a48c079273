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

import re
from collections.abc import Iterable, Iterator
from operator import itemgetter

import ahocorasick

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


_NONE: frozenset[str] = frozenset()
_WORD = itemgetter(1)  # of an Aho-Corasick hit (end, word)


class CueFinder:
    """The words of a fixed set that a folded text holds, found in one pass
    of an Aho-Corasick automaton in C (pyahocorasick): a line is checked
    for all its extractors' cue words at once (about 8 ns a character),
    rather than with a Python loop of one `in` per word (present).
    Finds what `word in folded` finds for each word, overlapping words too."""

    __slots__ = ("words", "_automaton")

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        self._automaton = ahocorasick.Automaton()
        for word in sorted(self.words):
            self._automaton.add_word(word, word)
        self._automaton.make_automaton()

    def found(self, folded: str) -> frozenset[str]:
        """The words that `folded` holds."""
        # The hits' words taken in C (map, itemgetter), not in a Python loop.
        words = frozenset(map(_WORD, self._automaton.iter(folded)))
        return words if words else _NONE  # most texts: one shared empty set


def cue_words(*cues: Cues) -> set[str]:
    """Every word of the pre-checks, for a CueFinder."""
    return {word for groups in cues for group in groups for word in group}


def as_sets(cues: Cues) -> tuple[frozenset[str], ...]:
    """A pre-check's groups as sets, for holds()."""
    return tuple(frozenset(group) for group in cues)


def holds(found: frozenset[str], groups: tuple[frozenset[str], ...]) -> bool:
    """present() on the words a CueFinder found: each group has one of them
    (every word of the groups must be among the finder's words)."""
    for group in groups:
        if found.isdisjoint(group):
            return False
    return True


# The words one of which every flow marker of kg/extract/referrals.py holds
# (_BEFORE_TARGET, _VIA_CHAIN, _AFTER_TARGET, _STEP_ACTOR, _REPORTED, _SENT_TO_LIST, _PRESENTS,
# _GETS_PRESENTED), folded: a sentence without any names no flow. A marker
# added there needs its word here (tests/test_properties.py checks the
# markers it knows).
# The verbs' forms as the markers spell them, not their stems: "drøftet",
# "Indstilling" and "Godkendt" (in most items) name no flow.
FLOW_CUES: Cues = (("indstiller", "indstilles", "indstillet", "forelæg", "forelagt", "fremlæg", "send",
                    "videreformidles", "behandle", "godkende", "godkendte", "orienteres", "orientering",
                    "drøftes", "drøftelse", "præsent", "anbefaling", "går", "vedtog", "tiltrådte",
                    "modt",  # "har modtaget ... fra", "modtog ... fra"
                    "forelig"),)  # "bemærkninger fra X vil foreligge til KKR-mødet"


def words_in(texts: Iterable[str], words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of `words` that occur in one of `texts`, in their order.

    A check of every line of a document for a few cue words (`any(w in
    line ...)`) gives the same answer for each line with only these words,
    and no line passes when there are none: most documents hold few of an
    extractor's cue words (one search of the joined text per word, at `in`'s
    speed, instead of one per word and line). No word may hold a line break."""
    joined = "\n".join(texts)
    return tuple(word for word in words if word in joined)


def after_literal(literal: str, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """re.search(re.escape(literal) + pattern.pattern, text), as a match of
    `pattern` (its groups numbered as there) after the first place of
    `literal` where it matches: without compiling a pattern for each literal
    (a name: compiling costs a millisecond, and re keeps only 512)."""
    at = text.find(literal)
    while at >= 0:
        m = pattern.match(text, at + len(literal))
        if m:
            return m
        at = text.find(literal, at + 1)
    return None


_BRACKETS = re.compile(r"\([^)]*\)")


def drop_brackets(text: str, replacement: str = "") -> str:
    """`text` with every "(...)" replaced, as re.sub(r"\\([^)]*\\)", ...)
    does, in linear time: that pattern scans to the end of the line from
    every "(" that no ")" follows (n**2 on "(x (x (x ..."); no match can
    start after the last ")", so only the text up to it is searched."""
    end = text.rfind(")") + 1
    return _BRACKETS.sub(replacement, text[:end]) + text[end:] if end else text


def lazy_finditer(pattern: re.Pattern[str], text: str, stops: str = "\n") -> Iterator[re.Match[str]]:
    """pattern.finditer(text), in linear time, for a pattern that opens with
    a lazy run of any character but `stops` ("(?P<names>.+?) var fraværende",
    "(?P<sub>[^,()]+?) deltog i stedet for"). finditer retries such a pattern
    at every position, and each try runs to the end of the run: n**2 on a
    long line without the rest. A try that fails at the first position of a
    run fails at every later one too (their choices are a subset), so after
    a failure the next try is after the next stop character."""
    stop = re.compile(f"[{re.escape(stops)}]")
    pos, end = 0, len(text)
    while pos < end:
        m = pattern.match(text, pos)
        if m:
            yield m
            pos = max(m.end(), pos + 1)
            continue
        nxt = stop.search(text, pos)
        if nxt is None:
            return
        pos = nxt.end()


def lazy_search(pattern: re.Pattern[str], text: str, stops: str = "\n") -> re.Match[str] | None:
    """pattern.search(text) in linear time (see lazy_finditer)."""
    return next(lazy_finditer(pattern, text, stops), None)

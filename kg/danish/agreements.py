"""How Danish minutes name what an agreement is about and whether it is
being drafted: the cue before a topic ("om X", "vedr. X"), the words that
say a draft is in hand, and the content words that tell two mentions of
one kind of agreement apart. Pure functions on strings."""

from __future__ import annotations

import functools
import re

# "samarbejdsaftale om genoptræning", "for IV i nærområdet", "vedr. hjælpemidler"
TOPIC_CUE = r"(?:om|for|vedr\.?|vedrørende|omkring)"

# Said right before a kind word, the agreement is being drafted: "udkast til
# revideret [samarbejdsaftale]", "forslag til [Resultatkontrakt]", "proces for
# udarbejdelse af [...]", "proces for [takstaftale]" (but not "udarbejdet en
# årlig rammeaftale", how agreements are usually made).
DRAFTING_BEFORE = re.compile(r"\b(?:udkast(?:et)?|forslag(?:et)?|udarbejdelse|proces(?:sen)?)\s+(?:til|af|for)\s+"
                             r"(?:[\wæøå-]+\s+){0,3}$", re.IGNORECASE)

# Words that say nothing about which agreement it is.
_NOT_DISTINCTIVE = frozenset(
    "og eller i for om af til fra med på ved vedr vedrørende omkring mellem den det de en et der som samt "
    "ny nye nyt revideret reviderede kommende gældende fælles aftale aftalen kommuner kommunerne kommune "
    "region regionen status".split())

# Inflectional and derivational endings stripped before comparing two topics,
# so that "sundhedskoordinator" and "sundhedskoordination" share one stem.
_ENDINGS = ("ionerne", "ionen", "ioner", "ion", "orerne", "oren", "orer", "or", "erne", "ene", "en", "er", "et",
            "e", "s")


@functools.cache
def topic_stems(topic: str) -> frozenset[str]:
    """The distinctive content words of a topic, stemmed and lower-cased."""
    words = re.findall(r"[a-zæøå]+", topic.lower())
    return frozenset(_stem(w) for w in words if w not in _NOT_DISTINCTIVE and len(w) > 2)


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def same_stem(a: str, b: str) -> bool:
    """Equal stems, or long stems one letter apart ("sundhedskordinat" as a
    hurried minute spells "sundhedskoordinat")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 8 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))

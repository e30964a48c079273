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


# Running text (issue 10): an agreement named by any compound of "-aftale" or
# "-kontrakt" ("lærepladsaftale", "samarbejdsaftalen"), kinds being open-world;
# singular only, as a plural ("underaftaler") names several agreements.
RUNNING_KIND = re.compile(r"\b(?P<kind>[a-zæøå]{3,}?(?:aftale|kontrakt))(?:n|en)?\b", re.IGNORECASE)

# What the sentence's verb says of the agreement: entered into ("indgik",
# "er indgået"), approved ("blev godkendt"), or sent on for approval. Future
# and infinitive forms ("skal indgås", "at indgå") say nothing yet.
ENTERED = re.compile(r"\b(?:indgik|indgået|trådt\s+i\s+kraft)\b", re.IGNORECASE)
APPROVED_VERB = re.compile(r"\b(?:blev\s+godkendt|godkendte|er\s+godkendt)\b", re.IGNORECASE)
SENT_FOR_APPROVAL = re.compile(r"\bsendt\s+til\b.{0,80}?\bgodkendelse\b", re.IGNORECASE)

# Parties listed as the subject of "indgik": "Den 1. maj indgik A, B og C en
# ny [aftale]", and before "har indgået": "A og B har indgået en [aftale]".
SUBJECT_BEFORE_KIND = re.compile(r"\bindgik\s+(?P<list>[^.;]+?)\s+(?:en|et)\s+(?:[\wæøå-]+\s+){0,3}$", re.IGNORECASE)
SUBJECT_BEFORE_VERB = re.compile(r"(?:^|[,:]\s*)(?P<list>[^.;,]+?(?:,\s*[^.;,]+?)*)\s+har\s+indgået\s+(?:en\s+)?"
                                 r"(?:[\wæøå-]+\s+){0,3}$", re.IGNORECASE)

# A period stated later in the sentence: "for perioden 2021-2023", "i perioden
# 2022-2026", "for 2021-2023", "fra 2022 til og med 2026" (ranges only: a lone
# year later in a sentence may be anything).
PERIOD_IN_SENTENCE = re.compile(r"\b(?:(?:i|for)\s+(?:perioden\s+)?(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)?\d\d)\b"
                                r"|(?:i|for)\s+perioden\s+(?P<c>(?:19|20)\d\d)\b"
                                r"|fra\s+(?P<d>(?:19|20)\d\d)\s+til\s+(?:og\s+med\s+)?(?P<e>(?:19|20)\d\d)\b)",
                                re.IGNORECASE)

# "Aftalen indgås for en femårig periode fra 2022 til og med 2026": the period
# of the agreement named before, said in a sentence of its own.
PERIOD_OF_IT = re.compile(r"\b[Aa]ftalen\s+(?:gælder|indgås)\s+(?:for\s+en\s+[\wæøå]+\s+periode\s+)?", re.IGNORECASE)

# A party named for each of many ("den enkelte kommune", "den respektive
# region") is not one party.
DISTRIBUTIVE = re.compile(r"\b(?:enkelte|respektive|hver|hvert)\b", re.IGNORECASE)

# "samarbejdet om DK2020", "DK2020-samarbejdet": the named cooperation an item
# is about, the topic of a samarbejdsaftale in it that names none.
NAMED_COOPERATION = re.compile(r"\bsamarbejde(?:t)?\s+om\s+(?P<a>[A-ZÆØÅ][A-ZÆØÅ0-9]+\d*)\b"
                               r"|\b(?P<b>[A-ZÆØÅ][A-ZÆØÅ0-9]+\d*)-samarbejde(?:t)?\b")


def range_period(start: str, end: str | None) -> str:
    """"2021-2023" from its years ("2021", "23" -> "2021-2023"); the start
    alone when the end is missing or not after it."""
    if not end:
        return start
    end = end if len(end) == 4 else start[:2] + end
    return f"{start}-{end}" if end > start else start

"""Resolving people: every spelling of a name, across all documents, to one
person, with the evidence for each merge.

Names are taken most complete and most frequent first; each later name is
compared with the people found so far, with three outcomes: it matches one
person (a variant, merged, with the reason), none (a new person), or several
(an ambiguity: reported as a warning, kept as a person of its own, never
silently picked).

Two names are the same person only when their first names agree and the rest
agrees by one of these rules:
  - the same name written differently: spacing of initials ("H.C."/"H. C.");
  - a middle initial left out ("Knud N. Mathiesen"/"Knud Mathiesen");
  - a shorter form that begins the longer ("Jesper Thyrring"/"Jesper Thyrring Møller");
  - a genitive ("Kate Bøghs pensionering");
  - one small spelling difference in the last name (one letter added, dropped
    or changed, or c/k, aa/å: "Kallestrup"/"Kallstrup", "Jakobsen"/"Jacobsen").
Sharing a last name is never enough ("Lars Møller", "Rasmus Møller").

A name is compared only with the people who share a blocking key with one
of their spellings (`_block_keys`): every rule needs the same first name and
either a later name in common or last names one edit or one spelling rule
apart, so the keys are the first name with each later name, with each
one-letter deletion of the last name, and with its evened-out spelling. The
cost grows with the names times the few people sharing a key, not with the
square of all names, and the result is the same as comparing every pair.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from kg.danish import slug
from kg.model import Doubt, Span


@dataclass(frozen=True, slots=True)
class Sighting:
    """A person's name as written at one place in one document."""

    name: str
    span: Span
    municipality: str = ""


@dataclass(slots=True)
class Person:
    """A resolved person: key (IRI slug), canonical name, every spelling seen
    with where it was seen, and why each other spelling was merged."""

    key: str
    name: str
    variants: dict[str, list[Span]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    municipalities: Counter = field(default_factory=Counter)


@dataclass(slots=True)
class Resolution:
    """People, and the person key of every spelling."""

    people: list[Person]
    key_of: dict[str, str]
    warnings: list[Doubt]
    warned: list[str] = field(default_factory=list)  # the name each warning is about (resolve_people)
    _index: dict[str, Person] = field(default_factory=dict, repr=False, compare=False)

    def person(self, name: str) -> Person | None:
        key = self.key_of.get(normalize_name(name))
        return self._by_key().get(key) if key else None

    def _by_key(self) -> dict[str, Person]:
        """The people by key (each key is one person's), rebuilt when people
        were added: the people graph looks up every occurrence's person."""
        if len(self._index) != len(self.people):
            self._index.clear()
            for p in self.people:
                self._index.setdefault(p.key, p)
        return self._index


@functools.lru_cache(maxsize=1 << 16)  # a name is normalised at each of its comparisons
def normalize_name(name: str) -> str:
    """Compare names written alike: NFC, single spaces, initials closed up
    ("H. C. Østerby" -> "H.C. Østerby")."""
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    return re.sub(r"\b([A-ZÆØÅ])\.\s+(?=[A-ZÆØÅ]\.)", r"\1.", name)


def resolve_people(sightings: list[Sighting]) -> Resolution:
    """Group sightings into people (see the module docstring for the rules)."""
    counts = Counter(normalize_name(s.name) for s in sightings)
    by_name: dict[str, list[Sighting]] = {}
    for s in sightings:
        by_name.setdefault(normalize_name(s.name), []).append(s)
    order = sorted(counts, key=lambda n: (-len(_tokens(n)), -counts[n], n))
    people: list[Person] = []
    key_of: dict[str, str] = {}
    warnings: list[Doubt] = []
    warned: list[str] = []
    taken: set[str] = set()  # the people's keys
    blocks: dict[str, set[int]] = {}  # blocking key -> indexes in `people`
    for name in order:
        matches = []
        candidates = set().union(*(blocks.get(k, ()) for k in _block_keys(name)))
        for index in sorted(candidates):  # in the order the people were found
            person = people[index]
            reason = next((r for r in (same_person(normalize_name(v), name) for v in person.variants) if r), None)
            if reason:
                matches.append((index, person, reason))
        first = by_name[name][0].span
        written = sorted({" ".join(s.name.split()) for s in by_name[name]})
        if len(matches) == 1:
            index, person, reason = matches[0]
        else:
            if len(matches) > 1:
                options = " or ".join(p.name for _, p, _ in matches)
                warnings.append(Doubt(first.doc, first.start, f"{name!r} could be {options}; kept apart"))
                warned.append(name)
            person, reason = Person(_unique_key(name, taken), written[0] if name not in written else name), ""
            people.append(person)
            taken.add(person.key)
            index = len(people) - 1
        for key in _block_keys(name):
            blocks.setdefault(key, set()).add(index)
        for spelling in written:
            person.variants[spelling] = [s.span for s in by_name[name] if " ".join(s.name.split()) == spelling]
            if reason:
                person.reasons[spelling] = reason
            elif spelling != person.name:
                person.reasons[spelling] = "the same name written differently"
        person.municipalities.update(s.municipality for s in by_name[name] if s.municipality)
        key_of[name] = person.key
    return Resolution(people, key_of, warnings, warned)


def _block_keys(name: str) -> set[str]:
    """Keys two names share whenever `same_person` may join them: the same
    first name and a later name in common (the same name, a middle initial
    left out, a shorter form), or last names within one edit (a genitive, one
    letter: two such words share a one-letter deletion, or one is the other)
    or alike once spelled evenly (c/k, aa/å ...)."""
    tokens = [t.casefold() for t in _tokens(name)]
    if not tokens:
        return set()
    first, rest = tokens[0], tokens[1:]
    if not rest:
        return {f"{first}|"}
    last = rest[-1]
    return ({f"{first}|{t}" for t in rest} | {f"{first}~{last}", f"{first}={_spell(last)}"}
            | {f"{first}~{last[:i]}{last[i + 1:]}" for i in range(len(last))})


def _unique_key(name: str, taken: set[str]) -> str:
    key = slug(name)
    n = 2
    while key in taken:
        key, n = f"{slug(name)}-{n}", n + 1
    return key


def _tokens(name: str) -> list[str]:
    return normalize_name(name).split()


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-ZÆØÅ]\.)+", token))


def same_person(a: str, b: str) -> str | None:
    """Why names `a` and `b` are one person, or None if they may not be."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb or ta[0].casefold() != tb[0].casefold():
        return None
    if [t.casefold() for t in ta] == [t.casefold() for t in tb]:
        return "the same name written differently"
    long_, short = (ta, tb) if len(ta) >= len(tb) else (tb, ta)
    if len(short) >= 2 and long_[-1].casefold() == short[-1].casefold():
        extra = [t for t in long_[1:-1] if t not in short[1:-1]]
        if extra and all(_is_initial(t) for t in extra) and len(long_) - len(extra) == len(short):
            return "a middle initial left out"
    if len(short) >= 2 and len(long_) > len(short) and \
            [t.casefold() for t in long_[: len(short)]] == [t.casefold() for t in short] \
            and not _is_initial(short[-1]):
        return "a shorter form of the same name"
    if len(ta) == len(tb) and [t.casefold() for t in ta[:-1]] == [t.casefold() for t in tb[:-1]]:
        if ta[-1].casefold() + "s" == tb[-1].casefold() or tb[-1].casefold() + "s" == ta[-1].casefold():
            return "a genitive of the name"  # "Kate Bøghs pensionering"
        if _spelling_variant(ta[-1], tb[-1]):
            return "a spelling variant of the last name"
    return None


def _spell(word: str) -> str:
    word = word.casefold()
    for old, new in (("aa", "å"), ("c", "k"), ("ph", "f"), ("th", "t")):
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)


def _spelling_variant(a: str, b: str) -> bool:
    """One edit apart (for names of five letters or more), or equal once
    c/k, aa/å, ph/f, th/t and doubled letters are evened out."""
    if _spell(a) == _spell(b):
        return True
    if min(len(a), len(b)) < 5:
        return False
    return _one_edit(a.casefold(), b.casefold())


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))

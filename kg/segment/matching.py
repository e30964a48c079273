"""Small judgements the walk makes about single lines and titles: does an
agenda-table title match a heading, does a number continue the numbering, is
a line part of a participant list."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.danish import looks_like_person_name
from kg.danish.titles import STOP_WORDS, norm, similar  # noqa: F401  (the walk uses M.norm, M.similar)
from kg.read import Line
from kg.segment import patterns as P

def continues(previous: str, number: str) -> bool:
    """Without an agenda table: after "3" comes "4" (or "3.1"); after "3.2"
    comes "3.3", "4" or "4.1"."""
    if not number:
        return False
    prev = [int(p) for p in previous.split(".")]
    cur = [int(p) for p in number.split(".")]
    candidates = [prev + [1]]
    for depth in range(len(prev)):
        head = prev[:depth] + [prev[depth] + 1]
        candidates += [head, head + [1]]
    return cur in candidates


# How many item numbers a PDF transcript may lose between two list rows.
MAX_LOST_NUMBERS = 2
_FUNCTION_WORDS = STOP_WORDS | frozenset("under mellem efter inden over hos".split())


def split_lost_titles(text: str, count: int) -> list[str]:
    """Titles run together where a list lost its numbers ("Strategi
    Opfølgning på mødet Økonomi" for three items): cut before each
    capitalised word not bound to the word before it by a function word
    ("i Handicaprådet"), and only when that gives exactly `count` titles;
    else [text]."""
    words = text.split()
    parts: list[list[str]] = []
    for index, word in enumerate(words):
        starts = index > 0 and word[:1].isupper() and words[index - 1].casefold() not in _FUNCTION_WORDS \
            and not words[index - 1][:1].isdigit() and not words[index - 1].endswith(("-", "/"))
        if not parts or starts:
            parts.append([word])
        else:
            parts[-1].append(word)
    return [" ".join(p) for p in parts] if len(parts) == count else [text]


def plausible_first(number: str) -> bool:
    """The first item of a meeting without an agenda table."""
    return number in ("0", "1", "1.1")


def names_only(text: str) -> bool:
    """True when a line holds nothing but personal names ("A og B", "A/B")."""
    parts = [p for p in re.split(r"\s*(?:/|,|&|\bog\b)\s*", text) if p.strip()]
    return bool(parts) and all(looks_like_person_name(p) for p in parts)


def with_changes(heading: P.Heading, **changes) -> P.Heading:
    return replace(heading, **changes)


def trim(lines: list[Line]) -> tuple[Line, ...]:
    """Without leading and trailing blank lines."""
    while lines and not lines[-1].text.strip():
        lines = lines[:-1]
    while lines and not lines[0].text.strip():
        lines = lines[1:]
    return tuple(lines)


def name_line(text: str) -> bool:
    """A line of a participant list starts with a name (two capitalised
    words: "Jan Kallestrup, i stedet deltog ...") and is not a sentence."""
    text = text.strip()
    return bool(re.match(r"^[A-ZÆØÅ][\w.'-]*\.?\s+[A-ZÆØÅ]", text)) and len(text) < 120 \
        and not re.search(r"[.!?]\s+[A-ZÆØÅ][a-zæøå]+\s+[a-zæøå]", text) and P.heading(text) is None


def group_label(text: str) -> bool:
    """A short label over a group of people: "KL", "KD-Net", "KKR sekretariatet"."""
    text = text.strip()
    return 0 < len(text.split()) <= 3 and len(text) < 40 and text[0].isupper() and "," not in text \
        and "\t" not in text and not text.endswith((".", ":")) and P.heading(text) is None \
        and not P.toc_header(text)

"""Splitting a written list of people into entries, whatever separates them:
commas and "og" ("A, B og C"), brackets ("A (C) B (V)"), or nothing at all
("Name Municipality Name Municipality", as a PDF transcript flattens a list).

Entries are found by what names and organisations look like: a name starts
with a first name (or initials, or follows an organisation or a separator)
and runs over capitalised words; an organisation is a municipality ("Faxe",
"Thisted Kommune"), a region, an acronym ("KL", "BRN Sekretariat") or a word
that names an institution ("Finansministeriet", "Statens Arkiver"). Words a
list cannot hold (a number, a lower-case word, "Sagsoversigt") end it.

A run of words that could be one name or two is reported as a doubt, not
split by guess.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kg.danish import TITLES, clean_name
from kg.danish import attendance as A
from kg.reference import first_names, municipalities

_TOKEN = re.compile(
    r"\((?:[^()]|\([^()]*\))*\)+"  # a bracket, one level of nesting ("(F))" typos included)
    r"|§\d+§"  # a phrase cut out before splitting (see `phrases`)
    r"|[,;•]|\b(?:og|samt)\b|&"
    r"|[^\s,;()•]+"
)
_INITIALS = re.compile(r"^(?:[A-ZÆØÅ]\.){1,3}(?:[A-ZÆØÅ]\.?)?$")
_CAPITALISED = re.compile(r"^[A-ZÆØÅÉÜÖÄ][a-zæøåéüöäè'A-ZÆØÅ]*(?:-[A-ZÆØÅa-zæøå][a-zæøåéüöäA-ZÆØÅ']*)*\.?$")
_ACRONYM = re.compile(r"^[A-ZÆØÅ]{2,}(?:[-/][A-ZÆØÅa-zæøå-]+)*$")
_PARTICLES = frozenset({"von", "van", "de", "la", "du", "der", "den"})
_TITLE_WORDS = frozenset(w for t in TITLES for w in [t.lower()] if " " not in w)
_SURNAME_END = re.compile(r"(?:sen|søn|gaard|gård|strup|rup|holm|berg|borg|bjerg|lund|skov|dal|mark|bæk|høj|"
                          r"toft|vig|ager|feldt|hauge|kjær|mose|sted|land|um|ing|by|ved)$|-", re.IGNORECASE)


@dataclass
class Entry:
    """One person of a list, with what the list says about them."""

    name: str
    start: int  # offset of the name in the list text
    end: int
    org: str = ""
    title: str = ""
    party: str = ""
    notes: list[str] = field(default_factory=list)  # bracket contents and cut-out phrases
    absent_mark: bool = False  # "- afbud" on the name line


def split_entries(text: str, known: frozenset[str] = frozenset(),
                  phrases: dict[str, str] | None = None) -> tuple[list[Entry], list[str]]:
    """The people of a list text, and doubts. `known` holds full names seen
    elsewhere in the same document (they split a run where first names do
    not); `phrases` maps placeholders ("§1§") in `text` to the phrases cut
    out of it, which become notes of the entry before them."""
    phrases = phrases or {}
    text = A.ABSENCE_SUFFIX_INLINE.sub(" §afbud§ ", text)
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    given = _given_names(first_names(), known)
    entries: list[Entry] = []
    doubts: list[str] = []
    run: list[tuple[str, int, int]] = []
    after_comma = False

    def flush() -> None:
        nonlocal run
        if run:
            entries.extend(_split_run(run, given, known, after_comma and bool(entries), entries, doubts))
        run = []

    for index, (token, start, end) in enumerate(tokens):
        if token == "§afbud§":
            flush()
            if entries:
                entries[-1].absent_mark = True
            continue
        if token in phrases:
            flush()
            if entries:
                entries[-1].notes.append(phrases[token])
            continue
        if token.startswith("("):
            flush()
            _bracket(token, entries)
            after_comma = False
            continue
        if token in {",", ";", "•", "og", "samt", "&"}:
            flush()
            after_comma = token == ","
            continue
        if _is_word_of_list(token, run, entries):
            run.append((token, start, end))
            continue
        if token[0].islower() and token.lower().strip(".,") in _TITLE_WORDS and entries:
            flush()
            entries[-1].title = entries[-1].title or token.lower().strip(".,")
            continue
        if token.lower() in {"kommune", "region"} and run:
            run.append((token, start, end))
            continue
        # A lower-case surname right after a lone first name ("Gert winther")
        # in a list of names: kept, with a doubt.
        following = tokens[index + 1][0] if index + 1 < len(tokens) else ","
        if token[0].islower() and len(run) == 1 and token.isalpha() and following in {",", ";", "og", "samt", "&"}:
            run.append((token, start, end))
            doubts.append(f"{run[0][0]} {token}: a surname in lower case, read as part of the name")
            continue
        break  # the list ends: a number, a sentence word, the next part of the page
    flush()
    return [e for e in entries if e.name], doubts


@functools.lru_cache(maxsize=256)
def _given_names(names: frozenset[str], known: frozenset[str]) -> frozenset[str]:
    """The first names that split a list: kg's and those of the full names
    seen; made once per names seen (a union of about a thousand names)."""
    return names | {n.split()[0] for n in known}


def _is_word_of_list(token: str, run: list, entries: list[Entry]) -> bool:
    bare = token.rstrip(":")
    if bare in A.LIST_END_WORDS or bare.rstrip(".") in A.LIST_END_WORDS:
        return False
    if token.lower() in _PARTICLES and run:
        return True
    return bool(_CAPITALISED.match(token) or _INITIALS.match(token) or _ACRONYM.match(token)
                or ("/" in token and token[:1].isupper()))


def _bracket(token: str, entries: list[Entry]) -> None:
    """A bracket after a name: a party letter, a chair mark, or a note."""
    if not entries:
        return
    entry = entries[-1]
    party = A.PARTY_IN_BRACKETS.match(token)
    if party:
        entry.party = entry.party or party.group(1)
    else:
        entry.notes.append(token.strip("()").strip())


def _tag(word: str, given: frozenset[str]) -> str:
    """G first name or initials, O organisation word, T title, W other."""
    bare = word.rstrip(".")
    if word.lower() in _TITLE_WORDS:
        return "T"
    if bare in given or _INITIALS.match(word):
        return "G"
    if A.ORG_WORD.search(bare) or _ACRONYM.match(word) or "/" in word or bare in A.PLACE_WORDS \
            or bare.lower() in {"kommune", "region"}:
        return "O"
    return "W"


def _split_run(run: list[tuple[str, int, int]], given: frozenset[str], known: frozenset[str],
               attribute: bool, entries: list[Entry], doubts: list[str]) -> list[Entry]:
    """Names (and the organisations after them) in a run of words with no
    separator. `attribute` is True when the run follows "Name," and may
    start with that name's organisation or title."""
    words = [w for w, _, _ in run]
    tags = [_tag(w, given) for w in words]
    for k in range(len(words) - 1):
        if words[k + 1].lower() == "kommune":
            tags[k] = "O"  # "Thisted Kommune"
    out: list[Entry] = []
    i, n = 0, len(words)
    # A municipality named bare after a comma ("Hansen, Faxe") is one too.
    munis = municipalities()

    def org_end(k: int, leading: bool) -> int:
        """Where an organisation starting at k ends (k when none starts)."""
        j = k
        if j < n and (munis.lookup(words[j]) and (leading or j + 1 < n and words[j + 1].lower() == "kommune")):
            j += 1
        elif j < n and words[j] in ("Statens", "Danske", "Region") and j + 1 < n:
            j += 2
        while j < n and (tags[j] == "O" or tags[j] == "W" and j + 1 < n and tags[j + 1] == "O"
                         and not _starts_known(words, j, known)):
            if tags[j] == "W" and j > k and words[j - 1].lower() == "kommune":
                break  # "Thisted Kommune Helga Mohr": the organisation ended
            j += 1
        return j

    if attribute and entries:
        j = org_end(0, leading=True)
        titles = []
        while j < n and tags[j] == "T":
            titles.append(words[j].lower())
            j += 1
        if j > 0:
            org_words = [w for w, t in zip(words[:j], tags[:j]) if t != "T"]
            _attach_org(entries[-1], " ".join(org_words))
            if titles or any(t == "T" for t in tags[:j]):
                entries[-1].title = entries[-1].title or " ".join(
                    titles or [w.lower() for w, t in zip(words[:j], tags[:j]) if t == "T"])
            i = j
        elif len(words) == 1 and re.fullmatch(r"[A-ZÆØÅ]", words[0]):
            entries[-1].party = entries[-1].party or words[0]  # "Tage Petersen, V"
            return out
    title = ""
    while i < n:
        if tags[i] == "T":
            title = words[i].lower()
            i += 1
            continue
        j = org_end(i, leading=False)
        if j > i:
            target = out[-1] if out else (entries[-1] if entries else None)
            if target is not None:
                _attach_org(target, " ".join(words[i:j]))
            i = j
            continue
        end = _name_end(words, tags, i, known)
        name_words = words[i:end]
        if out and tags[i] == "W" and out[-1].end == run[i - 1][2] and " ".join(name_words) not in known \
                and not _looks_like_name(name_words, given):
            # Right after a name, words that do not look like one name its
            # organisation ("Frank Laybourn Lead Agency").
            _attach_org(out[-1], " ".join(name_words))
            i = end
            continue
        entry = Entry(clean_name(" ".join(name_words)), run[i][1], run[end - 1][2], title=title)
        title = ""
        if len(name_words) < 2:
            if name_words and tags[i] != "G" and out:
                _attach_org(out[-1], name_words[0])  # an organisation word the gazetteer does not know
            i = end
            continue
        name_words, rest = _trim_long_name(name_words, tags[i:end])
        if rest:
            leftover = " ".join(rest)
            entry.name = clean_name(" ".join(name_words))
            entry.end = run[i + len(name_words) - 1][2]
            out.append(entry)
            if _looks_like_name(rest, given):
                out.append(Entry(clean_name(leftover), run[i + len(name_words)][1], run[end - 1][2]))
            else:
                _attach_org(entry, leftover)
            i = end
            continue
        if len(name_words) > 4:
            doubts.append(f"{' '.join(name_words)!r} may be more than one person; not read as a name")
            i = end
            continue
        out.append(entry)
        i = end
    return out


def _starts_known(words: list[str], k: int, known: frozenset[str]) -> bool:
    return any(k + size <= len(words) and " ".join(words[k:k + size]) in known for size in (2, 3, 4))


def _name_end(words: list[str], tags: list[str], i: int, known: frozenset[str]) -> int:
    """Where the name starting at i ends: before an organisation, or before
    a first name that follows a surname (a new person), or after a name
    known from elsewhere in the document."""
    for size in (4, 3, 2):
        if i + size <= len(words) and " ".join(words[i:i + size]) in known:
            return i + size
    j = i + 1
    n = len(words)
    if tags[i] == "W" and j + 1 < n and tags[j] == "G" and not _INITIALS.match(words[j]):
        # "Aarhus Bo Dahl": the name starts at the first name; but a first
        # name ending the run is a surname ("Heinz Jacob").
        return j
    while j < n:
        if tags[j] in ("O", "T"):
            break
        if tags[j] == "G" and tags[j - 1] != "G" and j - i >= 2 and not _INITIALS.match(words[j]):
            break  # "Jens Friis Bak Per Jørgensen": Per starts a new name
        if _starts_known(words, j, known) and j - i >= 2:
            break
        j += 1
    return j


def _trim_long_name(words: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """A name of first names and three or more further words ("Frank
    Laybourn Lead Agency") keeps the first surname and the surname-shaped
    words after it; the rest is returned to be read on its own."""
    g = 0
    while g < len(words) and tags[g] == "G":
        g += 1
    rest = words[g:]
    if len(rest) < 3 or g == 0:
        return words, []
    keep = g + 1
    while keep < len(words) and _SURNAME_END.search(words[keep]) and tags[keep] != "G":
        keep += 1
    return words[:keep], words[keep:]


def _looks_like_name(words: list[str], given: frozenset[str]) -> bool:
    return len(words) >= 2 and (words[0] in given or bool(_SURNAME_END.search(words[-1])))


def _attach_org(entry: Entry, org: str) -> None:
    if "/" in org:
        head, *marks = org.split("/")
        for mark in marks:
            if mark.lower() in A.CAPACITY_AFTER_SLASH or mark.lower() in _TITLE_WORDS:
                entry.notes.append(mark.lower())
            else:
                head = f"{head}/{mark}"
        org = head
    entry.org = entry.org or org.strip()


def municipality_of(org: str) -> str:
    """The municipality code an organisation text names ("Faxe", "Thisted
    Kommune", "Greve kommune"), else ""."""
    if not org:
        return ""
    found = municipalities().lookup(org) or municipalities().lookup(re.sub(r"\s+[Kk]ommune$", "", org))
    if found is None and re.search(r"[Kk]ommune", org):
        found = municipalities().find(org)
    return found.code if found else ""

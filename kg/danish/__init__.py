"""The Danish language as kg reads it: every cue word the segmenter and the
extractors match lives in this package, one submodule per topic (attendance,
roles, ...), so a new phrasing is added in one place.

This module holds what every stage shares: dates, times, and the shape of a
personal name. Pure functions on strings."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from kg.danish.attendance import LIST_END_WORDS

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_MONTH_ABBREV = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_MONTH_WORD = "|".join(sorted(list(MONTHS) + list(_MONTH_ABBREV), key=len, reverse=True))

# "17. marts 2022", "d. 4. nov. 2022", "5. februar" (year optional)
TEXT_DATE = re.compile(
    rf"\b(?P<day>[0-3]?\d)\.?\s*(?P<month>{_MONTH_WORD})\.?(?:\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
# "27-01-2023", "21.03.2023", "3/9 2021" is too ambiguous and left out.
NUMERIC_DATE = re.compile(r"\b(?P<day>[0-3]?\d)[-.](?P<month>[01]?\d)[-.](?P<year>(?:19|20)\d\d)\b")
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# "kl. 16.30 – 17.30", "10:00 - 11:30", "08:30"
TIME_RANGE = re.compile(
    r"(?:kl\.?\s*)?\b(?P<h1>[0-2]?\d)[.:](?P<m1>[0-5]\d)"
    r"(?:\s*[-–—]\s*(?:kl\.?\s*)?(?P<h2>[0-2]?\d)[.:](?P<m2>[0-5]\d))?",
)


def month_number(word: str) -> int | None:
    """The month number of a Danish month name or abbreviation, else None."""
    word = word.lower().rstrip(".")
    return MONTHS.get(word) or _MONTH_ABBREV.get(word)


def find_dates(text: str, default_year: int | None = None) -> list[tuple[dt.date, int, int]]:
    """All dates in `text` as (date, start, end), in order of appearance.

    Dates without a year take `default_year`, or are skipped when it is None.
    Impossible dates (31. februar) are skipped.
    """
    found: list[tuple[dt.date, int, int]] = []
    for pattern in (ISO_DATE, NUMERIC_DATE, TEXT_DATE):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for _, s, e in found):
                continue
            month = m.group("month")
            month_no = int(month) if month.isdigit() else month_number(month)
            year = int(m.group("year")) if m.group("year") else default_year
            if year is None or month_no is None:
                continue
            try:
                found.append((dt.date(year, month_no, int(m.group("day"))), m.start(), m.end()))
            except ValueError:
                continue
    return sorted(found, key=lambda hit: hit[1])


def first_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The first date in `text`, or None."""
    dates = find_dates(text, default_year)
    return dates[0][0] if dates else None


def find_time_range(text: str) -> tuple[dt.time | None, dt.time | None]:
    """(start, end) of the first clock time or time range in `text`.

    Only times that follow "kl." or a date, or that form a range, count, so
    that amounts such as "1.40 kr." are not read as times.
    """
    for m in TIME_RANGE.finditer(text):
        prefix = text[max(0, m.start() - 12): m.start()]
        is_range = m.group("h2") is not None
        after_date = bool(re.search(r"(\d{4}|\d\d[-.]\d\d)\s*$", prefix))
        if not (is_range or "kl" in m.group(0).lower() or after_date):
            continue
        start = _time(m.group("h1"), m.group("m1"))
        end = _time(m.group("h2"), m.group("m2")) if is_range else None
        if start is not None:
            return start, end
    return None, None


def _time(hour: str | None, minute: str | None) -> dt.time | None:
    if hour is None or minute is None:
        return None
    try:
        return dt.time(int(hour), int(minute))
    except ValueError:
        return None


# A name part: capitalised word ("Kaas", "Østerby", "Bøghs"), hyphenated
# ("Mehlsen-Thomsen"), or initials ("H.C.", "N.", "H. C."). Both open with
# the capital (initials only [A-ZÆØÅ], checked behind): a pattern that opens
# with one character class lets re skip to the capitals of a line.
_NAME_PART = (r"[A-ZÆØÅÉÜÖÄ](?:[a-zæøåéüöäè']+(?:-[A-ZÆØÅ]?[a-zæøåéüöä']+)*"
              r"|(?<=[A-ZÆØÅ])\.(?:\s?[A-ZÆØÅ]\.){0,2})")
_NAME = re.compile(rf"^{_NAME_PART}(?:\s+(?:{_NAME_PART}|von|van|de|la|du))*$")
# A personal name inside running text: two to five name parts.
NAME_PATTERN = rf"{_NAME_PART}(?:\s+{_NAME_PART}){{1,4}}"
# Capitalised words that start Danish sentences or name things, not people.
_NOT_NAME_WORDS = frozenset("""
    Det Der Den De Indstilling Beslutning Referat Sagsfremstilling Baggrund Resume
    Bilag Punkt Kommune Kommunen Region Regionen Godkendelse Orientering Status
    Forslag Udkast Møde Mødet Dagsorden Eventuelt KL KKR Sekretariatet Formand
    Formandskabet Direktør Kommunaldirektør Borgmester Afbud Deltagere Tid Sted
""".split())


# Last words of street and place names that begin with a first name.
_PLACE_ENDING = re.compile(r"(?:[Vv]ej|[Gg]ade|[Aa]ll[ée]|[Pp]lads|[Tt]orv|[Ss]træde|[Bb]oulevard|[Vv]ænge|[Pp]ark|"
                           r"[Ss]kole|[Hh]us|[Cc]enter|[Cc]entret)$")


def clean_name(text: str) -> str:
    """A name as written, with markdown stars, trailing punctuation and
    surrounding white space removed."""
    text = unicodedata.normalize("NFC", text).replace("*", "")
    return re.sub(r"\s+", " ", text).strip(" \t.,;:-–")


def looks_like_person_name(text: str) -> bool:
    """True when `text` has the shape of a personal name: two to five
    capitalised parts or initials, none a word that starts sentences or
    names organisations ("Region Midtjylland", "Det indstilles")."""
    text = clean_name(text)
    if not _NAME.match(text):
        return False
    parts = text.replace(".", ". ").split()
    words = [p for p in parts if not p.endswith(".")]
    if not 2 <= len(parts) <= 6 or not words:
        return False
    if _PLACE_ENDING.search(words[-1]) and not _street_word_surname(words):
        return False  # "Søren Nymarks Vej" is a street
    return not any(word in _NOT_NAME_WORDS for word in words)


def _street_word_surname(words: list[str]) -> bool:
    """"Mogens Gade", "Lise Park": a known first name and one surname that is
    a street word standing alone (a street has a genitive before it,
    "Kongens Gade", or is one compound word, "Nørregade")."""
    from kg.reference import first_names  # kg.reference imports this module

    return len(words) == 2 and _PLACE_ENDING.fullmatch(words[1]) is not None and words[0] in first_names()


# Memoised: the link stage mints the same IRIs from the same names for every
# document at each build. Bounded: a server lives long.
@functools.lru_cache(maxsize=1 << 18)
def slug(text: str) -> str:
    """A readable, stable IRI segment: lower case, æ->ae, ø->oe, å->aa,
    accents dropped (é->e). Letters of other scripts are kept (IRIs allow
    them), so two Greek or Cyrillic names never share a slug."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", text).strip("-")


# Job titles written before or after names ("borgmester Torben Hansen",
# "Jesper Kaas Schmidt, kommunaldirektør"). Longest first.
TITLES = tuple(sorted("""
administrerende direktør|kommunaldirektør|regionsdirektør|koncerndirektør|direktør|vicedirektør
|borgmester|rådmand|regionsrådsformand|transportminister|minister|kontorchef|vicekontorchef
|chefkonsulent|konsulent|sekretariatschef|afdelingsleder|chef|PPR-leder|fagdirektør|formand|næstformand
""".replace("\n", "").split("|"), key=len, reverse=True))
_TITLE_PREFIX = re.compile(rf"^(?:{'|'.join(map(re.escape, TITLES))})\b\s*,?\s*", re.IGNORECASE)
# Capitalised name parts in running text (see _NAME_PART above).
_NAME_RUN = re.compile(rf"{_NAME_PART}(?:\s+{_NAME_PART})*")
# What every run of two or more words holds: a capitalised word, white space
# and a capital (the next part, or the next initial of "H. C."). Most lines
# hold none, and then no run of them is read in Python.
_TWO_PARTS = re.compile(r"[A-ZÆØÅÉÜÖÄ]\S*\s+[A-ZÆØÅÉÜÖÄ]")
# Matched at a position (pattern.match(text, pos)), not on a slice: slicing
# the rest of a long line for every name costs n**2.
_LOWER_WORD_AFTER = re.compile(r"\s+([a-zæøå][\wæøå-]*)")
# Words after a name that show the name is the subject, not a genitive.
_VERBISH = frozenset("""og i fra for som har er var blev bliver vil skal kan sagde orienterede spurgte
svarede konstaterede indledte afsluttede meddelte gav præsenterede fremlagde oplyste deltog deltager
til med om på ved af""".split())


def strip_title(text: str) -> tuple[str, str]:
    """("kommunaldirektør", "Jan Holm") for "Kommunaldirektør Jan Holm";
    ("", text) when no title leads the text."""
    text = text.strip()
    m = _TITLE_PREFIX.match(text)
    if not m:
        return "", text
    return m.group(0).strip(" ,").lower(), text[m.end():].strip()


def find_person_names(text: str, known_first_names: frozenset[str]) -> list[tuple[str, str, int, int]]:
    """Personal names in running text as (name, written, start, end).

    A run of capitalised words counts as a name when it has the shape of one
    and its first word is a known first name; a leading title is dropped.
    A genitive ("Kate Bøghs pensionering") gives the name without its "s",
    and `written` keeps the form in the text.
    """
    found = []
    for m in _NAME_RUN.finditer(text) if _TWO_PARTS.search(text) else ():
        words = m.group(0).split()
        if len(words) < 2:
            continue  # one word is no name, whatever is dropped below (most runs: a sentence's first word)
        start = m.start()
        # Drop leading capitalised non-name words ("Formand", "Koncerndirektør").
        while words and words[0] not in known_first_names and not words[0].endswith("."):
            start += len(words[0]) + 1
            words = words[1:]
        # Initials count only two or more together ("H.C.", "H. C."): a single
        # "A." or "R." opens a lettered list or a sentence.
        initials = len(words) >= 3 and all(re.fullmatch(r"[A-ZÆØÅ]\.", w) for w in words[:2]) \
            or bool(words) and re.fullmatch(r"(?:[A-ZÆØÅ]\.){2,}", words[0])
        if len(words) < 2 or not (words[0] in known_first_names or initials):
            continue
        end = m.end()
        # A page run onto one line glues the next part's word to the name
        # ("Lars Holm Dagsordenen godkendt"): such words are no surnames.
        while len(words) > 2 and words[-1].rstrip(".:") in LIST_END_WORDS:
            end = start + m.group(0)[start - m.start():].rfind(words[-1]) - 1
            words = words[:-1]
        name = " ".join(words)
        if not looks_like_person_name(name):
            continue
        written = name
        after = _LOWER_WORD_AFTER.match(text, m.end())
        if name.endswith("s") and len(words[-1]) > 3 and after and after.group(1) not in _VERBISH:
            name = name[:-1]
        found.append((name, written, start, end))
    return found

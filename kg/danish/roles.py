"""Cue words for roles, memberships and appointments: the role nouns, the
marks written after a name in lists, the capacities that are not
memberships, the phrases that introduce a list of members, and the verbs
of appointing."""

from __future__ import annotations

import re

from kg.model import Role

# Role nouns as written in sentences, lower case.
ROLE_WORDS = {
    "formand": Role.CHAIR, "formanden": Role.CHAIR,
    "næstformand": Role.VICE_CHAIR, "næstformanden": Role.VICE_CHAIR, "næstformandskabet": Role.VICE_CHAIR,
    "næstformandskab": Role.VICE_CHAIR,
    "medformand": Role.CO_CHAIR, "medformanden": Role.CO_CHAIR,
    "formandskabet": Role.CHAIRMANSHIP, "formandskab": Role.CHAIRMANSHIP,
    "sekretariat": Role.SECRETARIAT, "sekretariatet": Role.SECRETARIAT,
    "medlem": Role.MEMBER, "medlemmer": Role.MEMBER,
}
# Case is matched explicitly where names must keep their capitals, so no re.I.
ROLE = r"(?P<role>(?:[Nn]æst|[Mm]ed)?[Ff]ormand(?:skabet|skab|en)?)"

# A role marked after a name in lists and tables: "Lone Lund, Silkeborg (fmd.)",
# "Lone Lund (A), Formand", "Lone Lund, KL/formand", "Lone Lund (næstformand)",
# "Lone Lund (A), Næstformand- afbud".
_MARK_WORD = r"fmd|formand|næstfmd|nfmd|næstformand|medfmd|medformand"
ROLE_MARK = re.compile(rf"\((?P<mark>{_MARK_WORD})\.?\)|(?:,\s*|/)(?P<word>{_MARK_WORD})\.?(?=\s*(?:-\s*afbud|[,;)]|$))",
                       re.I)
# The words one of which every ROLE_MARK holds, folded (kg.danish.literal):
# a pre-check for lines that hold no mark.
ROLE_MARK_CUES = ("fmd", "formand")
MARKS = {"fmd": Role.CHAIR, "formand": Role.CHAIR, "næstfmd": Role.VICE_CHAIR, "nfmd": Role.VICE_CHAIR,
         "næstformand": Role.VICE_CHAIR, "medfmd": Role.CO_CHAIR, "medformand": Role.CO_CHAIR}

# Capacities in which a person is listed at a meeting without being a member
# of the body: the list label (or the mark after the name) that says so.
CAPACITIES = (
    (re.compile(r"\bsuppleant|\bstedfortræder", re.I), Role.SUBSTITUTE),
    (re.compile(r"observatør", re.I), Role.OBSERVER),
    (re.compile(r"\bgæst|\bgæster|\binviterede\b|\boplægsholder", re.I), Role.GUEST),
    (re.compile(r"sekretariat|\bsekretær|\breferent", re.I), Role.SECRETARIAT),
)


def capacity(label: str) -> Role | None:
    """The non-member capacity a list label or mark names ("Gæster",
    "Tilstedeværende observatører", "KKR sekretariatet", "referent"), or None."""
    return next((role for pattern, role in CAPACITIES if pattern.search(label)), None)


# Titles that make the person the mayor of the municipality named with them.
MAYOR_TITLE = re.compile(r"^(?:borgmester|overborgmester)$", re.I)
# Titles of elected members of a municipal or regional council.
COUNCIL_MEMBER_TITLE = re.compile(r"^(?:byrådsmedlem|kommunalbestyrelsesmedlem|\w+borgmester|rådmand|"
                                  r"[\w-]+\s+og\s+\w+borgmester|viceborgmester)$", re.I)

# Job titles before or after a name: a closed head noun with any prefix
# ("sygeplejedirektør", "enhedschef", "institutleder", "Regionsrådsmedlem").
TITLE_WORD = (r"(?:[A-ZÆØÅa-zæøå-]*(?:direktør|chef|leder|konsulent|borgmester|rådmand|medlem|sekretær|"
              r"fuldmægtig|minister|formand|koordinator|specialist))")

# A line that introduces a list of members of a body: "Medlemmer af X",
# "KKR har udpeget følgende ... til X:", "5 medlemmer udpeget af regionsrådet:",
# "... har følgende kommunaldirektører som medlemmer ...:", "Kommunale medlemmer".
MEMBERS_OF = re.compile(r"^(?:[A-ZÆØÅ]\w*\s+)?[Mm]edlemmer\s+(?:af|i)\s+(?P<body>.+?)\s*:?$")
APPOINTED_BY = re.compile(r"\budpeget\s+af\s+(?P<by>[^:]+?)\s*(?:\((?P<alias>[^)]+)\))?\s*:?\s*$")
APPOINTED_TO = re.compile(r"^(?P<by>.*?)\s+har\s+(?:\w+\s+)?udpeget\s+(?:(?:(?!\btil\b)[^:])*?\s+)?til\s+(?P<body>[^:]+?)"
                          r"(?:\s+[-–]\s+.*)?\s*:\s*$")
AS_MEMBERS = re.compile(r"\bsom\s+medlemmer\b.*:\s*$|\bbestår\s+af\b.*:\s*$|\b[Mm]edlemmer\b.*:\s*$")
# A short heading that groups members inside a list ("Region", "Kommuner",
# "Praktiserende læger", "Kredsformænd (Fødte medlemmer):").
GROUP_HEADING = re.compile(r"^[A-ZÆØÅ][\wæøå-]*(?:\s+[\wæøå-]+){0,3}(?:\s*\([^)]*\))?\s*:?$")

# A group heading that names the role of the people under it ("Kredsformænd
# (Fødte medlemmer):", "Næstformand"), singular or plural.
HEADING_ROLES = (
    (re.compile(r"^kredsform(?:and|ænd)(?:en|ene)?\b", re.I), Role.SECTION_CHAIR),
    (re.compile(r"^næstform(?:and|ænd)(?:en|ene)?\b", re.I), Role.VICE_CHAIR),
    (re.compile(r"^medform(?:and|ænd)(?:en|ene)?\b", re.I), Role.CO_CHAIR),
    (re.compile(r"^form(?:and|ænd)(?:en|ene)?\b", re.I), Role.CHAIR),
)


def heading_role(heading: str) -> Role | None:
    """The role a group heading gives the people listed under it, or None."""
    return next((role for pattern, role in HEADING_ROLES if pattern.match(heading.strip())), None)


# "Formand: Name", "Næstformand: Name, X Kommune": a role as a label.
ROLE_LABEL = re.compile(rf"^{ROLE}\s*:\s*(?P<rest>.+)$")

# Terms of office: what a sentence says about when a role began or ends.
# Start bases, in the order they are tried: the text gives the start itself
# (appointed, elected, constituted), says the role goes on from before
# ("fortsætter som formand": start unknown), or says how long it has been
# held ("10-årigt jubilæum som formand til næste år": since about a year).
_STARTS = (
    ("continuing", re.compile(r"\bfortsætter\s+som\b|\bforbliver\s+som\b", re.I)),
    ("appointed", re.compile(r"\budpeg(?:es|et|edes|ede)\b|\budnævn", re.I)),
    ("elected", re.compile(r"\b(?:gen)?(?:valgt|valgtes|vælges)\b", re.I)),
    ("constituted", re.compile(r"\bkonstituer", re.I)),
)
# "har 10-årigt jubilæum som formand til næste år", "har været formand i 5 år",
# "har været formand siden 2014".
_JUBILEE = re.compile(r"\b(?P<years>\d{1,2})-årig[et]?\s+jubilæum\b(?P<rest>.*)", re.I)
_HELD_FOR = re.compile(r"\bhar\s+været\s+\w+\s+(?:for\s+\w+\s+)?i\s+(?P<years>\d{1,2})\s+år\b", re.I)
_HELD_SINCE = re.compile(r"\bhar\s+været\s+\w+\s+(?:for\s+\S+\s+)?siden\s+(?P<year>(?:19|20)\d\d)\b", re.I)
# How a role ends: leaving it, retiring, or moving to another employer.
_ENDS = (
    ("retired", re.compile(r"\bgår\s+på\s+pension|\bpensioner", re.I)),
    ("moved", re.compile(r"\bfratræder\s+som\s+\w+\s+(?:i|ved|hos)\b.*\btiltræder\s+som\b", re.I)),
    ("left", re.compile(r"\budtræder|\bfratræder|\bstopper\b|\btrækker\s+sig|\btræder\s+ud|\bønsket\s+at\s+trække\s+sig",
                        re.I)),
)


# Nouns for a person's leaving, in "A's pensionering", as a regex alternation.
LEAVING_NOUNS = r"pensionering|fratræden|fratrædelse|afgang|afsked"


def start_cue(sentence: str, year: int | None, before: str = "", role_word: str = "") -> tuple[str, int | None]:
    """(basis, since year) that a role sentence gives for the role's start:
    ("continuing", None) for "fortsætter som formand", ("stated-tenure",
    2014) for a ten-year jubilee next year said in 2023, ("elected", None) for
    "blev valgt som formand", ("", None) when it says nothing of the start.
    `year` is the year the sentence speaks in (its meeting's). Where the
    sentence says nothing, the paragraph `before` it gives the basis if it
    names the same role in a decision ("det er besluttet at opdele
    næstformandskabet ..." before "Næstformandskabet varetages af X")."""
    basis, since = _own_start_cue(sentence, year)
    if basis or not before or not role_word:
        return basis, since
    stem = role_word.lower().removesuffix("et").removesuffix("en")
    if stem in before.lower() and _DECIDED.search(before):
        return "appointed", None
    return "", None


# A decision about a role, in the paragraph before the sentence naming its holder.
_DECIDED = re.compile(r"\bbesluttet\b|\bbesluttede\b|\bvedtaget\b", re.I)


def _own_start_cue(sentence: str, year: int | None) -> tuple[str, int | None]:
    m = _JUBILEE.search(sentence)
    if m and year:
        ahead = 1 if re.search(r"\bnæste\s+år\b", m.group("rest"), re.I) else 0
        return "stated-tenure", year + ahead - int(m.group("years"))
    m = _HELD_FOR.search(sentence)
    if m and year:
        return "stated-tenure", year - int(m.group("years"))
    m = _HELD_SINCE.search(sentence)
    if m:
        return "stated-tenure", int(m.group("year"))
    return next((basis for basis, pattern in _STARTS if pattern.search(sentence)), ""), None


def end_cue(sentence: str) -> str:
    """How a sentence that ends a role says it ends: "retired", "moved" (to
    another employer), "left", or "" when it gives no reason."""
    return next((basis for basis, pattern in _ENDS if pattern.search(sentence)), "")

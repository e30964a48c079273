"""How Danish minutes say that a case moves from one body to another: the
tense of the clause (happened or planned), what the receiver is asked to do
(the purpose), and the names of bodies outside the reference data
(ministries, agencies, companies' boards). Pure functions on strings."""

from __future__ import annotations

import re

from kg.danish.titles import STOP_WORDS, stems

HAPPENED = "happened"
PLANNED = "planned"

# Auxiliaries and adverbs right before a marker that put it in the past:
# "blev forelagt", "er blevet sendt", "har været behandlet".
PAST_BEFORE = re.compile(r"\b(?:blev|er\s+blevet|har\s+været|var|fik|havde|tidligere\s+er)\s+$", re.IGNORECASE)
# Marker forms that are themselves past or perfect: "har sendt ... til",
# "sendte", "er sendt til", "fremsendt til", "blev behandlet i".
PAST_MARKER = re.compile(r"\b(?:sendt|sendte|fremsendt|forelagt|behandlet|drøftet|indstillet|godkendte|vedtog|"
                         r"tiltrådte)\b", re.IGNORECASE)
# ... unless the clause looks ahead: "vil blive sendt", "bliver sendt", "skal".
FUTURE_BEFORE = re.compile(r"\b(?:vil\s+blive|bliver|skal(?:\s+\w+)?|kan\s+blive|forventes)\s+(?:\w+\s+)?$",
                           re.IGNORECASE)

# What the receiver is asked to do, read in the clause around the marker;
# the first cue found wins, in this order.
_PURPOSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("comments", re.compile(r"\bhøring\w*|\bkommentering\b|\bbemærkning\w*|\btilkendegivelse\b", re.I)),
    ("report", re.compile(r"\bafrapporter\w*|\btilbagemelding\w*|\bbesvarelse\w*", re.I)),
    ("recommendation", re.compile(r"\banbefal\w*|\bindstill(?:er|es|et|ing)\b", re.I)),
    ("information", re.compile(r"\borienter\w*|\bstatus\b|\binformer\w*|\btil\s+efterretning\b", re.I)),
    ("decision", re.compile(r"\bgodkend\w*|\bvedt\w*|\btiltr\w*|\bbeslut\w*", re.I)),
    ("discussion", re.compile(r"\bdrøft\w*|\bpræsenter\w*", re.I)),
)

# Time words that name the receiving meeting without a date.
WHEN = re.compile(r"\b(?:(?:på\s+)?(?:det\s+)?(?:næste|kommende|første)\s+møde(?:\s+i\s+(?:19|20)\d\d)?"
                  r"|senest\s+den\s+\d{1,2}\.\s*\w+(?:\s+(?:19|20)\d\d)?"
                  r"|i\s+perioden\s+\d{1,2}\.\s*\w+\s+til\s+\d{1,2}\.\s*\w+(?:\s+(?:19|20)\d\d)?"
                  r"|(?:i\s+)?(?:primo|medio|ultimo|sidste\s+halvår\s+af|foråret|efteråret)\s*(?:\w+\s*)?(?:(?:19|20)\d\d)?)",
                  re.IGNORECASE)
# A deadline or a period names no meeting: its date is not the receiving meeting's.
NOT_A_MEETING_DATE = re.compile(r"\b(?:senest|inden|frem\s+til|i\s+perioden|fra\s+og\s+med|fra)\s+(?:den\s+|d\.\s*)?$",
                                re.IGNORECASE)

# A general description of how a kind of case flows, not a flow of this
# case: a relative clause in the present active ("Rammeaftalen, som KKR
# sender til godkendelse i ..."; "sager, der går til Ankestyrelsen").
GENERAL = re.compile(r"(?:,\s*|\b)(?:som|der)\s+(?:[A-ZÆØÅ][\wÆØÅæøå'-]*\s+){0,4}(?:sender|går|forelægger|videresender)\b"
                     r"[^.]*$")
GENERAL_ADVERB = re.compile(r"\b(?:normalt|sædvanligvis|hvert\s+år|årligt|altid|typisk)\b", re.IGNORECASE)

# Bodies outside the reference data, named by the shape of the name:
# ministries and agencies ("Socialstyrelsen", "Transportministeriet",
# "transportminister X"), a board named by its owner ("Midttrafiks
# bestyrelse" -> Midttrafik, "bestyrelsen for X" -> X), forums and councils
# with their place ("Vækstforum Midtjylland").
_CAP = r"[A-ZÆØÅ][\wæøå-]+"
_AGENCY = re.compile(rf"^(?P<name>{_CAP}(?:styrelsen|ministeriet))\b")
_MINISTER = re.compile(r"^(?:daværende\s+)?(?P<name>[a-zæøå]+minister)(?:en)?\b", re.IGNORECASE)
_BOARD_OF = re.compile(rf"^(?P<name>{_CAP})s\s+bestyrelse\b")
_FORUM = re.compile(rf"^(?P<name>{_CAP}(?:forum|fora)(?:\s+(?:Midtjylland|Nordjylland|Syddanmark|Sjælland|Hovedstaden))?)\b")
# Supervisory authorities, with the part of the country they cover
# ("Socialtilsyn Nord", "Arbejdstilsynet").
_AUTHORITY = re.compile(rf"^(?P<name>{_CAP}tilsyn(?:et)?(?:\s+(?:Nord|Syd|Øst|Vest|Midt|Hovedstaden|Sjælland))?)\b")
# A body written out in capitals with its abbreviation after it ("Den
# Administrative Styregruppe på Socialområdet (DAS)"): a name, whatever the
# reference data knows.
_NAMED_WITH_ABBREVIATION = re.compile(r"^(?P<name>(?:Den|Det)\s+(?:[A-ZÆØÅ][\wæøå-]+\s+){1,3}"
                                      r"(?:(?:på|for|om)\s+[\wæøå-]+\s+)?)\([A-ZÆØÅ]{2,8}\)")
# A body's chairmanship, named before or after the body: "formandskabet for
# KKR", "KKR's formandskab", "KKR Midtjyllands formandskab", "KKR-formandskabet".
CHAIRMANSHIP_BEFORE = re.compile(r"(?:det\s+)?formandskab(?:et)?\s+for\s+(?=\S)", re.IGNORECASE)
CHAIRMANSHIP_AFTER = re.compile(r"(?P<owner>[^\s.,;:()][^.,;:()]{0,60}?)[\s-]formandskab(?:et)?\b", re.IGNORECASE)
# "drøftes i de fem KKR": every region's body of that kind, read (like a
# bare "KKR") as the one of the meeting's region.
EVERY_REGION = re.compile(r"(?:alle\s+)?(?:de\s+)?(?:fem|5)\s+(?=[A-ZÆØÅ])", re.IGNORECASE)
_EXTERNAL = (_AGENCY, _MINISTER, _BOARD_OF, _FORUM, _AUTHORITY, _NAMED_WITH_ABBREVIATION)


def purpose_of(clause: str) -> str:
    """decision, recommendation, information, comments, report or discussion,
    from the cues of a clause; "" when it names none."""
    hits = [(m.start(), purpose) for purpose, pattern in _PURPOSES for m in [pattern.search(clause)] if m]
    return min(hits)[1] if hits else ""


def purpose_nearest_end(clause: str) -> str:
    """The purpose whose cue comes last in `clause` (the words before a
    marker: the cue closest to it is the one that governs it); "" if none."""
    hits = [(m.start(), purpose) for purpose, pattern in _PURPOSES for m in pattern.finditer(clause)]
    return max(hits)[1] if hits else ""


def external_body(text: str) -> tuple[str, int] | None:
    """(name, length in `text`) of a body outside the reference data named
    at the start of `text`, else None. A minister stands for the ministry's
    office ("Transportministeren")."""
    for pattern in _EXTERNAL:
        m = pattern.match(text)
        if m:
            name = m.group("name").strip()
            if pattern is _MINISTER:
                name = name[0].upper() + name[1:] + "en"
            return name, m.end()
    return None


def chairmanship_owners(text: str) -> tuple[list[str], int] | None:
    """(spellings of the owner, length in `text`) when `text` starts with
    "<body>('s) formandskab(et)" or "<body>-formandskabet": the owner as
    written and without its genitive ending, to be looked up; else None."""
    m = CHAIRMANSHIP_AFTER.match(text)
    if not m:
        return None
    owner = m.group("owner").strip()
    bare = re.sub(r"(?:'s|’s|'|’|s)$", "", owner)
    return [owner] + ([bare] if bare != owner else []), m.end()


def when_of(text: str) -> str:
    """A time that names the receiving meeting or a deadline without (or
    besides) a date: "næste møde", "senest den 1. marts 2023"; "" if none."""
    m = WHEN.search(text)
    return re.sub(r"^(?:på\s+)?(?:det\s+)?", "", " ".join(m.group(0).split())) if m else ""


# "sendt til kommuner og region": as receivers of a case, the municipalities
# and the region of the meeting's body stand for their councils.
_COUNCILS = re.compile(r"^(?:(?:alle|de\s+midtjyske|de\s+\d+)\s+)?(?:kommuner|kommunerne)\b", re.IGNORECASE)
_REGION = re.compile(r"^[Rr]egion(?:en)?\b(?!\s+[A-ZÆØÅ])")  # not "Region Midtjylland"


def council_receiver(text: str, region: str) -> tuple[str, int] | None:
    """(body key, length) when `text` starts with "kommuner(ne)" or
    "region(en)" used as a receiver, read in `region`; else None."""
    if not region:
        return None
    for pattern, key in ((_COUNCILS, "kommunalbestyrelser-{}"), (_REGION, "regionsraadet-{}")):
        m = pattern.match(text)
        if m:
            return key.format(region), m.end()
    return None


# The letterhead of another organisation's document quoted in an item (a
# bilag printed into the minutes): its address, phone, e-mail and case
# number fields. Flows that document states are its own, not the item's.
_LETTERHEAD = (
    ("postcode", re.compile(r"^\s*\d{4}\s+[A-ZÆØÅ][a-zæøå]+")),
    # No word boundary: PDF exports run the fields into the words before.
    ("phone", re.compile(r"(?:Tlf|Telefon|Direkte)\.?:")),
    ("email", re.compile(r"E-?mail:", re.IGNORECASE)),
    ("case", re.compile(r"(?:Journalnr|J\.\s*nr|Sagsbehandler|Sags\s*ID|Dok\.\s*ID)\.?:", re.IGNORECASE)),
)
# How many kinds of field, within a few lines, make a letterhead (a case
# number alone heads many items of the minutes themselves).
LETTERHEAD_KINDS = 3


def letterhead_fields(line: str) -> set[str]:
    """The kinds of letterhead field a line holds: postcode, phone, email, case."""
    # Pre-check: every field but a postcode holds a colon, and a postcode
    # opens the line (re's \s and \d are str.isspace and str.isdecimal).
    if ":" not in line and not line.lstrip()[:1].isdecimal():
        return set()
    return {kind for kind, pattern in _LETTERHEAD if pattern.search(line)}


# A list, in the minutes, of the cases going to another body's coming
# meeting: "Foreløbige punkter til møde i KKR Midtjylland den 10. maj",
# "sager til KKR's møde den 10. maj". The body starts at `body`; the date
# follows it.
CASES_FOR_MEETING = re.compile(r"\b(?:punkter|sager|dagsordenspunkter)\s+(?:til|på|for)\s+(?:det\s+)?"
                               r"(?:kommende\s+)?(?:møde[t]?\s+i\s+)?(?P<body>\S)", re.IGNORECASE)
# Words of a case's title that say nothing about which case it is.
_NOT_A_CASE_WORD = STOP_WORDS | frozenset(
    "orientering status godkendelse forslag drøftelse første opfølgning præsentation input udkast sagen sager "
    "punkt punkter møde mødet mellem samt vedrørende omkring ønsket øget nyt nye ny revideret reviderede "
    "kommende fælles midtjylland nordjylland syddanmark sjælland hovedstaden".split())


def case_words(title: str) -> frozenset[str]:
    """The distinctive words of a case's title as kg.danish.titles compares
    titles (7-letter stems); short or generic words and numbers left out."""
    return frozenset(w for w in stems(title, _NOT_A_CASE_WORD, shortest=4) if w.isalpha())


def same_case_words(title: str, entry: str) -> bool:
    """Whether a list entry names the case of `title`: two distinctive words
    shared, or every distinctive word of a one-word entry."""
    shared = case_words(title) & case_words(entry)
    return len(shared) >= 2 or (len(shared) == 1 and len(case_words(entry)) == 1)


# "Evt. bemærkninger", "eventuelle kommentarer": what may or may not come.
CONDITIONAL_BEFORE = re.compile(r"\b(?:evt\.|eventuelle|eventuelt|mulige)\s+$", re.IGNORECASE)
# "KKR-mødet", "KKR's møde", "KKR mødet": a body's meeting named without a date.
BODY_MEETING_NAME = re.compile(r"(?P<body>[^\s.,;]+?)(?:-mødet|['’]s\s+møde|\s+mødet)\b", re.IGNORECASE)

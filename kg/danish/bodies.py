"""How Danish names bodies: the head words that say what kind of body a
name is ("...udvalget", "Styregruppen for ...", "Byrådet"), and how a name
written in a header is normalised.

A body kg has no reference data for is still a body: its kind is guessed
from the head word of its name, and the word the guess came from is kept,
so the guess can be shown and checked."""

from __future__ import annotations

import re

# Head words of body names and the kind each suggests, most specific first:
# "kommunekontaktråd" before "råd", "kommunalbestyrelse" before "bestyrelse".
# A head word matches the end of a compound ("Sundhedssamordningsudvalget")
# in its bare, definite or plural form.
KIND_CUES: tuple[tuple[str, str], ...] = (
    ("kommunekontaktråd", "kkr"),
    ("kkr", "kkr"),
    ("kommunalbestyrelse", "municipal-council"),
    ("byråd", "municipal-council"),
    ("regionsråd", "regional-council"),
    ("kontaktudvalg", "contact-committee"),
    ("forretningsudvalg", "executive-committee"),
    ("økonomiudvalg", "executive-committee"),
    ("udvalg", "committee"),
    ("styregruppe", "steering-group"),
    ("styringsgruppe", "steering-group"),
    ("arbejdsgruppe", "working-group"),
    ("følgegruppe", "working-group"),
    ("direktørforum", "directors-forum"),
    ("forum", "forum"),
    ("netværk", "network"),
    ("bestyrelse", "board"),
    ("forening", "association"),
    ("samråd", "council"),
    ("råd", "council"),
    ("panel", "panel"),
)
_KIND_OF = dict(KIND_CUES)
_ENDINGS = ("", "et", "en", "n", "e", "ne", "ene", "er", "erne", "s", "ets", "ens", "ns")

# Names that are a kind word and nothing else ("Byrådet", "Bestyrelsen",
# "Forretningsudvalget") say what a body is but not whose: every
# municipality has one.
_GENERIC_HEADS = frozenset({"byråd", "kommunalbestyrelse", "regionsråd", "bestyrelse", "forretningsudvalg",
                            "økonomiudvalg", "udvalg", "styregruppe", "råd", "forum", "netværk"})

# Words that end a body name written in running text or a title:
# "Møde i X den 6. maj", "X afklares per mail", "X. Afholdt onsdag ...".
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_NAME_END = re.compile(
    r"\s*(?:,|\.(?:\s|$)|:|;|\(|\s[-–]\s|\s(?:den|d\.)\s*\d|\s\d{1,2}\.\s?\w|\s\d{1,2}[-./]\d"
    r"|\s(?:afklares|afholdt|afholdes|holdes|blev|er|var|kl\.?|klokken|pkt\.?|vedr\.?|om\s+[a-zæøå]+\s+\d"
    r"|(?:for\s+)?(?:perioden|året)|(?:19|20)\d\d"
    r"|" + "|".join(WEEKDAYS) + r")\b).*$",
    re.IGNORECASE,
)
# An acronym used as a body's name: "BRN", "KOMDIR", "SSU".
_ACRONYM = re.compile(r"^[A-ZÆØÅ]{2,8}(?:-[A-ZÆØÅa-zæøå]+)?$")


def head_word(name: str) -> str:
    """The word that carries a Danish body name: the last word before a
    complement ("Udvalget for det nære sundhedsvæsen" -> "Udvalget",
    "Politisk styregruppe for X" -> "styregruppe"), the kind word before one
    qualifying word ("Handicapnetværket Nord", "Styregruppe 2"), else the
    last word."""
    words = name.split()
    for index, word in enumerate(words):
        if index and word.lower() in ("for", "om", "under", "vedr.", "til", "i", "på", "med"):
            return words[index - 1]
    if len(words) >= 2 and _QUALIFIER.match(words[-1]) and _kind_cue(words[-2]) and not _kind_cue(words[-1]):
        return words[-2]
    return words[-1] if words else ""


# One word after the kind word that tells bodies of a kind apart: a place or
# compass point ("Vest", "Aarhus"), a number ("2", "II"). Only one, so a
# person's name after a body ("Styregruppen Anne Holm") is not read as one.
_QUALIFIER = re.compile(r"^(?:[A-ZÆØÅ](?:[a-zæøå]+|[A-ZÆØÅ]+)|\d{1,2}|[IVX]{1,4})$")


def _kind_cue(word: str) -> str:
    word = word.casefold().strip(".,:;")
    for cue, _ in KIND_CUES:
        if any(word.endswith(cue + ending) for ending in _ENDINGS):
            return cue
    return ""


def guess_kind(name: str) -> tuple[str, str]:
    """(kind, cue) for a body name: the kind its head word suggests and
    that word's cue ("committee", "udvalg"); ("", "") when no word says."""
    head = head_word(name).casefold().strip(".,:;")
    if head == "kkr" or re.fullmatch(r"KKR\s+[A-ZÆØÅ]\w+", name.strip()):
        return "kkr", "kkr"
    cue = _kind_cue(head)
    return (_KIND_OF[cue], cue) if cue else ("", "")


def is_generic(name: str) -> bool:
    """True for a name that is only a kind word ("Byrådet", "Bestyrelse"),
    which many bodies share."""
    words = name.split()
    if len(words) != 1:
        return False
    word = words[0].casefold().strip(".,:;")
    return any(word == head + ending for head in _GENERIC_HEADS for ending in _ENDINGS)


def cut_body_name(phrase: str) -> str:
    """The body name at the start of a phrase from a title or a sentence:
    "Socialdirektørforum afklares per mail efter ..." -> "Socialdirektørforum",
    "BRN Fredag 18. september kl. 09.00" -> "BRN"."""
    name = _NAME_END.sub("", phrase.strip())
    return re.sub(r"\s+", " ", name).strip(" -–:,.")


# Words that cannot stand before the head word of a body's name: they show
# the phrase is a sentence or a page title about the body ("Medlemmer af X",
# "KKR har udpeget ... til X", "Om X").
_NOT_BEFORE_HEAD = frozenset("""af til har er var blev bliver følgende med på om ny nye hos fra ved
    medlemmer referat dagsorden møde mødet""".split())


def looks_like_body_name(name: str) -> bool:
    """A name that can be a body's: a capitalised or acronym name whose
    head word says it is a body, or an acronym ("BRN")."""
    if not name or len(name) > 90 or not (name[0].isupper() or name[0].isdigit()):
        return False
    if _ACRONYM.match(name):
        return True
    words = name.split()
    head = words.index(head_word(name)) if head_word(name) in words else len(words) - 1
    if any(word.casefold() in _NOT_BEFORE_HEAD for word in words[:head]):
        return False
    return bool(guess_kind(name)[0]) and len(words) <= 8


def body_name_in(phrase: str) -> str:
    """The body's name in a title phrase: the phrase itself when it is
    shaped like a name, else what follows its last word that cannot stand
    in a name ("Medlemmer af Sundhedsudvalget" -> "Sundhedsudvalget");
    "" when there is none."""
    name = cut_body_name(phrase)
    if looks_like_body_name(name):
        return name
    words = name.split()
    for index in range(len(words) - 1, -1, -1):
        if words[index].casefold() in _NOT_BEFORE_HEAD:
            rest = " ".join(words[index + 1:])
            return rest if looks_like_body_name(rest) else ""
    return ""


# "bestyrelsen for X", "Ny bestyrelse for X", "Bestyrelsesmøde i X",
# "hovedbestyrelsen i X": the board of the organisation X.
BOARD_OF = re.compile(
    r"\b(?:[Hh]oved)?[Bb]estyrelse(?:n|sen|smøde[t]?)?\s+(?:for|i|hos)\s+"
    r"(?P<owner>[A-ZÆØÅ][\w&æøåÆØÅ-]*(?:\s+[A-ZÆØÅ][\w&æøåÆØÅ-]*)*)"
)
# Kinds of organisation that have a board ("bestyrelse") of their own.
BOARD_OWNER_KINDS = frozenset({"association", "business-hub", "company"})


def is_board(name: str) -> bool:
    """True for a generic board name ("Bestyrelse", "Bestyrelsen")."""
    return is_generic(name) and guess_kind(name)[0] == "board"


def board_owner_in(text: str) -> str:
    """The organisation whose board a phrase names ("Ny bestyrelse for
    Kommunaldirektørforeningen for perioden 2017-2019" ->
    "Kommunaldirektørforeningen"), or ""."""
    m = BOARD_OF.search(text)
    return cut_body_name(m.group("owner")) if m else ""


def meeting_compound_stem(word: str) -> str:
    """The body a compound meeting word names: "Bestyrelsesmøde" ->
    "Bestyrelse", "Byrådsmødet" -> "Byråd"; "" for other words."""
    m = re.fullmatch(r"([A-ZÆØÅ][a-zæøå]{2,}?)s?møde[t]?", word.strip(".,:"))
    return m.group(1) if m and guess_kind(m.group(1))[0] else ""


def letter_spaced(text: str) -> str | None:
    """"K K R S J Æ L L A N D" (a PDF's letter-spaced heading) as
    "KKRSJÆLLAND"; None for any other text."""
    text = text.strip()
    if re.fullmatch(r"(?:[A-ZÆØÅ] ){3,}[A-ZÆØÅ]", text):
        return text.replace(" ", "")
    return None

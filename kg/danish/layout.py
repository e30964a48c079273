"""The furniture and labels of Danish meeting documents as they reach kg:
web meeting systems (`UDVALG` / `MØDE` / `STARTTIDSPUNKT` over their
values), PDF transcripts (page numbers, download and viewer buttons) and
web pages (menus, cookie banners, fold-out links). Pure patterns."""

from __future__ import annotations

import re

from kg.danish.literal import fold

# Whole lines that belong to the page, not the document: viewer and
# download buttons, menus, publication stamps, cookie banners, "back to top".
PAGE_FURNITURE = re.compile(
    r"^(?:Søg|Gå til indhold|Til toppen|Transkript|Abonnér|Abonner|Print|Udskriv|Del|Åbent|Lukket"
    r"|Størrelse: ?px|Starte visningen fra side:?|Save this PDF as:?|(?:WORD|PNG|TXT|JPG|PDF)(?:\s+(?:WORD|PNG|TXT|JPG|PDF))*"
    r"|Download\b.*|Udgivet:?\s+[\d.\-/ ]+|Opdateret:?\s.*|Senest opdateret:?\s.*"
    r"|Vi bruger cookies\b.*|Se vores \W?cookie.*"
    r"|(?:- )?Luk alle punkter\b.*|Forsiden \|.*|\w+pil[A-ZÆØÅ]\w*pil[A-ZÆØÅ].*)$",
    re.IGNORECASE,
)
# ... and a line anywhere in which the cookie policy is named: a pattern of
# its own, tried only when its word is in the line (it scans the whole line).
COOKIE_POLICY = re.compile(r"^.*\bcookiepolitik\b.*$", re.IGNORECASE)
# Furniture glued to a line: a fold-out link after an item title, a
# fold-out button before a section word, a document id after a body name.
INLINE_FURNITURE = (
    re.compile(r"Klik her for at folde ud og læse mere om\b.*$", re.IGNORECASE),
    re.compile(r"^(?:- )?fold dette punkt (?:ind|ud)\s*", re.IGNORECASE),
    re.compile(r"(?<!\s)\s+Brevid:\s*\d+\s*$", re.IGNORECASE),  # tried where a run of spaces starts
    re.compile(r"\s+Side \d{1,3} af \d{1,3}(?=\s|$)"),  # a PDF page's footer run into its text
)
# The words each of them needs, folded (kg.danish.literal).
_INLINE_FURNITURE_CUES = ("klik her for at folde ud", "fold dette punkt", "brevid:", "side ")
# One of them in a line (kg.danish.line_cues.FURNITURE, kg.read.Line.cues): a line without is left as it is.
INLINE_FURNITURE_CUES = frozenset(_INLINE_FURNITURE_CUES)
# A decision written after its section word without a colon, as a PDF page
# run onto one line leaves it ("Referat Godkendt. ...", "Beslutning Taget til
# efterretning"): the document records decisions, so it is minutes.
DECISION_RUN_ON = re.compile(r"^(?:Referat|Beslutning(?:er)?)\s*:?\s+(?:Godkendt|Godkendes|Taget til efterretning|"
                             r"Tiltrådt|Drøftet|Orienteringen\s+(?:blev\s+)?taget)\b")
# A site's name or logo line ("Region Syddanmark logo, link til forsiden"):
# kept (it says whose site it is) but never a body name or a title.
SITE_LINE = re.compile(r"\b(?:logo|forsiden|link til)\b", re.IGNORECASE)

# Field labels of web meeting systems, alone on a line over their value,
# or followed by ":" / a tab and the value. Label -> what it holds.
FIELD_LABELS = {
    "udvalg": "body", "forum": "body", "organ": "body",
    "møde": "title", "mødetitel": "title",
    "dato": "date", "mødedato": "date", "starttidspunkt": "date", "mødetidspunkt": "time",
    "tid og sted": "date", "tidspunkt": "time", "tid": "time", "sluttidspunkt": "end",
    "sted": "place", "mødested": "place", "lokale": "place",
}
FIELD = re.compile(
    r"^(" + "|".join(sorted(FIELD_LABELS, key=len, reverse=True)) + r")\s*(?:(?::|\t)\s*(.*)|$)",
    re.IGNORECASE,
)

# "Behandling i X onsdag den 15. januar 2020, pkt. 1" and "Beslutning i X
# den 21-08-2012": a per-item line of web meeting systems naming the body
# and the date.
TREATED_IN = re.compile(r"^(?:Behandling|Beslutning|Behandlet)\s+i\s+(?P<rest>[A-ZÆØÅ].+)$")


def field(text: str) -> tuple[str, str] | None:
    """(label, inline value) for a field line ("STARTTIDSPUNKT",
    "Mødedato: 21-08-2012"); the value is "" when it stands on the next line."""
    m = FIELD.match(text.strip())
    if not m:
        return None
    return m.group(1).lower(), (m.group(2) or "").strip()


def is_furniture(text: str, folded: str | None = None) -> bool:
    """Whether the line is page furniture; `folded` is fold(text) when the
    caller has it."""
    text = text.strip()
    return bool(PAGE_FURNITURE.match(text)
                or ("cookiepolitik" in (fold(text) if folded is None else folded) and COOKIE_POLICY.match(text)))


def strip_inline_furniture(text: str, folded: str | None = None) -> str:
    """The line without furniture glued to it (the same string when it has
    none); `folded` is fold(text) when the caller has it."""
    folded = fold(text) if folded is None else folded
    for pattern, cue in zip(INLINE_FURNITURE, _INLINE_FURNITURE_CUES):
        if cue in folded:  # a cheap pre-check: furniture is rare
            text = pattern.sub("", text)
    return text

"""Recognisers for the shapes of single lines: agenda-table rows, item
headings, section headings, participant-list labels, meeting titles.

Each takes the text of one logical line and returns what it sees, or None.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.danish import NUMERIC_DATE, TEXT_DATE, month_number
from kg.danish.attendance import LINE_LABEL, LIST_LABELS

# --- agenda table (table of contents) ---------------------------------------


@dataclass(frozen=True, slots=True)
class TocRow:
    """One row of an agenda table: number as printed ("3", "3.1", "" when the
    row is unnumbered, like "Deltagerfortegnelse ..... 3") and title."""

    number: str
    title: str
    punkt_style: bool
    presenters: str = ""


_TOC_HEADER = re.compile(r"^(?:Punkt\s*\t+\s*Indhold(?:\s*\t+\s*Bilag)?|Indhold(?:sfortegnelse)?|Dagsorden)\s*:?\s*$", re.I)
# The separators are atomic and titles end where a separator can start (a
# non-space; before a tab in "Punkt" rows): the lazy title
# tries every position of the line, and overlapping \s*, \t+ and \s* would
# retry every split of a run of tabs (n**3 and worse, issue 11). Both only
# drop tries that could not match, so the rows read are the same.
_DOT_LEADER = r"(?>\s*\.{2,}\s*)"
_TAB_GAP = r"(?>\s*\t\s*)"  # a run of spaces holding a tab
# "Punkt 3: Title<TAB>2" (page number optional)
_TOC_PUNKT = re.compile(r"^Punkt\s+(\d{1,2}(?:\.\d{1,2})*)\s*[:.]\s*(.*?[^\t])(?:\t++\s*+\d{1,3})?\s*$")
# "3<TAB>Title<TAB>./." (columns Punkt, Indhold, Bilag)
_TOC_COLUMNS = re.compile(rf"^(\d{{1,2}}(?:\.\d{{1,2}})*)\.?\s*\t+\s*(.*?\S)(?:{_TAB_GAP}(?:\./\.?|\d{{1,3}})?)?\s*$")
# "3.1. Title ..... 7" or "3.1. Title<TAB>7"
_TOC_PAGED = re.compile(rf"^(\d{{1,2}}(?:\.\d{{1,2}})*)\.?\s+(.*?\S)(?:{_DOT_LEADER}|{_TAB_GAP})\d{{1,3}}\s*$")
# "Deltagerfortegnelse ..... 3" (a capital and a space is the shortest title)
_TOC_UNNUMBERED = re.compile(rf"^([A-ZÆØÅ](?:[^\S\t]|[^\t]*?[^\t\s]))(?:{_DOT_LEADER}|{_TAB_GAP})\d{{1,3}}\s*$")
# A row is one line of an agenda table: far longer lines (a page run
# together) are not read as rows, which also bounds the dot leaders' cost.
MAX_TOC_ROW = 2000


def toc_header(text: str) -> bool:
    """True for the heading row of an agenda table ("Punkt  Indhold  Bilag")."""
    return bool(_TOC_HEADER.match(text.strip()))


def toc_row(text: str) -> TocRow | None:
    """Read an agenda-table row; None for any other line.

    Rows are told from item headings by their columns: a tab, a dot leader
    or a trailing page number. A plain "3. Title" line is a heading, not a row.
    """
    text = text.strip()
    if len(text) > MAX_TOC_ROW:
        return None
    paged = text[-1:].isdigit()  # a page column is a number at the end
    for pattern, punkt in ((_TOC_PUNKT, True), (_TOC_PAGED, False), (_TOC_COLUMNS, False)):
        if pattern is _TOC_PAGED and not paged:
            continue
        m = pattern.match(text)
        if not m:
            continue
        if pattern is _TOC_PUNKT and "\t" not in text and not re.search(r"\s\d{1,3}$", text):
            continue  # "Punkt 3: Title" without a page column is a heading
        title, presenters, _ = split_presenters(m.group(2))
        if title and not _starts_like_sentence_part(title):
            return TocRow(m.group(1).rstrip("."), title, punkt, presenters)
    m = _TOC_UNNUMBERED.match(text) if paged else None
    if m and len(m.group(1)) < 60:
        return TocRow("", _clean_title(m.group(1)), False)
    return None


# --- item headings -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """An item heading as printed: number ("" when unnumbered), title, the
    text after "v." (presenters, "" when none), whether the heading ends in
    a bare "v." (presenters on a following line), and its style."""

    number: str
    title: str
    presenters: str
    dangling_v: bool
    punkt_style: bool


# "Punkt 3: T", "Pkt. 3. T", "Pkt. 3 T"
# Municipal minutes number items through the year, so up to three digits ("171.").
_HEAD_PUNKT = re.compile(r"^(?:Punkt\s+(\d{1,3}(?:\.\d{1,2})*)\s*[:.]|Pkt\.?\s*(\d{1,3}(?:\.\d{1,2})*)\.?)\s*(\S.*)$")
# "3. T", "3.1. T", "3 T", "3: T", "171. T" (a colon only before a space: "10:00" is a time)
_HEAD_NUMBERED = re.compile(r"^(?:-\s+)?(\d{1,3}(?:\.\d{1,2})*)(?:\.\s*|:\s+|\s+)(\S.*)$")
# In a run-on PDF page the heading runs into the item's text: the title ends
# where a sentence or the case furniture begins.
_TITLE_END = re.compile(
    r"\s+(?:(?:Åben|Lukket) sag\b|Sagsnr\.?:?\s|Ad \d{1,2}\.\s"
    r"|(?:Der|Det|Den|De|Dette|Vi|Formanden|Sekretariatet|Administrationen|Forvaltningen|Udvalget|Rådet"
    r"|Bestyrelsen)\s+[a-zæøå]).*$")
_RUN_ON_TITLE = 100
# A bare page number (no dot or colon) before the document's own title.
_PAGE_TITLE = re.compile(r"^\d{1,3}\s+(?:Referat|Dagsorden|Beslutningsprotokol|Mødereferat|REFERAT|DAGSORDEN)\b")
_PRESENTER_CUT = re.compile(r"\s+v\.(?:\s+|$)")


# Memoised: the walk asks for the heading of a line several times (is it an
# inner list, the next item, does a heading below continue it), and a
# Heading is immutable.
@functools.lru_cache(maxsize=4096)
def heading(text: str) -> Heading | None:
    """Read an item heading ("Punkt 3: T v. X", "3. T v. X", "3.1. T",
    "- 2. T v. X"); None when the line cannot be one."""
    text = text.strip()
    punkt = _HEAD_PUNKT.match(text)
    m = punkt or _HEAD_NUMBERED.match(text)
    if not m or "\t" in text:
        return None
    number, rest = (m.group(1) or m.group(2), m.group(3)) if punkt else (m.group(1), m.group(2))
    if not punkt and _PAGE_TITLE.match(text):
        return None  # "1 Referat fra møde i ...": a transcript's page number before the document title
    rest = re.sub(r"\s+(?:(?:Åben|Lukket) sag\b|Sagsnr\.?:?\s).*$", "", rest)
    if len(rest) > _RUN_ON_TITLE:
        rest = _TITLE_END.sub("", rest)
    if _starts_like_sentence_part(rest) or len(rest) > 300:
        return None
    title, presenters, dangling = split_presenters(rest)
    if not title:
        return None
    # "01." is item 1: numbers compare as numbers.
    number = ".".join(str(int(part)) for part in number.rstrip(".").split("."))
    return Heading(number, title, presenters, dangling, bool(punkt))


def bare_heading(text: str) -> Heading | None:
    """An unnumbered heading "Title v. X" (the first item of some minutes
    lacks its number); only trusted when its title matches the agenda."""
    text = text.strip()
    if text.startswith("- "):
        text = text[2:]
    if "\t" in text or "v." not in text or not _PRESENTER_CUT.search(text + " "):
        return None
    title, presenters, dangling = split_presenters(text)
    return Heading("", title, presenters, dangling, False) if title else None


def split_presenters(text: str) -> tuple[str, str, bool]:
    """Split "Title v. A og B" into ("Title", "A og B", False); a title that
    ends in a bare "v." gives ("Title", "", True)."""
    parts = _PRESENTER_CUT.split(text + " ", maxsplit=1)
    title = _clean_title(parts[0])
    if len(parts) == 1:
        return title, "", False
    presenters = parts[1].strip().strip("*").strip()
    return title, presenters, presenters == ""


def _clean_title(text: str) -> str:
    text = re.sub(r"\.{2,}\s*$", "", text.replace("*", "")).strip()
    return re.sub(r"\s+", " ", text).strip(" \t:")


def _starts_like_sentence_part(text: str) -> bool:
    """A heading title starts with a capital, digit or quote, and not with a
    month ("13. januar ..." is a date, not item 13)."""
    first = text.split()[0].rstrip(".,:") if text.split() else ""
    if not first or not (first[0].isupper() or first[0].isdigit() or first[0] in "\"'”“«"):
        return True
    return month_number(first) is not None


# --- sections inside an item -------------------------------------------------

SECTION_WORDS = {
    "resume": "resume", "resumé": "resume",
    "baggrund": "background",
    "indstilling": "recommendation", "indstillinger": "recommendation",
    "beslutning": "decision", "beslutninger": "decision", "referat": "decision",
    "sagsfremstilling": "case", "sagsbeskrivelse": "case", "sagens indhold": "case",
    "bilag": "attachments",
}
_SECTION = re.compile(
    r"^(" + "|".join(sorted(SECTION_WORDS, key=len, reverse=True)) + r")\s*(:?)\s*(.*)$", re.IGNORECASE
)


def section_heading(text: str) -> tuple[str, str] | None:
    """(section kind, inline text) for "Beslutning", "Referat: Godkendt",
    "Indstilling: Det indstilles ..."; None otherwise. A section word followed
    by text without a colon ("Referat af mødet ...") is prose, not a heading."""
    m = _SECTION.match(text.strip())
    if not m:
        return None
    word, colon, rest = m.group(1).lower(), m.group(2), m.group(3).strip()
    if rest and not colon:
        return None
    if word == "referat" and not colon:
        return None  # a lone "Referat" is usually a document title, not a section
    return SECTION_WORDS[word], rest


# Furniture of a municipal case page right under its heading ("Sagsnr.",
# "Sagsid.: 20/1234", "Sagsforløb: BY", "Forventet sagsgang").
_CASE_MARK = re.compile(r"^(?:Sagsnr|Sagsid|Sags-?id|Sagsforløb|Forventet\s+sagsgang|Sagsgang|Journalnr|J\.\s*nr)\b",
                        re.IGNORECASE)


def case_mark(text: str) -> bool:
    """True for a section heading of an item standing alone on its line
    ("Sagsfremstilling", "Beslutning") or the case furniture that opens a
    municipal case ("Sagsnr.: ..."). "Beslutning: Valg af formand" is not
    one: in a run-on agenda list it is a title's prefix."""
    text = text.strip()
    section = section_heading(text)
    return (section is not None and not section[1]) or bool(_CASE_MARK.match(text))


RECOMMENDATION_START = re.compile(r"^(?:Det\s+indstilles\b|\S.{0,60}\bindstiller\s+til\b)")

# --- participant lists -------------------------------------------------------

def block_label(text: str) -> tuple[str, str] | None:
    """(kind, inline rest) for a line that opens a participant list:
    "Deltagere: ...", "- Afbud", "Fraværende:\tX", "Gæster"; kinds are those
    of kg.danish.attendance.LIST_LABELS. None otherwise."""
    m = LINE_LABEL.match(text)
    if not m:
        return None
    return LIST_LABELS[m.group(1).lower()], m.group(2).strip()


# --- meeting titles ----------------------------------------------------------

KIND_WORDS = {
    "dagsorden": "agenda", "referat": "minutes", "beslutningsprotokol": "minutes",
    "protokol": "minutes", "mødereferat": "minutes",
}
_KIND = re.compile(r"\b(" + "|".join(KIND_WORDS) + r")\b", re.IGNORECASE)
_MEETING_CUE = re.compile(r"^(?:Tid og sted|Tid|Sted|Dato|Mødedato|Mødested|Deltagere|Afbud)\s*[:\t]", re.I)
_EMBEDDED_TITLE = re.compile(
    r"^(?:Referat|Dagsorden|Beslutningsprotokol)\s+(?:af|fra|for|til)\s+(?:\w+\s+){0,3}?møde[t]?\b", re.I
)


def kind_word(text: str) -> str | None:
    """"agenda" or "minutes" when the line names the document kind."""
    m = _KIND.search(text)
    return KIND_WORDS[m.group(1).lower()] if m else None


def meeting_cue(text: str) -> bool:
    """True for the labelled lines that follow a meeting title: "Tid og sted:",
    "Dato:", "Sted:", "Deltagere:", "Afbud:"."""
    return bool(_MEETING_CUE.match(text.strip()))


_DOCUMENT_TITLE = re.compile(r"^(?:" + "|".join(KIND_WORDS) + r")(?:\s+(?:19|20)\d\d)?$", re.IGNORECASE)


def document_title(text: str) -> bool:
    """True for a line that is only a document's kind, perhaps with a year:
    "DAGSORDEN 2021", "REFERAT", "Beslutningsprotokol"."""
    return bool(_DOCUMENT_TITLE.match(text.strip()))


def embedded_title(text: str) -> bool:
    """True for a line that may title quoted minutes: "Referat fra møde i X,
    den <date>". Whether it really opens a meeting is decided by what
    follows it (see structure.find_embedded_meeting)."""
    text = text.strip()
    return bool(_EMBEDDED_TITLE.match(text)) and bool(TEXT_DATE.search(text) or NUMERIC_DATE.search(text))


__all__ = [
    "TocRow", "Heading", "toc_header", "toc_row", "heading", "bare_heading",
    "split_presenters", "section_heading", "case_mark", "RECOMMENDATION_START", "block_label", "kind_word",
    "meeting_cue", "embedded_title", "SECTION_WORDS",
]

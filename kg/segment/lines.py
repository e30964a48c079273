"""Logical lines: the normalised lines of a document, with PDF-export damage
undone as far as structure allows.

- Page furniture ("Side 2 af 5", "Punkt 4, Bilag 2, <title>", and a web
  page's buttons and menus, see kg.danish.layout) is dropped.
- A line that holds a whole page (a PDF export that lost its line breaks) is
  split before the markers that start structure: "Punkt N:", a numbered
  heading after a full stop, section words (Indstilling, Beslutning ...).
- "Det indstilles" always starts a line of its own: item headings are often
  followed by their recommendation on the same line (as in "3. Title v. X
  *Det indstilles, at ...*").

Every logical line keeps the number of the file line it came from.
"""

from __future__ import annotations

import re

from kg.danish import line_cues
from kg.danish.layout import COOKIE_POLICY, PAGE_FURNITURE, strip_inline_furniture
from kg.read import Line

# Running page headers and footers of PDF exports.
_PAGE_FURNITURE = re.compile(
    r"^(?:Side \d+(?: af \d+)?|Page \d+(?: of \d+)?|\d+ ?/ ?\d+"
    r"|Punkt \d+, Bilag \d+\b.*|Bilag \d+ til punkt \d+\b.*)$",
    re.IGNORECASE,
)
# ... or of web pages (kg.danish.layout.PAGE_FURNITURE, is_furniture): both
# asked in one match of the stripped line.
_ANY_PAGE_FURNITURE = re.compile(f"{_PAGE_FURNITURE.pattern}|{PAGE_FURNITURE.pattern}", re.IGNORECASE)

# Where to cut any line: before a recommendation that shares its line.
_ALWAYS_SPLIT = re.compile(r"(?<=\S) +(?=Det indstilles\b)")

# Where to cut a line long enough to be several lines run together.
LONG_LINE = 240
# Both cuts are a run of spaces after a non-space; the pattern opens with the
# space itself (the look-behind after it) so that re scans for " " first
# instead of trying every position of a long line. Every cut is followed by
# a capital or a digit, asked first: most spaces are followed by a small
# letter, and then none of the alternatives below is tried.
_LONG_SPLIT = re.compile(
    # Not after an item number: "1. Beslutning: Valg af formand" is a title
    # whose first word names the kind of item, not a section of its own.
    r" (?= *[A-ZÆØÅ\d])(?:(?<=\S )(?<!\d[.:] ) *(?="
    r"Punkt \d+ ?:"
    r"|(?:Indstilling|Beslutning|Sagsfremstilling|Resume|Baggrund)\b(?! (?:om|af|til|for|i|på)\b)"
    r"|Referat ?:|Dagsorden ?:"
    r"|(?:Deltagere|Afbud|Fraværende|Tid og sted|Dato|Sted) ?:"
    r"|(?:Sagsoversigt|Indholdsfortegnelse)\b"
    r"|Ad \d{1,2}\.\s"  # "Ad 3." opens what the minutes say on item 3
    r"|[A-ZÆØÅ][\wæøå-]+ indstiller,? (?:at|til)\b"  # "Sekretariatet indstiller, at" after a title
    r")"
    r"|(?<=[.!?*] ) *(?=\d{1,2}(?:\.\d{1,2})*[.:]? [A-ZÆØÅ][a-zæøå]))"
)
# An agenda-list title glued to its first row ("Indholdsfortegnelse1. Fraværende").
_GLUED_LIST_TITLE = re.compile(r"^(Indholdsfortegnelse|Sagsoversigt|Dagsorden|Punkter)\s*:?\s*(?=\d{1,2}[.:]\s*\S)",
                               re.IGNORECASE)
# Its pre-check: a line _GLUED_LIST_TITLE cannot cut begins with none of its words.
_GLUED_LIST_TITLE_CUE = re.compile(r"\s*(?:Indholdsfortegnelse|Sagsoversigt|Dagsorden|Punkter)", re.IGNORECASE)
# A PDF transcript's page number before the page's text ("3 Deltagere ...",
# "2 2 01. Godkendelse ..."), told from an item number by running on
# from page to page (see _page_numbers).
_PAGE_PREFIX = re.compile(r"^(\d{1,3})(?: \1)? (?=\S)")
# Numbers that open items in a run-on agenda ("1. Godkendelse ... 2. Temadrøftelse").
_RUN_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,2})[.:] (?=[A-ZÆØÅ\"”“])")
# What every _RUN_NUMBER match holds, without the look-behind in front:
# r"\d[.:] [A-ZÆØÅ\"”“]", one pattern for each stop, spelt to open with
# the stop and its space: re skips to a literal opening (". ") several
# times faster than to a class of characters ("[.:]").
_RUN_NUMBER_CUES = (re.compile(r"\. (?<=\d\. )[A-ZÆØÅ\"”“]"), re.compile(r": (?<=\d: )[A-ZÆØÅ\"”“]"))
_NOT_ITEM_BEFORE = re.compile(r"(?:\b(?:Ad|ad|punkt|pkt\.?|nr\.?|kl\.?|den|d\.|af|i|til|og)|,)\s*$")
# Numbers may be lost between two items of a run-on agenda ("4. ... 7. ...").
_MAX_NUMBER_GAP = 3
# ... and after a section word run into its text ("Beslutning Dagsordenen blev ...").
_AFTER_SECTION_WORD = re.compile(r"^(Indstilling|Beslutning|Sagsfremstilling|Resume|Baggrund) +(?=[A-ZÆØÅ])")


def logical_lines(lines: tuple[Line, ...] | list[Line]) -> list[Line]:
    """Split run-together lines and drop page furniture, keeping line numbers."""
    out: list[Line] = []
    kept = [line for line in lines if not _is_furniture(line)]
    paged = _page_numbers(kept)
    for index, line in enumerate(kept):
        # Furniture glued to the line only where the line holds one of its cues (most lines: the same text).
        text = line.text if line.cues.isdisjoint(line_cues.FURNITURE) else strip_inline_furniture(line.text, line.folded)
        run_on = len(text) > LONG_LINE or index in paged
        if not run_on and text is line.text and "Det indstilles" not in text and not _GLUED_LIST_TITLE_CUE.match(text):
            out.append(line)  # nothing to cut (most lines): the same line, its folded text kept
            continue
        if index in paged:
            text = _PAGE_PREFIX.sub("", text, count=1)
        pieces = _ALWAYS_SPLIT.split(text) if "Det indstilles" in text else [text]  # its literal first
        if run_on:
            pieces = [part for piece in pieces for part in _split_run_on_items(piece)]
            if text is not line.text or _may_cut_long(line):  # (pieces of the line's text: its pre-check)
                pieces = [part for piece in pieces for part in _LONG_SPLIT.split(piece)]
            pieces = [part for piece in pieces for part in _split_section_word(piece)]
        pieces = [part for piece in pieces for part in _split_glued_list_title(piece)]
        if len(pieces) == 1 and pieces[0] is line.text:
            out.append(line)  # a long line with nothing to cut: the same line, its folded text kept
            continue
        out.extend(Line(line.number, piece.strip() if len(pieces) > 1 else piece) for piece in pieces if
                   piece.strip() or len(pieces) == 1)
    return out


# What every cut of _LONG_SPLIT's second branch holds ("[.!?*] +\d"), one
# pattern for each stop: re skips to a literal opening ("."), not to a class.
_STOP_THEN_NUMBER = (re.compile(r"\. +\d"), re.compile(r"! +\d"), re.compile(r"\? +\d"), re.compile(r"\* +\d"))


def _may_cut_long(line: Line) -> bool:
    """Whether _LONG_SPLIT may cut the line's text (or a piece of it): only
    before a word of line_cues.LONG_CUT (its cues; case aside) or a number
    after a stop. Most run-on lines are prose paragraphs with neither, and
    _LONG_SPLIT tries every space of them."""
    if not line.cues.isdisjoint(line_cues.LONG_CUT):
        return True
    text = line.text
    return any(stop in text and pattern.search(text) for stop, pattern in zip(".!?*", _STOP_THEN_NUMBER))


# How each whole-line furniture of _ANY_PAGE_FURNITURE opens, folded (but
# for a number, and for the word run together with "pil"s): a line opening
# otherwise is asked no pattern (most lines).
_FURNITURE_OPENINGS = (
    "side ", "page ", "punkt ", "bilag ", "søg", "gå til", "til toppen", "transkript", "abonn", "print", "udskriv",
    "del", "åbent", "luk", "størrelse", "starte", "save", "word", "png", "txt", "jpg", "pdf", "download", "udgivet",
    "opdateret", "senest", "vi bruger", "se vores", "- luk", "forsiden")


def _is_furniture(line: Line) -> bool:
    """Page furniture (_PAGE_FURNITURE, or kg.danish.layout.is_furniture) on a line of its own."""
    opening = line.folded.lstrip()
    if not opening.startswith(_FURNITURE_OPENINGS) and not opening[:1].isdecimal() and "pil" not in opening:
        return "cookiepolitik" in line.folded and bool(COOKIE_POLICY.match(line.text.strip()))
    text = line.text.strip()
    return bool(_ANY_PAGE_FURNITURE.match(text) or ("cookiepolitik" in line.folded and COOKIE_POLICY.match(text)))


def _page_numbers(lines: list[Line]) -> set[int]:
    """Indexes of lines that start with a PDF transcript's page number: a
    run of at least two such lines numbered on by one, most of them run-on
    pages (long, or with an item number right after the page number)."""
    found: set[int] = set()
    chain: list[int] = []
    last = 0
    candidates = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _PAGE_PREFIX.match(line.text))]

    def close() -> None:
        pages = [lines[i].text for i in chain]
        run_on = sum(1 for t in pages if len(t) > LONG_LINE // 2 or re.match(r"^\d{1,3}(?: \d{1,3})? \d", t))
        if len(chain) >= 2 and 2 * run_on >= len(chain):
            found.update(chain)

    for index, number in candidates:
        if chain and number == last + 1:
            chain.append(index)
        else:
            close()
            chain = [index]
        last = number
    close()
    return found


def _split_run_on_items(text: str) -> list[str]:
    """Cut a run-on line before each number of the longest run of item
    numbers in it (1, 2, 3 ..., a few lost numbers allowed); numbers after
    "Ad", "punkt", "den" ... refer to items, they do not open them."""
    if not run_number_cue(text):
        return [text]  # no number opens anything (a pre-check: re skips to the digits)
    hits = [(m.start(), int(m.group(1))) for m in _RUN_NUMBER.finditer(text)
            if not _NOT_ITEM_BEFORE.search(text[max(0, m.start() - 8): m.start()])]
    best: list[int] = []
    for start, (_, first) in enumerate(hits):
        run, last = [hits[start][0]], first
        for position, number in hits[start + 1:]:
            if last < number <= last + _MAX_NUMBER_GAP:
                run.append(position)
                last = number
        if len(run) > len(best):
            best = run
    if len(best) < 2:
        return [text]
    cuts = [0, *(p for p in best if p > 0), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def run_number_cue(text: str) -> bool:
    """Whether `text` holds what every _RUN_NUMBER match holds (a pre-check)."""
    return bool(_RUN_NUMBER_CUES[0].search(text) or _RUN_NUMBER_CUES[1].search(text))


def _split_glued_list_title(text: str) -> list[str]:
    m = _GLUED_LIST_TITLE.match(text.strip())
    return [m.group(1), text.strip()[m.end():]] if m else [text]


def _split_section_word(piece: str) -> list[str]:
    m = _AFTER_SECTION_WORD.match(piece)
    return [m.group(1), piece[m.end():]] if m else [piece]

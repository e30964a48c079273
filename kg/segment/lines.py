"""Logical lines: the normalised lines of a document, with PDF-export damage
undone as far as structure allows.

- Page furniture ("Side 2 af 5", "Punkt 4, Bilag 2, <title>") is dropped.
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

from kg.read import Line

# Running page headers and footers of PDF exports.
_PAGE_FURNITURE = re.compile(
    r"^(?:Side \d+(?: af \d+)?|Page \d+(?: of \d+)?|\d+ ?/ ?\d+"
    r"|Punkt \d+, Bilag \d+\b.*|Bilag \d+ til punkt \d+\b.*)$",
    re.IGNORECASE,
)

# Where to cut any line: before a recommendation that shares its line.
_ALWAYS_SPLIT = re.compile(r"(?<=\S) +(?=Det indstilles\b)")

# Where to cut a line long enough to be several lines run together.
LONG_LINE = 240
_LONG_SPLIT = re.compile(
    r"(?<=\S) +(?="
    r"Punkt \d+ ?:"
    r"|(?:Indstilling|Beslutning|Sagsfremstilling|Resume|Baggrund)\b(?! (?:om|af|til|for|i|på)\b)"
    r"|Referat ?:"
    r"|(?:Deltagere|Afbud|Fraværende|Tid og sted|Dato|Sted) ?:"
    r")"
    r"|(?<=[.!?*]) +(?=\d{1,2}(?:\.\d{1,2})*\.? [A-ZÆØÅ][a-zæøå])"
)
# ... and after a section word run into its text ("Beslutning Dagsordenen blev ...").
_AFTER_SECTION_WORD = re.compile(r"^(Indstilling|Beslutning|Sagsfremstilling|Resume|Baggrund) +(?=[A-ZÆØÅ])")


def logical_lines(lines: tuple[Line, ...] | list[Line]) -> list[Line]:
    """Split run-together lines and drop page furniture, keeping line numbers."""
    out: list[Line] = []
    for line in lines:
        if _PAGE_FURNITURE.match(line.text.strip()):
            continue
        pieces = _ALWAYS_SPLIT.split(line.text)
        if len(line.text) > LONG_LINE:
            pieces = [part for piece in pieces for part in _LONG_SPLIT.split(piece)]
            pieces = [part for piece in pieces for part in _split_section_word(piece)]
        out.extend(Line(line.number, piece.strip() if len(pieces) > 1 else piece) for piece in pieces)
    return out


def _split_section_word(piece: str) -> list[str]:
    m = _AFTER_SECTION_WORD.match(piece)
    return [m.group(1), piece[m.end():]] if m else [piece]

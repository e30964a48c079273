"""PDF: the text layer, page by page (pypdf), so lines can be cited by page.

Running headers and footers (the same line at the top or bottom of most
pages, page numbers aside) are blanked, not removed, so every other line keeps
its place on its page. A PDF whose pages have no text layer is a scan, and is
named as one: kg does not run OCR.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from kg.errors import InputError
from kg.model import Doubt

# Lines this close to a page's top or bottom may be page furniture.
_EDGE = 2
_DIGITS = re.compile(r"\d+")
# A page number alone: "3", "Side 3 af 9", "Page 3 of 9", "3/9", "- 3 -".
_PAGE_NUMBER = re.compile(r"(?:side|page|s\.)?\s*-?\s*#\s*(?:(?:af|of|/)\s*#)?\s*-?", re.IGNORECASE)


def read(data: bytes, name: str) -> tuple[list[str], str, list[Doubt]]:
    """(text of each page, "pdf", warnings). Raises InputError for PDFs
    that are damaged, encrypted or scanned."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs recoverable damage as warnings; kg reports what matters itself.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _unlock(reader):
            raise InputError(name, "is an encrypted PDF; save an unprotected copy first")
        pages = [page_text(page) for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        # pypdf raises many kinds for a damaged file; they all mean the same here.
        raise InputError(name, f"is a damaged PDF that cannot be read ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise InputError(name, "is a PDF without pages")
    if not any(page.strip() for page in pages):
        raise InputError(name, f"is a scanned PDF without a text layer ({len(pages)} page"
                               f"{'s' if len(pages) != 1 else ''} of images); run OCR on it first "
                               "(e.g. ocrmypdf) and build from the result")
    warnings = [Doubt(name, 1, f"page {number} has no text layer (a scanned page?); its text is missing")
                for number, page in enumerate(pages, start=1) if not page.strip()]
    return blank_furniture(pages), "pdf", warnings


def page_text(page) -> str:
    """A page's text in reading order: pypdf's layout mode keeps each line's
    horizontal positions, from which a two-column page is read column by
    column, and cells set apart by wide gaps become tab-separated (as agenda
    tables read in text exports)."""
    text = page.extract_text(extraction_mode="layout") or ""
    lines = split_columns([line.rstrip() for line in text.split("\n")])
    # Layout mode renders vertical space as blank lines, several for a wide
    # gap; one blank line is what a paragraph break is in text.
    out: list[str] = []
    for line in (_CELL_GAP.sub("\t", line.strip()) for line in lines):
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


# Four or more spaces inside a line in layout mode: a gap between table cells.
_CELL_GAP = re.compile(r" {4,}")


def split_columns(lines: list[str]) -> list[str]:
    """Lines of a two-column page, left column first. A gutter is a run of
    three blank positions near the middle that no body line crosses, with
    text on both sides of most lines. Tables look alike, so a page is split
    only when its sides read as running text: no cell gaps inside them, and
    left-hand lines of some length (a list of names beside municipalities is
    a table). The first and last two lines (running header and footer) may
    cross the gutter."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 8:
        return lines
    body = content[_EDGE:-_EDGE]
    width = max(len(lines[i]) for i in body)
    for gutter in range(int(width * 0.35), int(width * 0.65)):
        if any(lines[i][gutter - 1:gutter + 2].strip() for i in body):
            continue
        left = [lines[i][:gutter].strip() for i in body if lines[i][:gutter].strip()]
        right = [lines[i][gutter:].strip() for i in body if lines[i][gutter:].strip()]
        if len(left) * 3 < len(body) or len(right) * 3 < len(body):
            continue
        cells = sum(1 for side in (left, right) for line in side if _CELL_GAP.search(line))
        if cells * 5 <= len(left) + len(right) and sum(map(len, left)) >= 30 * len(left):
            return _by_column(lines, content, gutter)
    return lines


def _by_column(lines: list[str], content: list[int], gutter: int) -> list[str]:
    top, bottom = set(content[:_EDGE]), set(content[-_EDGE:])
    def crosses(i: int) -> bool:
        return bool(lines[i][gutter - 1:gutter + 2].strip())
    head = [lines[i] for i in sorted(top) if crosses(i)]
    foot = [lines[i] for i in sorted(bottom) if crosses(i)]
    middle = [i for i in range(len(lines)) if not ((i in top or i in bottom) and crosses(i))]
    left = [lines[i][:gutter].rstrip() for i in middle]
    right = [lines[i][gutter:].rstrip() for i in middle]
    indent = min((len(r) - len(r.lstrip()) for r in right if r.strip()), default=0)
    return head + left + [r[indent:] for r in right] + foot


def _unlock(reader) -> bool:
    """Many PDFs are 'encrypted' with an empty password only to stop editing."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - any failure means: cannot unlock
        return False


def blank_furniture(pages: list[str]) -> list[str]:
    """Blank lines repeated at the top or bottom of most pages (running
    headers and footers, with their page numbers) when there are 3+ pages."""
    if len(pages) < 3:
        return pages
    split = [page.split("\n") for page in pages]
    seen = Counter(key for lines in split for key in {_key(line) for line in _edges(lines)} if key)
    furniture = {key for key, count in seen.items() if count * 2 > len(pages)}
    if not furniture:
        return pages
    out = []
    for lines in split:
        edge = set(range(min(_EDGE, len(lines)))) | set(range(max(len(lines) - _EDGE, 0), len(lines)))
        out.append("\n".join("" if i in edge and _key(line) in furniture else line for i, line in enumerate(lines)))
    return out


def _edges(lines: list[str]) -> list[str]:
    return lines[:_EDGE] + lines[-_EDGE:]


def _key(line: str) -> str:
    """The line, or "#" for a page number alone (so "Side 2 af 9" matches
    "Side 3 af 9"); other lines must repeat exactly."""
    text = " ".join(line.split())
    return "#" if _PAGE_NUMBER.fullmatch(_DIGITS.sub("#", text)) else text

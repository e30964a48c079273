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
        pages = [page.extract_text() or "" for page in reader.pages]
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

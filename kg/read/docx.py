"""Word .docx: paragraphs and tables in document order (python-docx).

Each paragraph is a line, with the number or bullet Word draws for it
(automatic numbering is not in the text, but "1." before a heading is what
the segmenter reads). A table row is a line of tab-separated cells, the way
agenda tables look once their borders are gone; a one-column table (a layout
box) gives its paragraphs as lines. Headers and footers are page furniture
and are left out.
"""

from __future__ import annotations

import io
import zipfile

from kg.errors import InputError
from kg.model import Doubt


def read(data: bytes, name: str) -> tuple[list[str], str, list[Doubt]]:
    """([the document's text], "docx", warnings). Raises InputError for a
    damaged file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        lines = list(_blocks(document.element.body, document, numbering))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(name, f"is a damaged Word file that cannot be read ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # lxml raises its own kinds for broken XML inside the package
        if type(exc).__module__.startswith("lxml"):
            raise InputError(name, f"is a damaged Word file (broken XML: {exc})") from exc
        raise
    return ["\n".join(lines)], "docx", []


def _blocks(container, document, numbering) -> list[str]:
    """The lines of a body or table cell: paragraphs and tables in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            yield numbering.label(child) + paragraph.text
        elif tag == "tbl":
            yield from _table(Table(child, document), document, numbering)
        elif tag == "sdt":  # content controls wrap ordinary paragraphs and tables
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content, document, numbering)


def _table(table, document, numbering):
    for row in table.rows:
        cells = _unique_cells(row)
        if len(cells) == 1:
            yield from _blocks(cells[0]._tc, document, numbering)
        else:
            yield "\t".join(" ".join(" ".join(_blocks(cell._tc, document, numbering)).split()) for cell in cells)


def _unique_cells(row) -> list:
    """python-docx repeats a merged cell once per grid column; keep it once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


class _Numbering:
    """Word's automatic list numbers: counters per list and level, formatted
    by the level's pattern ("%1.", "%1.%2."); bullets become "- "."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (format, text, start)
        self.counters: dict[str, list[int]] = {}
        self.styles = _style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {a.get(_w("abstractNumId")): a for a in root.findall(_w("abstractNum"))}
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            definition = abstract.get(ref.get(_w("val"))) if ref is not None else None
            if definition is None:
                continue
            for level in definition.findall(_w("lvl")):
                self.levels[(num.get(_w("numId")), int(level.get(_w("ilvl"), "0")))] = (
                    _val(level, "numFmt", "decimal"), _val(level, "lvlText", "%1."), int(_val(level, "start", "1")))

    def label(self, paragraph) -> str:
        num_pr = paragraph.find(f"{_w('pPr')}/{_w('numPr')}")
        style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
        inherited = self.styles.get(style.get(_w("val"))) if style is not None else None
        if num_pr is None and inherited is None:
            return ""
        num_id = _val(num_pr, "numId", "") if num_pr is not None else ""
        level = int(_val(num_pr, "ilvl", "-1")) if num_pr is not None else -1
        if inherited:  # a list style ("List Number") numbers its paragraphs
            num_id = num_id or inherited[0]
            level = level if level >= 0 else inherited[1]
        level = max(level, 0)
        if num_id in ("", "0"):  # numId 0 switches numbering off
            return ""
        fmt, text, _ = self.levels.get((num_id, level), ("decimal", f"%{level + 1}.", 1))
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(self._start(num_id, len(counters)) - 1)
        counters[level] += 1
        del counters[level + 1:]  # a new parent restarts its children
        for k, value in enumerate(counters, start=1):
            text = text.replace(f"%{k}", str(value))
        return text.strip() + " "

    def _start(self, num_id: str, level: int) -> int:
        return self.levels.get((num_id, level), ("", "", 1))[2]


def _style_numbering(document) -> dict[str, tuple[str, int]]:
    """styleId -> (numId, level) for paragraph styles that number their
    paragraphs, directly or through the style they are based on."""
    try:
        styles = {s.get(_w("styleId")): s for s in document.styles.element.findall(_w("style"))}
    except (AttributeError, KeyError, NotImplementedError):
        return {}
    found: dict[str, tuple[str, int]] = {}
    for style_id in styles:
        seen, current = set(), style_id
        while current in styles and current not in seen:
            seen.add(current)
            num_pr = styles[current].find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None and num_pr.find(_w("numId")) is not None:
                found[style_id] = (_val(num_pr, "numId", ""), int(_val(num_pr, "ilvl", "0")))
                break
            based = styles[current].find(_w("basedOn"))
            current = based.get(_w("val")) if based is not None else None
    return found


def _val(element, tag: str, default: str) -> str:
    child = element.find(_w(tag))
    return child.get(_w("val"), default) if child is not None else default

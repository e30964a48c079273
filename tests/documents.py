"""Real PDF, Word and HTML files made from fixture text, for the tests that
check each format gives the same facts as the text it was made from."""

from __future__ import annotations

import html
import io

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas


def _runs(lines: list[str]):
    """Consecutive lines with tabs (agenda tables) grouped as tables."""
    group: list[str] = []
    for line in lines:
        if "\t" in line:
            group.append(line)
            continue
        if group:
            yield "table", group
            group = []
        yield "line", line
    if group:
        yield "table", group


def to_docx(text: str) -> bytes:
    """One paragraph per line; runs of tab-separated lines as a Word table."""
    document = docx.Document()
    for kind, value in _runs(text.split("\n")):
        if kind == "line":
            document.add_paragraph(value)
            continue
        rows = [line.split("\t") for line in value]
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


NAV = '<nav class="main-menu"><ul><li><a href="/">Forside</a></li><li><a href="/moeder">Møder</a></li></ul></nav>'
FURNITURE = ('<header><p>Kommunernes mødesystem</p></header><div class="breadcrumb">Forside &gt; Møder</div>'
             '<div class="cookie-banner"><p>Vi bruger cookies</p><button>OK</button></div>')


def to_html(text: str) -> bytes:
    """A web page in a meeting system's shape: the minutes in <main>, each
    line a paragraph, tables as tables, around it menus and a footer."""
    body = []
    for kind, value in _runs(text.split("\n")):
        if kind == "line":
            body.append(f"<p>{html.escape(value)}</p>" if value.strip() else "<p>&nbsp;</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t")) + "</tr>"
                           for line in value)
            body.append(f"<table>{rows}</table>")
    page = (f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Referat</title>'
            f"<style>p {{ margin: 0 }}</style><script>var x = '<p>not text</p>';</script></head>"
            f"<body>{NAV}{FURNITURE}<main>{''.join(body)}</main>"
            f"<footer><p>Kontakt: 12 34 56 78</p></footer></body></html>")
    return page.encode("utf-8")


CELL_GAP = 4  # the space between two cells of a row, in widths of the font size


def to_pdf(text: str, lines_per_page: int = 40, header: str = "Mødesystem - udskrift",
           columns: int = 1, size: float = 8) -> bytes:
    """Pages of text with a running header and a 'Side N af M' footer, as
    office exports make them; tab-separated cells are drawn at column
    positions. With columns=2 each page is set in two columns."""
    font = "Helvetica"
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    lines = text.split("\n")
    per_page = lines_per_page * columns
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    column_width = (width - 80) / columns
    for number, page in enumerate(pages, start=1):
        pdf.setFont(font, size)
        pdf.drawString(40, height - 30, header)
        for index, line in enumerate(page):
            column, row = divmod(index, lines_per_page)
            x, y = 40 + column * column_width, height - 60 - row * size * 1.4
            start = 0.0
            for cell in line.split("\t"):
                pdf.drawString(x + start, y, _fit(cell, column_width - start, font, size))
                start += pdfmetrics.stringWidth(cell, font, size) + CELL_GAP * size
        pdf.drawString(width / 2 - 20, 25, f"Side {number} af {len(pages)}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _fit(text: str, width: float, font: str, size: float) -> str:
    """Text that fits its column: a line that does not fit would run into
    the next column, which no real PDF does, so the fixture is refused."""
    if pdfmetrics.stringWidth(text, font, size) > width:
        raise ValueError(f"line too wide for the page at {size} pt: {text[:40]}...")
    return text


def empty_pdf(pages: int = 2) -> bytes:
    """Pages with no text layer, as a scanner makes them."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for _ in range(pages):
        pdf.rect(40, 40, 200, 200, fill=1)
        pdf.showPage()
    pdf.save()
    return out.getvalue()

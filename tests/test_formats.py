"""PDF, Word and web pages: files the tests make from the fixture text give
the same facts as the text itself; what cannot be read is named."""

from __future__ import annotations

import pytest

from conftest import DATA
from documents import empty_pdf, to_docx, to_html, to_pdf
from kg.errors import InputError
from kg.extract import extract
from kg.read import read_bytes, sniff
from kg.segment import segment

FIXTURES = {
    "chapter_numbered": DATA / "chapter_numbered" / "kkr_agenda.txt",
    "minutes_inline_headings": DATA / "minutes_inline_headings" / "kdnet_minutes.txt",
    "no_agenda_table": DATA / "no_agenda_table" / "minutes_without_table.txt",
    "punkt_agenda_embedded_minutes": DATA / "punkt_agenda_embedded_minutes" / "kdnet_agenda.txt",
}


def facts(data: bytes, name: str) -> tuple[list, list, list]:
    """Meetings, items and attendance, without the line numbers (a PDF's
    lines are not the text file's)."""
    x = extract(segment(read_bytes(data, name)))
    return (sorted((m.ref.body, str(m.ref.date), m.kind.value) for m in x.meetings),
            sorted((i.ref.meeting.body, str(i.ref.meeting.date), i.ref.number, i.title, i.presenters,
                    i.outcome.value) for i in x.items),
            sorted((a.meeting.body, str(a.meeting.date), a.name, a.status.value, a.substitute_for)
                   for a in x.attendance))


def text_facts(fixture: str):
    path = FIXTURES[fixture]
    expected = facts(path.read_bytes(), path.name)
    assert expected[1], f"the fixture {path.name} should give items"
    return path.read_text(encoding="utf-8"), expected


@pytest.mark.parametrize("fixture", FIXTURES)
@pytest.mark.parametrize("fmt, make", [("docx", to_docx), ("html", to_html), ("pdf", to_pdf)])
def test_each_format_gives_the_facts_of_its_text(fixture, fmt, make):
    text, expected = text_facts(fixture)
    assert facts(make(text), f"doc.{fmt}") == expected


def test_a_two_column_pdf_page_is_read_column_by_column():
    text, expected = text_facts("no_agenda_table")
    assert facts(to_pdf(text, columns=2, size=4, lines_per_page=12), "doc.pdf") == expected


def test_pdf_lines_are_cited_by_page_and_running_headers_are_dropped():
    text, _ = text_facts("punkt_agenda_embedded_minutes")
    source = read_bytes(to_pdf(text, lines_per_page=25, header="Fælles mødesystem"), "doc.pdf")
    assert source.encoding == "pdf" and len(source.pages) == 5
    assert not any("Fælles mødesystem" in line.text or "af 5" in line.text for line in source.lines)
    second_page_line = next(line for line in source.lines if line.number >= source.pages[1] and line.text)
    assert source.place(second_page_line.number).startswith("doc.pdf:2:")


def test_a_pdf_is_read_as_pdf_whatever_its_name():
    text, expected = text_facts("minutes_inline_headings")
    data = to_pdf(text)
    assert sniff(data, "referat.txt") == "pdf"
    assert facts(data, "referat.txt") == expected


def test_a_scanned_pdf_is_named_as_one():
    with pytest.raises(InputError, match=r"scan\.pdf: is a scanned PDF without a text layer \(2 pages"):
        read_bytes(empty_pdf(2), "scan.pdf")


@pytest.mark.parametrize("data, name, problem", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "cut.pdf", "damaged PDF"),
    (b"PK\x03\x04" + b"\x00" * 40, "cut.docx", "damaged Word file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old.doc", "old Word .doc"),
    (b"{\\rtf1\\ansi Referat}", "referat.rtf", "RTF"),
], ids=["damaged-pdf", "damaged-docx", "old-doc", "rtf"])
def test_formats_kg_cannot_read_are_named(data, name, problem):
    with pytest.raises(InputError, match=problem) as caught:
        read_bytes(data, name)
    assert str(caught.value).startswith(f"{name}: ")


def test_word_numbering_and_tables_become_the_lines_the_segmenter_reads():
    import io

    import docx
    document = docx.Document()
    document.add_paragraph("Godkendelse af dagsorden", style="List Number")
    document.add_paragraph("Orientering", style="List Number")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["3", "Eventuelt", "7"]):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    lines = [line.text for line in read_bytes(out.getvalue(), "n.docx").lines]
    assert lines == ["1. Godkendelse af dagsorden", "2. Orientering", "3\tEventuelt\t7"]


def test_a_web_page_keeps_its_content_and_drops_menus_scripts_and_footer():
    lines = [line.text for line in read_bytes(to_html("Referat\n\n1. Godkendelse"), "side.html").lines if line.text]
    assert lines == ["Referat", "1. Godkendelse"]


def test_facts_read_from_a_pdf_cite_file_page_and_line(tmp_path):
    from kg.pipeline import build
    from kg.store import GraphStore
    text, _ = text_facts("punkt_agenda_embedded_minutes")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "mode.pdf").write_bytes(to_pdf(text, lines_per_page=25))
    store = GraphStore(tmp_path / "store")
    build([tmp_path / "docs"], store)
    rows = store.select("SELECT ?source WHERE { ?item a kg:AgendaItem ; kg:sources ?source }")
    pages = {row["source"].split(":")[1] for row in rows}
    assert rows and all(row["source"].count(":") == 2 for row in rows), \
        f"an item read from a PDF should cite file:page:line, got {[r['source'] for r in rows][:3]}"
    assert len(pages) > 1, f"the items span several pages, but all cite page {pages}"

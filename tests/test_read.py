"""Reading: encodings are detected and reported; normalisation keeps line numbers."""

from __future__ import annotations

import codecs

import pytest

from kg.errors import InputError
from kg.read import normalize_line, read_bytes

TEXT = "Referat af møde i KD-Net\r\nAfbud: Søren Ærø\r\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    ((TEXT + "Pris: 10 €").encode("cp1252"), "cp1252"),
    (TEXT.encode("latin-1") + b"\x81", "latin-1"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "cp1252", "latin1"])
def test_encodings_are_detected_and_reported(data, encoding):
    source = read_bytes(data, "doc.txt")
    assert source.encoding == encoding
    assert source.lines[1].text == "Afbud: Søren Ærø"


@pytest.mark.parametrize("data, problem", [
    (b"", "is empty"),
    (b" \n\t\n", "only white space"),
    (b"PK\x03\x04\x00\x00\x00\x01\x02\x00\x00\xff\x00", "binary"),
], ids=["empty", "whitespace", "binary"])
def test_unreadable_input_names_the_file_and_the_problem(data, problem):
    with pytest.raises(InputError) as caught:
        read_bytes(data, "bad.txt")
    assert "bad.txt" in str(caught.value) and problem in str(caught.value)


def test_a_file_cut_inside_a_character_is_read_with_a_warning():
    data = "Punkt 1: Godkendelse\nSø".encode("utf-8")[:-1]  # cuts "ø" in half
    source = read_bytes(data, "cut.txt")
    assert source.encoding == "utf-8"
    assert any("truncated" in w.message for w in source.warnings)


def test_line_endings_and_numbers_are_kept():
    source = read_bytes(b"a\r\nb\rc\nd", "x.txt")
    assert [(l.number, l.text) for l in source.lines] == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]


@pytest.mark.parametrize("raw, expected", [
    ("1. **Godkendelse** v. Anna", "1. Godkendelse v. Anna"),
    ("*Det indstilles, at X godkender*", "Det indstilles, at X godkender"),
    ("• punkt", "- punkt"),
    ("▶ punkt", "- punkt"),
    ("- ▶ punkt", "- punkt"),
    ("kan læses [her](#).", "kan læses her."),
    ("Link: <https://example.org/a.pdf>", "Link: https://example.org/a.pdf"),
    ("Anna\u00a0Holm", "Anna Holm"),
    ("Punkt\tIndhold\tBilag", "Punkt\tIndhold\tBilag"),
    ('<ul style="x"> • A', "- A"),
], ids=["bold", "emphasis", "bullet", "triangle", "double-bullet", "md-link", "autolink", "nbsp", "tabs", "html"])
def test_normalize_line(raw, expected):
    assert normalize_line(raw).strip() == expected

"""Read a document: bytes -> decoded, normalised lines that keep their numbers.

The format is recognised from the bytes (and the file ending where the bytes
do not tell): PDF text layers (kg.read.pdf), Word .docx (kg.read.docx) and web
pages (kg.read.html) become text first; everything else is read as text.

Decoding accepts UTF-8 (with or without BOM), UTF-16/32 (with BOM, or UTF-16
recognised by its zero bytes) and Windows-1252/Latin-1, and says which it used.
Normalising removes what PDF and Word exports leave behind (non-breaking
spaces, bullet glyphs, markdown and HTML remnants) line by line, so every line
keeps the number it has in the file.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.danish.line_cues import LINE_FINDER
from kg.danish.literal import fold
from kg.errors import InputError
from kg.model import Doubt, cite_line


_set = object.__setattr__  # how a frozen dataclass sets its fields


@dataclass(frozen=True, slots=True, init=False)
class Line:
    """One normalised line; `number` is its 1-based line number in the file."""

    number: int
    text: str
    # The text folded as re.IGNORECASE compares letters (kg.danish.literal.fold),
    # not part of the line's value: the literal pre-checks of the segmenter
    # and of several extractors read it, about twenty times per line, so it
    # is a plain attribute computed with the line rather than a property.
    folded: str = field(init=False, repr=False, compare=False)
    # The cue words of the extractors' per-line pre-checks that the folded
    # text holds (kg.danish.line_cues), found once in one pass.
    cues: frozenset[str] = field(init=False, repr=False, compare=False)

    # Written out rather than generated with a __post_init__: a document
    # makes one Line per line (about 500 a document), and the generated
    # __init__ plus the call of __post_init__ cost a third of making one.
    # `folded`: fold(text), when the caller has it (a page's lines are
    # folded together, see _page_lines).
    def __init__(self, number: int, text: str, folded: str | None = None) -> None:
        _set(self, "number", number)
        _set(self, "text", text)
        if folded is None:
            folded = fold(text)
        _set(self, "folded", folded)
        _set(self, "cues", _found(folded) if folded else _NO_CUES)  # (about half the lines are blank)


_found = LINE_FINDER.found
_NO_CUES = _found("")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded document: its normalised lines and how it was read."""

    name: str
    lines: tuple[Line, ...]
    encoding: str
    sha256: str
    size: int
    warnings: tuple[Doubt, ...] = ()
    # For paged formats (PDF): the first line number of each page, in order.
    pages: tuple[int, ...] = ()

    @property
    def line_count(self) -> int:
        return self.lines[-1].number if self.lines else 0

    def place(self, line: int) -> str:
        """Where a line is, as a person would cite it: file:line, or
        file:page:line for paged documents (line counted within the page)."""
        return cite_line(self.name, line, self.pages)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed
# mean the bytes are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# UTF-8 read as Latin-1 leaves pairs such as "Ã¸" (for "ø").
_MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf]")


# Text documents larger than this are not minutes: refusing them early keeps a
# pasted archive from taking the build's memory (a 200 MB file needed 1.4 GB).
MAX_TEXT_BYTES = 32 * 1024 * 1024
# PDF and Word files carry images and fonts, so the file may be larger.
MAX_PACKED_BYTES = 256 * 1024 * 1024


def read_document(path: str | Path) -> SourceText:
    """Read and normalise the file at `path`. Raises InputError naming the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> SourceText:
    """Decode and normalise `data` in whichever format it is, reporting
    problems against `name`."""
    kind = sniff(data, name)
    limit = MAX_TEXT_BYTES if kind in ("text", "html") else MAX_PACKED_BYTES
    if len(data) > limit:
        raise InputError(name, f"is {len(data) / 2**20:.0f} MB; kg reads documents up to {limit // 2**20} MB "
                               "(is it several documents joined? give them as separate files)")
    if kind == "text":
        text, encoding, warnings = decode(data, name)
        return from_pages(name, [text], data, encoding, warnings, paged=False)
    from kg.read import docx, html, pdf  # imported on demand: most builds read text only
    reader = {"pdf": pdf.read, "docx": docx.read, "html": html.read}[kind]
    pages, encoding, warnings = reader(data, name)
    return from_pages(name, pages, data, encoding, warnings, paged=kind == "pdf")


def from_pages(name: str, pages: list[str], data: bytes, encoding: str, warnings: list[Doubt],
               paged: bool) -> SourceText:
    """Number the lines of the pages of text consecutively, normalised."""
    lines: list[Line] = []
    starts: list[int] = []
    for page in pages:
        starts.append(len(lines) + 1)
        lines.extend(_page_lines(page, len(lines) + 1))
    if not any(line.text.strip() for line in lines):
        raise InputError(name, "has no text (only white space)")
    return SourceText(
        name=name,
        lines=tuple(lines),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        warnings=tuple(warnings),
        pages=tuple(starts) if paged else (),
    )


def _page_lines(page: str, first: int) -> list[Line]:
    """The page's normalised lines, numbered from `first`: as
    Line(number, normalize_line(raw)) for each raw line, with the page's
    text folded in one call, not one a line (fold maps each character on its
    own: a line break, neither a letter nor case-ignorable, ends a word for
    lower()'s one context rule, the final sigma, as the end of a text does)."""
    texts = _normalize_page(_unicode_lines(page))
    folded = fold("\n".join(texts)).split("\n")
    if len(folded) != len(texts):  # no fold makes a line break: never, but then line by line
        folded = [fold(text) for text in texts]
    return list(map(Line, range(first, first + len(texts)), texts, folded))


_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_WORD_SUFFIXES = (".docx", ".docm", ".dotx")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def sniff(data: bytes, name: str) -> str:
    """"pdf", "docx", "html" or "text": from the bytes first, since a PDF
    named .txt is still a PDF; the file ending decides only for HTML
    fragments. Formats kg cannot read get a message saying what to do."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if name.lower().endswith(_WORD_SUFFIXES) or b"word/" in data[:65536]:
            return "docx"
        raise InputError(name, "is binary (a ZIP archive, not a Word .docx); unpack it or save it as .docx, "
                               "PDF or text")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(name, "is binary (an old Word .doc or Office file); save it as .docx, PDF or text")
    if head.startswith(b"{\\rtf"):
        raise InputError(name, "is an RTF file; save it as .docx, PDF or text")
    if name.lower().endswith(_HTML_SUFFIXES) or _HTML_START.match(head):
        return "html"
    return "text"


def decode(data: bytes, name: str) -> tuple[str, str, list[Doubt]]:
    """Return (text, encoding name, warnings). Raises InputError for non-text."""
    if not data:
        raise InputError(name, "is empty (0 bytes)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), name), encoding, []
            except UnicodeDecodeError as exc:
                raise InputError(name, f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                                       f"(byte {exc.start})") from exc
    if b"\x00" in data:
        encoding = _guess_utf16(data)
        if encoding is None:
            raise InputError(name, "is binary, not text (it contains NUL bytes); convert it to text first")
        try:
            return _check_text(data.decode(encoding), name), encoding, []
        except UnicodeDecodeError as exc:
            raise InputError(name, f"looks like {encoding} but does not decode (byte {exc.start})") from exc
    warnings: list[Doubt] = []
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            # The file stops inside a multi-byte character: cut off in transfer.
            text = data[: exc.start].decode("utf-8")
            encoding = "utf-8"
            warnings.append(Doubt(name, text.count("\n") + 1,
                                  "file ends inside a character: it looks truncated"))
        else:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    # Its first letters looked for first: `in` skips through the text far faster than re.
    mojibake = _MOJIBAKE.search(text) if "Ã" in text or "Â" in text else None
    if mojibake:
        line = text[: mojibake.start()].count("\n") + 1
        warnings.append(Doubt(name, line, "text looks double-encoded (UTF-8 read as Latin-1, e.g. 'Ã¸' for 'ø')"))
    # Counted in the bytes where each control character is one byte of its own (a byte below 0x80 is a
    # character of its own in UTF-8, and these bytes are the same characters in Windows-1252 and Latin-1):
    # bytes.translate deletes them at memory speed, a regular expression reads the text a character at a time.
    counted = data if len(text) == len(data) or encoding == "utf-8" and not warnings else None
    return _check_text(text, name, counted), encoding, warnings


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a zero in every other byte for Latin text."""
    sample = data[:4096]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_zeros > 0.4 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.4 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])


def _check_text(text: str, name: str, data: bytes | None = None) -> str:
    """`text`, unless it holds too many control characters (counted in
    `data`, the bytes it was decoded from one byte a character, if given)."""
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES)) if data is not None \
        else len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 200):
        raise InputError(name, f"is binary, not text ({controls} control characters)")
    return text


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF (and form feeds, which PDF exports use between pages)."""
    if "\r" not in text and "\f" not in text:
        return text.split("\n")  # the same cuts, without re (most files)
    return re.split(r"\r\n|\r|\n|\f", text)


_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# _SPACES's characters (a text of Latin-1 letters only holds none but the first: `in` knows at once).
_SPACE_CHARACTERS = ("\u00a0", *map(chr, range(0x2000, 0x200b)), "\u202f", "\u205f", "\u3000")
_INVISIBLE_CHARACTERS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_BULLET = re.compile(r"^[ \t]*(?:[-•▶►▪◦●○■□‣⁃∙·–—*][ \t]+)+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_EMPHASIS_OPEN = re.compile(r"(?<![\w*])\*+(?=\S)")
_EMPHASIS_CLOSE = re.compile(r"(?<=\S)\*+(?![\w*])")
_DOUBLE_SPACES = re.compile(r" {2,}")


def normalize_line(raw: str) -> str:
    """Normalise one line: spaces, bullets ("- "), markdown and HTML remnants.

    Tabs are kept: agenda tables that lost their borders keep their columns
    as tabs, and the segmenter reads them.
    """
    return _normalize_markup(_normalize_unicode(raw))


def _normalize_unicode(text: str) -> str:
    """NFC, exotic spaces as " ", invisible characters dropped."""
    if text.isascii():
        return text
    return _INVISIBLE.sub("", _SPACES.sub(" ", unicodedata.normalize("NFC", text)))


def _unicode_lines(page: str) -> list[str]:
    """The page's lines after the Unicode step, as normalize_line gives them:
    NFC and spaces once per page (NFC never joins across a line break, and
    the spaces it rewrites are no line breaks), invisible characters per line
    (dropped from the page, one between CR and LF would join two lines)."""
    if page.isascii():
        return split_lines(page)
    text = unicodedata.normalize("NFC", page)
    if any(map(text.__contains__, _SPACE_CHARACTERS)):  # `in` skips through a page far faster than re
        text = _SPACES.sub(" ", text)
    if not any(map(text.__contains__, _INVISIBLE_CHARACTERS)):
        return split_lines(text)  # none on the page (most pages): no line to scan for them
    return [raw if raw.isascii() else _INVISIBLE.sub("", raw) for raw in split_lines(text)]


def _normalize_page(raws: list[str]) -> list[str]:
    """[_normalize_markup(raw) for raw in raws]: on a page without the
    characters of its markdown and HTML rewrites (most pages), asked once
    for the page, each line gets only the rewrites of bullets and spaces."""
    joined = "\n".join(raws)
    if "<" in joined or "](" in joined or "\\" in joined:
        return [_normalize_markup(raw) for raw in raws]
    if "*" in joined:  # emphasis only (markdown exports): asked per line
        return [_normalize_spacing(_emphasis(raw) if "*" in raw else raw) for raw in raws]
    return [_normalize_spacing(raw) for raw in raws]


def _emphasis(text: str) -> str:
    """`text` without markdown emphasis ("**Titel**", "*Det indstilles*")."""
    return _EMPHASIS_CLOSE.sub("", _EMPHASIS_OPEN.sub("", text.replace("**", "")))


def _normalize_markup(text: str) -> str:
    """normalize_line after its Unicode step."""
    # Each rewrite only where its character occurs: most lines need none of
    # them, and this runs on every line of every document.
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "*" in text:
        text = _emphasis(text)
    return _normalize_spacing(text)


# The characters a _BULLET match can begin with: a line beginning otherwise has no bullet.
_BULLET_FIRST = frozenset(" \t-•▶►▪◦●○■□‣⁃∙·–—*")


def _normalize_spacing(text: str) -> str:
    """The last rewrites of _normalize_markup: a bullet as "- ", runs of spaces as one, no trailing space."""
    bullet = _BULLET.match(text) if text[:1] in _BULLET_FIRST else None
    if bullet:
        text = "- " + text[bullet.end():]
    if "  " in text:
        text = _DOUBLE_SPACES.sub(" ", text)
    return text.rstrip()

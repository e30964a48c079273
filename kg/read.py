"""Read a document: bytes -> decoded, normalised lines that keep their numbers.

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
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.model import Doubt


@dataclass(frozen=True, slots=True)
class Line:
    """One normalised line; `number` is its 1-based line number in the file."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded document: its normalised lines and how it was read."""

    name: str
    lines: tuple[Line, ...]
    encoding: str
    sha256: str
    size: int
    warnings: tuple[Doubt, ...] = ()

    @property
    def line_count(self) -> int:
        return self.lines[-1].number if self.lines else 0


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


def read_document(path: str | Path) -> SourceText:
    """Read and normalise the file at `path`. Raises InputError naming the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> SourceText:
    """Decode and normalise `data`, reporting problems against `name`."""
    text, encoding, warnings = decode(data, name)
    lines = tuple(
        Line(number, normalize_line(raw)) for number, raw in enumerate(split_lines(text), start=1)
    )
    if not any(line.text.strip() for line in lines):
        raise InputError(name, "has no text (only white space)")
    return SourceText(
        name=name,
        lines=lines,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        warnings=tuple(warnings),
    )


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
    mojibake = _MOJIBAKE.search(text)
    if mojibake:
        line = text[: mojibake.start()].count("\n") + 1
        warnings.append(Doubt(name, line, "text looks double-encoded (UTF-8 read as Latin-1, e.g. 'Ã¸' for 'ø')"))
    return _check_text(text, name), encoding, warnings


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


def _check_text(text: str, name: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 200):
        raise InputError(name, f"is binary, not text ({controls} control characters)")
    return text


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF (and form feeds, which PDF exports use between pages)."""
    return re.split(r"\r\n|\r|\n|\f", text)


_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET = re.compile(r"^[ \t]*(?:[-•▶►▪◦●○■□‣⁃∙·–—*][ \t]+)+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_EMPHASIS_OPEN = re.compile(r"(?<![\w*])\*+(?=\S)")
_EMPHASIS_CLOSE = re.compile(r"(?<=\S)\*+(?![\w*])")


def normalize_line(raw: str) -> str:
    """Normalise one line: spaces, bullets ("- "), markdown and HTML remnants.

    Tabs are kept: agenda tables that lost their borders keep their columns
    as tabs, and the segmenter reads them.
    """
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = _AUTOLINK.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = text.replace("**", "")
    text = _EMPHASIS_CLOSE.sub("", _EMPHASIS_OPEN.sub("", text))
    bullet = _BULLET.match(text)
    if bullet:
        text = "- " + text[bullet.end():]
    text = re.sub(r" {2,}", " ", text)
    return text.rstrip()

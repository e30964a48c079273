"""Web pages: the main content as lines (selectolax, lexbor's HTML5 parser).

Meeting systems wrap the minutes in menus, breadcrumbs, cookie banners and
footers. The content is <main> (or role=main, or the one <article>) when the
page marks it, else <body>; navigation, headers, footers, forms, scripts and
styles inside it are dropped. Block elements become lines, table rows
tab-separated cells, ordered-list items get their numbers; an empty
paragraph is a blank line (blocks themselves add none, so a heading and the
presenter line under it stay adjacent as in the text).
"""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.model import Doubt

_DROP = ("script, style, noscript, template, nav, header, footer, aside, form, button, select, svg, iframe, "
         "object, [role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true], [hidden]")
# class or id words of page furniture ("main-menu", "breadcrumbs", "cookie-banner")
_FURNITURE = frozenset({"menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "cookie", "cookies",
                        "skiplink", "sidebar"})
_BLOCK = frozenset("""address article aside blockquote body caption center dd details dialog div dl dt fieldset
figcaption figure h1 h2 h3 h4 h5 h6 hr html legend li main ol p pre section summary table tbody thead tfoot tr ul
""".split())
_CELL = frozenset({"td", "th"})
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def read(data: bytes, name: str) -> tuple[list[str], str, list[Doubt]]:
    """([the page's main text], encoding, warnings)."""
    from selectolax.lexbor import LexborHTMLParser

    text, encoding, warnings = _decode(data, name)
    tree = LexborHTMLParser(text)
    root = _content(tree)
    if root is None:
        raise InputError(name, "is a web page without a body")
    for node in root.css(_DROP):
        node.decompose()
    for node in root.css("[class], [id]"):
        if _is_furniture(node):
            node.decompose()
    out = _Text()
    _walk(root, out)
    return [out.value()], encoding, warnings


def _decode(data: bytes, name: str) -> tuple[str, str, list[Doubt]]:
    from kg.read import decode

    declared = _CHARSET.search(data[:4096])
    if declared:
        charset = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(charset), charset, []
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to detection, which says what it found
    return decode(data, name)


def _content(tree):
    for selector in ("main", "[role=main]"):
        node = tree.css_first(selector)
        if node is not None:
            return node
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0]
    return tree.body


def _is_furniture(node) -> bool:
    words = re.split(r"[\s_-]+", " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("id")))))
    return bool(_FURNITURE.intersection(w.lower() for w in words))


class _Text:
    """Collects text into lines: blocks end lines, cells are tab-separated."""

    def __init__(self):
        self.lines: list[str] = []
        self.current: list[str] = []

    def add(self, text: str) -> None:
        self.current.append(text)

    def cell(self) -> None:
        if self.current and "".join(self.current).strip():
            self.current.append("\t")

    def end_line(self) -> None:
        line = " ".join("".join(self.current).replace("\t", "\x00").split()).replace("\x00", "\t")
        line = re.sub(r" ?\t ?", "\t", line).strip("\t")
        if line:
            self.lines.append(line)
        self.current = []

    def blank(self) -> None:
        """An empty paragraph: the page's own blank line."""
        self.end_line()
        self.lines.append("")

    def value(self) -> str:
        self.end_line()
        return "\n".join(self.lines).strip("\n")


def _walk(node, out: _Text, pre: bool = False) -> None:
    number = _start(node) if node.tag == "ol" else None
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            text = child.text_content or ""
            if pre:
                for i, part in enumerate(text.split("\n")):
                    if i:
                        out.end_line()
                    out.add(part)
            else:
                out.add(text)
        elif tag == "br":
            out.end_line()
        elif tag in _CELL:
            out.cell()
            _walk(child, out, pre)
        elif tag == "p" and not (child.text() or "").strip():
            out.blank()
        elif tag in _BLOCK:
            out.end_line()
            if tag == "li" and number is not None:
                out.add(f"{number}. ")
                number += 1
            _walk(child, out, pre or tag == "pre")
            out.end_line()
        elif tag and not tag.startswith("-"):
            _walk(child, out, pre)


def _start(node) -> int:
    try:
        return int(node.attributes.get("start") or 1)
    except ValueError:
        return 1

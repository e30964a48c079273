"""Build small documents around a snippet, for table-driven extractor tests."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Extraction
from kg.read import read_bytes
from kg.segment import segment

HEADER = "Referat af møde i KD-Net, den 3. maj 2024\n\nTid og sted: Fredag den 3. maj 2024, kl. 10.00-12.00, Rådhuset\n\n"


def minutes_with_lists(lists: str) -> Extraction:
    """Minutes whose participant lists are `lists`, with one item."""
    text = HEADER + lists + "\n\n1. Eventuelt v. Anna Holm\n\nReferat: Intet.\n"
    return extract(segment(read_bytes(text.encode("utf-8"), "snippet.txt")))


def minutes_with_item(body: str, title: str = "Orientering") -> Extraction:
    """Minutes with one item whose body is `body`."""
    text = HEADER + f"1. {title} v. Anna Holm\n\n{body}\n"
    return extract(segment(read_bytes(text.encode("utf-8"), "snippet.txt")))

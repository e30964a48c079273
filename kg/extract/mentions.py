"""People named in running text: speakers ("X orienterede", "X sagde"),
titled people ("borgmester X", "direktør X fra Y") and names in passing.

A run of capitalised words is a name only when it has a name's shape and
starts with a known first name or initials (kg/data/first_names.txt), so
"Region Midtjylland" or "Scandic Silkeborg" never become people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.danish import TITLES, find_person_names
from kg.extract.context import MeetingContext
from kg.model import Mention, Span
from kg.segment import MeetingSegment

_SPEECH = re.compile(r"^\s*(?:orienterede|orienterer|sagde|spurgte|svarede|konstaterede|indledte|afsluttede|"
                     r"meddelte|gav|præsenterede|fremlagde|oplyste|bemærkede|understregede|foreslog|kvittede)\b")
_TITLE_BEFORE = re.compile(rf"(?:{'|'.join(map(re.escape, TITLES))}),?\s*$", re.I)


def extract_mentions(segment: MeetingSegment, ctx: MeetingContext) -> Iterator[Mention]:
    """Every person named in the text of the meeting's items, once per line."""
    names = ctx.first_names
    for item in segment.items:
        for line in item.lines:
            if not line.text:
                continue  # a blank line names no one (about half the lines)
            seen: set[str] = set()
            for name, written, start, end in find_person_names(line.text, names):
                if name in seen:
                    continue
                seen.add(name)
                title = _TITLE_BEFORE.search(line.text[:start])
                kind = "speaker" if _SPEECH.match(line.text[end:]) else "titled" if title else "named"
                yield Mention(ctx.ref, name, Span(ctx.doc, line.number, line.number), kind,
                              title=title.group(0).strip(" ,").lower() if title else "",
                              written=written if written != name else "")

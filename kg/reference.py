"""Reference data shipped with kg (kg/data/*.csv): the bodies that meet.

Looking a body up is a pure lookup in this read-only table; it does not depend
on any other document, so extractors may call it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from kg.danish import slug
from kg.model import Body


def alias_key(name: str) -> str:
    """Compare names ignoring case, hyphens, apostrophes and spacing:
    "KD-net", "kd net" and "KDNet" share the key "kdnet"."""
    return re.sub(r"[\s\-‐–'’´`]+", "", name.casefold())


def _words(name: str) -> str:
    """Lower-case words separated by single spaces, hyphens read as spaces."""
    return " ".join(re.sub(r"[\-‐–'’´`.,:;()]+", " ", name.casefold()).split())


# A body that is not in the reference data is still recognised by the shape
# of its name: "...styregruppen", "...udvalget", "Erhvervshus X", "KKR X".
_BODY_PATTERN = re.compile(
    r"\b(?:[A-ZÆØÅ][\wæøå-]*(?:styregruppen?|udvalget|udvalg|rådet|forum|netværket)"
    r"|Erhvervshus(?:et)? [A-ZÆØÅ]\w+|KKR[- ][A-ZÆØÅ]\w+)\b"
)


@dataclass(frozen=True)
class BodyDirectory:
    """The known bodies, indexed by every alias."""

    bodies: tuple[Body, ...]

    def __post_init__(self) -> None:
        index: dict[str, Body] = {}
        for body in self.bodies:
            for name in (body.name, body.key, *body.aliases):
                index.setdefault(alias_key(name), body)
        object.__setattr__(self, "_index", index)

    def lookup(self, name: str) -> Body | None:
        """The body whose name or alias is exactly `name` (modulo case, hyphens)."""
        return self._index.get(alias_key(name))  # type: ignore[attr-defined]

    def resolve(self, phrase: str) -> Body | None:
        """The body a header phrase names: an exact alias, else the longest
        alias contained in the phrase, else a body recognised by the shape
        of its name (marked found_by_pattern), else None."""
        phrase = phrase.strip(" ,.:;")
        exact = self.lookup(phrase)
        if exact:
            return exact
        words = f" {_words(phrase)} "
        best: tuple[int, Body] | None = None
        for body in self.bodies:
            for alias in map(_words, (body.name, *body.aliases)):
                if len(alias) >= 3 and f" {alias} " in words and (best is None or len(alias) > best[0]):
                    best = (len(alias), body)
        if best:
            return best[1]
        m = _BODY_PATTERN.search(phrase)
        if m:
            name = m.group(0)
            return Body(key=slug(name), name=name, found_by_pattern=True)
        return None


@cache
def bodies() -> BodyDirectory:
    """The body directory from kg/data/bodies.csv (read once)."""
    text = files("kg").joinpath("data/bodies.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("".join(l for l in text.splitlines(True) if not l.startswith("#"))))
    return BodyDirectory(tuple(
        Body(
            key=row["key"],
            name=row["name"],
            aliases=tuple(a for a in row["aliases"].split("|") if a),
            kind=row["kind"],
        )
        for row in rows
    ))

"""Reference data shipped with kg (kg/data/*.csv): the bodies that meet, the
98 municipalities, the 5 regions, the health clusters, common first names.

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
from kg.model import Body, Municipality


def alias_key(name: str) -> str:
    """Compare names ignoring case, hyphens, apostrophes and spacing:
    "KD-net", "kd net" and "KDNet" share the key "kdnet"."""
    return re.sub(r"[\s\-‐–'’´`]+", "", name.casefold())


def _alias_index(entries) -> dict:
    """alias key -> entity, for (entity, names) pairs; the first entity to
    claim a name keeps it."""
    index: dict = {}
    for entity, names in entries:
        for name in names:
            index.setdefault(alias_key(name), entity)
    return index


def _words(name: str) -> str:
    """Lower-case words separated by single spaces, hyphens read as spaces."""
    return " ".join(re.sub(r"[\-‐–'’´`.,:;()]+", " ", name.casefold()).split())


# Generic names of a region's bodies, as whole phrases.
_GENERIC = (
    (re.compile(r"(?:de\s+|alle\s+)?(?:\d+\s+|respektive\s+|\w+ske\s+)*(?:byråd(?:ene)?|kommunalbestyrelse(?:r|rne)?)"
                r"(?:\s*/\s*(?:byråd(?:ene)?|kommunalbestyrelse(?:r|rne)?))?"), "kommunalbestyrelser-{}"),
    (re.compile(r"(?:regionsråd(?:et)?|regionen)"), "regionsraadet-{}"),
    (re.compile(r"kkr(?:s|\s+s)?(?:\s*mødet|\s+formandskab(?:et)?|s\s+formandskab(?:et)?)?"), "kkr-{}"),
    (re.compile(r"(?:bestyrelsen\s+for\s+)?erhvervshuset"), "erhvervshus-{}"),
)


def _generic_body(words: str, region: str) -> str | None:
    for pattern, key in _GENERIC:
        if pattern.fullmatch(words):
            return key.format(region)
    return None


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
        object.__setattr__(self, "_index", _alias_index((b, (b.name, b.key, *b.aliases)) for b in self.bodies))
        # Alias words, longest first, computed once for `resolve`.
        words = sorted(((_words(alias), body) for body in self.bodies for alias in (body.name, *body.aliases)),
                       key=lambda pair: -len(pair[0]))
        object.__setattr__(self, "_alias_words", [(w, body) for w, body in words if len(w) >= 3])

    def lookup(self, name: str) -> Body | None:
        """The body whose name or alias is exactly `name` (modulo case,
        hyphens, and the Danish definite ending: "Trafikstyregruppe" finds
        "Trafikstyregruppen")."""
        index = self._index  # type: ignore[attr-defined]
        key = alias_key(name)
        # Definite and genitive forms: "Trafikstyregruppe(n)", "KKR Midtjyllands".
        for variant in (key, key + "n", key + "en", key[:-1] if key.endswith(("n", "s")) else None,
                        key[:-2] if key.endswith("ns") else None):
            if variant and variant in index:
                return index[variant]
        return None

    def resolve_in_region(self, phrase: str, region: str, exact: bool = False) -> Body | None:
        """Like `resolve`, but generic names are read in the region of the
        meeting that uses them: "KKR", "byrådene", "kommunalbestyrelserne",
        "regionsrådet", "Erhvervshuset" name that region's body. With `exact`,
        the whole phrase must be the body's name (no name found inside a
        longer phrase)."""
        generic = _generic_body(_words(phrase), region) if region else None
        if generic:
            found = next((b for b in self.bodies if b.key == generic), None)
            if found:
                return found
        return self.lookup(phrase) if exact else self.resolve(phrase)

    def resolve(self, phrase: str) -> Body | None:
        """The body a header phrase names: an exact alias, else the longest
        alias contained in the phrase, else a body recognised by the shape
        of its name (marked found_by_pattern), else None."""
        phrase = phrase.strip(" ,.:;")
        exact = self.lookup(phrase)
        if exact:
            return exact
        words = f" {_words(phrase)} "
        for alias, body in self._alias_words:  # type: ignore[attr-defined]
            if f" {alias} " in words:
                return body  # the longest alias contained in the phrase
        m = _BODY_PATTERN.search(phrase)
        if m:
            name = m.group(0)
            return Body(key=slug(name), name=name, found_by_pattern=True)
        return None


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file in kg/data, without its '#' comment lines."""
    text = files("kg").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO("".join(l for l in text.splitlines(True) if not l.startswith("#")))))


def _split(value: str) -> tuple[str, ...]:
    return tuple(a for a in value.split("|") if a)


@cache
def bodies() -> BodyDirectory:
    """The body directory: kg/data/bodies.csv plus the health clusters."""
    listed = [Body(key=row["key"], name=row["name"], aliases=_split(row["aliases"]), kind=row["kind"],
                   region=row["region"]) for row in _rows("bodies.csv")]
    clusters = [Body(key=row["key"], name=row["name"], aliases=_split(row["aliases"]), kind="health-cluster",
                     region=row["region"]) for row in _rows("health_clusters.csv")]
    return BodyDirectory(tuple(listed + clusters))


@cache
def cluster_members() -> dict[str, tuple[str, ...]]:
    """Health-cluster key -> member municipality codes."""
    return {row["key"]: _split(row["members"]) for row in _rows("health_clusters.csv")}


@cache
def regions() -> dict[str, dict[str, str]]:
    """Region key -> {code, name, adjective} (kg/data/regions.csv)."""
    return {row["key"]: row for row in _rows("regions.csv")}


@dataclass(frozen=True)
class MunicipalityDirectory:
    """The 98 municipalities, found by name, "X Kommune", genitive or alias."""

    municipalities: tuple[Municipality, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _alias_index((m, (m.name, *m.aliases)) for m in self.municipalities))

    def lookup(self, name: str) -> Municipality | None:
        """The municipality `name` refers to: "Norddjurs", "Norddjurs Kommune",
        "Favrskov kommune", "Københavns Kommune"; None for anything else."""
        name = re.sub(r"\s+(?:Kommune|kommune|Regionskommune)\.?$", "", name.strip(" .,;:()"))
        index = self._index  # type: ignore[attr-defined]
        return index.get(alias_key(name)) or (index.get(alias_key(name[:-1])) if name.endswith("s") else None)

    def find(self, text: str) -> Municipality | None:
        """The first municipality named in `text` as "X Kommune" or as a
        bare municipality name; None if there is none."""
        for m in re.finditer(r"([A-ZÆØÅ][\wæøå-]+(?:[ -][A-ZÆØÅ][\wæøå]+)?)(?:\s+[Kk]ommune)?", text):
            found = self.lookup(m.group(0)) or self.lookup(m.group(1))
            if found:
                return found
        return None

    def by_code(self, code: str) -> Municipality | None:
        return next((m for m in self.municipalities if m.code == code), None)


@cache
def municipalities() -> MunicipalityDirectory:
    """The municipality directory from kg/data/municipalities.csv."""
    return MunicipalityDirectory(tuple(
        Municipality(code=row["code"], name=row["name"], region=row["region"], aliases=_split(row["aliases"]))
        for row in _rows("municipalities.csv")))


@cache
def first_names() -> frozenset[str]:
    """Common Danish first names (kg/data/first_names.txt)."""
    text = files("kg").joinpath("data/first_names.txt").read_text(encoding="utf-8")
    return frozenset(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))

"""Reference data shipped with kg (kg/data/*.csv): the bodies that meet, the
98 municipalities, the 5 regions, the health clusters, first names (from the
gender-guesser package, with a small supplement).

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
        # Every body that claims an alias: a generic name ("Kontaktudvalget",
        # "Praksisplanudvalget") is shared by one body in each region.
        claims: dict[str, list[Body]] = {}
        for body in self.bodies:
            for key in dict.fromkeys(alias_key(n) for n in (body.name, body.key, *body.aliases)):
                claims.setdefault(key, []).append(body)
        object.__setattr__(self, "_claims", {k: tuple(v) for k, v in claims.items()})
        # Alias words, longest first, computed once for `resolve`.
        words = sorted(((_words(alias), body) for body in self.bodies for alias in (body.name, *body.aliases)),
                       key=lambda pair: -len(pair[0]))
        object.__setattr__(self, "_alias_words", [(w, body) for w, body in words if len(w) >= 3])

    def lookup(self, name: str) -> Body | None:
        """The body whose name or alias is exactly `name` (modulo case,
        hyphens, and the Danish definite ending: "Trafikstyregruppe" finds
        "Trafikstyregruppen"). A name several bodies share gives the first
        listed; `candidates` gives them all."""
        found = self.candidates(name)
        return found[0] if found else None

    def candidates(self, name: str) -> tuple[Body, ...]:
        """Every body whose name or alias is exactly `name` (as `lookup`)."""
        claims = self._claims  # type: ignore[attr-defined]
        key = alias_key(name)
        # Definite and genitive forms: "Trafikstyregruppe(n)", "KKR Midtjyllands".
        for variant in (key, key + "n", key + "en", key[:-1] if key.endswith(("n", "s")) else None,
                        key[:-2] if key.endswith("ns") else None):
            if variant and variant in claims:
                return claims[variant]
        return ()

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
        found = self.lookup(phrase) if exact else self.resolve(phrase)
        if found and region and found.region != region:
            # A name shared by bodies of several regions names the meeting's
            # region's own; when kg does not list that one, the body is unknown
            # (open world), not another region's namesake.
            shared = self._shared_with(phrase, found)
            if len({b.region for b in shared}) > 1:
                return next((b for b in shared if b.region == region), None)
        return found

    def _shared_with(self, phrase: str, found: Body) -> tuple[Body, ...]:
        """The bodies that share with `found` the alias `phrase` names."""
        exact = self.candidates(phrase.strip(" ,.:;"))
        if found in exact:
            return exact
        words = f" {_words(phrase)} "
        alias = next((a for a, body in self._alias_words if body == found and f" {a} " in words), None)  # type: ignore[attr-defined]
        return self.candidates(alias) if alias else ()

    def resolve_in_municipality(self, phrase: str, municipality: Municipality) -> Body | None:
        """The body a phrase names in a document of one municipality: its
        council for "Byrådet", "Kommunalbestyrelsen" or "Borgerrepræsentationen",
        a listed body by exact name, else one of its committees, councils or
        boards by the shape of the name ("Økonomiudvalget", "Udvalget for
        Teknik og Miljø", "Handicaprådet"); None for anything else."""
        return municipal_body(phrase, municipality) if _is_council(phrase) \
            else self.lookup(phrase) or municipal_body(phrase, municipality)

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
    """The body directory: kg/data/bodies.csv, the health clusters and the
    98 municipal councils (generated from municipalities.csv)."""
    listed = [Body(key=row["key"], name=row["name"], aliases=_split(row["aliases"]), kind=row["kind"],
                   region=row["region"]) for row in _rows("bodies.csv")]
    clusters = [Body(key=row["key"], name=row["name"], aliases=_split(row["aliases"]), kind="health-cluster",
                     region=row["region"]) for row in _rows("health_clusters.csv")]
    councils = [municipal_council(m) for m in municipalities().municipalities]
    return BodyDirectory(tuple(listed + clusters + councils))


@cache
def body_sources() -> dict[str, str]:
    """Body key -> where its row comes from (the source column of bodies.csv;
    municipal councils come from municipalities.csv)."""
    sources = {row["key"]: row["source"] for row in _rows("bodies.csv")}
    sources |= {row["key"]: "Region Midtjylland, Sundhedsklynger (rm.dk)" for row in _rows("health_clusters.csv")}
    return sources | {f"kommunalbestyrelse-{m.code}": "municipalities.csv (Danmarks Statistik); kommunestyrelsesloven"
                      for m in municipalities().municipalities}


# The council of a municipality, in any inflection: "Byrådet", "byrådets",
# "Kommunalbestyrelsen", "Borgerrepræsentationen".
_COUNCIL = re.compile(r"(?:kommunalbestyrelse|byråd|borgerrepræsentation)(?:n|ns|en|ens|et|ets|s)?", re.IGNORECASE)
# A municipal committee, council or board named by its shape: "Økonomiudvalget",
# "Teknik- og Miljøudvalg", "Udvalget for Børn og Unge", "Handicaprådet",
# "Det fælles landdistriktsråd", "Beskæftigelsesnævnet". It starts with a
# capital, has at most six words, and no word that makes it a sentence.
_COMMITTEE = re.compile(
    r"[A-ZÆØÅ][\wæøå-]*(?:,?\s+[\wæøå-]+){0,4}?\s*[\wæøå-]*(?:udvalg|råd|nævn)(?:et)?"
    r"|(?:(?:Det|Den)\s+)?(?:[\wæøå-]+\s+){0,2}(?:[Uu]dvalg|[Rr]åd|[Nn]ævn)(?:et)?\s+(?:for|om)\s+[\wæøå-]+(?:,?\s+[\wæøå-]+){0,5}")
_SENTENCE_WORDS = frozenset("der blev er var har havde som at skal vil kan til fra på med ved af".split())


def _is_council(phrase: str) -> bool:
    return bool(_COUNCIL.fullmatch(_words(phrase).replace(" ", "")))


def _genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else name + "s"


def municipal_council(municipality: Municipality) -> Body:
    """The council of a municipality (kommunalbestyrelse, called byråd in most
    municipalities and Borgerrepræsentationen in Copenhagen), with the usual
    ways documents write it ("Byrådet i Aarhus", "Aarhus Byråd", "Kommunal-
    bestyrelsen i Favrskov Kommune"). Generated from municipalities.csv; the
    key depends only on the official municipality code."""
    names = (municipality.name, *(a for a in municipality.aliases if not a.endswith(("Kommune", "kommune"))))
    aliases = [form.format(n=n, g=_genitive(n)) for n in names for form in (
        "Kommunalbestyrelsen i {n}", "Kommunalbestyrelsen i {n} Kommune", "Byrådet i {n}", "Byrådet i {n} Kommune",
        "{n} Byråd", "{n} Kommunalbestyrelse", "{g} Byråd", "{g} Kommunalbestyrelse",
        "{g} Kommunes kommunalbestyrelse", "{g} Kommunes byråd", "{n} Kommunes kommunalbestyrelse", "{n} Kommunes byråd")]
    if municipality.code == "101":  # kommunestyrelsesloven: Københavns Kommune's council
        aliases += ["Borgerrepræsentationen", "Borgerrepræsentationen i København", "Københavns Borgerrepræsentation"]
    name = "Borgerrepræsentationen i København" if municipality.code == "101" else f"Kommunalbestyrelsen i {municipality.name}"
    return Body(key=f"kommunalbestyrelse-{municipality.code}", name=name,
                aliases=tuple(dict.fromkeys(a for a in aliases if a != name)), kind="municipal-council",
                region=municipality.region)


def _definite(name: str) -> str:
    """The definite form kg names a committee by: "Økonomiudvalg" ->
    "Økonomiudvalget", "Udvalg for Børn og Unge" -> "Udvalget for Børn og Unge"."""
    name = " ".join(name.split()).strip(" ,.:;")
    if name.lower().startswith(("det ", "den ")):  # "Det fælles landdistriktsråd" is definite already
        return name[:1].upper() + name[1:]
    head, sep, rest = name.partition(" for ")
    for indefinite, definite in (("udvalg", "udvalget"), ("råd", "rådet"), ("nævn", "nævnet")):
        if head.lower().endswith(indefinite):
            head = head + definite[len(indefinite):]
            break
    return head[:1].upper() + head[1:] + sep + rest


def municipal_body(phrase: str, municipality: Municipality) -> Body | None:
    """The body of one municipality a phrase names: its council, or a
    committee, council or board recognised by the shape of its name (a
    pattern, not a list: any "...udvalget" of Køge is a body of Køge). The key
    is the definite name's slug and the municipality code, so "Økonomiudvalg"
    and "Økonomiudvalget" in Køge are one body and Køge's and Aarhus' two."""
    phrase = " ".join(phrase.split()).strip(" ,.:;")
    if _is_council(phrase):
        return municipal_council(municipality)
    if not _COMMITTEE.fullmatch(phrase) or _SENTENCE_WORDS & set(phrase.lower().split()):
        return None
    name = _definite(phrase)
    return Body(key=f"{slug(name)}-{municipality.code}", name=f"{name}, {municipality.name} Kommune",
                aliases=(name, f"{name} i {municipality.name} Kommune"), kind="municipal-committee",
                region=municipality.region)


def regional_body(phrase: str, region: str) -> Body | None:
    """A committee of a regional council recognised by the shape of its
    name, as `municipal_body` ("Forretningsudvalget", "Sundhedsudvalget" or
    "Udvalget for uddannelse og arbejdskraft" of Region Syddanmark); the
    regional council itself for "Regionsrådet"; None for anything else."""
    phrase = " ".join(phrase.split()).strip(" ,.:;")
    if region not in regions():
        return None
    if re.fullmatch(r"[Rr]egionsråd(?:et|ets)?", phrase):
        return next((b for b in bodies().bodies if b.key == f"regionsraadet-{region}"), None)
    if not _COMMITTEE.fullmatch(phrase) or _SENTENCE_WORDS & set(phrase.lower().split()):
        return None
    name, region_name = _definite(phrase), regions()[region]["name"]
    return Body(key=f"{slug(name)}-region-{region}", name=f"{name}, {region_name}",
                aliases=(name, f"{name} i {region_name}"), kind="regional-committee", region=region)


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


# First names come from gender-guesser's name dictionary (Jörg Michael's
# nam_dict.txt, shipped in the package): one name per line with, from column
# 31, one frequency digit per country (hex 1-D, logarithmic, each step about a
# factor of two; A = at least 2 % of the population; blank = not used there).
# kg takes the names used in Denmark (>= 2: roughly 1 person in 13 000 or more)
# and the more common Norwegian and Swedish ones (>= 4: about 1 in 3 000), so a
# rare foreign name that is also a Danish word ("Dag", "Tale") stays out.
_DANISH_MIN = 2
_NORDIC_MIN = 4
_NORDIC = ("norway", "sweden")


class FirstNames(frozenset):
    """A set of first names that also holds their hyphenated compounds:
    "Poul-Erik" is in it when "Poul" and "Erik" are."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        parts = word.split("-") if isinstance(word, str) else []
        return len(parts) > 1 and all(frozenset.__contains__(self, p) for p in parts)


def _name_lines(name: str) -> list[str]:
    """Names, one a line, of a text file in kg/data, without '#' comments."""
    text = files("kg").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#")]


def parse_name_dictionary(lines, danish_min: int = _DANISH_MIN, nordic_min: int = _NORDIC_MIN) -> set[str]:
    """The names of nam_dict.txt lines frequent enough in Denmark, or in
    Norway or Sweden; comments, equivalence lines ("=") and the duplicate
    lines with expanded umlauts ('+' in column 30) are skipped."""
    from gender_guesser.detector import Detector  # the column order of the countries

    columns = {c: 30 + Detector.COUNTRIES.index(c) for c in ("denmark", *_NORDIC)}
    names = set()
    for line in lines:
        if not line or line[0] in "#=" or line[29:30] == "+":
            continue
        name = line[3:29].strip()
        if not name or " " in name or "+" in name:
            continue
        if _frequency(line, columns["denmark"]) >= danish_min \
                or max(_frequency(line, columns[c]) for c in _NORDIC) >= nordic_min:
            names.add(name)
    return names


def _frequency(line: str, column: int) -> int:
    """The hex frequency digit at `column` of a nam_dict.txt line, 0 if blank."""
    digit = line[column:column + 1].strip()
    return int(digit, 16) if digit else 0


@cache
def package_first_names() -> frozenset[str]:
    """The Danish and common Nordic first names of the gender-guesser package."""
    text = files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    return frozenset(parse_name_dictionary(text.splitlines()))


@cache
def first_names() -> FirstNames:
    """First names frequent in Denmark or the Nordics (gender-guesser's
    dictionary), plus the few Danish names it lacks that kg's documents use
    (kg/data/first_names.txt), minus the Danish words that must not be read as
    names (kg/data/not_first_names.txt). Hyphenated compounds of names count."""
    excluded = set(_name_lines("not_first_names.txt"))
    return FirstNames((package_first_names() | set(_name_lines("first_names.txt"))) - excluded)

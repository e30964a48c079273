"""Reference data: first names from the published name dictionary, the
bodies of all five regions with their sources, and municipal councils."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.reference import first_names, parse_name_dictionary

GOLD_WEB = Path(__file__).parent.parent.parent / "shared" / "corpus-web" / "gold.json"

# Frequent Danish names, including those that are also Danish words.
NAMES = ["Per", "Bo", "Kim", "Jan", "Maj", "Stig", "Tage", "Søren", "Mette", "Knud", "Jørn", "Lis",
         "Jes", "Gitte", "Trine", "Marcel", "Tyge"]
# Words that open lines and sentences in minutes and must never count as first names.
NOT_NAMES = ["Det", "Region", "Møde", "Mødet", "Kommune", "Punkt", "Sag", "Dato", "Referat", "Dagsorden",
             "Formand", "Afbud", "Deltagere", "Andre", "Dag", "Del", "Tale", "Sig", "Og", "Til", "Fra",
             "Med", "Ved", "Den", "De", "Der", "Alle", "Juni", "Juli", "Marts", "Mandag", "Onsdag",
             "Fredag", "Borgmester", "Byrådet", "Udvalget", "Bilag", "Beslutning", "Orientering"]


@pytest.mark.parametrize("name", NAMES)
def test_a_frequent_danish_name_is_a_first_name(name):
    assert name in first_names(), f"{name} should be a first name"


@pytest.mark.parametrize("word", NOT_NAMES)
def test_a_common_danish_word_is_not_a_first_name(word):
    assert word not in first_names(), f"{word} is a Danish word, not a first name"


@pytest.mark.parametrize("compound, expected", [("Poul-Erik", True), ("Anne-Mette", True),
                                                ("Region-Erik", False), ("Per-", False)])
def test_hyphenated_compounds_of_names_are_names(compound, expected):
    assert (compound in first_names()) is expected


def _line(name: str, columns: dict[int, str], kind: str = "M ") -> str:
    """A nam_dict.txt line: kind, name up to column 29, then country digits."""
    digits = [" "] * 60
    for index, digit in columns.items():
        digits[index] = digit
    return f"{kind} {name:<26}{' '}{''.join(digits)}$"


def test_the_dictionary_is_read_by_danish_and_nordic_frequency():
    # Country indices as in gender_guesser.detector.Detector.COUNTRIES.
    from gender_guesser.detector import Detector
    dk, no, it = (Detector.COUNTRIES.index(c) for c in ("denmark", "norway", "italy"))
    lines = [
        "# a comment",
        _line("Aksel", {dk: "6"}),
        _line("Rarissimo", {dk: "1"}),          # too rare in Denmark
        _line("Solveig", {no: "7"}),            # common in Norway
        _line("Halvdan", {no: "2"}),            # rare in Norway, unknown in Denmark
        _line("Giuseppe", {it: "9"}),           # common, but not in the Nordics
        _line("Kim", {dk: "8"}, kind="? "),
        "=  Kim Kimberley              1",
    ]
    assert parse_name_dictionary(lines) == {"Aksel", "Solveig", "Kim"}


def test_the_expanded_umlaut_duplicates_are_skipped():
    from gender_guesser.detector import Detector
    dk = Detector.COUNTRIES.index("denmark")
    plain = _line("Søren", {dk: "9"})
    expanded = plain[:29] + "+" + plain[30:]
    assert parse_name_dictionary([expanded]) == set()
    assert parse_name_dictionary([plain]) == {"Søren"}


def test_most_people_in_the_web_gold_start_with_a_known_first_name():
    """Floor measured when the package list replaced the hand list: 237 of 245
    distinct people (the hand list knew 195)."""
    gold = json.loads(GOLD_WEB.read_text(encoding="utf-8"))
    people = {p for doc in gold for p in (*doc["present"], *doc["absent"], *(r["person"] for r in doc["roles"]))}
    known = {p for p in people if p.split()[0] in first_names()}
    assert len(known) / len(people) >= 0.96, f"only {len(known)} of {len(people)} start with a known first name"


# --- bodies of the whole country -------------------------------------------------

from kg.reference import _rows, bodies, body_sources, municipal_body, municipalities  # noqa: E402

REGIONS = ("hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland")
# Keys that IRIs already depend on: they must never change.
STABLE_KEYS = ["kkr-hovedstaden", "kkr-sjaelland", "kkr-syddanmark", "kkr-midtjylland", "kkr-nordjylland", "kd-net",
               "dassos", "kosu", "kontaktudvalget-midtjylland", "sundhedskoordinationsudvalget-midtjylland",
               "praksisplanudvalget-midtjylland", "sundhedssamarbejdsudvalget-midtjylland", "region-midtjylland",
               "regionsraadet-syddanmark", "kommunalbestyrelser-midtjylland", "midtklyngen"]


def test_every_listed_body_names_its_source():
    missing = [row["key"] for row in _rows("bodies.csv") if not row["source"].strip()]
    assert not missing, f"rows without a source: {missing}"
    assert set(body_sources()) == {b.key for b in bodies().bodies}, "a body has no source"


def test_body_keys_are_unique_and_the_old_ones_stay():
    keys = [b.key for b in bodies().bodies]
    assert len(keys) == len(set(keys)), "duplicate body key"
    assert not set(STABLE_KEYS) - set(keys), "a key that IRIs depend on disappeared"


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("kind", ["kkr", "regional-council", "contact-committee", "health-committee", "municipal-councils"])
def test_each_region_has_its_bodies(region, kind):
    assert any(b.region == region and b.kind == kind for b in bodies().bodies), f"no {kind} in {region}"


@pytest.mark.parametrize("phrase, region, key", [
    ("Sundhedskoordinationsudvalget", "hovedstaden", "sundhedskoordinationsudvalget-hovedstaden"),
    ("Sundhedskoordinationsudvalget", "midtjylland", "sundhedskoordinationsudvalget-midtjylland"),
    ("Kontaktudvalget", "sjaelland", "kontaktudvalget-sjaelland"),
    ("Praksisplanudvalget (PPU)", "hovedstaden", "praksisplanudvalget-hovedstaden"),
    ("KKR", "syddanmark", "kkr-syddanmark"),
    ("Socialdirektørforum", "syddanmark", "socialdirektoerforum-syddanmark"),
    ("K17", "sjaelland", "k17-sjaelland"),
    ("KKR Nordjylland", "midtjylland", "kkr-nordjylland"),     # a region named outright wins
    ("KD-Net", "nordjylland", "kd-net"),                      # a specific name keeps its own region
    ("Praksisplanudvalget", "nordjylland", None),             # generic, and the region's own is not listed
])
def test_a_generic_name_is_read_in_the_meetings_region(phrase, region, key):
    found = bodies().resolve_in_region(phrase, region)
    assert (found.key if found else None) == key


def test_the_98_municipal_councils_are_generated():
    councils = [b for b in bodies().bodies if b.kind == "municipal-council"]
    assert len(councils) == len(municipalities().municipalities) == 98
    assert {b.key for b in councils} == {f"kommunalbestyrelse-{m.code}" for m in municipalities().municipalities}


@pytest.mark.parametrize("phrase, code", [("Byrådet i Brønderslev", "810"), ("Aarhus Byråd", "751"),
                                          ("Kommunalbestyrelsen i Favrskov Kommune", "710"),
                                          ("Borgerrepræsentationen", "101"), ("Hjørrings Byråd", "860")])
def test_a_council_is_found_by_its_usual_names(phrase, code):
    found = bodies().lookup(phrase)
    assert found and found.key == f"kommunalbestyrelse-{code}", f"{phrase} -> {found}"


KOEGE = "259"


@pytest.mark.parametrize("phrase, key", [
    ("Byrådet", "kommunalbestyrelse-259"),
    ("kommunalbestyrelsens", "kommunalbestyrelse-259"),
    ("Økonomiudvalget", "oekonomiudvalget-259"),
    ("Økonomiudvalg", "oekonomiudvalget-259"),
    ("Teknik- og Miljøudvalget", "teknik-og-miljoeudvalget-259"),
    ("Udvalg for Kultur og Fritid", "udvalget-for-kultur-og-fritid-259"),
    ("Ældrerådet", "aeldreraadet-259"),
    ("Det fælles landdistriktsråd", "det-faelles-landdistriktsraad-259"),
    ("Beskæftigelsesnævnet", "beskaeftigelsesnaevnet-259"),
    ("KKR Sjælland", "kkr-sjaelland"),   # a listed body stays itself
    ("Region", None), ("Møde", None), ("Referat", None),
    ("Sagen sendes til udvalget", None), ("Der blev drøftet i rådet", None),
])
def test_a_municipal_committee_is_a_body_of_its_municipality(phrase, key):
    found = bodies().resolve_in_municipality(phrase, municipalities().by_code(KOEGE))
    assert (found.key if found else None) == key


def test_the_same_committee_name_in_two_municipalities_is_two_bodies():
    a = municipal_body("Økonomiudvalget", municipalities().lookup("Køge"))
    b = municipal_body("Økonomiudvalget", municipalities().lookup("Aarhus"))
    assert a.key != b.key and a.region == "sjaelland" and b.region == "midtjylland"


@pytest.mark.parametrize("phrase, key", [
    ("Forretningsudvalget", "forretningsudvalget-region-syddanmark"),
    ("Udvalget for uddannelse og arbejdskraft", "udvalget-for-uddannelse-og-arbejdskraft-region-syddanmark"),
    ("Regionsrådet", "regionsraadet-syddanmark"),
    ("Region", None), ("Sagen sendes til udvalget", None),
])
def test_a_regional_committee_is_a_body_of_its_region(phrase, key):
    from kg.reference import regional_body
    found = regional_body(phrase, "syddanmark")
    assert (found.key if found else None) == key

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

"""The table of fact types (kg/facts.py) against everything derived from it:
each test names the fact type that lacks a list, a mapper, a JSON form or an
output. Examples are made from the dataclasses' type hints, with every field
set, so a new field of a type the JSON form cannot carry fails here too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import types
import typing

import pytest

from kg import model
from kg.cli import fact_lines
from kg.facts import BY_CLASS, EXTRACTOR_VERSION, FACT_TYPES, add_fact, extractor_version, facts_of, schema
from kg.facts_json import dumps, fact_from_json, fact_json, loads
from kg.model import DocumentInfo, DocumentKind, Extraction
from kg.rdf.documents import MAPPERS, METADATA_MAPPERS
from kg.rdf.iris import Quads, document_iri, meta_graph

IDS = [f.cls.__name__ for f in FACT_TYPES]


# String fields whose value the mapper turns into an IRI of a closed set.
FIELD_VALUES = {"outcome": model.Outcome.APPROVED.value}


def example(hint: typing.Any, field: str = "") -> typing.Any:
    """A value of type `hint` with every field set (no defaults left empty)."""
    if hint is str and field in FIELD_VALUES:
        return FIELD_VALUES[field]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return example(next(a for a in typing.get_args(hint) if a is not type(None)))
    if origin is tuple:
        return (example(typing.get_args(hint)[0]),)
    if origin is list:
        return [example(typing.get_args(hint)[0])]
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint, vars(model))
        return hint(**{f.name: example(hints[f.name], f.name) for f in dataclasses.fields(hint)})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return list(hint)[0]
    return {str: "kd-net", int: 2, bool: True, dt.date: dt.date(2023, 2, 10), dt.time: dt.time(9, 30)}[hint]


def one_of_each() -> Extraction:
    extraction = Extraction(document=DocumentInfo("eksempel.txt", "ab" * 32, 10, "utf-8", DocumentKind.MINUTES))
    for fact_type in FACT_TYPES:
        add_fact(extraction, example(fact_type.cls))
    return extraction


def test_every_list_of_an_extraction_is_a_row_of_the_table():
    lists = {f.name for f in dataclasses.fields(Extraction) if f.name != "document"}
    missing = lists - {f.field for f in FACT_TYPES}
    assert not missing, f"Extraction lists with no row in kg.facts.FACT_TYPES: {sorted(missing)}"


@pytest.mark.parametrize("fact_type", FACT_TYPES, ids=IDS)
def test_each_row_names_a_list_of_its_class(fact_type):
    hints = typing.get_type_hints(Extraction, vars(model))
    assert hints.get(fact_type.field) == list[fact_type.cls], \
        f"Extraction.{fact_type.field} should be list[{fact_type.cls.__name__}]"


def test_labels_and_classes_are_unique():
    labels = [f.label for f in FACT_TYPES]
    assert len(set(labels)) == len(labels), f"labels repeat: {labels}"
    assert len(BY_CLASS) == len(FACT_TYPES), "a class has two rows"


@pytest.mark.parametrize("fact_type", FACT_TYPES, ids=IDS)
def test_each_fact_type_has_one_mapper(fact_type):
    owners = [name for name, table in (("MAPPERS", MAPPERS), ("METADATA_MAPPERS", METADATA_MAPPERS))
              if fact_type.cls in table]
    assert len(owners) == 1, (f"{fact_type.cls.__name__} needs exactly one mapper in kg/rdf/documents.py "
                              f"(MAPPERS or METADATA_MAPPERS); found in {owners or 'none'}")


def test_no_mapper_for_a_class_outside_the_table():
    stray = (set(MAPPERS) | set(METADATA_MAPPERS)) - set(BY_CLASS)
    assert not stray, f"mappers for classes not in kg.facts.FACT_TYPES: {sorted(c.__name__ for c in stray)}"


@pytest.mark.parametrize("fact_type", FACT_TYPES, ids=IDS)
def test_each_mapper_writes_triples(fact_type):
    fact = example(fact_type.cls)
    if fact_type.cls in METADATA_MAPPERS:
        g = Quads(meta_graph("eksempel.txt"))
        METADATA_MAPPERS[fact_type.cls](g, document_iri("eksempel.txt"), [fact])
    else:
        g = Quads(document_iri("eksempel.txt"))
        MAPPERS[fact_type.cls](g, [fact])
    assert list(g), f"the mapper of {fact_type.cls.__name__} wrote no triple"


@pytest.mark.parametrize("fact_type", FACT_TYPES, ids=IDS)
def test_each_fact_type_round_trips_through_json(fact_type):
    fact = example(fact_type.cls)
    data = json.loads(json.dumps(fact_json(fact)))
    assert fact_from_json(fact_type.cls, data) == fact, f"{fact_type.cls.__name__} changes through its JSON form"


def test_an_extraction_round_trips_through_json_with_every_list():
    extraction = one_of_each()
    back = loads(dumps(extraction))
    for fact_type in FACT_TYPES:
        assert facts_of(back, fact_type) == facts_of(extraction, fact_type), f"{fact_type.field} lost in JSON"
    assert back == extraction


@pytest.mark.parametrize("fact_type", FACT_TYPES, ids=IDS)
def test_kg_extract_prints_each_fact_type(fact_type):
    printed = [json.loads(line) for line in fact_lines(one_of_each())]
    mine = [p for p in printed if p["type"] == fact_type.label]
    assert len(mine) == 1, f"`kg extract` printed {len(mine)} lines of type {fact_type.label!r}, not 1"
    assert {k: v for k, v in mine[0].items() if k != "type"} == fact_json(example(fact_type.cls))


def test_unknown_fact_class_is_named_when_routed():
    @dataclasses.dataclass(frozen=True)
    class Unlisted:
        name: str

    with pytest.raises(KeyError, match="Unlisted is not in kg.facts.FACT_TYPES"):
        add_fact(one_of_each(), Unlisted("x"))


def test_extractor_version_follows_the_shape_of_every_fact_type():
    for fact_type in FACT_TYPES:
        assert f"{fact_type.cls.__name__}(" in schema(), f"{fact_type.cls.__name__} is not in the schema digest"
    assert EXTRACTOR_VERSION == extractor_version(schema())
    assert extractor_version(schema() + "\nNewFact(name: str)") != EXTRACTOR_VERSION, "a new fact type keeps the version"

"""The table of fact types: the one place that lists them.

Extraction routing (kg/extract), the RDF mappers (kg/rdf/documents.py),
`kg extract`'s output (kg/cli.py), the JSON form (kg/facts_json.py) and the
extractor version are derived from FACT_TYPES. Adding a fact type means: its
dataclass in kg/model.py, a list field in kg.model.Extraction, one extractor,
one mapper in kg/rdf/documents.py and one row here; tests/test_fact_types.py
names whichever of those is missing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import typing
from dataclasses import dataclass

from kg import model
from kg.model import (
    AgendaItem, Agreement, Appointment, Attendance, Body, Doubt, Extraction, Meeting, Mention, Referral,
    RoleStatement, ScheduledMeeting,
)

# Bump when the extraction rules change what they read, or the mapping changes
# what a document graph holds (stores then rebuild every document); changes of
# the fact types' shape change the version by themselves (see EXTRACTOR_VERSION).
RULES_VERSION = "3"


@dataclass(frozen=True, slots=True)
class FactType:
    """One kind of fact: its class, the Extraction list that holds it, and its
    name in `kg extract`'s JSON lines."""

    cls: type
    field: str
    label: str


# In the order facts are listed, mapped and printed (doubts last).
FACT_TYPES: tuple[FactType, ...] = (
    FactType(Body, "bodies", "body"),
    FactType(Meeting, "meetings", "meeting"),
    FactType(AgendaItem, "items", "item"),
    FactType(Attendance, "attendance", "attendance"),
    FactType(RoleStatement, "roles", "role"),
    FactType(Appointment, "appointments", "appointment"),
    FactType(Mention, "mentions", "mention"),
    FactType(Referral, "referrals", "referral"),
    FactType(ScheduledMeeting, "scheduled", "scheduled"),
    FactType(Agreement, "agreements", "agreement"),
    FactType(Doubt, "warnings", "warning"),
)

BY_CLASS: dict[type, FactType] = {f.cls: f for f in FACT_TYPES}


def facts_of(extraction: Extraction, fact_type: FactType) -> list:
    """The list of `extraction` that holds facts of `fact_type`."""
    return getattr(extraction, fact_type.field)


def add_fact(extraction: Extraction, fact: object) -> None:
    """Route one fact to its list; a KeyError names a class missing here."""
    try:
        fact_type = BY_CLASS[type(fact)]
    except KeyError:
        raise KeyError(f"{type(fact).__name__} is not in kg.facts.FACT_TYPES") from None
    facts_of(extraction, fact_type).append(fact)


def schema() -> str:
    """The shape of every fact type (fields and their types, nested values
    included), as text: what the JSON form and the mappers depend on."""
    described: dict[str, str] = {}

    def describe(cls: type) -> None:
        if not dataclasses.is_dataclass(cls) or cls.__name__ in described:
            return
        hints = typing.get_type_hints(cls, vars(model))
        fields = dataclasses.fields(cls)
        described[cls.__name__] = f"{cls.__name__}(" + ", ".join(f"{f.name}: {hints[f.name]}" for f in fields) + ")"
        for f in fields:
            for inner in _classes_in(hints[f.name]):
                describe(inner)

    describe(Extraction)
    for fact_type in FACT_TYPES:
        describe(fact_type.cls)
    return "\n".join(described.values())


def _classes_in(hint: typing.Any) -> list[type]:
    args = typing.get_args(hint)
    if args:
        return [c for a in args for c in _classes_in(a)]
    return [hint] if isinstance(hint, type) else []


# Stores compare it to know what built a graph: the rules' version and a
# digest of the fact types' shape, so that a new field or fact type forces
# re-extraction (stored facts of the old shape could not be read back).
def extractor_version(shape: str) -> str:
    """The rules' version and a digest of the shape text."""
    return f"{RULES_VERSION}.{hashlib.sha256(shape.encode()).hexdigest()[:8]}"


EXTRACTOR_VERSION = extractor_version(schema())

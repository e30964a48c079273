"""Facts as JSON, and back.

Each document's facts are kept as JSON beside the store, so that the build's
cross-document stage (people, memberships) can work in memory on the facts
of every stored document, including those skipped as unchanged. The lists
written are those of the table of fact types (kg/facts.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import types
import typing
from typing import Any

from kg.facts import FACT_TYPES, facts_of
from kg.model import DocumentInfo, Extraction

FORMAT_VERSION = 1


def dumps(extraction: Extraction) -> str:
    """The extraction as a JSON string (stable key order)."""
    data = {"format": FORMAT_VERSION, "document": fact_json(extraction.document)}
    for fact_type in FACT_TYPES:
        data[fact_type.field] = [fact_json(f) for f in facts_of(extraction, fact_type)]
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def fact_json(fact: Any) -> dict:
    """One fact (a dataclass) as a JSON-ready dict."""
    return plain(dataclasses.asdict(fact))


def fact_from_json(cls: type, data: dict) -> Any:
    """A fact of class `cls` from `fact_json` output."""
    return _build(cls, data)


def loads(text: str) -> Extraction:
    """An Extraction from `dumps` output."""
    data = json.loads(text)
    if data.pop("format", None) != FORMAT_VERSION:
        raise ValueError("stored facts are of another format version; rebuild the store")
    extraction = Extraction(document=_build(DocumentInfo, data["document"]))
    for fact_type in FACT_TYPES:
        facts_of(extraction, fact_type).extend(_build(fact_type.cls, f) for f in data.get(fact_type.field, []))
    return extraction


def plain(value: Any) -> Any:
    """Dates, times and enums as strings; tuples as lists: JSON-ready."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: Any, value: Any) -> Any:
    """Rebuild a value of type `cls` (dataclass, enum, date, tuple, list,
    optional) from plain JSON data."""
    if value is None:
        return None
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(cls) if a is not type(None)]
        return _build(inner[0], value)
    if origin in (list, tuple):
        (item, *_) = typing.get_args(cls)
        built = [_build(item, v) for v in value]
        return tuple(built) if origin is tuple else built
    if dataclasses.is_dataclass(cls):
        hints = _hints(cls)
        return cls(**{f.name: _build(hints[f.name], value[f.name]) for f in dataclasses.fields(cls)
                      if f.name in value})
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return cls(value)
    if cls is dt.date:
        return dt.date.fromisoformat(value)
    if cls is dt.time:
        return dt.time.fromisoformat(value)
    return value


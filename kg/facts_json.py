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
    """One fact (a dataclass) as a JSON-ready dict: what
    plain(dataclasses.asdict(fact)) gives, in one walk without asdict's deep
    copies (facts are frozen, their values immutable), which cost most of
    writing every document's facts."""
    return _plain_value(fact)


# Types written as they are, and the field names of each dataclass met (None: no dataclass).
_SCALARS = frozenset({str, int, bool, float, type(None)})
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _plain_value(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
    names = _FIELDS[kind]
    if names is not None:
        # A scalar field (most: names, keys, lines) is taken as it is, without a call.
        out = {}
        for name in names:
            field = getattr(value, name)
            out[name] = field if type(field) in _SCALARS else _plain_value(field)
        return out
    if isinstance(value, dict):
        return {_plain_value(k): _plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _SCALARS else _plain_value(v) for v in value]
    return plain(value)


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
    return _decoder(cls)(value)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _decoder(cls: Any):
    """A function rebuilding values of type `cls`, worked out once per type:
    the link stage reads every stored document's facts, and inspecting the
    type hints for every value cost most of that reading."""
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        return _decoder([a for a in typing.get_args(cls) if a is not type(None)][0])
    if origin in (list, tuple):
        item = _decoder(typing.get_args(cls)[0])
        make = tuple if origin is tuple else list
        if item is _same:
            return lambda value: None if value is None else make(value)
        return lambda value: None if value is None else make([item(v) for v in value])
    if dataclasses.is_dataclass(cls):
        hints = _hints(cls)
        return _dataclass_decoder(cls, [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)])
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return lambda value: None if value is None else cls(value)
    if cls is dt.date:
        return lambda value: None if value is None else dt.date.fromisoformat(value)
    if cls is dt.time:
        return lambda value: None if value is None else dt.time.fromisoformat(value)
    return _same


def _dataclass_decoder(cls: type, fields: list[tuple[str, Any]]):
    """A dataclass's decoder as one function with a call per field, made
    once per class: `dumps` writes every field, so each value is read by
    name, with no call for a field read as it is (a string, a number);
    data lacking a field (or holding another) takes the general way, the
    field's default. About half of reading every stored document's facts."""
    names = {f"_d{i}": decode for i, (_, decode) in enumerate(fields)}
    args = ", ".join(f"{name}=value[{name!r}]" if decode is _same else f"{name}=_d{i}(value[{name!r}])"
                     for i, (name, decode) in enumerate(fields))
    source = (f"def build(value):\n"
              f"    if value is None:\n"
              f"        return None\n"
              f"    if len(value) == {len(fields)}:\n"
              f"        try:\n"
              f"            return _cls({args})\n"
              f"        except KeyError:\n"
              f"            pass\n"
              f"    return _cls(**{{name: decode(value[name]) for name, decode in _fields if name in value}})\n")
    scope = {"_cls": cls, "_fields": fields, **names}
    exec(source, scope)  # noqa: S102 - the source is made above from field names only
    return scope["build"]

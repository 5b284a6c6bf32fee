"""A JSON Schema for scenario files, generated from the model.

Editors that speak the YAML language server read it (via the `# yaml-language-server:
$schema=` line at the top of each shipped scenario) to complete keys and underline mistakes as
the instructor types. It is derived from the same attrs classes the loader structures into, so
it cannot drift from what the loader accepts. Cross-references (does actor 'TRU' exist?) are
beyond JSON Schema; `detente check` does those.
"""

from __future__ import annotations

import typing
from typing import Any, Literal

import attrs

from game.scenario.expr import Expr
from game.scenario.model import Scenario
from game.scenario.structure import _is_union, hints, key_name, unwrap_optional

SCHEMA_ID = "https://detente.invalid/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file."""
    definitions: dict[str, Any] = {}
    root = _class_schema(Scenario, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Détente scenario",
        **root,
        "$defs": definitions,
    }


def _class_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    types = hints(cls)
    for field in attrs.fields(cls):
        key = key_name(field)
        schema = _type_schema(types[field.name], definitions)
        meta = field.metadata
        schema = dict(schema)
        if meta.get("doc"):
            schema["description"] = meta["doc"]
        for name in ("minimum", "maximum", "pattern"):
            if meta.get(name) is not None:
                schema[name] = meta[name]
        if meta.get("max_items") is not None:
            schema["maxItems"] = meta["max_items"]
        if meta.get("example") is not None:
            schema["examples"] = [meta["example"]]
        properties[key] = schema
        if field.default is attrs.NOTHING:
            required.append(key)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    return {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    inner, optional = unwrap_optional(tp)
    schema = _plain_schema(inner, definitions)
    if optional:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _plain_schema(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is Expr:
        return {"type": ["string", "number", "boolean"]}
    if attrs.has(tp) and tp is not Expr:
        name = tp.__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _class_schema(tp, definitions)
        return {"$ref": f"#/$defs/{name}"}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        return {"enum": list(args)}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            items = _type_schema(args[0], definitions)
            if args[0] is str:
                return {"anyOf": [{"type": "array", "items": items}, items]}
            return {"type": "array", "items": items}
        return {
            "type": "array",
            "prefixItems": [_type_schema(a, definitions) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], definitions)}
    if _is_union(tp):
        return {"anyOf": [_type_schema(a, definitions) for a in args]}
    raise TypeError(f"no schema for {tp!r}")

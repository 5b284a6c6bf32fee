"""The screens' views back from JSON: the frozen classes of ``game.ui.seam``, rebuilt by
walking their type hints (the server sends them as plain data, see game/server/views.py)."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs

T = TypeVar("T")


def structure(cls: type[T], data: Any) -> T:
    """An instance of the attrs class ``cls`` from its plain-data form."""
    hints = typing.get_type_hints(cls)
    values = {
        field.name: _value(hints[field.name], data[field.name])
        for field in attrs.fields(cls)  # type: ignore[arg-type]
        if field.name in data
    }
    return cls(**values)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if attrs.has(hint):
        return structure(hint, value)
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        fields = typing.get_type_hints(hint)
        return hint(*(_value(h, v) for h, v in zip(fields.values(), value, strict=True)))
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], item) for item in value)
        return tuple(_value(a, item) for a, item in zip(args, value, strict=True))
    if origin in (Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        return _value(kinds[0], value) if len(kinds) == 1 else value
    return value

"""Turning plain YAML values into model objects, reporting every mismatch at its place.

The structurer walks the attrs classes of ``model`` by their type hints, the same walk that
``schema`` makes to print a JSON Schema, so the two can never disagree about the format. It
does not stop at the first problem: a bad field is reported and skipped, and the walk goes on,
so an author sees every structural problem of a file in one run.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

import attrs

from game.scenario import model
from game.scenario.diagnostics import Suggestions, clip
from game.scenario.expr import Expr, ExprSyntaxError, parse
from game.scenario.yamlread import Marks, Path, Place

MAX_CONDITION = 2_000
"""Longest condition accepted, in characters. The longest in the S-400 scenario is about
120; a 10,000-character condition is a generated or pasted mistake, not a rule of the game."""

MAX_CONDITION_TEXT = 200_000
"""Characters of condition text one file may hold in all. Parsing and checking cost grows
with it, and this keeps the slowest refusal of a hostile 2 MB file under two seconds."""

INVALID: Any = object()
"""Returned for a value that could not be structured (its problem has been reported)."""

_FLAG_READ = re.compile(r"\bflag\s*\(\s*([A-Za-z][A-Za-z0-9_]*)")
"""`flag(name)` in condition text, found without parsing (the text may not parse)."""

Report = Callable[[Place, str], None]


def key_name(field: attrs.Attribute[Any]) -> str:
    """The YAML key of a model field."""
    return field.metadata.get("key") or field.name


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    """Resolved type hints of a model class (cached: the walk asks for them often)."""
    return typing.get_type_hints(cls, vars(model) | {"Expr": Expr})


def unwrap_optional(tp: Any) -> tuple[Any, bool]:
    """(inner type, True) for ``X | None``; (tp, False) otherwise."""
    args = typing.get_args(tp)
    if _is_union(tp) and type(None) in args:
        rest = tuple(arg for arg in args if arg is not type(None))
        return (rest[0] if len(rest) == 1 else typing.Union[rest]), True  # noqa: UP007
    return tp, False


@functools.cache
def _plan(tp: Any) -> tuple[str, Any, bool]:
    """(how to structure it, the type without None, whether None is allowed), once per type:
    a file of 40,000 values asked typing the same questions 120,000 times."""
    inner, optional = unwrap_optional(tp)
    if inner is Expr:
        return "expr", inner, optional
    if attrs.has(inner):
        return "class", inner, optional
    origin = typing.get_origin(inner)
    kinds = {tuple: "tuple", dict: "dict", Literal: "literal"}
    if origin in kinds:
        return kinds[origin], inner, optional
    return ("union" if _is_union(inner) else "scalar"), inner, optional


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def describe(tp: Any) -> str:
    """A type as an author would say it."""
    tp, _ = unwrap_optional(tp)
    if tp is str:
        return "text"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if tp is bool:
        return "true or false"
    if tp is Expr:
        return "a condition (text)"
    origin = typing.get_origin(tp)
    if origin is Literal:
        return "one of " + ", ".join(f"'{choice}'" for choice in typing.get_args(tp))
    if origin is tuple:
        return "a list"
    if origin is dict:
        return "a mapping of names to values"
    if _is_union(tp):
        return " or ".join(describe(arg) for arg in typing.get_args(tp))
    if attrs.has(tp):
        return "a mapping"
    return str(tp)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"text {clip(value, 40)!r}"
    if isinstance(value, int) and abs(value) > 10**15:
        return "an enormous number"  # repr() of a 5,000-digit int raises ValueError
    return repr(value)


FOLDED_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def folded_paragraphs(text: str) -> str:
    """Text of a folded (`>`/`>-`) block with its paragraphs separated by a blank line.

    YAML folds a `>` block's lines into one and turns each blank line between them into a
    single line break, which reads as a wrapped line everywhere else (the `|` blocks, where
    authors wrap prose at their editor's width, and the screens' re-flow of it). The guide
    promises that a blank line starts a paragraph (docs/authoring.md, 2.4), so the break is
    made the blank line the author wrote, once, here: screens, reports and debriefs then
    read every text field one way.
    """
    return FOLDED_BREAK.sub("\n\n", text)


class Structurer:
    """Builds model objects from a YAML document, reporting problems through ``report``."""

    def __init__(self, marks: Marks, report: Report) -> None:
        self.marks = marks
        self.report = report
        self.paths: dict[int, Path] = {}
        """Where each model object came from, by id(), for placing later diagnostics."""
        self.damaged: set[tuple[int, str]] = set()
        """(id(obj), field name) of each field whose value was bad and reported: left at its
        default, or a list or mapping with items left out. Checks that would only echo the
        problem (an effect with neither `change` nor `set` after a bad `change`) skip them."""
        self.built: list[Any] = []
        """Every object built, those inside dropped elements included. Keeping them alive keeps
        each id() unique (``paths`` and ``damaged`` go by id), and lets checks see what an
        element that could not be built held (the flags its effects set)."""
        self.dropped: dict[Path, Any] = {}
        """List items that could not be built, by path, as written (the fallback ending may be
        among them)."""
        self.flags_named: set[str] = set()
        """Flag names read by `flag(name)` in any condition text of the file, even text that
        does not parse or sits in an element that could not be built."""
        self._partial: set[Path] = set()
        """Lists and mappings that had items left out."""
        self.condition_budget = MAX_CONDITION_TEXT
        """Characters of condition text this file may still hold (see MAX_CONDITION_TEXT)."""
        self.suggest = Suggestions()
        """"Did you mean" for misspelt keys and choices, within the file's budget."""

    def problem(self, path: Path, message: str, *, at_key: bool = False) -> None:
        place = self.marks.key(path) if at_key else self.marks.value(path)
        self.report(place, message)

    def structure(
        self, value: Any, tp: Any, path: Path, field: attrs.Attribute[Any] | None = None
    ) -> Any:
        kind, inner, optional = _plan(tp)
        if value is None:
            if optional:
                return None
            self.problem(
                path, f"expected {describe(tp)}, got nothing; give a value or remove the key"
            )
            return INVALID
        if kind == "expr":
            return self.structure_expr(value, path)
        if kind == "class":
            return self.structure_class(value, inner, path)
        if kind == "tuple":
            if field is not None and not self.within_max_items(value, field, path):
                return INVALID
            return self.structure_tuple(value, inner, path)
        if kind == "dict":
            return self.structure_dict(value, inner, path)
        if kind == "literal":
            return self.structure_literal(value, inner, path)
        if kind == "union":
            return self.structure_union(value, inner, path)
        return self.structure_scalar(value, inner, path, field)

    def structure_class(self, value: Any, cls: type, path: Path) -> Any:
        if not isinstance(value, dict):
            self.problem(
                path, f"expected a mapping of keys for {cls.__name__}, got {_shown(value)}"
            )
            return INVALID
        fields = attrs.fields(cls)
        by_key = {key_name(f): f for f in fields}
        for key in value:
            if key not in by_key:
                hint = self.suggest(key, by_key) or "; allowed keys: " + ", ".join(by_key)
                self.problem(
                    (*path, key), f"unknown key '{key}' in {_noun(cls)}{hint}", at_key=True
                )
        kwargs: dict[str, Any] = {}
        ok, damaged = True, []
        for field in fields:
            key = key_name(field)
            if key not in value:
                if field.default is attrs.NOTHING:
                    self.problem(path, f"{_noun(cls)} is missing required key '{key}'")
                    ok = False
                continue
            result = self.structure(value[key], hints(cls)[field.name], (*path, key), field)
            if result is INVALID or (*path, key) in self._partial:
                damaged.append(field.name)
            if result is INVALID:
                if field.default is attrs.NOTHING:
                    ok = False
                continue
            kwargs[field.name] = result
        if not ok:
            return INVALID
        obj = cls(**kwargs)
        self.built.append(obj)
        self.paths[id(obj)] = path
        self.damaged.update((id(obj), name) for name in damaged)
        return obj

    def within_max_items(self, value: Any, field: attrs.Attribute[Any], path: Path) -> bool:
        """Whether a list stays within its field's ``max_items`` (see ``model.fld``). A list
        over it is refused whole, before any of it is read: its items would cost the time
        the limit is there to save."""
        limit = field.metadata.get("max_items")
        if limit is None or not isinstance(value, list) or len(value) <= limit:
            return True
        why = field.metadata.get("why")
        self.problem(
            path,
            f"{len(value):,} {key_name(field)} is too many: at most {limit:,} are supported"
            + (f" ({why})" if why else ""),
            at_key=True,
        )
        return False

    def structure_tuple(self, value: Any, tp: Any, path: Path) -> Any:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            if isinstance(value, str) and args[0] is str:
                return (value,)  # `by: TUR` reads as `by: [TUR]`
            if not isinstance(value, list):
                self.problem(path, f"expected a list, got {_shown(value)}")
                return INVALID
            items = [self.structure(item, args[0], (*path, i)) for i, item in enumerate(value)]
            for i, item in enumerate(items):
                if item is INVALID:
                    self.dropped[(*path, i)] = value[i]
                    self._partial.add(path)
            return tuple(item for item in items if item is not INVALID)
        if not isinstance(value, list) or len(value) != len(args):
            self.problem(path, f"expected a list of {len(args)} values, got {_shown(value)}")
            return INVALID
        items = [
            self.structure(v, t, (*path, i))
            for i, (v, t) in enumerate(zip(value, args, strict=True))
        ]
        if any(item is INVALID for item in items):
            return INVALID
        if len(items) == 2 and items[0] > items[1]:
            self.problem(path, f"the first value must not exceed the second, got {value}")
            return INVALID
        return tuple(items)

    def structure_dict(self, value: Any, tp: Any, path: Path) -> Any:
        if not isinstance(value, dict):
            self.problem(path, f"expected a mapping of names to values, got {_shown(value)}")
            return INVALID
        _, value_type = typing.get_args(tp)
        result = {}
        for key, item in value.items():
            structured = self.structure(item, value_type, (*path, key))
            if structured is INVALID:
                self._partial.add(path)
            else:
                result[key] = structured
        return result

    def structure_literal(self, value: Any, tp: Any, path: Path) -> Any:
        choices = typing.get_args(tp)
        if value in choices and isinstance(value, str):
            return value
        hint = self.suggest(str(value), choices) if isinstance(value, str) else ""
        self.problem(path, f"expected {describe(tp)}, got {_shown(value)}{hint}")
        return INVALID

    def structure_union(self, value: Any, tp: Any, path: Path) -> Any:
        for arg in typing.get_args(tp):
            if arg is bool and isinstance(value, bool):
                return value
            if arg is int and isinstance(value, int) and not isinstance(value, bool):
                return value
            if arg is str and isinstance(value, str):
                return value
            if attrs.has(arg) and isinstance(value, dict):
                return self.structure_class(value, arg, path)
        self.problem(path, f"expected {describe(tp)}, got {_shown(value)}")
        return INVALID

    def structure_expr(self, value: Any, path: Path) -> Any:
        if isinstance(value, bool):
            value = str(value).lower()
        elif isinstance(value, (int, float)) and math.isfinite(value):
            value = str(value)
        if not isinstance(value, str):
            self.problem(path, f"expected a condition written as text, got {_shown(value)}")
            return INVALID
        self.flags_named.update(_FLAG_READ.findall(value))
        if len(value) > MAX_CONDITION:
            self.problem(
                path,
                f"this condition is {len(value):,} characters long; keep each under "
                f"{MAX_CONDITION:,} (set a flag in an event or option and test the flag instead)",
            )
            return INVALID
        self.condition_budget -= len(value)
        if self.condition_budget < 0:
            if self.condition_budget + len(value) >= 0:  # report once, where it runs out
                self.problem(
                    path,
                    f"the conditions in this file add up to more than {MAX_CONDITION_TEXT:,} "
                    "characters; no crisis needs that many (is the file generated?)",
                )
            return INVALID
        try:
            return parse(value)
        except ExprSyntaxError as error:
            self.report(expr_place(self.marks, path, error.col), f"in condition: {error.message}")
            return INVALID

    def structure_scalar(
        self, value: Any, tp: Any, path: Path, field: attrs.Attribute[Any] | None
    ) -> Any:
        meta = field.metadata if field is not None else {}
        if tp is str:
            if isinstance(value, (datetime.date, datetime.datetime)):
                value = value.isoformat()
            if not isinstance(value, str):
                self.problem(path, f"expected text, got {_shown(value)}; put it in quotes")
                return INVALID
            pattern = meta.get("pattern")
            if pattern and not re.fullmatch(pattern, value):
                self.problem(
                    path,
                    f"'{clip(value)}' is not a valid id: use up to 64 letters, digits and _, "
                    "starting with a letter",
                )
                return INVALID
            if self.marks.styles.get(path) == ">":
                return folded_paragraphs(value)
            return value
        if tp is bool:
            if not isinstance(value, bool):
                self.problem(path, f"expected true or false, got {_shown(value)}")
                return INVALID
            return value
        if tp in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.problem(path, f"expected {describe(tp)}, got {_shown(value)}{_as_text(value)}")
                return INVALID
            if isinstance(value, float) and not math.isfinite(value):
                self.problem(path, f"expected {describe(tp)}, got {value} (not a usable number)")
                return INVALID
            if tp is int and isinstance(value, float):
                self.problem(path, f"expected a whole number, got {value}")
                return INVALID
            if abs(value) > 1e9:
                self.problem(
                    path, "this number is far too large; keep numbers within ±1,000,000,000"
                )
                return INVALID
            low, high = meta.get("minimum"), meta.get("maximum")
            if (low is not None and value < low) or (high is not None and value > high):
                self.problem(path, f"{value:g} is out of range; expected {_range(low, high)}")
                return INVALID
            return float(value) if tp is float else value
        raise TypeError(f"the structurer does not handle {tp!r}")  # a bug in the model, not input


def expr_place(marks: Marks, path: Path, offset: int) -> Place:
    """The file place of character ``offset`` of the condition text at ``path``."""
    return marks.offset(path, offset)


def _noun(cls: type) -> str:
    name = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    return "the scenario" if cls is model.Scenario else f"the {name}"


def _as_text(value: Any) -> str:
    """Why text that looks like a number is text: YAML wants a dot before an exponent."""
    if not isinstance(value, str):
        return ""
    try:
        float(value)
    except ValueError:
        return ""
    if "e" in value.lower() and "." not in value.lower().split("e")[0]:
        return "; YAML reads an exponent without a dot as text: write 1.0e+3, not 1e3"
    return "; write the number without quotes"


def _range(low: float | None, high: float | None) -> str:
    if low is not None and low == high:
        return f"{low:g}"
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"

"""The condition language's type checker: names, argument counts and kinds, and types.

A parsed condition is checked against the scenario it sits in: which functions and variables
exist is fixed here, which ids exist (actors, stats, flags, options, events) is asked of the
caller through a ``Resolver``, so this module knows nothing of the scenario model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

from game.scenario.expr.parser import (
    COMPARISONS,
    Bool,
    Call,
    Expr,
    Logic,
    Name,
    Node,
    Num,
    Unary,
    first_col,
)

Type = Literal["bool", "number"]

IdKind = Literal["actor", "stat", "flag", "option", "event"]


@attrs.frozen
class Signature:
    """What a function takes and gives. Id arguments are bare names; others are expressions."""

    params: tuple[IdKind | Type, ...]
    result: Type
    doc: str
    optional: int = 0
    """How many trailing parameters may be left out."""


FUNCTIONS: dict[str, Signature] = {
    "rel": Signature(("actor", "actor"), "number", "rel(A, B): A's view of B"),
    "stat": Signature(("actor", "stat"), "number", "stat(A, name): A's stat"),
    "flag": Signature(("flag",), "bool", "flag(name): whether the flag is set"),
    "taken": Signature(
        ("option", "actor"), "bool", "taken(option[, A]): taken by anyone (or by A)", optional=1
    ),
    "fired": Signature(("event",), "bool", "fired(event): whether the event has happened"),
    "abs": Signature(("number",), "number", "abs(x): x without its sign"),
    "min": Signature(("number", "number"), "number", "min(x, y): the smaller"),
    "max": Signature(("number", "number"), "number", "max(x, y): the larger"),
}

VARIABLES: dict[str, str] = {
    "turn": "the current turn, from 1",
    "turns": "the scenario's number of turns",
}


@attrs.frozen
class Problem:
    """A problem found in an expression, at a 0-based column of its text."""

    col: int
    message: str
    unknown: str | None = None
    """The misspelt name, when the problem is an unknown name (for suggestions)."""
    kind: str | None = None
    """What sort of name was expected there (actor, flag, ...)."""


Resolver = Callable[[IdKind, str, tuple[str, ...]], bool]
"""Answers whether an id of a kind exists; the tuple gives earlier id args (stat's actor)."""


def check_types(expr: Expr, want: Type, known: Resolver) -> list[Problem]:
    """Check names, argument counts and types; return every problem found."""
    problems: list[Problem] = []

    def visit(node: Node) -> Type | None:
        if isinstance(node, Num):
            return "number"
        if isinstance(node, Bool):
            return "bool"
        if isinstance(node, Name):
            if node.name in VARIABLES:
                return "number"
            problems.append(
                Problem(
                    node.col,
                    f"unknown name `{node.name}`; conditions know "
                    + ", ".join(f"`{v}`" for v in VARIABLES)
                    + " and functions like rel(A, B)",
                )
            )
            return None
        if isinstance(node, Call):
            return visit_call(node)
        if isinstance(node, Unary):
            need: Type = "bool" if node.op == "not" else "number"
            expect(node.operand, need, f"`{node.op}`")
            return need
        if isinstance(node, Logic):
            for operand in node.operands:
                expect(operand, "bool", f"`{node.op}`")
            return "bool"
        if node.op in COMPARISONS:
            left, right = visit(node.left), visit(node.right)
            if left and right and left != right:
                problems.append(Problem(node.col, f"`{node.op}` compares a {left} with a {right}"))
            elif node.op not in ("==", "!=") and "bool" in (left, right):
                problems.append(Problem(node.col, f"`{node.op}` needs numbers on both sides"))
            return "bool"
        expect(node.left, "number", f"`{node.op}`")
        expect(node.right, "number", f"`{node.op}`")
        return "number"

    def expect(node: Node, need: Type, context: str) -> None:
        got = visit(node)
        if got is not None and got != need:
            hint = " (compare it, e.g. `rel(A, B) > 0`)" if need == "bool" else ""
            problems.append(
                Problem(first_col(node), f"{context} needs a {need}, not a {got}{hint}")
            )

    def visit_call(node: Call) -> Type | None:
        sig = FUNCTIONS.get(node.func)
        if sig is None:
            names = ", ".join(f"{name}()" for name in FUNCTIONS)
            problems.append(
                Problem(node.col, f"unknown function `{node.func}`; known: {names}", node.func)
            )
            return None
        low, high = len(sig.params) - sig.optional, len(sig.params)
        if not low <= len(node.args) <= high:
            problems.append(Problem(node.col, f"{sig.doc}: takes {_count(low, high)}"))
            return sig.result
        ids: list[str] = []
        for i, (arg, param) in enumerate(zip(node.args, sig.params, strict=False)):
            if param == "number" or param == "bool":
                expect(arg, param, f"{node.func}()")
            elif not isinstance(arg, Name):
                problems.append(
                    Problem(first_col(arg), f"{node.func}() needs a bare {param} id here")
                )
            elif param == "stat" and len(ids) < i:
                pass  # whose stat it is could not be read (reported): nothing to look it up in
            elif not known(param, arg.name, tuple(ids)):
                owner = f" of {ids[0]}" if param == "stat" and ids else ""
                if ids and ids[0] == "SELF":
                    owner = " of every actor who may take this option"
                problems.append(
                    Problem(arg.col, f"unknown {param} `{arg.name}`{owner}", arg.name, param)
                )
            else:
                ids.append(arg.name)
        return sig.result

    got = visit(expr.node)
    if got is not None and got != want:
        if want == "bool":
            message = "this is a number; a condition must be true or false (compare it with < >)"
        else:
            message = "this is true/false; a measure must be a number"
        problems.append(Problem(0, message))
    return problems


def _count(low: int, high: int) -> str:
    if low == high:
        return f"{low} argument{'s' if low != 1 else ''}"
    return f"{low} or {high} arguments"

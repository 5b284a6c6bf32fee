"""Conditions compiled to numpy: one call answers for every game of a batch.

The second backend beside ``game.engine.compile``, from the same AST. A compiled expression is
a function of a *batch view*: ``rel[i]``, ``stats[i]``, ``flags[row]``, ``taken[row]`` and
``fired[row]`` give one array over the games, ``turn`` is a plain int (all games of a batch
play the same turn). Parts that do not depend on the games (``turn >= 3``) stay Python values
and are computed with Python's own arithmetic, so they cannot differ from the scalar engine.

The scalar engine computes with Python ints, which never overflow and compare exactly with
floats; numpy uses int64 and float64. The two agree while every integer involved stays within
±2**53, so compiling works out a bound for each subexpression from the score bounds and
refuses (``Unsupported``) an expression that could leave that range. The caller then plays
that scenario on the scalar engine: exactness is the contract, speed is the bonus.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs
import numpy as np

from game.engine.kernel import ARITHMETIC, COMPARISONS, Symbols
from game.scenario.expr import Binary, Bool, Call, Expr, Logic, Name, Node, Num, Unary

VectorFn = Callable[[Any], Any]
Kind = Literal["bool", "int", "float", "mixed"]
"""What the scalar engine holds: Python ``int``, ``float``, or either (``min(int, float)``)."""

EXACT = float(2**53)
"""Integers up to this size are exact in float64, so numpy and Python agree on them."""


class Unsupported(Exception):
    """Something the batch simulator cannot reproduce exactly; the scalar engine must play."""


@attrs.frozen
class Rows:
    """Where a batch keeps what conditions read, beyond the engine's own index tables.

    Attributes:
        n: Number of actors (relation rows are ``viewer * n + viewed``).
        flags: Flag name -> row, for every flag some effect sets (others are always false).
        taken: (option index, actor index) -> row, for every way an option can be taken.
        rel_bound, stat_bound: Largest magnitude a relation or stat can have.
        turn_bound: Largest turn a condition can see.
    """

    n: int
    flags: Mapping[str, int]
    taken: Mapping[tuple[int, int], int]
    rel_bound: float
    stat_bound: float
    turn_bound: int


@attrs.frozen
class Compiled:
    fn: VectorFn
    kind: Kind
    bound: float
    """Largest magnitude the value can have (numbers only)."""


def compile_vector(expr: Expr, symbols: Symbols, rows: Rows) -> Compiled:
    """Compile an expression for batches; raises ``Unsupported`` if it could be inexact."""
    return _compile(expr.node, symbols, rows)


def _checked(fn: VectorFn, kind: Kind, bound: float) -> Compiled:
    if kind in ("int", "mixed") and not bound <= EXACT:
        raise Unsupported(f"an integer in a condition could exceed 2**53 (bound {bound:g})")
    return Compiled(fn, kind, bound)


def _numeric_kind(a: Kind, b: Kind) -> Kind:
    """Kind of a + b, a - b, a * b in Python: int only if both are ints."""
    if "float" in (a, b):
        return "float"
    if "mixed" in (a, b):
        return "mixed"
    return "int"


def _compile(node: Node, sym: Symbols, rows: Rows) -> Compiled:
    if isinstance(node, Bool):
        value = node.value
        return Compiled(lambda view: value, "bool", 1)
    if isinstance(node, Num):
        number = node.value
        kind: Kind = "int" if isinstance(number, int) else "float"
        return _checked(lambda view: number, kind, abs(number))
    if isinstance(node, Name):
        if node.name == "turns":
            turns = sym.turns
            return _checked(lambda view: turns, "int", turns)
        return _checked(lambda view: view.turn, "int", rows.turn_bound)
    if isinstance(node, Unary):
        inner = _compile(node.operand, sym, rows)
        fn = inner.fn
        if node.op == "not":
            return Compiled(lambda view: _not(fn(view)), "bool", 1)
        return _checked(lambda view: -fn(view), inner.kind, inner.bound)
    if isinstance(node, Logic):
        parts = tuple(_compile(o, sym, rows).fn for o in node.operands)
        return Compiled(_all(parts) if node.op == "and" else _any(parts), "bool", 1)
    if isinstance(node, Binary):
        return _binary(node, sym, rows)
    return _call(node, sym, rows)


def _not(value: Any) -> Any:
    return np.logical_not(value) if isinstance(value, np.ndarray) else not value


def _all(parts: tuple[VectorFn, ...]) -> VectorFn:
    """`and` over arrays and plain truth values; a plain false answers at once."""

    def evaluate(view: Any) -> Any:
        result: Any = True
        for part in parts:
            value = part(view)
            if isinstance(value, np.ndarray):
                result = value if result is True else result & value
            elif not value:
                return False
        return result

    return evaluate


def _any(parts: tuple[VectorFn, ...]) -> VectorFn:
    """`or` over arrays and plain truth values; a plain true answers at once."""

    def evaluate(view: Any) -> Any:
        result: Any = False
        for part in parts:
            value = part(view)
            if isinstance(value, np.ndarray):
                result = value if result is False else result | value
            elif value:
                return True
        return result

    return evaluate


def _binary(node: Binary, sym: Symbols, rows: Rows) -> Compiled:
    left, right = _compile(node.left, sym, rows), _compile(node.right, sym, rows)
    lf, rf = left.fn, right.fn
    if node.op in COMPARISONS:
        compare = COMPARISONS[node.op]
        return Compiled(lambda view: compare(lf(view), rf(view)), "bool", 1)
    if node.op == "/":
        # A nonzero integer divisor is at least 1 in size; a float one could be tiny.
        if right.kind == "int":
            bound = left.bound
        elif isinstance(node.right, Num) and node.right.value:
            bound = left.bound / abs(node.right.value)
        else:
            bound = float("inf")
        return _checked(lambda view: _divide(lf(view), rf(view)), "float", bound)
    arithmetic = ARITHMETIC[node.op]
    kind = _numeric_kind(left.kind, right.kind)
    bound = left.bound * right.bound if node.op == "*" else left.bound + right.bound
    return _checked(lambda view: arithmetic(lf(view), rf(view)), kind, bound)


def _divide(a: Any, b: Any) -> Any:
    """The engine's division: x / 0 is 0."""
    if not isinstance(b, np.ndarray):
        if not isinstance(a, np.ndarray):
            return a / b if b else 0.0
        return a / b if b else np.zeros(a.shape)
    nonzero = b != 0
    return np.where(nonzero, a / np.where(nonzero, b, 1), 0.0)


def _call(node: Call, sym: Symbols, rows: Rows) -> Compiled:
    names = [arg.name if isinstance(arg, Name) else "" for arg in node.args]
    if node.func == "rel":
        index = sym.actors[names[0]] * rows.n + sym.actors[names[1]]
        return _checked(lambda view: view.rel[index], "int", rows.rel_bound)
    if node.func == "stat":
        stat = sym.stats[(sym.actors[names[0]], names[1])]
        return _checked(lambda view: view.stats[stat], "int", rows.stat_bound)
    if node.func == "flag":
        flag = rows.flags.get(names[0])
        if flag is None:  # no effect ever sets it
            return Compiled(lambda view: False, "bool", 1)
        return Compiled(lambda view: view.flags[flag], "bool", 1)
    if node.func == "taken":
        option = sym.options[names[0]]
        actors = (sym.actors[names[1]],) if len(names) == 2 else sym.option_actors[option]
        found = [rows.taken[(option, a)] for a in actors if (option, a) in rows.taken]
        if not found:
            return Compiled(lambda view: False, "bool", 1)
        if len(found) == 1:
            (row,) = found
            return Compiled(lambda view: view.taken[row], "bool", 1)
        many = np.array(found)
        return Compiled(lambda view: view.taken[many].any(axis=0), "bool", 1)
    if node.func == "fired":
        event = sym.events[names[0]]
        return Compiled(lambda view: view.fired[event], "bool", 1)
    args = tuple(_compile(arg, sym, rows) for arg in node.args)
    if node.func == "abs":
        (arg,) = args
        inner = arg.fn
        return _checked(lambda view: abs(inner(view)), arg.kind, arg.bound)
    first, second = args
    ff, sf = first.fn, second.fn
    # Python keeps whichever argument wins, so min(int, float) may be either.
    kind: Kind = first.kind if first.kind == second.kind else "mixed"
    pick = _minimum if node.func == "min" else _maximum
    return _checked(lambda view: pick(ff(view), sf(view)), kind, max(first.bound, second.bound))


def _minimum(a: Any, b: Any) -> Any:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.minimum(a, b)
    return min(a, b)


def _maximum(a: Any, b: Any) -> Any:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.maximum(a, b)
    return max(a, b)

"""Compiling parsed conditions into plain Python closures, once, at load.

A compiled condition is a function of a *view* of the game: any ``Position``
(``position.py``): ``rel`` (flat, index ``viewer * n + viewed``), ``stats`` (flat, by stat
index), ``flags`` (set of names), ``taken`` (set of (option index, actor index)), ``fired``
(set of event indexes) and ``turn``. The immutable ``State``, the mutable working copy used
while a turn resolves and the valuation's overlay all have that shape, so one closure serves
the UI, the AI and the rules.
Ids are resolved to indexes here, so evaluation does no dictionary lookups by name.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from game.engine.position import Position
from game.scenario.expr import Binary, Bool, Call, Expr, Logic, Name, Node, Num, Unary

Compiled = Callable[[Position], float]
"""A compiled expression: a number, or a truth value (``bool`` is a number to Python)."""

ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}
"""Binary arithmetic by operator (division is apart: x/0 gives 0). Shared with the numpy
backend in game/sim/vector_expr.py, whose operands are arrays."""

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}

_OPS = ARITHMETIC | COMPARISONS


@attrs.frozen
class Symbols:
    """Index tables that turn ids into positions in the state's flat arrays."""

    actors: Mapping[str, int]
    """Actor id -> index; while compiling an option, also SELF -> the acting actor."""
    stats: Mapping[tuple[int, str], int]
    """(actor index, stat name) -> position in the stat array."""
    options: Mapping[str, int]
    option_actors: Mapping[int, tuple[int, ...]]
    events: Mapping[str, int]
    turns: int

    @property
    def size(self) -> int:
        """Number of actors: distinct indexes, since SELF is another name for one of them."""
        return len(set(self.actors.values()))


def compile_expr(expr: Expr, symbols: Symbols) -> Compiled:
    """A closure computing the expression on a view of the game."""
    return _compile(expr.node, symbols)


def _compile(node: Node, sym: Symbols) -> Compiled:
    if isinstance(node, (Num, Bool)):
        value = node.value
        return lambda view: value
    if isinstance(node, Name):
        if node.name == "turns":
            turns = sym.turns
            return lambda view: turns
        return lambda view: view.turn
    if isinstance(node, Unary):
        inner = _compile(node.operand, sym)
        if node.op == "not":
            return lambda view: not inner(view)
        return lambda view: -inner(view)
    if isinstance(node, Logic):
        parts = tuple(_compile(o, sym) for o in node.operands)
        if node.op == "and":
            return lambda view: all(part(view) for part in parts)
        return lambda view: any(part(view) for part in parts)
    if isinstance(node, Binary):
        left, right = _compile(node.left, sym), _compile(node.right, sym)
        if node.op == "/":
            return lambda view: _divide(left(view), right(view))
        op = _OPS[node.op]
        return lambda view: op(left(view), right(view))
    return _compile_call(node, sym)


def _divide(a: float, b: float) -> float:
    """Division that gives 0 for x/0: a scenario must never crash the game mid-turn."""
    return a / b if b else 0.0


def _compile_call(node: Call, sym: Symbols) -> Compiled:
    names = [arg.name if isinstance(arg, Name) else "" for arg in node.args]
    if node.func == "rel":
        n = sym.size
        index = sym.actors[names[0]] * n + sym.actors[names[1]]
        return lambda view: view.rel[index]
    if node.func == "stat":
        index = sym.stats[(sym.actors[names[0]], names[1])]
        return lambda view: view.stats[index]
    if node.func == "flag":
        name = names[0]
        return lambda view: name in view.flags
    if node.func == "taken":
        option = sym.options[names[0]]
        if len(names) == 2:
            key = (option, sym.actors[names[1]])
            return lambda view: key in view.taken
        keys = tuple((option, actor) for actor in sym.option_actors[option])
        return lambda view: any(k in view.taken for k in keys)
    if node.func == "fired":
        event = sym.events[names[0]]
        return lambda view: event in view.fired
    args = tuple(_compile(arg, sym) for arg in node.args)
    if node.func == "abs":
        (arg,) = args
        return lambda view: abs(arg(view))
    first, second = args
    pick = min if node.func == "min" else max
    return lambda view: pick(first(view), second(view))

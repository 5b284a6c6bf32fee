"""What values an expression can take at all, judged from score bounds alone.

A cheap abstract interpretation: numbers become intervals, truth values become the set of
values they can have. It answers two questions the checker asks of every condition — can it
ever hold, can it ever fail — and gives each goal measure its natural range for scoring.
It is conservative: "might hold" is not proof that it will.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import attrs

from game.scenario.expr import Binary, Bool, Call, Expr, Logic, Name, Node, Num, Unary


@attrs.frozen
class Interval:
    low: float
    high: float

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __mul__(self, other: Interval) -> Interval:
        corners = [a * b for a in (self.low, self.high) for b in (other.low, other.high)]
        corners = [0.0 if math.isnan(c) else c for c in corners]
        return Interval(min(corners), max(corners))

    def __truediv__(self, other: Interval) -> Interval:
        if other.low <= 0 <= other.high:
            return Interval(-math.inf, math.inf)
        return self * Interval(1 / other.high, 1 / other.low)


Truth = frozenset[bool]
BOTH: Truth = frozenset({True, False})
UNKNOWN = Interval(-math.inf, math.inf)


@attrs.frozen
class Facts:
    """What the analysis may assume about the game.

    Attributes:
        relation: Bounds of relation scores.
        stat: Bounds of stats.
        turns: The scenario's number of turns.
        flag_can_be_set: Whether some effect ever sets a given flag.
        turn: The values `turn` may take; 1 to ``turns`` when None.
        stat_of: The values one actor's stat can reach in play (``stat(actor, name)``),
            narrower than the stat bounds when no effect moves it far; None to use ``stat``.
    """

    relation: Interval
    stat: Interval
    turns: int
    flag_can_be_set: Callable[[str], bool]
    turn: Interval | None = None
    stat_of: Callable[[str, str], Interval | None] | None = None


def interval(expr: Expr, facts: Facts) -> Interval:
    """The range of a numeric expression."""
    value = _eval(expr.node, facts)
    return value if isinstance(value, Interval) else Interval(0, 1)


LARGEST = 1e15
"""Largest magnitude arithmetic may reach: beyond it floats lose whole numbers, and far beyond
it the engine's integer arithmetic cannot be turned into a score at all."""


def too_large(expr: Expr, facts: Facts) -> Binary | None:
    """The first product whose operands stay within LARGEST but whose result may not.

    That is the point where arithmetic blows up (in a chain of large factors, the factor that
    tips it over). Quotients by a range that includes 0 are unbounded on their face and left
    alone; what this catches is arithmetic that is simply enormous, which no score needs and
    which the engine's exact integers would overflow when scored.
    """
    for node in expr.walk():
        if not (isinstance(node, Binary) and node.op == "*"):
            continue
        left, right = _eval(node.left, facts), _eval(node.right, facts)
        if not (isinstance(left, Interval) and isinstance(right, Interval)):
            continue
        if not all(abs(v) <= LARGEST for v in (left.low, left.high, right.low, right.high)):
            continue
        product = left * right
        if max(abs(product.low), abs(product.high)) > LARGEST:
            return node
    return None


def truth(expr: Expr, facts: Facts) -> Truth:
    """The truth values a condition can take."""
    value = _eval(expr.node, facts)
    return value if isinstance(value, frozenset) else BOTH


def _eval(node: Node, facts: Facts) -> Interval | Truth:
    if isinstance(node, Num):
        value = float(node.value)  # floats overflow to inf; a huge int would raise instead
        return Interval(value, value)
    if isinstance(node, Bool):
        return frozenset({node.value})
    if isinstance(node, Name):
        if node.name == "turn":
            return facts.turn or Interval(1, facts.turns)
        if node.name == "turns":
            return Interval(facts.turns, facts.turns)
        return UNKNOWN
    if isinstance(node, Call):
        return _call(node, facts)
    if isinstance(node, Unary):
        operand = _eval(node.operand, facts)
        if node.op == "not":
            return frozenset(not v for v in operand) if isinstance(operand, frozenset) else BOTH
        return Interval(-operand.high, -operand.low) if isinstance(operand, Interval) else UNKNOWN
    if isinstance(node, Logic):
        values = [_eval(o, facts) for o in node.operands]
        truths = [v if isinstance(v, frozenset) else BOTH for v in values]
        if node.op == "and":
            can_true = all(True in t for t in truths)
            can_false = any(False in t for t in truths)
        else:
            can_true = any(True in t for t in truths)
            can_false = all(False in t for t in truths)
        return frozenset(v for v, ok in ((True, can_true), (False, can_false)) if ok)
    left, right = _eval(node.left, facts), _eval(node.right, facts)
    if not (isinstance(left, Interval) and isinstance(right, Interval)):
        return BOTH if node.op in ("==", "!=", "<", "<=", ">", ">=") else UNKNOWN
    return _binary(node.op, left, right)


def _binary(op: str, a: Interval, b: Interval) -> Interval | Truth:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    possible = {
        "<": (a.low < b.high, a.high >= b.low),
        "<=": (a.low <= b.high, a.high > b.low),
        ">": (a.high > b.low, a.low <= b.high),
        ">=": (a.high >= b.low, a.low < b.high),
        "==": (a.low <= b.high and b.low <= a.high, not (a.low == a.high == b.low == b.high)),
    }
    if op == "!=":
        can_true, can_false = possible["=="]
        return frozenset(v for v, ok in ((True, can_false), (False, can_true)) if ok)
    can_true, can_false = possible[op]
    return frozenset(v for v, ok in ((True, can_true), (False, can_false)) if ok)


def _call(node: Call, facts: Facts) -> Interval | Truth:
    if node.func == "rel":
        return facts.relation
    if node.func == "stat":
        if facts.stat_of is not None and all(isinstance(a, Name) for a in node.args):
            names = [a.name for a in node.args if isinstance(a, Name)]
            if len(names) == 2:
                return facts.stat_of(names[0], names[1]) or facts.stat
        return facts.stat
    if node.func == "flag":
        arg = node.args[0] if node.args else None
        if isinstance(arg, Name) and not facts.flag_can_be_set(arg.name):
            return frozenset({False})
        return BOTH
    if node.func in ("taken", "fired"):
        return BOTH
    values = [_eval(a, facts) for a in node.args]
    args = [v for v in values if isinstance(v, Interval)]
    if len(args) < len(values) or not args:
        return UNKNOWN
    if node.func == "abs":
        (a,) = args
        if a.low >= 0:
            return a
        if a.high <= 0:
            return Interval(-a.high, -a.low)
        return Interval(0, max(-a.low, a.high))
    if node.func in ("min", "max") and len(args) == 2:
        a, b = args
        pick = min if node.func == "min" else max
        return Interval(pick(a.low, b.low), pick(a.high, b.high))
    return UNKNOWN

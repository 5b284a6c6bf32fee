"""Endings that an earlier ending always beats.

Endings are tried in order and the first that holds ends the game, so a later ending whose
condition implies an earlier one's can never be the one chosen: whenever it holds, the
earlier one holds too. The fallback (no `when:`) is the extreme case: an earlier ending that
always holds at the end leaves it nothing.

Implication is judged from the conditions' text, clause by clause, which is cheap and never
wrong when it speaks: the later ending's `and` clauses must include each of the earlier
one's, or a comparison that implies it (`rel(A, B) > 50` implies `rel(A, B) > 40`), or the
earlier clause must hold whatever happens (by the score bounds). What text cannot show (two
different conditions that happen to coincide in play) is the deep check's job.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import attrs

from game.scenario import bounds
from game.scenario.expr import Binary, Call, Expr, Logic, Name, Node, Num, Unary
from game.scenario.model import Ending

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def check_shadowed_endings(ctx: CheckContext) -> None:
    """Report each ending that an earlier one always beats, at the later one."""
    report, endings = ctx.report, ctx.scenario.endings
    if any(ctx.is_damaged(e, "when", "at") for e in endings):
        return  # an unread condition could be anything
    for j, later in enumerate(endings):
        for earlier in endings[:j]:
            if earlier.when is None or not _beats(ctx, earlier, later):
                continue
            if later.when is None:
                # A warning: the format needs a fallback even when another ending always
                # closes the game, and such a scenario still plays.
                report.warning(
                    report.path_of(later, "id"),
                    f"the fallback ending '{later.id}' can never happen: ending "
                    f"'{earlier.id}' before it always holds after the last turn; narrow "
                    f"'{earlier.id}'s `when:` so that some games end on the fallback",
                )
            else:
                report.error(
                    report.path_of(later, "when"),
                    f"ending '{later.id}' can never happen: whenever its condition holds, "
                    f"the earlier ending '{earlier.id}' holds too and is chosen first; move "
                    f"'{later.id}' above '{earlier.id}', or make their conditions exclusive",
                    offset=0,
                )
            break


def _beats(ctx: CheckContext, earlier: Ending, later: Ending) -> bool:
    """Whether ``earlier`` holds whenever ``later`` could be chosen."""
    assert earlier.when is not None
    if earlier.at == "end" and later.at == "any" and later.when is not None:
        return False  # the later one may end the game on a turn the earlier is not tried
    turns = ctx.scenario.turns
    at_end = later.at == "end" or later.when is None
    facts = attrs.evolve(ctx.score_bounds, turn=bounds.Interval(turns, turns) if at_end else None)
    given = _clauses(later.when.node) if later.when is not None else []
    return _implied(earlier.when.node, given, facts)


def _implied(goal: Node, given: list[Node], facts: bounds.Facts) -> bool:
    """Whether the clauses ``given`` (all holding) imply ``goal``."""
    if bounds.truth(Expr("", goal), facts) == frozenset({True}):
        return True
    if isinstance(goal, Logic) and goal.op == "and":
        return all(_implied(part, given, facts) for part in goal.operands)
    if (
        isinstance(goal, Logic)
        and goal.op == "or"
        and any(_implied(part, given, facts) for part in goal.operands)
    ):
        return True
    want = _shape(goal)
    return any(_shape(c) == want or _implies_comparison(c, goal) for c in given)


def _clauses(node: Node) -> list[Node]:
    """The top-level `and` clauses of a condition."""
    if isinstance(node, Logic) and node.op == "and":
        return [c for part in node.operands for c in _clauses(part)]
    return [node]


def _implies_comparison(given: Node, goal: Node) -> bool:
    """`x > 50` implies `x > 40`: the same expression compared with two numbers."""
    a, b = _bound(given), _bound(goal)
    if a is None or b is None or a[0] != b[0]:
        return False
    _, op1, v1 = a
    _, op2, v2 = b
    if op2 in (">", ">="):
        if op1 == "==":
            return v1 > v2 or (v1 == v2 and op2 == ">=")
        if op1 == ">=":
            return v1 > v2 or (v1 == v2 and op2 == ">=")
        return op1 == ">" and v1 >= v2
    if op2 in ("<", "<="):
        if op1 == "==":
            return v1 < v2 or (v1 == v2 and op2 == "<=")
        if op1 == "<=":
            return v1 < v2 or (v1 == v2 and op2 == "<=")
        return op1 == "<" and v1 <= v2
    if op2 == "==":
        return op1 == "==" and v1 == v2
    if op2 == "!=":
        return (
            (op1 == "==" and v1 != v2)
            or (op1 == ">" and v1 >= v2)
            or (op1 == ">=" and v1 > v2)
            or (op1 == "<" and v1 <= v2)
            or (op1 == "<=" and v1 < v2)
        )
    return False


def _bound(node: Node) -> tuple[Hashable, str, float] | None:
    """`x OP number` as (shape of x, OP, number), a number on the left turned round."""
    if not isinstance(node, Binary) or node.op not in _FLIP:
        return None
    if isinstance(node.right, Num) and not isinstance(node.left, Num):
        return _shape(node.left), node.op, node.right.value
    if isinstance(node.left, Num) and not isinstance(node.right, Num):
        return _shape(node.right), _FLIP[node.op], node.left.value
    return None


def _shape(node: Node) -> Hashable:
    """A node without its columns, so two equal conditions compare equal."""
    if isinstance(node, Num):
        return ("num", node.value)
    if isinstance(node, Name):
        return ("name", node.name)
    if isinstance(node, Call):
        return ("call", node.func, tuple(_shape(a) for a in node.args))
    if isinstance(node, Unary):
        return ("unary", node.op, _shape(node.operand))
    if isinstance(node, Binary):
        return ("binary", node.op, _shape(node.left), _shape(node.right))
    if isinstance(node, Logic):
        return ("logic", node.op, tuple(_shape(o) for o in node.operands))
    return ("bool", node.value)

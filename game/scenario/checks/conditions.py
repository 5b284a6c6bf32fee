"""Conditions and measures: names and types, products too large to be scores, and
whether a condition can hold at all (interval arithmetic over the score bounds)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from game.scenario import bounds
from game.scenario.checks.references import SELF_OUTSIDE_OPTION
from game.scenario.expr import Call, Expr, IdKind, Name, Type, check_types
from game.scenario.refs import SELF
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_expr(
    ctx: CheckContext,
    expr: Expr,
    path: Path,
    want: Type,
    context: str,
    acting: tuple[str, ...] = (),
) -> bool:
    """Check names and types; record flags read. True when the expression is sound.

    ``acting``: in an option's `requires:`, the actors who may take it (what SELF can be).
    """
    report = ctx.report

    def known(kind: IdKind, name: str, earlier: tuple[str, ...]) -> bool:
        return _known(ctx, acting, kind, name, earlier)

    problems = check_types(expr, want, known)
    for problem in problems:
        if problem.unknown == SELF and problem.kind == "actor":
            report.error(
                path,
                f"in condition: {SELF_OUTSIDE_OPTION}",
                offset=problem.col,
                context=context,
            )
            continue
        hint = ""
        if problem.unknown:
            actor = _first_actor_arg(expr, problem.col)
            hint = ctx.suggest(problem.unknown, _candidates(ctx, problem.kind, actor))
        report.error(
            path, f"in condition: {problem.message}{hint}", offset=problem.col, context=context
        )
    ctx.flag_reads.record(expr, path)
    if problems:
        return False
    huge = bounds.too_large(expr, ctx.score_bounds)
    if huge is not None:
        report.error(
            path,
            f"in condition: this product can exceed {bounds.LARGEST:.0e}, far beyond any "
            "score; use smaller numbers",
            offset=huge.col,
            context=context,
        )
        return False
    return True


def check_condition(
    ctx: CheckContext,
    expr: Expr | None,
    path: Path,
    context: str,
    what: str,
    facts: bounds.Facts | None = None,
    acting: tuple[str, ...] = (),
) -> bool:
    """A condition must be sound and able to hold; True when it is (or is absent)."""
    if expr is None:
        return True
    if not check_expr(ctx, expr, path, "bool", context, acting):
        return False
    if True not in bounds.truth(expr, facts or ctx.score_bounds):
        ctx.report.error(
            path,
            f"this condition can never hold, so the {what} can never happen "
            "(check the numbers against the score bounds, and that its flags are set "
            "somewhere)",
            offset=0,
            context=context,
        )
        return False
    return True


def rules_out_turns(ctx: CheckContext, expr: Expr | None, last: int) -> bool:
    """Whether a condition cannot hold on any of turns 1 to ``last``, from the bounds."""
    if last < 1 or expr is None:
        return False
    if not any(isinstance(node, Name) and node.name == "turn" for node in expr.walk()):
        return False
    until = attrs.evolve(ctx.score_bounds, turn=bounds.Interval(1, last))
    return True not in bounds.truth(expr, until)


def _known(
    ctx: CheckContext, acting: tuple[str, ...], kind: IdKind, name: str, earlier: tuple[str, ...]
) -> bool:
    """Whether an id a condition names exists (``earlier``: the ids before it in the call)."""
    if kind == "actor":
        return name in ctx.actors or (name == SELF and bool(acting))
    if kind == "stat":
        owners = acting if earlier and earlier[0] == SELF else earlier[:1]
        return bool(owners) and all(o in ctx.actors and name in ctx.actors[o].stats for o in owners)
    if kind == "flag":
        return True  # flags need no declaration; unset ones are reported by check_flags
    if kind == "option":
        return name in ctx.options
    return name in ctx.events


def _candidates(ctx: CheckContext, kind: str | None, earlier_actor: str | None) -> Iterable[str]:
    """The ids a misspelt one of this kind may have meant."""
    if kind == "actor":
        return ctx.actors
    if kind == "stat" and earlier_actor is not None and earlier_actor in ctx.actors:
        return ctx.actors[earlier_actor].stats
    if kind == "option":
        return ctx.options
    if kind == "event":
        return ctx.events
    return ()


def _first_actor_arg(expr: Expr, col: int) -> str | None:
    """For `stat(TUR, suport)`: the actor named before the stat at ``col``."""
    for node in expr.walk():
        if isinstance(node, Call) and node.func == "stat" and len(node.args) == 2:
            actor, stat = node.args
            if isinstance(stat, Name) and stat.col == col and isinstance(actor, Name):
                return actor.name
    return None

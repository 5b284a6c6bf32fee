"""Stats and goals: valid stat names within the stat bounds, and for each goal a numeric
measure whose range is known or given."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from game.scenario import bounds
from game.scenario.checks.conditions import check_expr
from game.scenario.checks.references import check_ids_unique
from game.scenario.diagnostics import clip
from game.scenario.model import ID_PATTERN, Actor

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_stats(ctx: CheckContext, actor: Actor, context: str) -> None:
    """Each stat's name can be read by stat(A, name), and its value is within bounds."""
    report = ctx.report
    low, high = ctx.scenario.rules.stat_bounds
    for stat, value in actor.stats.items():
        if not re.fullmatch(ID_PATTERN, stat):
            report.error(
                report.path_of(actor, "stats", stat),
                f"'{clip(stat)}' is not a valid stat name: use letters, digits and _, "
                "starting with a letter (conditions write it as stat(A, name))",
                at_key=True,
                context=context,
            )
        if not low <= value <= high:
            report.error(
                report.path_of(actor, "stats", stat),
                f"stat '{stat}' is {value}, outside the stat bounds {low}..{high}",
                context=context,
            )


def check_goals(ctx: CheckContext, actor: Actor) -> None:
    """A playable role has goals; goal ids are unique; each measure is a sound number with
    a range that is not empty and is known (from the bounds, or written)."""
    report = ctx.report
    if actor.playable and not actor.goals and not ctx.is_damaged(actor, "goals"):
        report.error(
            report.path_of(actor, "playable"),
            f"playable role '{actor.id}' has no goals; the player could not be scored",
            at_key=True,
        )
    elif not actor.playable and not actor.goals and not ctx.is_damaged(actor, "goals"):
        moves = [o.id for o in ctx.scenario.options if actor.id in o.by]
        if moves:
            report.warning(
                report.path_of(actor, "id"),
                f"'{actor.id}' has options ({_listed(moves)}) but no goals, so the computer "
                "playing it picks among them at random; give it a goal (what it wants, "
                "e.g. `measure: rel(" + actor.id + ", X)`) so that it plays with a purpose",
            )
    check_ids_unique(ctx, actor.goals, f"goal (of {actor.id})")
    for goal in actor.goals:
        context = f"in goal '{goal.id}' of {actor.id}"
        if goal.range is not None and goal.range[0] == goal.range[1]:
            report.error(
                report.path_of(goal, "range"),
                f"the range [{goal.range[0]:g}, {goal.range[1]:g}] is empty: give the "
                "measure's worst value first and its best second, e.g. [0, 100]",
                context=context,
            )
        path = report.path_of(goal, "measure")
        if check_expr(ctx, goal.measure, path, "number", context):
            span = bounds.interval(goal.measure, ctx.score_bounds)
            if goal.range is None and not (
                abs(span.low) < 1e12 and abs(span.high) < 1e12 and span.low < span.high
            ):
                report.error(
                    path,
                    "cannot tell this measure's range; add `range: [worst, best]`",
                    context=context,
                )


def _listed(ids: list[str], most: int = 3) -> str:
    """A few ids, then how many more."""
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")

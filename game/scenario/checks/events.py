"""Events: scripted (`turn:`) or triggered (`when:`), never both, within the game."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.checks.briefs import check_fact_refs
from game.scenario.checks.conditions import check_condition
from game.scenario.checks.effects import check_effects
from game.scenario.model import Event

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_event(ctx: CheckContext, event: Event) -> None:
    """One event: scripted or triggered, on a turn that comes, its condition able to hold."""
    report, turns = ctx.report, ctx.scenario.turns
    context = f"in event '{event.id}'"
    path = report.path_of(event)
    if (event.turn is None) == (event.when is None) and not ctx.is_damaged(event, "turn", "when"):
        report.error(
            path,
            "an event needs exactly one of `turn:` (scripted) or `when:` (triggered)",
            context=context,
        )
    if event.turn is not None and event.turn > turns:
        report.error(
            (*path, "turn"),
            f"turn {event.turn} is after the last turn ({turns}), so it never fires",
        )
    check_condition(ctx, event.when, (*path, "when"), context, "event")
    check_effects(ctx, event, "effects", event.effects, context)  # no SELF in an event
    check_fact_refs(ctx, event, event.facts, context)

"""Endings: at least one, exactly one fallback (no `when:`, at the end), conditions that can
hold, scores for playable roles within 0..100."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.checks.briefs import check_fact_refs
from game.scenario.checks.conditions import check_condition
from game.scenario.checks.references import check_actor_ref
from game.scenario.model import Ending

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_endings(ctx: CheckContext) -> None:
    """The endings together: there must be one to end on when the turns run out."""
    report, endings = ctx.report, ctx.scenario.endings
    unread = ctx.dropped_items("endings")
    if not endings:
        if not unread:
            report.error(("endings",), "a scenario needs at least one ending")
        return
    # An ending whose `when` could not be read is neither the fallback nor another ending;
    # one that could not be read at all counts as the fallback if it was written as one.
    fallbacks = [e for e in endings if e.when is None and not ctx.is_damaged(e, "when")]
    unread_fallback = any(
        isinstance(ending, dict) and ending.get("when") is None for ending in unread
    )
    if not fallbacks and not unread_fallback:
        report.error(
            ("endings",),
            "no fallback ending: leave `when:` off exactly one ending, used when the turns "
            "run out and no other ending holds",
            at_key=True,
        )
    for extra in fallbacks[1:]:
        report.error(
            report.path_of(extra, "id"),
            f"ending '{extra.id}' has no `when:`, but '{fallbacks[0].id}' is already the "
            "fallback; give one of them a condition",
        )
    for ending in fallbacks:
        if ending.at == "any":
            report.error(report.path_of(ending, "at"), "the fallback ending must be `at: end`")
    for ending in endings:
        check_ending(ctx, ending)


def check_ending(ctx: CheckContext, ending: Ending) -> None:
    """One ending: a condition that can hold, and scores a player can be shown."""
    report = ctx.report
    context = f"in ending '{ending.id}'"
    check_condition(ctx, ending.when, report.path_of(ending, "when"), context, "ending")
    for role, value in ending.scores.items():
        path = report.path_of(ending, "scores", role)
        if not check_actor_ref(ctx, path, role, what="role", context=context):
            continue
        if not ctx.actors[role].playable:
            report.warning(
                path, f"'{role}' is not playable, so its score is never shown", context=context
            )
        if not 0 <= value <= 100:
            report.error(path, f"score {value} is outside 0..100", context=context)
    check_fact_refs(ctx, ending, ending.facts, context)

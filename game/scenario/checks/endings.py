"""Endings: at least one, exactly one fallback (no `when:`, at the end), conditions that can
hold (at the turns they are tried, with the stats play can reach), scores for every playable
role within 0..100."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from game.scenario import bounds
from game.scenario.checks.briefs import check_fact_refs
from game.scenario.checks.conditions import check_condition
from game.scenario.checks.reach import stat_reach
from game.scenario.checks.references import check_actor_ref
from game.scenario.checks.shadowing import check_shadowed_endings
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
    check_shadowed_endings(ctx)


def check_ending(ctx: CheckContext, ending: Ending) -> None:
    """One ending: a condition that can hold, and scores a player can be shown."""
    report = ctx.report
    context = f"in ending '{ending.id}'"
    path = report.path_of(ending, "when")
    if check_condition(ctx, ending.when, path, context, "ending"):
        _check_arithmetic(ctx, ending, context)
    _check_scores_given(ctx, ending, context)
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


def _check_arithmetic(ctx: CheckContext, ending: Ending, context: str) -> None:
    """A condition the bounds allow may still be out of reach: an `at: end` ending is tried
    only after the last turn, and a stat no effect raises stays at most where it starts."""
    if ending.when is None:
        return
    report, turns = ctx.report, ctx.scenario.turns
    path = report.path_of(ending, "when")
    facts = ctx.score_bounds
    if ending.at == "end":
        facts = attrs.evolve(facts, turn=bounds.Interval(turns, turns))
        if True not in bounds.truth(ending.when, facts):
            report.error(
                path,
                f"this condition can never hold, so the ending can never happen: an `at: end` "
                f"ending is tried only after the last turn, when `turn` is {turns}; use "
                "`at: any` to end the game earlier, or change the turns it reads",
                offset=0,
                context=context,
            )
            return
    if ctx.dropped:
        return  # an option that could not be read might move any stat
    reach = stat_reach(ctx.scenario)
    if True not in bounds.truth(ending.when, attrs.evolve(facts, stat_of=reach)):
        report.error(
            path,
            "this condition can never hold, so the ending can never happen: the stats it "
            "reads cannot get there in play (a stat no effect raises stays at most at its "
            "start or the values effects set, and one no effect lowers stays at least "
            "there); add an effect that moves them, or change the numbers",
            offset=0,
            context=context,
        )


def _check_scores_given(ctx: CheckContext, ending: Ending, context: str) -> None:
    """Every playable role gets a score in every ending, or it silently gets 50."""
    if ctx.is_damaged(ending, "scores"):
        return
    missing = [a.id for a in ctx.scenario.actors if a.playable and a.id not in ending.scores]
    if not missing:
        return
    report = ctx.report
    where = report.path_of(ending, "scores") if ending.scores else report.path_of(ending, "id")
    names = ", ".join(missing)
    report.warning(
        where,
        f"no score for {names}, who {'gets' if len(missing) == 1 else 'get'} 50 when this "
        f"ending happens; give every playable role a score (`{missing[0]}: 50` if 50 is "
        "meant)",
        at_key=bool(ending.scores),
        context=context,
    )

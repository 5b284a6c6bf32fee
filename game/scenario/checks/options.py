"""Options: who may take them, their `requires:`, effects, chance and delay; and that every
playable role has at least one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.checks.briefs import check_fact_refs
from game.scenario.checks.conditions import check_condition, rules_out_turns
from game.scenario.checks.effects import check_effects
from game.scenario.checks.offers import check_offer
from game.scenario.checks.references import check_actor_ref
from game.scenario.model import Option

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_option(ctx: CheckContext, option: Option) -> None:
    """One option: its actors, `requires:` and effects (SELF being each actor in `by:`),
    then what chance and delay make of them, and the facts it cites."""
    report, turns = ctx.report, ctx.scenario.turns
    context = f"in option '{option.id}'"
    if not option.by and not ctx.is_damaged(option, "by"):
        report.error(report.path_of(option, "by"), "`by` must name at least one actor")
    for i, actor in enumerate(option.by):
        check_actor_ref(ctx, report.path_of(option, "by", i), actor, context=context)
    acting = tuple(a for a in option.by if a in ctx.actors)  # what SELF can stand for
    requires = report.path_of(option, "requires")
    sound = check_condition(ctx, option.requires, requires, context, "option", acting=acting)
    check_effects(ctx, option, "effects", option.effects, context, acting)
    check_effects(ctx, option, "otherwise", option.otherwise, context, acting)
    if option.otherwise and option.chance >= 1 and not ctx.is_damaged(option, "chance"):
        report.warning(
            report.path_of(option, "otherwise"),
            "`otherwise` effects never happen because `chance` is 1; lower `chance` or remove them",
            at_key=True,
            context=context,
        )
    if option.delay and option.delay >= turns:
        report.warning(
            report.path_of(option, "delay"),
            f"a delay of {option.delay} turns outlasts the {turns}-turn game",
            context=context,
        )
    elif option.delay and sound and rules_out_turns(ctx, option.requires, turns - option.delay):
        late = turns - option.delay + 1
        report.warning(
            report.path_of(option, "delay"),
            f"taken on turn {late} or later, its effects land after the last turn "
            f"({turns}), and its `requires:` rules out every earlier turn, so they "
            "never happen; shorten the delay or offer it earlier",
            context=context,
        )
    check_fact_refs(ctx, option, option.facts, context)
    if option.offer is not None:
        check_offer(ctx, option, option.offer)
    _check_secret(ctx, option, context)


def _check_secret(ctx: CheckContext, option: Option, context: str) -> None:
    """A secret option: who learns of it exists; the keys that only a secret option reads
    are not given to a public one; an offer, put to its parties, is never secret."""
    report = ctx.report
    for i, actor in enumerate(option.reveal_to):
        # No SELF: the maker always knows its own move.
        check_actor_ref(ctx, report.path_of(option, "reveal_to", i), actor, context=context)
    if not option.secret:
        for key in ("reveal_to", "revealed_after"):
            if getattr(option, key) not in (None, ()):
                report.error(
                    report.path_of(option, key),
                    f"`{key}` is for a secret option: add `secret: true`, or remove it",
                    at_key=True,
                    context=context,
                )
    elif option.offer is not None:
        report.error(
            report.path_of(option, "secret"),
            "an offer cannot be secret: its parties read its terms and answer it; make the "
            "offer public, or make a secret option without `offer:`",
            at_key=True,
            context=context,
        )


def check_roles_have_options(ctx: CheckContext) -> None:
    """A playable role with no option could only wait: the player would have no game."""
    scenario = ctx.scenario
    if ctx.is_damaged(scenario, "options"):
        return  # an option could not be read; it may have been the role's
    for actor in scenario.actors:
        if actor.playable and not any(actor.id in o.by for o in scenario.options):
            ctx.report.error(
                ctx.report.path_of(actor, "id"),
                f"playable role '{actor.id}' has no option; add options with `by: [{actor.id}]`",
            )

"""Offers: who they are made to, whether those parties can ever answer, and what each answer
does (checked like an option's effects, SELF being the government making the offer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.checks.conditions import rules_out_turns
from game.scenario.checks.effects import check_effects
from game.scenario.checks.references import check_actor_ref
from game.scenario.model import Offer, Option
from game.scenario.refs import SELF

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_offer(ctx: CheckContext, option: Option, offer: Offer) -> None:
    """The offer an option makes: its parties, its answers' effects, and whether it can be
    made early enough, and to governments able, to answer it."""
    report = ctx.report
    context = f"in the offer of option '{option.id}'"
    acting = tuple(a for a in option.by if a in ctx.actors)
    if not offer.to and not ctx.is_damaged(offer, "to"):
        report.error(
            report.path_of(offer, "to"),
            "an offer is made `to:` at least one government",
            context=context,
        )
    if len(option.by) > 1 and not ctx.is_damaged(option, "by"):
        report.error(
            report.path_of(option, "by"),
            "an offer is made by one government: give `by:` one actor (write another option "
            "for another government's offer), so its parties know whose terms they answer",
            context=context,
        )
    seen: set[str] = set()
    for i, party in enumerate(offer.to):
        path = report.path_of(offer, "to", i)
        if party == SELF or party in option.by:
            report.error(
                path,
                f"'{party}' makes this offer and cannot also answer it; name the other parties",
                context=context,
            )
            continue
        if not check_actor_ref(ctx, path, party, what="party", context=context):
            continue
        if party in seen:
            report.error(path, f"'{party}' is named twice in `to:`", context=context)
        seen.add(party)
        actor = ctx.actors[party]
        if not actor.playable and not actor.goals:
            report.error(
                path,
                f"'{party}' can never answer this offer, so it can never be accepted: it is "
                "not a playable role and has no goals for the computer to weigh the answers "
                "by; make it playable, give it goals, or offer to someone else",
                context=context,
            )
    if not offer.on_accept and not ctx.is_damaged(offer, "on_accept"):
        report.error(
            report.path_of(offer, "on_accept"),
            "accepting this offer would change nothing; give `on_accept:` the deal's effects",
            at_key=True,
            context=context,
        )
    check_effects(ctx, offer, "on_accept", offer.on_accept, context, acting)
    check_effects(ctx, offer, "on_decline", offer.on_decline, context, acting)
    check_effects(ctx, offer, "on_expire", offer.on_expire, context, acting)
    if offer.counter is not None:
        check_effects(ctx, offer.counter, "effects", offer.counter.effects, context, acting)
    _check_made_at_once(ctx, option)
    turns = ctx.scenario.turns
    if rules_out_turns(ctx, option.requires, turns - 1):
        report.warning(
            report.path_of(option, "requires"),
            f"this offer can be made only on the last turn ({turns}), so no one can ever "
            "answer it; allow it earlier",
            context=context,
        )


def _check_made_at_once(ctx: CheckContext, option: Option) -> None:
    """An offer is made the turn its option is taken, always: its answers are the chance."""
    report = ctx.report
    context = f"in option '{option.id}'"
    if option.chance < 1 and not ctx.is_damaged(option, "chance"):
        report.error(
            report.path_of(option, "chance"),
            "an offer is always made: its parties' answers decide what happens, so it takes "
            "no `chance:`",
            context=context,
        )
    if option.delay and not ctx.is_damaged(option, "delay"):
        report.error(
            report.path_of(option, "delay"),
            "an offer is made at once: give it no `delay:` (its parties answer on the "
            "following turns)",
            context=context,
        )

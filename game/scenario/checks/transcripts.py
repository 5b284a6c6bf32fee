"""The scenario's `tests:`: a playable role, and steps of exactly one key each that name
options and endings that exist and expectations that can hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from game.scenario import bounds
from game.scenario.checks.conditions import check_condition
from game.scenario.checks.references import check_actor_ref
from game.scenario.diagnostics import clip
from game.scenario.model import STEP_KEYS, TestStep

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_tests(ctx: CheckContext) -> None:
    """Each test plays a playable role through steps that can be replayed."""
    report = ctx.report
    for test in ctx.scenario.tests:
        context = f"in test '{test.name}'"
        role = ctx.actors.get(test.role)
        path = report.path_of(test, "role")
        known = check_actor_ref(ctx, path, test.role, what="role", context=context)
        if known and role is not None and not role.playable:
            report.error(path, f"'{test.role}' is not playable", context=context)
        for step in test.steps:
            check_step(ctx, step, context)


def check_step(ctx: CheckContext, step: TestStep, context: str) -> None:
    """One step: exactly one key, naming what exists, expecting what can hold."""
    report = ctx.report
    path = report.path_of(step)
    if ctx.is_damaged(step, *STEP_KEYS):
        return  # its one key has a bad value, already reported
    given = [key for key in STEP_KEYS if getattr(step, key) is not None]
    if len(given) != 1:
        report.error(path, f"each step has exactly one of {', '.join(STEP_KEYS)}", context=context)
        return
    if step.play is not None:
        report.error(
            (*path, "play"),
            "`play:` is for a transcript with `seats:`; a scenario's test plays one role: "
            "write `choose:`",
            context=context,
        )
    elif step.wait is not None:
        if step.wait is not True:
            report.error((*path, "wait"), "write `wait: true`, or leave the step out")
    elif step.expect is not None:
        # Between turns, `turn` is the next turn to play: turns + 1 once the game is over.
        after = attrs.evolve(ctx.score_bounds, turn=bounds.Interval(1, ctx.scenario.turns + 1))
        check_condition(ctx, step.expect, (*path, "expect"), context, "expectation", after)
    elif step.ending is not None:
        if step.ending not in ctx.endings:
            report.error(
                (*path, "ending"),
                f"unknown ending '{clip(step.ending)}'{ctx.suggest(step.ending, ctx.endings)}",
                context=context,
            )
    elif step.answer is not None or step.offer is not None:
        _check_offer_names(ctx, step, context)
    else:
        _check_option_names(ctx, step, context)


def _check_offer_names(ctx: CheckContext, step: TestStep, context: str) -> None:
    """`answer:` and `offer:` name offers (options with `offer:`) the scenario has; the
    transcript replay checks the rest (whose seat, which answers) when it plays them."""
    path = ctx.report.path_of(step)
    offers = {o.id: o for o in ctx.scenario.options if o.offer is not None}
    named: list[tuple[tuple[str | int, ...], str]] = []
    for role, by_offer in (step.answer or {}).items():
        named += [(("answer", role), offer_id) for offer_id in by_offer]
    named += [(("offer",), offer_id) for offer_id in step.offer or {}]
    for sub, offer_id in named:
        if offer_id not in offers:
            ctx.report.error(
                (*path, *sub),
                f"no offer '{clip(offer_id)}'{ctx.suggest(offer_id, offers)}",
                context=context,
            )


def _check_option_names(ctx: CheckContext, step: TestStep, context: str) -> None:
    """`choose:` names one option, `available:` and `unavailable:` a list; each must exist."""
    path = ctx.report.path_of(step)
    for key, value in (
        ("choose", step.choose),
        ("available", step.available),
        ("unavailable", step.unavailable),
    ):
        if value is None:
            continue
        names = (value,) if isinstance(value, str) else value
        for i, name in enumerate(names):
            sub = (*path, key) if isinstance(value, str) else (*path, key, i)
            role, _, name = name.rpartition(":") if key != "choose" else ("", "", name)
            if role and role not in ctx.actors:
                ctx.report.error(
                    sub,
                    f"unknown government '{clip(role)}'{ctx.suggest(role, ctx.actors)}"
                    f" in '{clip(role)}:{clip(name)}'",
                    context=context,
                )
            elif role and name in ctx.options and role not in ctx.options[name].by:
                ctx.report.error(
                    sub,
                    f"'{clip(name)}' is not an option of {clip(role)} "
                    f"(by: {', '.join(ctx.options[name].by)})",
                    context=context,
                )
            if name not in ctx.options:
                ctx.report.error(
                    sub,
                    f"unknown option '{clip(name)}'{ctx.suggest(name, ctx.options)}",
                    context=context,
                )

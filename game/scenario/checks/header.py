"""The scenario's own settings: start date, default role, the rules' thresholds, and the
ids it declares unreachable on purpose."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from game.scenario import calendar
from game.scenario.checks.briefs import is_date
from game.scenario.checks.references import check_actor_ref
from game.scenario.diagnostics import clip
from game.scenario.yamlread import Path

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_meta(ctx: CheckContext) -> None:
    """A real start date; a default role that exists and is playable."""
    scenario, report = ctx.scenario, ctx.report
    phases_ok = not ctx.is_damaged(scenario, "turns", "turn_days", "phases") and check_phases(ctx)
    if not is_date(scenario.start_date):
        report.error(
            ("start_date",),
            f"'{scenario.start_date}' is not a date; write it as YYYY-MM-DD, e.g. 2022-03-21",
        )
    elif phases_ok:
        check_calendar(ctx)
    if scenario.default_role is not None:
        role = ctx.actors.get(scenario.default_role)
        if check_actor_ref(ctx, ("default_role",), scenario.default_role, what="role") and (
            role is not None and not role.playable
        ):
            report.error(
                ("default_role",),
                f"default_role '{scenario.default_role}' is not playable; "
                "set `playable: true` on that actor or pick a playable one",
            )


def check_phases(ctx: CheckContext) -> bool:
    """Phases in order of their first turn, each starting within the game; True when so."""
    scenario, report = ctx.scenario, ctx.report
    ok = True
    previous = 1
    for phase in scenario.phases:
        path = report.path_of(phase, "from_turn")
        if ctx.is_damaged(phase, "from_turn", "turn_days"):
            ok = False
        elif phase.from_turn <= previous:
            report.error(
                path,
                f"this phase starts on turn {phase.from_turn}, not after the one before it "
                f"(turn {previous}); list phases in the order they begin",
            )
            ok = False
        elif phase.from_turn > scenario.turns:
            report.error(
                path,
                f"this phase starts on turn {phase.from_turn}, after the last turn "
                f"({scenario.turns}), so it never applies; start it earlier or add turns",
            )
            ok = False
        else:
            previous = phase.from_turn
    return ok


def check_calendar(ctx: CheckContext) -> None:
    """The game ends by 31 December 9999, the last date the calendar has: a start date of
    9999-12-28 or `turn_days: 1000000000` checked clean and then crashed `run` and `play`.

    Reported at `turn_days` when a week a turn would fit (the turns are too long), at
    `start_date` otherwise (it is too late)."""
    scenario, report = ctx.scenario, ctx.report
    start = datetime.date.fromisoformat(scenario.start_date).toordinal()
    last = datetime.date.max.toordinal()
    if start + calendar.days_before(scenario, scenario.turns + 1) <= last:
        return
    if scenario.phases:
        report.error(
            report.path_of(scenario, "start_date"),
            f"{calendar.describe(scenario)} from {scenario.start_date} end after 9999-12-31, "
            "the last date the calendar has; start earlier or shorten the turns",
        )
        return
    most_days = (last - start) // scenario.turns
    if start + scenario.turns * 7 <= last and report.path_of(scenario, "turn_days") in (
        report.marks.values
    ):
        report.error(
            report.path_of(scenario, "turn_days"),
            f"{scenario.turns} turns of {scenario.turn_days:,} days from "
            f"{scenario.start_date} end after 9999-12-31, the last date the calendar has; "
            f"with this start date, turns may be at most {most_days:,} days",
        )
        return
    report.error(
        report.path_of(scenario, "start_date"),
        f"{scenario.turns} turns of {scenario.turn_days:,} days from {scenario.start_date} "
        "end after 9999-12-31, the last date the calendar has; start earlier",
    )


def check_rules(ctx: CheckContext) -> None:
    """Ally and enemy thresholds within the relation bounds, the enemy's below the ally's."""
    rules = ctx.scenario.rules
    if ctx.is_damaged(rules, "relation_bounds", "ally_threshold", "enemy_threshold"):
        return
    low, high = rules.relation_bounds
    thresholds = (
        ("ally_threshold", rules.ally_threshold, "ally", "ally_reaction"),
        ("enemy_threshold", rules.enemy_threshold, "enemy", "enemy_reaction"),
    )
    for key, value, who, reaction in thresholds:
        if low <= value <= high:
            continue
        never = (value > high) == (who == "ally")
        effect = (
            f"so no actor is ever another's {who} (to turn {who} reactions off, set "
            f"`{reaction}: 0` instead)"
            if never
            else f"so every actor is always every other's {who}"
        )
        ctx.report.error(
            _rules_path(ctx, key, "relation_bounds"),
            f"{key} {value} is outside the relation bounds {low}..{high}, {effect}",
        )
    if rules.enemy_threshold >= rules.ally_threshold:
        ctx.report.error(
            _rules_path(ctx, "enemy_threshold", "ally_threshold"),
            f"enemy_threshold {rules.enemy_threshold} must be below ally_threshold "
            f"{rules.ally_threshold}: an actor cannot be both another's ally and its enemy",
        )


def _rules_path(ctx: CheckContext, *keys: str) -> Path:
    """The first of these rules that is written (a default has no place of its own)."""
    report = ctx.report
    for key in keys:
        path = report.path_of(ctx.scenario.rules, key)
        if path in report.marks.values:
            return path
    return report.path_of(ctx.scenario.rules)


def check_known_unreachable(ctx: CheckContext) -> None:
    """Each id declared unreachable must be an option, event or ending."""
    every = set(ctx.options) | set(ctx.events) | set(ctx.endings)
    for i, ident in enumerate(ctx.scenario.known_unreachable):
        if ident not in every:
            ctx.report.error(
                ("known_unreachable", i),
                f"'{clip(ident)}' is not an option, event or ending" + ctx.suggest(ident, every),
            )

"""What the screens show, as plain data: option rows, relation rows, forecasts, stances.

Every fact here comes from the engine (``available_options``, ``preview``, the turn log);
this module only arranges it for display, so it is tested without running the app and the
widgets stay thin. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

from game.debrief import relation_history
from game.engine import Change, State, World, available_options, preview
from game.engine.narrate import actor_name

Stance = Literal["ally", "friendly", "cool", "hostile"]


@attrs.frozen
class OptionRow:
    """One line of the options list.

    Attributes:
        id: The option id.
        label: Its label.
        number: 1-9 for the first nine available options (the key that selects them).
        available: Whether the player may take it now.
        reason: Why not, when unavailable.
    """

    id: str
    label: str
    number: int | None
    available: bool
    reason: str = ""


@attrs.frozen
class RelationRow:
    """The player's relation with one other government, now and over the game."""

    actor: str
    name: str
    theirs: int
    """Their view of the player."""
    yours: int
    """The player's view of them."""
    theirs_change: int
    yours_change: int
    theirs_history: tuple[int, ...]
    yours_history: tuple[int, ...]
    theirs_stance: Stance
    yours_stance: Stance


@attrs.frozen
class ForecastBranch:
    """One way a move can go, as the advisor tells it."""

    title: str
    lines: tuple[tuple[int, str], ...]
    """(delta, what moves) for each number that would change."""


@attrs.frozen
class Advice:
    """The advisor's forecast for an option: branches and the expected effect on goals."""

    chance: float
    delay: int
    branches: tuple[ForecastBranch, ...]
    goals: tuple[tuple[str, float], ...]
    """(goal label, expected change of its score) for each of the player's goals."""


def unavailable_reason(world: World, state: State, option_id: str) -> str:
    """Why the player cannot take an option now, in the scenario's own terms."""
    option = world.option(option_id)
    taken = (world.option_index[option_id], world.actor_index[state.role]) in state.taken
    if option.once and taken:
        return "already taken"
    return f"requires {option.requires}" if option.requires is not None else "not possible now"


def option_rows(world: World, state: State) -> tuple[OptionRow, ...]:
    """The player's options: available ones first and numbered, then the rest with reasons."""
    available = {o.id for o in available_options(world, state, state.role)}
    mine = [o for o in world.options if state.role in o.by]
    rows = []
    for number, option in enumerate((o for o in mine if o.id in available), start=1):
        rows.append(OptionRow(option.id, option.label, number if number <= 9 else None, True))
    for option in mine:
        if option.id not in available:
            reason = unavailable_reason(world, state, option.id)
            rows.append(OptionRow(option.id, option.label, None, False, reason))
    return tuple(rows)


def relation_rows(
    world: World, state: State, history: tuple[tuple[int, ...], ...] | None = None
) -> tuple[RelationRow, ...]:
    """Each other government's view of the player and the player's of it, with trends."""
    history = history if history is not None else relation_history(world, state)
    role = state.role
    rows = []
    for other in world.actor_ids:
        if other == role:
            continue
        theirs_at, yours_at = world.rel_index(other, role), world.rel_index(role, other)
        theirs = tuple(h[theirs_at] for h in history)
        yours = tuple(h[yours_at] for h in history)
        previous = history[-2] if len(history) > 1 else history[-1]
        rows.append(
            RelationRow(
                actor=other,
                name=actor_name(world, other),
                theirs=state.rel[theirs_at],
                yours=state.rel[yours_at],
                theirs_change=state.rel[theirs_at] - previous[theirs_at],
                yours_change=state.rel[yours_at] - previous[yours_at],
                theirs_history=theirs,
                yours_history=yours,
                theirs_stance=stance(world, state.rel[theirs_at]),
                yours_stance=stance(world, state.rel[yours_at]),
            )
        )
    return tuple(rows)


def stance(world: World, value: int) -> Stance:
    """How warm a relation score is, by the scenario's own ally and enemy thresholds."""
    rules = world.scenario.rules
    if value >= rules.ally_threshold:
        return "ally"
    if value <= rules.enemy_threshold:
        return "hostile"
    return "friendly" if value >= 0 else "cool"


def subject_text(world: World, change: Change, role: str) -> str:
    """What a change moves, from the player's side: 'Russia's view of you', 'your support'."""
    a, b = change.subject

    def who(actor: str) -> str:
        return "you" if actor == role else actor_name(world, actor)

    if change.kind == "rel":
        viewer = "your" if a == role else f"{actor_name(world, a)}'s"
        return f"{viewer} view of {who(b)}"
    if change.kind == "stat":
        stat = b.replace("_", " ")
        return f"your {stat}" if a == role else f"{actor_name(world, a)} {stat}"
    return f"flag {b} {'set' if change.after else 'cleared'}"


def net_changes(world: World, changes: Sequence[Change], role: str) -> tuple[tuple[int, str], ...]:
    """(net change, what moved) per relation or stat, in order of first mention.

    A move can shift one number several times (a direct effect, then a reaction to some
    other shift); the player wants the sum. Flags are left out: they are the scenario's
    bookkeeping, not something a player weighs.
    """
    totals: dict[tuple[str, tuple[str, str]], int] = {}
    names: dict[tuple[str, tuple[str, str]], str] = {}
    for change in changes:
        if change.kind == "flag":
            continue
        key = (change.kind, change.subject)
        totals[key] = totals.get(key, 0) + change.delta
        names.setdefault(key, subject_text(world, change, role))
    return tuple((total, names[key]) for key, total in totals.items() if total)


def advice(world: World, state: State, option_id: str) -> Advice:
    """The engine's forecast of an option, worded for the player."""
    forecast = preview(world, state, option_id)
    option = world.option(option_id)
    branches = []
    for i, outcome in enumerate(forecast.outcomes):
        # The engine lists the success branch first and, when a move can fail, failure second.
        if option.chance >= 1:
            title = "It would change"
        else:
            title = f"{'If it works' if i == 0 else 'If it fails'} ({outcome.probability:.0%})"
        lines = net_changes(world, outcome.changes, state.role)
        branches.append(ForecastBranch(title, lines))
    goals = world.goals[world.actor_index[state.role]]
    expected = forecast.expected_goal_deltas
    return Advice(
        chance=option.chance,
        delay=forecast.delay,
        branches=tuple(branches),
        goals=tuple((g.label, d) for g, d in zip(goals, expected, strict=True)),
    )

"""Playing a game without the app, and writing up what happened (text or JSON).

Used by `detente run`: the player's moves come from a list, a transcript's steps or a policy,
and the turn log is rendered for a reader or as JSON for a machine. A game with several seats
(``seats_form``) names each seat's move and gives each seat's summary; the one-seat form
(`--as`) reads as it always has.
"""

from __future__ import annotations

import random
from typing import Any

from game.engine import State, World, play_turn, score, seat_view
from game.engine.narrate import actor_name, describe_change, full_name, headline
from game.engine.serialize import report_dict, snapshot
from game.sim.policies import Policy


def play_out(world: World, state: State, policy: Policy, seed: int) -> State:
    """Let a policy choose for the player until the game ends."""
    rng = random.Random(seed)
    while not state.over:
        state = play_turn(world, state, policy(world, state, rng))
    return state


def render_text(
    world: World, state: State, *, first_turn: int = 1, seats_form: bool = False
) -> str:
    """A readable turn log from ``first_turn`` on, then the ending and score if it is over.

    In the seats form every seat's move is named with its role, and each seat gets its own
    summary; otherwise the one seat is "You".
    """
    lines: list[str] = []
    seats = state.seats
    for report in state.log:
        if report.turn < first_turn:
            continue
        date = world.date_of(report.turn).strftime("%d %B %Y").lstrip("0")
        lines.append(f"Turn {report.turn} ({date})")
        for choice in report.choices:
            if choice.actor in seats:
                label = world.option(choice.option).label if choice.option else "nothing to do"
                name = actor_name(world, choice.actor)
                who = f"{name} ({choice.actor})" if seats_form else f"You ({name})"
                lines.append(f"  {who}: {label} [{choice.outcome}]")
            elif choice.option:
                lines.append(f"  {headline(world, choice)}")
        for choice in report.landed:
            lines.append(f"  Lands now: {headline(world, choice)}")
        for event in report.events:
            title = next(e.title for e in world.scenario.events if e.id == event)
            lines.append(f"  News: {title}")
        for change in report.changes:
            lines.append(f"    {describe_change(world, change)}")
    if seats_form:
        for seat in seats:
            lines += _summary(world, state, seat, heading=True)
    else:
        lines += _summary(world, state, state.role)
    return "\n".join(lines)


def _summary(world: World, state: State, seat: str, *, heading: bool = False) -> list[str]:
    lines = [""]
    if heading:
        lines.append(f"{full_name(world, seat)} ({seat})")
    n = world.size
    role = world.actor_index[seat]
    lines.append(f"Relations with {full_name(world, seat)} (their view / yours):")
    for other, other_id in enumerate(world.actor_ids):
        if other != role:
            theirs, yours = state.rel[other * n + role], state.rel[role * n + other]
            lines.append(f"  {full_name(world, other_id):<28} {theirs:+4d} / {yours:+4d}")
    card = score(world, state, seat)
    if state.over:
        ending = next(e for e in world.endings if e.id == state.ending).model
        lines.append(f"Ending: {ending.title} ({ending.id})")
        lines.append(
            f"Score: {card.total} (goals {card.goal_score:.0f}, ending {card.ending_score:.0f})"
        )
    else:
        lines.append(f"The game goes on: next is turn {state.turn} of {world.scenario.turns}.")
        lines.append(f"Score so far: {card.total} (goals {card.goal_score:.0f})")
    return lines


def _score_dict(world: World, state: State, role: str) -> dict[str, Any]:
    card = score(world, state, role)
    return {
        "total": card.total,
        "goals": {g.id: round(g.score, 2) for g in card.goals},
        "ending": card.ending_score,
    }


def render_json(
    world: World, state: State, *, first_turn: int = 1, seats_form: bool = False
) -> dict[str, Any]:
    """Every turn's choices and changes with causes, final relations, ending and score.

    In the seats form the top level has ``seats`` (per role its ending, score and choices)
    and ``views`` (per role what that seat may see of the final position: ``seat_view``) in
    place of the one role's ``role`` and ``score``.
    """
    if seats_form:
        return {
            "scenario": world.scenario.id,
            "seed": state.seed,
            "seats": {
                seat: {
                    "ending": state.ending,
                    "score": _score_dict(world, state, seat),
                    "choices": list(state.choices_of(seat)),
                }
                for seat in state.seats
            },
            "turns": [report_dict(r) for r in state.log if r.turn >= first_turn],
            "final": snapshot(world, state),
            "ending": state.ending,
            "views": {seat: seat_view(world, state, seat) for seat in state.seats},
        }
    card = score(world, state)
    return {
        "scenario": world.scenario.id,
        "role": state.role,
        "seed": state.seed,
        "turns": [report_dict(r) for r in state.log if r.turn >= first_turn],
        "final": snapshot(world, state),
        "ending": state.ending,
        "score": {
            "total": card.total,
            "goals": {g.id: round(g.score, 2) for g in card.goals},
            "ending": card.ending_score,
        },
    }

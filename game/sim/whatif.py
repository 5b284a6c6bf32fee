"""The road not taken: a game replayed with one move changed, beside the game as played.

The alternate game has the same seed. Turns before the changed one are the student's; the
changed turn plays the new option; each later turn plays the student's own choice for that
turn where the alternate game still offers it, and the AI's choice for the seat where it
does not (``policies.scripted_then_ai``, drawing from ``random.Random(seed)`` as
``detente run --policy ai`` does). The game runs to its end, or, when the game as played is
not over, to the same number of turns. Its choices are recorded, so
``detente run --choose`` with them plays exactly the alternate game.
"""

from __future__ import annotations

import random
from typing import Any

from game.analysis import PathPoint, WhatIf
from game.debrief import change_text
from game.engine import (
    Change,
    IllegalMove,
    State,
    World,
    available_options,
    new_game,
    play_turn,
    score,
)
from game.engine.narrate import actor_name
from game.engine.serialize import board_dict
from game.sim.policies import scripted_then_ai

MAX_WHY = 4
"""How many differing changes the explanation of the divergence names."""


class WhatIfError(ValueError):
    """A what-if that cannot be played as asked (no such turn, an option not open then)."""


def parse_what_if(text: str) -> tuple[int, str]:
    """``TURN=OPTION`` as (turn, option id); WhatIfError when it is not of that form."""
    turn, sep, option = text.partition("=")
    if not sep or not turn.strip().isdigit() or not option.strip():
        raise WhatIfError(f"--what-if {text}: write TURN=OPTION, for instance 2=tur_wait")
    return int(turn), option.strip()


def options_at(world: World, state: State, turn: int) -> tuple[tuple[str, str], ...]:
    """The (id, label) of every option the seat had on ``turn`` of the game as played."""
    position = _replay(world, state, turn - 1)
    return tuple(
        (o.id, world.option(o.id).label) for o in available_options(world, position, state.role)
    )


def what_if(world: World, state: State, turn: int, option: str) -> WhatIf:
    """The alternate game with ``option`` on ``turn``, compared with ``state``'s game."""
    return play_what_if(world, state, turn, option)[0]


def play_what_if(world: World, state: State, turn: int, option: str) -> tuple[WhatIf, State]:
    """The comparison and the alternate game itself (for its turn log); WhatIfError when
    the turn was not played or the option was not open then."""
    if state.multi_seat:
        raise WhatIfError("what-if games are played for one-seat games only")
    played = len(state.choices)
    if not 1 <= turn <= played:
        raise WhatIfError(
            f"--what-if: turn {turn} was not played; choose a turn from 1 to {played}"
        )
    offered = [o for o, _ in options_at(world, state, turn)]
    if option not in offered:
        raise WhatIfError(
            f"--what-if {turn}={option}: not an option on turn {turn}; "
            f"open then: {', '.join(offered) or 'none'}"
        )
    script = (*state.choices[: turn - 1], option, *state.choices[turn:])
    policy = scripted_then_ai(script)
    rng = random.Random(state.seed)
    alternate = new_game(world, state.role, state.seed)
    followed: list[int] = []
    replaced: list[int] = []
    while not alternate.over and (state.over or alternate.turn <= played):
        now = alternate.turn
        choice = script[now - 1] if now < turn else policy(world, alternate, rng, state.role)
        if now > turn:
            (followed if now <= played and choice == script[now - 1] else replaced).append(now)
        try:
            alternate = play_turn(world, alternate, choice)
        except IllegalMove as error:  # pragma: no cover - the policy chooses open options
            raise WhatIfError(str(error)) from None
    actual_path = _path(world, state)
    alternate_path = _path(world, alternate)
    diverge, why = _divergence(world, state, alternate)
    comparison = WhatIf(
        turn=turn,
        option=option,
        option_label=world.option(option).label,
        start_rel=tuple(world.initial_rel),
        actual=actual_path,
        alternate=alternate_path,
        actual_ending=_ending_title(world, state),
        alternate_ending=_ending_title(world, alternate),
        actual_score=score(world, state).total,
        alternate_score=score(world, alternate).total,
        diverge_turn=diverge,
        why=why,
        followed=tuple(followed),
        replaced=tuple(replaced),
        choices=tuple(alternate.choices),
    )
    return comparison, alternate


def _replay(world: World, state: State, turns: int) -> State:
    """The position after the first ``turns`` turns of ``state``'s game."""
    position = new_game(world, state.role, state.seed)
    for choice in state.choices[:turns]:
        position = play_turn(world, position, choice, record=False)
    return position


def _path(world: World, state: State) -> tuple[PathPoint, ...]:
    """Each turn of a game: the move, the relations and the score after it."""
    position = new_game(world, state.role, state.seed)
    points = []
    for choice in state.choices:
        position = play_turn(world, position, choice, record=False)
        label = world.option(choice).label if choice else "No move"
        points.append(
            PathPoint(position.turn - 1, choice, label, position.rel, score(world, position).total)
        )
    return tuple(points)


def _position(world: World, state: State) -> dict[str, Any]:
    return {**board_dict(world, state), "pending": state.pending}


def _divergence(
    world: World, actual: State, alternate: State
) -> tuple[int | None, tuple[str, ...]]:
    """The first turn after which the positions differ, and what differed on it, worded."""
    one = new_game(world, actual.role, actual.seed)
    two = new_game(world, alternate.role, alternate.seed)
    for index in range(min(len(actual.log), len(alternate.log))):
        one = play_turn(world, one, actual.choices[index], record=False)
        two = play_turn(world, two, alternate.choices[index], record=False)
        if _position(world, one) == _position(world, two) and one.ending == two.ending:
            continue
        first, second = actual.log[index], alternate.log[index]
        why = []
        moves = {c.actor: c for c in first.choices}
        for move in second.choices:
            before = moves.get(move.actor)
            if before is not None and (before.option, before.outcome) != (
                move.option,
                move.outcome,
            ):
                who = "You" if move.actor == actual.role else actor_name(world, move.actor)
                why.append(
                    f"{who}: {_move(world, move.option, move.outcome)} instead of "
                    f"{_move(world, before.option, before.outcome)}"
                )
        if first.events != second.events:
            why.append("The events that turn were not the same")

        # A change is the same when the same cause moved the same number by as much; the
        # values before and after may differ (an earlier change differed).
        def key(c: Change) -> tuple[Any, ...]:
            return (c.kind, c.subject, c.cause, c.delta)

        theirs, ours = {key(c) for c in first.changes}, {key(c) for c in second.changes}
        gone = [change_text(world, c) for c in first.changes if key(c) not in ours]
        new = [change_text(world, c) for c in second.changes if key(c) not in theirs]
        why += [f"In the what-if: {text}" for text in new[:MAX_WHY]]
        why += [f"As played: {text}" for text in gone[:MAX_WHY]]
        return first.turn, tuple(why)
    return None, ()


def _move(world: World, option: str | None, outcome: str) -> str:
    if option is None:
        return "no move"
    label = world.option(option).label
    return f"{label} (failed)" if outcome == "failure" else label


def _ending_title(world: World, state: State) -> str:
    if state.ending is None:
        return ""
    return next(e.model.title for e in world.endings if e.id == state.ending)


def render_comparison(world: World, role: str, comparison: WhatIf) -> str:
    """The two games side by side, as text: ending, score, each relation's path, where they
    part and why, and how the later turns were chosen."""
    w = comparison
    lines = [
        f"What if, on turn {w.turn}: {w.option_label} ({w.option})",
        f"  {'':30}{'As played':<34}What if",
        f"  {'Ending':30}{(w.actual_ending or 'not over'):<34}{w.alternate_ending or 'not over'}",
        f"  {'Score':30}{w.actual_score:<34}{w.alternate_score}",
    ]
    for other in world.actor_ids:
        if other == role:
            continue
        index = world.rel_index(other, role)
        played = _rel_path(w.start_rel, w.actual, index)
        alternate = _rel_path(w.start_rel, w.alternate, index)
        lines.append(f"  {actor_name(world, other)[:29]:30}{played:<34}{alternate}")
    if w.diverge_turn is None:
        lines.append("The two games never part: the changed move made no difference.")
    else:
        lines.append(f"They part on turn {w.diverge_turn}:")
        lines += [f"  - {reason}" for reason in w.why]
    if w.followed:
        lines.append(f"Your own choices still played on turns {_turns(w.followed)}.")
    if w.replaced:
        lines.append(
            f"Your choice was not open on turns {_turns(w.replaced)}: the AI chose for you there."
        )
    lines.append("Replay it: --choose " + ",".join(c or "-" for c in w.choices))
    return "\n".join(lines)


def _rel_path(start: tuple[int, ...], points: tuple[PathPoint, ...], index: int) -> str:
    """How a government saw the seat: start, then after each turn ('+5 +8 ... +20')."""
    values = [start[index], *(p.rel[index] for p in points)]
    if len(values) > 6:
        values = [*values[:3], *values[-3:]]
        head, tail = values[:3], values[3:]
        return " ".join(f"{v:+d}" for v in head) + " … " + " ".join(f"{v:+d}" for v in tail)
    return " ".join(f"{v:+d}" for v in values)


def _turns(turns: tuple[int, ...]) -> str:
    return ", ".join(str(t) for t in turns)

"""What an option would do, without doing it: the advisor's forecast and the AI's yardstick.

A preview applies the option's effects to a scratch copy of the position, once for success
and once for failure, and reports every number that would move (propagation included) and
how the acting government's goals would fare, weighted by the chance. Events, decay and the
other governments' simultaneous moves are not foreseen: that is the uncertainty of the game.
"""

from __future__ import annotations

import attrs

from game.engine.board import Board
from game.engine.rounding import ordered_sum
from game.engine.state import Cause, CauseKind, Change, State
from game.engine.world import CompiledOption, Op, World


@attrs.frozen
class Outcome:
    """One branch of a move: its probability and the changes it would make."""

    probability: float
    changes: tuple[Change, ...]
    goal_deltas: tuple[float, ...]
    """Change of each of the actor's goal scores (0..100 scale), in goal order."""


@attrs.frozen
class Forecast:
    """The expected consequences of a move for the actor taking it."""

    option: str
    actor: str
    delay: int
    outcomes: tuple[Outcome, ...]

    @property
    def expected_goal_deltas(self) -> tuple[float, ...]:
        if not self.outcomes:
            return ()
        width = len(self.outcomes[0].goal_deltas)
        return tuple(
            sum(o.probability * o.goal_deltas[i] for o in self.outcomes) for i in range(width)
        )


def score_contributions(world: World, forecast: Forecast) -> tuple[float, ...]:
    """Each goal's part of the expected change of the actor's running score, in score points.

    The score weighs goals (``ScoreCard.goal_score``) and gives them ``1 - ending_share`` of
    the total, so a per-goal figure alone misleads: +6 on a light goal and -3 on a heavy one
    can be a net loss. These parts add up to the move's expected change of the score.
    """
    goals = world.goals[world.actor_index[forecast.actor]]
    total_weight = ordered_sum(g.weight for g in goals)
    if not total_weight:
        return tuple(0.0 for _ in goals)
    part = 1 - world.scenario.rules.ending_share
    expected = forecast.expected_goal_deltas
    return tuple(
        part * goal.weight * delta / total_weight
        for goal, delta in zip(goals, expected, strict=True)
    )


def preview(world: World, state: State, option_id: str, actor_id: str | None = None) -> Forecast:
    """Forecast an option for ``actor_id`` from this position (a one-seat game's seat by
    default; a game with several seats must name the actor: SeatError otherwise)."""
    actor_id = actor_id or state.role
    actor = world.actor_index[actor_id]
    option = world.bound(world.option_index[option_id], actor)
    chance = option.model.chance
    branches: list[tuple[float, tuple[Op, ...], CauseKind]] = [(chance, option.effects, "option")]
    if chance < 1:
        branches.append((1 - chance, option.otherwise, "failure"))
    outcomes = tuple(
        _branch(world, state, actor, option, probability, ops, kind)
        for probability, ops, kind in branches
    )
    return Forecast(option_id, actor_id, option.model.delay, outcomes)


def effects_outcome(
    world: World, state: State, actor: int, ops: tuple[Op, ...], cause: Cause
) -> Outcome:
    """Certain effects (an offer's end, say) as one branch of a forecast for ``actor``."""
    changes: list[Change] = []
    deltas = _goal_deltas(world, state, actor, ops, changes, cause)
    return Outcome(1.0, tuple(changes), deltas)


def _branch(
    world: World,
    state: State,
    actor: int,
    option: CompiledOption,
    probability: float,
    ops: tuple[Op, ...],
    kind: CauseKind,
) -> Outcome:
    changes: list[Change] = []
    deltas = _goal_deltas(
        world, state, actor, ops, changes, Cause(kind, option.id, world.actor_ids[actor])
    )
    return Outcome(probability, tuple(changes), deltas)


def _goal_deltas(
    world: World,
    state: State,
    actor: int,
    ops: tuple[Op, ...],
    into: list[Change] | None,
    cause: Cause | None = None,
) -> tuple[float, ...]:
    board = Board(world, state, record=into is not None)
    board.apply(ops, cause or Cause("option"))
    if into is not None and board.changes:
        into.extend(board.changes)
    return tuple(goal.score(board) - goal.score(state) for goal in world.goals[actor])

"""What an option would do, without doing it: the advisor's forecast and the AI's yardstick.

A preview applies the option's effects to a scratch copy of the position, once for success
and once for failure, and reports every number that would move (propagation included) and
how the acting government's goals would fare, weighted by the chance. Events, decay and the
other governments' simultaneous moves are not foreseen: that is the uncertainty of the game.
"""

from __future__ import annotations

import attrs

from game.engine.board import Board
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


def preview(world: World, state: State, option_id: str, actor_id: str | None = None) -> Forecast:
    """Forecast an option for ``actor_id`` (the player by default) from this position."""
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

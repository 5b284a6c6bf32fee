"""How well a government did: each goal's score, the ending's worth, and the total."""

from __future__ import annotations

import attrs

from game.engine.rounding import ordered_sum
from game.engine.state import State
from game.engine.world import World

NEUTRAL_ENDING_SCORE = 50
"""An ending's worth to a role it does not score."""


@attrs.frozen
class GoalScore:
    id: str
    label: str
    weight: float
    score: float
    """0..100: where the goal's measure stands within its range."""


@attrs.frozen
class ScoreCard:
    """A role's score, with the parts it is made of.

    ``total`` = (1 − ending_share) × weighted mean of goal scores + ending_share × the ending's
    score for the role (before the game ends, the ending part counts as neutral).
    """

    role: str
    goals: tuple[GoalScore, ...]
    ending: str | None
    ending_score: float
    ending_share: float

    @property
    def goal_score(self) -> float:
        total = ordered_sum(g.weight for g in self.goals)
        if not total:
            return 0.0
        return ordered_sum(g.weight * g.score for g in self.goals) / total

    @property
    def total(self) -> int:
        share = self.ending_share
        return round((1 - share) * self.goal_score + share * self.ending_score)


def score(world: World, state: State, role: str | None = None) -> ScoreCard:
    """The score card of a role in this position (a one-seat game's seat by default; a game
    with several seats must name the role: SeatError otherwise)."""
    role = role or state.role
    actor = world.actor_index[role]
    goals = tuple(GoalScore(g.id, g.label, g.weight, g.score(state)) for g in world.goals[actor])
    ending_score: float = NEUTRAL_ENDING_SCORE
    if state.ending is not None:
        ending = next(e for e in world.endings if e.id == state.ending)
        ending_score = ending.model.scores.get(role, NEUTRAL_ENDING_SCORE)
    return ScoreCard(role, goals, state.ending, ending_score, world.scenario.rules.ending_share)

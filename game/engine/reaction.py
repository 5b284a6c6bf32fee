"""The ally/enemy reaction rule, stated once for the engine and the batch simulator.

In one sentence, as a student reads it: *when a government turns against another, its
friends cool on that government too and its rivals warm to it, unless they already have a
firm view of that government of their own.*

When a first-hand change moves X's view of Y by ``delta``, every other actor Z (neither X nor
Y) whose view of X is *strong* may react on its own view of Y:

- an ally of X (Z's view of X at least ``ally_threshold``) moves it the same way, by
  ``round_half_away(delta × ally_reaction)``;
- an enemy of X (Z's view of X at most ``enemy_threshold``) moves it the other way, by
  ``round_half_away(-delta × enemy_reaction)``;
- anyone else does not react, and a reaction sets off no further reactions;

and every relation is held within ``relation_bounds``. The checker makes the enemy threshold
lower than the ally threshold, so no stance is both.

With ``rules.reactions: grievances`` (the default) two more conditions make every reaction
one a student accepts: only a *falling* view sets reactions off (X warming to Y is X's own
business: Ukraine does not warm to Moscow because Ankara did, and Washington does not cool
on Ankara because Moscow liked its mediation), and Z reacts only while its own view of Y is
not firm (strictly between the thresholds: an ally or enemy of Y keeps its own mind). With
``reactions: all`` every change reacts in every ally and enemy, the rule before issue 14.

The rule is written here once, with operations that mean the same on Python numbers and on
numpy arrays (comparisons, a product with a truth value, a sum), so the scalar engine
(``Board.propagate``, ``valuation.trace``) calls these methods per actor and the batch
simulator (``game.sim.batch_board``, ``game.sim.batch_ai``) calls the same methods on whole
rows of games. Only the two primitives that cannot be written once for both, rounding and
clamping, are replaced for arrays (``game.sim.batch_board.ArrayReaction``);
``tests/sim/test_reaction.py`` holds those twins equal. numpy is not imported here: the app
never needs it.
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING, Any

from game.engine.rounding import round_half_away

if TYPE_CHECKING:
    from game.engine.world import World
    from game.scenario.model import Rules


TABLE_SPAN = 10_000
"""Widest relation bounds for which the reacting stances are listed in a set (a scenario may
set bounds up to ±10**9)."""


class Reaction:
    """The reaction rule's constants with the rule's arithmetic, for one scenario."""

    __slots__ = (
        "ally",
        "ally_share",
        "enemy",
        "enemy_share",
        "grievances",
        "high",
        "low",
        "reacting",
        "shifts_for",
    )

    def __init__(self, rules: Rules) -> None:
        self.ally: int = rules.ally_threshold
        self.enemy: int = rules.enemy_threshold
        self.ally_share: float = rules.ally_reaction
        self.enemy_share: float = rules.enemy_reaction
        self.grievances: bool = rules.reactions == "grievances"
        self.low: int
        self.high: int
        self.low, self.high = rules.relation_bounds
        self.reacting: Container[int] = (
            frozenset(s for s in range(self.low, self.high + 1) if self.reacts(s))
            if self.high - self.low <= TABLE_SPAN
            else _Reacting(self)
        )
        """The stances (whole numbers within the bounds) with which an actor reacts: the
        scalar engine's hot loops test membership, at C speed, instead of calling
        ``reacts``. Relations never leave the bounds (the checker, saves and ``clamp`` see to
        it); bounds too wide for a table get a container that asks ``reacts``."""
        self.shifts_for = _Shifts(self)
        """``shifts`` by delta, worked out once per delta for the scalar engine."""

    @staticmethod
    def rounded(x: Any) -> Any:
        """Round half away from zero (``rounding.round_half_away``)."""
        return round_half_away(x)

    def clamp(self, value: Any) -> Any:
        """A relation held within the relation bounds."""
        low, high = self.low, self.high
        return low if value < low else high if value > high else value

    def reacts(self, stance: Any) -> Any:
        """Whether an actor with this view of the viewer reacts (an ally or an enemy)."""
        return (stance >= self.ally) | (stance <= self.enemy)

    def shifts(self, delta: Any) -> tuple[Any, Any]:
        """How far an ally and an enemy of the viewer move their view of the viewed when the
        viewer's view of it moved by ``delta``: worked out once per first-hand change (with
        grievances only, a rise moves no one: both shifts are 0)."""
        if self.grievances:
            delta = delta * (delta < 0)
        return self.rounded(delta * self.ally_share), self.rounded(-delta * self.enemy_share)

    def shift(self, stance: Any, old: Any, shifts: tuple[Any, Any]) -> Any:
        """The move of one actor's view of the viewed (now ``old``), given its view of the
        viewer (``stance``): 0 when it does not react."""
        ally_shift, enemy_shift = shifts
        moved = (stance >= self.ally) * ally_shift + (stance <= self.enemy) * enemy_shift
        if self.grievances:
            return moved * ((old > self.enemy) & (old < self.ally))
        return moved

    def react(self, stance: Any, old: Any, shifts: tuple[Any, Any]) -> Any:
        """A view of the viewed after its holder's reaction (``old`` when it does not react)."""
        return self.clamp(old + self.shift(stance, old, shifts))


class _Reacting:
    """``Reaction.reacting`` for bounds too wide to list every stance."""

    __slots__ = ("reaction",)

    def __init__(self, reaction: Reaction) -> None:
        self.reaction = reaction

    def __contains__(self, stance: object) -> bool:
        return bool(self.reaction.reacts(stance))


class _Shifts(dict):  # type: ignore[type-arg]
    """``Reaction.shifts`` of each whole-number delta, computed on first use."""

    __slots__ = ("reaction",)

    def __init__(self, reaction: Reaction) -> None:
        self.reaction = reaction

    def __missing__(self, delta: int) -> tuple[int, int]:
        found = self[delta] = self.reaction.shifts(delta)
        return found


def reaction_of(world: World) -> Reaction:
    """The world's reaction rule, built once and kept with it (``World.derived``)."""
    rule: Reaction = world.derived("reaction", lambda w: Reaction(w.rules))
    return rule

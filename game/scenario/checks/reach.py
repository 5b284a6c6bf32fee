"""How far play can move each stat: its start, the values effects set, and whether any
effect raises or lowers it.

The stat bounds say what a stat may hold; this says what it can come to hold in a game. A
stat no effect raises never climbs above its start (or the highest value some effect sets),
so an ending that needs it higher can never happen, whatever the players do. Relations are
left to the bounds: decay and allies' reactions move them without any effect naming them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from game.scenario.bounds import Interval
from game.scenario.model import Effect, Scenario
from game.scenario.refs import SELF, parse_stat

if TYPE_CHECKING:
    from collections.abc import Callable


@attrs.frozen
class StatReach:
    """What effects can do to one stat.

    Attributes:
        start: Its value on turn 1.
        set_to: Every value some effect sets it to.
        raised: Whether some effect adds a positive amount.
        lowered: Whether some effect adds a negative amount.
    """

    start: int
    set_to: frozenset[int] = frozenset()
    raised: bool = False
    lowered: bool = False

    def interval(self, low: int, high: int) -> Interval:
        """The values the stat can take within the stat bounds ``low``..``high``."""
        values = (self.start, *self.set_to)
        return Interval(
            low if self.lowered else max(low, min(values)),
            high if self.raised else min(high, max(values)),
        )


def stat_reach(scenario: Scenario) -> Callable[[str, str], Interval | None]:
    """For ``stat(actor, name)``: the values play can bring it to (None if unknown)."""
    reach = {
        (actor.id, stat): StatReach(value)
        for actor in scenario.actors
        for stat, value in actor.stats.items()
        if isinstance(value, int)
    }
    for owner, effect in _stat_effects(scenario):
        if effect.stat is None:
            continue
        ref = parse_stat(effect.stat)
        if ref is None:
            continue
        for actor in owner if ref.actor == SELF else (ref.actor,):
            key = (actor, ref.stat)
            if key not in reach:
                continue
            now = reach[key]
            change, value = effect.change, effect.set
            if isinstance(value, int) and not isinstance(value, bool):
                now = attrs.evolve(now, set_to=now.set_to | {value})
            if isinstance(change, int) and change > 0:
                now = attrs.evolve(now, raised=True)
            if isinstance(change, int) and change < 0:
                now = attrs.evolve(now, lowered=True)
            reach[key] = now
    low, high = scenario.rules.stat_bounds

    def of(actor: str, stat: str) -> Interval | None:
        known = reach.get((actor, stat))
        return known.interval(low, high) if known else None

    return of


def _stat_effects(scenario: Scenario) -> Iterator[tuple[tuple[str, ...], Effect]]:
    """Every effect of the scenario, with who SELF may be in it (nobody in an event)."""
    for option in scenario.options:
        for effect in _flat((*option.effects, *option.otherwise)):
            yield option.by, effect
    for event in scenario.events:
        for effect in _flat(event.effects):
            yield (), effect


def _flat(effects: tuple[Effect, ...]) -> Iterator[Effect]:
    """The effects with each conditional one replaced by both its branches' (either may land)."""
    for effect in effects:
        if effect.conditional:
            yield from _flat((*effect.then, *effect.else_))
        else:
            yield effect

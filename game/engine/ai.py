"""How computer-run governments choose: expected value against their own goals, plus noise.

Each available option is valued by ``valuation.move_value`` (the expected weighted mean change
of the government's goal scores, 0..100 points: what ``preview`` forecasts) plus the option's
``ai_weight``; doing nothing is worth the profile's ``wait_bias``. Every value gets Gaussian
noise of the profile's ``noise`` points from the game's own generator, so governments differ
from game to game but never between two runs of the same seed. The highest value wins; doing
nothing wins only when the actor has no option worth more.
"""

from __future__ import annotations

from game.engine.rng import next_gauss
from game.engine.state import State
from game.engine.valuation import goal_total, move_value
from game.engine.world import CompiledOption, World


def choose(world: World, state: State, actor: int, rng: int) -> tuple[CompiledOption | None, int]:
    """The actor's move this turn (None to wait) and the generator's next state."""
    from game.engine.rules import is_available  # rules imports ai; ai needs one predicate

    profile = world.scenario.actors[actor].ai
    before = goal_total(world, state, actor)
    best: CompiledOption | None = None
    noise, rng = next_gauss(rng)
    best_value = profile.wait_bias + noise * profile.noise
    for option in world.actor_options[actor]:
        if not is_available(option, actor, state):
            continue
        noise, rng = next_gauss(rng)
        value = move_value(world, state, actor, option, before) + option.model.ai_weight
        value += noise * profile.noise
        if value > best_value:
            best, best_value = option, value
    return best, rng

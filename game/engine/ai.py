"""How computer-run governments choose: expected value against their own goals, plus noise.

Each available option is valued by ``valuation.move_value`` (the expected weighted mean change
of the government's goal scores, 0..100 points: what ``preview`` forecasts) plus the option's
``ai_weight``, less the profile's ``repeat_penalty`` if the government has taken it before
(so it does not repeat a move turn after turn unless the move is clearly best); doing nothing
is worth the profile's ``wait_bias``. Every value gets Gaussian
noise of the profile's ``noise`` points from the game's own generator, so governments differ
from game to game but never between two runs of the same seed. The highest value wins; doing
nothing wins only when the actor has no option worth more.
"""

from __future__ import annotations

from game.engine.rng import gauss_draws
from game.engine.state import State
from game.engine.valuation import goal_terms, move_value
from game.engine.world import CompiledOption, World


def choose(world: World, state: State, actor: int, rng: int) -> tuple[CompiledOption | None, int]:
    """The actor's move this turn (None to wait) and the generator's next state."""
    offered = available(world, state, actor)
    noise, rng = gauss_draws(rng, 1 + len(offered))
    return pick(world, state, actor, offered, noise), rng


def choose_all(
    world: World, state: State, actors: list[int], rng: int
) -> tuple[list[CompiledOption | None], int]:
    """Every listed actor's move, in order, as ``choose`` one after the other would make them.

    Each actor draws one Gaussian for waiting and one per available option, in actor order,
    and availability does not depend on the draws, so the whole turn's noise is one table
    drawn at once (``gauss_draws`` uses numpy for big tables: thousands of draws a turn with
    193 governments) and cut into each actor's share.
    """
    offers = [available(world, state, actor) for actor in actors]
    noise, rng = gauss_draws(rng, sum(1 + len(offered) for offered in offers))
    picks = []
    start = 0
    for actor, offered in zip(actors, offers, strict=True):
        end = start + 1 + len(offered)
        picks.append(pick(world, state, actor, offered, noise[start:end]))
        start = end
    return picks, rng


def available(world: World, state: State, actor: int) -> list[CompiledOption]:
    """The actor's available options in order (``rules.is_available``, inlined for speed)."""
    taken = state.taken
    found = [
        option
        for option in world.actor_options[actor]
        if not (option.model.once and (option.index, actor) in taken)
        and (option.requires is None or option.requires(state))
    ]
    if state.offers:  # an offer's option is closed while that offer is open
        making = {o.option for o in state.offers}
        found = [option for option in found if option.index not in making]
    return found


def pick(
    world: World,
    state: State,
    actor: int,
    offered: list[CompiledOption],
    noise: list[float],
) -> CompiledOption | None:
    """The best of the offered options given the actor's noise draws (waiting's first)."""
    profile = world.scenario.actors[actor].ai
    spread = profile.noise
    terms = goal_terms(world, state, actor)
    before = 0.0
    for term in terms:  # goal_total's sum, in its order
        before += term
    best: CompiledOption | None = None
    best_value = profile.wait_bias + noise[0] * spread
    # An option whose value cannot exceed the best so far even at its bound cannot be chosen,
    # so it is not valued (reach.py). Only with finite goal totals: inf - inf is NaN.
    prune = before - before == 0.0
    repeat = profile.repeat_penalty
    taken = state.taken
    for option, draw in zip(offered, noise[1:], strict=True):
        weight = option.model.ai_weight
        if prune and world.value_bound(actor, option) + weight + draw * spread <= best_value:
            continue
        value = move_value(world, state, actor, option, before, terms) + weight
        if repeat and (option.index, actor) in taken:
            value -= repeat
        value += draw * spread
        if value > best_value:
            best, best_value = option, value
    return best

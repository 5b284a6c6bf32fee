"""The AI skips options by their bound; the bound must hold for every option in every position."""

from __future__ import annotations

import math
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game.engine import World, available_options, new_game, play_turn
from game.engine.valuation import goal_terms, move_value
from game.paths import default_scenario
from game.scenario import load_scenario, load_scenario_text
from tests.sim.test_batch import scenarios


def assert_bounds_hold(world: World, state) -> int:
    """Every actor's every available option: move_value never exceeds value_bound."""
    checked = 0
    for actor_id in world.actor_ids:
        actor = world.actor_index[actor_id]
        terms = goal_terms(world, state, actor)
        before = 0.0
        for term in terms:
            before += term
        if not math.isfinite(before):
            continue  # the AI does not prune then
        for option in available_options(world, state, actor_id):
            value = move_value(world, state, actor, option, before, terms)
            assert value <= world.value_bound(actor, option), (actor_id, option.id)
            checked += 1
    return checked


def play_checking(world: World, role: str, seed: int) -> int:
    state = new_game(world, role, seed)
    rng = random.Random(seed)
    checked = 0
    while not state.over:
        checked += assert_bounds_hold(world, state)
        offered = available_options(world, state, role)
        state = play_turn(world, state, rng.choice(offered).id if offered else None)
    return checked


def test_bounds_hold_over_s400_games():
    world = World.build(load_scenario(default_scenario()).loaded)
    checked = sum(play_checking(world, role, seed) for role in world.playable for seed in (1, 2))
    assert checked > 500
    # And they are finite, or the AI would never skip anything on this scenario.
    bounds = [
        world.value_bound(a, o) for a, options in enumerate(world.actor_options) for o in options
    ]
    assert all(math.isfinite(b) for b in bounds)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=scenarios(), seed=st.integers(0, 2**32))
def test_bounds_hold_on_generated_scenarios(text, seed):
    result = load_scenario_text(text, "generated.yaml")
    assume(result.loaded is not None)
    world = World.build(result.loaded)
    play_checking(world, random.Random(seed).choice(world.playable), seed)

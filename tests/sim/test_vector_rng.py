"""The batch's generator (``vector_rng``) gives every game the engine's own stream (``rng``)."""

from __future__ import annotations

import numpy as np

from game.engine import rng
from game.sim import vector_rng

SEEDS = [-7, 0, 1, 2, 99, 2**40, 2**64 + 3]


def test_every_game_gets_the_engines_floats_and_gaussians_in_order():
    states = vector_rng.seed_states(SEEDS)
    assert states.tolist() == [rng.seed_state(seed) for seed in SEEDS]
    table = vector_rng.gauss_table(states, 5)  # does not move the states
    floats = vector_rng.next_float(states)  # moves them all on by one draw
    for game, seed in enumerate(SEEDS):
        state = rng.seed_state(seed)
        draws, _ = rng.gauss_draws(state, 5)
        assert table[:, game].tolist() == draws
        value, state = rng.next_float(state)
        assert floats[game] == value and int(states[game]) == state


def test_a_masked_draw_moves_only_the_games_that_drew_and_advance_catches_up():
    states = vector_rng.seed_states(SEEDS)
    mask = np.array([True, False] * 3 + [True])
    vector_rng.next_float(states, mask)
    expected = [
        rng.next_float(rng.seed_state(s))[1] if m else rng.seed_state(s)
        for s, m in zip(SEEDS, mask, strict=True)
    ]
    assert states.tolist() == expected
    vector_rng.advance(states, np.where(mask, 0, 4))
    for game, seed in enumerate(SEEDS):
        state = rng.seed_state(seed)
        for _ in range(1 if mask[game] else 4):
            _, state = rng.next_float(state)
        assert int(states[game]) == state

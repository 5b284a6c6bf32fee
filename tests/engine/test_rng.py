"""The game's own random generator: uniform, repeatable, and independent between seeds."""

from __future__ import annotations

import statistics

from game.engine.rng import next_float, next_gauss, seed_state


def draws(seed: int, count: int) -> list[float]:
    state, out = seed_state(seed), []
    for _ in range(count):
        value, state = next_float(state)
        out.append(value)
    return out


SPLITMIX64_FROM_ZERO = (0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F)
"""The first outputs of the reference SplitMix64 (Vigna's splitmix64.c) from state 0: the
published test vector, so the generator is the algorithm it claims to be on any platform."""


def test_the_generator_is_reference_splitmix64_and_floats_lie_in_the_unit_interval():
    state = 0
    for expected in SPLITMIX64_FROM_ZERO:
        value, state = next_float(state)
        assert value == (expected >> 11) / (1 << 53)  # the top 53 bits, as a float in [0, 1)
    assert all(0.0 <= x < 1.0 for x in draws(7, 5000))


def test_neighbouring_seeds_do_not_share_shifted_streams():
    first, second = draws(0, 200), draws(1, 200)
    assert not set(first) & set(second)
    assert first[1:] != second[:-1]


def test_uniform_and_normal_draws_have_the_right_moments():
    values = draws(3, 20000)
    assert abs(statistics.mean(values) - 0.5) < 0.01
    state, gauss = seed_state(3), []
    for _ in range(20000):
        value, state = next_gauss(state)
        gauss.append(value)
    assert abs(statistics.mean(gauss)) < 0.03
    assert abs(statistics.pstdev(gauss) - 1.0) < 0.03
    assert max(abs(g) for g in gauss) < 3.47

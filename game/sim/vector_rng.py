"""The engine's SplitMix64 generator (``game.engine.rng``) for a whole batch of games at once.

Each game keeps its own 64-bit state; a draw advances only the games that draw (a mask), so
every game sees exactly the stream the scalar engine would give it. numpy's uint64 addition
and multiplication wrap modulo 2**64, which is the ``& MASK`` of the scalar code, and the
conversions to float are exact (53-bit integers times a power of two), so draws are equal bit
for bit. Gaussian noise is the engine's Irwin-Hall sum of four uniforms, added in the same
order.
"""

from __future__ import annotations

import numpy as np

from game.engine.kernel import GOLDEN, MASK, SQRT3, seed_state

_C1 = np.uint64(0xBF58476D1CE4E5B9)
_C2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_UNIT = 1.0 / (1 << 53)


def seed_states(seeds: list[int]) -> np.ndarray:
    """The generator state of each seed (computed by the engine itself: it is cheap)."""
    return np.array([seed_state(seed) for seed in seeds], dtype=np.uint64)


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> _S30)) * _C1
    z = (z ^ (z >> _S27)) * _C2
    return z ^ (z >> _S31)


def _steps(count: int) -> np.ndarray:
    """Offsets 1..count times GOLDEN, modulo 2**64, as a column to add to states."""
    return np.array([(k * GOLDEN) & MASK for k in range(1, count + 1)], dtype=np.uint64)[:, None]


def uniforms(states: np.ndarray, count: int) -> np.ndarray:
    """The next ``count`` floats of every game, shape (count, games); states are not moved."""
    z = _mix(states[None, :] + _steps(count))
    return (z >> _S11).astype(np.float64) * _UNIT


def next_float(states: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """One float per game; advances the states of the games in ``mask`` (all if None), in place.

    Games outside the mask get a value too (ignore it): computing it for everyone is cheaper
    than selecting.
    """
    value = uniforms(states, 1)[0]
    if mask is None:
        states += np.uint64(GOLDEN)
    else:
        states += np.where(mask, np.uint64(GOLDEN), np.uint64(0))
    return value


def gauss_table(states: np.ndarray, count: int) -> np.ndarray:
    """The next ``count`` Gaussian draws of every game, shape (count, games); states unmoved."""
    u = uniforms(states, 4 * count).reshape(count, 4, -1)
    total = u[:, 0] + u[:, 1]
    total += u[:, 2]
    total += u[:, 3]
    total -= 2.0
    total *= SQRT3
    return total


def advance(states: np.ndarray, draws: np.ndarray) -> None:
    """Move each game's state on by its number of uniform draws, in place."""
    states += draws.astype(np.uint64) * np.uint64(GOLDEN)

"""A tiny deterministic random generator whose whole state is one integer.

``random.Random`` carries 625 words of state: costly to copy into every immutable game state
and awkward to save. SplitMix64 is small, fast in pure Python, statistically fine for a game,
and the same on every platform, so a seed replays a game byte for byte anywhere.
"""

from __future__ import annotations

import math

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """The generator state for a user-facing seed (any integer)."""
    return (seed * GOLDEN + 0x2545F4914F6CDD1D) & MASK


def next_float(state: int) -> tuple[float, int]:
    """A float in [0, 1) and the next state."""
    state = (state + GOLDEN) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return (z >> 11) * (1.0 / (1 << 53)), state


def next_gauss(state: int) -> tuple[float, int]:
    """A standard normal draw (Box-Muller, one of the pair) and the next state."""
    u1, state = next_float(state)
    u2, state = next_float(state)
    return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2), state

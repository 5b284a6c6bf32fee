"""A tiny deterministic random generator whose whole state is one integer.

``random.Random`` carries 625 words of state: costly to copy into every immutable game state
and awkward to save. SplitMix64 is small, fast in pure Python, statistically fine for a game,
and the same on every platform, so a seed replays a game byte for byte anywhere.
"""

from __future__ import annotations

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def _mix(z: int) -> int:
    """SplitMix64's output function: a bijection that scatters nearby inputs."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def seed_state(seed: int) -> int:
    """The generator state for a user-facing seed (any integer).

    The seed is scrambled, not used as an offset: SplitMix64 walks one cycle in steps of
    GOLDEN, so starting seed n at n × GOLDEN would make seed n+1's stream seed n's shifted by
    one draw, and consecutive simulation runs would be correlated.
    """
    return _mix((seed * 0x2545F4914F6CDD1D + 0x632BE59BD9B4E019) & MASK)


_UNIT = 1.0 / (1 << 53)


def next_float(state: int) -> tuple[float, int]:
    """A float in [0, 1) and the next state."""
    state = (state + GOLDEN) & MASK
    return (_mix(state) >> 11) * _UNIT, state


SQRT3 = 1.7320508075688772
"""Scales a sum of four uniforms minus two to unit variance."""


def next_gauss(state: int) -> tuple[float, int]:
    """An approximately standard normal draw and the next state.

    Irwin-Hall: the sum of four uniforms, centred and scaled to unit variance (range ±3.46).
    Only additions and multiplications, so a vectorised simulator reproduces it bit for bit;
    Box-Muller's log and cos may differ in the last bit between libm and numpy's SIMD code,
    enough to flip an AI's choice in a near tie.
    """
    draws, state = gauss_draws(state, 1)
    return draws[0], state


NUMPY_FROM = 64
"""Tables of this many draws or more are computed with numpy (imported only then: small
scenarios and the app never need it)."""


def gauss_draws(state: int, count: int) -> tuple[list[float], int]:
    """``count`` successive ``next_gauss`` draws and the state after them.

    SplitMix64's k-th state is the first plus k × GOLDEN, so a long table is computed all at
    once with numpy's wrapping uint64 arithmetic, exactly as the loop below computes it one
    draw at a time (same integers, same float conversion, same order of additions).
    """
    if count >= NUMPY_FROM:
        return _numpy_gauss_draws(state, count), (state + 4 * count * GOLDEN) & MASK
    draws = []
    for _ in range(count):
        total = 0.0
        for _ in range(4):
            state = (state + GOLDEN) & MASK
            z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            total += ((z ^ (z >> 31)) >> 11) * _UNIT
        draws.append((total - 2.0) * SQRT3)
    return draws, state


def _numpy_gauss_draws(state: int, count: int) -> list[float]:
    import numpy as np

    golden = np.uint64(GOLDEN)
    z = np.uint64(state) + golden * np.arange(1, 4 * count + 1, dtype=np.uint64)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    u = ((z ^ (z >> np.uint64(31))) >> np.uint64(11)).astype(np.float64) * _UNIT
    u = u.reshape(count, 4)
    total = ((u[:, 0] + u[:, 1]) + u[:, 2]) + u[:, 3]
    draws: list[float] = ((total - 2.0) * SQRT3).tolist()
    return draws

"""Rounding used wherever a fraction of a score change becomes a whole number."""

from __future__ import annotations

import math
from collections.abc import Iterable


def round_half_away(x: float) -> int:
    """Round to the nearest integer, halves away from zero (symmetric for gains and losses)."""
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def ordered_sum(values: Iterable[float]) -> float:
    """Left-to-right sum, as ``sum()`` did before Python 3.12 made float sums compensated.

    Scores and AI values must not depend on the Python version, and the batch simulator
    reproduces them by adding in this same order.
    """
    total: float = 0
    for value in values:
        total += value
    return total

"""Rounding used wherever a fraction of a score change becomes a whole number."""

from __future__ import annotations

import math


def round_half_away(x: float) -> int:
    """Round to the nearest integer, halves away from zero (symmetric for gains and losses)."""
    return int(math.copysign(math.floor(abs(x) + 0.5), x))

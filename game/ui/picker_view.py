"""What the role picker shows: the scenario and the governments one can play.

These three records are apart from the rest of the seam's views (game/ui/seam.py, which
re-exports them) because the role picker is the first frame of `detente play` when it is
cached (game/ui/picker_cache.py): building them must not wait for attrs and the twenty other
view classes, about 36 ms of a 0.43 s start. They are named tuples for the same reason:
immutable and compared by value, as the frozen attrs classes of the seam are.
"""

from __future__ import annotations

from typing import NamedTuple


class GoalWeight(NamedTuple):
    """A goal with what it counts for: its weight and its share of the final score."""

    label: str
    weight: float
    share: float
    """Share of the final score, 0..1: weight over all weights, times the goals' part."""


class RoleView(NamedTuple):
    """A playable government as the role picker describes it."""

    id: str
    name: str
    leader: str
    summary: str
    briefing: str
    goals: tuple[str, ...]
    weights: tuple[GoalWeight, ...] = ()
    """The goals with their weights and shares of the final score, in goal order."""


class RolesView(NamedTuple):
    """The role picker's content: the scenario and the governments one can play."""

    title: str
    roles: tuple[RoleView, ...]
    default: str
    """The role highlighted first."""

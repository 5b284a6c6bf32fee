"""What a compiled condition may read of a game: the shape shared by every kind of position.

Conditions are compiled once (``compile.py``) and then read three kinds of position: the
immutable ``State`` between turns, the mutable ``Board`` while a turn resolves, and the
valuation's overlay ``_View`` of a traced move. This protocol is that common shape, so the
type checker holds all three to it and a condition cannot reach for anything else.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Protocol


class Entries(Protocol):
    """A flat array read by index: a tuple, a list, or an overlay dict over one."""

    def __getitem__(self, index: int, /) -> int: ...


class Position(Protocol):
    """The numbers and marks of one position, by index (see ``World`` for the layout)."""

    @property
    def rel(self) -> Entries:
        """Relation scores, flat: ``rel[viewer * n + viewed]``."""

    @property
    def stats(self) -> Entries:
        """Stat values, in ``World.stat_keys`` order."""

    @property
    def flags(self) -> Set[str]:
        """Names of the flags that are set."""

    @property
    def taken(self) -> Set[tuple[int, int]]:
        """(option index, actor index) of every move made so far."""

    @property
    def fired(self) -> Set[int]:
        """Indexes of events that have fired."""

    @property
    def turn(self) -> int:
        """The turn being played (or the next one, between turns)."""

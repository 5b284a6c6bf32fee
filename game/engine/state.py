"""The state of one game, and the record of what happened in it. All immutable.

A ``State`` is a value: two games that reached the same position compare equal, and a state
can be saved, loaded and replayed. Arrays are indexed as the ``World`` says (relations flat,
``viewer * n + viewed``), which keeps the rules fast; ``serialize`` turns them into ids.
"""

from __future__ import annotations

from typing import Literal

import attrs

CauseKind = Literal["option", "failure", "event", "decay"]
MoveOutcome = Literal["success", "failure", "pending", "none"]


@attrs.frozen
class Cause:
    """Why a number changed.

    Attributes:
        kind: ``option`` (a government's move succeeded), ``failure`` (its `otherwise`
            effects), ``event``, or ``decay`` (drift back toward the baseline).
        source: The option or event id ('' for decay).
        actor: The government whose move it was ('' for events and decay).
        via: Set when the change is a reaction: an ally or enemy of ``via`` shifting its view
            because ``via``'s view moved (by the option or event named).
        delayed: Whether the move was made on an earlier turn and landed now.
    """

    kind: CauseKind
    source: str = ""
    actor: str = ""
    via: str = ""
    delayed: bool = False

    @property
    def is_reaction(self) -> bool:
        return bool(self.via)


@attrs.frozen
class Change:
    """One number that moved, and why.

    For relations ``subject`` is (viewer, viewed); for stats (actor, stat); for flags
    ("", flag) with before/after 0 or 1.
    """

    kind: Literal["rel", "stat", "flag"]
    subject: tuple[str, str]
    before: int
    after: int
    cause: Cause

    @property
    def delta(self) -> int:
        return self.after - self.before


@attrs.frozen
class Choice:
    """What one government did on a turn.

    Attributes:
        actor: Who chose.
        option: The option id, or None when it had nothing to do (or chose to wait).
        outcome: ``success``, ``failure`` (the chance roll failed), ``pending`` (delayed:
            lands later), or ``none`` for no option.
    """

    actor: str
    option: str | None
    outcome: MoveOutcome = "success"


@attrs.frozen
class TurnReport:
    """Everything that happened on one turn, in the order it happened."""

    turn: int
    choices: tuple[Choice, ...]
    landed: tuple[Choice, ...]
    """Delayed moves from earlier turns whose effects landed on this turn."""
    events: tuple[str, ...]
    changes: tuple[Change, ...]
    ending: str | None = None


@attrs.frozen
class Pending:
    """A delayed move waiting to land."""

    due: int
    option: int
    actor: int


@attrs.frozen
class State:
    """One game's position between turns.

    Attributes:
        role: The player's actor id.
        seed: The seed the game started from (kept for saves and replays).
        turn: The next turn to play, from 1; ``turns + 1`` once the last has been played.
        rel: Relation scores, flat: ``rel[viewer * n + viewed]``.
        stats: Stat values, in ``World.stat_keys`` order.
        flags: Names of the flags that are set.
        taken: (option index, actor index) of every move made so far.
        fired: Indexes of events that have fired.
        pending: Delayed moves not yet landed.
        rng: The random generator's state.
        ending: The ending's id once the game is over.
        choices: The player's option per turn so far (None where it had nothing to do).
        log: One report per turn played, when the game keeps a history.
    """

    role: str
    seed: int
    turn: int
    rel: tuple[int, ...]
    stats: tuple[int, ...]
    flags: frozenset[str]
    taken: frozenset[tuple[int, int]]
    fired: frozenset[int]
    pending: tuple[Pending, ...]
    rng: int
    ending: str | None = None
    choices: tuple[str | None, ...] = ()
    log: tuple[TurnReport, ...] = ()

    @property
    def over(self) -> bool:
        return self.ending is not None

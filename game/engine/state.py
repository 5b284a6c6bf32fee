"""The state of one game, and the record of what happened in it. All immutable.

A ``State`` is a value: two games that reached the same position compare equal, and a state
can be saved, loaded and replayed. Arrays are indexed as the ``World`` says (relations flat,
``viewer * n + viewed``), which keeps the rules fast; ``serialize`` turns them into ids.
"""

from __future__ import annotations

from typing import Literal

import attrs

CauseKind = Literal[
    "option",
    "failure",
    "event",
    "decay",
    "accepted",
    "declined",
    "countered",
    "expired",
    "hidden",
]
OfferOutcome = Literal["made", "open", "accepted", "declined", "countered", "expired"]
MoveOutcome = Literal["success", "failure", "pending", "none"]


@attrs.frozen
class Cause:
    """Why a number changed.

    Attributes:
        kind: ``option`` (a government's move succeeded), ``failure`` (its `otherwise`
            effects), ``event``, ``decay`` (drift back toward the baseline), or how an
            offer ended: ``accepted``, ``declined``, ``countered`` or ``expired``;
            ``hidden`` only in a seat's copy of a report (``visibility.seen_report``): a
            secret move the seat may not know of, with no source or actor.
        source: The option or event id ('' for decay); for an offer, the option that made it.
        actor: The government whose move it was, or who made the offer ('' for events and
            decay).
        via: Set when the change is a reaction: an ally or enemy of ``via`` shifting its view
            because ``via``'s view moved (by the option or event named).
        delayed: Whether the move was made on an earlier turn and landed now.
        branch: For a change made by a conditional effect, which branch applied: ``then``
            (its `if:` held as it landed) or ``else``; '' otherwise.
    """

    kind: CauseKind
    source: str = ""
    actor: str = ""
    via: str = ""
    delayed: bool = False
    branch: str = ""

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
class OfferNews:
    """What became of one offer on a turn: made, answered (still open), or settled.

    Attributes:
        option: The option that made the offer (its id names the offer).
        actor: Who made it.
        parties: Who must answer, in the offer's `to:` order.
        outcome: ``made`` this turn; ``open`` (some answered, time remains); or how it ended:
            ``accepted`` by every party, ``declined`` or ``countered`` by one, ``expired``.
        answers: Each party's answer so far ('' where it has not answered), in ``parties``
            order.
    """

    option: str
    actor: str
    parties: tuple[str, ...]
    outcome: OfferOutcome
    answers: tuple[str, ...] = ()


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
    offers: tuple[OfferNews, ...] = ()
    """Offers settled or answered this turn (first, as they resolve before the moves),
    then the offers made this turn."""
    revealed: tuple[Choice, ...] = ()
    """Only in a seat's copy (``visibility.seen_report``): secret moves of earlier turns
    whose `revealed_after:` ends on this turn, news to the seat now."""


@attrs.frozen
class OpenOffer:
    """An offer waiting for its parties' answers.

    Attributes:
        option: Index of the option that made it.
        actor: Index of the government that made it.
        made: The turn it was made on; parties answer from the next turn.
        answers: Per party (the offer's `to:` order), its answer so far, or None.
    """

    option: int
    actor: int
    made: int
    answers: tuple[str | None, ...]


@attrs.frozen
class Answer:
    """A seat's answer to an offer, as kept for a save's replay."""

    turn: int
    role: str
    offer: str
    answer: str


@attrs.frozen
class Pending:
    """A delayed move waiting to land."""

    due: int
    option: int
    actor: int


class IllegalMove(ValueError):
    """The option cannot be taken now (or the answer given: ``offers.IllegalAnswer``);
    ``available`` lists what can, ``role`` says by whom."""

    def __init__(self, message: str, available: tuple[str, ...], role: str = "") -> None:
        super().__init__(message)
        self.available = available
        self.role = role


class SeatError(ValueError):
    """A call that names seats wrongly: a one-seat call on a game with several seats, a role
    that is not a seat, or a turn's choices that miss a seat or name one too many."""


@attrs.frozen
class State:
    """One game's position between turns.

    Attributes:
        seats: The roles people play, in scenario actor order (one for a one-seat game).
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
        moves: Per seat (in ``seats`` order), its option per turn so far (None where it had
            nothing to do): ``choices_of(role)`` reads one seat's.
        log: One report per turn played, when the game keeps a history.
        offers: Offers made and not yet settled, in the order they were made.
        answers: Every answer a seat gave to an offer, in the order given (a replay needs
            them as it needs ``moves``).
    """

    seats: tuple[str, ...]
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
    moves: tuple[tuple[str | None, ...], ...] = ()
    log: tuple[TurnReport, ...] = ()
    offers: tuple[OpenOffer, ...] = ()
    answers: tuple[Answer, ...] = ()

    @property
    def over(self) -> bool:
        return self.ending is not None

    @property
    def role(self) -> str:
        """The one seat of a one-seat game; SeatError on a game with several seats, where
        every call must say whose seat it means."""
        if len(self.seats) != 1:
            raise SeatError(
                f"this game has {len(self.seats)} seats ({', '.join(self.seats)}): "
                "name the role you mean"
            )
        return self.seats[0]

    @property
    def choices(self) -> tuple[str | None, ...]:
        """The one seat's choices per turn (a one-seat game only: see ``role``)."""
        return self.choices_of(self.role)

    def answers_on(self, turn: int) -> dict[str, dict[str, str]]:
        """The seats' answers given with a turn's moves, as ``play_turn`` takes them."""
        given: dict[str, dict[str, str]] = {}
        for answer in self.answers:
            if answer.turn == turn:
                given.setdefault(answer.role, {})[answer.offer] = answer.answer
        return given

    def choices_of(self, role: str) -> tuple[str | None, ...]:
        """One seat's option per turn so far (None where it had nothing to do)."""
        return self.moves[self.seat_index(role)] if self.moves else ()

    def seat_index(self, role: str) -> int:
        """Where a seat stands in ``seats``; SeatError for a role nobody plays here."""
        try:
            return self.seats.index(role)
        except ValueError:
            raise SeatError(
                f"'{role}' is not a seat in this game (seats: {', '.join(self.seats)})"
            ) from None

    @property
    def multi_seat(self) -> bool:
        return len(self.seats) > 1

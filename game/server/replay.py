"""A class game rebuilt from its log: the one place that says what each event does.

The runtime checks a frame, commits its event, then hands the event to ``GameLog.apply``;
a restart replays the stored events through the same method. So a game after a restart,
a rollback (a replay without the last turn) and a live game are one code path, and the
engine's position is always ``play_turn`` over the resolved turns' choices.
"""

from __future__ import annotations

from typing import Any

from game.engine import OpenTurn, State, World, new_game, play_turn
from game.server.storage import GameRow, StoredEvent

STATUSES = ("lobby", "playing", "paused", "over")


class GameLog:
    """A game's position and bookkeeping, as its log so far makes it."""

    def __init__(self, world: World, row: GameRow) -> None:
        self.world = world
        self.row = row
        self.states: list[State] = [new_game(world, seats=row.seats, seed=row.seed)]
        """The position before turn 1 and after each resolved turn (a rollback drops one)."""
        self.turns: list[dict[str, str | None]] = []
        """Each resolved turn's choices, per seat."""
        self.open = OpenTurn(self.states[0])
        self.chosen_by: dict[str, str] = {}
        """Who made each seat's current choice this turn (a member's name, or "ai")."""
        self.ai: list[list[str]] = []
        """Per resolved turn, the seats the AI played."""
        self.status = "lobby"
        """lobby (until the game is opened or started), playing, paused, over."""
        self.deadline = row.deadline
        """Seconds a turn may take, or None (no deadline)."""
        self.messages: list[dict[str, Any]] = []
        self.choices_made: list[dict[str, Any]] = []
        """Every choice ever submitted, kept for the debrief (a team's overruled ones too)."""
        self.seq = 0
        """The last event's number (the next is seq + 1)."""
        self.idems: dict[tuple[str, str], int] = {}
        """(actor, idempotency key) of every client event: a replayed frame is answered from
        here, and changes nothing."""

    @property
    def state(self) -> State:
        return self.states[-1]

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def over(self) -> bool:
        return self.status == "over"

    def apply(self, event: StoredEvent) -> None:
        """Change the game as ``event`` says (already checked when it was accepted)."""
        self.seq = event.seq
        if event.idem is not None:
            self.idems[(event.actor, event.idem)] = event.seq
        data = event.payload
        kind = event.kind
        if kind == "choice":
            if data["turn"] == self.turn and not self.over:
                self.open = self.open.choose(self.world, data["seat"], data["option"])
                self.chosen_by[data["seat"]] = data["by"]
            self.choices_made.append({**data, "seq": event.seq})
        elif kind == "resolve":
            choices: dict[str, str | None] = dict(data["choices"])
            self.turns.append(choices)
            self.ai.append(list(data.get("ai", [])))
            self.states.append(play_turn(self.world, self.state, choices))
            self._open_turn()
            if self.state.over:
                self.status = "over"
        elif kind == "rollback":
            if len(self.states) > 1:
                self.states.pop()
                self.turns.pop()
                self.ai.pop()
            self._open_turn()
            self.status = "paused" if self.status == "over" else self.status
        elif kind == "open":
            self.status = "lobby" if data.get("lobby") else "playing"
        elif kind == "start":
            self.status = "playing"
        elif kind == "pause":
            self.status = "paused"
        elif kind == "resume":
            self.status = "playing"
        elif kind == "end":
            self.status = "over"
        elif kind == "deadline":
            self.deadline = data["seconds"]
        elif kind == "message":
            self.messages.append({**data, "seq": event.seq})

    def _open_turn(self) -> None:
        self.open = OpenTurn(self.state)
        self.chosen_by = {}

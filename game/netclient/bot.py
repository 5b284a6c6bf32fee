"""`detente bot`: a headless seat that plays a class game to its end.

It chooses from what the server sends its seat: ``random`` picks one of the available
options with its own generator (``--seed``); ``ai`` picks the option whose forecast raises
its score most (the advisor's expected change, first listed on a tie). It chooses once per
position it is sent (so again after a rollback), only while the game is being played, and
sends nothing else unless told to talk (``say_every``: a message to all every n turns, for
load tests). It rides out a server restart through its ``SeatLink``.
"""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import Any

import attrs

from game.netclient.link import SeatLink

POLICIES = ("ai", "random")


@attrs.define
class BotResult:
    role: str
    status: str
    turn: int
    ending: str | None
    score: int | None
    acked: dict[str, int]
    """Every choice and message the server acknowledged: id -> place in the log."""
    chosen: list[tuple[int, str | None]]
    """(turn, option) of every choice sent."""
    reconnects: int


class Bot:
    def __init__(
        self,
        url: str,
        code: str,
        role: str | None,
        *,
        policy: str = "ai",
        seed: int = 0,
        name: str | None = None,
        token_file: Path | None = None,
        patience: float = 60.0,
        say_every: int = 0,
        think: float = 0.0,
    ) -> None:
        self.link = SeatLink(
            url,
            code,
            role=role,
            name=name or f"bot-{role or 'any'}",
            token_file=token_file,
            patience=patience,
        )
        self.policy = policy
        self.rng = random.Random(seed)
        self.pace = random.Random(seed + 1)
        """The think time's generator, apart from the policy's: the same choices either way."""
        self.say_every = say_every
        self.think = think
        """Longest pause before a choice, in seconds (a human-like pace for tests)."""
        self.position: dict[str, Any] | None = None
        self.progress: dict[str, Any] | None = None
        self.answered: int | None = None
        """The number of the position last chosen for (positions are counted as sent)."""
        self.positions = 0
        self.chosen: list[tuple[int, str | None]] = []
        self.chose_at: dict[int, float] = {}
        """When the choice for each turn was sent (time.monotonic)."""
        self.position_at: dict[int, float] = {}
        """When the position of each turn first came (time.monotonic)."""

    async def play(self) -> BotResult:
        await self.link.run(self._on_frame)
        position = self.position or {}
        view = position.get("view", {})
        return BotResult(
            role=self.link.role or "",
            status=position.get("status", "?"),
            turn=position.get("turn", 0),
            ending=view.get("ending"),
            score=view.get("score", {}).get("total"),
            acked=dict(self.link.acked),
            chosen=self.chosen,
            reconnects=self.link.reconnects,
        )

    async def _on_frame(self, frame: dict[str, Any]) -> bool:
        kind = frame.get("type")
        if kind == "welcome":
            self.positions += 1  # a rejoin: decide afresh from what the server says
            self.answered = None
        elif kind == "position":
            self.position = frame
            self.position_at.setdefault(frame["turn"], time.monotonic())
            self.positions += 1
            if frame["status"] == "over":
                return True
        elif kind == "progress":
            self.progress = frame
            if frame["status"] == "over":
                return bool(self.position and self.position["status"] == "over")
            if "mine" in frame and self.position and frame["turn"] == self.position["turn"]:
                self.answered = self.positions
        elif kind == "team_choice":
            pass
        await self._maybe_choose()
        return False

    async def _maybe_choose(self) -> None:
        position, progress = self.position, self.progress
        if position is None or progress is None or self.answered == self.positions:
            return
        if progress["status"] != "playing" or progress["turn"] != position["turn"]:
            return
        self.answered = self.positions
        if self.think:
            await asyncio.sleep(self.pace.uniform(0, self.think))
        option = self.pick(position)
        turn = position["turn"]
        self.chosen.append((turn, option))
        self.chose_at[turn] = time.monotonic()
        await self.link.send({"type": "choose", "turn": turn, "option": option})
        if self.say_every and turn % self.say_every == 0:
            await self.link.send(
                {"type": "say", "to": "all", "text": f"{self.link.role}: turn {turn}, my move."}
            )

    def pick(self, position: dict[str, Any]) -> str | None:
        available = [o["id"] for o in position["view"]["options"] if o["available"]]
        if not available:
            return None
        if self.policy == "random":
            return self.rng.choice(available)
        forecasts = position.get("forecasts", {})
        return max(available, key=lambda o: forecasts.get(o, {}).get("score_change", 0.0))

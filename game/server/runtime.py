"""A live class game: the turn clock, absent seats, messages and the instructor's actions.

Every change follows one path: check the frame against the game (in the game's lock), write
its event and wait for the commit, apply it (``GameLog.apply``), then answer and tell the
others. A turn resolves when every seat that has a student has chosen (the seats nobody
took are played by the AI, or make no move, as the instructor chose with ``absent``), at
the deadline (``absent="ai"``: the AI plays every seat still to choose), or when the
instructor says "resolve now".
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict
from typing import Any

from game.engine import GameOver, IllegalMove, SeatError, World, score
from game.server.clients import Client
from game.server.protocol import FrameError, dumps
from game.server.replay import GameLog
from game.server.storage import Duplicate, GameRow, MemberRow, Storage, StoredEvent
from game.server.views import position_views, static_views
from game.sim.policies import like_ai


class LiveGame:
    """One game in memory, rebuilt from its log, with the clients attached to it."""

    def __init__(self, storage: Storage, world: World, row: GameRow, log: GameLog) -> None:
        self.storage = storage
        self.world = world
        self.row = row
        self.log = log
        self.lock = asyncio.Lock()
        self.clients: set[Client] = set()
        self.members: dict[str, MemberRow] = {}
        """Members by token digest."""
        self.deadline_at: float | None = None
        self.remaining: float | None = None
        """Seconds left of the turn when it was paused."""
        self._timer: asyncio.Task[None] | None = None
        self._views: dict[tuple[int, str], str] = {}
        self._static: dict[str, dict[str, Any]] = {}

    @classmethod
    async def load(cls, storage: Storage, world: World, row: GameRow) -> LiveGame:
        """The game as its stored log makes it (after a restart, too)."""
        stored = await storage.log(row.id)
        log = GameLog(world, row)
        for event in stored:
            log.apply(event)
        game = cls(storage, world, row, log)
        for member in await storage.members_of(row.id):
            game.members[member.token_hash] = member
        game.arm()
        return game

    # --- who is here ----------------------------------------------------------------------

    def held(self) -> set[str]:
        """The seats at least one student has joined."""
        return {m.seat for m in self.members.values()}

    def team(self, seat: str) -> list[str]:
        return sorted({m.name for m in self.members.values() if m.seat == seat})

    def deadline_in(self) -> float | None:
        if self.log.status == "paused":
            return self.remaining
        if self.deadline_at is None:
            return None
        return max(0.0, round(self.deadline_at - time.time(), 1))

    # --- what clients are sent --------------------------------------------------------------

    def position_text(self, seat: str) -> str:
        """A seat's ``position`` frame, built once per position and seat."""
        key = (self.log.seq if self.log.over else len(self.log.states), seat)
        text = self._views.get(key)
        if text is None:
            if len(self._views) > 4 * len(self.row.seats):
                self._views.clear()
            text = dumps(
                {
                    "type": "position",
                    "status": self.log.status,
                    "turn": self.log.turn,
                    **position_views(self.world, self.log.state, seat),
                }
            )
            self._views[key] = text
        return text

    def progress(self, seat: str | None) -> dict[str, Any]:
        """Who has chosen this turn (never what), and this seat's own current choice."""
        frame: dict[str, Any] = {
            "type": "progress",
            "status": self.log.status,
            "turn": self.log.turn,
            "chosen": {s: self.log.open.has_chosen(s) for s in self.row.seats},
            "deadline_in": self.deadline_in(),
        }
        if seat is not None and self.log.open.has_chosen(seat):
            frame["mine"] = {
                "option": self.log.open.choice_of(seat),
                "by": self.log.chosen_by.get(seat),
            }
        return frame

    def visible_messages(self, client: Client) -> list[dict[str, Any]]:
        return [m for m in self.log.messages if self._may_read(client, m)]

    def _may_read(self, client: Client, message: dict[str, Any]) -> bool:
        if client.instructor:
            return True
        to = message["to"]
        if to == "all":
            return True
        if to == "team":
            return message["seat"] == client.seat
        return client.seat == message["seat"] or client.seat in to

    def welcome(self, client: Client) -> list[str]:
        """The frames a client gets on (re)joining: everything its seat may see now."""
        if client.instructor:
            return [dumps(self.console())]
        seat = client.seat
        assert seat is not None
        static = self._static.get(seat)
        if static is None:
            static = self._static[seat] = static_views(self.world, seat)
        head = {
            "type": "welcome",
            "game": self.row.code,
            "role": seat,
            "name": client.name,
            "seats": list(self.row.seats),
            "team": self.team(seat),
            "seed": self.row.seed,
            "scenario": self.world.scenario.id,
            "messages": self.visible_messages(client),
            **static,
        }
        return [dumps(head), self.position_text(seat), dumps(self.progress(seat))]

    def console(self, *, messages: bool = True) -> dict[str, Any]:
        """The instructor's view: every seat, who holds it, who has chosen what, and (on
        joining; later ones come as ``message`` frames) every message."""
        frame = {
            "type": "console",
            "game": self.row.code,
            "status": self.log.status,
            "turn": self.log.turn,
            "turns": self.world.scenario.turns,
            "deadline": self.log.deadline,
            "deadline_in": self.deadline_in(),
            "absent": self.row.absent,
            "seats": {
                seat: {
                    "team": self.team(seat),
                    "chosen": self.log.open.has_chosen(seat),
                    "choice": self.log.open.choice_of(seat),
                    "by": self.log.chosen_by.get(seat),
                }
                for seat in self.row.seats
            },
            "ending": self.log.state.ending,
        }
        if messages:
            frame["messages"] = self.log.messages
        return frame

    def broadcast_progress(self) -> None:
        """Every client's progress frame, serialised once per seat (a team shares it)."""
        texts: dict[str | None, str] = {}
        for client in self.clients:
            key = "\0instructor" if client.instructor else client.seat
            text = texts.get(key)
            if text is None:
                frame = (
                    self.console(messages=False)
                    if client.instructor
                    else self.progress(client.seat)
                )
                text = texts[key] = dumps(frame)
            client.push(text)

    def broadcast_position(self) -> None:
        """Every seat's new position (after a turn, a rollback, an end), and its progress."""
        progress = {seat: dumps(self.progress(seat)) for seat in self.row.seats}
        for client in self.clients:
            if client.instructor:
                client.push(self.console(messages=False))
            elif client.seat is not None:
                client.push(self.position_text(client.seat))
                client.push(progress[client.seat])

    # --- the log ---------------------------------------------------------------------------

    async def record(
        self,
        kind: str,
        actor: str,
        payload: dict[str, Any],
        idem: str | None = None,
    ) -> StoredEvent:
        """Commit the next event, then apply it. Called with the lock held."""
        snapshot = None
        if kind == "resolve":
            snapshot = (payload["turn"], {"choices": payload["choices"]})
        stored = await self.storage.append(
            self.row.id, self.log.seq + 1, kind, actor, payload, idem, snapshot
        )
        self.log.apply(stored)
        return stored

    def replayed(self, client: Client, frame: dict[str, Any]) -> dict[str, Any] | None:
        """The answer to a frame already accepted (same idempotency key): the same ack."""
        seq = self.log.idems.get((client.actor, frame["id"]))
        if seq is None:
            return None
        return {"type": "ack", "id": frame["id"], "seq": seq, "replayed": True}

    # --- a seat's frames -------------------------------------------------------------------

    async def choose(self, client: Client, frame: dict[str, Any]) -> dict[str, Any]:
        async with self.lock:
            again = self.replayed(client, frame)
            if again is not None:
                return again
            self._check_playing(frame)
            seat = client.seat
            assert seat is not None
            try:
                self.log.open.choose(self.world, seat, frame["option"])
            except (IllegalMove, GameOver, SeatError) as error:
                raise FrameError("illegal", str(error), frame["id"]) from None
            payload = {
                "turn": frame["turn"],
                "seat": seat,
                "option": frame["option"],
                "by": client.name,
            }
            try:
                stored = await self.record("choice", client.actor, payload, frame["id"])
            except Duplicate as duplicate:
                return {
                    "type": "ack",
                    "id": frame["id"],
                    "seq": duplicate.stored.seq,
                    "replayed": True,
                }
            ack = {"type": "ack", "id": frame["id"], "seq": stored.seq}
            client.push(ack)
            team = {
                "type": "team_choice",
                "turn": payload["turn"],
                "option": payload["option"],
                "by": client.name,
            }
            for other in self.clients:
                if other.seat == seat and other is not client:
                    other.push(team)
            if not await self._resolve_if_complete():
                self.broadcast_progress()
            return {}

    def _check_playing(self, frame: dict[str, Any]) -> None:
        status = self.log.status
        if status != "playing":
            raise FrameError("not_playing", f"the game is {status}", frame.get("id"))
        if frame["turn"] != self.log.turn:
            raise FrameError(
                "out_of_turn",
                f"turn {frame['turn']} is not the turn being played ({self.log.turn})",
                frame.get("id"),
            )

    async def say(self, client: Client, frame: dict[str, Any]) -> dict[str, Any]:
        if not client.messages.take():
            raise FrameError("rate_limited", "too many messages: wait a moment", frame["id"])
        to = frame["to"]
        if isinstance(to, list):
            unknown = [seat for seat in to if seat not in self.row.seats]
            if unknown:
                raise FrameError("bad_field", f"say: {unknown[0]} is not a seat", frame["id"])
            to = sorted(set(to))
        async with self.lock:
            again = self.replayed(client, frame)
            if again is not None:
                return again
            payload = {
                "seat": client.seat or "instructor",
                "from": client.name or "instructor",
                "to": to,
                "text": frame["text"],
                "turn": self.log.turn,
                "at": round(time.time(), 3),
            }
            try:
                stored = await self.record("message", client.actor, payload, frame["id"])
            except Duplicate as duplicate:
                return {
                    "type": "ack",
                    "id": frame["id"],
                    "seq": duplicate.stored.seq,
                    "replayed": True,
                }
            client.push({"type": "ack", "id": frame["id"], "seq": stored.seq})
            message = {"type": "message", **payload, "seq": stored.seq}
            for other in self.clients:
                if self._may_read(other, payload):
                    other.push(message)
            return {}

    # --- turns -----------------------------------------------------------------------------

    async def _resolve_if_complete(self) -> bool:
        """Resolve when every seat with a student has chosen (with the lock held)."""
        if self.log.status != "playing":
            return False
        held = self.held()
        waiting = self.log.open.waiting
        if not held or any(seat in held for seat in waiting):
            return False
        await self._resolve("all")
        return True

    def _ai_choice(self, seat: str) -> str | None:
        """The computer's move for a seat, seeded by the game, turn and seat (reproducible)."""
        rng = random.Random(f"{self.row.seed}:{self.log.turn}:{seat}")
        return like_ai(self.world, self.log.state, rng, seat)

    async def _resolve(self, why: str) -> None:
        """Play the turn: the seats still to choose by the AI or with no move."""
        choices: dict[str, str | None] = dict(self.log.open.chosen)
        by_ai = []
        for seat in self.log.open.waiting:
            if self.row.absent == "ai":
                choices[seat] = self._ai_choice(seat)
                by_ai.append(seat)
            else:
                choices[seat] = None
        payload = {"turn": self.log.turn, "choices": choices, "ai": by_ai, "why": why}
        await self.record("resolve", "server", payload)
        self.arm()
        await self.build_positions()
        self.broadcast_position()

    async def build_positions(self) -> None:
        """Every seat's new position, built on a worker thread (tens of milliseconds for a
        game's seats: the event loop keeps answering the other games meanwhile). Called
        with the lock held, so the position cannot change underneath."""
        await asyncio.to_thread(lambda: [self.position_text(seat) for seat in self.row.seats])

    def arm(self) -> None:
        """Start the turn's clock (a restart gives the turn being played a full period)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.deadline_at = None
        if self.log.status != "playing" or self.log.deadline is None:
            return
        seconds = self.remaining if self.remaining is not None else self.log.deadline
        self.remaining = None
        self.deadline_at = time.time() + seconds
        self._timer = asyncio.get_running_loop().create_task(self._at_deadline(seconds))

    async def _at_deadline(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        async with self.lock:
            self._timer = None
            if self.log.status != "playing":
                return
            if self.row.absent == "ai":
                await self._resolve("deadline")
            else:
                self.deadline_at = None
                self.broadcast_progress()

    # --- the instructor --------------------------------------------------------------------

    async def instruct(self, client: Client, frame: dict[str, Any]) -> dict[str, Any]:
        kind = frame["type"]
        async with self.lock:
            again = self.replayed(client, frame)
            if again is not None:
                return again
            status = self.log.status
            ref = frame["id"]

            def refuse(message: str) -> FrameError:
                return FrameError("refused", message, ref)

            payload: dict[str, Any] = {}
            if kind == "start":
                if status != "lobby":
                    raise refuse(f"the game is {status}, not in the lobby")
            elif kind == "pause":
                if status != "playing":
                    raise refuse(f"the game is {status}: only a game being played pauses")
                payload["remaining"] = self.deadline_in()
            elif kind == "resume_game":
                if status != "paused":
                    raise refuse(f"the game is {status}, not paused")
            elif kind == "resolve":
                if status not in ("playing", "paused"):
                    raise refuse(f"the game is {status}")
                if frame["turn"] != self.log.turn:
                    raise FrameError("out_of_turn", f"turn {self.log.turn} is being played", ref)
            elif kind == "rollback":
                if len(self.log.states) < 2:
                    raise refuse("no turn has been played yet")
                if frame["turn"] != self.log.turn - 1:
                    raise FrameError(
                        "out_of_turn", f"the last turn played is {self.log.turn - 1}", ref
                    )
                payload["turn"] = frame["turn"]
            elif kind == "end":
                if status == "over":
                    raise refuse("the game is over already")
            elif kind == "deadline":
                payload["seconds"] = frame.get("seconds")
            event_kind = {"resume_game": "resume"}.get(kind, kind)
            if kind == "resolve":
                stored_seq = await self._instructor_resolve(frame)
            else:
                try:
                    stored = await self.record(event_kind, "instructor", payload, ref)
                except Duplicate as duplicate:
                    return {"type": "ack", "id": ref, "seq": duplicate.stored.seq, "replayed": True}
                stored_seq = stored.seq
                if kind == "pause":
                    self.remaining = payload["remaining"]
                    self.arm_pause()
                elif kind in ("start", "resume_game", "deadline", "rollback"):
                    if kind == "deadline":
                        self.remaining = None
                    self.arm()
                elif kind == "end":
                    self.arm()
            client.push({"type": "ack", "id": ref, "seq": stored_seq})
            if kind in ("rollback", "end"):
                await self.build_positions()
                self.broadcast_position()
            else:
                self.broadcast_progress()
            return {}

    async def _instructor_resolve(self, frame: dict[str, Any]) -> int:
        """Resolve now: recorded as the instructor's event, then the turn itself."""
        await self.record("resolve_now", "instructor", {"turn": frame["turn"]}, frame["id"])
        seq = self.log.seq
        await self._resolve("instructor")
        return seq

    def arm_pause(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.deadline_at = None

    # --- results ---------------------------------------------------------------------------

    def results(self) -> dict[str, Any]:
        """Every seat's ending, score and choices (as `detente run --seats --json` gives
        them), its team, its submissions, and every message."""
        state = self.log.state
        submissions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for choice in self.log.choices_made:
            submissions[choice["seat"]].append(
                {
                    "turn": choice["turn"],
                    "option": choice["option"],
                    "by": choice["by"],
                    "seq": choice["seq"],
                }
            )
        seats = {}
        for seat in self.row.seats:
            card = score(self.world, state, seat)
            seats[seat] = {
                "ending": state.ending,
                "score": {
                    "total": card.total,
                    "goals": {g.id: round(g.score, 2) for g in card.goals},
                    "ending": card.ending_score,
                },
                "choices": list(state.choices_of(seat)),
                "team": self.team(seat),
                "ai_turns": [
                    turn for turn, played in enumerate(self.log.ai, start=1) if seat in played
                ],
                "submissions": submissions.get(seat, []),
            }
        return {
            "game": self.row.code,
            "scenario": self.world.scenario.id,
            "seed": self.row.seed,
            "status": self.log.status,
            "turn": self.log.turn,
            "ending": state.ending,
            "seats": seats,
            "messages": self.log.messages,
        }

"""Every game the server runs: opening games, loading them from the database, and which
game and seat a connection speaks for (join, resume, the instructor's console).

A connection is nobody until its first frame: ``join`` (a new member of a seat, answered with
the seat token once its row is committed), ``resume`` (the stored token, from a client that
reconnects) or ``console`` (the instructor's key). From then on its frames act for that game
and seat only; a token or key is compared by its digest and never logged.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from game.engine import World
from game.server.clients import Client
from game.server.protocol import INSTRUCTOR_FRAMES, FrameError, error_frame, parse
from game.server.runtime import LiveGame
from game.server.storage import Storage
from game.server.tokens import digest, new_code, new_token, normal_code, same_digest

log = logging.getLogger("detente.server")

ABSENT = ("ai", "wait")


class HubError(Exception):
    """A request the hub refuses (an unknown scenario or seat, a wrong key); ``status`` is
    the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Hub:
    """The server's games, by join code, loaded on first use."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.games: dict[str, LiveGame] = {}
        self._loading = asyncio.Lock()
        self._worlds: dict[str, World] = {}

    def world(self, scenario: str) -> World:
        """A shipped scenario by name, or a file the server can read; loaded once."""
        world = self._worlds.get(scenario)
        if world is None:
            from game.launch import LaunchError, load_world
            from game.paths import resolve_scenario

            path = resolve_scenario(scenario)
            if not os.path.isfile(path):
                raise HubError(f"{scenario}: no such scenario on the server", 404)
            try:
                world, _ = load_world(path)
            except LaunchError as error:
                raise HubError(str(error)) from None
            self._worlds[scenario] = world
        return world

    async def create(
        self,
        scenario: str,
        seats: list[str] | None,
        seed: int,
        deadline: float | None,
        absent: str,
        lobby: bool = False,
    ) -> tuple[LiveGame, str]:
        """Open a class game; returns it and its instructor key (shown once, kept hashed)."""
        world = self.world(scenario)
        chosen = tuple(seats or world.playable)
        for seat in chosen:
            if seat not in world.playable:
                raise HubError(
                    f"{seat} is not a playable role; choose from {', '.join(world.playable)}"
                )
        if len(set(chosen)) != len(chosen) or not chosen:
            raise HubError("name each seat once")
        if absent not in ABSENT:
            raise HubError("absent must be 'ai' or 'wait'")
        key = new_token()
        async with self._loading:
            while True:
                code = new_code()
                if code not in self.games and await self.storage.game_by_code(code) is None:
                    break
            row = await self.storage.create_game(
                code, digest(key), scenario, chosen, seed, deadline, absent
            )
            await self.storage.append(row.id, 1, "open", "instructor", {"lobby": lobby})
            game = await LiveGame.load(self.storage, world, row)
            self.games[code] = game
        return game, key

    async def game(self, code: str) -> LiveGame | None:
        """A game by its join code, loaded from its log on first use after a start."""
        code = normal_code(code)
        game = self.games.get(code)
        if game is not None:
            return game
        async with self._loading:
            game = self.games.get(code)
            if game is None:
                row = await self.storage.game_by_code(code)
                if row is None:
                    return None
                game = await LiveGame.load(self.storage, self.world(row.scenario), row)
                self.games[code] = game
        return game

    async def results(self, code: str, key: str) -> dict[str, Any]:
        game = await self.game(code)
        if game is None:
            raise HubError("no game with this code", 404)
        if not same_digest(key, game.row.key_hash):
            raise HubError("wrong instructor key for this game", 403)
        return game.results()

    # --- connections -----------------------------------------------------------------------

    async def handle(self, client: Client, raw: str | bytes) -> None:
        """One frame from a client: checked, acted on, answered (an error frame when refused)."""
        if not client.frames.take():
            if client.may_warn():  # one warning a second: a flood is not answered in kind
                client.push(error_frame("rate_limited", "too many frames: some were dropped"))
            return
        frame: dict[str, Any] = {}
        try:
            frame = parse(raw)
            await self._dispatch(client, frame)
        except FrameError as error:
            client.push(error_frame(error.code, str(error), error.ref))
        except HubError as error:
            client.push(error_frame("refused", str(error)))
        except Exception:  # a bug: say so to this client, keep serving the others
            log.exception("frame %s failed", frame.get("type"))
            client.push(error_frame("internal", "the server failed on this frame (a bug)"))

    async def _dispatch(self, client: Client, frame: dict[str, Any]) -> None:
        kind = frame["type"]
        if kind == "ping":
            client.push({"type": "pong"})
            return
        if kind in ("join", "resume", "console"):
            if client.game is not None:
                raise FrameError("refused", "this connection already speaks for a seat")
            await getattr(self, f"_{kind}")(client, frame)
            return
        game: LiveGame | None = client.game
        if game is None:
            raise FrameError("no_seat", "send join, resume or console first", frame.get("id"))
        if kind in INSTRUCTOR_FRAMES:
            if not client.instructor:
                raise FrameError("forbidden", "only the instructor may do that", frame.get("id"))
            answer = await game.instruct(client, frame)
        elif client.instructor and kind == "choose":
            raise FrameError("forbidden", "the instructor holds no seat", frame.get("id"))
        elif kind == "choose":
            answer = await game.choose(client, frame)
        elif kind == "say":
            answer = await game.say(client, frame)
        else:  # pragma: no cover - parse knows every type
            raise FrameError("unknown_type", kind)
        if answer:
            client.push(answer)

    async def _found(self, code: str) -> LiveGame:
        game = await self.game(code)
        if game is None:
            raise FrameError("no_game", "no game with this code")
        return game

    async def _join(self, client: Client, frame: dict[str, Any]) -> None:
        game = await self._found(frame["game"])
        if game.log.status == "over":
            raise FrameError("not_playing", "the game is over")
        role = frame.get("role")
        held = game.held()
        if role is None:
            free = [seat for seat in game.row.seats if seat not in held]
            if not free:
                seats = ", ".join(game.row.seats)
                raise FrameError("no_seat", f"every seat is taken; join a team: one of {seats}")
            role = free[0]
        elif role not in game.row.seats:
            raise FrameError(
                "no_seat", f"{role} is not a seat of this game ({', '.join(game.row.seats)})"
            )
        token = new_token()
        async with game.lock:
            member, _new = await self.storage.add_member(
                game.row.id, role, frame["name"].strip(), digest(token), digest(frame["id"])
            )
            game.members = {h: m for h, m in game.members.items() if m.id != member.id}
            game.members[member.token_hash] = member
        self._attach(client, game, member.seat, member.name)
        client.push(
            {
                "type": "joined",
                "id": frame["id"],
                "token": token,
                "role": member.seat,
                "name": member.name,
            }
        )
        for text in game.welcome(client):
            client.push(text)
        game.broadcast_progress()

    async def _resume(self, client: Client, frame: dict[str, Any]) -> None:
        game = await self._found(frame["game"])
        member = game.members.get(digest(frame["token"]))
        if member is None:
            raise FrameError("bad_token", "this token holds no seat in this game")
        self._attach(client, game, member.seat, member.name)
        for text in game.welcome(client):
            client.push(text)

    async def _console(self, client: Client, frame: dict[str, Any]) -> None:
        game = await self._found(frame["game"])
        if not same_digest(frame["key"], game.row.key_hash):
            raise FrameError("bad_key", "wrong instructor key for this game")
        client.instructor = True
        self._attach(client, game, None, None)
        for text in game.welcome(client):
            client.push(text)

    def _attach(self, client: Client, game: LiveGame, seat: str | None, name: str | None) -> None:
        client.game = game
        client.seat = seat
        client.name = name
        game.clients.add(client)

    def detach(self, client: Client) -> None:
        if client.game is not None:
            client.game.clients.discard(client)
            client.game = None

    async def close(self) -> None:
        for game in self.games.values():
            game.arm_pause()
        await self.storage.close()

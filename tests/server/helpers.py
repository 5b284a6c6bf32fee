"""What the class server's tests share: a raw WebSocket client, opening games, and the
same game played by `detente run --seats` to compare results with."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable
from typing import Any

import aiohttp

from game.netclient import api


def new_id() -> str:
    return secrets.token_urlsafe(9)


class Raw:
    """A WebSocket client that sends exactly what a test tells it to."""

    def __init__(self, session: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse):
        self.session = session
        self.ws = ws
        self.seen: list[dict[str, Any]] = []

    @classmethod
    async def connect(cls, url: str) -> Raw:
        session = aiohttp.ClientSession()
        ws = await session.ws_connect(url.replace("http://", "ws://") + "/ws")
        return cls(session, ws)

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()

    async def send(self, frame: dict[str, Any] | str) -> None:
        await self.ws.send_str(frame if isinstance(frame, str) else json.dumps(frame))

    async def next(self, timeout: float = 10) -> dict[str, Any]:
        message = await self.ws.receive(timeout=timeout)
        if message.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError(f"connection ended: {message.type} {message.data}")
        frame = json.loads(message.data)
        self.seen.append(frame)
        return frame

    async def until(self, kind: str, timeout: float = 10, **match: Any) -> dict[str, Any]:
        """The next frame of this type (and these field values), skipping the others."""
        async with asyncio.timeout(timeout):
            while True:
                frame = await self.next(timeout)
                if frame.get("type") == kind and all(frame.get(k) == v for k, v in match.items()):
                    return frame

    async def until_true(
        self, kind: str, test: Callable[[dict[str, Any]], bool], timeout: float = 10
    ) -> dict[str, Any]:
        """The next frame of this type for which ``test`` holds."""
        async with asyncio.timeout(timeout):
            while True:
                frame = await self.until(kind, timeout)
                if test(frame):
                    return frame

    def last(self, kind: str) -> dict[str, Any]:
        """The last frame of this type received so far."""
        return next(f for f in reversed(self.seen) if f.get("type") == kind)

    def available(self) -> list[str]:
        """The options open to the seat in the last position received."""
        return [o["id"] for o in self.last("position")["view"]["options"] if o["available"]]

    async def join(self, code: str, role: str | None = None, name: str = "Ada") -> dict[str, Any]:
        frame: dict[str, Any] = {"type": "join", "game": code, "name": name, "id": new_id()}
        if role:
            frame["role"] = role
        await self.send(frame)
        joined = await self.until("joined")
        await self.until("progress")
        return joined

    async def console(self, code: str, key: str) -> dict[str, Any]:
        await self.send({"type": "console", "game": code, "key": key})
        return await self.until("console")

    async def act(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Send a frame that changes the game; its ack or error frame."""
        ident = new_id()
        await self.send({"type": kind, "id": ident, **fields})
        async with asyncio.timeout(10):
            while True:
                frame = await self.next()
                if frame.get("type") in ("ack", "error") and frame.get("id") == ident:
                    return frame


async def open_game(url: str, scenario: str = "s400_transfer", **fields: Any) -> dict[str, Any]:
    return await api.open_game(url, scenario=scenario, **fields)


async def results(url: str, game: dict[str, Any]) -> dict[str, Any]:
    return await api.results(url, game["code"], game["key"])


def run_seats(
    scenario: str, seats: list[str], seed: int, choices: dict[str, list[str | None]]
) -> dict[str, Any]:
    """`detente run SCENARIO --seats ... --choose ROLE=... --seed N --json`, as data."""
    from game.cli import main

    argv = ["run", scenario, "--seats", ",".join(seats), "--seed", str(seed), "--json"]
    for seat in seats:
        argv += ["--choose", f"{seat}=" + ",".join(c or "-" for c in choices[seat])]
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    assert code == 0, out.getvalue()
    return json.loads(out.getvalue())


def same_as_run(data: dict[str, Any]) -> None:
    """The class game's results are those `detente run --seats` gives for its choices."""
    seats = list(data["seats"])
    choices = {seat: data["seats"][seat]["choices"] for seat in seats}
    played = run_seats(data["scenario"], seats, data["seed"], choices)
    for seat in seats:
        mine = data["seats"][seat]
        theirs = played["seats"][seat]
        assert (mine["ending"], mine["score"], mine["choices"]) == (
            theirs["ending"],
            theirs["score"],
            theirs["choices"],
        ), seat
    assert data["ending"] == played["ending"]

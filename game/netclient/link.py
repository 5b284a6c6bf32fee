"""A seat's connection to the class server, kept up: join or resume, resend what was not
acknowledged, reconnect with backoff.

The link joins once (``join``, with an idempotency key kept with the token, so a join whose
answer was lost is not a second member) and afterwards resumes with the stored token. Every
frame that changes the game carries an ``id``; until its ``ack`` comes it is kept and sent
again after a reconnection, and the server answers a frame it already has with the same ack.
When the server is gone the link retries with growing pauses (0.1 s up to 2 s, with
jitter) for up to ``patience`` seconds (60 by default) before it gives up.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import secrets
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

from game.netclient import store


class LinkError(Exception):
    """The seat cannot be reached or was refused; the message says why."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def ws_url(url: str) -> str:
    base = url.rstrip("/")
    if base.startswith("http://"):
        base = "ws://" + base[len("http://") :]
    elif base.startswith("https://"):
        base = "wss://" + base[len("https://") :]
    elif not base.startswith(("ws://", "wss://")):
        base = "ws://" + base
    return base + "/ws"


def new_id() -> str:
    return secrets.token_urlsafe(12)


MAX_PAUSE = 2.0
"""Longest pause between two tries, in seconds (with jitter, so a class of clients does not
come back to a restarted server all at once)."""

FATAL = {"no_game", "no_seat", "bad_token", "bad_key", "forbidden"}
"""Errors on joining that no retry mends."""


class SeatLink:
    """One seat's connection: call ``run`` with a handler that gets every frame."""

    def __init__(
        self,
        url: str,
        code: str,
        *,
        role: str | None = None,
        name: str = "student",
        token_file: Path | None = None,
        patience: float = 60.0,
    ) -> None:
        self.url = url
        self.code = code
        self.role = role
        self.name = name
        self.token_file = token_file
        self.patience = patience
        saved = store.load(token_file) if token_file else {}
        self.token: str | None = saved.get("token")
        self.join_id: str = saved.get("join_id") or new_id()
        if saved.get("role"):
            self.role = saved["role"]
        self.pending: dict[str, dict[str, Any]] = {}
        """Frames sent and not yet acknowledged, by id, in the order sent."""
        self.acked: dict[str, int] = {}
        """Every acknowledged frame's id and its place in the game's log."""
        self.reconnects = 0
        self.sent_at: dict[str, float] = {}
        self.latencies: list[tuple[str, float]] = []
        """(frame type, seconds from sending to its ack) of every acknowledged frame."""
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._stop = False

    def _keep(self) -> None:
        if self.token_file is not None:
            store.save(
                self.token_file,
                {"token": self.token, "join_id": self.join_id, "role": self.role},
            )

    async def send(self, frame: dict[str, Any]) -> str:
        """Send a frame that changes the game; kept until acknowledged. Returns its id."""
        ident = frame.setdefault("id", new_id())
        self.pending[ident] = frame
        self.sent_at[ident] = time.monotonic()
        if self._ws is not None and not self._ws.closed:
            # On a failure it is sent again after the reconnection.
            with contextlib.suppress(ConnectionError, RuntimeError, aiohttp.ClientError):
                await self._ws.send_str(json.dumps(frame))
        return str(ident)

    def stop(self) -> None:
        self._stop = True
        if self._ws is not None:
            asyncio.get_running_loop().create_task(self._ws.close())

    async def run(self, handle: Callable[[dict[str, Any]], Awaitable[bool]]) -> None:
        """Connect and pass every frame to ``handle`` until it returns True (done) or
        ``stop`` is called; LinkError when refused or when the server stays away."""
        lost_since: float | None = None
        pause = 0.1
        async with aiohttp.ClientSession() as session:
            while not self._stop:
                try:
                    async with session.ws_connect(
                        ws_url(self.url), heartbeat=20, max_msg_size=8 * 1024 * 1024
                    ) as ws:
                        self._ws = ws
                        await self._greet(ws)
                        lost_since, pause = None, 0.1
                        async for message in ws:
                            if message.type != aiohttp.WSMsgType.TEXT:
                                break
                            frame = json.loads(message.data)
                            if await self._bookkeep(frame):
                                continue
                            if await handle(frame):
                                return
                except (TimeoutError, aiohttp.ClientError, OSError):
                    pass
                finally:
                    self._ws = None
                if self._stop:
                    return
                now = time.monotonic()
                lost_since = lost_since or now
                if now - lost_since > self.patience:
                    raise LinkError(
                        f"the server at {self.url} has not answered for {self.patience:.0f} s", 2
                    )
                self.reconnects += 1
                await asyncio.sleep(pause * random.uniform(0.5, 1.5))
                pause = min(pause * 2, MAX_PAUSE)

    async def _greet(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        if self.token:
            hello: dict[str, Any] = {"type": "resume", "game": self.code, "token": self.token}
        else:
            hello = {"type": "join", "game": self.code, "name": self.name, "id": self.join_id}
            if self.role:
                hello["role"] = self.role
        await ws.send_str(json.dumps(hello))
        for frame in list(self.pending.values()):
            await ws.send_str(json.dumps(frame))

    async def _bookkeep(self, frame: dict[str, Any]) -> bool:
        """Tokens, acks and fatal errors; True when the frame needs nothing more."""
        kind = frame.get("type")
        if kind == "joined":
            self.token = frame["token"]
            self.role = frame["role"]
            self._keep()
            return True
        if kind == "ack":
            sent = self.pending.pop(frame["id"], None)
            started = self.sent_at.pop(frame["id"], None)
            if sent is not None and started is not None:
                self.latencies.append((sent["type"], time.monotonic() - started))
            self.acked[frame["id"]] = frame["seq"]
            return False
        if kind == "error":
            code = frame.get("code")
            if code in FATAL and frame.get("id") in (None, self.join_id):
                raise LinkError(f"refused: {frame.get('message')}")
            if frame.get("id") in self.pending and code != "rate_limited":
                self.pending.pop(frame["id"])
        return False

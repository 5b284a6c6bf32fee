"""One connection to the server: who it is, its outbound queue, its rate limits.

Frames to a client go through a bounded queue that one writer task drains, so a slow or
stalled client never holds up a turn for the others; a client whose queue overflows is
closed (it gets the full view again when it reconnects).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from game.server.protocol import dumps

QUEUE = 256
"""Frames waiting for one client before it is dropped as stalled."""


class Bucket:
    """A token bucket: ``rate`` actions a second on average, bursts of ``burst``."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.level = burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.level = min(self.burst, self.level + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.level < 1:
            return False
        self.level -= 1
        return True


class Client:
    """A WebSocket peer: a seat's member, the instructor, or not yet either."""

    FRAME_RATE = (20.0, 40.0)
    """Frames a second, and the burst, any client may send."""
    MESSAGE_RATE = (0.5, 5.0)
    """Messages (``say``) a second, and the burst: five at once, then one every two seconds."""

    def __init__(
        self,
        send: Callable[[str], Awaitable[Any]],
        close: Callable[[], Coroutine[Any, Any, Any]],
    ) -> None:
        self._send = send
        self._close = close
        self.queue: asyncio.Queue[str | None] = asyncio.Queue(QUEUE)
        self.game: Any = None
        """The LiveGame this client is attached to."""
        self.seat: str | None = None
        self.name: str | None = None
        self.instructor = False
        self.frames = Bucket(*self.FRAME_RATE)
        self.messages = Bucket(*self.MESSAGE_RATE)
        self.closed = False
        self._warned = 0.0

    def may_warn(self) -> bool:
        """Whether to tell a flooding client its frames are dropped (once a second)."""
        now = time.monotonic()
        if now - self._warned < 1.0:
            return False
        self._warned = now
        return True

    @property
    def actor(self) -> str:
        """How the log names this client's events."""
        if self.instructor:
            return "instructor"
        return f"{self.seat}:{self.name}"

    def push(self, frame: dict[str, Any] | str) -> None:
        """Queue a frame; a client that cannot keep up is closed."""
        if self.closed:
            return
        text = frame if isinstance(frame, str) else dumps(frame)
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            self.closed = True
            self._closing: asyncio.Task[Any] = asyncio.get_running_loop().create_task(self._close())

    async def run_writer(self) -> None:
        """Send queued frames in order until the connection ends."""
        while True:
            text = await self.queue.get()
            if text is None:
                await self._close()
                return
            try:
                await self._send(text)
            except (ConnectionError, RuntimeError):
                return

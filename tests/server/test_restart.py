"""kill -9 the server at random points of class games (20 tries, seeded): after each restart
every move the server acknowledged is in the log, and every game completes."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from game.netclient.bot import Bot
from tests.server.helpers import open_game, results, same_as_run

KILLS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """A class server in a process of its own, forked by a zygote that has the server
    imported already (see zygote.py), started again on the same port and file."""

    def __init__(self, db: str, port: int) -> None:
        self.db = db
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.pid: int | None = None
        self.zygote = subprocess.Popen(
            [sys.executable, "-m", "tests.server.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )

    async def start(self) -> None:
        assert self.zygote.stdin is not None and self.zygote.stdout is not None
        self.zygote.stdin.write(f"{self.db} {self.port}\n")
        self.zygote.stdin.flush()
        self.pid = int(self.zygote.stdout.readline())
        async with asyncio.timeout(30), aiohttp.ClientSession() as session:
            while True:
                try:
                    async with session.get(f"{self.url}/health") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    await asyncio.sleep(0.02)

    def kill(self) -> None:
        assert self.pid is not None
        os.kill(self.pid, signal.SIGKILL)  # the zygote, its parent, reaps it
        self.pid = None

    def stop(self) -> None:
        if self.pid is not None:
            os.kill(self.pid, signal.SIGTERM)
        self.zygote.stdin.close()  # type: ignore[union-attr]
        self.zygote.wait(10)


async def test_kill_9_at_random_points_loses_no_acknowledged_move(tmp_path):
    server = ServerProcess(f"sqlite:///{tmp_path / 'class.db'}", free_port())
    await server.start()
    rng = random.Random(20261208)
    kills = 0
    done_killing = asyncio.Event()

    async def killer() -> None:
        nonlocal kills
        while kills < KILLS:
            await asyncio.sleep(rng.uniform(0.05, 0.6))
            server.kill()
            kills += 1
            await server.start()
        done_killing.set()

    async def opened() -> dict:
        while True:
            try:
                return await open_game(server.url, seed=rng.randrange(1000))
            except Exception:  # the server is down this instant: try again
                await asyncio.sleep(0.1)

    async def one_game() -> None:
        game = await opened()
        bots = [
            Bot(server.url, game["code"], role, policy="random", seed=i, name=f"b{i}", think=0.08)
            for i, role in enumerate(game["seats"])
        ]
        played = await asyncio.wait_for(asyncio.gather(*(b.play() for b in bots)), 120)
        while True:
            try:
                data = await results(server.url, game)
                break
            except Exception:
                await asyncio.sleep(0.1)
        assert data["status"] == "over"
        for bot in played:
            logged = {s["seq"] for s in data["seats"][bot.role]["submissions"]}
            assert set(bot.acked.values()) <= logged, bot.role
            assert bot.status == "over"
        same_as_run(data)
        games.append((game["code"], sum(b.reconnects for b in played)))

    games: list[tuple[str, int]] = []
    task = asyncio.get_running_loop().create_task(killer())
    started = time.monotonic()
    try:
        while not done_killing.is_set():
            await one_game()
        await task
        await one_game()  # and a game on the last restart, undisturbed
    finally:
        task.cancel()
        server.stop()
    assert kills == KILLS
    assert sum(reconnects for _, reconnects in games) >= KILLS  # the kills did land in games
    assert time.monotonic() - started < 180

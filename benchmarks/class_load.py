"""Class server under a school's load: 40 games x 25 bot seats (1,000 WebSocket connections),
whole games with messages, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/class_load.py [--quick] [--games 40] [--bots 25] [--db both]

The server is a real `detente serve` process on 127.0.0.1 (a fresh SQLite file, or a database
in a throwaway PostgreSQL cluster started from Debian's binaries); the bots run in this
process, on one event loop: in each game 25 bots share the scenario's four seats as teams,
think up to a second before each choice, and one in five posts a public message every
third turn. Figures:

- a choice acknowledged: the time from sending a ``choose`` frame to its ``ack`` (which the
  server sends only after the row is committed), p50/p95/p99;
- a turn's result to every seat: from the last choice sent before the turn resolved to the
  moment the last of the game's 25 bots has the new position, p50/p95 over every turn;
- the server's memory: its peak resident size (VmHWM);
- commits a second during the load, and a store's own rate: 40 writers appending events as
  fast as they can, SQLite and PostgreSQL side by side.

Targets (issue 11): p99 acknowledgement < 50 ms, p95 result < 100 ms, memory < 500 MB. The
bots share the machine's two cores with the server, so the figures include their load too.
Everything stays on 127.0.0.1 and ends by itself. --quick plays 4 games of 25 bots.
DETENTE_SERVER_COMMAND names another command to run as `detente` for the server (a profiler's
wrapper, say).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.netclient import api  # noqa: E402
from game.netclient.bot import Bot  # noqa: E402

DETENTE = os.environ.get("DETENTE_SERVER_COMMAND") or str(Path(sys.executable).parent / "detente")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def wait_healthy(url: str) -> None:
    async with asyncio.timeout(60), aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(f"{url}/health") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)


async def commits(url: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(f"{url}/health") as response:
        return int((await response.json())["commits"])


async def load(db: str, games: int, bots: int, think: float) -> dict[str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [DETENTE, "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        await wait_healthy(url)
        opened = [await api.open_game(url, scenario="s400_transfer", seed=i) for i in range(games)]
        before = await commits(url)
        players: list[list[Bot]] = []
        for g, game in enumerate(opened):
            seats = game["seats"]
            players.append(
                [
                    Bot(
                        url,
                        game["code"],
                        seats[b % len(seats)],
                        policy="random",
                        seed=g * 1000 + b,
                        name=f"s{b}",
                        think=think,
                        say_every=3 if b % 5 == 0 else 0,
                    )
                    for b in range(bots)
                ]
            )
        started = time.monotonic()
        await asyncio.wait_for(
            asyncio.gather(*(bot.play() for team in players for bot in team)), 1800
        )
        elapsed = time.monotonic() - started
        done = await commits(url) - before
        memory = peak_memory_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)
    acks = [
        s for team in players for bot in team for kind, s in bot.link.latencies if kind == "choose"
    ]
    results = []
    for team in players:
        last_turn = max(max(bot.position_at) for bot in team)
        for turn in range(2, last_turn + 1):
            arrived = [bot.position_at.get(turn) for bot in team]
            if any(a is None for a in arrived):
                continue
            first = min(a for a in arrived if a is not None)
            sent = [
                bot.chose_at[turn - 1]
                for bot in team
                if turn - 1 in bot.chose_at and bot.chose_at[turn - 1] <= first
            ]
            if sent:
                results.append(max(a for a in arrived if a is not None) - max(sent))
    return {
        "connections": games * bots,
        "seconds": elapsed,
        "ack_p50": percentile(acks, 50) * 1000,
        "ack_p95": percentile(acks, 95) * 1000,
        "ack_p99": percentile(acks, 99) * 1000,
        "result_p50": percentile(results, 50) * 1000,
        "result_p95": percentile(results, 95) * 1000,
        "memory_mb": memory,
        "commits_per_s": done / elapsed,
        "choices": len(acks),
        "turns": len(results),
    }


async def store_rate(db: str, writers: int, each: int) -> float:
    """Events appended (one commit each) a second by ``writers`` games writing at once."""
    from game.server.storage import Storage

    storage = await Storage.open(db)
    try:
        rows = [
            await storage.create_game(
                f"BENCH{i:03d}", "k" * 64, "s400_transfer", ["TUR"], i, None, "ai"
            )
            for i in range(writers)
        ]

        async def write(row) -> None:
            for seq in range(1, each + 1):
                await storage.append(
                    row.id, seq, "message", "bench", {"text": "x" * 80}, idem=f"bench-{seq:08d}"
                )

        started = time.monotonic()
        await asyncio.gather(*(write(row) for row in rows))
        return writers * each / (time.monotonic() - started)
    finally:
        await storage.close()


def postgres_cluster():
    sys.path.insert(0, str(ROOT))
    from tests.server.postgres import Cluster, NoPostgres

    try:
        return Cluster()
    except NoPostgres as why:
        print(f"PostgreSQL skipped: {why}")
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 games of 25 bots")
    parser.add_argument("--games", type=int, default=40)
    parser.add_argument("--bots", type=int, default=25, help="bots per game (default 25)")
    parser.add_argument("--think", type=float, default=1.0, help="longest think time, s")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    games = 4 if args.quick else args.games
    folder = Path(tempfile.mkdtemp(prefix="detente-load-"))
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    cluster = postgres_cluster() if "postgresql" in kinds else None
    rows = []
    try:
        for kind in kinds:
            if kind == "postgresql" and cluster is None:
                continue
            loaded = (
                f"sqlite:///{folder / 'load.db'}"
                if kind == "sqlite"
                else cluster.create_database("load")
            )
            raw = (
                f"sqlite:///{folder / 'rate.db'}"
                if kind == "sqlite"
                else cluster.create_database("rate")
            )
            figures = asyncio.run(load(loaded, games, args.bots, args.think))
            figures["store_rate"] = asyncio.run(store_rate(raw, 40, 10 if args.quick else 50))
            rows.append((kind, figures))
    finally:
        if cluster is not None:
            cluster.stop()
    print(
        f"class load: {games} games x {args.bots} bots, think <= {args.think:g} s, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    names = [
        ("connections", "connections", "{:.0f}"),
        ("choices", "choices acknowledged", "{:.0f}"),
        ("turns", "turns resolved (measured)", "{:.0f}"),
        ("seconds", "wall time, s", "{:.1f}"),
        ("ack_p50", "choice ack p50, ms", "{:.1f}"),
        ("ack_p95", "choice ack p95, ms", "{:.1f}"),
        ("ack_p99", "choice ack p99, ms (target < 50)", "{:.1f}"),
        ("result_p50", "result to every seat p50, ms", "{:.1f}"),
        ("result_p95", "result to every seat p95, ms (target < 100)", "{:.1f}"),
        ("memory_mb", "server peak memory, MB (target < 500)", "{:.0f}"),
        ("commits_per_s", "commits/s during the load", "{:.0f}"),
        ("store_rate", "store: commits/s, 40 writers at once", "{:.0f}"),
    ]
    print(f"{'':46}" + "".join(f"{kind:>12}" for kind, _ in rows))
    for key, label, fmt in names:
        print(f"{label:46}" + "".join(f"{fmt.format(f[key]):>12}" for _, f in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

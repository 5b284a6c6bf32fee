"""The server commands: `detente serve`, and `detente host`, which opens a class game on a
running server or on one it starts here."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from typing import Any

from game.exitcodes import EXIT_OK, EXIT_UNREADABLE
from game.netclient import api
from game.netclient.failure import CommandFailed
from game.paths import user_data_folder


def default_db() -> str:
    return f"sqlite:///{user_data_folder().path / 'detente' / 'class.db'}"


def parse_duration(text: str) -> float:
    """'10m', '90s', '1h', '45' (seconds) as seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    number, unit = (text[:-1], text[-1]) if text[-1:] in units else (text, "s")
    try:
        value = float(number) * units[unit]
    except ValueError:
        raise CommandFailed(
            f"--deadline {text}: write seconds or minutes, e.g. 90s, 10m", EXIT_UNREADABLE
        ) from None
    if not 1 <= value <= 7 * 24 * 3600:
        raise CommandFailed(f"--deadline {text}: from 1 s to a week", EXIT_UNREADABLE)
    return value


def _serve(db: str, host: str, port: int, ready: Any, after_start: Any = None) -> int:
    from game.server.serve import serve
    from game.server.storage import StorageError

    try:
        serve(db, host, port, ready, after_start)
    except StorageError as error:
        raise CommandFailed(str(error), EXIT_UNREADABLE) from None
    except OSError as error:
        raise CommandFailed(f"cannot listen on {host}:{port}: {error.strerror}", 2) from None
    return EXIT_OK


def serve_command(db: str | None, host: str, port: int) -> int:
    url_db = db or default_db()

    def ready(url: str) -> None:
        print(f"serving class games at {url} (database: {_shown(url_db)})", flush=True)
        print("stop with ctrl+c", file=sys.stderr, flush=True)

    return _serve(url_db, host, port, ready)


def _shown(db: str) -> str:
    """A database URL without its password."""
    if "@" in db and "://" in db:
        scheme, rest = db.split("://", 1)
        who, where = rest.rsplit("@", 1)
        return f"{scheme}://{who.split(':', 1)[0]}@{where}"
    return db


def host_command(
    scenario: str,
    server: str | None,
    seats: str | None,
    deadline: str | None,
    absent: str,
    seed: int | None,
    port: int,
    db: str | None,
) -> int:
    """Open a class game and print its code, key and server; keep serving until interrupted."""
    fields: dict[str, Any] = {
        "scenario": os.path.abspath(scenario) if os.path.isfile(scenario) else scenario,
        "seats": [s.strip() for s in seats.split(",") if s.strip()] if seats else None,
        "deadline": parse_duration(deadline) if deadline else None,
        "absent": absent,
        "seed": seed,
    }

    async def open_and_print(url: str) -> None:
        try:
            game = await api.open_game(url, **fields)
        except api.ApiError as error:
            raise CommandFailed(str(error), error.code) from None
        print(f"code: {game['code']}", flush=True)
        print(f"key: {game['key']}", flush=True)
        print(f"server: {url}", flush=True)
        print(
            f"students: detente join {url} {game['code']}; results: detente results {url} "
            f"{game['code']} --key KEY",
            file=sys.stderr,
            flush=True,
        )

    if server is None:
        return _serve(db or default_db(), "127.0.0.1", port, None, open_and_print)

    async def remote() -> None:
        await open_and_print(server)
        await asyncio.Event().wait()  # until interrupted: the console comes with issue 12

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(remote())
    return EXIT_OK

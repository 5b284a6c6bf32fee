"""The client commands behind `detente bot`, `join` and `results` (`serve` and `host` are
in ``game.server.commands``).

``game.cli`` parses the command line and imports these modules only for these commands, so
aiohttp stays out of every other start. Each function returns an exit code or raises
``CommandFailed`` with one (1 wrong input or refused, 2 unreachable or unreadable, 3 a bug).
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from game.exitcodes import EXIT_OK
from game.netclient import api, store
from game.netclient.bot import Bot
from game.netclient.failure import CommandFailed
from game.netclient.link import LinkError


def bot_command(
    url: str, code: str, role: str, policy: str, seed: int, name: str | None, say_every: int
) -> int:
    name = name or f"bot-{role}"
    token_file = store.seat_file(url, code, name, role)
    bot = Bot(
        url,
        code,
        role,
        policy=policy,
        seed=seed,
        name=name,
        token_file=token_file,
        say_every=say_every,
    )
    try:
        result = asyncio.run(bot.play())
    except LinkError as error:
        raise CommandFailed(str(error), error.code) from None
    print(
        f"{result.role}: game {result.status} at turn {result.turn}; ending "
        f"{result.ending or 'none'}, score {result.score}; {len(result.acked)} move(s) "
        f"acknowledged, {result.reconnects} reconnection(s)"
    )
    return EXIT_OK


def results_command(url: str, code: str, key: str, fmt: str, folder: str | None) -> int:
    from game.netclient.results import render_csv, render_text, write_markdown

    try:
        data = asyncio.run(api.results(url, code, key))
    except api.ApiError as error:
        raise CommandFailed(str(error), error.code) from None
    if fmt == "json":
        print(json.dumps(data, indent=1, ensure_ascii=False))
    elif fmt == "csv":
        sys.stdout.write(render_csv(data))
    elif fmt == "markdown":
        assert folder is not None
        try:
            written = write_markdown(data, Path(folder))
        except OSError as error:
            raise CommandFailed(f"cannot write into {folder}: {error.strerror}", 2) from None
        for path in written:
            print(f"wrote {path}")
    else:
        print(render_text(data))
    return EXIT_OK


def join_command(url: str, code: str, role: str | None, name: str | None) -> int:
    """A student's seat in the terminal; the seat token is kept, so joining again with the
    same name returns to the same seat."""
    import getpass

    from game.netclient.link import SeatLink
    from game.netclient.session import NetSession

    if not all(s is not None and s.isatty() for s in (sys.__stdin__, sys.__stderr__)):
        # as game.ui.app.has_terminal, which would import the engine with the app
        raise CommandFailed("join needs a terminal (try `detente bot` for a headless seat)", 2)
    name = name or getpass.getuser() or "student"
    token_file = store.seat_file(url, code, name, role)
    try:
        session = NetSession.connect(
            SeatLink(url, code, role=role, name=name, token_file=token_file)
        )
    except LinkError as error:
        raise CommandFailed(str(error), error.code) from None
    from game.output import raw_output
    from game.ui.classplay import ClassApp

    try:
        with raw_output():
            ClassApp(session).run()
    finally:
        session.close()
    print(f"left game {code} as {session.role}; `detente join {url} {code}` returns to it")
    return EXIT_OK

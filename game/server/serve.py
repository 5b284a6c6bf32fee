"""Running the class server: open the database, serve the app until interrupted."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable

from aiohttp import web

from game.server.app import make_app
from game.server.storage import Storage

LOCAL = ("127.0.0.1", "localhost", "::1")

TLS_NOTE = (
    "note: this server speaks plain HTTP and WebSockets. Beyond this machine, put it behind a "
    "TLS proxy (for example Caddy: `caddy reverse-proxy --from class.example.org --to "
    "127.0.0.1:{port}`, or nginx with `proxy_pass` and the Upgrade headers) and give students "
    "the wss:// address."
)


async def start(db_url: str, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Open the database and start serving; returns the runner and the port bound."""
    storage = await Storage.open(db_url)
    runner = web.AppRunner(make_app(storage), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port, reuse_address=True)
    await site.start()
    server = site._server
    bound = port
    if server is not None and server.sockets:  # type: ignore[attr-defined]
        bound = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    return runner, bound


def serve(
    db_url: str,
    host: str,
    port: int,
    ready: Callable[[str], None] | None = None,
    after_start: Callable[[str], object] | None = None,
) -> None:
    """Serve until SIGINT or SIGTERM. ``ready`` is told the URL once the port is bound;
    ``after_start`` (a coroutine function) runs then, e.g. to open a game."""

    async def main() -> None:
        runner, bound = await start(db_url, host, port)
        url = f"http://{host if ':' not in host else f'[{host}]'}:{bound}"
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        try:
            if ready is not None:
                ready(url)
            if host not in LOCAL:
                print(TLS_NOTE.format(port=bound), file=sys.stderr, flush=True)
            if after_start is not None:
                result = after_start(url)
                if asyncio.iscoroutine(result):
                    await result
            await stop.wait()
        finally:
            await runner.cleanup()

    asyncio.run(main())

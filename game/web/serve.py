"""Running the browser client: ``run_web``, which `detente web` (and at merge `detente serve
--web`) calls."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from aiohttp import web

from game.web.server import WebFront
from game.web.spawn import ColdStarter, Starter, Zygote
from game.web.tabs import CommandFor


def web_data_dir() -> Path:
    """Where the browser seats keep their files: $XDG_DATA_HOME/detente/web."""
    from game.paths import user_data_folder

    return user_data_folder().path / "detente" / "web"


def make_starter(warm: bool, stderr: Path | None = None) -> Starter:
    """The warm zygote where processes can fork (Linux, macOS), else a Python per tab."""
    if warm and hasattr(os, "fork"):
        return Zygote(stderr)
    return ColdStarter(stderr)


def run_web(
    host: str,
    port: int,
    command_for: CommandFor,
    *,
    warm: bool = True,
    data_dir: Path | None = None,
    stderr: Path | None = None,
) -> None:
    """Serve the game to browsers on HOST:PORT until interrupted (Ctrl+C or SIGTERM).

    ``command_for`` says which `detente` command each tab runs (``game.web.tabs``);
    ``warm`` forks tabs from an already imported process (``game.web.zygote``) instead of
    starting a new Python each; ``stderr`` collects what the tabs' processes print there
    (default: ``tabs.log`` in the data folder, where an instructor finds why a tab closed).
    """
    data_dir = data_dir or web_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    front = WebFront(command_for, make_starter(warm, stderr or data_dir / "tabs.log"), data_dir)
    print(f"Détente in the browser: http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    web.run_app(front.app(), host=host, port=port, print=None, access_log=None)


def main() -> None:  # pragma: no cover - a quick manual start: python -m game.web.serve
    from game.web.tabs import single_play

    asyncio.set_event_loop(asyncio.new_event_loop())
    run_web("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 8000, single_play())


if __name__ == "__main__":  # pragma: no cover
    main()

"""Starting the app process of a browser tab: warm (forked from a zygote) or cold.

Both give an ``AppProcess``: the stream pair that textual-serve's ``AppService`` speaks its
packet protocol over, and the process id (to measure its memory, and to end it if it does not
quit). ``Zygote`` forks an already imported process (``game.web.zygote``): a tab's first
frame waits for the app's start only, not for Python's imports. ``ColdStarter`` starts a new
Python per tab, as textual-serve does; it is kept to measure the difference
(`benchmarks/web_join.py --cold`) and as the fallback where there is no ``fork`` (Windows).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import tempfile
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Protocol

import attrs

from game.ui.app import WEB_DRIVER

ZYGOTE_START_TIMEOUT = 60.0
"""Seconds the zygote may take to import the game (about 1 s on an idle machine)."""


def web_environment() -> dict[str, str]:
    """The environment of an app process under the web driver (as textual-serve sets it)."""
    environment = dict(os.environ)
    environment.update(
        TEXTUAL_DRIVER=WEB_DRIVER,
        TEXTUAL_FPS="60",
        TEXTUAL_COLOR_SYSTEM="truecolor",
        TERM_PROGRAM="textual",
        TERM_PROGRAM_VERSION=version("textual-serve"),
    )
    environment.pop("TEXTUAL", None)  # no devtools in a student's tab
    return environment


@attrs.frozen
class AppProcess:
    """One tab's app process, seen from the server.

    Attributes:
        pid: Its process id.
        reader: Its standard output (the web driver's packets).
        writer: Its standard input (keys and meta packets).
    """

    pid: int
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    def kill(self) -> None:
        """End it at once (when it did not quit when asked)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)


class Starter(Protocol):
    """Starts app processes for tabs."""

    async def start(self) -> None:
        """Get ready (the zygote imports the game here)."""

    async def spawn(
        self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int]
    ) -> AppProcess:
        """Start `detente ARGV` for a tab of ``size`` (columns, rows)."""
        ...

    async def close(self) -> None:
        """Stop starting processes; those already started run on until their tab closes."""


class Zygote:
    """A warm process that forks one app process per tab (``game.web.zygote``)."""

    def __init__(self, stderr: Path | None = None) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="detente-web-")
        self.socket_path = str(Path(self._folder.name) / "zygote.sock")
        """The Unix socket the zygote listens on (in a private temporary folder)."""
        self.stderr = stderr
        """Where the tabs' standard error goes (the null device if None)."""
        self._process: asyncio.subprocess.Process | None = None
        self._lock = asyncio.Lock()

    @property
    def pid(self) -> int | None:
        """The zygote's process id, while it runs."""
        return self._process.pid if self._process else None

    async def start(self) -> None:
        async with self._lock:
            await self._start()

    async def _start(self) -> None:
        if self._process is not None and self._process.returncode is None:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.socket_path)
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "game.web.zygote",
            self.socket_path,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            env=web_environment(),
        )
        assert self._process.stdout is not None
        line = await asyncio.wait_for(self._process.stdout.readline(), ZYGOTE_START_TIMEOUT)
        if line.strip() != b"ready":
            raise RuntimeError("the warm app process did not start (run `detente play` to see why)")

    async def spawn(
        self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int]
    ) -> AppProcess:
        async with self._lock:  # a zygote that died (killed, out of memory) is started again
            await self._start()
        reader, writer = await asyncio.open_unix_connection(self.socket_path, limit=2**20)
        width, height = size
        request = {
            "argv": list(argv),
            "env": {**env, "COLUMNS": str(width), "ROWS": str(height)},
            "cwd": os.getcwd(),
            "stderr": str(self.stderr) if self.stderr else None,
        }
        writer.write(json.dumps(request).encode() + b"\n")
        await writer.drain()
        line = await reader.readline()
        if not line.strip().isdigit():
            writer.close()
            raise RuntimeError("a tab's app process did not start (its errors: tabs.log)")
        return AppProcess(int(line), reader, writer)

    async def close(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()
            await self._process.wait()
        self._folder.cleanup()


class ColdStarter:
    """A new Python per tab, as textual-serve starts one (to compare with, and without fork)."""

    def __init__(self, stderr: Path | None = None) -> None:
        self.stderr = stderr

    async def start(self) -> None:
        return None

    async def spawn(
        self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int]
    ) -> AppProcess:
        width, height = size
        environment = {**web_environment(), **env, "COLUMNS": str(width), "ROWS": str(height)}
        with contextlib.ExitStack() as stack:
            errors = (
                stack.enter_context(open(self.stderr, "ab"))
                if self.stderr
                else asyncio.subprocess.DEVNULL
            )
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "game.cli",
                *argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=errors,
                env=environment,
                limit=2**20,
            )
        assert process.stdin is not None and process.stdout is not None
        return AppProcess(process.pid, process.stdout, process.stdin)

    async def close(self) -> None:
        return None

"""Driving the browser client from headless Chromium: a helper of `web_join.py` and of
tests/web/test_browser.py (which loads it by path), measuring nothing itself.

``serve(...)`` starts `detente web` on a free port of 127.0.0.1 with a data folder of its own
and yields its address; ``Tab`` opens one page in its own browser context (its own cookies:
another student) and reads what the app draws from the WebSocket frames (the terminal is a
canvas, so its text is not in the page): ``wait_for(text)`` waits until the app writes it.
Chromium is Debian's (``chromium_path``): Playwright's own browser download cannot reach its
host on the project's machines.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

ESCAPES = re.compile(
    r"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]"
)
"""CSI sequences (colours, cursor moves), OSC strings and charset switches."""

FIRST_FRAME_BYTES = 1024
"""A WebSocket message this large is a painted screen (the escapes that set the terminal up
before it are a few bytes each)."""


def chromium_path() -> str | None:
    """Debian's Chromium, if installed (``CHROMIUM`` overrides)."""
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve(
    data_home: Path, *, cold: bool = False, scenario: str | None = None, seed: int | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`detente web` on 127.0.0.1, its seats and saves under ``data_home``; yields its URL and
    process once it accepts connections (the warm process is ready by then)."""
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_CACHE_HOME": str(data_home)}
    command = [sys.executable, "-m", "game.cli", "web", "--port", str(port)]
    command += ["--cold"] if cold else []
    command += [scenario] if scenario else []
    command += ["--seed", str(seed)] if seed is not None else []
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"detente web exited with {server.returncode}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("detente web did not start within 60 s")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """Headless Chromium through Playwright."""
    from playwright.async_api import async_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("no chromium: apt-get install chromium")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=path, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            await browser.close()


def plain_text(data: str | bytes) -> str:
    """What a frame writes, without its escape sequences."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return ESCAPES.sub(" ", text)


class Tab:
    """One page of the client in its own browser context (a student's browser)."""

    def __init__(self, context: Any, page: Any) -> None:
        self.context = context
        self.page = page
        self.opened_at = 0.0
        self.socket_at: float | None = None
        """When the page opened its WebSocket (the browser's share of the wait ends there)."""
        self.first_frame_at: float | None = None
        """When the first painted screen arrived (``time.monotonic``)."""
        self.text = ""
        """All the app has drawn since the page was last opened, without escapes."""
        self._changed = asyncio.Event()
        page.on("websocket", self._watch)

    @classmethod
    async def open(cls, browser: Any, size: tuple[int, int] = (1280, 800)) -> Tab:
        context = await browser.new_context(viewport={"width": size[0], "height": size[1]})
        return cls(context, await context.new_page())

    def _watch(self, websocket: Any) -> None:
        self.socket_at = time.monotonic()
        websocket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        painted = isinstance(payload, bytes) and len(payload) >= FIRST_FRAME_BYTES
        if painted and self.first_frame_at is None:
            self.first_frame_at = time.monotonic()
        self.text += plain_text(payload)
        self._changed.set()

    async def goto(self, url: str) -> None:
        """Open (or reopen) the page; ``text`` starts over."""
        self.text, self.first_frame_at, self.socket_at = "", None, None
        self.opened_at = time.monotonic()
        await self.page.goto(url, wait_until="commit")  # the frame is what is timed

    async def reload(self) -> None:
        self.text, self.first_frame_at, self.socket_at = "", None, None
        self.opened_at = time.monotonic()
        await self.page.reload()

    async def wait_for(self, text: str, timeout: float = 30.0, since: int = 0) -> int:
        """Wait until the app has drawn ``text`` (after position ``since`` of ``self.text``);
        returns where it ends, to wait for what follows it."""
        deadline = time.monotonic() + timeout
        while (found := self.text.find(text, since)) < 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                tail = " ".join(self.text[-600:].split())
                raise TimeoutError(f"{text!r} not drawn within {timeout} s; last drawn: {tail}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return found + len(text)

    async def wait_for_first_frame(self, timeout: float = 60.0) -> float:
        """Seconds from opening the page to its first painted screen."""
        deadline = time.monotonic() + timeout
        while self.first_frame_at is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no frame within {timeout} s")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), 0.5)
        return self.first_frame_at - self.opened_at

    async def press(self, *keys: str) -> None:
        """Key presses, as a student types them (Playwright's key names: Enter, ArrowDown)."""
        await self.page.focus(".xterm-helper-textarea")  # the terminal takes the keys
        for key in keys:
            await self.page.keyboard.press(key)

    async def close(self) -> None:
        await self.context.close()


def tab_processes(server_pid: int) -> list[int]:
    """The app processes of the tabs: the server's descendants, less the warm zygote."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
            names[int(entry.name)] = (entry / "cmdline").read_bytes().decode(errors="replace")
    found: list[int] = []
    stack = list(children.get(server_pid, []))
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        if pid in children.get(server_pid, []) and "game.web.zygote" in names.get(pid, ""):
            continue  # the zygote itself, not a tab
        argv = names.get(pid, "").split("\0")
        if "python" in argv[0] and "game" in names.get(pid, ""):  # not textual-serve's `sh -c`
            found.append(pid)
    return sorted(found)


def memory_kib(pid: int) -> tuple[int, int]:
    """A process's proportional and resident set size, in KiB (PSS counts a page shared by n
    processes as 1/n to each, so the PSS of all seats adds up to the memory they take)."""
    fields: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[name] = int(rest.split()[0])
    return fields.get("Pss", 0), fields.get("Rss", 0)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used (a forked child starts from 0)."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0

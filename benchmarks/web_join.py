"""A class opening the browser client at once: time to first frame, and memory per seat.

    .venv/bin/python benchmarks/web_join.py [--tabs N] [--server warm|cold|textual-serve]
        [--no-play] [--quick]

Starts a real server on 127.0.0.1 (`detente web`: ``warm`` forks each tab's app from an
already imported process, the default; ``cold`` starts a new Python per tab; or
``textual-serve``, the library's own server running `detente play` per tab, as before this
work), opens N tabs together in headless Chromium (Debian's, through Playwright), each in its
own browser context (its own cookies, as N students' browsers), and times each from the
page's opening to the first painted screen arriving on its WebSocket. Then (unless
``--no-play``) every tab picks Turkey and plays one turn by keys, and the memory of each
tab's app process is read from /proc (PSS: a page shared by n processes counts 1/n to each,
so the seats' PSS adds up to what they take; RSS counts shared pages in full). Its last line
is ``tabs: N, slowest first frame: X.X s``.

Chromium runs on the same machine as the server, so on 2 cores the browser's own work is
part of the figure, as it would not be in a class (one browser per student's machine).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import web_browser as wb

PLAIN = (
    "import sys; from textual_serve.server import Server; "
    "Server(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()"
)


@contextlib.contextmanager
def textual_serve(data_home: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """textual-serve's own server, one `detente play` per tab (the figure before this work)."""
    port = wb.free_port()
    command = f"{sys.executable} -m game.cli play"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_CACHE_HOME": str(data_home)}
    server = subprocess.Popen(
        [sys.executable, "-c", PLAIN, command, str(port)],
        env=env,
        cwd=wb.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("textual-serve did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def play_one_turn(tab: wb.Tab) -> None:
    """From the first screen to turn 2: skip the tutorial offer if shown, take the default
    role (Turkey), read the briefing, play option 1, close the report."""
    await tab.wait_for("Choose your role", timeout=120)
    await asyncio.sleep(0.5)
    if "Skip (n)" in tab.text:  # the tutorial's offer, shown to a new seat
        since = len(tab.text)
        await tab.press("n")
        await tab.wait_for("Play this role", timeout=120, since=since)
    for keys, shown in (
        (["Enter"], "Begin"),  # the briefing
        (["Enter"], "Turn 1/"),
        (["1", "Enter"], "Turn 1 report"),
        (["Enter"], "Turn 2/"),
    ):
        since = len(tab.text)
        await tab.press(*keys)
        await tab.wait_for(shown, timeout=120, since=since)


PLAY = (
    ((), "Choose your role"),
    (("n",), "Play this role"),  # only when the tutorial is offered (a new seat)
    (("\r",), "Begin"),  # Turkey's briefing
    (("\r",), "Turn 1/"),
    (("1", "\r"), "Turn 1 report"),
    (("\r",), "Turn 2/"),
)
"""Keys (as the terminal sends them) and the text each brings, from the picker to turn 2."""


async def socket_tab(
    page_url: str,
    socket_url: str,
    play: bool,
    ready: asyncio.Queue[float],
    measured: asyncio.Event,
) -> float:
    """One tab as textual.js opens it, without a browser: the page (for the seat cookie),
    then the WebSocket, timed to the first painted screen; then (``play``) to turn 2 by keys;
    held open until ``measured``."""
    import aiohttp

    jar = aiohttp.CookieJar(unsafe=True)  # keep cookies of 127.0.0.1, as a browser does
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        started = time.monotonic()
        async with session.get(page_url) as page:
            await page.read()
        async with session.ws_connect(socket_url + "?width=160&height=44") as socket_:
            drawn = ""
            took = 0.0
            steps = list(PLAY if play else PLAY[:1])
            since = 0
            async for message in socket_:
                if not isinstance(message.data, bytes):
                    continue
                if not took and len(message.data) >= wb.FIRST_FRAME_BYTES:
                    took = time.monotonic() - started
                drawn += wb.plain_text(message.data)
                while steps and steps[0][1] in drawn[since:]:
                    steps.pop(0)
                    if steps and steps[0][0] == ("n",) and "Skip (n)" not in drawn:
                        steps.pop(0)  # no tutorial offer: straight on
                    if steps:
                        since = len(drawn)
                        for key in steps[0][0]:
                            await socket_.send_json(["stdin", key])
                if took and not steps:
                    ready.put_nowait(took)
                    await measured.wait()
                    return took
    raise RuntimeError("the socket closed before the tab was ready")


async def run_sockets(tabs: int, server_kind: str, play: bool) -> float:
    """The server's share: N tabs at once, each a WebSocket client (no browser)."""
    with contextlib.ExitStack() as stack:
        data_home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="web-join-")))
        if server_kind == "textual-serve":
            url, server = stack.enter_context(textual_serve(data_home))
            socket_url = url.replace("http:", "ws:") + "/ws"
        else:
            url, server = stack.enter_context(wb.serve(data_home, cold=server_kind == "cold"))
            socket_url = url.replace("http:", "ws:") + "/ws/play"
        await asyncio.sleep(1.0)
        load = os.getloadavg()[0]
        measured = asyncio.Event()
        ready: asyncio.Queue[float] = asyncio.Queue()
        opening = [
            asyncio.ensure_future(socket_tab(url + "/", socket_url, play, ready, measured))
            for _ in range(tabs)
        ]
        for _ in range(tabs):  # every tab drew (and played): measure them all open
            await asyncio.wait_for(ready.get(), 600)
        if play:
            print("every tab played turn 1 (to turn 2) by keys over its socket")
        else:
            await asyncio.sleep(2.0)  # the games open behind the first frame
        report_memory(server.pid, tabs)
        measured.set()
        times = sorted(await asyncio.gather(*opening))
        print(f"server: {server_kind}, client: WebSocket (no browser), load average: {load:.1f}")
        print(
            f"first frame: median {statistics.median(times):.2f} s, "
            f"fastest {times[0]:.2f} s, slowest {times[-1]:.2f} s"
        )
        print("each tab (s): " + " ".join(f"{t:.2f}" for t in times))
    return times[-1]


async def run(tabs: int, server_kind: str, play: bool) -> float:
    with contextlib.ExitStack() as stack:
        data_home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="web-join-")))
        if server_kind == "textual-serve":
            url, server = stack.enter_context(textual_serve(data_home))
        else:
            url, server = stack.enter_context(wb.serve(data_home, cold=server_kind == "cold"))
        async with wb.chromium() as browser:
            opened = [await wb.Tab.open(browser) for _ in range(tabs)]
            await asyncio.sleep(1.0)  # the browser settles before the class clicks
            load = os.getloadavg()[0]
            await asyncio.gather(*(tab.goto(url + "/") for tab in opened))
            times = await asyncio.gather(*(tab.wait_for_first_frame(120) for tab in opened))
            times.sort()
            print(f"server: {server_kind}, load average before: {load:.1f}")
            print(
                f"first frame: median {statistics.median(times):.2f} s, "
                f"fastest {times[0]:.2f} s, slowest {times[-1]:.2f} s"
            )
            print("each tab (s): " + " ".join(f"{t:.2f}" for t in times))
            served = sorted(
                tab.first_frame_at - tab.socket_at
                for tab in opened
                if tab.first_frame_at is not None and tab.socket_at is not None
            )
            print(
                "… of which from the WebSocket's opening to the frame (the server's share): "
                f"median {statistics.median(served):.2f} s, slowest {served[-1]:.2f} s"
            )
            if play:
                started = time.monotonic()
                await asyncio.gather(*(play_one_turn(tab) for tab in opened))
                print(f"every tab played turn 1 in {time.monotonic() - started:.1f} s")
            report_memory(server.pid, tabs)
            for tab in opened:
                await tab.close()
    return times[-1]


def report_memory(server_pid: int, tabs: int) -> None:
    """PSS and RSS of each tab's app process, and the PSS of the server and the zygote."""
    pids = wb.tab_processes(server_pid)
    seats = [wb.memory_kib(pid) for pid in pids]
    cpu = sorted(wb.cpu_seconds(pid) for pid in pids)
    pss = sorted(own / 1024 for own, _ in seats if own)
    rss = sorted(resident / 1024 for own, resident in seats if own)
    if not pss:
        print("memory: no tab process found")
        return
    shared = wb.memory_kib(server_pid)[0] / 1024 + zygote_memory(server_pid)
    print(
        f"memory per seat ({len(pss)} app processes for {tabs} tabs): "
        f"PSS median {statistics.median(pss):.1f} MiB (max {pss[-1]:.1f}), "
        f"RSS median {statistics.median(rss):.1f} MiB (max {rss[-1]:.1f}); "
        f"server and warm process: {shared:.0f} MiB PSS"
    )
    print(
        f"CPU used by each seat's process so far: median {statistics.median(cpu):.2f} s, "
        f"total {sum(cpu):.1f} s"
    )
    print(
        f"all {len(pss)} seats with the server: {sum(pss) + shared:.0f} MiB PSS; "
        f"40 seats at the median: {40 * statistics.median(pss) + shared:.0f} MiB"
    )


def zygote_memory(server_pid: int) -> float:
    """The warm process's own PSS in MiB (0 without one)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == server_pid and b"game.web.zygote" in (entry / "cmdline").read_bytes():
                return wb.memory_kib(int(entry.name))[0] / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=30, help="tabs opened at once (30)")
    parser.add_argument(
        "--server", choices=("warm", "cold", "textual-serve"), default="warm", help="warm"
    )
    parser.add_argument("--no-play", action="store_true", help="first frames only")
    parser.add_argument(
        "--client",
        choices=("browser", "socket"),
        default="browser",
        help="headless Chromium (browser), or WebSocket clients only: the server's share (socket)",
    )
    parser.add_argument("--quick", action="store_true", help="5 tabs (make bench)")
    args = parser.parse_args()
    tabs = 5 if args.quick else args.tabs
    if args.client == "socket":
        slowest = asyncio.run(run_sockets(tabs, args.server, not args.no_play))
    elif wb.chromium_path() is None:
        print("web_join: no chromium here (apt-get install chromium); nothing measured")
        return 0
    else:
        slowest = asyncio.run(run(tabs, args.server, not args.no_play))
    print(f"tabs: {tabs}, slowest first frame: {slowest:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

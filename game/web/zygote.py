"""The warm app process: imports the game once, then forks one copy per browser tab.

textual-serve starts a fresh Python for every tab: about 0.5 s of CPU to import Python,
Textual and the game before the first frame, so a class of 30 opening the page together
queued 15 s of imports on two cores. This process does those imports once, at server start,
and waits on a Unix socket. For each tab the web server connects and sends one line of JSON
(the `detente` arguments and the few environment variables of that tab); the process forks,
and the child, already warm, makes the connection its standard input and output, writes its
process id on one line, and runs the command as `detente` would, with Textual's web driver
(keys in, frames out, as packets on that connection). A fork takes milliseconds, and the
children share the imported modules' memory with this process until they write to it
(``gc.freeze`` keeps the collector from touching, and so copying, what was imported).

Run by ``game.web.spawn.Zygote`` as ``python -m game.web.zygote SOCKET``, with the web
driver's environment already set (Textual reads ``TEXTUAL_DRIVER`` when it is imported).
It prints ``ready`` on standard output once it accepts connections. It starts no thread, so
forking it is safe; it ends with its socket's server, or on SIGTERM.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import signal
import socket
import sys

PRELOAD = (
    "game.cli",
    "game.ui.app",
    "game.launch",
    "game.engine",
    "game.saves",
    "game.debrief",
    "game.scenario.loader",
    "game.ui.session",
    "game.ui.view",
    "game.ui.picker_cache",
    "textual.drivers.web_driver",
    *(f"game.ui.screens.{name}" for name in ("loading", "role_picker", "briefing", "turn")),
    *(f"game.ui.screens.{name}" for name in ("report", "end", "dialogs", "stakes")),
)
"""What a tab needs up to its first turn: everything a `detente play` imports by then."""

TAB_ENVIRONMENT = frozenset({"COLUMNS", "ROWS", "XDG_DATA_HOME", "DETENTE_SEAT_TOKEN"})
"""The only variables a request may set in its child: the terminal's size, where the seat
keeps its saves, and the seat's token (handed to `detente join`, never put on its argv)."""

MAX_REQUEST = 64 * 1024
"""Bytes of one request line; a longer one is refused (the server writes short ones)."""


def die_with_parent() -> None:
    """Linux: get SIGTERM when the parent dies (the server for the zygote, the zygote for a
    tab), so a server killed outright leaves no app process running with nobody to play it;
    the app quits on SIGTERM as on its quit key, autosave written. Elsewhere, nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def warm_up() -> None:
    """Import what every tab needs, then freeze it out of the garbage collector's reach."""
    for name in PRELOAD:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()


def read_request(connection: socket.socket) -> dict[str, object] | None:
    """One JSON line from the server, read byte-exactly: whatever follows is the tab's input,
    which the child reads from the same socket."""
    data = bytearray()
    while not data.endswith(b"\n"):
        chunk = connection.recv(1)
        if not chunk or len(data) >= MAX_REQUEST:
            return None
        data += chunk
    request = json.loads(data)
    return request if isinstance(request, dict) else None


def tab_environment(requested: dict[object, object]) -> dict[str, str]:
    """The variables of a request that a tab may set (``TAB_ENVIRONMENT``); the rest, such as
    the driver or Python's path, stay the warm process's."""
    return {
        name: value
        for name, value in requested.items()
        if name in TAB_ENVIRONMENT and isinstance(name, str) and isinstance(value, str)
    }


def run_tab(connection: socket.socket, request: dict[str, object]) -> int:
    """In the child: become the tab's app process and run its command; returns the exit code."""
    argv = request.get("argv")
    environment = request.get("env", {})
    if not isinstance(argv, list) or not isinstance(environment, dict):
        return 2
    os.environ.update(tab_environment(environment))
    if isinstance(request.get("cwd"), str):
        os.chdir(str(request["cwd"]))
    for stream in (0, 1):
        os.dup2(connection.fileno(), stream)
    errors = os.open(
        str(request.get("stderr") or os.devnull), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600
    )
    os.dup2(errors, 2)
    connection.close()
    os.write(1, b"%d\n" % os.getpid())
    from game.cli import main

    return main([str(arg) for arg in argv])


def serve(path: str) -> None:
    """Accept tabs until the server goes away; each gets a forked child."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    print("ready", flush=True)
    while True:
        connection, _ = listener.accept()
        try:
            request = read_request(connection)
        except (OSError, ValueError):
            request = None
        if request is None:
            connection.close()
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        if os.fork() == 0:
            code = 3
            try:
                listener.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                die_with_parent()
                code = run_tab(connection, request)
            finally:
                with_flush()
                os._exit(code)
        connection.close()


def with_flush() -> None:
    """Flush the child's Python streams before ``os._exit`` (which skips interpreter exit)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()


def main() -> None:
    die_with_parent()
    warm_up()
    serve(sys.argv[1])


if __name__ == "__main__":
    main()

"""The web server without a browser: pages, the seat cookie, the instructor's key, and tabs
whose app processes are forked from the real warm process, spoken to over a WebSocket as
textual.js speaks (aiohttp's test client on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from game.web.server import WebFront
from game.web.spawn import AppProcess, Zygote
from game.web.tabs import (
    CommandFor,
    TabCommand,
    TabRequest,
    latest_autosave,
    seat_key,
    single_play,
)
from game.web.zygote import tab_environment


class NoStarter:
    """Starts nothing: for the pages, and to see what a tab would have run."""

    def __init__(self) -> None:
        self.spawned: list[tuple[tuple[str, ...], dict[str, str]]] = []

    async def start(self) -> None:
        return None

    async def spawn(
        self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int]
    ) -> AppProcess:
        self.spawned.append((tuple(argv), dict(env)))
        raise OSError("no processes in this test")

    async def close(self) -> None:
        return None


def every_kind(request: TabRequest) -> TabCommand:
    """A server of class games too (as `detente serve --web` will be)."""
    return TabCommand(("join", "http://127.0.0.1:1", request.code))


@contextlib.asynccontextmanager
async def client(
    command_for: CommandFor, data_dir: Path, starter=None
) -> AsyncIterator[TestClient]:
    front = WebFront(command_for, starter or NoStarter(), data_dir)
    async with TestClient(TestServer(front.app(), host="127.0.0.1")) as test_client:
        yield test_client


def set_cookie(response: aiohttp.ClientResponse, name: str) -> str:
    """The Set-Cookie header for ``name`` ('' when none is set)."""
    return next(
        (h for h in response.headers.getall("Set-Cookie", []) if h.startswith(name + "=")), ""
    )


# --- pages and cookies -----------------------------------------------------------------------


async def test_a_first_visit_gets_a_seat_token_in_an_httponly_cookie(tmp_path: Path) -> None:
    async with client(single_play(), tmp_path) as http:
        first = await http.get("/")
        body = await first.text()
        header = set_cookie(first, "detente_seat")
        token = header.split(";")[0].split("=", 1)[1]
        again = await http.get("/")  # the client sends the cookie back now

    assert first.status == 200 and "data-session-websocket-url" in body
    assert "/ws/play" in body and token not in body
    assert len(token) >= 40
    for attribute in ("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="):
        assert attribute in header, header
    assert set_cookie(again, "detente_seat") == ""  # the seat is kept, not replaced


async def test_over_https_the_seat_cookie_is_secure(tmp_path: Path) -> None:
    """Behind a TLS proxy, which says so in X-Forwarded-Proto."""
    async with client(single_play(), tmp_path) as http:
        plain = await http.get("/")
        http.session.cookie_jar.clear()  # another browser
        proxied = await http.get("/", headers={"X-Forwarded-Proto": "https"})
    assert set_cookie(plain, "detente_seat") and set_cookie(proxied, "detente_seat")
    assert "Secure" in set_cookie(proxied, "detente_seat")
    assert "Secure" not in set_cookie(plain, "detente_seat")


async def test_another_site_s_page_cannot_open_a_seat_s_socket(tmp_path: Path) -> None:
    async with client(single_play(), tmp_path) as http:
        await http.get("/")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect("/ws/play", headers={"Origin": "https://elsewhere.example"})
    assert refused.value.status == 403


async def test_each_class_game_has_a_seat_cookie_of_its_own(tmp_path: Path) -> None:
    async with client(every_kind, tmp_path) as http:
        page = await http.get("/join/ABC-123")
        other = await http.get("/join/XYZ")
        assert "/ws/join/ABC-123" in await page.text()
    assert set_cookie(page, "detente_seat_ABC-123")
    assert set_cookie(other, "detente_seat_XYZ")


async def test_what_the_server_does_not_serve_is_a_clear_404(tmp_path: Path) -> None:
    async with client(single_play(), tmp_path) as http:
        join = await http.get("/join/ABC")
        host = await http.get("/host/ABC")
        join_text, host_text = await join.text(), await host.text()
    async with client(every_kind, tmp_path) as http:
        bad = await http.get("/join/a%20b")
        bad_text = await bad.text()
    assert (join.status, host.status, bad.status) == (404, 404, 404)
    assert "does not serve class games" in join_text
    assert "does not serve the instructor console" in host_text
    assert "not a join code" in bad_text


async def test_the_instructor_key_is_posted_then_kept_in_a_cookie(tmp_path: Path) -> None:
    async with client(every_kind, tmp_path) as http:
        form = await http.get("/host/ABC")
        form_text = await form.text()
        empty = await http.post("/host/ABC", data={"key": "  "}, allow_redirects=False)
        empty_text = await empty.text()
        posted = await http.post("/host/ABC", data={"key": "k3y"}, allow_redirects=False)
        console = await http.get("/host/ABC")
        console_text = await console.text()

    assert 'type="password"' in form_text and "/ws/host" not in form_text
    assert "The key is empty." in empty_text
    assert posted.status == 303 and posted.headers["Location"] == "/host/ABC"
    header = set_cookie(posted, "detente_host_ABC")
    assert header.startswith("detente_host_ABC=k3y;") and "HttpOnly" in header
    assert "/ws/host/ABC" in console_text and "k3y" not in console_text


async def test_a_socket_without_a_seat_cookie_is_refused(tmp_path: Path) -> None:
    async with client(single_play(), tmp_path) as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect("/ws/play")
    assert refused.value.status == 403


async def test_a_class_tab_gets_its_token_in_its_environment_not_on_its_command_line(
    tmp_path: Path,
) -> None:
    starter = NoStarter()
    async with client(every_kind, tmp_path, starter) as http:
        page = await http.get("/join/ABC")
        token = set_cookie(page, "detente_seat_ABC").split(";")[0].split("=", 1)[1]
        socket_ = await http.ws_connect("/ws/join/ABC?width=100&height=30")
        await socket_.receive(timeout=10)  # closed: this starter starts nothing
        await socket_.close()

    ((argv, env),) = starter.spawned
    assert argv == ("join", "http://127.0.0.1:1", "ABC")
    assert env["DETENTE_SEAT_TOKEN"] == token
    assert all(token not in arg for arg in argv)


# --- tabs forked from the warm process -------------------------------------------------------


async def first_screen(socket_: aiohttp.ClientWebSocketResponse, text: str) -> str:
    """What the app draws, until it has drawn ``text``."""
    drawn = ""
    while text not in drawn:
        message = await socket_.receive(timeout=60)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        drawn += message.data.decode("utf-8", "replace")
    return drawn


async def test_tabs_are_forked_warm_and_a_second_tab_takes_the_seat_over(
    tmp_path: Path,
) -> None:
    seen: list[TabRequest] = []
    play = single_play(seed=5)

    def command_for(request: TabRequest) -> TabCommand | None:
        seen.append(request)
        return play(request)

    zygote = Zygote()
    async with client(command_for, tmp_path, zygote) as http:
        page = await http.get("/")
        token = set_cookie(page, "detente_seat").split(";")[0].split("=", 1)[1]
        first = await http.ws_connect("/ws/play?width=100&height=30")
        await first_screen(first, "Choose your role")
        second = await http.ws_connect("/ws/play?width=100&height=30")
        closed = await first.receive(timeout=30)  # the earlier tab's app quit
        await first_screen(second, "Choose your role")
        await second.close()

    assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    opened = [request for request in seen if request.secret]
    assert len(opened) == 2 and {request.secret for request in opened} == {token}
    assert opened[0].seat_dir == tmp_path / "seats" / seat_key(token)
    assert token not in str(opened[0].seat_dir)


async def test_what_a_tab_prints_on_standard_error_goes_to_the_log(tmp_path: Path) -> None:
    """A tab that cannot start says why in the log (created by its first tab)."""
    log = tmp_path / "tabs.log"
    zygote = Zygote(stderr=log)
    await zygote.start()
    try:
        process = await zygote.spawn(["play", str(tmp_path / "no-such.yaml")], {}, (80, 24))
        rest = await asyncio.wait_for(process.reader.read(), 60)  # it exits: EOF
    finally:
        await zygote.close()
    assert process.pid > 0 and b"__GANGLION__" not in rest
    assert "no-such.yaml: no such file" in log.read_text()


def test_a_request_sets_only_the_tab_s_size_folder_and_token() -> None:
    requested = {
        "COLUMNS": "123",
        "ROWS": "45",
        "XDG_DATA_HOME": "/seat",
        "DETENTE_SEAT_TOKEN": "t",
        "PYTHONPATH": "/elsewhere",
        "TEXTUAL_DRIVER": "textual.drivers.linux_driver:LinuxDriver",
        "LD_PRELOAD": "x.so",
        "ROWS ": 3,
    }
    assert tab_environment(requested) == {
        "COLUMNS": "123",
        "ROWS": "45",
        "XDG_DATA_HOME": "/seat",
        "DETENTE_SEAT_TOKEN": "t",
    }


# --- the command each tab runs ---------------------------------------------------------------


def test_single_play_resumes_the_seat_s_newest_autosave_that_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    saves = tmp_path / "detente" / "saves"
    request = TabRequest("play", "", "token", tmp_path)
    assert single_play("s.yaml", seed=3)(request) == TabCommand(
        ("play", "s.yaml", "--seed", "3"), {"XDG_DATA_HOME": str(tmp_path)}
    )
    saves.mkdir(parents=True)
    older, newer, broken = (saves / f"autosave-{name}.json" for name in ("a", "b", "c"))
    for path, choices in ((older, "tur_wait"), (newer, "tur_offer_mediation,tur_wait")):
        args = ["run", "s400_transfer", "--as", "TUR", "--seed", "1", "--choose", choices]
        assert main([*args, "--save", str(path)]) == 0, capsys.readouterr()
    broken.write_text('{"detente_save": 1, "scen')  # cut short
    for age, path in enumerate((older, newer, broken)):
        os.utime(path, (1000 + age, 1000 + age))

    assert latest_autosave(tmp_path) == newer  # the broken one, newest, is passed over
    command = single_play("s.yaml")(request)
    assert command is not None and command.argv == ("play", "--load", str(newer))
    assert single_play()(TabRequest("join", "ABC", "t", tmp_path)) is None


def test_a_seat_s_folder_is_named_by_a_hash_of_its_token() -> None:
    key = seat_key("secret-token")
    assert key == seat_key("secret-token") != seat_key("secret-tokem")
    assert len(key) == 32 and "secret" not in key
    assert "secret" not in repr(TabRequest("play", "", "secret-token", Path("/x")))


# --- the command -------------------------------------------------------------------------------


def test_detente_web_on_a_taken_port_says_so_and_exits_1(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "game.cli", "web", "--port", str(port), "--cold"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},
        )
    assert result.returncode == 1, result.stderr
    assert f"detente: cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_detente_web_refuses_a_bad_port_or_a_missing_scenario(capsys) -> None:
    from game.cli import main

    assert main(["web", "--port", "70000"]) == 2
    assert "expected 0 to 65535" in capsys.readouterr().err
    assert main(["web", "no-such.yaml"]) == 2
    assert "no-such.yaml: no such file" in capsys.readouterr().err

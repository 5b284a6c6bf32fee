"""The web server of the browser client: pages, seat cookies, and one app process per tab.

Routes (all under one aiohttp application):

| route | what |
| --- | --- |
| ``GET /`` | single play (when the command function serves ``play`` tabs) |
| ``GET /join/CODE`` | a student's seat in class game CODE |
| ``GET /host/CODE`` | the instructor console: a form asks for the instructor key first |
| ``POST /host/CODE`` | the form: keeps the key in a cookie, back to ``GET /host/CODE`` |
| ``GET /ws/play``, ``/ws/join/CODE``, ``/ws/host/CODE`` | the tab's WebSocket (textual.js) |
| ``GET /static/...`` | textual-serve's terminal (xterm.js and its glue) |

The seat token is made here (``secrets``) the first time a browser opens a page, and kept by
that browser only, in an HttpOnly cookie: a refresh, a closed tab or a restarted browser
sends it again, and the tab's new app process gets the seat back. It is never in a URL; the
server keeps only its hash (the seat's folder name, ``tabs.seat_key``). The same seat opened
in a second tab takes it over: the first tab's process is asked to quit (its autosave is then
complete) before the new one starts.

The protocol between textual.js, this server and the app process is textual-serve's
(``textual_serve.app_service.AppService``); only how the process starts differs
(``game.web.spawn``: forked warm, or cold).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import string
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from game.web.spawn import AppProcess, Starter
from game.web.tabs import CODE, CommandFor, Kind, TabCommand, TabRequest, seat_key

log = logging.getLogger("detente.web")

STATIC = Path(textual_serve.__file__).parent / "static"
"""textual-serve's browser side: xterm.js, its CSS and fonts, and textual.js."""

HERE = Path(__file__).parent
PAGE = string.Template((HERE / "page.html").read_text(encoding="utf-8"))
HOST_FORM = string.Template((HERE / "host_form.html").read_text(encoding="utf-8"))

COOKIE_DAYS = 30
"""How long a browser keeps a seat token (a term's classes, with room)."""

QUIT_TIMEOUT = 5.0
"""Seconds an app process gets to quit (and write its autosave) before it is killed."""

SEAT_COOKIE = "detente_seat"
HOST_COOKIE = "detente_host"


def cookie_name(kind: Kind, code: str) -> str:
    """One cookie per seat: a student may have seats in several class games."""
    if kind == "host":
        return f"{HOST_COOKIE}_{code}"
    return f"{SEAT_COOKIE}_{code}" if code else SEAT_COOKIE


class _Process:
    """What ``AppService.run`` reads of a process: its standard output and error."""

    def __init__(self, app: AppProcess) -> None:
        self.stdout = app.reader
        self.stderr = asyncio.StreamReader()
        self.stderr.feed_eof()  # the tab's errors go to the starter's log file instead


class TabService(AppService):
    """textual-serve's app service, with the process started by a ``Starter``."""

    def __init__(self, starter: Starter, command: TabCommand, **kwargs: Any) -> None:
        super().__init__(" ".join(command.argv), **kwargs)
        self.starter = starter
        self.tab_command = command
        self.app_process: AppProcess | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        self.app_process = await self.starter.spawn(
            self.tab_command.argv, self.tab_command.env, (width, height)
        )
        self._stdin = self.app_process.writer
        self._process = cast(Any, _Process(self.app_process))
        return self._process

    async def stop(self) -> None:
        """Ask the app to quit as the quit key does; kill it if it has not within a while."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(super().stop(), QUIT_TIMEOUT)
        if self.app_process is not None:
            self.app_process.writer.close()
            if self._task is not None:  # it did not quit in time
                self.app_process.kill()
                self._task = None


class WebFront:
    """The aiohttp application that serves tabs: ``WebFront(commands, starter).app()``."""

    def __init__(
        self,
        command_for: CommandFor,
        starter: Starter,
        data_dir: Path,
        *,
        title: str = "Détente",
    ) -> None:
        self.command_for = command_for
        self.starter = starter
        self.data_dir = data_dir
        """Where seats keep their files: ``data_dir/seats/<hash of the token>/``."""
        self.title = title
        self.live: dict[str, TabService] = {}
        """The tab holding each seat (by kind, code and token hash), while it is open."""
        self.download_manager = DownloadManager()

    def app(self) -> web.Application:
        application = web.Application()
        application.add_routes(
            [
                web.get("/", self.page_play),
                web.get("/join/{code}", self.page_join),
                web.get("/host/{code}", self.page_host),
                web.post("/host/{code}", self.form_host),
                web.get("/ws/play", self.socket_play),
                web.get("/ws/join/{code}", self.socket_join),
                web.get("/ws/host/{code}", self.socket_host),
                web.static("/static", STATIC),
            ]
        )
        application.on_startup.append(self._start)
        application.on_shutdown.append(self._shutdown)
        return application

    async def _start(self, _: web.Application) -> None:
        await self.starter.start()

    async def _shutdown(self, _: web.Application) -> None:
        await asyncio.gather(*(tab.stop() for tab in list(self.live.values())))
        await self.starter.close()

    # --- pages -------------------------------------------------------------------------------

    def _served(self, kind: Kind, code: str) -> None:
        if code and not CODE.fullmatch(code):
            raise web.HTTPNotFound(text=f"'{code}' is not a join code")
        probe = TabRequest(kind, code, "", self.data_dir)
        if self.command_for(probe) is None:
            what = {"play": "single play", "join": "class games", "host": "the instructor console"}
            raise web.HTTPNotFound(text=f"this Détente server does not serve {what[kind]}")

    def _page(self, request: web.Request, kind: Kind, code: str) -> web.Response:
        self._served(kind, code)
        path = f"/ws/{kind}/{code}" if code else f"/ws/{kind}"
        scheme = "wss" if request.secure else "ws"
        body = PAGE.substitute(
            title=self.title + (f" {code}" if code else ""),
            static="/static",
            websocket=f"{scheme}://{request.host}{path}",
            path=path,
        )
        response = web.Response(text=body, content_type="text/html")
        response.headers["Cache-Control"] = "no-store"
        name = cookie_name(kind, code)
        if kind != "host" and not request.cookies.get(name):
            self._set_cookie(request, response, name, secrets.token_urlsafe(32))
        return response

    def _set_cookie(
        self, request: web.Request, response: web.StreamResponse, name: str, value: str
    ) -> None:
        """A cookie for the seat: HttpOnly (no script reads it), SameSite=Strict (no other
        site's page sends it), and Secure when the page came over HTTPS, directly or through
        a TLS proxy (which says so in X-Forwarded-Proto)."""
        https = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
        response.set_cookie(
            name,
            value,
            max_age=COOKIE_DAYS * 24 * 3600,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=https,
        )

    async def page_play(self, request: web.Request) -> web.Response:
        return self._page(request, "play", "")

    async def page_join(self, request: web.Request) -> web.Response:
        return self._page(request, "join", request.match_info["code"])

    async def page_host(self, request: web.Request) -> web.Response:
        code = request.match_info["code"]
        self._served("host", code)
        if request.cookies.get(cookie_name("host", code)):
            return self._page(request, "host", code)
        return self._host_form(code, "")

    def _host_form(self, code: str, problem: str) -> web.Response:
        return web.Response(
            text=HOST_FORM.substitute(code=code, problem=problem), content_type="text/html"
        )

    async def form_host(self, request: web.Request) -> web.StreamResponse:
        """The key is posted (not put in a URL), then kept in an HttpOnly cookie."""
        code = request.match_info["code"]
        self._served("host", code)
        form = await request.post()
        key = str(form.get("key", "")).strip()
        if not key:
            return self._host_form(code, "The key is empty.")
        moved = web.HTTPSeeOther(f"/host/{code}")
        self._set_cookie(request, moved, cookie_name("host", code), key)
        raise moved

    # --- tabs --------------------------------------------------------------------------------

    async def socket_play(self, request: web.Request) -> web.StreamResponse:
        return await self._socket(request, "play", "")

    async def socket_join(self, request: web.Request) -> web.StreamResponse:
        return await self._socket(request, "join", request.match_info["code"])

    async def socket_host(self, request: web.Request) -> web.StreamResponse:
        return await self._socket(request, "host", request.match_info["code"])

    async def _socket(self, request: web.Request, kind: Kind, code: str) -> web.StreamResponse:
        self._served(kind, code)
        origin = request.headers.get("Origin")
        if origin and urlsplit(origin).netloc != request.host:
            # Another site's page opening a socket here (the browser would not send the
            # SameSite=Strict cookie then anyway; this says why it fails).
            raise web.HTTPForbidden(text="this page may only be played from its own address")
        secret = request.cookies.get(cookie_name(kind, code), "")
        if not secret:
            raise web.HTTPForbidden(text="no seat: open the page first")
        key = seat_key(secret)
        seat_dir = self.data_dir / "seats" / key
        seat_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        live_key = f"{kind}/{code}/{key}"
        if (earlier := self.live.pop(live_key, None)) is not None:
            await earlier.stop()  # one tab per seat: the newest takes it, once saved
        command = self.command_for(TabRequest(kind, code, secret, seat_dir))
        if command is None:
            raise web.HTTPNotFound()
        if kind != "play":
            command = TabCommand(command.argv, {**command.env, "DETENTE_SEAT_TOKEN": secret})
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        width = _number(request.query.get("width"), 80)
        height = _number(request.query.get("height"), 24)
        service = TabService(
            self.starter,
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.live[live_key] = service
        try:
            await service.start(width, height)
            await _relay(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("tab %s failed", kind)
        finally:
            await service.stop()
            if self.live.get(live_key) is service:
                del self.live[live_key]
            await websocket.close()
        return websocket


def _number(text: str | None, default: int) -> int:
    try:
        value = int(text or "")
    except ValueError:
        return default
    return value if 10 <= value <= 1000 else default


async def _relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """The browser's messages to the app process (textual-serve's envelope: a JSON list)."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = message.json()
            kind, data = envelope[0], envelope[1]
        except (ValueError, TypeError, IndexError, KeyError):
            continue
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(
                _number(str(data.get("width")), 80), _number(str(data.get("height")), 24)
            )
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()

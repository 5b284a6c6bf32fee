"""The class server's aiohttp application: the WebSocket endpoint and a small HTTP API.

- ``GET /ws``: the WebSocket every client speaks (docs/protocol.md).
- ``POST /api/games``: open a class game (``detente host``); answers its code and key.
- ``GET /api/games/{code}/results`` with ``Authorization: Bearer KEY``: the results.
- ``GET /health``: whether the server answers.

aiohttp serves both HTTP and WebSockets in one library, and is what textual-serve (the
browser client of issue 12) is built on, so the class server has one wire library.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from typing import Any

from aiohttp import WSMsgType, web

from game.server.clients import Client
from game.server.hub import ABSENT, Hub, HubError
from game.server.protocol import MAX_WIRE, MIN_DEADLINE, error_frame
from game.server.storage import Storage

HUB = web.AppKey("hub", Hub)
MAX_BODY = 16 * 1024


def make_app(storage: Storage) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app[HUB] = Hub(storage)
    app.router.add_get("/ws", websocket)
    app.router.add_post("/api/games", create_game)
    app.router.add_get("/api/games/{code}/results", results)
    app.router.add_get("/health", health)

    async def closing(app: web.Application) -> None:
        await app[HUB].close()

    app.on_cleanup.append(closing)
    return app


async def health(request: web.Request) -> web.Response:
    """Whether the server answers, and the database commits since it started (benchmarks)."""
    return web.json_response({"ok": True, "commits": request.app[HUB].storage.commits})


async def websocket(request: web.Request) -> web.WebSocketResponse:
    hub = request.app[HUB]
    ws = web.WebSocketResponse(max_msg_size=MAX_WIRE, heartbeat=30)
    await ws.prepare(request)
    client = Client(ws.send_str, ws.close)
    writer = asyncio.get_running_loop().create_task(client.run_writer())
    try:
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await hub.handle(client, message.data)
            elif message.type == WSMsgType.BINARY:
                client.push(error_frame("bad_frame", "frames are JSON text, not binary"))
            else:
                break
            if client.closed:
                break
    finally:
        hub.detach(client)
        writer.cancel()
    return ws


def _bad(message: str, status: int = 400) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def create_game(request: web.Request) -> web.Response:
    """Open a game: {"scenario", "seats"?, "seed"?, "deadline"?, "absent"?, "lobby"?}."""
    try:
        body: Any = await request.json()
    except (ValueError, UnicodeDecodeError):
        return _bad("the body is not JSON")
    if not isinstance(body, dict):
        return _bad("the body is a JSON object")
    scenario = body.get("scenario")
    seats = body.get("seats")
    seed = body.get("seed", secrets.randbelow(2**31))
    deadline = body.get("deadline")
    absent = body.get("absent", "ai")
    lobby = body.get("lobby", False)
    if not isinstance(scenario, str) or not 0 < len(scenario) <= 300:
        return _bad("scenario: a shipped scenario's name or a file on the server")
    if seats is not None and not (
        isinstance(seats, list) and 0 < len(seats) <= 32 and all(isinstance(s, str) for s in seats)
    ):
        return _bad("seats: a list of roles")
    if type(seed) is not int or not 0 <= seed < 2**63:
        return _bad("seed: a whole number from 0")
    if deadline is not None and (
        type(deadline) not in (int, float) or not MIN_DEADLINE <= deadline <= 7 * 24 * 3600
    ):
        return _bad("deadline: seconds, from 0.1 to a week")
    if absent not in ABSENT or type(lobby) is not bool:
        return _bad("absent: 'ai' or 'wait'; lobby: true or false")
    unknown = set(body) - {"scenario", "seats", "seed", "deadline", "absent", "lobby"}
    if unknown:
        return _bad(f"unknown field {sorted(unknown)[0]!r}")
    try:
        game, key = await request.app[HUB].create(scenario, seats, seed, deadline, absent, lobby)
    except HubError as error:
        return _bad(str(error), error.status)
    return web.json_response(
        {"code": game.row.code, "key": key, "seats": list(game.row.seats), "seed": seed},
        status=201,
    )


async def results(request: web.Request) -> web.Response:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or len(header) > 200:
        return _bad("give the instructor key: Authorization: Bearer KEY", 401)
    try:
        data = await request.app[HUB].results(request.match_info["code"], header[7:].strip())
    except HubError as error:
        return _bad(str(error), error.status)
    return web.Response(text=json.dumps(data, ensure_ascii=False), content_type="application/json")

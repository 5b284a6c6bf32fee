"""Hostile clients: every frame that must not act is refused with an error frame, and the
game's log is exactly what it was."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time

import aiohttp
import pytest

from tests.server.helpers import Raw, new_id, open_game, results


def log_rows(sqlite_url: str) -> list[tuple]:
    """Every row of the event log and the members table, read straight from the file."""
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return (
            db.execute("SELECT * FROM events ORDER BY game_id, seq").fetchall()
            + db.execute("SELECT id, game_id, seat, name FROM members ORDER BY id").fetchall()
        )


@pytest.fixture
async def table(server, sqlite_url):
    """Two games; TUR seated in the first, the instructor's key of the second."""
    first = await open_game(server, seats=["TUR", "USA"], seed=1)
    second = await open_game(server, seats=["TUR", "USA"], seed=2)
    tur = await Raw.connect(server)
    joined = await tur.join(first["code"], "TUR", "Ada")
    yield first, second, tur, joined["token"]
    await tur.close()


async def refused(client: Raw, frame: dict | str, code: str) -> dict:
    await client.send(frame)
    answer = await client.until("error")
    assert answer["code"] == code, answer
    return answer


async def test_wrong_tokens_and_keys_are_refused(server, sqlite_url, table):
    first, second, _tur, token = table
    before = log_rows(sqlite_url)
    stranger = await Raw.connect(server)
    try:
        await refused(
            stranger, {"type": "resume", "game": first["code"], "token": "x" * 43}, "bad_token"
        )
        # a seat's token acts only in its own game
        await refused(
            stranger, {"type": "resume", "game": second["code"], "token": token}, "bad_token"
        )
        # one game's instructor key does not open another's console
        await refused(
            stranger, {"type": "console", "game": second["code"], "key": first["key"]}, "bad_key"
        )
        await refused(stranger, {"type": "console", "game": first["code"], "key": token}, "bad_key")
        # still nobody: a move is refused
        await refused(
            stranger, {"type": "choose", "id": new_id(), "turn": 1, "option": "x"}, "no_seat"
        )
        await refused(
            stranger, {"type": "join", "game": "ZZZZZZ", "name": "Eve", "id": new_id()}, "no_game"
        )
    finally:
        await stranger.close()
    assert log_rows(sqlite_url) == before
    async with (
        aiohttp.ClientSession() as session,
        session.get(
            f"{server}/api/games/{first['code']}/results",
            headers={"Authorization": f"Bearer {second['key']}"},
        ) as response,
    ):
        assert response.status == 403


async def test_a_seat_cannot_act_for_another_seat_or_game(server, sqlite_url, table):
    first, second, tur, _token = table
    before = log_rows(sqlite_url)
    option = tur.available()[0]
    await refused(
        tur,
        {"type": "choose", "id": new_id(), "turn": 1, "option": option, "seat": "USA"},
        "bad_field",
    )
    await refused(
        tur, {"type": "join", "game": second["code"], "name": "Ada", "id": new_id()}, "refused"
    )
    await refused(tur, {"type": "console", "game": first["code"], "key": first["key"]}, "refused")
    await refused(tur, {"type": "pause", "id": new_id()}, "forbidden")
    # another seat's option, and an option that does not exist
    await refused(
        tur, {"type": "choose", "id": new_id(), "turn": 1, "option": "usa_hold"}, "illegal"
    )
    await refused(tur, {"type": "choose", "id": new_id(), "turn": 1, "option": "nope"}, "illegal")
    await refused(
        tur, {"type": "choose", "id": new_id(), "turn": 2, "option": option}, "out_of_turn"
    )
    assert log_rows(sqlite_url) == before


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "bad_json"),
        ("[1, 2, 3]", "bad_frame"),
        ('"choose"', "bad_frame"),
        ({"type": "teleport"}, "unknown_type"),
        ({"no": "type"}, "unknown_type"),
        ({"type": "choose", "turn": 1, "option": "x"}, "bad_field"),
        ({"type": "choose", "id": "short", "turn": 1, "option": "x"}, "bad_field"),
        ({"type": "choose", "id": "abcdefghij", "turn": "1", "option": "x"}, "bad_field"),
        ({"type": "choose", "id": "abcdefghij", "turn": 1.0, "option": "x"}, "bad_field"),
        ({"type": "choose", "id": "abcdefghij", "turn": True, "option": "x"}, "bad_field"),
        ({"type": "choose", "id": "abcdefghij", "turn": 1, "option": ["x"]}, "bad_field"),
        (
            {"type": "choose", "id": "abcdefghij", "turn": 1, "option": "x'; DROP TABLE events;--"},
            "bad_field",
        ),
        ({"type": "say", "id": "abcdefghij", "to": "all", "text": "x" * 2001}, "bad_field"),
        ({"type": "say", "id": "abcdefghij", "to": "all", "text": "   "}, "bad_field"),
        ({"type": "say", "id": "abcdefghij", "to": {"a": 1}, "text": "hi"}, "bad_field"),
        ({"type": "join", "game": "X' OR '1'='1", "name": "Eve", "id": "abcdefghij"}, "bad_field"),
        (
            {
                "type": "join",
                "game": "ABCDEF",
                "role": "TUR' --",
                "name": "Eve",
                "id": "abcdefghij",
            },
            "bad_field",
        ),
        ({"type": "join", "game": "ABCDEF", "name": "Eve\x1b[2J", "id": "abcdefghij"}, "bad_field"),
    ],
)
async def test_malformed_frames_are_refused_and_change_nothing(
    server, sqlite_url, table, frame, code
):
    _first, _second, tur, _token = table
    before = log_rows(sqlite_url)
    await refused(tur, frame if isinstance(frame, str) else json.dumps(frame), code)
    await tur.send({"type": "ping"})
    await tur.until("pong")  # the connection is still served
    assert log_rows(sqlite_url) == before


async def test_a_10_mb_frame_closes_only_that_connection(server, sqlite_url, table):
    first, _second, tur, _token = table
    before = log_rows(sqlite_url)
    hostile = await Raw.connect(server)
    try:
        # The server stops reading at 1 MiB and closes with 1009 (message too big); the
        # sender may see that close, or its connection reset while still sending.
        try:
            await hostile.send("x" * (10 * 1024 * 1024))
        except ConnectionError:
            pass
        else:
            message = await hostile.ws.receive(timeout=10)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert hostile.ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    finally:
        await hostile.close()
    big = json.dumps({"type": "say", "id": new_id(), "to": "all", "text": "y" * 70_000})
    await refused(tur, big, "too_large")  # above the protocol's limit, below the wire's
    await tur.send({"type": "ping"})
    await tur.until("pong")
    assert log_rows(sqlite_url) == before
    assert (await results(server, first))["status"] == "playing"


async def test_a_thousand_frames_a_second_are_throttled(server, sqlite_url, table):
    """Frames beyond the rate are dropped with one warning a second (a flood is not answered
    in kind); at most the burst of messages is accepted; other clients are served at once."""
    first, _second, tur, _token = table
    other = await Raw.connect(server)
    await other.join(first["code"], "USA", "Ben")
    before = len(log_rows(sqlite_url))
    started = time.monotonic()
    for i in range(1000):
        await tur.send({"type": "say", "id": f"flood-{i:05d}", "to": "all", "text": "spam"})
    assert time.monotonic() - started < 5
    # another seat is served at once during the flood
    pinged = time.monotonic()
    await other.send({"type": "ping"})
    await other.until("pong")
    assert time.monotonic() - pinged < 2
    await asyncio.sleep(2.5)  # the bucket refills; the flooding client is still served
    await tur.send({"type": "ping"})
    answers = []
    while (frame := await tur.next())["type"] != "pong":
        if frame["type"] in ("ack", "error"):
            answers.append(frame)
    acked = [a for a in answers if a["type"] == "ack"]
    assert 1 <= len(acked) <= 5
    assert {a["code"] for a in answers if a["type"] == "error"} == {"rate_limited"}
    assert len(answers) < 100
    assert len(log_rows(sqlite_url)) == before + len(acked)
    await other.close()


async def test_sql_like_names_are_kept_as_text(server, sqlite_url, table):
    first, _second, _tur, _token = table
    name = "Robert'); DROP TABLE members;--"
    bobby = await Raw.connect(server)
    try:
        joined = await bobby.join(first["code"], "USA", name)
        assert joined["name"] == name
    finally:
        await bobby.close()
    data = await results(server, first)
    assert data["seats"]["USA"]["team"] == [name]
    assert [row[3] for row in log_rows(sqlite_url) if len(row) == 4] == ["Ada", name]


async def test_a_replayed_frame_is_answered_with_its_ack_and_changes_nothing(
    server, sqlite_url, table
):
    first, _second, tur, _token = table
    frame = {"type": "say", "id": "same-key-0001", "to": "all", "text": "once"}
    await tur.send(frame)
    ack = await tur.until("ack")
    rows = log_rows(sqlite_url)
    await tur.send(frame)
    again = await tur.until("ack")
    assert again["seq"] == ack["seq"] and again["replayed"] is True
    assert log_rows(sqlite_url) == rows
    assert len((await results(server, first))["messages"]) == 1


async def test_the_http_api_refuses_bad_requests(server):
    async with aiohttp.ClientSession() as session:
        for body in (
            b"not json",
            b"[]",
            json.dumps({"scenario": "nope"}).encode(),
            json.dumps({"scenario": "s400_transfer", "seats": ["XXX"]}).encode(),
            json.dumps({"scenario": "s400_transfer", "seed": -1}).encode(),
            json.dumps({"scenario": "s400_transfer", "admin": True}).encode(),
            b"x" * 100_000,
        ):
            async with session.post(f"{server}/api/games", data=body) as response:
                assert 400 <= response.status < 500, body[:40]
        async with session.get(f"{server}/api/games/ABCDEF/results") as response:
            assert response.status == 401

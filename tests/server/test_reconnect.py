"""Reconnection: the stored token returns a student to the same seat with the full view;
a join whose answer was lost is not a second member; a bot's token file survives it."""

from __future__ import annotations

import asyncio

from game.netclient import store
from game.netclient.bot import Bot
from tests.server.helpers import Raw, open_game, results, same_as_run


async def test_a_token_returns_to_the_same_seat_with_the_full_view(server):
    game = await open_game(server, seats=["TUR", "USA"], seed=5, absent="wait")
    tur = await Raw.connect(server)
    joined = await tur.join(game["code"], "TUR", "Ada")
    option = tur.available()[0]
    assert (await tur.act("choose", turn=1, option=option))["type"] == "ack"
    await tur.close()  # the laptop sleeps

    back = await Raw.connect(server)
    try:
        await back.send({"type": "resume", "game": game["code"], "token": joined["token"]})
        welcome = await back.until("welcome")
        assert (welcome["role"], welcome["name"]) == ("TUR", "Ada")
        assert "briefing" in welcome and option in welcome["options"]
        position = await back.until("position")
        assert position["turn"] == 1 and position["view"]["role"] == "TUR"
        assert position["turn_view"]["options"]
        progress = await back.until("progress")
        assert progress["mine"] == {"option": option, "by": "Ada"}
        # the seat acts as before: a new choice replaces the old one
        other = back.available()[1]
        assert (await back.act("choose", turn=1, option=other))["type"] == "ack"
    finally:
        await back.close()
    data = await results(server, game)
    assert data["seats"]["TUR"]["team"] == ["Ada"]
    assert [s["option"] for s in data["seats"]["TUR"]["submissions"]] == [option, other]


async def test_a_join_sent_again_is_the_same_member(server):
    game = await open_game(server, seats=["TUR", "USA"], seed=5)
    frame = {
        "type": "join",
        "game": game["code"],
        "role": "USA",
        "name": "Ben",
        "id": "join-key-0001",
    }
    first = await Raw.connect(server)
    await first.send(frame)
    old = await first.until("joined")
    await first.close()
    second = await Raw.connect(server)  # the answer was lost: the client asks again
    try:
        await second.send(frame)
        new = await second.until("joined")
        assert new["role"] == "USA" and new["token"] != old["token"]
    finally:
        await second.close()
    assert (await results(server, game))["seats"]["USA"]["team"] == ["Ben"]
    stale = await Raw.connect(server)  # the first token was replaced by the second
    try:
        await stale.send({"type": "resume", "game": game["code"], "token": old["token"]})
        assert (await stale.until("error"))["code"] == "bad_token"
    finally:
        await stale.close()


async def test_a_bot_restarted_returns_to_its_seat(server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    game = await open_game(server, seats=["TUR", "USA"], seed=9, absent="wait")
    token_file = store.seat_file(server, game["code"], "bot-TUR", "TUR")
    first = Bot(
        server, game["code"], "TUR", policy="random", seed=1, name="bot-TUR", token_file=token_file
    )
    task = asyncio.get_running_loop().create_task(first.play())
    while not token_file.exists():
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    first.link.stop()  # the process dies
    await asyncio.wait_for(task, 10)
    assert oct(token_file.stat().st_mode & 0o777) == "0o600"
    again = Bot(
        server, game["code"], "TUR", policy="random", seed=1, name="bot-TUR", token_file=token_file
    )
    usa = Bot(server, game["code"], "USA", policy="random", seed=2)
    played = await asyncio.wait_for(asyncio.gather(again.play(), usa.play()), 60)
    assert all(bot.status == "over" for bot in played)
    data = await results(server, game)
    assert data["seats"]["TUR"]["team"] == ["bot-TUR"]
    same_as_run(data)

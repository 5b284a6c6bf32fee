"""Whole class games played by bots over a real server, compared with `detente run --seats`."""

from __future__ import annotations

import asyncio

import pytest

from game.netclient.bot import Bot
from tests.server.helpers import Raw, open_game, results, same_as_run

ROLES = ["TUR", "USA", "UKR", "RUS"]


async def play(url: str, code: str, bots: list[tuple[str, str, int]], **kw) -> list:
    players = [
        Bot(url, code, role, policy=policy, seed=seed, name=f"bot{i}-{role}", **kw)
        for i, (role, policy, seed) in enumerate(bots)
    ]
    return await asyncio.wait_for(asyncio.gather(*(p.play() for p in players)), 120)


async def test_four_seats_and_the_computer_play_as_detente_run_does(any_server):
    """4 seats held by bots, NATO played by the computer: the class game's results are the
    engine's for the same seed and choices, on SQLite and on PostgreSQL."""
    game = await open_game(any_server, seed=11)
    assert game["seats"] == ROLES
    played = await play(
        any_server,
        game["code"],
        [("TUR", "random", 1), ("USA", "ai", 2), ("UKR", "random", 3), ("RUS", "ai", 4)],
    )
    data = await results(any_server, game)
    assert data["status"] == "over"
    assert data["ending"] is not None
    for bot in played:
        assert bot.status == "over"
        seat = data["seats"][bot.role]
        assert [option for _, option in bot.chosen] == seat["choices"]
        assert bot.score == seat["score"]["total"]
        assert seat["ai_turns"] == []
    same_as_run(data)


async def test_seats_nobody_took_are_played_by_the_computer(server):
    game = await open_game(server, seed=5)
    await play(server, game["code"], [("USA", "random", 9)])
    data = await results(server, game)
    assert data["status"] == "over"
    turns = len(data["seats"]["USA"]["choices"])
    assert data["seats"]["USA"]["ai_turns"] == []
    for role in ("TUR", "UKR", "RUS"):
        assert data["seats"][role]["team"] == []
        assert data["seats"][role]["ai_turns"] == list(range(1, turns + 1))
    same_as_run(data)


async def test_a_team_seat_any_member_submits_and_the_others_see_it(server):
    game = await open_game(server, seats=["TUR", "USA"], seed=3, absent="wait")
    code = game["code"]
    first = await Raw.connect(server)
    second = await Raw.connect(server)
    other = await Raw.connect(server)
    try:
        await first.join(code, "TUR", "Ada")
        await second.join(code, "TUR", "Ben")
        await other.join(code, "USA", "Cy")
        options = first.available()
        assert (await first.act("choose", turn=1, option=options[0]))["type"] == "ack"
        seen = await second.until("team_choice")
        assert (seen["option"], seen["by"]) == (options[0], "Ada")
        # the last submission before the turn ends counts
        assert (await second.act("choose", turn=1, option=options[1]))["type"] == "ack"
        assert (await first.until("team_choice"))["option"] == options[1]
        # the other government learns that TUR has chosen, never what
        progress = await other.until_true("progress", lambda f: f["chosen"]["TUR"])
        assert "mine" not in progress and options[1] not in str(progress)
        # team chat: the team reads it, the other seat does not
        assert (await second.act("say", to="team", text="hold the straits"))["type"] == "ack"
        assert (await first.until("message"))["text"] == "hold the straits"
        assert (await other.act("choose", turn=1, option=other.available()[0]))["type"] == "ack"
        await first.until("position", turn=2)
        assert not any(f["type"] == "message" for f in other.seen)
    finally:
        for client in (first, second, other):
            await client.close()
    data = await results(server, game)
    assert data["seats"]["TUR"]["choices"] == [options[1]]
    assert data["seats"]["TUR"]["team"] == ["Ada", "Ben"]
    assert [s["by"] for s in data["seats"]["TUR"]["submissions"]] == ["Ada", "Ben"]
    assert data["messages"][0]["to"] == "team"


async def test_a_team_of_bots_plays_to_the_end(server):
    game = await open_game(server, seed=8)
    await play(
        server,
        game["code"],
        [
            ("TUR", "random", 1),
            ("TUR", "ai", 2),
            ("USA", "random", 3),
            ("UKR", "ai", 4),
            ("RUS", "random", 5),
        ],
    )
    data = await results(server, game)
    assert data["status"] == "over"
    assert len(data["seats"]["TUR"]["team"]) == 2
    same_as_run(data)


async def test_an_absent_seat_is_played_by_the_computer_at_the_deadline(server):
    """USA joined, then fell silent: at each deadline the computer plays USA's move."""
    game = await open_game(server, seats=["TUR", "USA"], seed=4, deadline=0.5)
    silent = await Raw.connect(server)
    try:
        await silent.join(game["code"], "USA", "Dee")
        played = await play(server, game["code"], [("TUR", "random", 6)])
    finally:
        await silent.close()
    data = await results(server, game)
    turns = len(data["seats"]["TUR"]["choices"])
    assert played[0].status == "over" and data["status"] == "over"
    assert data["seats"]["USA"]["team"] == ["Dee"]
    assert data["seats"]["USA"]["ai_turns"] == list(range(1, turns + 1))
    assert data["seats"]["USA"]["submissions"] == []
    same_as_run(data)


@pytest.mark.parametrize("policy", ["ai", "random"])
async def test_bots_choose_only_available_options(server, policy):
    game = await open_game(server, seats=["UKR"], seed=2)
    played = await play(server, game["code"], [("UKR", policy, 1)])
    data = await results(server, game)
    assert played[0].ending == data["ending"]
    same_as_run(data)

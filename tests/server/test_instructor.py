"""The instructor's console: start, pause, resume, resolve now, rollback, deadline, end."""

from __future__ import annotations

from tests.server.helpers import Raw, open_game, results, same_as_run


async def seated(url: str, game: dict, role: str, name: str) -> Raw:
    client = await Raw.connect(url)
    await client.join(game["code"], role, name)
    return client


async def test_pause_resume_resolve_now_rollback_and_end(server):
    game = await open_game(server, seats=["TUR", "USA"], seed=21, absent="ai")
    teacher = await Raw.connect(server)
    tur = await seated(server, game, "TUR", "Ada")
    usa = await seated(server, game, "USA", "Ben")
    try:
        console = await teacher.console(game["code"], game["key"])
        assert console["status"] == "playing" and console["turn"] == 1

        # paused: a choice is refused and changes nothing
        assert (await teacher.act("pause"))["type"] == "ack"
        refused = await tur.act("choose", turn=1, option=tur.available()[0])
        assert refused["code"] == "not_playing"
        assert (await results(server, game))["seats"]["TUR"]["submissions"] == []
        assert (await teacher.act("pause"))["code"] == "refused"
        assert (await teacher.act("resume_game"))["type"] == "ack"

        # resolve now: TUR chose, USA has not; the computer plays USA (absent="ai")
        first = tur.available()[0]
        assert (await tur.act("choose", turn=1, option=first))["type"] == "ack"
        assert (await teacher.act("resolve", turn=2))["code"] == "out_of_turn"
        assert (await teacher.act("resolve", turn=1))["type"] == "ack"
        await tur.until("position", turn=2)
        after_one = await results(server, game)
        assert after_one["seats"]["TUR"]["choices"] == [first]
        assert after_one["seats"]["USA"]["ai_turns"] == [1]

        # rollback replays the log without the last turn: back to turn 1, nothing chosen
        assert (await teacher.act("rollback", turn=2))["code"] == "out_of_turn"
        assert (await teacher.act("rollback", turn=1))["type"] == "ack"
        back = await tur.until("position", turn=1)
        assert back["view"]["choices"]["TUR"] == []
        assert (await results(server, game))["seats"]["TUR"]["choices"] == []

        # play turn 1 again, differently; both seats choose, so it resolves by itself
        second = tur.available()[1]
        assert (await tur.act("choose", turn=1, option=second))["type"] == "ack"
        assert (await usa.act("choose", turn=1, option=usa.available()[0]))["type"] == "ack"
        await tur.until("position", turn=2)
        data = await results(server, game)
        assert data["seats"]["TUR"]["choices"] == [second]
        assert data["seats"]["USA"]["ai_turns"] == []

        # a deadline, set mid-game, resolves the turn for the absent seats
        assert (await teacher.act("deadline", seconds=0.3))["type"] == "ack"
        await tur.until("position", turn=3, timeout=5)
        assert (await results(server, game))["seats"]["USA"]["ai_turns"] == [2]
        assert (await teacher.act("deadline"))["type"] == "ack"  # no deadline any more

        # end: the game is over for everyone, and refuses moves
        assert (await teacher.act("end"))["type"] == "ack"
        await tur.until("position", status="over")
        assert (await tur.act("choose", turn=3, option=tur.available()[0]))["code"] == (
            "not_playing"
        )
        final = await results(server, game)
        assert final["status"] == "over"
        assert len(final["seats"]["TUR"]["choices"]) == 2
        same_as_run(final)
    finally:
        for client in (teacher, tur, usa):
            await client.close()


async def test_a_lobby_starts_when_the_instructor_says(server):
    game = await open_game(server, seats=["TUR"], seed=1, lobby=True)
    teacher = await Raw.connect(server)
    tur = await seated(server, game, "TUR", "Ada")
    try:
        assert (await results(server, game))["status"] == "lobby"
        assert (await tur.act("choose", turn=1, option=tur.available()[0]))["code"] == (
            "not_playing"
        )
        await teacher.console(game["code"], game["key"])
        assert (await teacher.act("start"))["type"] == "ack"
        assert (await teacher.act("start"))["code"] == "refused"
        assert (await tur.act("choose", turn=1, option=tur.available()[0]))["type"] == "ack"
        await tur.until("position", turn=2)
    finally:
        await teacher.close()
        await tur.close()


async def test_only_the_instructor_runs_the_game(server):
    game = await open_game(server, seats=["TUR", "USA"], seed=1)
    tur = await seated(server, game, "TUR", "Ada")
    try:
        for kind, fields in [
            ("pause", {}),
            ("resolve", {"turn": 1}),
            ("end", {}),
            ("rollback", {"turn": 0}),
        ]:
            assert (await tur.act(kind, **fields))["code"] == "forbidden"
        assert (await results(server, game))["status"] == "playing"
    finally:
        await tur.close()


async def test_the_instructor_reads_every_message_students_only_theirs(server):
    game = await open_game(server, seats=["TUR", "USA", "UKR"], seed=1)
    teacher = await Raw.connect(server)
    tur = await seated(server, game, "TUR", "Ada")
    usa = await seated(server, game, "USA", "Ben")
    ukr = await seated(server, game, "UKR", "Cy")
    try:
        await teacher.console(game["code"], game["key"])
        assert (await tur.act("say", to=["USA"], text="a private word"))["type"] == "ack"
        assert (await usa.until("message"))["text"] == "a private word"
        assert (await teacher.until("message"))["text"] == "a private word"
        assert (await ukr.act("say", to="all", text="press release"))["type"] == "ack"
        for client in (tur, usa, teacher):
            await client.until("message", text="press release")
        assert not any(f.get("text") == "a private word" for f in ukr.seen)
        assert (await tur.act("say", to=["XXX"], text="hi"))["code"] == "bad_field"
        # on rejoining, a seat gets the messages it may read, and only those
        again = await Raw.connect(server)
        await again.send(
            {"type": "resume", "game": game["code"], "token": ukr.last("joined")["token"]}
        )
        welcome = await again.until("welcome")
        assert [m["text"] for m in welcome["messages"]] == ["press release"]
        await again.close()
        data = await results(server, game)
        assert [m["text"] for m in data["messages"]] == ["a private word", "press release"]
    finally:
        for client in (teacher, tur, usa, ukr):
            await client.close()


async def test_messages_are_rate_limited(server):
    game = await open_game(server, seats=["TUR"], seed=1)
    tur = await seated(server, game, "TUR", "Ada")
    try:
        answers = [(await tur.act("say", to="all", text=f"spam {i}"))["type"] for i in range(8)]
        assert answers[:5] == ["ack"] * 5
        assert "error" in answers[5:]
        assert len((await results(server, game))["messages"]) == answers.count("ack")
    finally:
        await tur.close()

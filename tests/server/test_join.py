"""`detente join`'s app plays a class game: the game's own screens over the network session,
against a real server, with a bot holding the other seat."""

from __future__ import annotations

import asyncio

from game.netclient import store
from game.netclient.bot import Bot
from game.netclient.link import SeatLink
from game.netclient.session import NetSession
from game.ui import screens
from game.ui.classplay import ClassApp
from tests.server.helpers import open_game, results, same_as_run


async def wait_for(condition, pilot, timeout: float = 20) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await pilot.pause(0.05)


async def test_a_student_plays_a_class_game_in_the_terminal(server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    game = await open_game(
        server, scenario="s400_transfer", seats=["TUR", "USA"], seed=17, absent="wait"
    )
    token_file = store.seat_file(server, game["code"], "Ada", "TUR")
    session = await asyncio.to_thread(
        NetSession.connect,
        SeatLink(server, game["code"], role="TUR", name="Ada", token_file=token_file),
    )
    bot = asyncio.get_running_loop().create_task(
        Bot(server, game["code"], "USA", policy="random", seed=3).play()
    )
    app = ClassApp(session)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(lambda: isinstance(app.screen, screens.BriefingScreen), pilot)
            assert session.briefing().role_name
            await pilot.press("enter")
            await wait_for(lambda: isinstance(app.screen, screens.TurnScreen), pilot)
            turns = 0
            while not session.over:
                turn = session.turn
                await wait_for(lambda: isinstance(app.screen, screens.TurnScreen), pilot)
                row = next(r for r in session.turn_view().options if r.available)
                await pilot.press(str(row.number), "enter")  # the first option open now
                await wait_for(lambda t=turn: session.turn > t or session.over, pilot)
                turns += 1
                await wait_for(
                    lambda: isinstance(app.screen, screens.ReportScreen | screens.EndScreen),
                    pilot,
                )
                if isinstance(app.screen, screens.ReportScreen):
                    await pilot.press("enter")
            await wait_for(lambda: isinstance(app.screen, screens.EndScreen), pilot)
            assert session.debrief().total == session.position["view"]["score"]["total"]
    finally:
        await asyncio.to_thread(session.close)
        await asyncio.wait_for(bot, 30)
    data = await results(server, game)
    assert data["status"] == "over"
    assert len(data["seats"]["TUR"]["choices"]) == turns
    assert data["seats"]["TUR"]["team"] == ["Ada"]
    same_as_run(data)

"""Secret moves: the engine's visibility rule keeps another government's secret move out of a
seat's report and view until it is revealed, words its effects as an undisclosed move, makes
it news when `revealed_after:` ends, and the debrief tells all."""

from __future__ import annotations

from pathlib import Path

from game.debrief import debrief_markdown
from game.engine import Choice, World, new_game, play_turn, seat_report, seat_view, seen_report
from game.scenario import load_scenario
from game.ui.view import report_view, turn_view

SECRET = Path(__file__).parents[1] / "cookbook" / "secret.yaml"


def _world() -> World:
    result = load_scenario(SECRET)
    assert result.loaded is not None
    return World.build(result.loaded)


def _play(world: World, *moves: str):
    state = new_game(world, seats=("NRL", "STH"), seed=0)
    for move in moves:
        state = play_turn(world, state, {"NRL": move, "STH": "sth_wait"})
    return state


def _options(report: dict) -> list[str]:
    return [c["option"] for c in report["choices"]]


def test_another_seat_does_not_see_the_secret_move_in_its_report():
    world = _world()
    report = _play(world, "nrl_arm").log[-1]
    theirs = seat_report(world, report, "STH")
    mine = seat_report(world, report, "NRL")
    assert "nrl_arm" not in _options(theirs) and "nrl_arm" in _options(mine)
    (leverage,) = [c for c in theirs["changes"] if c["kind"] == "stat"]
    assert leverage["cause"] == {"kind": "hidden", "source": "", "actor": ""}
    assert "nrl_arm" not in str(theirs)
    # Eastmark is named in reveal_to: it learns of it at once.
    assert "nrl_arm" in _options(seat_report(world, report, "ALY"))


def test_another_seat_does_not_see_it_in_its_view_until_revealed():
    world = _world()
    state = _play(world, "nrl_arm")
    theirs = seat_view(world, state, "STH")
    assert theirs["choices"]["NRL"] == [None]
    assert ["nrl_arm", "NRL"] not in theirs["taken"]
    assert "nrl_arm" not in str(theirs)
    mine = seat_view(world, state, "NRL")
    assert mine["choices"]["NRL"] == ["nrl_arm"] and ["nrl_arm", "NRL"] in mine["taken"]
    later = _play(world, "nrl_arm", "nrl_talk", "nrl_talk")  # revealed_after: 2
    seen = seat_view(world, later, "STH")
    assert seen["choices"]["NRL"] == ["nrl_arm", "nrl_talk", "nrl_talk"]
    assert ["nrl_arm", "NRL"] in seen["taken"]
    assert seat_view(world, _play(world, "nrl_arm", "nrl_talk"), "STH")["choices"]["NRL"] == [
        None,
        "nrl_talk",
    ]


def test_the_move_is_news_on_the_turn_it_is_revealed():
    world = _world()
    log = _play(world, "nrl_arm", "nrl_talk", "nrl_talk").log
    assert seen_report(world, log[1], "STH", log[:1]).revealed == ()
    assert seen_report(world, log[2], "STH", log[:2]).revealed == (Choice("NRL", "nrl_arm"),)
    assert seen_report(world, log[2], "NRL", log[:2]).revealed == ()  # it always knew


def test_the_screens_word_it_as_an_undisclosed_move_and_the_debrief_tells_all():
    world = _world()
    state = new_game(world, "STH", 0)  # Northland is the computer, and arms the rebels
    after_one = play_turn(world, state, "sth_wait")
    assert Choice("NRL", "nrl_arm") in after_one.log[-1].choices  # the engine knows
    view = report_view(world, after_one.log[-1], "STH", after_one)
    assert not any("Arm the rebels" in line for line in (*view.news, *view.summary))
    assert any(group.cause == "an undisclosed move" for group in view.causes)
    assert not any("Arm the rebels" in line for line in turn_view(world, after_one).news)
    later = play_turn(world, play_turn(world, after_one, "sth_wait"), "sth_wait")
    revealed = report_view(world, later.log[-1], "STH", later)
    assert "Revealed: Northland: Arm the rebels in secret" in revealed.news
    assert "Arm the rebels in secret" in debrief_markdown(world, later)

"""What one seat may see: its own options and forecasts, nobody's choice before the turn
resolves, every move once it has, and nothing hidden (the generator, others' forecasts)."""

from __future__ import annotations

import json

import pytest

from game.engine import (
    GameOver,
    IllegalMove,
    OpenTurn,
    SeatError,
    World,
    available_options,
    new_game,
    play_turn,
    preview,
    score,
    seat_report,
    seat_view,
)
from game.paths import default_scenario
from game.scenario import load_scenario


@pytest.fixture(scope="module")
def world() -> World:
    result = load_scenario(default_scenario())
    assert result.loaded is not None
    return World.build(result.loaded)


def _options(world, state, role):
    return [o.id for o in available_options(world, state, role)]


def test_a_seat_sees_nothing_of_another_seats_choice_before_the_turn_resolves(world):
    state = new_game(world, seats=("TUR", "USA"), seed=3)
    first, second = _options(world, state, "TUR")[:2]
    usa_pick = _options(world, state, "USA")[0]
    open_turn = OpenTurn(state)
    before = seat_view(world, state, "USA", open_turn=open_turn)
    chose_first = open_turn.choose(world, "TUR", first)
    chose_second = open_turn.choose(world, "TUR", second)
    one = seat_view(world, state, "USA", open_turn=chose_first)
    other = seat_view(world, state, "USA", open_turn=chose_second)
    assert one == other  # whatever Turkey chose, the US sees the same
    assert one["chosen"] == {"TUR": True, "USA": False}
    assert before["chosen"] == {"TUR": False, "USA": False}
    assert {k: v for k, v in one.items() if k != "chosen"} == {
        k: v for k, v in before.items() if k != "chosen"
    }
    # and Turkey sees its own choice
    assert seat_view(world, state, "TUR", open_turn=chose_first)["my_choice"] == first
    assert "my_choice" not in one
    # once every seat has chosen, the turn resolves and each seat's report shows every move
    done = chose_first.choose(world, "USA", usa_pick)
    assert done.complete and done.waiting == ()
    after = done.play(world)
    assert after == play_turn(world, state, {"TUR": first, "USA": usa_pick})
    report = seat_report(world, after.log[-1], "USA")
    moves = {c["actor"]: c["option"] for c in report["choices"]}
    assert moves["TUR"] == first and moves["USA"] == usa_pick
    assert report["mine"]["option"] == usa_pick
    json.dumps(report)


def test_a_seat_sees_its_own_options_and_forecasts_only(world):
    state = new_game(world, seats=("TUR", "USA"), seed=3)
    view = seat_view(world, state, "TUR")
    text = json.dumps(view)
    assert "rng" not in view and str(state.rng) not in text
    ids = {o["id"] for o in view["options"]}
    assert ids == {o.id for o in world.options if "TUR" in o.by}
    assert not ids & {o.id for o in world.options if "TUR" not in o.by}
    opened = [o for o in view["options"] if o["available"]]
    assert [o["id"] for o in opened] == _options(world, state, "TUR")
    first = opened[0]
    expected = preview(world, state, first["id"], "TUR").expected_goal_deltas
    assert list(first["forecast"]["expected"].values()) == [round(d, 2) for d in expected]
    assert all("forecast" not in o for o in view["options"] if not o["available"])
    assert view["score"]["total"] == score(world, state, "TUR").total
    assert seat_view(world, state, "USA")["score"]["total"] == score(world, state, "USA").total


def test_others_delayed_moves_stay_hidden(world):
    state = new_game(world, seats=("TUR", "USA"), seed=3)
    hidden = 0
    for _ in range(6):
        if state.over:
            break
        choices = {s: (_options(world, state, s) or [None])[-1] for s in state.seats}
        state = play_turn(world, state, choices)
        for seat in state.seats:
            me = world.actor_index[seat]
            shown = seat_view(world, state, seat)["pending"]
            assert len(shown) == sum(1 for p in state.pending if p.actor == me)
            hidden += len(state.pending) - len(shown)
    assert hidden  # the computer governments' delayed moves were there, and not shown


def test_open_turn_refuses_what_the_engine_refuses(world):
    state = new_game(world, seats=("TUR", "USA"), seed=3)
    open_turn = OpenTurn(state)
    with pytest.raises(SeatError):
        open_turn.choose(world, "RUS", None)
    with pytest.raises(IllegalMove):
        open_turn.choose(world, "USA", "no_such_option")
    with pytest.raises(SeatError, match="waiting for TUR, USA"):
        open_turn.play(world)
    with pytest.raises(SeatError):
        seat_view(world, state, "RUS")
    changed = open_turn.choose(world, "TUR", _options(world, state, "TUR")[0])
    changed = changed.choose(world, "TUR", _options(world, state, "TUR")[1])
    assert changed.choice_of("TUR") == _options(world, state, "TUR")[1]
    assert changed.waiting == ("USA",)
    over = state
    while not over.over:
        over = play_turn(
            world, over, {s: (_options(world, over, s) or [None])[0] for s in over.seats}
        )
    with pytest.raises(GameOver):
        OpenTurn(over).choose(world, "TUR", None)
    assert seat_view(world, over, "TUR")["options"] == []

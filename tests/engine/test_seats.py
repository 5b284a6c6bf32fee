"""Games with several seats: the documented order, simultaneity, the one-seat calls, errors,
and determinism for any set of seats and any legal choices."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import (
    IllegalMove,
    SeatError,
    World,
    available_options,
    new_game,
    play_turn,
    preview,
    score,
)
from game.engine.kernel import choose
from game.engine.serialize import snapshot
from game.paths import default_scenario
from game.scenario import load_scenario, load_scenario_text

# Two playable governments and one computer government. Relations are bounded at 100 so the
# order in which moves land shows in the numbers (a clamp does not commute with a fall).
TWO_SEATS = """
format: 1
id: seats
title: Seats
summary: Two people and one computer government.
start_date: "2030-01-01"
turns: 3
actors:
  - id: AAA
    name: Aland
    playable: true
    goals: [{{id: liked, label: Liked, measure: "rel(CCC, AAA)"}}]
  - id: BBB
    name: Bland
    playable: true
    ai: {{noise: 0, wait_bias: -100}}
    goals: [{{id: liked, label: Liked, measure: "rel(CCC, BBB)"}}]
  - id: CCC
    name: Cland
    ai: {{noise: {noise}}}
    goals: [{{id: liked, label: Liked, measure: "rel(AAA, CCC)"}}]
relations:
  - {{from: CCC, to: AAA, score: 95}}
options:
  - {{id: a_wait, by: [AAA], label: Wait}}
  - id: a_court
    by: [AAA]
    label: Court Cland
    effects: [{{rel: CCC -> AAA, change: 10}}]
  - {{id: b_wait, by: [BBB], label: Wait}}
  - id: b_smear
    by: [BBB]
    label: Smear Aland
    effects: [{{rel: CCC -> AAA, change: -20}}]
  - id: b_follow
    by: [BBB]
    label: Follow Aland's lead
    requires: "rel(CCC, AAA) >= 100"
    effects: [{{rel: CCC -> BBB, change: 5}}]
  - {{id: c_wait, by: [CCC], label: Wait}}
  - id: c_warm
    by: [CCC]
    label: Warm to Aland
    effects: [{{rel: AAA -> CCC, change: 30}}]
endings:
  - {{id: fallback, title: Time runs out}}
"""


def _world(noise: float = 0) -> World:
    result = load_scenario_text(TWO_SEATS.format(noise=noise), "seats.yaml")
    assert result.loaded is not None, [d.format() for d in result.diagnostics if d.is_error]
    return World.build(result.loaded)


@pytest.fixture(scope="module")
def world() -> World:
    return _world()


@pytest.fixture(scope="module")
def s400() -> World:
    result = load_scenario(default_scenario())
    assert result.loaded is not None
    return World.build(result.loaded)


def rel(world: World, state, viewer: str, viewed: str) -> int:
    return state.rel[world.rel_index(viewer, viewed)]


def test_seats_resolve_in_actor_order_from_the_position_as_the_turn_began(world):
    state = new_game(world, seats=("BBB", "AAA"), seed=1)
    assert state.seats == ("AAA", "BBB")  # kept in scenario actor order
    after = play_turn(world, state, {"BBB": "b_smear", "AAA": "a_court"})
    # By hand: AAA's move lands first (95 + 10 clamps to 100), then BBB's (100 - 20 = 80).
    # Had BBB's landed first it would read 95 - 20 + 10 = 85.
    assert rel(world, after, "CCC", "AAA") == 80
    report = after.log[-1]
    assert [(c.actor, c.option) for c in report.choices][:2] == [
        ("AAA", "a_court"),
        ("BBB", "b_smear"),
    ]
    assert after.choices_of("AAA") == ("a_court",)
    assert after.choices_of("BBB") == ("b_smear",)
    # BBB judged the position as the turn began: AAA's court does not open b_follow to it
    # on the same turn, though after the turn (at 100 before the smear) it would have.
    with pytest.raises(IllegalMove) as refused:
        play_turn(world, state, {"AAA": "a_court", "BBB": "b_follow"})
    assert refused.value.role == "BBB"
    assert "b_follow" not in refused.value.available


def test_a_seat_played_as_its_ai_would_gives_the_one_seat_game(world):
    """With no noise and no chance, the only thing a seat changes is who chooses: when the
    second seat picks exactly what the AI would have picked for it from the same position,
    the game is the one-seat game move for move (the generator aside, since the AI draws)."""
    alone = new_game(world, "AAA", seed=5)
    both = new_game(world, seats=("AAA", "BBB"), seed=5)
    seen = []
    for pick in ("a_court", "a_wait", "a_court"):
        ai_pick, _ = choose(world, alone, world.actor_index["BBB"], alone.rng)
        assert ai_pick is not None
        seen.append(ai_pick.id)
        alone = play_turn(world, alone, pick)
        both = play_turn(world, both, {"AAA": pick, "BBB": ai_pick.id})
        assert both.rel == alone.rel
        assert both.stats == alone.stats and both.flags == alone.flags
        assert both.taken == alone.taken
        assert both.log[-1].choices == alone.log[-1].choices
        assert both.log[-1].changes == alone.log[-1].changes
    assert both.choices_of("AAA") == alone.choices
    assert both.choices_of("BBB") == tuple(seen)
    assert "b_follow" in seen  # the AI's own judgement, opened by AAA's court on turn 1


def test_the_one_seat_calls_are_a_one_seat_game(s400):
    by_role = new_game(s400, "TUR", 7)
    by_seats = new_game(s400, seats=("TUR",), seed=7)
    assert by_role == by_seats
    for _ in range(4):
        pick = available_options(s400, by_role, "TUR")[0].id
        by_role = play_turn(s400, by_role, pick)
        by_seats = play_turn(s400, by_seats, {"TUR": pick})
    assert by_role == by_seats
    assert by_role.role == "TUR" and len(by_role.choices) == 4
    assert snapshot(s400, by_role)["role"] == "TUR"


def test_wrong_seats_are_refused_with_a_clear_message(world, s400):
    state = new_game(world, seats=("AAA", "BBB"))
    with pytest.raises(SeatError, match="no choice for BBB"):
        play_turn(world, state, {"AAA": "a_wait"})
    with pytest.raises(SeatError, match="CCC: not a seat"):
        play_turn(world, state, {"AAA": "a_wait", "BBB": "b_wait", "CCC": "c_wait"})
    with pytest.raises(SeatError, match="2 seats"):
        play_turn(world, state, "a_wait")
    with pytest.raises(IllegalMove, match="'a_court' is not an option for BBB") as error:
        play_turn(world, state, {"AAA": "a_wait", "BBB": "a_court"})
    assert error.value.role == "BBB"
    with pytest.raises(SeatError, match="name the role"):
        _ = state.role
    with pytest.raises(SeatError):
        score(world, state)
    with pytest.raises(SeatError):
        preview(world, state, "a_court")
    assert score(world, state, "BBB").role == "BBB"
    assert preview(world, state, "a_court", "AAA").actor == "AAA"
    with pytest.raises(SeatError, match="one seat only"):
        new_game(world, seats=("AAA", "AAA"))
    with pytest.raises(SeatError, match="at least one"):
        new_game(world, seats=())
    with pytest.raises(ValueError, match="not a playable role"):
        new_game(world, seats=("AAA", "CCC"))
    with pytest.raises(SeatError, match="either one role or the seats"):
        new_game(world, "AAA", seats=("AAA",))
    with pytest.raises(SeatError, match="not a seat in this game"):
        new_game(s400, seats=("TUR", "USA")).choices_of("RUS")


def test_each_seat_scores_by_its_own_goals(world):
    state = play_turn(
        world, new_game(world, seats=("AAA", "BBB")), {"AAA": "a_court", "BBB": "b_wait"}
    )
    assert score(world, state, "AAA").goals[0].score > score(world, state, "BBB").goals[0].score


def _play(world: World, seats: tuple[str, ...], seed: int, picks: list[int], *, record=True):
    state = new_game(world, seats=seats, seed=seed)
    turn = 0
    while not state.over:
        choices = {}
        for k, seat in enumerate(state.seats):
            offered = available_options(world, state, seat)
            pick = picks[(turn + k) % len(picks)]
            choices[seat] = offered[pick % len(offered)].id if offered else None
        state = play_turn(world, state, choices, record=record)
        turn += 1
    return state


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seats=st.sets(st.sampled_from(("TUR", "USA", "UKR", "RUS")), min_size=1),
    seed=st.integers(0, 2**32),
    picks=st.lists(st.integers(0, 20), min_size=1, max_size=12),
)
def test_any_seats_and_legal_choices_play_deterministically(s400, seats, seed, picks):
    first = _play(s400, tuple(seats), seed, picks)
    again = _play(s400, tuple(sorted(seats, reverse=True)), seed, picks)
    assert first == again
    quiet = _play(s400, tuple(seats), seed, picks, record=False)
    assert snapshot(s400, quiet) == snapshot(s400, first)
    assert first.seats == tuple(a for a in s400.actor_ids if a in seats)
    data = snapshot(s400, first)
    json.dumps(data)  # plain data
    for seat in first.seats:
        assert len(first.choices_of(seat)) == len(first.log)
        mine = [c for r in first.log for c in r.choices if c.actor == seat]
        assert tuple(c.option for c in mine) == first.choices_of(seat)

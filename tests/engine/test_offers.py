"""Offers: made by a move, answered on the following turns by seats and computer governments,
settled in the documented order with their effects and causes, hidden from the seats they do
not concern, and kept by saves."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import (
    IllegalAnswer,
    IllegalMove,
    World,
    available_options,
    new_game,
    offers_to_answer,
    play_turn,
    seat_report,
    seat_view,
)
from game.engine.narrate import headlines
from game.engine.serialize import snapshot
from game.scenario import load_scenario_text

# Aland and Bland are played by people (or by the computer, where not a seat); Cland and
# Dland by the computer. Cland wants Aland to like it; Dland wants Bland to dislike Aland.
OFFERS = """
format: 1
id: offers
title: Offers
summary: Three offers and the governments that answer them.
start_date: "2030-01-01"
turns: {turns}
actors:
  - id: AAA
    name: Aland
    playable: true
    stats: {{support: 50}}
    goals: [{{id: liked, label: Liked, measure: "rel(CCC, AAA)"}}]
  - id: BBB
    name: Bland
    playable: true
    ai: {{noise: 0}}
    goals: [{{id: liked, label: Liked, measure: "rel(AAA, BBB)"}}]
  - id: CCC
    name: Cland
    ai: {{noise: 0}}
    goals: [{{id: liked, label: Liked, measure: "rel(AAA, CCC)"}}]
  - id: DDD
    name: Dland
    ai: {{noise: 0}}
    goals: [{{id: feud, label: Feud, measure: "0 - rel(BBB, AAA)"}}]
options:
  - {{id: a_wait, by: [AAA], label: Wait}}
  - {{id: b_wait, by: [BBB], label: Wait}}
  - id: a_friends
    by: [AAA]
    label: Offer Cland friendship
    offer:
      to: [CCC]
      terms: Aland will think better of Cland.
      on_accept: [{{rel: AAA -> CCC, change: 20}}]
      on_decline: [{{stat: AAA.support, change: -5}}]
  - id: a_pact
    by: [AAA]
    label: Offer Bland and Dland a pact
    offer:
      to: [BBB, DDD]
      terms: Bland will think better of Aland.
      expires: {expires}
      on_accept: [{{rel: BBB -> AAA, change: 20}}, {{flag: pact}}]
      on_decline: [{{rel: SELF -> BBB, change: -7}}]
      on_expire: [{{stat: AAA.support, change: -10}}]
  - id: a_bland
    by: [AAA]
    label: Offer Bland a deal
    offer:
      to: [BBB]
      terms: Aland likes Bland more.
      expires: {expires}
      on_accept: [{{rel: AAA -> BBB, change: 30}}]
      on_expire: [{{stat: AAA.support, change: -1}}]
      counter:
        label: Less, but now
        effects: [{{rel: AAA -> BBB, change: 10}}]
endings:
  - {{id: fallback, title: Time runs out}}
"""


def build(turns: int = 5, expires: int = 2) -> World:
    result = load_scenario_text(OFFERS.format(turns=turns, expires=expires), "offers.yaml")
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert result.loaded is not None, errors
    return World.build(result.loaded)


def rel(world: World, state, viewer: str, viewed: str) -> int:
    return state.rel[world.rel_index(viewer, viewed)]


def support(world: World, state) -> int:
    return state.stats[world.stat_keys.index(("AAA", "support"))]


def test_a_computer_government_accepts_what_its_goals_gain_from() -> None:
    world = build()
    state = play_turn(world, new_game(world, "AAA", 1), "a_friends")
    assert [o.option for o in state.offers] == [world.option_index["a_friends"]]
    assert [n.outcome for n in state.log[-1].offers] == ["made"]
    assert rel(world, state, "AAA", "CCC") == 0  # nothing lands on the turn it is made

    state = play_turn(world, state, "a_wait")
    assert state.offers == ()
    news = state.log[-1].offers
    assert [(n.option, n.outcome, n.answers) for n in news] == [
        ("a_friends", "accepted", ("accept",))
    ]
    assert rel(world, state, "AAA", "CCC") == 20
    change = next(c for c in state.log[-1].changes if c.subject == ("AAA", "CCC"))
    assert (change.cause.kind, change.cause.source, change.cause.actor) == (
        "accepted",
        "a_friends",
        "AAA",
    )
    assert any("accepted by Cland" in line for line in headlines(world, state.log[-1]))


def test_one_refusal_settles_an_offer_to_several_and_its_decline_effects_land() -> None:
    """Dland's goal loses from Bland liking Aland: it declines, whatever Bland says."""
    world = build()
    state = new_game(world, seats=("AAA", "BBB"), seed=1)
    state = play_turn(world, state, {"AAA": "a_pact", "BBB": "b_wait"})
    state = play_turn(
        world, state, {"AAA": "a_wait", "BBB": "b_wait"}, answers={"BBB": {"a_pact": "accept"}}
    )
    news = state.log[-1].offers[0]
    assert (news.outcome, news.parties, news.answers) == (
        "declined",
        ("BBB", "DDD"),
        ("accept", "decline"),
    )
    assert rel(world, state, "AAA", "BBB") == -7  # SELF is the maker
    assert "pact" not in state.flags


def test_an_offer_every_party_accepts_lands_its_terms() -> None:
    world = build()
    state = new_game(world, seats=("AAA", "BBB"), seed=1)
    state = play_turn(world, state, {"AAA": "a_bland", "BBB": "b_wait"})
    assert offers_to_answer(world, state, "BBB") == {"a_bland": ("accept", "decline", "counter")}
    state = play_turn(
        world, state, {"AAA": "a_wait", "BBB": "b_wait"}, answers={"BBB": {"a_bland": "accept"}}
    )
    assert state.log[-1].offers[0].outcome == "accepted"
    assert rel(world, state, "AAA", "BBB") == 30


def test_a_counter_answer_ends_the_offer_with_the_counter_effects() -> None:
    world = build()
    state = new_game(world, seats=("AAA", "BBB"), seed=1)
    state = play_turn(world, state, {"AAA": "a_bland", "BBB": "b_wait"})
    state = play_turn(
        world, state, {"AAA": "a_wait", "BBB": "b_wait"}, answers={"BBB": {"a_bland": "counter"}}
    )
    assert state.log[-1].offers[0].outcome == "countered"
    assert rel(world, state, "AAA", "BBB") == 10


@pytest.mark.parametrize("expires", [1, 2, 3])
def test_an_unanswered_offer_expires_after_its_turns_with_its_expiry_effects(
    expires: int,
) -> None:
    world = build(turns=6, expires=expires)
    state = new_game(world, seats=("AAA", "BBB"), seed=1)
    state = play_turn(world, state, {"AAA": "a_bland", "BBB": "b_wait"})
    for _ in range(expires - 1):
        state = play_turn(world, state, {"AAA": "a_wait", "BBB": "b_wait"})
        assert [o.option for o in state.offers] == [world.option_index["a_bland"]]
        assert "a_bland" not in {o.id for o in available_options(world, state, "AAA")}
    state = play_turn(world, state, {"AAA": "a_wait", "BBB": "b_wait"})
    assert state.offers == ()
    assert state.log[-1].offers[0].outcome == "expired"
    assert support(world, state) == 49
    assert state.turn == 2 + expires  # made on turn 1, answerable on turns 2 .. 1 + expires
    assert "a_bland" in {o.id for o in available_options(world, state, "AAA")}


def test_an_offer_once_settled_cannot_be_answered_again() -> None:
    world = build(expires=3)
    state = new_game(world, seats=("AAA", "BBB"), seed=1)
    state = play_turn(world, state, {"AAA": "a_pact", "BBB": "b_wait"})
    state = play_turn(
        world, state, {"AAA": "a_wait", "BBB": "b_wait"}, answers={"BBB": {"a_pact": "decline"}}
    )
    assert state.log[-1].offers[0].outcome == "declined"
    # a fresh pact; Dland declines at once again, so look at an offer only to Bland
    state = play_turn(world, state, {"AAA": "a_bland", "BBB": "b_wait"})
    state = play_turn(
        world, state, {"AAA": "a_wait", "BBB": "b_wait"}, answers={"BBB": {"a_bland": "accept"}}
    )
    with pytest.raises(IllegalAnswer, match="no open offer 'a_bland'"):
        play_turn(
            world,
            state,
            {"AAA": "a_wait", "BBB": "b_wait"},
            answers={"BBB": {"a_bland": "accept"}},
        )


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"CCC": {"a_bland": "accept"}}, "CCC is not a seat"),
        ({"BBB": {"a_friends": "accept"}}, "BBB has no open offer 'a_friends'"),
        ({"AAA": {"a_bland": "accept"}}, "AAA has no open offer 'a_bland'"),
        ({"BBB": {"a_bland": "maybe"}}, "'maybe' is not an answer to 'a_bland'"),
    ],
)
def test_an_answer_that_cannot_be_given_is_refused(answers, message: str) -> None:
    world = build()
    state = new_game(world, seats=("AAA", "BBB"), seed=1)
    state = play_turn(world, state, {"AAA": "a_bland", "BBB": "b_wait"})
    with pytest.raises(IllegalAnswer, match=message) as refused:
        play_turn(world, state, {"AAA": "a_wait", "BBB": "b_wait"}, answers=answers)
    assert isinstance(refused.value, IllegalMove)  # callers that catch moves catch answers


def test_settling_draws_nothing_from_the_generator() -> None:
    """The same turn with and without an open offer leaves the generator in the same state."""
    world = build()
    state = play_turn(world, new_game(world, "AAA", 5), "a_friends")
    answered = play_turn(world, state, "a_wait")
    without = play_turn(world, state.__class__(**{**_fields(state), "offers": ()}), "a_wait")
    assert answered.log[-1].offers and not without.log[-1].offers
    assert answered.rng == without.rng


def _fields(state) -> dict:
    import attrs

    return attrs.asdict(state, recurse=False)


def test_seat_views_show_an_offer_to_its_parties_and_maker_only() -> None:
    world = build()
    state = new_game(world, seats=("AAA", "BBB"), seed=1)
    state = play_turn(world, state, {"AAA": "a_friends", "BBB": "b_wait"})
    made = state.log[-1]
    # Aland's offer to Cland concerns Bland not at all: the move is news, the terms are not
    assert [n["offer"] for n in seat_report(world, made, "AAA").get("offers", [])] == ["a_friends"]
    assert "offers" not in seat_report(world, made, "BBB")
    assert seat_view(world, state, "AAA")["offers"]["mine"][0]["offer"] == "a_friends"
    assert seat_view(world, state, "BBB")["offers"] == {"to_me": [], "mine": []}

    state = play_turn(world, state, {"AAA": "a_bland", "BBB": "b_wait"})
    to_me = seat_view(world, state, "BBB")["offers"]["to_me"]
    assert [(o["offer"], o["by"], o["last_turn"], o["answered"]) for o in to_me] == [
        ("a_bland", "AAA", 4, None)
    ]
    assert [a["id"] for a in to_me[0]["answers"]] == ["accept", "decline", "counter"]
    # once settled, everyone reads the outcome
    state = play_turn(
        world, state, {"AAA": "a_wait", "BBB": "b_wait"}, answers={"BBB": {"a_bland": "decline"}}
    )
    seen = seat_report(world, state.log[-1], "BBB")["offers"]
    assert [(o["offer"], o["outcome"]) for o in seen] == [("a_bland", "declined")]


def test_a_one_seat_game_without_answers_plays_as_before() -> None:
    """A game that never makes an offer has no offer fields in its snapshot."""
    world = build()
    state = new_game(world, "AAA", 3)
    for _ in range(3):
        state = play_turn(world, state, "a_wait")
    data = snapshot(world, state)
    assert "offers" not in data and "answers" not in data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32),
    picks=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=5, max_size=5),
)
def test_any_legal_choices_and_answers_replay_identically(seed: int, picks) -> None:
    """Two games with the same seed, choices and answers are equal, state for state."""
    world = build()

    def play() -> list:
        state = new_game(world, seats=("AAA", "BBB"), seed=seed)
        states = [state]
        for choice, reply in picks:
            if state.over:
                break
            offered = available_options(world, state, "AAA")
            open_to_b = offers_to_answer(world, state, "BBB")
            answers = {
                "BBB": {
                    offer: replies[reply % len(replies)]
                    for offer, replies in open_to_b.items()
                    if reply < 3
                }
            }
            state = play_turn(
                world,
                state,
                {"AAA": offered[choice % len(offered)].id, "BBB": "b_wait"},
                answers=answers,
            )
            states.append(state)
        return states

    first, second = play(), play()
    assert first == second
    assert [snapshot(world, s) for s in first] == [snapshot(world, s) for s in second]

"""The road not taken: a changed move makes a game that `detente run` plays the same."""

from __future__ import annotations

import json

import pytest

from game.engine import World, new_game, play_turn
from game.exitcodes import EXIT_INVALID, EXIT_UNREADABLE
from game.scenario import load_scenario
from game.sim.run import RunError, RunRequest, run_game
from game.sim.whatif import WhatIfError, options_at, what_if
from tests.sim.conftest import SCENARIO
from tests.sim.test_luck import CHOICES, ROLE, SEED

PLAYED = ",".join(CHOICES)


def run(**options) -> dict:
    warnings: list[str] = []
    outcome = run_game(RunRequest(str(SCENARIO), json=True, **options), warnings.append)
    assert not outcome.failed, warnings
    return json.loads(outcome.output)


@pytest.fixture(scope="module")
def world() -> World:
    result = load_scenario(SCENARIO)
    assert result.loaded is not None
    return World.build(result.loaded)


def test_changing_turn_2_parts_at_turn_2_and_is_the_run_of_the_changed_choices():
    changed = run(role=ROLE, seed=SEED, choose=PLAYED, what_if="2=tur_wait")
    comparison = changed.pop("what_if")
    assert comparison["diverge_turn"] == 2
    assert comparison["why"][0].startswith("You: Keep your options open instead of")
    choices = comparison["choices"]
    assert choices[:2] == [CHOICES[0], "tur_wait"]
    assert len(choices) == len(changed["turns"])
    replay = run(role=ROLE, seed=SEED, choose=",".join(c or "-" for c in choices))
    assert changed == replay
    # Later turns are the student's own where open, else the AI's, and say which.
    later = set(comparison["followed"]) | set(comparison["replaced"])
    assert later == set(range(3, len(CHOICES) + 1))
    for turn in comparison["followed"]:
        assert choices[turn - 1] == CHOICES[turn - 1]
    for turn in comparison["replaced"]:
        assert choices[turn - 1] != CHOICES[turn - 1]
    played = run(role=ROLE, seed=SEED, choose=PLAYED)
    assert comparison["actual_score"] == played["score"]["total"]
    assert comparison["alternate_score"] == replay["score"]["total"]


def test_the_same_move_again_never_parts(world):
    state = new_game(world, ROLE, SEED)
    for choice in CHOICES:
        state = play_turn(world, state, choice)
    same = what_if(world, state, 3, CHOICES[2])
    assert same.diverge_turn is None and same.why == ()
    assert same.alternate_score == same.actual_score
    assert same.choices == CHOICES
    assert (CHOICES[2], world.option(CHOICES[2]).label) in options_at(world, state, 3)


def test_the_text_log_ends_with_the_side_by_side_comparison():
    warnings: list[str] = []
    request = RunRequest(str(SCENARIO), role=ROLE, seed=SEED, choose=PLAYED, what_if="2=tur_wait")
    output = run_game(request, warnings.append).output
    assert "What if, on turn 2: Keep your options open (tur_wait)" in output
    assert "They part on turn 2:" in output
    assert "Replay it: --choose tur_close_straits,tur_wait," in output


@pytest.mark.parametrize(
    ("what", "code", "words"),
    [
        ("two=tur_wait", EXIT_INVALID, "write TURN=OPTION"),
        ("11=tur_wait", EXIT_INVALID, "turn 11 was not played"),
        ("2=no_such", EXIT_INVALID, "not an option on turn 2; open then: "),
    ],
)
def test_a_what_if_that_cannot_be_played_is_refused_with_a_reason(what, code, words):
    with pytest.raises(RunError) as caught:
        run_game(
            RunRequest(str(SCENARIO), role=ROLE, seed=SEED, choose=PLAYED, what_if=what), print
        )
    assert caught.value.code == code and words in str(caught.value)


def test_what_if_is_for_one_seat():
    with pytest.raises(RunError) as caught:
        run_game(RunRequest(str(SCENARIO), seats="TUR,USA", what_if="1=tur_wait"), print)
    assert caught.value.code == EXIT_UNREADABLE


def test_what_if_errors_are_value_errors_with_words(world):
    with pytest.raises(WhatIfError, match="one-seat"):
        what_if(world, new_game(world, seats=("TUR", "USA"), seed=1), 1, "tur_wait")

"""`detente run` without the command line: ``run_game`` plays, warns and refuses."""

from __future__ import annotations

import json

import pytest

from game.exitcodes import EXIT_INVALID, EXIT_UNREADABLE
from game.sim.run import RunError, RunRequest, run_game
from tests.sim.conftest import SCENARIO


def test_a_policy_plays_to_the_end_and_the_json_log_says_how_it_ended():
    warnings: list[str] = []
    request = RunRequest(str(SCENARIO), role="UKR", seed=2, policy="random", json=True)
    outcome = run_game(request, warnings.append)
    assert not outcome.failed and warnings == []
    data = json.loads(outcome.output)
    assert data["ending"]
    again = run_game(
        RunRequest(str(SCENARIO), role="UKR", seed=2, policy="uniform", json=True), warnings.append
    )
    assert json.loads(again.output) == data  # random is uniform


def test_an_illegal_choice_is_a_warning_and_a_failed_run():
    warnings: list[str] = []
    outcome = run_game(
        RunRequest(str(SCENARIO), role="TUR", choose="no_such_move"), warnings.append
    )
    assert outcome.failed
    assert len(warnings) == 1 and warnings[0].startswith("error: turn 1: ")
    assert "available: " in warnings[0]


@pytest.mark.parametrize(
    ("request_", "code", "words"),
    [
        (RunRequest(str(SCENARIO), role="XXX"), EXIT_INVALID, "not a playable role"),
        (RunRequest(str(SCENARIO)), EXIT_UNREADABLE, "choose a role with --as"),
        (RunRequest(), EXIT_UNREADABLE, "name a scenario file"),
        (RunRequest("missing.yaml", role="TUR"), EXIT_UNREADABLE, "missing.yaml"),
    ],
)
def test_a_run_that_cannot_be_played_says_why_with_its_exit_code(request_, code, words):
    with pytest.raises(RunError) as refused:
        run_game(request_, print)
    assert refused.value.code == code
    assert words in str(refused.value)

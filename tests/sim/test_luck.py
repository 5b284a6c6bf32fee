"""Luck apart from judgment: the figures for a fixed game equal an independent computation.

The independent side plays every seed on the scalar engine, one game at a time, with the
policy written out again here (the student's option where open, else the AI's), and takes
medians and percentiles with numpy. The analysis plays the same seeds on the batch engine.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from game.engine import World, available_options, new_game, play_turn, score
from game.scenario import load_scenario
from game.sim.batch import play_batch
from game.sim.lookahead import Lookahead
from game.sim.luck import (
    LOOKAHEAD_ROLLOUTS,
    REFERENCES,
    NotAnalysable,
    analyse,
    analyse_many,
    other_seeds,
)
from game.sim.policies import like_ai, uniform
from tests.sim.conftest import SCENARIO

ROLE = "TUR"
SEED = 3
RUNS = 40
TURN_RUNS = 12
CHOICES = (
    "tur_close_straits",
    "tur_offer_mediation",
    "tur_wait",
    "tur_sell_drones",
    "tur_quiet_ties",
    "tur_host_talks",
    "tur_wait",
    "tur_refuse_publicly",
    "tur_sell_drones",
    "tur_store_s400",
)


@pytest.fixture(scope="module")
def world() -> World:
    result = load_scenario(SCENARIO)
    assert result.loaded is not None
    return World.build(result.loaded)


@pytest.fixture(scope="module")
def game(world):
    state = new_game(world, ROLE, SEED)
    for choice in CHOICES:
        state = play_turn(world, state, choice)
    assert state.over
    return state


def scalar_script_score(world: World, script, seed: int) -> int:
    """One game on the scalar engine: the script's option where open, else like the AI."""
    state = new_game(world, ROLE, seed)
    rng = random.Random(seed)
    while not state.over:
        offered = {o.id for o in available_options(world, state, ROLE)}
        wanted = script[state.turn - 1] if state.turn <= len(script) else None
        choice = wanted if wanted in offered else like_ai(world, state, rng, ROLE)
        state = play_turn(world, state, choice, record=False)
    return score(world, state).total


def scalar_policy_score(world: World, policy, seed: int) -> int:
    state = new_game(world, ROLE, seed)
    rng = random.Random(seed)
    while not state.over:
        state = play_turn(world, state, policy(world, state, rng, ROLE), record=False)
    return score(world, state).total


@pytest.fixture(scope="module")
def report(world, game):
    return analyse(world, game, runs=RUNS, turn_runs=TURN_RUNS)


def test_the_figures_equal_a_scalar_computation_over_the_same_seeds(world, game, report):
    seeds = list(range(SEED + 1, SEED + 1 + RUNS))
    assert list(report.seeds) == seeds
    mine = [scalar_script_score(world, CHOICES, s) for s in seeds]
    randoms = [scalar_policy_score(world, uniform, s) for s in seeds]
    ais = [scalar_policy_score(world, like_ai, s) for s in seeds]
    assert list(report.choices.scores) == mine
    assert list(report.distribution("uniform").scores) == randoms
    assert list(report.distribution("ai").scores) == ais
    figures = report.summary()
    assert figures["score"] == score(world, game).total
    assert figures["choices_median"] == pytest.approx(np.median(mine))
    assert figures["choices_p10"] == pytest.approx(np.percentile(mine, 10))
    assert figures["choices_p90"] == pytest.approx(np.percentile(mine, 90))
    assert figures["random_median"] == pytest.approx(np.median(randoms))
    assert figures["judgment"] == pytest.approx(np.median(mine) - np.median(randoms))
    assert figures["luck"] == pytest.approx(score(world, game).total - np.median(mine))
    assert figures["ai_median"] == pytest.approx(np.median(ais))


def test_each_turn_compares_the_choice_with_every_other_option_open_then(world, game, report):
    seeds = list(range(SEED + 1, SEED + 1 + TURN_RUNS))
    own = np.mean([scalar_script_score(world, CHOICES, s) for s in seeds])
    position = new_game(world, ROLE, SEED)
    for turn in (1, 6):
        while position.turn < turn:
            position = play_turn(world, position, CHOICES[position.turn - 1])
        row = report.turns[turn - 1]
        assert row.turn == turn and row.chosen == CHOICES[turn - 1]
        assert row.expected == pytest.approx(own)
        others = [o.id for o in available_options(world, position, ROLE) if o.id != row.chosen]
        assert [a[0] for a in row.alternatives] == others
        for option, _, mean in row.alternatives:
            changed = (*CHOICES[: turn - 1], option, *CHOICES[turn:])
            expected = np.mean([scalar_script_score(world, changed, s) for s in seeds])
            assert mean == pytest.approx(expected), (turn, option)
        best = max(row.alternatives, key=lambda a: a[2])
        assert row.gain == pytest.approx(own - best[2])


def test_the_scripted_batch_draws_only_where_it_falls_back(world):
    """A script that is never open falls back every turn: exactly the ai policy's runs."""
    seeds = other_seeds(100, 30)
    closed = play_batch(world, ROLE, seeds, "ai", script=("not_an_option",) * 10)[0]
    ai = play_batch(world, ROLE, seeds, "ai")[0]
    assert [r.choices for r in closed] == [r.choices for r in ai]


def test_unfinished_and_seated_games_are_refused_with_a_reason(world):
    with pytest.raises(NotAnalysable, match="not over"):
        analyse(world, new_game(world, ROLE, 1), runs=5, turn_runs=5)
    seated = new_game(world, seats=("TUR", "USA"), seed=1)
    with pytest.raises(NotAnalysable, match="one-seat"):
        analyse(world, seated, runs=5, turn_runs=5)


def test_many_games_at_once_give_each_game_its_own_figures(world, game):
    other = new_game(world, ROLE, 11)
    rng = random.Random(11)
    while not other.over:
        other = play_turn(world, other, like_ai(world, other, rng, ROLE))
    together = analyse_many(world, [game, other], runs=15)
    for state, found in zip((game, other), together, strict=True):
        alone = analyse(world, state, runs=15, turn_runs=0, references=REFERENCES)
        assert found.distributions == alone.distributions
        assert found.summary() == alone.summary()


def test_a_debrief_sets_the_lookahead_player_beside_the_student(world, game):
    """One game's debrief adds the lookahead player (issue 14) on the same seeds, with its own
    dice: its distribution is exactly the batch engine played by that player."""
    found = analyse(world, game, runs=12, turn_runs=0)
    lookahead = {d.policy: d for d in found.distributions}["lookahead"]
    seeds = other_seeds(game.seed, 12)
    player = Lookahead(rollouts=LOOKAHEAD_ROLLOUTS)
    runs, _ = play_batch(world, ROLE, seeds, "uniform", chooser=player.chooser(seeds))
    assert lookahead.scores == tuple(r.score for r in runs)
    random_median = np.median({d.policy: d for d in found.distributions}["uniform"].scores)
    assert np.median(lookahead.scores) > random_median  # thinking ahead pays in S-400 Turkey

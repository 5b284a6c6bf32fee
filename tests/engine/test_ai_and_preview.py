"""The AI's choices and the advisor's forecast."""

from __future__ import annotations

import pytest

from game.engine import new_game, play_turn, preview
from game.engine.ai import choose
from tests.engine.conftest import build

# BBB wants AAA to like it (goal: rel(AAA, BBB)). With noise 0 it must pick the option that
# raises that most, and never one that lowers it.
AI_OPTIONS = """
- {id: charm, by: [BBB], label: Charm, effects: [{rel: AAA -> BBB, change: 20}]}
- {id: flatter, by: [BBB], label: Flatter, effects: [{rel: AAA -> BBB, change: 5}]}
- {id: insult, by: [BBB], label: Insult, effects: [{rel: AAA -> BBB, change: -30}]}
"""


def test_noiseless_ai_picks_the_option_that_best_serves_its_goals():
    world = build(AI_OPTIONS)
    state = new_game(world, "AAA")
    pick, _ = choose(world, state, world.actor_index["BBB"], state.rng)
    assert pick is not None and pick.id == "charm"
    after = play_turn(world, state, "wait")
    moves = {c.actor: c.option for c in after.log[-1].choices}
    assert moves["BBB"] == "charm"


def test_ai_weights_chance_and_ai_weight():
    world = build(
        """
        - {id: long_shot, by: [BBB], label: Long shot, chance: 0.1, effects: [{rel: AAA -> BBB, change: 50}]}
        - {id: sure, by: [BBB], label: Sure thing, effects: [{rel: AAA -> BBB, change: 10}]}
        - {id: pet, by: [BBB], label: Pet project, ai_weight: 30}
        """
    )
    state = new_game(world, "AAA")
    # Expected values: long_shot 0.1 × 25 = 2.5 points, sure 5 points, pet 0 + 30 bias.
    pick, _ = choose(world, state, world.actor_index["BBB"], state.rng)
    assert pick is not None and pick.id == "pet"


def test_ai_waits_when_every_option_hurts_its_goals():
    world = build(
        "- {id: insult, by: [BBB], label: Insult, effects: [{rel: AAA -> BBB, change: -30}]}"
    )
    state = new_game(world, "AAA")
    pick, _ = choose(world, state, world.actor_index["BBB"], state.rng)
    assert pick is None
    assert play_turn(world, state, "wait").log[-1].choices[1].outcome == "none"


def test_ai_noise_makes_choices_differ_across_seeds_and_repeat_within_a_seed():
    # Without noise, flatter (2.5 points + 8 bias) always beats charm (10 points); a noise of
    # 10 points lets charm win in some games, and insult (-15) stays out of reach.
    options = AI_OPTIONS.replace("label: Flatter,", "label: Flatter, ai_weight: 8,")
    calm = build(options)
    assert {
        choose(calm, s, 1, s.rng)[0].id for s in (new_game(calm, "AAA", n) for n in range(10))
    } == {"flatter"}
    world = build(options, noise=10)
    picks = []
    for seed in range(30):
        state = new_game(world, "AAA", seed)
        first, second = choose(world, state, 1, state.rng)[0], choose(world, state, 1, state.rng)[0]
        assert first == second
        picks.append(first.id if first else None)
    assert {"charm", "flatter"} <= set(picks)
    assert "insult" not in picks


def test_preview_forecasts_exactly_what_a_sure_move_does_when_nobody_else_acts(rel):
    world = build(
        "- {id: gift, by: [AAA], label: Gift, effects: [{rel: BBB -> AAA, change: 20}, {stat: AAA.support, change: -5}]}",
        relations="[{from: CCC, to: BBB, score: 60}]",
        rules="{decay: 0, reactions: all}",
    )
    state = new_game(world, "AAA")
    forecast = preview(world, state, "gift")
    (outcome,) = forecast.outcomes
    assert outcome.probability == 1
    predicted = {(c.kind, c.subject): c.after for c in outcome.changes}
    after = play_turn(world, state, "gift")
    assert predicted[("rel", ("BBB", "AAA"))] == rel(world, after, "BBB", "AAA") == 20
    assert predicted[("rel", ("CCC", "AAA"))] == rel(world, after, "CCC", "AAA") == 6
    assert predicted[("stat", ("AAA", "support"))] == after.stats[0] == 45
    # AAA's only goal is rel(BBB, AAA) on -100..100: +20 is +10 goal points.
    assert forecast.expected_goal_deltas == pytest.approx((10.0,))


def test_preview_weights_both_branches_of_a_chance():
    world = build(
        """
        - id: gamble
          by: [AAA]
          label: Gamble
          chance: 0.25
          effects: [{rel: BBB -> AAA, change: 40}]
          otherwise: [{rel: BBB -> AAA, change: -20}]
        """
    )
    forecast = preview(world, new_game(world, "AAA"), "gamble")
    assert [o.probability for o in forecast.outcomes] == [0.25, 0.75]
    # 0.25 × (+20 points) + 0.75 × (−10 points) = −2.5
    assert forecast.expected_goal_deltas == pytest.approx((-2.5,))


def test_the_ai_valuation_agrees_with_the_advisor_preview_everywhere():
    """The AI's cheap overlay valuation must equal the preview's weighted goal change."""
    from game.engine import World, available_options
    from game.engine.valuation import goal_total, move_value
    from game.paths import default_scenario
    from game.scenario import load_scenario

    world = World.build(load_scenario(default_scenario()).loaded)
    role = world.playable[0]
    checked = 0
    for seed in range(6):
        state = new_game(world, role, seed)
        while not state.over:
            for actor_id in world.actor_ids:
                actor = world.actor_index[actor_id]
                weights = [g.weight for g in world.goals[actor]]
                if not weights:
                    continue
                before = goal_total(world, state, actor)
                for option in available_options(world, state, actor_id):
                    forecast = preview(world, state, option.id, actor_id)
                    expected = sum(
                        w * d for w, d in zip(weights, forecast.expected_goal_deltas, strict=True)
                    ) / sum(weights)
                    assert move_value(world, state, actor, option, before) == pytest.approx(
                        expected, abs=1e-9
                    )
                    checked += 1
            offered = available_options(world, state, role)
            state = play_turn(world, state, offered[seed % len(offered)].id)
    assert checked > 200

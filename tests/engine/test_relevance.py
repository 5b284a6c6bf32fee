"""Trace plans drop only work the goals cannot see: pruned and full traces score the same."""

from __future__ import annotations

from game.engine import World, available_options, new_game, play_turn
from game.engine.relevance import full_plan
from game.engine.valuation import goal_total, trace
from game.paths import default_scenario
from game.scenario import load_scenario, load_scenario_text


def assert_plans_agree(world: World, state) -> int:
    """For every actor and available option, both branches: equal goal totals. Returns count."""
    checked = 0
    for actor_id in world.actor_ids:
        actor = world.actor_index[actor_id]
        for option in available_options(world, state, actor_id):
            for success, ops in ((True, option.effects), (False, option.otherwise)):
                pruned = trace(world, state, world.trace_plan(actor, option, success))
                full = trace(world, state, full_plan(world.size, ops))
                assert goal_total(world, pruned, actor) == goal_total(world, full, actor)
                checked += 1
    return checked


def test_pruned_plans_agree_with_full_traces_over_s400_games():
    world = World.build(load_scenario(default_scenario()).loaded)
    checked = 0
    for role in world.playable:
        for seed in range(3):
            state = new_game(world, role, seed)
            while not state.over:
                checked += assert_plans_agree(world, state)
                offered = available_options(world, state, role)
                state = play_turn(world, state, offered[(seed + state.turn) % len(offered)].id)
    assert checked > 500


REACTIONS = """
format: 1
id: reactions
title: Reactions
summary: BBB's goal can only see a move of its own through an ally's reaction.
start_date: "2030-01-01"
turns: 2
actors:
  - {id: AAA, name: Aland, playable: true, goals: [{id: g, label: g, measure: "rel(BBB, AAA)"}]}
  - id: BBB
    name: Bland
    goals: [{id: g, label: Be seen well by Cland's friend, measure: "rel(CCC, DDD)"}]
    ai: {noise: 0}
  - {id: CCC, name: Cland}
  - {id: DDD, name: Dland}
relations:
  - {from: CCC, to: BBB, score: 60}
  - {from: AAA, to: BBB, score: 60}
options:
  - {id: wait, by: [AAA], label: Wait}
  - id: sway
    by: [BBB]
    label: Praise Dland
    effects: [{rel: BBB -> DDD, change: 20}, {rel: BBB -> CCC, change: 5}]
rules: {reactions: all}  # a warming move reacts: the rule before issue 14
endings:
  - {id: fallback, title: Time runs out}
"""


def test_a_reaction_a_goal_reads_is_kept_and_the_rest_are_dropped():
    result = load_scenario_text(REACTIONS, "reactions.yaml")
    assert result.loaded is not None, [d.format() for d in result.diagnostics if d.is_error]
    world = World.build(result.loaded)
    bbb = world.actor_index["BBB"]
    (sway,) = world.actor_options[bbb]
    (step,) = world.trace_plan(bbb, sway, True)
    # BBB -> DDD moves; CCC (BBB's ally) follows: rel(CCC, DDD) is what the goal reads. AAA is
    # an ally too, but rel(AAA, DDD) is read by nobody, and BBB -> CCC is invisible.
    n = world.size
    assert step.op.index == world.rel_index("BBB", "DDD")
    assert step.reactions == ((2 * n + 1, world.rel_index("CCC", "DDD")),)
    state = new_game(world, "AAA")
    assert assert_plans_agree(world, state) == 4  # two options, two branches each
    after = play_turn(world, state, "wait")
    assert after.rel[world.rel_index("CCC", "DDD")] == 6
    assert after.rel[world.rel_index("AAA", "DDD")] == 6

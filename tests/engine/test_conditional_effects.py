"""Conditional effects (`if:` / `then:` / `else:`): the branch is chosen on the position as
the effect lands, reports say which branch applied, the AI's pruned trace keeps whatever a
condition reads, and the batch engine declares them instead of playing them wrong."""

from __future__ import annotations

from game.engine import World, new_game, play_turn, preview
from game.engine.narrate import describe_change
from game.engine.relevance import full_plan
from game.engine.valuation import goal_total, move_value, trace
from game.scenario import load_scenario_text
from game.sim import batch

SCENARIO = """
format: 1
id: branches
title: Branches
summary: Effects whose outcome depends on the position when they land.
start_date: "2030-01-01"
turns: 3
rules: {decay: 0}
actors:
  - id: AAA
    name: Aland
    playable: true
    stats: {cash: 50}
    stat_labels: {cash: cash}
    goals: [{id: g, label: cash, measure: "stat(AAA, cash)"}]
  - id: BBB
    name: Bland
    ai: {noise: 0}
    goals: [{id: g, label: Cland's view of Dland, measure: "rel(CCC, DDD)"}]
  - {id: CCC, name: Cland}
  - {id: DDD, name: Dland}
options:
  - {id: wait, by: [AAA, BBB], label: Wait}
  - id: warm_then_ask
    by: [AAA]
    label: Warm up Bland, then ask
    effects:
      - {rel: BBB -> AAA, change: 30}
      - if: rel(BBB, AAA) >= 20
        then: [{stat: AAA.cash, change: 10}]
        else: [{stat: AAA.cash, change: -10}]
  - id: ask
    by: [AAA]
    label: Ask at once
    effects:
      - if: rel(BBB, SELF) >= 20
        then: [{stat: SELF.cash, change: 10}]
        else:
          - {stat: SELF.cash, change: -10}
          - if: stat(SELF, cash) < 45
            then: [{flag: broke}]
  - id: signal
    by: [BBB]
    label: Signal, then act on the signal
    effects:
      # BBB's goal never reads the flag, but the condition does: the plan must keep it.
      - {flag: signalled}
      - if: flag(signalled)
        then: [{rel: CCC -> DDD, change: 10}]
        else: [{rel: CCC -> DDD, change: -10}]
endings:
  - {id: broke, title: Aland is broke, when: "flag(broke)", scores: {AAA: 10}}
  - {id: fallback, title: Time runs out, scores: {AAA: 50}}
"""


def _world() -> World:
    result = load_scenario_text(SCENARIO, "branches.yaml")
    assert result.loaded is not None, [d.format() for d in result.diagnostics if d.is_error]
    return World.build(result.loaded)


def _cash(world: World, state) -> int:
    return state.stats[world.stat_keys.index(("AAA", "cash"))]


def test_the_condition_reads_the_effects_listed_before_it():
    world = _world()
    after = play_turn(world, new_game(world, "AAA", 0), "warm_then_ask")
    assert _cash(world, after) == 60  # the warming landed first, so `then:` applied


def test_else_applies_when_the_condition_fails_and_nested_ifs_read_it_as_they_land():
    world = _world()
    after = play_turn(world, new_game(world, "AAA", 0), "ask")
    assert _cash(world, after) == 40
    assert "broke" in after.flags  # the nested `if:` read the cash after the -10


def test_reports_say_which_branch_applied():
    world = _world()
    state = new_game(world, "AAA", 0)
    then = play_turn(world, state, "warm_then_ask").log[-1]
    orelse = play_turn(world, state, "ask").log[-1]
    cash_then = [c for c in then.changes if c.kind == "stat"]
    cash_else = [c for c in orelse.changes if c.kind == "stat"]
    assert [c.cause.branch for c in cash_then] == ["then"]
    assert [c.cause.branch for c in cash_else] == ["else"]
    assert "(its condition held)" in describe_change(world, cash_then[0])
    assert "(its condition did not hold)" in describe_change(world, cash_else[0])
    warming = next(c for c in then.changes if c.kind == "rel" and not c.cause.via)
    assert warming.cause.branch == ""  # an ordinary effect says nothing of branches


def test_preview_follows_the_branch_the_move_would_take():
    world = _world()
    state = new_game(world, "AAA", 0)
    (outcome,) = preview(world, state, "ask", "AAA").outcomes
    cash = [c for c in outcome.changes if c.kind == "stat"]
    assert [(c.delta, c.cause.branch) for c in cash] == [(-10, "else")]


def test_the_ai_plan_keeps_what_a_condition_reads_and_agrees_with_a_full_trace():
    world = _world()
    state = new_game(world, "AAA", 0)
    for actor_id in ("AAA", "BBB"):
        actor = world.actor_index[actor_id]
        for option in world.actor_options[actor]:
            pruned = trace(world, state, world.trace_plan(actor, option, True))
            full = trace(world, state, full_plan(world.size, option.effects))
            assert goal_total(world, pruned, actor) == goal_total(world, full, actor)
    bbb = world.actor_index["BBB"]
    signal = next(o for o in world.actor_options[bbb] if o.id == "signal")
    steps = world.trace_plan(bbb, signal, True)
    assert [s.op.kind for s in steps] == ["flag", "if"]
    # Signalling moves Cland's view of Dland by +10 (then-branch), which the goal reads.
    assert move_value(world, state, bbb, signal, goal_total(world, state, bbb)) > 0


def test_the_batch_engine_declares_conditional_effects_a_fallback():
    refusal = batch.fallback(_world(), "random")
    assert refusal is not None
    assert refusal.reason == "conditional-effects"

"""What the screens show, checked against the engine without running the app."""

from __future__ import annotations

from game.debrief import debrief_markdown, decisions, relation_history
from game.engine import World, available_options, new_game, play_turn, score
from game.engine.serialize import snapshot
from game.scenario import load_scenario_text
from game.ui.text import prose
from game.ui.view import advice, option_rows, relation_rows, stance

from .helpers import expected_game


def test_option_rows_keep_their_numbers_all_game(s400: tuple[World, str]):
    """Every option is numbered by its place in the role's full list, available or not, so
    the same key selects the same move on every turn (issue 15)."""
    world, _ = s400
    mine = [o.id for o in world.options if "TUR" in o.by]
    state = new_game(world, "TUR", 0)
    first = option_rows(world, state)
    offered = [o.id for o in available_options(world, state, "TUR")]
    assert [r.id for r in first] == mine
    assert [r.number for r in first] == list(range(1, len(mine) + 1))
    assert [r.id for r in first if r.available] == [o for o in mine if o in offered]
    blocked = [r for r in first if not r.available]
    assert blocked, "Turkey's first turn has options it cannot take yet: the case under test"
    for row in blocked:
        requires = world.option(row.id).requires
        assert requires is not None and row.reason and str(requires) not in row.reason
        assert row.reason == ". ".join(row.reasons)
        assert all(r[0].isupper() or not r[0].isalpha() for r in row.reasons)
    numbers = {r.id: r.number for r in first}
    availability_changed = False
    while not state.over:
        state = play_turn(world, state, available_options(world, state, "TUR")[-1].id)
        rows = option_rows(world, state)
        assert {r.id: r.number for r in rows} == numbers
        availability_changed |= [r.available for r in rows] != [r.available for r in first]
    assert availability_changed, "options came and went: the case under test"


def test_a_once_option_already_taken_says_so(river: tuple[World, str]):
    world, _ = river
    state = play_turn(world, new_game(world, "NRL", 0), "accept_talks")
    row = next(r for r in option_rows(world, state) if r.id == "accept_talks")
    assert not row.available
    assert row.reason == "Already taken"


def test_relation_rows_follow_the_game(river: tuple[World, str]):
    world, _ = river
    state = new_game(world, "STH", 3)
    first = play_turn(world, state, "protest")
    second = play_turn(world, first, "hold_firm")
    rows = {r.actor: r for r in relation_rows(world, second)}
    assert set(rows) == {"NRL", "RGC"}
    for other, row in rows.items():
        theirs = world.rel_index(other, "STH")
        yours = world.rel_index("STH", other)
        assert row.theirs == second.rel[theirs]
        assert row.yours == second.rel[yours]
        assert row.theirs_change == second.rel[theirs] - first.rel[theirs]
        assert row.yours_change == second.rel[yours] - first.rel[yours]
        assert row.theirs_history == (state.rel[theirs], first.rel[theirs], second.rel[theirs])
        assert row.theirs_stance == stance(world, row.theirs)


def test_relation_history_rebuilt_from_the_log_matches_each_position(s400: tuple[World, str]):
    world, _ = s400
    state = new_game(world, "USA", 5)
    positions = [state.rel]
    while not state.over:
        state = play_turn(world, state, available_options(world, state, "USA")[-1].id)
        positions.append(state.rel)
    assert list(relation_history(world, state)) == positions


def test_stance_uses_the_scenario_thresholds(s400: tuple[World, str]):
    world, _ = s400
    rules = world.scenario.rules
    assert stance(world, rules.ally_threshold) == "ally"
    assert stance(world, rules.ally_threshold - 1) == "friendly"
    assert stance(world, 0) == "friendly"
    assert stance(world, -1) == "cool"
    assert stance(world, rules.enemy_threshold) == "hostile"


def test_advice_sums_each_number_and_weighs_the_goals(s400: tuple[World, str]):
    world, _ = s400
    state = new_game(world, "TUR", 0)
    for option in available_options(world, state, "TUR"):
        forecast = advice(world, state, option.id)
        subjects = [
            subject for branch in forecast.branches for subject in (s for _, s in branch.lines)
        ]
        for branch in forecast.branches:
            names = [s for _, s in branch.lines]
            assert len(names) == len(set(names))  # one line per number that moves
            assert all(amount for amount, _ in branch.lines)
        assert len(forecast.goals) == len(world.goals[world.actor_index["TUR"]])
        assert all(isinstance(s, str) for s in subjects)
        assert forecast.chance == option.model.chance


def test_the_debrief_tells_the_whole_game(s400: tuple[World, str]):
    world, _ = s400
    state = expected_game(world, "RUS", 8)
    text = debrief_markdown(world, state)
    ending = next(e.model for e in world.endings if e.id == state.ending)
    card = score(world, state)
    assert text.startswith(f"# Debrief: {world.scenario.title}")
    assert f"## Ending: {ending.title}" in text
    assert f"## Score: {card.total} out of 100" in text
    for decision in decisions(world, state):
        assert f"| {decision.turn} |" in text
        assert decision.label in text
    history = relation_history(world, state)
    final = snapshot(world, state)["relations"]
    for other in world.actor_ids:
        if other != "RUS":
            start = history[0][world.rel_index(other, "RUS")]
            assert f"{start:+d} → " in text
            assert f"{final[f'{other}->RUS']:+d} |" in text
    assert f"--seed 8 --choose {','.join(c or '' for c in state.choices)}" in text
    assert world.loaded.briefs[0].citation.outlet in text


def test_the_debrief_of_an_unfinished_game_says_so(river: tuple[World, str]):
    world, _ = river
    state = play_turn(world, new_game(world, "NRL", 0), "hold_firm")
    text = debrief_markdown(world, state)
    assert "## The game is not over" in text
    assert "Next is turn 2." in text


def test_prose_reflows_lines_but_keeps_paragraphs_and_lists():
    text = "Two neighbours quarrel\nover a dam.\n\nWhat you can do:\n- talk\n- wait\n"
    assert prose(text) == "Two neighbours quarrel over a dam.\n\nWhat you can do:\n- talk\n- wait"


DELAYED = """
format: 1
id: delayed
title: Delayed
summary: A move that lands a turn later.
start_date: "2030-01-01"
turns: 3
actors:
  - id: AAA
    name: Aland
    playable: true
    goals: [{id: liked, label: Be liked, measure: "rel(BBB, AAA)"}]
  - {id: BBB, name: Bland}
options:
  - {id: wait, by: [AAA], label: Wait}
  - id: ship
    by: [AAA]
    label: Ship the aid
    delay: 1
    once: true
    effects: [{rel: BBB -> AAA, change: 10}]
endings:
  - {id: over, title: Time runs out}
"""


def test_a_delayed_move_reads_under_way_then_landed():
    loaded = load_scenario_text(DELAYED).loaded
    assert loaded is not None
    world = World.build(loaded)
    state = play_turn(world, new_game(world, "AAA", 0), "ship")
    assert [d.outcome for d in decisions(world, state)] == ["under way"]
    state = play_turn(world, state, "wait")
    assert [d.outcome for d in decisions(world, state)] == ["landed turn 2: done", "done"]
    row = next(r for r in option_rows(world, state) if r.id == "ship")
    assert row.reason == "Already taken"

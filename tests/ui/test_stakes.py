"""Stakes in sight: the endings a seat can aim for, what its goals weigh, the relations they
read and what the running score counts, all checked against the engine's own rules."""

from __future__ import annotations

import attrs
import pytest

from game.engine import State, World, available_options, new_game, play_turn, preview, score
from game.ui import view


def with_all_relations(world: World, state: State, value: int) -> State:
    return attrs.evolve(state, rel=tuple(value for _ in state.rel))


def first_holding(world: World, state: State) -> str:
    """The ending the engine's final check would pick: the first whose compiled condition
    holds, read with `turn` at the last turn, else the fallback."""
    at_end = attrs.evolve(state, turn=world.scenario.turns)
    fallback = ""
    for ending in world.endings:
        if ending.when is None:
            fallback = ending.model.title
        elif ending.when(at_end):
            return ending.model.title
    return fallback


def test_when_two_endings_hold_the_first_is_chosen_and_both_show(s400: tuple[World, str]):
    """Turkey with 'back in the fold' and 'go-between' both holding gets the first (75), not
    the better second (90): the stakes say so instead of hiding the order."""
    world, _ = s400
    state = with_all_relations(world, new_game(world, "TUR", 0), 45)
    state = attrs.evolve(state, flags=frozenset({"f35_path", "talks_hosted"}))
    stakes = view.ending_stakes(world, state)
    holding = [s for s in stakes if s.holds and not s.fallback]
    assert len(holding) >= 2
    chosen = [s for s in stakes if s.chosen]
    assert len(chosen) == 1 and chosen[0] is holding[0]
    assert chosen[0].title == first_holding(world, state)
    assert holding[1].score > chosen[0].score  # the better one is not what counts
    assert all(c.holds for c in chosen[0].clauses)


@pytest.mark.parametrize("role", ["TUR", "USA", "UKR", "RUS"])
def test_stakes_agree_with_the_compiled_endings_along_a_game(s400: tuple[World, str], role):
    world, _ = s400
    state = new_game(world, role, 4)
    for _turn in range(5):
        stakes = view.ending_stakes(world, state)
        at_end = attrs.evolve(state, turn=world.scenario.turns)
        for stake, ending in zip(stakes, world.endings, strict=True):
            assert stake.title == ending.model.title
            assert stake.score == ending.model.scores.get(role, 50)
            if ending.when is not None:
                assert stake.holds == bool(ending.when(at_end))
                assert stake.clauses and all(c.need for c in stake.clauses)
                assert all("rel(" not in c.need and "flag(" not in c.need for c in stake.clauses)
        assert [s.title for s in stakes if s.chosen] == [first_holding(world, state)]
        offered = available_options(world, state, role)
        state = play_turn(world, state, offered[-1].id if offered else None)


def test_the_us_sees_the_third_party_relation_its_goal_reads(s400: tuple[World, str]):
    world, _ = s400
    state = new_game(world, "USA", 0)
    watched = view.turn_view(world, state).watched
    third = [w for w in watched if w.third_party]
    assert [w.subject for w in third] == ["Turkey's view of Russia"]
    assert third[0].value == state.rel[world.rel_index("TUR", "RUS")]
    assert third[0].goals  # named by the goal that reads it
    assert not any(w.third_party for w in view.turn_view(world, new_game(world, "TUR", 0)).watched)


def test_the_forecast_gives_the_net_change_of_the_score(s400: tuple[World, str]):
    """The weighted net change is what the score card itself would say after the move's
    changes: each goal's change weighed as the score weighs it."""
    world, _ = s400
    state = new_game(world, "TUR", 0)
    before = score(world, state).goal_score
    share = world.scenario.rules.ending_share
    checked = 0
    for option in available_options(world, state, "TUR"):
        if option.model.chance < 1 or option.model.delay:
            continue
        advice = view.advice(world, state, option.id)
        changed = _apply(world, state, option.id)
        expected = (1 - share) * (score(world, changed).goal_score - before)
        assert advice.score_change == pytest.approx(expected, abs=1e-9), option.id
        assert sum(p for _, p in advice.weighted) == pytest.approx(advice.score_change)
        checked += 1
    assert checked >= 2


def _apply(world: World, state: State, option_id: str) -> State:
    """The position with a certain move's forecast changes applied, nothing else."""
    (outcome,) = preview(world, state, option_id).outcomes
    rel, stats = list(state.rel), list(state.stats)
    for change in outcome.changes:
        if change.kind == "rel":
            rel[world.rel_index(*change.subject)] = change.after
        elif change.kind == "stat":
            stats[world.stat_keys.index(change.subject)] = change.after
    return attrs.evolve(state, rel=tuple(rel), stats=tuple(stats))


def test_goal_weights_and_what_the_score_counts(s400: tuple[World, str]):
    world, _ = s400
    share = world.scenario.rules.ending_share
    briefing = view.briefing_view(world, "TUR")
    weights = briefing.weights
    assert [w.label for w in weights] == list(briefing.goals)
    assert [w.weight for w in weights] == [g.weight for g in world.actor("TUR").goals]
    assert sum(w.share for w in weights) == pytest.approx(1 - share)
    assert briefing.endings and briefing.score_rule
    role = next(r for r in view.roles_view(world).roles if r.id == "TUR")
    assert role.weights == weights
    state = new_game(world, "TUR", 0)
    note = view.turn_view(world, state).score_note
    assert note.startswith(f"Score {score(world, state).total} = ")
    assert "neutral until it is known" in note

"""Conditions in words: the failing clause (not the first), from labels, never the code."""

from __future__ import annotations

import attrs
import pytest

from game.cli import load_world
from game.engine import State, World, new_game
from game.engine.explain import clauses, failing
from game.paths import shipped_scenarios
from game.scenario.expr import parse


@pytest.fixture(scope="module")
def s400() -> World:
    path = next(p for p in shipped_scenarios() if p.stem == "s400_transfer")
    world, _ = load_world(path)
    return world


def with_rel(world: World, state: State, viewer: str, viewed: str, value: int) -> State:
    rel = list(state.rel)
    rel[world.rel_index(viewer, viewed)] = value
    return attrs.evolve(state, rel=tuple(rel))


def test_only_the_failing_clause_is_worded_and_from_labels(s400: World) -> None:
    state = attrs.evolve(new_game(s400, "TUR", 0), flags=frozenset({"us_formal_request"}))
    condition = parse("flag(us_formal_request) and not flag(s400_mothballed) and turn >= 1")
    assert failing(s400, condition, state, "TUR") == ()
    stored = attrs.evolve(state, flags=state.flags | {"s400_mothballed"})
    assert failing(s400, condition, stored, "TUR") == ("closed: Turkey has stored the S-400s",)


def test_a_flag_not_yet_set_says_what_is_needed(s400: World) -> None:
    state = new_game(s400, "TUR", 0)
    reasons = failing(s400, parse("flag(s400_mothballed)"), state, "TUR")
    assert reasons == ("needs: Turkey has stored the S-400s (not yet)",)


def test_a_relation_threshold_gives_the_bound_and_the_value_from_the_seat_side(
    s400: World,
) -> None:
    state = with_rel(s400, new_game(s400, "TUR", 0), "RUS", "TUR", -24)
    reasons = failing(s400, parse("rel(RUS, SELF) > -20"), state, "TUR", self_actor="TUR")
    assert reasons == ("Russia's view of you must be above -20; it is -24",)
    # The same clause, once it holds, is no longer a reason.
    better = with_rel(s400, state, "RUS", "TUR", -19)
    assert failing(s400, parse("rel(RUS, SELF) > -20"), better, "TUR", self_actor="TUR") == ()


def test_not_flips_a_comparison_and_a_number_on_the_left_is_mirrored(s400: World) -> None:
    state = with_rel(s400, new_game(s400, "USA", 0), "TUR", "USA", 5)
    assert failing(s400, parse("not (rel(TUR, USA) < 10)"), state, "USA") == (
        "Turkey's view of you must be at least +10; it is +5",
    )
    assert failing(s400, parse("10 <= rel(TUR, USA)"), state, "USA") == (
        "Turkey's view of you must be at least +10; it is +5",
    )


def test_stats_read_by_their_label(s400: World) -> None:
    state = new_game(s400, "TUR", 0)
    (clause,) = clauses(s400, parse("stat(UKR, air_defence) >= 90"), state, "TUR")
    assert clause.need == "Ukraine's air defence at least 90"
    assert not clause.holds
    assert clause.now == f"it is {state.stats[s400.stat_keys.index(('UKR', 'air_defence'))]}"


def test_turn_windows_read_as_turns(s400: World) -> None:
    state = new_game(s400, "TUR", 0)
    assert failing(s400, parse("turn == 3"), state, "TUR") == ("only on turn 3; it is turn 1",)
    assert failing(s400, parse("turn >= 2"), state, "TUR") == ("from turn 2; it is turn 1",)


def test_a_disjunction_is_one_clause_listing_each_way(s400: World) -> None:
    state = new_game(s400, "TUR", 0)
    condition = parse("flag(s400_sent) or turn >= 4")
    (clause,) = clauses(s400, condition, state, "TUR")
    assert not clause.holds
    assert clause.reason == (
        "needs one of: Turkey has sent the S-400s to Ukraine (not yet); "
        "or from turn 4 (it is turn 1)"
    )
    # De Morgan: not (a or b) is two clauses, each its own reason.
    both = attrs.evolve(state, flags=frozenset({"s400_sent", "straits_closed"}))
    assert failing(s400, parse("not (flag(s400_sent) or flag(straits_closed))"), both, "TUR") == (
        "closed: Turkey has sent the S-400s to Ukraine",
        "closed: Turkey has closed the Straits to warships",
    )


def test_taken_and_fired_name_the_option_and_event(s400: World) -> None:
    state = new_game(s400, "TUR", 0)
    option = s400.option("tur_offer_mediation")
    event = s400.scenario.events[0]
    assert failing(s400, parse("taken(tur_offer_mediation, TUR)"), state, "TUR") == (
        f"needs: you have taken “{option.label}” (not yet)",
    )
    assert failing(s400, parse(f"fired({event.id})"), state, "TUR") == (
        f"needs: “{event.title}” has happened (not yet)",
    )


def test_every_clause_agrees_with_the_compiled_condition(s400: World) -> None:
    """The words never disagree with the rule: a condition holds exactly when all its
    clauses do, for every option's `requires:` on a few positions."""
    positions = [new_game(s400, role, 0) for role in s400.playable]
    for state in positions:
        role = state.role
        for option in s400.actor_options[s400.actor_index[role]]:
            if option.requires is None:
                continue
            expected = bool(option.requires(state))
            worded = clauses(s400, option.model.requires, state, role, self_actor=role)
            assert all(c.holds for c in worded) == expected, option.id
            words = " ".join(f"{c.need} {c.reason}" for c in worded)
            assert "flag(" not in words and "rel(" not in words and "SELF" not in words
            assert not [f for f in s400.scenario.flags if f in words], option.id

"""The reaction rule is written once (``game.engine.reaction``); its array form agrees.

The scalar engine calls ``Reaction`` per actor and the batch simulator calls the same methods
on rows of games through ``ArrayReaction``, which replaces only rounding and clamping. Here
the array form is held to the scalar one element for element, over stances, deltas and views
across (and at) the thresholds and bounds, with the fractional shares that round at halves.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.reaction import Reaction
from game.scenario.model import Rules
from game.sim.batch_board import ArrayReaction

SHARES = st.sampled_from([0.0, 0.1, 0.25, 0.3, 0.5, 0.75, 1.0, 1.5])


@st.composite
def rules(draw: st.DrawFn) -> Rules:
    low = draw(st.integers(-200, 0))
    high = draw(st.integers(1, 200))
    enemy = draw(st.integers(low, 0))
    ally = draw(st.integers(max(enemy + 1, 1), high))
    return Rules(
        relation_bounds=(low, high),
        ally_threshold=ally,
        enemy_threshold=enemy,
        ally_reaction=draw(SHARES),
        enemy_reaction=draw(SHARES),
        reactions=draw(st.sampled_from(["grievances", "all"])),
    )


@settings(max_examples=60, deadline=None)
@given(rules=rules(), data=st.data())
def test_the_array_form_of_the_rule_equals_the_scalar_form(rules, data):
    scalar, array = Reaction(rules), ArrayReaction(rules)
    low, high = rules.relation_bounds
    span = high - low
    values = st.integers(low, high)
    size = data.draw(st.integers(1, 40))
    stances = data.draw(st.lists(values, min_size=size, max_size=size))
    olds = data.draw(st.lists(values, min_size=size, max_size=size))
    deltas = data.draw(st.lists(st.integers(-span, span), min_size=size, max_size=size))
    news = array.react(
        np.array(stances, dtype=np.int64),
        np.array(olds, dtype=np.int64),
        array.shifts(np.array(deltas, dtype=np.int64)),
    )
    assert news.dtype == np.int64
    expected = [
        scalar.react(stance, old, scalar.shifts(delta))
        for stance, old, delta in zip(stances, olds, deltas, strict=True)
    ]
    assert news.tolist() == expected
    assert all(low <= value <= high for value in expected)
    reacts = array.reacts(np.array(stances, dtype=np.int64)).tolist()
    assert reacts == [bool(scalar.reacts(stance)) for stance in stances]
    assert reacts == [stance in scalar.reacting for stance in stances]


def test_the_rule_moves_allies_with_the_viewer_and_enemies_against_it():
    rule = Reaction(
        Rules(
            relation_bounds=(-100, 100),
            ally_threshold=40,
            enemy_threshold=-40,
            ally_reaction=0.5,
            enemy_reaction=0.25,
            reactions="all",
        )
    )
    shifts = rule.shifts(-10)
    assert shifts == (-5, 3)  # the enemy share, +2.5, rounds away from zero
    assert rule.shifts_for[-10] == shifts
    assert rule.react(40, 0, shifts) == -5  # at the ally threshold: an ally
    assert rule.react(39, 0, shifts) == 0  # between the thresholds: no reaction
    assert rule.react(-40, 0, shifts) == 3  # at the enemy threshold: an enemy
    assert rule.react(90, -98, shifts) == -100  # held at the lower bound
    assert rule.react(-90, 99, shifts) == 100  # and at the upper one
    assert rule.reacting == frozenset(range(-100, -39)) | frozenset(range(40, 101))


def test_bounds_too_wide_to_list_every_stance_still_know_who_reacts():
    rules = Rules(relation_bounds=(-(10**9), 10**9), ally_threshold=5 * 10**8, enemy_threshold=-3)
    rule = Reaction(rules)
    assert not isinstance(rule.reacting, frozenset)
    for stance in (-(10**9), -4, -3, -2, 0, 5 * 10**8 - 1, 5 * 10**8, 10**9):
        assert (stance in rule.reacting) == bool(rule.reacts(stance))
    assert -3 in rule.reacting and 0 not in rule.reacting and 5 * 10**8 in rule.reacting


GRIEVANCES = Rules(
    relation_bounds=(-100, 100),
    ally_threshold=40,
    enemy_threshold=-40,
    ally_reaction=0.5,
    enemy_reaction=0.25,
)


def test_by_default_only_a_grievance_sets_off_reactions():
    """Turkey warming to Russia moves no one: Ukraine, Turkey's friend, does not warm to
    Moscow for it, and Washington, Moscow's rival, does not cool on anyone."""
    rule = Reaction(GRIEVANCES)
    assert GRIEVANCES.reactions == "grievances"
    warming = rule.shifts(10)
    assert rule.react(60, 0, warming) == 0  # an ally of the viewer
    assert rule.react(-60, 0, warming) == 0  # an enemy of the viewer
    falling = rule.shifts(-10)
    assert rule.react(60, 0, falling) == -5  # a friend of the wronged cools on the offender
    assert rule.react(-60, 0, falling) == 3  # a rival of the wronged warms to it


def test_a_firm_view_of_its_own_does_not_move_with_a_friends_quarrel():
    """Z with a firm view of Y (its ally or enemy) keeps its own mind: Ukraine does not cool
    on Washington because Ankara fell out with it."""
    rule = Reaction(GRIEVANCES)
    falling = rule.shifts(-10)
    assert rule.react(60, 70, falling) == 70  # Z is Y's ally
    assert rule.react(60, 40, falling) == 40  # at the ally threshold: firm
    assert rule.react(60, -40, falling) == -40  # at the enemy threshold: firm
    assert rule.react(60, 39, falling) == 34  # just inside: open to a friend's grievance
    assert rule.react(60, -39, falling) == -44

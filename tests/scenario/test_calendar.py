"""Turns of different lengths (`phases:`): weekly talks and a vote a year later in one game."""

from __future__ import annotations

import datetime

import attrs

from game.engine import World
from game.scenario import calendar, load_scenario
from game.scenario.model import Phase
from tests.scenario.conftest import errors, load, starter_text

RATIFICATION = "tests/cookbook/ratification.yaml"


def test_turns_last_turn_days_until_a_phase_begins() -> None:
    scenario = load_scenario(RATIFICATION).loaded.scenario  # weekly, 180 days from turn 4
    assert [calendar.turn_length(scenario, t) for t in range(1, 7)] == [7, 7, 7, 180, 180, 180]
    assert [calendar.days_before(scenario, t) for t in range(1, 8)] == [0, 7, 14, 21, 201, 381, 561]
    assert calendar.describe(scenario) == "3 turns of 7 days, then 3 of 180 days"


def test_several_phases_and_none() -> None:
    base = load_scenario(RATIFICATION).loaded.scenario
    plain = attrs.evolve(base, phases=())
    assert [calendar.days_before(plain, t) for t in (1, 2, 7)] == [0, 7, 42]
    assert calendar.describe(plain) == "6 turns of 7 days"
    two = attrs.evolve(
        base, phases=(Phase(from_turn=2, turn_days=30), Phase(from_turn=6, turn_days=1))
    )
    assert [calendar.days_before(two, t) for t in range(1, 8)] == [0, 7, 37, 67, 97, 127, 128]
    assert calendar.describe(two) == "1 turn of 7 days, then 4 of 30 days, then 1 of 1 days"


def test_the_engine_dates_turns_by_the_phases() -> None:
    world = World.build(load_scenario(RATIFICATION).loaded)
    assert world.date_of(1) == datetime.date(2031, 9, 1)
    assert world.date_of(4) == datetime.date(2031, 9, 22)
    assert world.date_of(5) == datetime.date(2032, 3, 20)


def test_a_calendar_that_runs_past_the_year_9999_is_refused_with_phases() -> None:
    text = starter_text().replace(
        "turn_days: 7\n", "turn_days: 7\nphases:\n  - {from_turn: 2, turn_days: 3000000}\n"
    )
    messages = [d.message for d in errors(load(text))]
    assert any(
        "1 turn of 7 days, then 4 of 3,000,000 days from 2030-05-01 end after" in m
        for m in messages
    )

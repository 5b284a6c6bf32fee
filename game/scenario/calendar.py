"""The in-world calendar: how long each turn lasts, so weekly talks and a ratification a year
later can share one game.

A scenario's turns last `turn_days` days, except from the first turn of each of its `phases`
on, where that phase's `turn_days` holds. This module is the one place that rule is written:
the engine dates turns with it, the checker bounds the last date with it, and the briefing
describes the turns with it.
"""

from __future__ import annotations

from game.scenario.model import Scenario


def turn_length(scenario: Scenario, turn: int) -> int:
    """Days turn ``turn`` lasts: the last phase begun by then, else `turn_days`."""
    days = scenario.turn_days
    for phase in scenario.phases:
        if phase.from_turn <= turn:
            days = phase.turn_days
    return days


def days_before(scenario: Scenario, turn: int) -> int:
    """Days from the start of turn 1 to the start of ``turn`` (``turns + 1``: the end)."""
    total, at, days = 0, 1, scenario.turn_days
    for phase in sorted(scenario.phases, key=lambda p: p.from_turn):
        start = min(max(phase.from_turn, 1), turn)
        total += (start - at) * days if start > at else 0
        at, days = max(at, start), phase.turn_days
    return total + (turn - at) * days


def describe(scenario: Scenario) -> str:
    """The turns in words, for the briefing: "6 turns of 7 days", or with phases "4 turns of
    7 days, then 2 of 180 days"."""
    parts: list[tuple[int, int]] = []  # (turns, days) in order
    at, days = 1, scenario.turn_days
    for phase in sorted(scenario.phases, key=lambda p: p.from_turn):
        start = min(max(phase.from_turn, 1), scenario.turns + 1)
        if start > at:
            parts.append((start - at, days))
        at, days = max(at, start), phase.turn_days
    if scenario.turns + 1 > at:
        parts.append((scenario.turns + 1 - at, days))
    words = [
        f"{count}{' turn' + ('s' if count != 1 else '') if i == 0 else ''} of {length:,} days"
        for i, (count, length) in enumerate(parts)
    ]
    return ", then ".join(words)

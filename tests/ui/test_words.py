"""What a student reads has no code in it: no flag or stat id, no condition text, in any
view, report or debrief of a shipped scenario, whichever role plays."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
import pytest

from game.cli import load_world
from game.debrief import debrief_markdown
from game.engine import State, World, available_options, new_game, play_turn
from game.paths import shipped_scenarios
from game.ui import view

SCENARIOS = shipped_scenarios()
TURNS = 6
"""Turns played per role and seed: enough to set flags and move stats in every scenario."""


def strings(value: object) -> Iterator[str]:
    """Every piece of text inside a view, however deep."""
    if isinstance(value, str):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from strings(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from strings(item)


def raw_ids(world: World) -> re.Pattern[str]:
    """Ids that read as code: flag and stat names with an underscore (one-word names such as
    `support` are plain English, and stay out of the scan so that words do not match)."""
    names = set(world.scenario.flags) | {s for _, s in world.stat_keys}
    for option in world.options:
        for effect in (*option.effects, *option.otherwise):
            if effect.flag:
                names.add(effect.flag)
    coded = sorted(n for n in names if "_" in n)
    return re.compile(r"\b(" + "|".join(map(re.escape, coded)) + r")\b|\bflag\(|\brel\(|\bSELF\b")


def screens_of(world: World, state: State) -> Iterator[object]:
    """Every view a student can open in this position."""
    yield view.turn_view(world, state)
    for option in available_options(world, state, state.role):
        yield view.option_view(world, option.id)
        yield view.advice(world, state, option.id)
    if state.log:
        yield view.report_view(world, state.log[-1], state.role)


def play(world: World, role: str, seed: int) -> Iterator[tuple[State, object]]:
    state = new_game(world, role, seed)
    yield state, view.briefing_view(world, role)
    for turn in range(TURNS):
        if state.over:
            break
        for screen in screens_of(world, state):
            yield state, screen
        offered = available_options(world, state, role)
        pick = offered[(seed * turn + seed) % len(offered)].id if offered else None
        state = play_turn(world, state, pick)
    for screen in screens_of(world, state):
        yield state, screen
    debrief = "\n".join(
        line for line in debrief_markdown(world, state).splitlines() if "**Replay:**" not in line
    )
    yield state, debrief


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_no_raw_flag_or_stat_id_reaches_a_student(path) -> None:
    world, _ = load_world(path)
    pattern = raw_ids(world)
    for text in strings(view.roles_view(world)):
        assert not pattern.search(text), text
    seen_flags = 0
    for role in world.playable:
        for seed in (1, 2, 3):
            for state, screen in play(world, role, seed):
                seen_flags = max(seen_flags, len(state.flags))
                for text in strings(screen):
                    found = pattern.search(text)
                    assert found is None, f"{role} seed {seed}: {found.group()!r} in {text!r}"
    assert seen_flags, "some flag was set along the way: the case under test"

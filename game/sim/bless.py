"""Recording a playthrough as a golden transcript (`detente run ... --bless FILE`).

The transcript replays the same choices and, after each, expects every government's view of
the player to be exactly what it was and the flags the turn set or cleared (the story's
beats), then expects the ending. Any later change to the rules
or the scenario that alters this game makes the transcript fail at the first turn that
differs, which is what a golden file is for. Re-bless after an intended change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from game.engine import State, World, new_game, play_turn
from game.saves import atomic_write_text
from game.writeguard import SCENARIO, TRANSCRIPT, check_may_write


def blessed(
    world: World, state: State, scenario_path: str, target: str, description: str = ""
) -> dict[str, Any]:
    """The transcript of ``state``'s game (from its seed and choices) as plain data."""
    role = state.role
    others = [a for a in world.actor_ids if a != role]
    replay = new_game(world, role, state.seed)
    steps: list[dict[str, Any]] = []
    for choice in state.choices:
        flags_before = replay.flags
        replay = play_turn(world, replay, choice, record=False)
        steps.append({"choose": choice} if choice is not None else {"wait": True})
        views = " and ".join(
            f"rel({o}, {role}) == {replay.rel[world.rel_index(o, role)]}" for o in others
        )
        steps.append({"expect": views})
        # The story beats of the turn: flags it set or cleared.
        steps += [{"expect": f"flag({flag})"} for flag in sorted(replay.flags - flags_before)]
        steps += [{"expect": f"not flag({flag})"} for flag in sorted(flags_before - replay.flags)]
    if replay.over:
        steps.append({"ending": replay.ending})
    folder = Path(target).resolve().parent
    return {
        "scenario": os.path.relpath(Path(scenario_path).resolve(), folder),
        "role": role,
        "seed": state.seed,
        "description": description
        or f"Golden playthrough recorded with --bless ({len(state.choices)} turns).",
        "steps": steps,
    }


def write_blessed(
    world: World, state: State, scenario_path: str, target: str, description: str = ""
) -> None:
    """Write the transcript to ``target``; WriteRefused (``game.writeguard``) if a file is
    there that is not a transcript, or it is the scenario."""
    check_may_write(target, TRANSCRIPT, [(scenario_path, SCENARIO)])
    data = blessed(world, state, scenario_path, target, description)
    header = "# Recorded by `detente run --bless`; re-record after an intended change.\n"
    atomic_write_text(
        target, header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    )

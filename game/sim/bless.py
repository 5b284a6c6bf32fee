"""Recording a playthrough as a golden transcript (`detente run ... --bless FILE`).

The transcript replays the same choices and, after each, expects every government's view of
the player to be exactly what it was and the flags the turn set or cleared (the story's
beats), then expects the ending. A game with several seats is recorded with ``seats:`` and a
``play:`` step per turn, each followed by every government's view of each seat. Any later
change to the rules or the scenario that alters this game makes the transcript fail at the
first turn that differs, which is what a golden file is for. Re-bless after an intended change.
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
    seats = state.seats
    if state.multi_seat:
        replay = new_game(world, seats=seats, seed=state.seed)
        who: dict[str, Any] = {"seats": list(seats)}
        turns = [dict(zip(seats, moves, strict=True)) for moves in zip(*state.moves, strict=True)]
    else:
        replay = new_game(world, state.role, state.seed)
        who = {"role": state.role}
        turns = [{state.role: choice} for choice in state.choices]
    steps: list[dict[str, Any]] = []
    for turn in turns:
        flags_before = replay.flags
        if state.multi_seat:
            replay = play_turn(world, replay, turn, record=False)
            steps.append({"play": turn})
        else:
            (choice,) = turn.values()
            replay = play_turn(world, replay, choice, record=False)
            steps.append({"choose": choice} if choice is not None else {"wait": True})
        for seat in seats:
            views = " and ".join(
                f"rel({o}, {seat}) == {replay.rel[world.rel_index(o, seat)]}"
                for o in world.actor_ids
                if o != seat
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
        **who,
        "seed": state.seed,
        "description": description
        or f"Golden playthrough recorded with --bless ({len(turns)} turns).",
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

"""Turning a deep check's exploration into diagnostics at `file:line`, and witness transcripts.

Kept apart from the search so the search stays a pure function of the world, and so the
report speaks the checker's language. What was never reached is reported at the line of its
id (unless the scenario lists it under `known_unreachable`): an error when the search was
exhaustive (it cannot happen, for the seeds searched), a warning when the search was bounded
(not reached within so many positions, which proves nothing). A chance side never seen is a
warning, a loose end an error with the command that walks into it, and a search the time limit
cut short a warning of its own, since its findings then depend on the machine.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TextIO

import attrs
import yaml

from game.engine import World
from game.scenario.diagnostics import Diagnostic, Severity
from game.scenario.loader import LoadResult
from game.scenario.yamlread import Marks, read_yaml
from game.sim.deep_limits import DEFAULT_POSITIONS, DEFAULT_TIME_LIMIT
from game.sim.explore import Exploration, Witness, explore
from game.writeguard import (
    SCENARIO,
    WITNESS,
    WITNESS_DESCRIPTION,
    WriteRefused,
    check_may_write,
    check_may_write_into,
)


def replay_command(path: str, witness: Witness) -> str:
    choices = ",".join(c or "-" for c in witness.choices)
    return f"detente run {path} --as {witness.role} --seed {witness.seed} --choose {choices}"


def deep_diagnostics(world: World, path: str, marks: Marks, found: Exploration) -> list[Diagnostic]:
    """Errors for what was never reached and for loose ends; warnings for unseen chance sides."""
    scenario = world.scenario
    allowed = set(scenario.known_unreachable)
    if found.exhaustive:
        never: Severity = "error"
        searched = f"in an exhaustive search ({found.states:,} positions)"
    else:
        never = "warning"
        searched = (
            f"within {found.states:,} positions (a bounded search, so this proves nothing: "
            "raise --positions to look further)"
        )
    diagnostics: list[Diagnostic] = []

    def report(section: str, index: int, message: str, severity: Severity = "error") -> None:
        place = marks.value((section, index, "id"))
        diagnostics.append(Diagnostic(severity, message, path, place.line, place.col, "deep check"))

    if found.timed_out:
        diagnostics.append(
            Diagnostic(
                "warning",
                f"the deep check stopped at its time limit after {found.states:,} positions, "
                "before its budget of positions was spent, so what it reports depends on "
                "this machine's speed; raise --time-limit for a result that does not",
                path,
            )
        )
    for i, option in enumerate(scenario.options):
        if option.id in allowed:
            continue
        if ("option", option.id) not in found.seen:
            report(
                "options",
                i,
                f"option '{option.id}' was never taken {searched}; "
                "check its `requires:` and who may take it, or list it under known_unreachable",
                never,
            )
            continue
        if option.chance < 1:
            for side in ("success", "failure"):
                if (f"option-{side}", option.id) not in found.seen:
                    report(
                        "options",
                        i,
                        f"option '{option.id}' never ended in {side} {searched}",
                        "warning",
                    )
    for i, event in enumerate(scenario.events):
        if event.id not in allowed and ("event", event.id) not in found.seen:
            report(
                "events",
                i,
                f"event '{event.id}' never fired {searched}; check its "
                "`turn:`/`when:`, or list it under known_unreachable",
                never,
            )
    for i, ending in enumerate(scenario.endings):
        if ending.id not in allowed and ("ending", ending.id) not in found.seen:
            report(
                "endings",
                i,
                f"ending '{ending.id}' was never reached {searched}; "
                "check its `when:` against what the options can do, "
                "or list it under known_unreachable",
                never,
            )
    for loose in found.loose_ends:
        diagnostics.append(
            Diagnostic(
                "error",
                f"loose end: playing {loose.witness.role}, on turn {loose.turn} no option is "
                "available and the game is not over; walk into it with: "
                + replay_command(path, loose.witness),
                path,
            )
        )
    return diagnostics


def ending_witnesses(world: World, found: Exploration) -> dict[str, Witness]:
    """For each ending reached, the first game that reached it."""
    return {
        e.id: found.seen[("ending", e.id)] for e in world.endings if ("ending", e.id) in found.seen
    }


def write_witness(
    directory: str, scenario_path: str, world: World, ending: str, witness: Witness
) -> str:
    """Write a ready transcript that replays a witness and expects its ending; return its path.

    WriteRefused (``game.writeguard``) when the file there is the scenario or anything but an
    earlier witness transcript: a witness folder may be any folder, even the scenario's own.
    """
    from game.output import CannotWrite

    check_may_write_into(directory)
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CannotWrite(errno.ENOTDIR, "it is not a folder", directory) from None
    except OSError as error:
        raise CannotWrite(error.errno, error.strerror, directory) from None
    target = folder / f"{world.scenario.id}-{ending}.yaml"
    check_may_write(target, WITNESS, [(scenario_path, SCENARIO)])
    folder.mkdir(parents=True, exist_ok=True)
    steps = [{"choose": c} if c is not None else {"wait": True} for c in witness.choices]
    steps.append({"ending": ending})
    data = {
        "scenario": os.path.relpath(Path(scenario_path).resolve(), folder.resolve()),
        "role": witness.role,
        "seed": witness.seed,
        "description": f"{WITNESS_DESCRIPTION}: a way to reach '{ending}'.",
        "steps": steps,
    }
    from game.saves import atomic_write_text

    atomic_write_text(target, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return str(target)


@attrs.frozen
class DeepOptions:
    """How far `check --deep` searches, and where it writes witnesses.

    Attributes:
        positions: The budget: positions to explore at most, over all roles and seeds.
        time_limit: A safety cap in seconds; hitting it is reported as a warning.
        seeds: The seeds searched, one search per role and seed.
        beam: The most positions a pass keeps per turn.
        witness_dir: Where to write a transcript reaching each ending, if anywhere.
    """

    positions: int = DEFAULT_POSITIONS
    time_limit: float = DEFAULT_TIME_LIMIT
    seeds: tuple[int, ...] = (0, 1, 2)
    beam: int = 300
    witness_dir: str | None = None


def run_deep(path: str, result: LoadResult, options: DeepOptions, out: TextIO) -> list[Diagnostic]:
    """Explore a checked scenario and report; prints the endings' witnesses as it goes."""
    assert result.loaded is not None
    world = World.build(result.loaded)
    found = explore(
        world,
        seeds=options.seeds,
        beam=options.beam,
        max_states=options.positions,
        time_limit=options.time_limit,
    )
    how = (
        "exhaustive"
        if found.exhaustive
        else f"bounded search, budget {options.positions:,} positions"
        + (", stopped by the time limit" if found.timed_out else "")
    )
    print(
        f"{path}: deep check of {', '.join(world.playable)}: {found.states:,} positions in "
        f"{found.elapsed:.1f} s ({how})",
        file=out,
    )
    refused: list[tuple[str, str]] = []
    for ending, witness in ending_witnesses(world, found).items():
        line = f"  ending '{ending}': {replay_command(path, witness)}"
        if options.witness_dir:
            try:
                written = write_witness(options.witness_dir, path, world, ending, witness)
            except WriteRefused as error:
                refused.append((ending, str(error)))
            else:
                line += f"\n    transcript: {written}"
        print(line, file=out)
    marks = read_yaml(result.text or "").marks
    return deep_diagnostics(world, path, marks, found) + _refusals(world, path, marks, refused)


def _refusals(
    world: World, path: str, marks: Marks, refused: list[tuple[str, str]]
) -> list[Diagnostic]:
    """A witness not written because its file may not be replaced: an error at the ending."""
    index = {e.id: i for i, e in enumerate(world.scenario.endings)}
    found = []
    for ending, why in refused:
        place = marks.value(("endings", index[ending], "id"))
        message = f"the witness of ending '{ending}' was not written: {why}"
        found.append(Diagnostic("error", message, path, place.line, place.col, "deep check"))
    return found

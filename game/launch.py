"""Opening a game for `detente play`: the scenario, any save, the role, and the tutorial offer.

The app calls ``open_game`` in a background worker once its first frame is on screen, so a
student sees the game start at once while the engine is imported and the scenario is loaded
and checked (issue 4 asks for a first frame within 0.5 s). Everything here may fail on bad
input; each failure is a ``LaunchError`` carrying the message, the checker's report and the
exit code, which `detente play` prints once the terminal is restored.
"""

from __future__ import annotations

import os

import attrs

from game.analysis import PlayRecord
from game.engine import State, World
from game.exitcodes import EXIT_INVALID, EXIT_UNREADABLE
from game.paths import default_scenario, tutorial_scenario
from game.saves import SaveError, never_played, read_save, restore
from game.scenario.loader import LoadResult, load_scenario, render_report


class LaunchError(Exception):
    """The game cannot be opened: ``str(error)`` says why, ``details`` holds the checker's
    messages (with excerpts) to print above it, and ``code`` is the exit code."""

    def __init__(self, message: str, code: int = EXIT_INVALID, details: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.details = details


@attrs.frozen
class Opening:
    """A game ready to show: the scenario's world, a restored position if a save was given,
    and the tutorial to offer first (its world and path) if this player is new."""

    world: World
    scenario_path: str
    state: State | None = None
    tutorial: tuple[World, str] | None = None
    seats: tuple[str, ...] = ()
    """The roles of a new hot-seat game (`--seats`); a save with seats keeps its own."""
    pick_seats: bool = False
    """`--seats` without roles: the players choose their governments on the seat picker."""
    record: PlayRecord | None = None
    """What the save kept beside the moves (student, advisor, reflections)."""


MIN_SEATS = 2
MAX_SEATS = 4
"""Hot-seat play is for 2 to 4 people: more would wait too long for the keyboard."""


def seats_to_play(world: World, text: str) -> tuple[str, ...]:
    """`--seats TUR,USA` as roles: 2-4 different playable roles, else LaunchError (exit 1)."""
    seats = tuple(s.strip() for s in text.split(",") if s.strip())
    playable = ", ".join(world.playable)
    for seat in seats:
        if seat not in world.playable:
            raise LaunchError(f"--seats {seat}: not a playable role; choose from {playable}")
    if len(set(seats)) != len(seats):
        raise LaunchError(f"--seats {text}: each role holds one seat only")
    if not MIN_SEATS <= len(seats) <= MAX_SEATS:
        raise LaunchError(
            f"--seats {text}: hot-seat play needs {MIN_SEATS} to {MAX_SEATS} roles "
            f"(one person alone plays with --as ROLE); choose from {playable}"
        )
    return seats


def load_world(path: str | os.PathLike[str]) -> tuple[World, LoadResult]:
    """Load a scenario for play; LaunchError (with the checker's errors) when it has errors."""
    result = load_scenario(path)
    if result.loaded is None:
        errors = [d for d in result.diagnostics if d.is_error]
        code = EXIT_UNREADABLE if result.unreadable else EXIT_INVALID
        raise LaunchError(
            f"{path}: cannot play this scenario ({result.errors} error(s) above)",
            code,
            render_report(errors, os.fspath(path), result.text),
        )
    return World.build(result.loaded), result


def tutorial_to_offer(
    scenario: str | None = None, *, save: str | None = None, role: str | None = None
) -> tuple[World, str] | None:
    """The tutorial to offer before the default scenario, to someone who has never played.

    Only for a bare `detente play` (no scenario, save or role) with an empty save folder, and
    only if the tutorial is shipped and loads clean.
    """
    if scenario or save or role or not never_played():
        return None
    path = tutorial_scenario()
    if not path.is_file():
        return None
    result = load_scenario(path)
    if result.loaded is None or result.errors:
        return None
    return World.build(result.loaded), os.fspath(path)


def open_game(
    scenario: str | None = None,
    *,
    save: str | None = None,
    role: str | None = None,
    seats: str | None = None,
) -> Opening:
    """Everything `detente play [SCENARIO] [--load SAVE] [--as ROLE | --seats ROLES]` needs
    before showing its first screen; LaunchError for a scenario with errors, an unusable
    save, or a role (or seats) that cannot be played. A save with seats opens hot-seat."""
    if seats is not None and (role or save):
        raise LaunchError(
            "--seats starts a new hot-seat game: leave out --as (one seat) and --load "
            "(a save knows its own seats)"
        )
    saved = None
    if save:
        try:
            saved = read_save(save)
            scenario = scenario or saved.scenario_file()
        except SaveError as error:
            raise LaunchError(str(error), EXIT_UNREADABLE) from None
    scenario_path = os.fspath(scenario or default_scenario())
    world, _ = load_world(scenario_path)
    state = None
    if saved is not None and save:
        try:
            state = restore(world, saved, save)
        except SaveError as error:
            raise LaunchError(str(error), EXIT_UNREADABLE) from None
    if role and role not in world.playable:
        raise LaunchError(
            f"--as {role}: not a playable role; choose one of {', '.join(world.playable)}"
        )
    if state is not None and state.multi_seat and role:
        raise LaunchError(
            f"{save}: this save is a hot-seat game of {', '.join(state.seats)}; "
            f"leave out --as to continue it",
            EXIT_INVALID,
        )
    if state is not None and role and role != state.role:
        raise LaunchError(f"{save}: this save plays {state.role}, not {role}")
    if seats is not None and not seats.strip():
        if len(world.playable) < MIN_SEATS:
            raise LaunchError(
                f"--seats: this scenario has one playable role ({world.playable[0]}); "
                "play it with --as"
            )
        return Opening(world, scenario_path, pick_seats=True)
    chosen_seats = seats_to_play(world, seats) if seats is not None else ()
    if chosen_seats:
        return Opening(world, scenario_path, None, None, chosen_seats)
    tutorial = tutorial_to_offer(scenario, save=save, role=role)
    record = saved.record if saved is not None else None
    return Opening(world, scenario_path, state, tutorial, record=record)

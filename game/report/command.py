"""`detente debrief SAVE` and `detente results --saves DIR`: from saves to documents.

The command line parses; this module opens and verifies each save (a replay of its moves,
as loading one in the game does), makes the documents and writes them. Problems the user
must fix raise ``ReportError`` with the exit code to use (1 wrong input, 2 unreadable).
"""

from __future__ import annotations

import json
from pathlib import Path

from game.exitcodes import EXIT_INVALID, EXIT_UNREADABLE
from game.writeguard import DEBRIEF, PAGE, SAVE, FileKind, WriteRefused, check_may_write


class ReportError(Exception):
    """A document that cannot be made as asked: a one-line message and an exit code."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def open_saved_game(path: str):  # -> tuple[World, State, SaveFile, str]
    """The game a save holds, verified by replay; ReportError saying why not."""
    from game.launch import LaunchError, load_world
    from game.saves import SaveError, read_save, restore

    try:
        saved = read_save(path)
        scenario = saved.scenario_file()
    except SaveError as error:
        raise ReportError(str(error), EXIT_UNREADABLE) from None
    if not scenario:
        raise ReportError(f"{path}: the save does not name its scenario", EXIT_UNREADABLE)
    try:
        world, _ = load_world(scenario)
    except LaunchError as error:
        raise ReportError(str(error), error.code) from None
    try:
        state = restore(world, saved, path)
    except SaveError as error:
        raise ReportError(str(error), EXIT_UNREADABLE) from None
    return world, state, saved, scenario


def write_document(path: str, kind: FileKind, text: str, inputs: list[str]) -> None:
    """Write a document atomically, never over a file of another kind nor over an input."""
    from game.saves import atomic_write_text

    try:
        check_may_write(path, kind, [(p, SAVE) for p in inputs])
    except WriteRefused as error:
        raise ReportError(str(error)) from None
    try:
        atomic_write_text(path, text)
    except OSError as error:
        raise ReportError(
            f"{path}: cannot write: {error.strerror or error}", EXIT_UNREADABLE
        ) from None


def debrief_command(
    save: str,
    *,
    role: str | None = None,
    markdown: str | None = None,
    html: str | None = None,
    as_json: bool = False,
    runs: int | None = None,
) -> tuple[str, list[str]]:
    """Make one save's debrief; the text to print and the files written."""
    from game.report.debrief import make_debrief

    world, state, saved, scenario = open_saved_game(save)
    if role is not None and role not in state.seats:
        raise ReportError(f"--as {role}: this save plays {', '.join(state.seats)}")
    debrief = make_debrief(
        world,
        state,
        saved.record,
        scenario_path=scenario,
        role=role,
        runs=runs,
        turn_runs=min(runs, 100) if runs else None,
    )
    written = []
    if markdown:
        write_document(markdown, DEBRIEF, debrief.markdown(), [save, scenario])
        written.append(markdown)
    if html:
        write_document(html, PAGE, debrief.html(), [save, scenario])
        written.append(html)
    if as_json:
        return json.dumps(debrief.summary(), indent=1, ensure_ascii=False), written
    if written:
        return "", written
    return debrief.markdown(), written


def saves_in(folder: str) -> list[Path]:
    """The .json files of a folder, in name order; ReportError when it is not a folder."""
    where = Path(folder)
    if not where.is_dir():
        raise ReportError(f"{folder}: not a folder of saves", EXIT_UNREADABLE)
    return sorted(p for p in where.iterdir() if p.suffix == ".json" and p.is_file())


__all__ = ["ReportError", "debrief_command", "open_saved_game", "saves_in", "write_document"]

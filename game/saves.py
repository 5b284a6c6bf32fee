"""Saved games on disk: written atomically, read defensively, verified by replay.

A save records the scenario, the role, the seed and the player's choices, plus a snapshot of
the position. Loading replays the choices on the scenario (the engine is deterministic) and
compares the result with the snapshot, so a truncated, hand-edited or foreign file, or one
from a changed scenario, is refused with a clear message instead of loading a broken game.
Writes go to a temporary file in the same folder, are flushed to disk, then renamed over the
old save: a crash mid-write leaves the previous save whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

from game.engine import IllegalMove, State, World, new_game, play_turn
from game.engine.serialize import snapshot

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 5 * 1024 * 1024


class SaveError(Exception):
    """A save that cannot be written or used; the message says why and what to do."""


@attrs.frozen
class SaveFile:
    """What a save file holds, read but not yet replayed."""

    scenario_id: str
    scenario_path: str
    role: str
    seed: int
    choices: tuple[str | None, ...]
    position: dict[str, Any]


def default_save_dir() -> Path:
    """Where the game keeps saves: $XDG_DATA_HOME/detente/saves (or ~/.local/share/...)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "detente" / "saves"


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write text so that the file is either the old one or the new one, never half of each."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        directory = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


def save_game(path: str | os.PathLike[str], world: World, state: State, scenario_path: str) -> None:
    """Write the game to path atomically; SaveError if the disk refuses."""
    data = {
        "detente_save": SAVE_FORMAT,
        "scenario": {"id": world.scenario.id, "path": scenario_path},
        "role": state.role,
        "seed": state.seed,
        "choices": list(state.choices),
        "position": snapshot(world, state),
    }
    try:
        atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except OSError as error:
        raise SaveError(f"{path}: cannot save: {error.strerror or error}") from None


def read_save(path: str | os.PathLike[str]) -> SaveFile:
    """Read and check the shape of a save file; SaveError for anything unusable."""
    name = os.fspath(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{name}: {size:,} bytes is far too large for a save file")
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{name}: no such save file") from None
    except IsADirectoryError:
        raise SaveError(f"{name}: is a directory, not a save file") from None
    except OSError as error:
        raise SaveError(f"{name}: cannot read: {error.strerror or error}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise SaveError(
            f"{name}: not a Détente save: the file is damaged or truncated{where}"
        ) from None
    if not isinstance(data, dict) or "detente_save" not in data:
        raise SaveError(f"{name}: not a Détente save file")
    if data["detente_save"] != SAVE_FORMAT:
        raise SaveError(
            f"{name}: save format {data['detente_save']!r}, but this Détente reads format "
            f"{SAVE_FORMAT}"
        )
    try:
        scenario = data["scenario"]
        choices = data["choices"]
        seed = data["seed"]
        if not (isinstance(scenario, dict) and isinstance(scenario["id"], str)):
            raise TypeError("scenario")
        if not isinstance(choices, list) or not all(
            c is None or isinstance(c, str) for c in choices
        ):
            raise TypeError("choices")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise TypeError("seed")
        if not isinstance(data["role"], str) or not isinstance(data["position"], dict):
            raise TypeError("role")
        return SaveFile(
            scenario["id"],
            str(scenario.get("path", "")),
            data["role"],
            seed,
            tuple(choices),
            data["position"],
        )
    except (KeyError, TypeError) as error:
        raise SaveError(f"{name}: the save is damaged (bad or missing '{error.args[0]}')") from None


def restore(world: World, save: SaveFile, name: str = "save") -> State:
    """Replay a save's choices on the world and check they reach the saved position."""
    if save.scenario_id != world.scenario.id:
        raise SaveError(
            f"{name}: this save is for scenario '{save.scenario_id}', not '{world.scenario.id}'"
        )
    if save.role not in world.playable:
        raise SaveError(f"{name}: role '{save.role}' is not playable in '{world.scenario.id}'")
    try:
        state = new_game(world, save.role, save.seed)
        for turn, choice in enumerate(save.choices, start=1):
            if state.over:
                raise SaveError(f"{name}: the save has choices after the game ended (turn {turn})")
            state = play_turn(world, state, choice)
    except IllegalMove as error:
        raise SaveError(
            f"{name}: the saved moves do not replay on this scenario ({error}); was the "
            "scenario changed since the game was saved?"
        ) from None
    replayed = snapshot(world, state)
    if replayed != save.position:
        key = next(k for k in replayed if replayed.get(k) != save.position.get(k))
        raise SaveError(
            f"{name}: the saved position does not match a replay of its moves (at '{key}'); "
            "the file was edited, or the scenario changed since the game was saved"
        )
    return state

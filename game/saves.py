"""Saved games on disk: written atomically, read defensively, verified by replay.

A save records the scenario, the role, the seed and the player's choices, plus a snapshot of
the position (format 1); a game with several seats records every seat's choices instead
(format 2: ``seats`` and ``choices`` per role), so a one-seat save is written exactly as
before and older versions refuse a save with seats by its format number. Loading replays the
choices on the scenario (the engine is deterministic) and compares the result with the
snapshot, so a truncated, hand-edited or foreign file, or one from a changed scenario, is
refused with a clear message instead of loading a broken game.
Writes go to a temporary file in the same folder, are flushed to disk, then renamed over the
old save: a crash mid-write leaves the previous save whole.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

from game.analysis import PlayRecord, Reflection
from game.engine import IllegalMove, State, World, new_game, play_turn
from game.engine.serialize import snapshot
from game.output import CannotWrite
from game.paths import user_data_folder
from game.scenario.files import Unreadable, read_bytes_capped, resolve_named
from game.writeguard import SAVE, SCENARIO, check_may_write

SAVE_FORMAT = 1
SEATS_SAVE_FORMAT = 2
"""The format of a save with several seats; one-seat saves stay format 1."""
MAX_SAVE_BYTES = 5 * 1024 * 1024


class SaveError(Exception):
    """A save that cannot be written or used; the message says why and what to do."""


@attrs.frozen
class SaveFile:
    """What a save file holds, read but not yet replayed."""

    scenario_id: str
    scenario_path: str
    """The scenario's path as written in the save: relative to the save's folder."""
    role: str
    """The one seat's role ('' in a save with several seats: see ``seats``)."""
    seed: int
    choices: tuple[str | None, ...]
    """The one seat's choices (empty in a save with several seats: see ``seat_choices``)."""
    position: dict[str, Any]
    save_path: str = ""
    """The save file itself, which its scenario path is read against."""
    seats: tuple[str, ...] = ()
    """Every seat of a save with several seats (empty in a one-seat save)."""
    seat_choices: tuple[tuple[str | None, ...], ...] = ()
    """Each seat's choices per turn, in ``seats`` order."""
    answers: tuple[tuple[int, str, str, str], ...] = ()
    """Every answer a seat gave to an offer: (turn, role, offer, answer), in order."""
    record: PlayRecord = attrs.field(factory=PlayRecord)
    """Who played, whether the advisor was on, the reflections (empty in older saves)."""

    @property
    def players(self) -> tuple[str, ...]:
        """The roles this save's game is played by: its seats, or its one role."""
        return self.seats or (self.role,)

    def scenario_file(self) -> str:
        """The scenario this save names, resolved against the save's folder (not the current
        one); SaveError when it is missing or leads outside the folders a save may name."""
        if not self.scenario_path:
            return ""  # the caller falls back to the default scenario, as it always did
        try:
            return os.fspath(resolve_named(self.save_path, self.scenario_path))
        except Unreadable as error:
            raise SaveError(
                f"{self.save_path}: cannot use the scenario path {_shown(self.scenario_path, 200)} "
                f"in this save: {error}; or name the scenario: detente play SCENARIO --load "
                f"{self.save_path}"
            ) from None


def default_save_dir() -> Path:
    """Where the game keeps saves: $XDG_DATA_HOME/detente/saves (or ~/.local/share/...; a
    private temporary folder when there is no home folder: ``save_dir_note``)."""
    return user_data_folder().path / "detente" / "saves"


def save_dir_note() -> str:
    """What to tell the player about where saves go, when it is not where they would look
    ('' when it is)."""
    return user_data_folder().note


TUTORIAL_MARKER = "tutorial-offered"
"""A file in the save folder that says the tutorial has been offered once already."""


def never_played(save_dir: Path | None = None) -> bool:
    """Whether this player has never played here: the save folder holds no file at all (no
    save, no autosave, and no marker that the tutorial was offered)."""
    folder = save_dir or default_save_dir()
    try:
        return not any(folder.iterdir())
    except OSError:
        return True


def mark_tutorial_offered(save_dir: Path | None = None) -> None:
    """Remember that the tutorial was offered, so that it is offered only once."""
    folder = save_dir or default_save_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / TUTORIAL_MARKER).touch()


TEMP_SUFFIX = ".tmp"
"""Temporary files are named `.NAME.PID.RANDOM.tmp`, next to the file they will replace: one
whose process is gone was left by a write that was killed, and the next write removes it."""

SHARED_MODE = 0o666
"""Files meant to be shared (debriefs, scenarios, transcripts, the schema) are created with
this mode less the umask, as any other program's files; saves stay private (0600): they hold
a student's game in their own data folder."""


def atomic_write_text(path: str | os.PathLike[str], text: str, *, private: bool = False) -> None:
    """Write text so that the file is either the old one or the new one, never half of each.

    A regular file (or none yet) is replaced by a rename; a character device or a pipe
    (`/dev/null`, `/dev/stdout`, `/dev/full`) is written straight through, never replaced;
    anything else (a folder) is refused. CannotWrite (an OSError) says why a write failed.
    """
    target = Path(path)
    try:
        kind = os.stat(target).st_mode
    except FileNotFoundError:
        kind = None
    except OSError as error:
        raise CannotWrite(error.errno, error.strerror, os.fspath(path)) from None
    if kind is not None and (stat.S_ISCHR(kind) or stat.S_ISFIFO(kind)):
        _write_through(target, text)
        return
    if kind is not None and not stat.S_ISREG(kind):
        raise CannotWrite(errno.EISDIR, "it is a folder, not a file", os.fspath(path))
    try:
        _replace(target, text, _mode_for(kind, private))
    except OSError as error:
        if isinstance(error, CannotWrite):
            raise
        raise CannotWrite(error.errno, error.strerror, os.fspath(path)) from None


def _write_through(target: Path, text: str) -> None:
    """Write to a device or a pipe in place (never blocking on a pipe nobody reads)."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            os.set_blocking(descriptor, True)
            stream.write(text)
    except OSError as error:
        if error.errno == errno.ENXIO:
            error.strerror = "it is a pipe that nothing reads"
        raise CannotWrite(error.errno, error.strerror, os.fspath(target)) from None


def _mode_for(existing: int | None, private: bool) -> int:
    """The new file's permissions: the old file's, else private or the shared mode less the
    umask."""
    if existing is not None:
        return stat.S_IMODE(existing)
    return 0o600 if private else SHARED_MODE & ~current_umask()


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (setting it,
    even for a moment, races with another thread creating a file)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace(target: Path, text: str, mode: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    handle, temp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            os.fchmod(handle, mode)  # mkstemp makes 0600 whatever the umask
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


def remove_stale_temporaries(target: Path) -> None:
    """Remove the temporary files of earlier writes of ``target`` whose process is gone (a
    write killed half-way leaves one; a write still running in another process is left be)."""
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        middle = name[len(prefix) : -len(TEMP_SUFFIX)] if name.endswith(TEMP_SUFFIX) else ""
        pid = middle.split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                (target.parent / name).unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of ours may be writing it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def save_game(
    path: str | os.PathLike[str],
    world: World,
    state: State,
    scenario_path: str,
    record: PlayRecord | None = None,
) -> None:
    """Write the game to path atomically; SaveError if the disk refuses, WriteRefused (from
    ``game.writeguard``) if a file is there that is not a save, or is the scenario.

    The ``record`` (student, advisor, reflections) is written only where it holds something,
    as optional keys an older Détente ignores: a save without one is byte for byte as before.
    """
    check_may_write(path, SAVE, [(scenario_path, SCENARIO)] if scenario_path else [])
    scenario = {"id": world.scenario.id, "path": _relative_to(scenario_path, path)}
    data: dict[str, Any]
    if state.multi_seat:
        data = {
            "detente_save": SEATS_SAVE_FORMAT,
            "scenario": scenario,
            "seats": list(state.seats),
            "seed": state.seed,
            "choices": {seat: list(state.choices_of(seat)) for seat in state.seats},
            "position": snapshot(world, state),
        }
    else:
        data = {
            "detente_save": SAVE_FORMAT,
            "scenario": scenario,
            "role": state.role,
            "seed": state.seed,
            "choices": list(state.choices),
            "position": snapshot(world, state),
        }
    if state.answers:  # only a game with offers answered has them: others are written as ever
        data["answers"] = [[a.turn, a.role, a.offer, a.answer] for a in state.answers]
    data.update(record_data(record or PlayRecord()))
    try:
        atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n", private=True)
    except OSError as error:
        raise SaveError(f"{path}: cannot save: {error.strerror or error}") from None


def keep_other_game(path: Path, world: World, state: State) -> Path | None:
    """Before ``state``'s game is saved to ``path``: if the file there holds another game that
    is not finished (another seed or role, or moves this game never played), or anything that
    is not a readable save, rename it aside so that it is kept; return its new name (None when
    nothing had to move: no file, an earlier save of this very game, or a finished game).

    The new name adds the day and time the file was last written:
    ``autosave-s400_transfer-TUR-2026-12-01-2315.json`` (then ``-2``, ``-3`` if taken).
    """
    try:
        if not path.is_file():
            return None  # nothing there; or a folder, which the save itself refuses
        mtime = path.stat().st_mtime
    except OSError:
        return None
    try:
        held = read_save(path)
    except SaveError:
        held = None
    if held is not None and _replaceable(held, world, state):
        return None
    stamp = time.strftime("%Y-%m-%d-%H%M", time.localtime(mtime))
    aside = _free_name(path.with_name(f"{path.stem}-{stamp}{path.suffix}"))
    try:
        os.link(path, aside)  # never replaces a file already at the new name
    except FileExistsError:
        raise SaveError(f"{path}: cannot keep the game saved there: {aside} appeared") from None
    except OSError:
        try:
            os.rename(path, aside)  # a file system without hard links; the name was free
        except OSError as error:
            raise SaveError(
                f"{path}: holds another unfinished game and cannot be renamed to keep it "
                f"({error.strerror or error}); nothing was written"
            ) from None
        return aside
    with contextlib.suppress(OSError):  # if not, the save below replaces this name only
        os.unlink(path)
    return aside


def _replaceable(held: SaveFile, world: World, state: State) -> bool:
    """Whether a save may be replaced by ``state``'s game: it is an earlier point of this
    same game, or a game that was finished."""
    if held.position.get("ending") is not None:
        return True
    if state.multi_seat or held.seats:
        return (
            held.scenario_id == world.scenario.id
            and held.seats == state.seats
            and held.seed == state.seed
            and all(
                tuple(state.choices_of(seat)[: len(moves)]) == moves
                for seat, moves in zip(held.seats, held.seat_choices, strict=True)
            )
        )
    return (
        held.scenario_id == world.scenario.id
        and held.role == state.role
        and held.seed == state.seed
        and tuple(state.choices[: len(held.choices)]) == held.choices
    )


def _free_name(wanted: Path) -> Path:
    """``wanted`` if nothing is there, else the first of ``stem-2.ext``, ``stem-3.ext``..."""
    candidate, n = wanted, 2
    while os.path.lexists(candidate):
        candidate = wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}")
        n += 1
    return candidate


def _relative_to(scenario_path: str, save_path: str | os.PathLike[str]) -> str:
    """The scenario's path as seen from the save's folder, which is how it is read back (a
    save moved together with its scenario still finds it)."""
    if not scenario_path:
        return ""
    folder = os.path.realpath(Path(save_path).parent)
    try:
        return os.path.relpath(os.path.realpath(scenario_path), folder)
    except ValueError:  # another drive on Windows: no relative path exists
        return os.path.realpath(scenario_path)


def read_save(path: str | os.PathLike[str]) -> SaveFile:
    """Read and check the shape of a save file; SaveError for anything unusable.

    Only reads: a save that is refused is left exactly as it was, so nothing a student had is
    lost by trying to load it.
    """
    name = os.fspath(path)
    try:
        raw = read_bytes_capped(path, MAX_SAVE_BYTES, "save")
    except Unreadable as error:
        raise SaveError(f"{name}: {error}") from None
    data = _decode(raw, name)
    if not isinstance(data, dict) or "detente_save" not in data:
        raise SaveError(f"{name}: not a Détente save file (no 'detente_save' format number)")
    version = data["detente_save"]
    readable = (SAVE_FORMAT, SEATS_SAVE_FORMAT)
    if not isinstance(version, int) or isinstance(version, bool) or version not in readable:
        raise SaveError(
            f"{name}: save format {_shown(version)}, but this version of Détente reads formats "
            f"{SAVE_FORMAT} and {SEATS_SAVE_FORMAT}; open it with the version of Détente that "
            "wrote it"
        )
    if version == SEATS_SAVE_FORMAT:
        return _seats_save_file(data, name)
    return _save_file(data, name)


def _decode(raw: bytes, name: str) -> Any:
    """The JSON in a save, or SaveError saying where it is broken."""
    try:
        return json.loads(raw.decode("utf-8-sig"))  # an editor may add a byte-order mark
    except UnicodeDecodeError:
        problem = "it is not text (the file is damaged)"
    except json.JSONDecodeError as error:
        problem = f"it is damaged or cut short at line {error.lineno}, column {error.colno}"
    except (ValueError, RecursionError):  # a 5,000-digit number; brackets nested 100,000 deep
        problem = "it holds values no save has (the file is damaged or was edited)"
    raise SaveError(f"{name}: cannot load this save: {problem}")


def _check_fields(data: dict[str, Any], fields: dict[str, tuple[type, ...]], name: str) -> None:
    """Each top-level field of a save has its type, and the scenario its text `id` and `path`
    (both formats of save share this)."""
    for key, types in fields.items():
        value = data.get(key)
        if not isinstance(value, types) or isinstance(value, bool):
            raise SaveError(
                f"{name}: the save is damaged: '{key}' is {_shown(value)}, "
                f"expected {_expected(types)}"
            )
    scenario = data["scenario"]
    if not isinstance(scenario.get("id"), str) or not isinstance(scenario.get("path", ""), str):
        raise SaveError(f"{name}: the save is damaged: 'scenario' needs text 'id' and 'path'")


_FIELDS: dict[str, tuple[type, ...]] = {
    "scenario": (dict,),
    "role": (str,),
    "seed": (int,),
    "choices": (list,),
    "position": (dict,),
}


def _save_file(data: dict[str, Any], name: str) -> SaveFile:
    _check_fields(data, _FIELDS, name)
    scenario = data["scenario"]
    choices = data["choices"]
    if not all(c is None or isinstance(c, str) for c in choices):
        raise SaveError(f"{name}: the save is damaged: 'choices' must be option ids")
    return SaveFile(
        scenario["id"],
        scenario.get("path", ""),
        data["role"],
        data["seed"],
        tuple(choices),
        data["position"],
        name,
        answers=_answers(data, name),
        record=_record(data, name),
    )


def _answers(data: dict[str, Any], name: str) -> tuple[tuple[int, str, str, str], ...]:
    """The answers to offers a save lists (none in a save from before offers)."""
    listed = data.get("answers", [])
    if not isinstance(listed, list):
        raise SaveError(f"{name}: the save is damaged: 'answers' must be a list")
    found = []
    for entry in listed:
        if not (
            isinstance(entry, list)
            and len(entry) == 4
            and isinstance(entry[0], int)
            and not isinstance(entry[0], bool)
            and all(isinstance(part, str) for part in entry[1:])
        ):
            raise SaveError(
                f"{name}: the save is damaged: each answer is [turn, role, offer, answer]"
            )
        found.append((entry[0], entry[1], entry[2], entry[3]))
    return tuple(found)


_SEATS_FIELDS: dict[str, tuple[type, ...]] = {
    "scenario": (dict,),
    "seats": (list,),
    "seed": (int,),
    "choices": (dict,),
    "position": (dict,),
}


def _seats_save_file(data: dict[str, Any], name: str) -> SaveFile:
    """A save with several seats (format 2): the seats, and a list of choices per seat."""
    _check_fields(data, _SEATS_FIELDS, name)
    scenario = data["scenario"]
    seats = data["seats"]
    if not seats or not all(isinstance(s, str) for s in seats) or len(set(seats)) != len(seats):
        raise SaveError(f"{name}: the save is damaged: 'seats' must be different role ids")
    choices = data["choices"]
    if set(choices) != set(seats):
        raise SaveError(f"{name}: the save is damaged: 'choices' must give each seat's choices")
    for seat in seats:
        listed = choices[seat]
        if not isinstance(listed, list) or not all(c is None or isinstance(c, str) for c in listed):
            raise SaveError(f"{name}: the save is damaged: '{seat}' choices must be option ids")
    if len({len(choices[seat]) for seat in seats}) != 1:
        raise SaveError(f"{name}: the save is damaged: the seats played different numbers of turns")
    return SaveFile(
        scenario["id"],
        scenario.get("path", ""),
        "",
        data["seed"],
        (),
        data["position"],
        name,
        tuple(seats),
        tuple(tuple(choices[seat]) for seat in seats),
        _answers(data, name),
        _record(data, name),
    )


def record_data(record: PlayRecord) -> dict[str, Any]:
    """A play record as a save's optional keys (none for an empty record)."""
    data: dict[str, Any] = {}
    if record.student or record.class_name:
        data["student"] = {"name": record.student, "class": record.class_name}
    if record.advisor:
        data["advisor"] = list(record.advisor)
    if record.reflections:
        data["reflections"] = [
            {"turn": r.turn, "prompt": r.prompt, "text": r.text} for r in record.reflections
        ]
    return data


MAX_RECORD_TEXT = 2000
"""The longest name, class, prompt or reflection a save may hold (a paragraph, not a file)."""


def _record(data: dict[str, Any], name: str) -> PlayRecord:
    """The optional play record of a save; SaveError when it is there but malformed."""

    def text(value: Any, what: str) -> str:
        if not isinstance(value, str) or len(value) > MAX_RECORD_TEXT:
            raise SaveError(f"{name}: the save is damaged: {what} must be text")
        return value

    student = data.get("student", {})
    if not isinstance(student, dict):
        raise SaveError(f"{name}: the save is damaged: 'student' must be a mapping")
    advisor = data.get("advisor", [])
    if not isinstance(advisor, list) or not all(isinstance(a, bool) for a in advisor):
        raise SaveError(f"{name}: the save is damaged: 'advisor' must be a list of true/false")
    reflections = data.get("reflections", [])
    if not isinstance(reflections, list) or not all(isinstance(r, dict) for r in reflections):
        raise SaveError(f"{name}: the save is damaged: 'reflections' must be a list")
    kept = []
    for entry in reflections:
        turn = entry.get("turn")
        if turn is not None and (not isinstance(turn, int) or isinstance(turn, bool)):
            raise SaveError(f"{name}: the save is damaged: a reflection's 'turn' is not a turn")
        kept.append(
            Reflection(
                turn, text(entry.get("prompt"), "'prompt'"), text(entry.get("text"), "'text'")
            )
        )
    return PlayRecord(
        text(student.get("name", ""), "the student's name"),
        text(student.get("class", ""), "the class"),
        tuple(advisor),
        tuple(kept),
    )


def _expected(types: tuple[type, ...]) -> str:
    return {dict: "a mapping", str: "text", int: "a whole number", list: "a list"}[types[0]]


def _shown(value: Any, limit: int = 40) -> str:
    """A JSON value, quoted short enough for a one-line message."""
    if value is None:
        return "missing (or null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def restore(world: World, save: SaveFile, name: str = "save") -> State:
    """Replay a save's choices on the world and check they reach the saved position."""
    if save.scenario_id != world.scenario.id:
        where = f" ({save.scenario_path})" if save.scenario_path else ""
        raise SaveError(
            f"{name}: this save is for scenario '{save.scenario_id}'{where}, not "
            f"'{world.scenario.id}'; load it with its own scenario"
        )
    for role in save.players:
        if role not in world.playable:
            raise SaveError(
                f"{name}: the save plays '{role}', which is not a playable role in "
                f"'{world.scenario.id}' (roles: {', '.join(world.playable)})"
            )
    _check_position(world, save.position, name)
    turns: list[str | dict[str, str | None] | None]
    if save.seats:
        turns = [
            dict(zip(save.seats, moves, strict=True))
            for moves in zip(*save.seat_choices, strict=True)
        ]
    else:
        turns = list(save.choices)
    try:
        if save.seats:
            state = new_game(world, seats=save.seats, seed=save.seed)
        else:
            state = new_game(world, save.role, save.seed)
        for turn, choice in enumerate(turns, start=1):
            if state.over:
                raise SaveError(f"{name}: the save has choices after the game ended (turn {turn})")
            given: dict[str, dict[str, str]] = {}
            for on, role, offer, answer in save.answers:
                if on == turn:
                    given.setdefault(role, {})[offer] = answer
            state = play_turn(world, state, choice, answers=given)
    except IllegalMove as error:
        raise SaveError(
            f"{name}: the saved moves do not replay on this scenario ({error}); was the "
            "scenario changed since the game was saved?"
        ) from None
    replayed = snapshot(world, state)
    difference = _difference(save.position, replayed, ())
    if difference is not None:
        raise SaveError(
            f"{name}: the saved position does not match a replay of its moves ({difference}); "
            "the file was edited, or the scenario changed since the game was saved"
        )
    return state


def _check_position(world: World, position: dict[str, Any], name: str) -> None:
    """Relations and stats a save could never hold (a hand edit), said plainly."""
    checks = (
        ("relations", "relation", world.scenario.rules.relation_bounds),
        ("stats", "stat", world.scenario.rules.stat_bounds),
    )
    for key, what, (low, high) in checks:
        values = position.get(key)
        if not isinstance(values, dict):
            continue
        for subject, value in values.items():
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not number or not low <= value <= high:
                raise SaveError(
                    f"{name}: the save gives {what} {_shown(subject)} the value "
                    f"{_shown(value)}, outside {low}..{high}; the file was edited"
                )


def _difference(saved: Any, replayed: Any, path: tuple[str, ...]) -> str | None:
    """Where two snapshots first differ, worded for a message (None when they are equal)."""
    if saved == replayed:
        return None
    if isinstance(saved, dict) and isinstance(replayed, dict):
        for key in [*replayed, *(k for k in saved if k not in replayed)]:
            if key not in saved:
                return f"'{'.'.join((*path, key))}' is missing"
            if key not in replayed:
                return f"'{'.'.join((*path, str(key)))}' is not part of a save"
            found = _difference(saved[key], replayed[key], (*path, key))
            if found is not None:
                return found
    where = ".".join(path) or "the position"
    return f"'{where}' is {_shown(saved)}, but the moves give {_shown(replayed)}"

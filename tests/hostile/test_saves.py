"""Saves that are broken, foreign or hand-edited are refused, clearly, and left untouched;
a crash while saving leaves the previous save whole."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

from game import saves
from game.engine import World, new_game, play_turn
from game.saves import SaveError, atomic_write_text, read_save, restore, save_game
from game.scenario.loader import load_scenario
from tests.hostile.conftest import digest, run_subprocess


@pytest.fixture
def world(starter_file: Path) -> World:
    result = load_scenario(starter_file)
    assert result.loaded is not None
    return World.build(result.loaded)


@pytest.fixture
def good_save(world: World, starter_file: Path) -> Path:
    """A real save: two turns played as NRL."""
    state = new_game(world, "NRL", seed=3)
    for option in ("accept_talks", "hold_firm"):
        state = play_turn(world, state, option)
    path = starter_file.parent / "game.json"
    save_game(path, world, state, os.fspath(starter_file))
    return path


def edited(path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = json.loads(path.read_text())
    change(data)
    target = path.with_name("edited.json")
    target.write_text(json.dumps(data))
    return target


def written(path: Path, content: bytes) -> Path:
    target = path.with_name("edited.json")
    target.write_bytes(content)
    return target


def set_key(*keys: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value

    return change


def first_relation(value: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        relations = data["position"]["relations"]
        relations[next(iter(relations))] = value

    return change


def text_of(path: Path) -> bytes:
    return path.read_bytes()


BROKEN: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated": (
        lambda p: written(p, text_of(p)[: len(text_of(p)) // 2]),
        "cannot load this save: it is damaged or cut short at line",
    ),
    "empty": (lambda p: written(p, b""), "cut short at line 1, column 1"),
    "corrupt bytes": (lambda p: written(p, b"\xff\xfe\x00\x9cgarbage"), "it is not text"),
    "binary noise in JSON": (
        lambda p: written(p, text_of(p).replace(b'"role"', b'"r\xc3\x28le"')),
        "it is not text",
    ),
    "nested 100,000 deep": (
        lambda p: written(p, b'{"detente_save": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        "it holds values no save has",
    ),
    "not a save": (lambda p: written(p, b'{"hello": 1}'), "not a Détente save file"),
    "a list": (lambda p: written(p, b"[1, 2]"), "not a Détente save file"),
    "another format version": (
        lambda p: edited(p, set_key("detente_save", value=2)),
        "save format 2, but this version of Détente reads format 1",
    ),
    "format as true": (
        lambda p: edited(p, set_key("detente_save", value=True)),
        "save format true",
    ),
    "another scenario": (
        lambda p: edited(p, set_key("scenario", "id", value="other_crisis")),
        "this save is for scenario 'other_crisis'",
    ),
    "unplayable role": (
        lambda p: edited(p, set_key("role", value="RGC")),
        "the save plays 'RGC', which is not a playable role in 'starter'",
    ),
    "unknown role": (lambda p: edited(p, set_key("role", value="XXX")), "the save plays 'XXX'"),
    "relation out of bounds": (
        lambda p: edited(p, first_relation(500)),
        'the save gives relation "NRL->STH" the value 500, outside -100..100',
    ),
    "relation not a number": (
        lambda p: edited(p, first_relation("lots")),  # type: ignore[arg-type]
        'the value "lots", outside -100..100',
    ),
    "stat out of bounds": (
        lambda p: edited(p, set_key("position", "stats", "NRL.support", value=-5)),
        'stat "NRL.support" the value -5, outside 0..100',
    ),
    "score edited within bounds": (
        lambda p: edited(p, first_relation(99)),
        "'relations.NRL->STH' is 99, but the moves give",
    ),
    "unknown actor in relations": (
        lambda p: edited(p, set_key("position", "relations", "XXX->NRL", value=3)),
        "'relations.XXX->NRL' is not part of a save",
    ),
    "unknown option in choices": (
        lambda p: edited(p, set_key("choices", value=["accept_talks", "nuke_them"])),
        "there is no option 'nuke_them' in this scenario",
    ),
    "option of another role": (
        lambda p: edited(p, set_key("choices", value=["accept_talks", "protest"])),
        "'protest' is not an option for NRL",
    ),
    "choices after the end": (
        lambda p: edited(p, set_key("choices", value=["hold_firm"] * 9)),
        "the save has choices after the game ended (turn 6)",
    ),
    "choices not ids": (
        lambda p: edited(p, set_key("choices", value=[1, 2])),
        "'choices' must be option ids",
    ),
    "seed as text": (
        lambda p: edited(p, set_key("seed", value="3")),
        "'seed' is \"3\", expected a whole number",
    ),
    "seed NaN": (
        lambda p: written(p, text_of(p).replace(b'"seed": 3', b'"seed": NaN', 1)),
        "'seed' is NaN, expected a whole number",
    ),
    "seed changed": (
        lambda p: edited(p, set_key("seed", value=4)),
        "does not match a replay of its moves",
    ),
    "position missing": (
        lambda p: edited(p, lambda d: d.pop("position")),
        "'position' is missing (or null), expected a mapping",
    ),
    "extra key in position": (
        lambda p: edited(p, set_key("position", "cheat", value=True)),
        "'cheat' is not part of a save",
    ),
    "scenario path not text": (
        lambda p: edited(p, set_key("scenario", "path", value=["x"])),
        "'scenario' needs text 'id' and 'path'",
    ),
    "five-thousand-digit number": (
        lambda p: written(p, text_of(p).replace(b'"seed": 3', b'"seed": ' + b"9" * 5000, 1)),
        "it holds values no save has",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_save_is_refused_and_left_untouched(
    cli, good_save: Path, starter_file: Path, name: str
) -> None:
    make, fragment = BROKEN[name]
    path = make(good_save)
    before = digest(path)
    result = cli("run", starter_file, "--load", path, "--choose", "hold_firm", "--save", path)
    assert result.code == 2
    assert result.err.startswith(f"detente: {path}: "), result.err
    assert fragment in result.err, result.err
    assert digest(path) == before
    assert result.out == ""


def test_good_save_loads(cli, good_save: Path, starter_file: Path) -> None:
    result = cli("run", starter_file, "--load", good_save, "--choose", "hold_firm")
    assert result.code == 0
    assert "next is turn 4" in result.out


def test_restore_api_refuses_with_save_error(world: World, good_save: Path) -> None:
    path = edited(good_save, first_relation(500))
    with pytest.raises(SaveError, match=r"outside -100\.\.100"):
        restore(world, read_save(path), str(path))


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda folder: folder / "nothing.json", "no such file"),
        (lambda folder: folder, "is a directory"),
        (lambda folder: Path("/dev/zero"), "is not a regular file"),
    ],
)
def test_save_that_is_not_a_file(cli, starter_file: Path, make, fragment: str) -> None:
    result = cli("run", starter_file, "--load", make(starter_file.parent), "--choose", "hold_firm")
    assert result.code == 2
    assert fragment in result.err


def test_oversized_save_is_refused_before_reading(cli, starter_file: Path) -> None:
    path = starter_file.parent / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(saves.MAX_SAVE_BYTES + 1)
    result = cli("run", starter_file, "--load", path, "--choose", "hold_firm")
    assert result.code == 2
    assert "files over 5 MB are refused" in result.err


def test_subprocess_corrupt_save_no_traceback(good_save: Path, starter_file: Path) -> None:
    path = written(good_save, b'{"detente_save": 1, "scenario": ' + b"[" * 50_000)
    result = run_subprocess("run", starter_file, "--load", path)
    assert result.code == 2
    assert "cannot load this save" in result.err


# --- atomic writes ---------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class HalfWritten:
    """A file stream that writes half of what it is given, then fails like a full disk."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __enter__(self) -> HalfWritten:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, text: str) -> int:
        self.stream.write(text[: len(text) // 2])
        self.stream.flush()
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
def test_crash_during_save_keeps_the_previous_save(
    monkeypatch: pytest.MonkeyPatch, world: World, good_save: Path, starter_file: Path, fail_at: str
) -> None:
    before = good_save.read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if fail_at == "write":
        real_fdopen = os.fdopen

        def half_written(fd: int, mode: str = "r", *a: Any, **k: Any) -> Any:
            stream = real_fdopen(fd, mode, *a, **k)  # reading the old save first is not hurt
            return HalfWritten(stream) if "w" in mode else stream

        monkeypatch.setattr(saves.os, "fdopen", half_written)
    else:
        monkeypatch.setattr(saves.os, fail_at, crash)
    state = play_turn(world, new_game(world, "NRL", 0), "hold_firm")
    with pytest.raises(SaveError, match="cannot save: No space left on device"):
        save_game(good_save, world, state, os.fspath(starter_file))
    assert good_save.read_bytes() == before
    assert leftovers(good_save.parent) == []


def test_interrupt_during_save_keeps_the_previous_save(
    monkeypatch: pytest.MonkeyPatch, good_save: Path
) -> None:
    before = good_save.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(saves.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(good_save, "{}")
    assert good_save.read_bytes() == before
    assert leftovers(good_save.parent) == []


def test_save_error_is_a_clear_message_not_a_traceback(
    cli, monkeypatch: pytest.MonkeyPatch, starter_file: Path
) -> None:
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves.os, "replace", full)
    target = starter_file.parent / "new.json"
    result = cli("run", starter_file, "--as", "NRL", "--choose", "hold_firm", "--save", target)
    assert result.code == 2
    assert f"{target}: cannot save: No space left on device" in result.err
    assert not target.exists() and leftovers(starter_file.parent) == []


def test_a_successful_save_replaces_atomically(good_save: Path) -> None:
    atomic_write_text(good_save, "new")
    assert good_save.read_text() == "new"
    assert leftovers(good_save.parent) == []

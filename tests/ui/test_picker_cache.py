"""The role picker from the cache (issue 15, speed): shown before the game is open, trusted
for nothing but speed."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

from game.launch import open_game
from game.ui.app import DetenteApp
from game.ui.picker_cache import _path_for, read_cached_roles, scenario_key, write_cached_roles
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.loading import LoadingScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.view import roles_view

from .conftest import RIVER


def river_copy(tmp_path: Path) -> str:
    path = tmp_path / "river.yaml"
    shutil.copyfile(RIVER, path)
    return str(path)


def test_the_cache_keeps_the_picker_of_one_exact_text(tmp_path, river):
    world, _ = river
    path = river_copy(tmp_path)
    assert read_cached_roles(path) is None
    roles = roles_view(world)
    write_cached_roles(path, roles)
    assert read_cached_roles(path) == roles
    Path(path).write_text(Path(path).read_text() + "\n# edited\n")
    assert read_cached_roles(path) is None  # another text, another key


def test_a_damaged_or_tampered_cache_file_is_ignored(tmp_path, river):
    world, _ = river
    path = river_copy(tmp_path)
    write_cached_roles(path, roles_view(world))
    key = scenario_key(path)
    assert key is not None
    cached = _path_for(key)
    record = json.loads(cached.read_text())
    for damaged in (
        b"\x80\x81 not json",
        json.dumps({**record, "key": "1-0-other"}).encode(),
        json.dumps({**record, "roles": [{"id": 3}]}).encode(),
        json.dumps({**record, "default": "NOBODY"}).encode(),
        json.dumps({**record, "roles": "cos"}).encode(),
        b"[" * 100_000,
    ):
        cached.write_bytes(damaged)
        assert read_cached_roles(path) is None


def slow_opener(path: str, gate: threading.Event):
    def open_it():
        gate.wait(10)
        return open_game(path)

    return open_it


async def test_a_second_start_shows_the_picker_before_the_game_is_open(tmp_path, river):
    world, _ = river
    path = river_copy(tmp_path)
    first = DetenteApp(lambda: open_game(path), seed=1, picker_scenario=path)
    async with first.run_test(size=(80, 24)) as pilot:
        while not isinstance(first.screen, RolePickerScreen):
            await pilot.pause(0.02)
    assert read_cached_roles(path) == roles_view(world)  # kept for next time

    gate = threading.Event()
    second = DetenteApp(slow_opener(path, gate), seed=1, picker_scenario=path)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, RolePickerScreen)  # the game is not open yet
        await pilot.press("down", "enter")  # Southland, chosen before the game is open
        assert isinstance(second.screen, LoadingScreen)
        gate.set()
        for _ in range(200):
            if isinstance(second.screen, BriefingScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(second.screen, BriefingScreen)
        assert second.session is not None and second.session.role == "STH"


async def test_a_cached_picker_that_lies_is_replaced_once_the_game_is_open(tmp_path, river):
    world, _ = river
    path = river_copy(tmp_path)
    real = roles_view(world)
    lie = type(real)(title="Not the river", roles=real.roles, default=real.default)
    write_cached_roles(path, lie)
    app = DetenteApp(lambda: open_game(path), seed=1, picker_scenario=path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            screen = app.screen
            if isinstance(screen, RolePickerScreen) and screen.roles == real:
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, RolePickerScreen) and app.screen.roles == real
    assert read_cached_roles(path) == real

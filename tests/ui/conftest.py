"""Fixtures for the app's tests: worlds to play, and no contact with the user's own files.

Every test runs with XDG_DATA_HOME, XDG_CACHE_HOME and XDG_CONFIG_HOME in a temporary folder
(saves, autosaves, the role picker's cache and the settings go there) and in a temporary
working directory (the debrief export goes there). The settings already hold a student's
name, so the export does not stop to ask for it (``test_debrief_screens`` tests the asking).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import load_world
from game.engine import World
from game.paths import default_scenario

HERE = Path(__file__).parent
RIVER = HERE / "data" / "river.yaml"
"""A small frozen scenario for snapshots (see the comment at its top)."""
RIVER_OFFER = HERE / "data" / "river_offer.yaml"
"""The same with the starter's offer, frozen for the snapshots of an offer on screen."""


@pytest.fixture(autouse=True)
def private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saves and exports go to a temporary folder, never to the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the role picker cache
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "config" / "detente").mkdir(parents=True)
    (tmp_path / "config" / "detente" / "settings.json").write_text(
        '{"student": "Sam Student", "class": "Test"}', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def s400(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, str]:
    """The shipped S-400 scenario, as `detente play` loads it.

    Read from a copy taken once, so that the app (given the loaded world) and `detente run`
    (given the path) see the same text even while the scenario is being edited.
    """
    shipped = default_scenario()
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(shipped.parent, root / shipped.parent.name)
    shutil.copytree(shipped.parent.parent / "seeds", root / "seeds")
    path = str(root / shipped.parent.name / shipped.name)
    world, _ = load_world(path)
    return world, path


@pytest.fixture(scope="session")
def river() -> tuple[World, str]:
    world, _ = load_world(RIVER)
    return world, str(RIVER)


@pytest.fixture(scope="session")
def river_offer() -> tuple[World, str]:
    world, _ = load_world(RIVER_OFFER)
    return world, str(RIVER_OFFER)

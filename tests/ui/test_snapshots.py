"""Screenshots of every screen at 80x24 and 120x40, compared with the approved SVGs.

The frozen river scenario (tests/ui/data/river.yaml) and a fixed seed keep them
deterministic. After an intended change of the layout, regenerate with
`pytest tests/ui/test_snapshots.py --snapshot-update` and look at the new SVGs before
committing them.
"""

from __future__ import annotations

import pytest

from game.engine import World
from game.ui.app import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
TURNS = 5  # the river scenario's length
PLAY_ALL = ["enter"] + ["enter", "enter"] * TURNS  # briefing, then confirm and close each turn


def app_for(river: tuple[World, str], role: str | None = "NRL"):
    world, path = river
    return make_app(world, scenario_path=path, role=role, seed=1)


@pytest.mark.parametrize("size", SIZES)
def test_role_picker(snap_compare, river, size):
    assert snap_compare(app_for(river, role=None), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare, river, size):
    assert snap_compare(app_for(river), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_turn_screen(snap_compare, river, size):
    assert snap_compare(app_for(river), press=["enter", "2"], terminal_size=size)


def test_turn_screen_light_theme(snap_compare, river):
    assert snap_compare(app_for(river), press=["enter", "enter", "enter", "ctrl+t"])


@pytest.mark.parametrize("size", SIZES)
def test_turn_report(snap_compare, river, size):
    assert snap_compare(app_for(river), press=["enter", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_second_turn(snap_compare, river, size):
    """News, changes since last turn and the trend lines appear from the second turn on."""
    assert snap_compare(app_for(river), press=["enter", "enter", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, river, size, monkeypatch):
    # Help names the save folder, so it must be the same path on every run. Nothing is
    # written there: no turn is played before help is shown.
    monkeypatch.setenv("XDG_DATA_HOME", "/nonexistent/detente-snapshots")
    assert snap_compare(app_for(river), press=["enter", "question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_end_screen(snap_compare, river, size):
    assert snap_compare(app_for(river), press=PLAY_ALL, terminal_size=size)

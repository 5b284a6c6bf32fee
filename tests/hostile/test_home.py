"""No home folder (issue 18): with HOME unset and a uid that has no account entry (a container,
a class server), `detente play` crashed after the first turn, when the autosave asked for
~/.local/share. Saves now go to a private folder in the temporary folder, and the player is
told so."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from game.engine import World, new_game
from game.paths import user_data_folder
from game.saves import default_save_dir, read_save
from game.scenario.loader import load_scenario
from game.ui.app import make_app
from game.ui.session import LocalSession


def no_account(uid: int):
    """The password database's answer for a uid without an entry."""
    raise KeyError(f"getpwuid(): uid not found: {uid}")


@pytest.fixture
def homeless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No HOME, no XDG_DATA_HOME, no account entry; the temporary folder is ``tmp_path``."""
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr("pwd.getpwuid", no_account)
    monkeypatch.setattr("tempfile.tempdir", os.fspath(tmp_path))
    with pytest.raises(RuntimeError):
        Path.home()  # what default_save_dir used to call
    return tmp_path / f"detente-{os.getuid()}"


def test_saves_fall_back_to_a_private_temporary_folder(homeless: Path) -> None:
    folder = user_data_folder()
    assert folder.path == homeless
    assert stat.S_IMODE(homeless.stat().st_mode) == 0o700
    assert f"saves go to {homeless}, which the system may clear" in folder.note
    assert "set HOME or XDG_DATA_HOME" in folder.note
    assert default_save_dir() == homeless / "detente" / "saves"


def test_a_folder_of_that_name_made_by_someone_else_is_not_used(
    homeless: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    homeless.mkdir()
    monkeypatch.setattr(os, "getuid", lambda: os.stat(homeless).st_uid + 1)
    chosen = user_data_folder().path
    assert chosen != homeless and chosen.parent == homeless.parent
    assert chosen.name.startswith(f"detente-{os.getuid()}-")


def test_an_autosave_after_the_first_turn_is_written(homeless: Path) -> None:
    path = Path(__file__).parents[2] / "scenarios" / "s400_transfer.yaml"
    loaded = load_scenario(path).loaded
    assert loaded is not None
    world = World.build(loaded)
    session = LocalSession(world, new_game(world, "TUR", 1), os.fspath(path))
    session.play(next(o.id for o in session.turn_view().options if o.available))
    written = session.autosave()
    assert written.parent == homeless / "detente" / "saves"
    assert read_save(written).role == "TUR"


async def test_the_player_is_told_where_saves_go(homeless: Path) -> None:
    path = Path(__file__).parents[2] / "scenarios" / "s400_transfer.yaml"
    loaded = load_scenario(path).loaded
    assert loaded is not None
    app = make_app(World.build(loaded), scenario_path=os.fspath(path), role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any(m.startswith("Saves: there is no home folder") for m in app.messages)

"""How a scenario's path is written in a command the game suggests (help's replay hint)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.paths import path_to_type


def test_a_file_below_the_current_folder_is_named_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "crises").mkdir()
    monkeypatch.chdir(tmp_path)
    assert path_to_type(str(tmp_path / "crises" / "mine.yaml")) == "crises/mine.yaml"


def test_a_file_elsewhere_keeps_the_path_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    elsewhere = str(tmp_path / "there" / "mine.yaml")
    assert path_to_type(elsewhere) == elsewhere

"""Copies of the shipped S-400 scenario with one planted defect each, in a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "s400_transfer.yaml"

Mutation = Callable[[dict[str, Any]], None]


@pytest.fixture
def planted(tmp_path: Path) -> Callable[[Mutation], Path]:
    """planted(mutate) -> path of a copy of the S-400 scenario changed by mutate(data)."""

    def make(mutate: Mutation) -> Path:
        (tmp_path / "scenarios").mkdir(exist_ok=True)
        shutil.copytree(ROOT / "seeds", tmp_path / "seeds", dirs_exist_ok=True)
        data = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
        data.pop("tests", None)  # the shipped tests describe the unchanged scenario
        mutate(data)
        target = tmp_path / "scenarios" / "planted.yaml"
        target.write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        return target

    return make


def first_role(data: dict[str, Any]) -> dict[str, Any]:
    return next(a for a in data["actors"] if a.get("playable"))

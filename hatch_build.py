"""Puts the shipped scenarios, seed briefs and schema in the wheel, under game/shipped/.

They stay at the top of the repository, where instructors find and edit them: that is the one
copy. A regular wheel carries them inside the package in the same relative layout (so a
scenario's `sources: ../seeds/...` still resolves); an editable install does not, since there
game/paths.py finds the repository's own folders, and a copy in site-packages would only go
stale. (pyproject.toml's static force-include would also copy them into editable installs.)
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHIPPED = {
    "scenarios": "game/shipped/scenarios",
    "seeds": "game/shipped/seeds",
    "docs/scenario.schema.json": "game/shipped/docs/scenario.schema.json",
}


class ShippedFiles(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"].update(SHIPPED)

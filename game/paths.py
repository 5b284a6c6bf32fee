"""Where the shipped scenarios live.

Scenarios and seed briefs sit at the top of the repository (instructors find and copy them
there). The project is installed in editable mode by `make`, so they are found next to the
package; DETENTE_SCENARIOS points elsewhere when needed.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SCENARIO = "s400_transfer.yaml"
TUTORIAL_SCENARIO = "tutorial.yaml"


def scenario_dir() -> Path:
    override = os.environ.get("DETENTE_SCENARIOS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "scenarios"


def default_scenario() -> Path:
    return scenario_dir() / DEFAULT_SCENARIO


def tutorial_scenario() -> Path:
    """The tutorial, offered first to someone who has never played."""
    return scenario_dir() / TUTORIAL_SCENARIO


def shipped_scenarios() -> list[Path]:
    return sorted(scenario_dir().glob("*.yaml"))

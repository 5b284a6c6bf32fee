"""The scenario format: model, loader, checker and schema. Knows nothing of engine or UI.

The names below are loaded on first use (PEP 562), not when the package is: the engine
imports the model and the expression parser from here, and must not pull in the loader's
file reading and YAML parsing with them (see the import contracts in pyproject.toml).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.scenario.diagnostics import Diagnostic
    from game.scenario.loaded import LoadedScenario
    from game.scenario.loader import LoadResult, load_scenario, load_scenario_text
    from game.scenario.model import Scenario

_HOMES = {
    "Diagnostic": "game.scenario.diagnostics",
    "LoadResult": "game.scenario.loader",
    "LoadedScenario": "game.scenario.loaded",
    "Scenario": "game.scenario.model",
    "load_scenario": "game.scenario.loader",
    "load_scenario_text": "game.scenario.loader",
}

__all__ = [
    "Diagnostic",
    "LoadResult",
    "LoadedScenario",
    "Scenario",
    "load_scenario",
    "load_scenario_text",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
